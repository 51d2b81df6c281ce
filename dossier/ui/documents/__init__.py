"""The parts of the Documents page: its header, notice bar, browser (thumbnails or list) and
reader (viewer and details), the imports and the open document's actions, with the model,
thumbnails, viewer, import dialog and details form they are built from."""
