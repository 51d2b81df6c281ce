"""The parts of the Questions page: its filters and its list (the model is in ``ui.models``)."""
