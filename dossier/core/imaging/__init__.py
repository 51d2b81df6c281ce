"""Imaging discs: DICOM studies and series, the patient check, previews, and a copy of the
disc for the next doctor. Files are read only in the sandboxed reader processes."""
