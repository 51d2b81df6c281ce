"""Keeping a dossier whole: the integrity check, its repair, and the start-up sweep.

* :mod:`.inflight`: imports say, with a lock and a marker, that vault files may exist
  without their rows for a while, so nothing moves those files meanwhile;
* :mod:`.sweep`: after an interrupted import, files left without a row go to quarantine;
* :mod:`.check` / :mod:`.repair`: ``dossier check [--repair]`` and its window.

Nothing here ever deletes a record or a file of the dossier: what does not belong is
moved to ``quarantine/`` (see :mod:`.quarantine`), what can be made again is rebuilt.
"""
