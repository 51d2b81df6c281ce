"""Reading paper: text recognised on scanned pages and photos (Tesseract, through tesserocr).

A page with no text of its own is queued when its document is imported
(:mod:`.queue`), read later in the sandboxed reader processes (:mod:`.engine` runs
there, :mod:`.run` drives them), and its text stored with its confidence (:mod:`.results`),
searchable and citable like any page. Text the person corrects is kept (:mod:`.queue`).
"""
