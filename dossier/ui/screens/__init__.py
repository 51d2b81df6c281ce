"""The screen catalogue: every page, tab and dialog of the window as a picture, and what
looks wrong on each, found automatically.

``python -m dossier.ui.screens OUTDIR`` opens the example dossier and an empty one
offscreen, on a pinned day, and writes ``OUTDIR/<size>/<screen>.png`` at 1366x768 and
1920x1080, ``OUTDIR/1366x768-text150/<screen>.png`` with the application's text half as
large again, and ``OUTDIR/findings.json``: text that is cut, widgets outside their window,
forms and tables that scroll sideways, buttons off the screen, column headings cut.

``--language CODE`` (en, nl, he, uk, ru, pseudo or all) makes the window and the example
in that language, into ``OUTDIR/<size>-<code>/``; in the pseudo-language English left on a
screen (text that bypassed the catalogue) is a finding too. ``--only SCREEN`` keeps one
screen (``overview``, ``cases-comparison``, ``appointment-mode``…).

What is captured is in :mod:`.shots`, :mod:`.dialog_shots`, :mod:`.imaging_shots` and
:mod:`.protection_shots`, the checks in
:mod:`.findings`, the run in :mod:`.runner`.
"""
