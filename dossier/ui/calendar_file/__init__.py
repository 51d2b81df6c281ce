"""The person's own calendar from the window: Dossier → Export to a Calendar File… and Keep a
Calendar File Up to Date… (the file itself: dossier.core.ical)."""
