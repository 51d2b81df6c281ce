"""The menu a document gets in the grid and in the list (right click, or the menu key):
Rename…, Open in my usual viewer, Save a copy…, Move to trash. The click chooses the
document first, as a file manager does, so the menu acts on the one under the pointer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu

from ...core.i18n import tr


class DocumentMenu(QObject):
    """Gives ``views`` their document menu. ``choose(index)`` opens the document at
    ``index`` and says whether it is now the open one; the other callables act on it."""

    def __init__(
        self,
        views: tuple[QAbstractItemView, ...],
        *,
        choose: Callable[[QModelIndex], bool],
        rename: Callable[[], None],
        open_externally: Callable[[], None],
        save_copy: Callable[[], None],
        move_to_trash: Callable[[], None],
        writable: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.choose = choose
        self.writable = writable
        self.menu: QMenu | None = None  # the one on screen
        self._entries: tuple[tuple[str, str, Callable[[], None], QKeySequence | None], ...] = (
            ("rename", tr("Rename…"), rename, QKeySequence(Qt.Key.Key_F2)),
            ("open", tr("Open in my usual viewer"), open_externally, None),
            ("copy", tr("Save a copy…"), save_copy, None),
            (
                "trash",
                tr("Move to trash"),
                move_to_trash,
                QKeySequence(QKeySequence.StandardKey.Delete),
            ),
        )
        for view in views:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self.show_menu(v, pos))

    def build(self, parent: QAbstractItemView) -> QMenu:
        """The menu for the open document (its changes disabled on a read-only dossier)."""
        menu = QMenu(parent)
        menu.setObjectName("documentMenu")
        writable = self.writable()
        for key, text, slot, keys in self._entries:
            if key == "trash":
                menu.addSeparator()
            action = QAction(text, menu)
            action.setObjectName(f"documentMenu_{key}")
            if keys is not None:
                # Shown beside the entry as a hint; the keys themselves are handled by the
                # page, so the menu's copy never competes with them.
                action.setShortcut(keys)
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setEnabled(writable or key in ("open", "copy"))
            action.triggered.connect(slot)
            menu.addAction(action)
        return menu

    def show_menu(self, view: QAbstractItemView, pos: QPoint) -> None:
        index = view.indexAt(pos)
        if not index.isValid() or not self.choose(index):
            return
        if self.menu is not None:
            self.menu.close()
        menu = self.build(view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.destroyed.connect(self._forget)
        self.menu = menu
        menu.popup(view.viewport().mapToGlobal(pos))

    def show_for_current(self, view: QAbstractItemView) -> None:
        """The menu of the chosen document, beside it (the menu key)."""
        rect = view.visualRect(view.currentIndex())
        if rect.isValid():
            self.show_menu(view, rect.center())

    def _forget(self) -> None:
        self.menu = None
