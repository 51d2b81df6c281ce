"""One open dossier on screen: the person on top, pages on the left, the page on the right."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import records
from ..core.bidi import isolate
from ..core.errors import DossierError
from ..core.i18n import is_right_to_left, tr
from ..core.records import Change
from .after_paint import AfterFirstPaint, now_or_after
from .formatting import date_text, escape
from .pages.registry import PageEntry, pages
from .read_only_notice import ReadOnlyNotice
from .search_box import SearchBox
from .session import Session
from .widgets.shown_page_size import ShownPageSize


class _LazyPages(Mapping[str, QWidget]):
    """The view's pages by key; looking one up makes it if needed."""

    def __init__(self, view: DossierView) -> None:
        self._view = view

    def __getitem__(self, key: str) -> QWidget:
        if key not in [e.key for e in self._view.entries]:
            raise KeyError(key)
        return self._view.page(key)

    def __contains__(self, key: object) -> bool:  # without making the page
        return key in [e.key for e in self._view.entries]

    def __iter__(self) -> Iterator[str]:
        return iter([e.key for e in self._view.entries])

    def __len__(self) -> int:
        return len(self._view.entries)


USER_ROLE = 256  # Qt.ItemDataRole.UserRole


class _StandIn(QWidget):
    """Holds a page's place in the stack until the page is made."""

    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted.emit()


def _fit_navigation(nav: QListWidget) -> None:
    """As wide as the longest page name, up to about 18 letters: a longer one (in Russian,
    with large text) goes on to a second line rather than narrow the page beside it."""
    nav.setWordWrap(True)
    widest = nav.sizeHintForColumn(0) + 32
    most = nav.fontMetrics().averageCharWidth() * 18 + 32
    nav.setFixedWidth(max(180, min(widest, most)))


class DossierView(QWidget):
    page_changed = Signal(str)
    page_built = Signal(str, QWidget)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        after_paint: AfterFirstPaint | None = None,
    ) -> None:
        """``after_paint``: the window's waiter, which writes the keyboard shortcuts into the
        tooltips once the window is on screen (see :mod:`dossier.ui.after_paint`); without
        one, at once."""
        super().__init__(parent)
        self.session = session
        self.person = QLabel()
        self.person.setObjectName("person")
        self.person.setAccessibleName(tr("Whose dossier this is"))
        font = self.person.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.person.setFont(font)
        # A long name on two lines, not a window wider than the screen.
        self.person.setWordWrap(True)
        self.header = QHBoxLayout()
        self.header.setContentsMargins(12, 8, 12, 8)
        self.header.addWidget(self.person, 1)
        self.search = SearchBox(session, after_paint=after_paint)
        self.header.addWidget(self.search)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(tr("Pages"))
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        self.entries: list[PageEntry] = pages()
        self._built: dict[str, QWidget] = {}
        self.pages = _LazyPages(self)  # pages are made when first shown: a quick start
        for entry in self.entries:
            stand_in = _StandIn()  # until the page is first shown
            stand_in.painted.connect(self._make_shown_page_soon)
            self.stack.addWidget(stand_in)
            item = QListWidgetItem(entry.title)
            item.setData(USER_ROLE, entry.key)
            self.nav.addItem(item)
        now_or_after(after_paint, self._add_shortcuts, self)
        if after_paint is not None:  # the waiting work comes after the first page's paint too
            after_paint.expect_page()
            self.page_built.connect(after_paint.on_page_built)
        _fit_navigation(self.nav)
        self._stack_size = ShownPageSize(self.stack)  # the window as wide as the page shown
        self.nav.currentRowChanged.connect(self._on_nav)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.read_only_notice: ReadOnlyNotice | None = None
        if session.dossier.read_only is not None:
            self.read_only_notice = ReadOnlyNotice(session.dossier.read_only)
            layout.addWidget(self.read_only_notice)
        layout.addLayout(self.header)
        layout.addLayout(body, 1)
        session.changed.connect(self._on_change)
        # The name at once; the date of birth once the window is on screen (writing a date
        # loads the language's calendar data, ~50 ms the first paint does without).
        self.refresh_person(with_born=False)
        now_or_after(after_paint, self.refresh_person, self)
        self.select_page(self.entries[0].key)
        self.search.open_document.connect(self.open_document)
        self.search.open_record.connect(self.open_record)

    def _add_shortcuts(self) -> None:
        """Ctrl+1…0 in the navigation's tooltips. The keys themselves belong to the window's
        Go menu, set there once: a key set twice is ambiguous to Qt, which then runs neither."""
        for row, entry in enumerate(self.entries):
            text = QKeySequence(entry.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            # Translators: a page's name and its keyboard shortcut: "Documents (Ctrl+3)".
            self.nav.item(row).setToolTip(
                tr("{page} ({shortcut})", page=entry.title, shortcut=text)
            )

    def page(self, key: str) -> QWidget:
        """The page ``key``, made now if it was never shown."""
        built = self._built.get(key)
        if built is not None:
            return built
        index = self._index(key)
        entry = self.entries[index]
        page = entry.make(self.session)
        page.setObjectName(f"page_{entry.key}")
        current = self.stack.currentIndex()
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        self._stack_size.refresh()
        self._built[key] = page
        self._connect_page(key, page)
        self.page_built.emit(key, page)
        return page

    def built_pages(self) -> dict[str, QWidget]:
        return dict(self._built)

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.nav.setCurrentRow(self._index(key))
        return page

    def select_page(self, key: str) -> None:
        """Show page ``key``, made only once the window has painted (the first page at start).

        The window appears with its header and navigation first; the page follows a
        moment later, so a person sees the window as soon as possible.
        """
        index = self._index(key)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)
        self.stack.setCurrentIndex(index)

    def _make_shown_page_soon(self) -> None:
        QTimer.singleShot(0, self._make_shown_page)

    def _make_shown_page(self) -> None:
        if not self.isVisible():  # closed meanwhile; a page is made when it is asked for
            return
        index = self.stack.currentIndex()
        if 0 <= index < len(self.entries):
            self.page(self.entries[index].key)

    def _index(self, key: str) -> int:
        return [e.key for e in self.entries].index(key)

    def _connect_page(self, key: str, page: QWidget) -> None:
        """Links between pages: a case on the overview, an opinion's doctor or document."""
        open_case = getattr(page, "open_case", None)
        if key == "overview" and open_case is not None:
            open_case.connect(self._open_case)
            page.new_case.connect(self._new_case)  # type: ignore[attr-defined]
            page.open_plan.connect(self._open_plan)  # type: ignore[attr-defined]
        if key == "documents":  # a disc offered to the documents goes to Imaging
            page.imports.disc_offered.connect(self.add_imaging_disc)  # type: ignore[attr-defined]
            page.imports.invitations_offered.connect(  # type: ignore[attr-defined]
                self._offer_invitations
            )
        if key == "cases":
            page.open_record.connect(self.open_record)  # type: ignore[attr-defined]
            page.open_document.connect(self.open_document)  # type: ignore[attr-defined]
            page.open_document_at.connect(self.open_document)  # type: ignore[attr-defined]

    def _open_case(self, case_id: int) -> None:
        page = self.show_page("cases")
        show_case = getattr(page, "show_case", None)
        if callable(show_case):
            show_case(case_id)

    def _open_plan(self, case_id: int) -> None:
        page = self.show_page("cases")
        show_plan = getattr(page, "show_plan", None)
        if callable(show_plan):
            show_plan(case_id)

    def _new_case(self) -> None:
        page = self.show_page("cases")
        new_case = getattr(page, "new_case", None)
        if callable(new_case):
            new_case()

    def current_page_key(self) -> str:
        return self.entries[self.stack.currentIndex()].key

    def refresh_person(self, *, with_born: bool = True) -> None:
        if self.session.dossier.db.closed:  # closed before the window was first painted
            return
        person = records.get(self.session.dossier, "person", 1)
        born = (
            "  <span style='font-size:small'>"
            + escape(tr("born {date}", date=date_text(person["born"])))
            + "</span>"
            if person.get("born") and with_born
            else ""
        )
        line = f"<b>{escape(isolate(str(person['name'])))}</b>{born}"
        # The window's direction, whatever the name's script: a Latin name in a Hebrew
        # window starts at the right, where the window's text starts.
        direction = "rtl" if is_right_to_left() else "ltr"
        self.person.setText(f"<div dir='{direction}'>{line}</div>")

    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        self.page(self.entries[row].key)
        self.stack.setCurrentIndex(row)
        self.page_changed.emit(self.entries[row].key)

    def _on_change(self, change: Change) -> None:
        if change.entity == "person":
            self.refresh_person()

    # Documents and search ----------------------------------------------------------
    def import_files(self, paths: Sequence[Path]) -> None:
        """Show the Documents page and add ``paths`` (files and folders) to the dossier."""
        from .pages.documents import DocumentsPage

        read_only = self.session.dossier.read_only
        if read_only is not None:  # say why before a file is even looked at
            from .read_only_notice import show_refusal

            show_refusal(self, read_only.refusal, read_only)
            return

        page = self.show_page("documents")
        if isinstance(page, DocumentsPage):
            page.import_files(list(paths))

    def _offer_invitations(self, paths: list[Path]) -> None:
        """Calendar invitations given to the import: each shown, to add its appointment."""
        from .appointment.invitation_flow import offer_invitations

        offer_invitations(self, paths)

    def open_document(self, document_id: int, page: int | None = None) -> None:
        from .pages.documents import DocumentsPage

        shown = self.show_page("documents")
        if isinstance(shown, DocumentsPage):
            shown.open_document(document_id, page)

    def add_imaging_disc(self, source: Path | None = None) -> None:
        """Show the Imaging page and add a disc (``source``, or asked for)."""
        from .pages.imaging import ImagingPage

        page = self.show_page("imaging")
        if isinstance(page, ImagingPage):
            page.add_disc(source)

    def leave(self) -> None:
        """The dossier is being left: the pages let go of what works for them (the
        imaging page's image reader)."""
        for page in self._built.values():
            leave = getattr(page, "leave", None)
            if callable(leave):
                leave()

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a record found by the search on the page that lists its kind, if any."""
        from .pages.record_page import RecordPage

        if kind == "study":  # on the Imaging page, with its series and images
            from .pages.imaging import ImagingPage

            imaging = self.show_page("imaging")
            if isinstance(imaging, ImagingPage):
                imaging.show_study(record_id)
            return

        try:
            record = records.get(self.session.dossier, kind, record_id)
        except DossierError:
            return
        case_id = record_id if kind == "case" else record.get("case_id")
        for key, page in self.pages.items():
            show_case = getattr(page, "show_case", None)
            if kind == "case" and callable(show_case):
                self.show_page(key)
                show_case(record_id)
                return
            found = [page, *page.findChildren(RecordPage)]
            for candidate in [c for c in found if isinstance(c, RecordPage)]:
                if candidate.spec.name != kind:
                    continue
                self.show_page(key)
                if callable(show_case) and case_id is not None:
                    show_case(case_id)  # records of a case are listed with their case
                child: QWidget = candidate
                parent = candidate.parentWidget()
                while parent is not None and child is not page:
                    if isinstance(parent, QStackedWidget):  # the tab holding the list
                        tabs = parent.parentWidget()
                        if isinstance(tabs, QTabWidget):
                            tabs.setCurrentWidget(child)
                        else:
                            parent.setCurrentWidget(child)
                    child, parent = parent, parent.parentWidget()
                candidate.select_record(record_id)
                return
