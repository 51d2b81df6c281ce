"""Printing from the window: a small dialog per report, the letter editor, a preview
rendered off the UI thread, Save as PDF and Print.

The report content comes from ``dossier.core.reports`` (read on the UI thread, where the
dossier's connection lives); only the PDF layout runs on a worker thread.
"""
