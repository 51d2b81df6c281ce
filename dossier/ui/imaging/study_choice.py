"""One study found on a disc, in the confirmation before it is added: a tick to add it,
what it holds, and whose files they are. A study whose files name another person says so
first, in a box that stands out, and starts unticked: it is added only when ticked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from ...core.bidi import isolate
from ...core.i18n import ntr, tr
from ...core.imaging.scan import FoundStudy
from ..formatting import date_text
from .reading_side import window_side
from .study_text import body_part_text, counts_text, modality_text, size_text

MISMATCH_STYLE = (
    "QLabel#studyMismatch { background: #fff1cc; color: #5c3b00; border: 2px solid #c98a00;"
    " border-radius: 4px; padding: 8px; font-weight: bold; }"
)


def found_title(study: FoundStudy) -> str:
    return (study.description or "").strip() or modality_text(study.modality) or tr("Imaging study")


def found_line(study: FoundStudy) -> str:
    """ "12 Mar 2026 · Amsterdam UMC · 3 series, 24 images, 169 kB"."""
    counts = counts_text(len(study.series), study.image_count)
    parts = [
        date_text(study.date),
        isolate(study.institution) if study.institution else "",
        modality_text(study.modality),
        # Translators: how much a study holds and its size on the disc: "3 series, 24 images, 169 kB".
        tr("{counts}, {size}", counts=counts, size=size_text(study.size)),
    ]
    return " · ".join(p for p in parts if p)


def series_line(study: FoundStudy) -> str:
    """ "Series: THORAX 2.5 MM (12), THORAX LONG (8), Scout (4)"."""
    named = []
    for series in study.series:
        name = (series.description or "").strip() or body_part_text(series.body_part)
        name = name or modality_text(series.modality)
        if not name:
            name = tr("Series {n}", n=series.number) if series.number is not None else tr("Series")
        named.append(tr("{name} ({n})", name=isolate(name), n=len(series.images)))
    return tr("Series: {list}", list=", ".join(named))


class StudyChoice(QFrame):
    """A study of the disc, ticked to be added."""

    toggled = Signal()

    def __init__(self, study: FoundStudy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("studyChoice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.study = study
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        self.warning: QLabel | None = None
        if study.check.mismatch:
            self.warning = QLabel("⚠ " + study.check.message)
            self.warning.setObjectName("studyMismatch")
            self.warning.setWordWrap(True)
            self.warning.setTextFormat(Qt.TextFormat.PlainText)
            self.warning.setStyleSheet(MISMATCH_STYLE)
            window_side(self.warning)
            layout.addWidget(self.warning)
        self.tick = QCheckBox(found_title(study))
        self.tick.setObjectName("studyTick")
        font = self.tick.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.tick.setFont(font)
        already = study.existing_id is not None and study.known_images >= study.image_count
        self.tick.setChecked(not study.check.mismatch and not already)
        self.tick.setEnabled(not already)
        self.tick.toggled.connect(lambda _on: self.toggled.emit())
        layout.addWidget(self.tick)
        for text, name in (
            (found_line(study), "studyFound"),
            (series_line(study), "studySeries"),
            (self._status(study, already), "studyStatus"),
        ):
            if not text:
                continue
            label = QLabel(text)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setIndent(self.tick.iconSize().width() + 8)
            window_side(label)
            layout.addWidget(label)

    @staticmethod
    def _status(study: FoundStudy, already: bool) -> str:
        if already:
            return tr("Already in the dossier: there is nothing new to add.")
        lines = []
        if not study.check.mismatch:
            mark = "✓ " if study.check.result == "match" else "? "
            lines.append(mark + study.check.message)
        if study.known_images:
            lines.append(
                ntr(
                    "{n} of its images is already in the dossier.",
                    "{n} of its images are already in the dossier.",
                    study.known_images,
                )
            )
        return "\n".join(lines)

    def chosen(self) -> bool:
        return self.tick.isChecked()


__all__ = ["StudyChoice", "found_line", "found_title", "series_line"]
