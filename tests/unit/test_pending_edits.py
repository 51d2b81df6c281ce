"""Edits waiting to be saved, without a display: what differs, what is written, what is kept."""

from __future__ import annotations

from collections.abc import Callable

from dossier.core import records
from dossier.core.errors import DossierError
from dossier.core.pending_edits import Operation, PendingEdits, differs
from dossier.core.records import Change
from dossier.core.storage import Dossier


def _applier(dossier: Dossier, written: list[Change]) -> Callable[..., Change | None]:
    """Applies as the window's session does: a refusal is reported, not raised."""

    def apply(operation: Operation, refused: Callable[[DossierError], object]) -> Change | None:
        try:
            change = operation(dossier)
        except DossierError as error:
            refused(error)
            return None
        written.append(change)
        return change

    return apply


def test_differs_compares_ticks_as_yes_or_no_and_text_without_blanks() -> None:
    assert not differs(False, None) and differs(True, None) and not differs(True, 1)
    assert not differs("Yes ", "Yes") and not differs("", None) and differs("Yes", "No")
    assert differs(3, 4) and not differs(None, None)


def test_only_what_differs_is_written_and_the_stored_copy_follows(dossier: Dossier) -> None:
    made = records.create(dossier, "question", {"text": "Why?", "answer": "Because"})
    key = ("question", made.id)
    edits = PendingEdits()
    edits.remember(key, records.get(dossier, "question", made.id))
    written: list[Change] = []
    apply = _applier(dossier, written)

    edits.queue(key, {"answer": "Because "})  # only blanks added: nothing to write
    assert edits.waiting and edits.has_unsaved()
    assert edits.save(apply) is False and written == []
    assert not edits.has_unsaved()

    edits.queue(key, {"answer": "First"})
    edits.queue(key, {"answer": "Because of the knee", "asked": True})  # the last typing wins
    assert edits.save(apply) is True and len(written) == 1
    stored = records.get(dossier, "question", made.id)
    assert stored["answer"] == "Because of the knee" and stored["asked"] is True
    assert edits.stored(key)["answer"] == "Because of the knee"
    assert not edits.waiting and edits.failures == []


def test_a_refused_write_is_kept_for_the_next_try_with_its_reason(dossier: Dossier) -> None:
    gone = records.create(dossier, "question", {"text": "Gone?"}).id
    kept = records.create(dossier, "question", {"text": "Kept?"}).id
    edits = PendingEdits()
    for question_id in (gone, kept):
        edits.remember(("question", question_id), records.get(dossier, "question", question_id))
    records.delete(dossier, "question", gone)
    edits.queue(("question", gone), {"answer": "Lost?"})
    edits.queue(("question", kept), {"answer": "Saved"})
    written: list[Change] = []

    assert edits.save(_applier(dossier, written)) is True  # the other one is written
    assert records.get(dossier, "question", kept)["answer"] == "Saved"
    assert len(edits.failures) == 1 and edits.waiting and edits.has_unsaved()

    edits.queue(("question", gone), {"answer": ""})  # typed away: nothing left to save
    assert edits.save(_applier(dossier, written)) is False
    assert edits.failures == [] and not edits.has_unsaved()
