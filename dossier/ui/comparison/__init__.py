"""The comparison of opinions side by side (issue 4): the view, its cells and dialogs."""

from .view import ComparisonView

__all__ = ["ComparisonView"]
