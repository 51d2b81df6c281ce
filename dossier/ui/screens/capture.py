"""One size of the catalogue: the windows opened, each shot shown, saved and checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt, QTranslator
from PySide6.QtGui import QFont, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ...core.i18n import PSEUDO, set_translator
from ...core.opening import create_dossier, open_dossier
from ...core.pseudo import pseudo
from ..main_window import MainWindow
from ..qt_language import apply_language, qt_translations_dir
from .catalogued import unmarked_stay_english
from .dialog_shots import dialog_shots
from .findings import Finding, find_problems
from .imaging_shots import imaging_dialog_shots, imaging_shot
from .leftover import Leftover
from .protection_shots import (
    PROTECTION_CLOSE_AFTER,
    forget_protected,
    make_protected,
    protection_shots,
)
from .shots import CLOSE_AFTER, Scene, Shot, main_window_shots, settle

if TYPE_CHECKING:
    from .runner import Size

__all__ = ["capture_size"]


def capture_size(
    size: Size,
    example: Path,
    work: Path,
    outdir: Path,
    keep: Callable[[str], bool] | None,
    say: Callable[[str], None],
    language: str = "en",
    leftover: Leftover | None = None,
    marked: frozenset[str] | None = None,
) -> list[Finding]:
    """Every shot at ``size`` over the example dossier (at ``example``), an empty dossier,
    a protected one and the welcome page, in ``language``, saved in ``outdir``; what the checks found
    (with ``leftover``, also the English that bypassed the catalogue; with ``marked``, a
    string given to ``tr`` but never marked stays English in the pseudo-language)."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_language(app, language)  # English again at the end
    qt_words = QtWordsInPseudo(app) if language == PSEUDO else None
    if qt_words is not None:
        app.installTranslator(qt_words)
    if marked is not None:
        set_translator(unmarked_stay_english(marked))
    normal = app.font()
    if size.text_scale != 1.0:
        bigger = QFont(normal)  # a copy: the normal font is put back afterwards
        bigger.setPointSizeF(normal.pointSizeF() * size.text_scale)
        app.setFont(bigger)
    outdir.mkdir(parents=True, exist_ok=True)
    found: list[Finding] = []
    try:
        empty = work / "empty"
        protected = work / "protected" / "example"  # named as the example's folder
        runs: list[tuple[Path | None, list[Shot]]] = [
            (
                example,
                [
                    *main_window_shots(example=True),
                    imaging_shot(),
                    *dialog_shots(),
                    *imaging_dialog_shots(),
                ],
            ),
            (empty, main_window_shots(example=False)),
            (protected, protection_shots()),
            (None, [Shot("welcome", lambda scene: scene.window)]),
        ]
        for path, shots in runs:
            chosen = [s for s in shots if keep is None or keep(s.name)]
            if not chosen:
                continue
            if path == empty:
                create_dossier(empty, name="Alex Example", born="1958-03-14").close()
            if path == protected:
                make_protected(protected)
            window = MainWindow(open_dossier(path) if path is not None else None)
            window.resize(size.width, size.height)
            window.show()
            settle()
            scene = Scene(window, work, size.width, size.height, _today())
            try:
                for shot in chosen:
                    found.extend(_take(scene, shot, size, outdir, leftover))
                    say(f"{outdir.name}/{shot.name}.png")
            finally:
                window.close()
                window.deleteLater()
                settle()
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                if path == protected:
                    forget_protected(protected)
    finally:
        app.setFont(normal)
        set_translator(None)
        if qt_words is not None:
            app.removeTranslator(qt_words)
            qt_words.deleteLater()
        apply_language(app, "en")
    return found


def _today() -> str:
    from ...core.clock import today

    return today().isoformat()


def _take(
    scene: Scene, shot: Shot, size: Size, outdir: Path, leftover: Leftover | None
) -> list[Finding]:
    scene.window.resize(size.width, size.height)
    top = shot.show(scene)
    settle()
    picture = _picture(top)
    picture.save(str(outdir / f"{shot.name}.png"), "PNG")
    screen = QRect(0, 0, size.width, size.height)
    found = find_problems(top, shot.name, size.name, screen, leftover)
    after = CLOSE_AFTER.get(shot.name) or PROTECTION_CLOSE_AFTER.get(shot.name)
    if after is not None:  # before the dialogs close: some refuse a plain close
        after(scene)
    for dialog in scene.opened:
        dialog.close()
        if isinstance(dialog, QDialog) and dialog.objectName() != "importDialog":
            dialog.deleteLater()
    scene.opened.clear()
    if scene.window.view is not None:
        scene.window.view.search.line.clear()  # the search's results close
    settle()
    return found


def _is_popup(widget: QWidget) -> bool:
    kind = widget.windowType()
    return kind in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.Tool)


def _picture(top: QWidget) -> QPixmap:
    """``top`` as drawn, with the popups shown over it (the search's results)."""
    picture = top.grab()
    popups = [
        w
        for w in QApplication.topLevelWidgets()
        if w is not top and w.isVisible() and _is_popup(w) and w.window() is w
    ]
    if popups:
        painter = QPainter(picture)
        origin = top.geometry().topLeft()
        for popup in popups:
            painter.drawPixmap(popup.geometry().topLeft() - origin, popup.grab())
        painter.end()
    return picture


class QtWordsInPseudo(QTranslator):
    """Qt's own words ("Cancel", "Ctrl") in the pseudo-language too, as its translations
    give them in the others: what is left in English is then ours. Qt's own are the words
    its Dutch translation knows (a widget's ``self.tr`` is looked up under Qt's class
    names too, and must stay English: it bypassed our catalogue)."""

    def __init__(self, parent: QApplication) -> None:
        super().__init__(parent)
        self.known = QTranslator(self)
        self.known.load("qtbase_nl", str(qt_translations_dir()))

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if self.known.translate(context, source_text, disambiguation, n):
            return pseudo(source_text)
        return None  # not Qt's: as written
