"""Whether an imaging study is the dossier's person's: its files' patient names, dates of
birth and numbers against the person's.

"match": every name on the files is the person's (family name and first given name or
its initial, compared without accents and with Cyrillic in Latin letters) and no date of
birth differs; "mismatch": a name is clearly another's, or a date of birth differs;
"unknown": nothing to compare (no name, or one written in an alphabet that cannot be set
beside the person's, such as Hebrew against Latin). The person decides; this only says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..i18n import tr
from ..locale_format import long_date
from .names import dicom_name_parts, display_name, name_words

MATCH, MISMATCH, UNKNOWN = "match", "mismatch", "unknown"


@dataclass(frozen=True)
class PatientOnDisc:
    name: str | None  # as stored
    born: str | None  # YYYY-MM-DD
    number: str | None


@dataclass(frozen=True)
class PatientCheck:
    result: str
    message: str  # one plain sentence, for the person

    @property
    def mismatch(self) -> bool:
        return self.result == MISMATCH


def check_patient(person: dict[str, object], found: Iterable[PatientOnDisc]) -> PatientCheck:
    """Judge the patients found in a study's files against the dossier's ``person``."""
    own_name = str(person.get("name") or "")
    born = person.get("born")
    own_born = born if isinstance(born, str) else None
    own_words, own_script = name_words(own_name)
    patients = list(dict.fromkeys(found))
    if not patients or not any(p.name or p.born for p in patients):
        return PatientCheck(
            UNKNOWN, tr("The files do not say whose they are. Check the disc's label.")
        )
    uncertain = False
    verdicts = {p: _verdict(p, own_words, own_script, own_born) for p in patients}
    for patient, verdict in verdicts.items():
        if verdict == MISMATCH:
            some = len(patients) > 1 and any(v != MISMATCH for v in verdicts.values())
            return PatientCheck(MISMATCH, _other_person(patient, own_name, some=some))
        uncertain = uncertain or verdict == UNKNOWN
    if uncertain:
        shown = ", ".join(_who(p) for p in patients)
        return PatientCheck(
            UNKNOWN,
            tr(
                "The files are for {names}. The name cannot be compared with {person}'s: "
                "check that this is the right person.",
                names=shown,
                person=own_name,
            ),
        )
    return PatientCheck(
        MATCH, tr("The files are for {names}.", names=", ".join(_who(p) for p in patients))
    )


def _verdict(
    patient: PatientOnDisc, own_words: list[str], own_script: str, own_born: str | None
) -> str:
    if patient.born and own_born and patient.born != own_born:
        return MISMATCH
    return _name_verdict(patient.name, own_words, own_script)


def _name_verdict(stored: str | None, own: list[str], own_script: str) -> str:
    if not stored or not own:
        return UNKNOWN
    comparable = False
    for family, given, script in dicom_name_parts(stored):
        if script == "other" or own_script == "other":
            if script == own_script and _same(family, given, own):
                return MATCH
            continue
        comparable = True
        if _same(family, given, own):
            return MATCH
    return MISMATCH if comparable else UNKNOWN


def _same(family: list[str], given: list[str], own: list[str]) -> bool:
    """The family name's main word is one of the person's words, and so is the first given
    name (or, when either is only an initial, its first letter)."""
    main = [w for w in family if len(w) > 1] or family
    if not main or not any(w in own for w in main):
        return False
    if not given:
        return True
    first = given[0]
    rest = [w for w in own if w not in main]
    if len(first) == 1 or any(len(w) == 1 for w in rest):
        return any(w[0] == first[0] for w in rest)
    return first in rest


def _who(patient: PatientOnDisc) -> str:
    name = display_name(patient.name) or tr("someone not named")
    if patient.name and patient.name != name:
        name = f"{name} ({patient.name})"
    if patient.born:
        return tr(
            "{name}, born {date}", name=name, date=long_date(date.fromisoformat(patient.born))
        )
    return name


def _other_person(patient: PatientOnDisc, own_name: str, *, some: bool) -> str:
    if some:
        return tr(
            "Some of these files are for {who}: not for {person}. Add them only if they "
            "belong in this dossier.",
            who=_who(patient),
            person=own_name,
        )
    return tr(
        "These files are for {who}: not for {person}. Add them only if they belong in this "
        "dossier.",
        who=_who(patient),
        person=own_name,
    )


__all__ = ["MATCH", "MISMATCH", "UNKNOWN", "PatientCheck", "PatientOnDisc", "check_patient"]
