"""The parts of the Documents page: import, thumbnails, the viewer and the details form."""
