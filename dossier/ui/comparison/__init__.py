"""The comparison of opinions side by side (issue 4): the view and its parts (the opinions
picked, the summary, the grid of aspects, what the person does), its cells and dialogs."""

from .view import ComparisonView

__all__ = ["ComparisonView"]
