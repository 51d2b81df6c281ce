"""The parts of the Cases page: the list of cases, the case's header and its tabs (details,
diagnoses, opinions with their links, documents, the comparison)."""
