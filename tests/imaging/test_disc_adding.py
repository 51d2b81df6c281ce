"""Adding a disc: the patient check decides nothing by itself, the files go into the vault
once, a catalogued disc is recorded where it is, and the trash takes a study and gives it
back."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dossier.core import records, search, trash
from dossier.core.errors import DossierError
from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.scan import scan_disc
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.integrity.leftovers import find_leftovers
from dossier.core.storage import Dossier


def _vault_files(dossier: Dossier) -> set[str]:
    return set(dossier.vault.stored_names())


def _rows(dossier: Dossier) -> tuple[int, int, int]:
    db = dossier.db
    return tuple(  # type: ignore[return-value]
        int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("imaging_study", "imaging_series", "imaging_file")
    )


def test_another_persons_files_are_not_added_unless_the_person_says_so(
    margaret: Dossier, disc: Path, readers: SandboxPool
) -> None:
    scan = scan_disc(margaret, disc, pool=readers)
    with pytest.raises(DossierError) as caught:
        add_disc(margaret, scan)
    assert "JANSEN^PIETER" in caught.value.message
    assert _rows(margaret) == (0, 0, 0) and _vault_files(margaret) == set()


def test_the_disc_is_kept_in_the_vault_once(
    margaret: Dossier, disc: Path, readers: SandboxPool
) -> None:
    scan = scan_disc(margaret, disc, pool=readers)
    added = add_disc(margaret, scan, other_patient=True)
    assert added.images_added == 24 and added.images_known == 0
    assert added.bytes_added == scan.studies[0].size
    assert _rows(margaret) == (1, 3, 24)
    stored = _vault_files(margaret)
    originals = {
        hashlib.sha256(image.path.read_bytes()).hexdigest()
        for series in scan.studies[0].series
        for image in series.images
    }
    assert stored == originals
    study = records.get(margaret, "study", added.study_ids[0])
    assert study["kept"] and study["patient_check"] == "mismatch"
    assert study["referring_physician"] == "Dr Anna de Vries"
    assert [s["image_count"] for s in study["series"]] == [12, 8, 4]
    assert study["series"][2]["patient_name"] == "JANSEN^PIETER"
    assert find_leftovers(margaret) == []  # the images are the study's, not leftovers

    again = scan_disc(margaret, disc, pool=readers)
    assert again.studies[0].existing_id == added.study_ids[0]
    assert again.studies[0].known_images == 24
    second = add_disc(margaret, again, other_patient=True)
    assert second.study_ids == added.study_ids
    assert second.images_added == 0 and second.images_known == 24
    assert _rows(margaret) == (1, 3, 24) and _vault_files(margaret) == stored


def test_only_listing_a_disc_keeps_no_file_and_records_where_the_disc_is(
    margaret: Dossier, loose_disc: Path, readers: SandboxPool
) -> None:
    case = records.create(margaret, "case", {"title": "Knee: operate or not?"}).id
    scan = scan_disc(margaret, loose_disc, pool=readers)
    added = add_disc(margaret, scan, keep=False, case_id=case, location="the kitchen drawer")
    assert _vault_files(margaret) == set()
    study = records.get(margaret, "study", added.study_ids[0])
    assert not study["kept"] and study["case_id"] == case
    assert study["disc_item_id"] == added.disc_item_id
    item = records.get(margaret, "physical_item", added.disc_item_id or 0)
    assert item["kind"] == "disc" and item["location"] == "the kitchen drawer"
    assert item["case_id"] == case and "MRI KNEE" in item["description"]
    assert [s["id"] for s in records.list_records(margaret, "study", case_id=case)] == [study["id"]]


def test_a_study_is_found_by_its_words_its_series_and_its_month_in_any_language(
    margaret: Dossier, disc: Path, readers: SandboxPool
) -> None:
    study_id = add_disc(margaret, scan_disc(margaret, disc, pool=readers), other_patient=True)
    found = study_id.study_ids[0]
    for words in ("thorax", "scout", "chest", "Amsterdam", "March 2026", "maart 2026", "березня"):
        hits = search.search(margaret, words)
        assert ("study", found) in [(h.kind, h.id) for h in hits], words


def test_the_trash_takes_a_study_and_emptying_it_removes_its_files(
    margaret: Dossier, disc: Path, readers: SandboxPool
) -> None:
    added = add_disc(margaret, scan_disc(margaret, disc, pool=readers), other_patient=True)
    study_id = added.study_ids[0]
    records.delete(margaret, "study", study_id)
    assert records.list_records(margaret, "study") == []
    assert search.search(margaret, "thorax") == []
    with pytest.raises(DossierError) as caught:
        add_disc(margaret, scan_disc(margaret, disc, pool=readers), other_patient=True)
    assert "trash" in caught.value.message
    records.restore(margaret, "study", study_id)
    assert [s["id"] for s in records.list_records(margaret, "study")] == [study_id]
    records.delete(margaret, "study", study_id)
    trash.empty_trash(margaret)
    assert _rows(margaret) == (0, 0, 0) and _vault_files(margaret) == set()


def test_an_image_file_given_to_the_ordinary_import_points_to_the_disc(
    margaret: Dossier, disc: Path
) -> None:
    one = disc / "PT000000" / "ST000000" / "SE000000" / "IM000000"
    [result] = import_paths(margaret, [one])
    assert result.status == "rejected"
    assert result.reason is not None and "imaging disc" in result.reason


def test_the_same_disc_for_the_right_person_passes_the_check(
    tmp_path: Path, loose_disc: Path, readers: SandboxPool
) -> None:
    from dossier.core.opening import create_dossier

    with create_dossier(tmp_path / "pieter", name="Pieter Jansen", born="1948-03-12") as other:
        [study] = scan_disc(other, loose_disc, pool=readers).studies
        assert study.check.result == "mismatch"  # the knee MRI is Margaret's
        assert "Margaret Example (EXAMPLE^MARGARET)" in study.check.message


def test_the_check_names_a_study_whose_images_are_gone_and_the_disc_brings_them_back(
    margaret: Dossier, disc: Path, readers: SandboxPool
) -> None:
    from dossier.core.integrity.check import check_dossier

    added = add_disc(margaret, scan_disc(margaret, disc, pool=readers), other_patient=True)
    assert check_dossier(margaret).findings == []
    gone = sorted(_vault_files(margaret))[:2]
    for sha in gone:
        margaret.vault.path_for(sha).unlink()
    [finding] = check_dossier(margaret).findings
    assert finding.code == "file_missing"
    assert finding.message == "The images of one imaging study are missing or damaged."
    assert [item.label for item in finding.items] == [
        f"“CT THORAX MET CONTRAST” (study {added.study_ids[0]}): 2 images"
    ]
    again = add_disc(margaret, scan_disc(margaret, disc, pool=readers), other_patient=True)
    assert again.images_added == 0 and again.bytes_added > 0
    assert check_dossier(margaret).findings == []


def test_a_disc_only_listed_can_be_kept_later(
    margaret: Dossier, loose_disc: Path, readers: SandboxPool
) -> None:
    listed = add_disc(margaret, scan_disc(margaret, loose_disc, pool=readers), keep=False)
    assert not records.get(margaret, "study", listed.study_ids[0])["kept"]
    kept = add_disc(margaret, scan_disc(margaret, loose_disc, pool=readers))
    assert kept.study_ids == listed.study_ids and kept.images_added == 0
    assert records.get(margaret, "study", listed.study_ids[0])["kept"]
    assert len(_vault_files(margaret)) == 5
