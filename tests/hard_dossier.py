"""The hard dossier: everything a real, large dossier has that a printout must survive.

A long name in Hebrew, Cyrillic and Latin; a question of about 1,800 characters; 40
questions, some of about 2,000 characters in mixed scripts; two opinions of about 3,000
characters per aspect and a stored comparison of them; diagnoses that are confirmed,
suspected, revised and ruled out; a second open case with its own diagnosis and treatment;
34 documents (ordinary, landscape, password-protected, owner-password-only, images, a text
file); slides, a disc and films; a records request asking for something specific; an
appointment with questions. Built with the core's own functions, every date fixed.

The texts are made so a test can tell whether they printed whole: each long text ends with
words found nowhere else (``Hard.tails``), each table row starts and ends with words of its
own (``Hard.index_rows``, ``Hard.brief_rows``). Not a test module.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter

from dossier.core import person, records
from dossier.core.comparison import ops
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, pdf_bytes

NAME = "Avraham-Yehoshua Ben-Zion Авраам Иегошуа אברהם יהושע בן ציון Levi-Montalcini"
FIRST_NAME = "Avraham-Yehoshua"
LAST_NAME = "Levi-Montalcini"
BORN = "1949-02-14"
BORN_TEXT = "14 February 1949"  # as the reports write it (long_date)
PRINTED_TEXT = "22 November 2026"

# Sentences the long texts are made of: real clinical prose, none of the words that mark
# rows or ends (Acinar, Equivocal, Osseous, Benign, Chronic, Paroxysmal, the city names).
SENTENCES = (
    "The MRI shows a lesion of about eleven millimetres in the left peripheral zone.",
    "The targeted cores confirm cancer in four of twelve samples, the highest grade being 3+4.",
    "A PSMA PET scan in September found no disease outside the prostate.",
    "Urinary function is good today and erections are still possible with some help.",
    "Radical prostatectomy removes the gland with the tumour and gives a full pathology report.",
    "External beam radiotherapy over five weeks avoids an operation but needs hormone therapy for some months.",
    "Active surveillance means a PSA test every three months and a repeat MRI after one year.",
    "Focal therapy treats only the part of the gland that holds the tumour, and long-term data are still few.",
    "The kidney function limits the contrast agents that can be used for later imaging.",
    "Incontinence after surgery usually improves within a year, but not for everyone.",
    "Bowel side effects after radiotherapy are uncommon and mostly mild.",
    "At seventy-seven, the expected benefit of treatment depends on general health more than on age.",
    "Some cores showed a small cribriform component, which argues against waiting.",
    "The two pathologists agree on the grade group but not on the length of cancer in each core.",
    "Both options keep a good chance of living many years without the cancer spreading.",
    "Он спрашивает, можно ли подождать до весны с решением.",
    "הוא שואל אם אפשר לחכות עם ההחלטה עד האביב.",
)

_WORDS = (
    "amber", "lantern", "cobalt", "juniper", "harbour", "meadow", "quartz", "saffron",
    "willow", "falcon", "ember", "glacier", "orchid", "tundra", "velvet", "basalt",
    "cedar", "dune", "fjord", "garnet", "heron", "indigo", "jasper", "kelp", "lilac",
    "marble", "nutmeg", "opal", "pewter", "quince", "raven", "sorrel", "thistle", "umber",
    "vellum", "walnut", "yarrow", "zephyr", "alder", "bramble", "cinder", "driftwood",
)  # fmt: skip


def tail(n: int) -> str:
    """Three words found in no other text of the dossier: the end of the n-th long text."""
    a, b = divmod(n, len(_WORDS))
    return f"{_WORDS[a % len(_WORDS)]} {_WORDS[b]} {_WORDS[(a * 7 + b * 3 + 5) % len(_WORDS)]}"


def prose(chars: int, start: int = 0, *, scripts: bool = True) -> str:
    """About ``chars`` characters of whole sentences (mixed scripts unless ``scripts`` is
    False), ending with a full stop."""
    pool = SENTENCES if scripts else SENTENCES[:-2]
    out: list[str] = []
    i = start
    while sum(len(s) + 1 for s in out) < chars:
        out.append(pool[i % len(pool)])
        i += 1
    return " ".join(out)


# Put between a text's mixed-script body and its last words, so those words share no line
# with right-to-left text (which text extraction gives back in another order).
LATIN_CLOSE = f"{SENTENCES[4]} {SENTENCES[13]}"

QUESTION = (
    "My father is seventy-seven, a retired cellist who still plays every day, and in "
    "September a targeted biopsy found prostate cancer of grade group 2 in the left "
    "peripheral zone. His urologist proposes a radical prostatectomy within the next two "
    "months; the radiation oncologist we saw next proposes five weeks of external beam "
    "radiotherapy with six months of hormone therapy; a third specialist mentioned focal "
    "therapy with high intensity focused ultrasound; and his family doctor wonders whether "
    "active surveillance, with a PSA test every three months and a repeat MRI after a year, "
    "would be enough at his age. He has a kidney disease in stage 3a and an irregular "
    "heartbeat treated with apixaban, so any operation means stopping the blood "
    "thinner for a few days, and contrast agents must be used with care. The two "
    "pathologists agree on the grade group but not on how much cancer each core holds, and "
    "one of them saw a small cribriform component that the other did not mention. The PSMA "
    "PET scan found nothing outside the prostate. What matters most to him is to keep "
    "playing, to stay continent, and to spend the coming summer with his grandchildren in "
    "the mountains rather than in waiting rooms. We would like to know which of the four "
    "options you consider reasonable for him, what each would mean for his hands, his "
    "bladder and his kidneys over the next five years, whether the disagreement between the "
    "pathologists changes anything, whether a further test would settle it before he "
    "decides, and how long he can safely take to decide. Finally, and this is the question "
    "he asked us to put to you in his own words: if you were a retired cellist of "
    "seventy-seven with this result, which of these four options would you choose for "
    "yourself, and would you still play the Elgar concerto next winter in Haifa"
)
QUESTION_TAIL = "still play the Elgar concerto next winter in Haifa"

ASPECTS = ("diagnosis", "treatment", "risks", "outcome")
ASPECT_LABELS = {
    "diagnosis": "Diagnosis as stated",
    "treatment": "Recommended treatment",
    "risks": "Risks and side effects",
    "outcome": "Expected outcome",
}

# (title's first word ... , kind, source ending in a city found nowhere else)
_CITIES = (
    "Haifa Carmel", "Jerusalem", "Beersheba", "Nazareth", "Tiberias", "Ashdod", "Netanya",
    "Herzliya", "Rehovot", "Eilat", "Novosibirsk", "Kazan", "Samara", "Omsk", "Tomsk",
    "Perm", "Vienna", "Zurich", "Basel", "Geneva", "Lyon", "Lille", "Nantes", "Leiden",
    "Utrecht", "Groningen", "Uppsala", "Lund", "Bergen", "Turku", "Tartu", "Riga",
    "Kaunas", "Gdansk",
)  # fmt: skip
_TITLES = (
    ("Histopathology", "pathology", "report of the targeted prostate biopsy, twelve cores with grading"),
    ("Reappraisal", "pathology", "of the biopsy slides by a second pathologist, with core lengths"),
    ("Multiparametric", "imaging_report", "MRI of the prostate, PI-RADS assessment and lesion map"),
    ("Scintigraphy", "imaging_report", "of the skeleton, whole body, before staging"),
    ("Tomography", "imaging_report", "PSMA PET with low-dose CT, staging"),
    ("Ultrasonography", "imaging_report", "of the kidneys and bladder, residual volume"),
    ("Haematology", "lab_result", "full blood count and coagulation before biopsy"),
    ("Biochemistry", "lab_result", "PSA series over three years with free PSA ratio"),
    ("Creatinine", "lab_result", "and eGFR, six measurements"),
    ("Urinalysis", "lab_result", "and urine culture after the biopsy"),
    ("Discharge", "discharge_summary", "summary after the biopsy with a short stay"),
    ("Cardiology", "letter", "letter about stopping apixaban before an operation"),
    ("Urology", "written_opinion", "clinic letter proposing radical prostatectomy"),
    ("Radiotherapy", "written_opinion", "department opinion proposing five weeks of radiotherapy"),
    ("Referral", "referral", "from the family doctor to the urology clinic"),
    ("Prescription", "prescription", "for tamsulosin and apixaban, current doses"),
    ("Insurer", "insurance", "approval of the second opinion consultation"),
    ("Echocardiography", "imaging_report", "report, ejection fraction and valves"),
    ("Electrocardiogram", "lab_result", "tracing with atrial fibrillation episode"),
    ("Spirometry", "lab_result", "before anaesthesia"),
    ("Anaesthesia", "letter", "pre-assessment clinic letter"),
    ("Nephrology", "letter", "letter on contrast agents and kidney function"),
    ("Physiotherapy", "other", "pelvic floor training plan"),
    ("Genetics", "letter", "counselling letter, no germline variant found"),
    ("Landscape", "lab_result", "table of PSA values and dates, printed across the page"),
    ("Panorama", "imaging_report", "key images of the MRI, printed across the page"),
    ("Chartbook", "other", "timeline of the illness, portrait and landscape pages"),
    ("Confidential", "letter", "letter from the tumour board, locked with a password"),
    ("Sealed", "insurance", "insurer statement, locked with a password"),
    ("Restricted", "letter", "letter protected against editing, opens without a password"),
    ("Photograph", "image", "of the biopsy request form"),
    ("Snapshot", "image", "of the medication list on the fridge"),
    ("Sketch", "image", "of the tumour position drawn by the urologist, landscape"),
    ("Transcript", "other", "notes of the telephone call with the radiation oncologist"),
)  # fmt: skip
LOCKED = ("Confidential", "Sealed")  # user password: cannot be opened, not included
OWNER_ONLY = "Restricted"  # owner password only: opens, included
NOT_BROUGHT = ("Spirometry", "Physiotherapy", "Genetics", "Transcript")
RESTRICTED_TEXT = "Restricted letter body text readable without any password"

ITEMS = (
    {
        "description": "Twelve biopsy slides of the prostate, block P-4471",
        "kind": "slides",
        "sent_on": "2026-10-02",
        "sent_to": "pathologist",
    },
    {
        "description": "Pelvic MRI images on a CD from Rambam",
        "kind": "disc",
        "location": "at home, in the blue folder on the bookshelf",
    },
    {
        "description": "Chest X-ray films from 2019",
        "kind": "films",
        "sent_on": "2026-08-20",
        "returned_on": "2026-09-15",
        "sent_to": "urologist",
    },
)
REQUEST_WHAT = (
    "the minutes of the multidisciplinary tumour board of 9 October 2026 and the MRI "
    "fusion biopsy targeting images"
)
RULED_OUT = "Osseous metastatic disease of the pelvis"
OTHER_CASE_DIAGNOSIS = "Paroxysmal atrial fibrillation"
OTHER_CASE_TREATMENT = "Anticoagulation continued, with a bridging plan agreed by cardiology"


@dataclass
class Hard:
    """The built dossier and what the tests look for in its printouts."""

    dossier: Dossier
    case: int
    other_case: int
    opinions: tuple[int, int]
    appointment: int
    tails: dict[str, str] = field(default_factory=dict)  # what -> its last words
    questions: list[str] = field(default_factory=list)  # the 40 texts, in order
    index_rows: list[tuple[str, str]] = field(default_factory=list)  # (first, last word)
    brief_rows: list[tuple[str, str]] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # first word -> whole title


def build_hard_dossier(folder: Path) -> Hard:
    dossier = create_dossier(folder, name=NAME, born=BORN)
    c = {
        "urologist": _contact(dossier, "Dr. Miriam Levy-Stern", "Rambam Health Care Campus"),
        "oncologist": _contact(dossier, "Д-р Ольга Петренко", "Sheba Medical Center"),
        "pathologist": _contact(dossier, "Prof. Yosef Adler", "Hadassah Pathology"),
        "cardiologist": _contact(dossier, "ד״ר נועה ברק", "Meir Medical Center"),
        "insurer": records.create(
            dossier, "contact", {"name": "Maccabi Healthcare", "role": "insurer"}
        ).id,
    }
    person.update_person(
        dossier,
        {
            "phone": "+972 4 555 0147",
            "address": "רחוב הנביאים 7\nHaifa 3310401",
            "insurer_id": c["insurer"],
            "insurance_number": "MAC-0049-2211-7781",
            "allergies": "Iodinated contrast (rash)",
        },
    )
    case = records.create(
        dossier,
        "case",
        {
            "title": "Prostate cancer: operation, radiotherapy, focal therapy or surveillance?",
            "kind": "treatment",
            "question": QUESTION,
            "description": prose(400, 3, scripts=False),
            "opened_on": "2026-09-20",
            "decision_deadline": "2027-01-15",
        },
    ).id
    other = records.create(
        dossier,
        "case",
        {
            "title": "Irregular heartbeat: blood thinner around an operation",
            "kind": "treatment",
            "question": "How long before and after an operation should apixaban be stopped?",
            "opened_on": "2025-03-01",
        },
    ).id
    _medications(dossier, c)
    hard = Hard(dossier, case, other, (0, 0), 0)
    _diagnoses(hard, c)
    _opinions(hard, c)
    _questions(hard, c)
    _documents(hard, folder.parent / "incoming")
    for item in ITEMS:
        data = {k: v for k, v in item.items() if k != "sent_to"}
        if "sent_to" in item:
            data["sent_to_id"] = c[str(item["sent_to"])]
        records.create(dossier, "physical_item", {"case_id": case, **data})
    records.create(
        dossier,
        "records_request",
        {
            "case_id": case,
            "contact_id": c["urologist"],
            "facility": "Rambam Health Care Campus, medical records office",
            "what": REQUEST_WHAT,
            "requested_on": "2026-11-01",
            "due_on": "2026-12-20",
        },
    )
    return hard


# A medicine named in three scripts, as a pharmacy abroad labels it.
MIXED_MEDICINE = (
    "Эплеренон אפלרנון Eplerenone-ratiopharm Filmtabletten (Инспра, אינספרה) N3 Packung"
)


def _medications(dossier: Dossier, c: dict[str, int]) -> None:
    """Three medicines taken now (one named in three scripts, taken for a reason of about
    2,000 characters) and one stopped before the printed day."""
    for data in (
        {
            "name": "Apixaban",
            "strength": "5 mg",
            "dose": "1 tablet twice a day",
            "started_on": "2025-03-01",
            "prescribed_by_id": c["cardiologist"],
            "reason": "irregular heartbeat, to prevent a stroke",
        },
        {
            "name": "Tamsulosin",
            "strength": "0.4 mg",
            "dose": "1 capsule at night",
            "started_on": "2021-04-20",
            "prescribed_by_id": c["urologist"],
            "reason": "enlarged prostate",
        },
        {
            "name": MIXED_MEDICINE,
            "strength": "25 mg",
            "dose": "1 tablet each morning, 1 tablet each evening",
            "started_on": "2026-10-05",
            "prescribed_by_id": c["cardiologist"],
            "reason": prose(2000, 7),
        },
        {
            "name": "Ibuprofen",
            "strength": "400 mg",
            "dose": "when needed",
            "started_on": "2026-09-01",
            "ended_on": "2026-09-25",
            "reason": "pain after the biopsy",
        },
    ):
        records.create(dossier, "medication", data)


def _contact(dossier: Dossier, name: str, institution: str) -> int:
    data = {"name": name, "institution": institution, "role": "doctor", "address": "Haifa"}
    return records.create(dossier, "contact", data).id


def _diagnoses(hard: Hard, c: dict[str, int]) -> None:
    rows = (
        ("Acinar adenocarcinoma of the prostate, left peripheral zone", "C61", "confirmed",
         "2026-09-12", "cT2a cN0 cM0, ISUP grade group 2, PSA density 0.14"),
        ("Equivocal seminal vesicle signal on the left", "", "suspected", "2026-09-30",
         "PI-RADS 3 at the left base"),
        ("Benign prostatic hyperplasia", "N40", "revised", "2021-04-07", "volume 48 ml, enlarged median lobe"),
        ("Chronic kidney disease", "N18.3", "confirmed", "2019-06-18", "stage 3a, eGFR 52 ml/min"),
        (RULED_OUT, "", "ruled_out", "2026-10-05", ""),
    )  # fmt: skip
    for name, icd, status, day, stage in rows:
        records.create(
            hard.dossier,
            "diagnosis",
            {"case_id": hard.case, "name": name, "icd10": icd or None, "status": status,
             "diagnosed_on": day, "stage": stage or None, "contact_id": c["urologist"]},
        )  # fmt: skip
        hard.brief_rows.append((name.split()[0], (stage or name).split()[-1]))
    records.create(
        hard.dossier,
        "diagnosis",
        {"case_id": hard.other_case, "name": OTHER_CASE_DIAGNOSIS, "icd10": "I48.0",
         "status": "confirmed", "diagnosed_on": "2025-02-11"},
    )  # fmt: skip
    records.create(
        hard.dossier,
        "opinion",
        {"case_id": hard.other_case, "contact_id": c["cardiologist"], "given_on": "2025-03-10",
         "diagnosis": OTHER_CASE_DIAGNOSIS, "treatment": OTHER_CASE_TREATMENT},
    )  # fmt: skip


def _opinions(hard: Hard, c: dict[str, int]) -> None:
    ids = []
    for ordinal, (who, day) in enumerate(
        ((c["urologist"], "2026-10-01"), (c["oncologist"], "2026-10-20")), start=1
    ):
        data: dict[str, object] = {
            "case_id": hard.case,
            "contact_id": who,
            "given_on": day,
            "ordinal": ordinal,
            "stage": "cT2a, grade group 2" if ordinal == 1 else "cT2a, grade group 2 or 3",
        }
        for n, aspect in enumerate(ASPECTS):
            key = f"opinion {ordinal} {aspect}"
            end = tail(100 + ordinal * 10 + n)
            hard.tails[key] = end
            data[aspect] = f"{prose(2800, ordinal * 3 + n)} {LATIN_CLOSE} Last words: {end}."
        ids.append(records.create(hard.dossier, "opinion", data).id)
    hard.opinions = (ids[0], ids[1])
    comparison = ops.start(hard.dossier, hard.case, ids).id
    ops.set_verdict(hard.dossier, comparison, "diagnosis", "same", "Both read grade group 2.")
    ops.set_verdict(hard.dossier, comparison, "treatment", "different", "Operation or rays.")
    ops.set_verdict(hard.dossier, comparison, "risks", "partly")


def _questions(hard: Hard, c: dict[str, int]) -> None:
    hard.appointment = records.create(
        hard.dossier,
        "appointment",
        {"case_id": hard.case, "contact_id": c["pathologist"],
         "starts_at": "2026-12-03 10:30", "location": "Hadassah Ein Kerem, building 2",
         "purpose": "Second opinion on the biopsy"},
    ).id  # fmt: skip
    for n in range(40):
        long = n % 5 == 0
        end = tail(n)
        text = f"{prose(1800 if long else 160, n)} {LATIN_CLOSE} Question {n + 1} ends: {end}?"
        hard.questions.append(text)
        hard.tails[f"question {n + 1}"] = end
        records.create(
            hard.dossier,
            "question",
            {"case_id": hard.case, "text": text, "position": n,
             "appointment_id": hard.appointment if n < 10 else None,
             "priority": "high" if n % 7 == 0 else "normal",
             "category": "Treatment" if n % 2 else "Pathology"},
        )  # fmt: skip


def _documents(hard: Hard, temp: Path) -> None:
    temp.mkdir(exist_ok=True)
    files: dict[str, Path] = {}
    for n, (first, kind, rest) in enumerate(_TITLES):
        title = f"{first} {rest}"
        hard.titles[first] = title
        source = f"{'Department of ' + kind.replace('_', ' ') if n % 3 else 'Clinic'}, {_CITIES[n]}"
        hard.index_rows.append((first, _CITIES[n].split()[-1]))
        files[first] = _write_document(temp, n, first, title)
        hard.titles[first + ":source"] = source
    results = import_paths(hard.dossier, list(files.values()), case_id=hard.case)
    by_file = {Path(r.path).name: r for r in results}
    for n, (first, kind, _) in enumerate(_TITLES):
        result = by_file[files[first].name]
        assert result.document_id is not None, result
        records.update(
            hard.dossier,
            "document",
            result.document_id,
            {"title": hard.titles[first], "kind": kind, "source": hard.titles[first + ":source"],
             "bring": first not in NOT_BROUGHT, "document_date": f"2026-{1 + n % 10:02d}-{1 + n % 28:02d}"},
        )  # fmt: skip


def _write_document(temp: Path, n: int, first: str, title: str) -> Path:
    body = [Block(title, "title"), Block(prose(1500, n, scripts=n % 4 == 0))]
    if first in ("Photograph", "Snapshot", "Sketch"):
        path = temp / f"{n:02d}-{first.lower()}.{'jpg' if first == 'Snapshot' else 'png'}"
        size = (1400, 900) if first == "Sketch" else (900, 1300)
        Image.new("RGB", size, (230, 225, 215)).save(path)
        return path
    if first == "Transcript":
        path = temp / f"{n:02d}-transcript.txt"
        path.write_text(f"{title}\n\n{prose(2500, n)}\n", "utf-8")
        return path
    path = temp / f"{n:02d}-{first.lower()}.pdf"
    landscape = (842.0, 595.0)
    if first in ("Landscape", "Panorama"):
        data = pdf_bytes(body * 2, page_size=landscape)
    elif first == "Chartbook":
        writer = PdfWriter()
        for size in ((595.0, 842.0), landscape, (595.0, 842.0), landscape):
            writer.append(PdfReader(io.BytesIO(pdf_bytes(body, page_size=size))))
        data = _bytes(writer)
    elif first in LOCKED or first == OWNER_ONLY:
        extra = [Block(RESTRICTED_TEXT)] if first == OWNER_ONLY else []
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(body + extra))))
        if first == OWNER_ONLY:
            writer.encrypt(user_password="", owner_password="owner-only", permissions_flag=0)
        else:
            writer.encrypt(user_password=f"secret-{n}", owner_password=f"owner-{n}")
        data = _bytes(writer)
    else:
        data = pdf_bytes(body * (1 + n % 3))
    path.write_bytes(data)
    return path


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
