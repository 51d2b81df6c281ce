"""Hand-overs of a case: everything sent to the second doctor in one bundle, and the
decision handed back to the GP and the treating team (who has been told)."""
