"""Hand-overs in the window: "Send to the Second Doctor…" (one bundle for a case)."""
