"""The person's own calendar in iCalendar files: the calendar written out, invitations read in."""
