"""The content of every printed report, assembled as plain data (no Qt, no layout).

One module per report builds a :class:`.model.Report` from a dossier; ``dossier.reports``
lays it out into PDF. A comparison report will join them as ``comparison.py`` once the
comparison core exists.
"""
