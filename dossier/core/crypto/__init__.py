"""Protecting a dossier with a passphrase (issue 18): the master key and its wrappings, the
recovery key, the encryption of vault files, and the keyed names they are stored under."""
