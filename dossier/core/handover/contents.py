"""What a case's bundle for the second doctor holds, decided once: the bundle writer
(:mod:`.bundle`) copies it and the cover letter lists it, so the letter never names a file
the bundle lacks.

The documents are the case's originals (a translation is never counted as an original);
for the language chosen for the doctor, the translated copy of each document written in
another language, where there is one, goes with it, and those without one are listed as
not yet translated. The imaging studies whose images the dossier keeps go as copies of
their discs; the slides, films and discs held elsewhere are sent separately.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from .. import records
from ..document_language import language_name
from ..document_translations import needs_translation, translation_into
from ..reports.common import case_documents, one_line
from ..reports.dates import DateFormatter, long_date
from ..reports.imaging_lines import case_studies, without_discs
from ..reports.packet_contents import Untranslated
from ..reports.physical_items import case_items, item_line
from ..storage import Dossier


@dataclass(frozen=True)
class Translated:
    """A translated copy going with its original."""

    original: dict[str, Any]
    translation: dict[str, Any]


@dataclass(frozen=True)
class BundleContents:
    case_id: int
    to_id: int | None  # the doctor it is for (a contact), when chosen
    language: str  # the language chosen for that doctor (a document language code)
    documents: tuple[dict[str, Any], ...]  # the originals, oldest first
    translations: tuple[Translated, ...]  # copies into ``language``, with their originals
    untranslated: tuple[Untranslated, ...]  # originals in another language without one
    studies: tuple[dict[str, Any], ...]  # imaging studies whose images the dossier keeps
    not_kept: tuple[dict[str, Any], ...]  # studies only catalogued (their disc is elsewhere)
    separately: tuple[str, ...]  # slides, films and discs sent on their own, with where

    def without(self, left_out: Collection[int]) -> BundleContents:
        """These contents less the documents (originals or translated copies) whose
        numbers are in ``left_out``: those whose files the bundle cannot include."""
        if not left_out:
            return self
        return replace(
            self,
            documents=tuple(d for d in self.documents if d["id"] not in left_out),
            translations=tuple(t for t in self.translations if t.translation["id"] not in left_out),
        )


def bundle_contents(
    dossier: Dossier,
    case_id: int,
    language: str,
    *,
    to_id: int | None = None,
    dates: DateFormatter = long_date,
) -> BundleContents:
    """The bundle of case ``case_id`` for a doctor reading ``language``. Raises
    NotFoundError for an unknown case or contact."""
    records.get(dossier, "case", case_id)
    if to_id is not None:
        records.get(dossier, "contact", to_id)
    everything = case_documents(dossier, case_id)
    originals = [d for d in everything if d.get("translation_of_id") is None]
    translations: list[Translated] = []
    untranslated: list[Untranslated] = []
    for doc in originals:
        if not needs_translation(doc, language):
            continue
        found = translation_into(dossier.db, doc["id"], language)
        if found is not None:
            translations.append(Translated(doc, records.get(dossier, "document", found)))
        else:
            untranslated.append(
                Untranslated(one_line(doc["title"]), language_name(doc["language"]))
            )
    studies = case_studies(dossier, case_id)
    kept = tuple(s for s in studies if s.get("kept"))
    not_kept = tuple(s for s in studies if not s.get("kept"))
    items = without_discs(case_items(dossier, case_id), list(kept))
    return BundleContents(
        case_id=case_id,
        to_id=to_id,
        language=language,
        documents=tuple(originals),
        translations=tuple(translations),
        untranslated=tuple(untranslated),
        studies=kept,
        not_kept=not_kept,
        separately=tuple(item_line(dossier, item, dates) for item in items),
    )
