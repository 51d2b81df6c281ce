"""Reminders on the desktop (issue 19): desktop notifications at the calendar's alarm times
while the program runs, also kept in the system tray; without a tray, a calm notice in the
window; and on the Overview, once, what fell due while the program was closed.

What is due, and whether it was given, is the core's (:mod:`dossier.core.reminders`).
"""
