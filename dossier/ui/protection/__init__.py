"""Protection with a passphrase in the window: unlocking a dossier as it opens, the
passphrase of a new dossier, its recovery sheet, locking the window (by hand and when
idle), and changing the passphrase or the recovery sheet."""
