"""Imaging discs in the window: the studies and their series, a viewer that scrolls
through the slices, adding a disc (read, checked, confirmed, added) and copying it for the
next doctor. The Imaging page (:mod:`dossier.ui.pages.imaging`) puts these parts together;
everything they read or write goes through :mod:`dossier.core.imaging`."""
