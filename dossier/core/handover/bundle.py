"""Send to the second doctor: one bundle for a case, complete or nothing.

A bundle (a new folder, or a new zip file, anywhere the person chooses: a USB stick
will do) holds the cover letter, the consultation brief and the packet, printed in the
doctor's language when the program speaks it (else in English, and the result says so);
the case's original documents as files, named so they read in order ("03 2026-02-14
Pathology report.pdf"); their translated copies into that language, next to them in a
translations folder under the original's number; a copy of the disc of each imaging
study whose images the dossier keeps; and ``CONTENTS.txt`` and ``CONTENTS.pdf``: every
file with what it is, what is not included and why, what is sent separately, and what is
not yet translated.

What goes in is decided by :func:`.contents.bundle_contents`; :mod:`.bundle_plan` names
each piece, :mod:`.bundle_write` writes it (see there for complete-or-nothing). The papers
are printed by a ``render`` function the caller passes in (the core never imports Qt:
:func:`dossier.reports.bundle_render.pdf_renderer`). With ``to_id``, a hand-over is
recorded once the bundle is complete: the records sent to that doctor, today, and what.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .. import records
from ..clock import today
from ..errors import DossierError
from ..i18n import tr
from ..language_guess import DOCUMENT_LANGUAGES
from ..records import Change
from ..reports.dates import DateFormatter, long_date
from ..storage import Dossier
from .bundle_errors import BundleCancelled, BundleError
from .bundle_plan import BundlePlan, plan_bundle
from .bundle_result import BundleResult, LeftOut
from .bundle_write import Progress, Render, Rendered, write_bundle


def check_language(language: str) -> str:
    """``language`` as a document-language code ("nl", "de"…), or BundleError."""
    code = (language or "").strip().lower()
    if code not in DOCUMENT_LANGUAGES:
        raise BundleError(
            tr(
                "'{code}' is not a language a document can be written in. Give one of: {codes}.",
                code=code[:20],
                codes=", ".join(DOCUMENT_LANGUAGES),
            )
        )
    return code


def make_bundle(
    dossier: Dossier,
    case_id: int,
    target: Path | str,
    *,
    language: str,
    render: Render,
    to_id: int | None = None,
    as_zip: bool | None = None,
    record: bool = True,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> BundleResult:
    """Write the bundle of case ``case_id`` for a doctor reading ``language`` to
    ``target`` (a zip file when ``as_zip``, or when None and its name ends in .zip; else a
    folder). With ``to_id`` and ``record``, the hand-over is recorded once it is complete
    (see :func:`record_hand_over`: the window records it itself, so Undo takes it back).

    Raises NotFoundError for an unknown case or contact, :class:`BundleError` when no
    bundle was made (nothing was left at ``target``), :class:`BundleCancelled` when
    ``cancelled`` said so."""
    started = time.monotonic()
    target = Path(target)
    zipped = target.suffix.lower() == ".zip" if as_zip is None else as_zip
    language = check_language(language)
    if record and to_id is not None:
        dossier.require_writable()
    plan = plan_bundle(dossier, case_id, language, to_id=to_id, dates=dates, printed=printed)
    outcome, size = write_bundle(
        dossier,
        plan,
        target,
        as_zip=zipped,
        render=render,
        progress=progress,
        cancelled=cancelled,
    )
    result = BundleResult(
        Path(target).absolute(), zipped, size, plan, outcome, time.monotonic() - started
    )
    if record and to_id is not None:
        try:
            change = record_hand_over(dossier, result)
        except DossierError as exc:
            return _with_record(result, None, exc.message)
        return _with_record(result, change.id, "")
    return result


def _with_record(result: BundleResult, hand_over_id: int | None, problem: str) -> BundleResult:
    from dataclasses import replace

    return replace(result, hand_over_id=hand_over_id, hand_over_problem=problem)


def how_sent(result: BundleResult) -> str:
    """How the bundle was sent, in words of the current language, with its name."""
    name = result.path.name
    if result.as_zip:
        return tr("as a zip file, {name}", name=name)
    return tr("as a folder, {name}", name=name)


def record_hand_over(dossier: Dossier, result: BundleResult) -> Change:
    """Record that the records of the bundle ``result`` were sent to its doctor today: a
    hand-over of kind "sent", how (in words: "as a folder, For Dr Halvorsen") and what."""
    to_id = result.plan.contents.to_id
    if to_id is None:
        raise DossierError(tr("Choose the doctor the bundle is for, to record it as sent."))
    return records.create(
        dossier,
        "hand_over",
        {
            "case_id": result.plan.contents.case_id,
            "contact_id": to_id,
            "kind": "sent",
            "done_on": today().isoformat(),
            "how": how_sent(result),
            "what": result.summary(),
        },
    )


__all__ = [
    "BundleCancelled",
    "BundleError",
    "BundlePlan",
    "BundleResult",
    "LeftOut",
    "Progress",
    "Render",
    "Rendered",
    "check_language",
    "make_bundle",
    "plan_bundle",
    "record_hand_over",
]
