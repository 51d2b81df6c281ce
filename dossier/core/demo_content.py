"""The words of the demo dossier: people, cases, records and the text of its documents.

Everything here is invented: the patient, the doctors, the institutions, the results.
The medical content is plausible, never advice.  Dates are whole days relative to
today (negative: in the past); the builder in :mod:`.demo` turns them into real
dates, and string values of ``..._id`` fields into the ids of records made earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .pdfwrite import Block, pagebreak

PATIENT_NAME = "Margaret (Maggie) Lindqvist"
PATIENT_BORN = "1958-04-23"
PATIENT: dict[str, Any] = {
    "phone": "555-0142",
    "email": "maggie.lindqvist@example.org",
    "address": "Birch Lane 14\n2411 Westbrook",
    "insurer_id": "nordhaven",
    "insurance_number": "NH-4471-0932-58",
    "medications": "Amlodipine 5 mg once a day (blood pressure)\n"
    "Atorvastatin 20 mg at night (cholesterol)\n"
    "Paracetamol 1 g up to three times a day for knee pain\n"
    "Diclofenac gel 1% on the right knee when needed\n"
    "Vitamin D 800 IU once a day",
    "allergies": "Penicillin: rash (1994)\nAdhesive plasters: skin irritation",
    "notes": "Prefers morning appointments. Her daughter Anna may receive information "
    "about her care (signed consent in the file).",
}


def _doctor(
    name: str, specialty: str, institution: str, street: str, **extra: Any
) -> dict[str, Any]:
    slug = institution.split()[0].lower()
    return {
        "name": name,
        "role": "doctor",
        "specialty": specialty,
        "institution": institution,
        "phone": extra.pop("phone", "555-0100"),
        "email": extra.pop("email", f"secretariat@{slug}.example"),
        "address": f"{institution}\n{street}",
        **extra,
    }


CONTACTS: dict[str, dict[str, Any]] = {
    "weiss": _doctor(
        "Dr. Jürgen Weiß",
        "Breast surgery",
        "Riverside General Hospital",
        "2 Quay Road, Westbrook",
        phone="555-0110",
        notes="Breast clinic on Tuesdays and Thursdays. Secretary: Ms. Farrow.",
    ),
    "raman": _doctor(
        "Dr. Priya Raman",
        "Radiology (breast imaging)",
        "Riverside General Hospital",
        "2 Quay Road, Westbrook",
        phone="555-0114",
    ),
    "martinez": _doctor(
        "Dr. Zoë Martínez",
        "Surgical oncology (breast)",
        "St. Anne University Clinic",
        "Cathedral Square 9, Kingsbridge",
        phone="555-0230",
        notes="Second opinions through the breast centre's secretariat; reply within two weeks.",
    ),
    "muller": _doctor(
        "Dr. Helena Müller",
        "Pathology (breast)",
        "Lakeshore Pathology Institute",
        "Harbour Lane 40, Kingsbridge",
        phone="555-0261",
    ),
    "okonkwo": _doctor(
        "Dr. Samuel Okonkwo",
        "Orthopaedic surgery (knee and hip)",
        "Harbour View Orthopaedic Centre",
        "Pier Street 5, Westbrook",
        phone="555-0175",
    ),
    "halvorsen": _doctor(
        "Dr. Ingrid Halvorsen",
        "Orthopaedics and sports medicine",
        "Northfield Joint Clinic",
        "Mill Road 88, Northfield",
        phone="555-0318",
    ),
    "achterberg": _doctor(
        "Dr. Thomas Achterberg",
        "General practice (GP)",
        "Elm Street Family Practice",
        "Elm Street 3, Westbrook",
        phone="555-0101",
        notes="Family doctor for 20 years. Writes referrals and supporting letters.",
    ),
    "records": {
        "name": "Medical Records Office",
        "role": "records_office",
        "institution": "Riverside General Hospital",
        "phone": "555-0119",
        "email": "records@riverside.example",
        "notes": "Requests in writing, with a copy of an identity card. Slides go by courier.",
    },
    "anna": {
        "name": "Anna Lindqvist",
        "role": "companion",
        "specialty": "Daughter",
        "phone": "555-0187",
        "email": "anna.lindqvist@example.org",
        "notes": "Comes to appointments and takes notes. Free on Tuesdays and Fridays.",
    },
    "nordhaven": {
        "name": "Nordhaven Health Insurance",
        "role": "insurer",
        "specialty": "Second-opinion desk",
        "phone": "555-0400",
        "email": "second.opinion@nordhaven.example",
        "address": "PO Box 1200, Kingsbridge",
        "notes": "Pays 80% of a second-opinion consultation, at most EUR 350 each, three a year, "
        "only with approval asked before the appointment. Claims within 12 months.",
        "reimburse_percent": 80,
        "cap_per_consultation": 350,
        "consultations_per_year": 3,
        "prior_approval_required": True,
        "currency": "EUR",
    },
    "care_office": {
        "name": "Care Assessment Office",
        "role": "institution",
        "specialty": "Home-care assessments",
        "institution": "Westbrook Municipality",
        "phone": "555-0500",
        "email": "care.assessment@westbrook.example",
        "address": "Town Hall, Market Square 1, Westbrook",
        "notes": "Objections in writing within six weeks of the decision letter.",
    },
    "advisor": {
        "name": "Ruth Abernathy",
        "role": "other",
        "specialty": "Independent client support advisor",
        "institution": "Westbrook Client Support (free service)",
        "phone": "555-0522",
    },
}

CASES: dict[str, dict[str, Any]] = {
    "breast": {
        "title": "Breast cancer: mastectomy or breast-conserving surgery?",
        "kind": "treatment",
        "question": "Which operation for early cancer of the left breast: removing the whole "
        "breast, or removing the lump followed by radiotherapy?",
        "description": "Found on a screening mammogram. Dr. Weiß advises a mastectomy; "
        "Dr. Martínez thinks the lump can be removed on its own if a second spot on the MRI "
        "turns out to be harmless. Both agree on the diagnosis and on hormone tablets after.",
        "opened_on": -95,
        "decision_deadline": 28,
    },
    "knee": {
        "title": "Right knee: replacement now, or physiotherapy first?",
        "kind": "surgery",
        "question": "Do I need a total knee replacement now, as advised, "
        "or can I try other treatment first?",
        "description": "Worn right knee, painful on stairs and after walking 20 minutes.",
        "opened_on": -90,
        "decision_deadline": 60,
    },
    "care": {
        "title": "Appeal: help with personal care refused",
        "kind": "administrative",
        "question": "Was the municipality right to refuse help with showering and dressing, "
        "and should I object to the decision?",
        "description": "After the fall, home help was asked for. The Care Assessment Office "
        "granted 2 hours of household help a week and refused personal care.",
        "opened_on": -25,
        "decision_deadline": 17,
    },
}

_BREAST_DIAGNOSIS = (
    "Invasive ductal carcinoma (no special type) of the left breast, upper outer quadrant, "
    "16 mm; grade 2; oestrogen and progesterone receptor positive, HER2 negative."
)
_BREAST_STAGE = "Early stage: T1c N0 M0 (stage IA). No sign of spread in the armpit."

# (entity, key or None, fields), created in this order.
RECORDS: list[tuple[str, str | None, dict[str, Any]]] = [
    # --- breast: diagnoses and opinions ---------------------------------------------------
    (
        "diagnosis",
        None,
        {
            "case_id": "breast",
            "name": "Invasive ductal carcinoma, left breast",
            "icd10": "C50.4",
            "diagnosed_on": -125,
            "contact_id": "weiss",
            "status": "confirmed",
            "stage": "T1c N0 M0, stage IA; grade 2; ER/PR positive, HER2 negative",
            "notes": "Confirmed by a second pathologist (Dr. Müller).",
        },
    ),
    (
        "diagnosis",
        None,
        {
            "case_id": "breast",
            "name": "Ductal carcinoma in situ (suspected on the mammogram)",
            "icd10": "D05.1",
            "diagnosed_on": -150,
            "contact_id": "raman",
            "status": "revised",
            "notes": "The biopsy showed an invasive cancer instead.",
        },
    ),
    (
        "diagnosis",
        None,
        {
            "case_id": "breast",
            "name": "Second area of enhancement on the breast MRI",
            "icd10": "R92.8",
            "diagnosed_on": -110,
            "contact_id": "raman",
            "status": "suspected",
            "stage": "6 mm, 25 mm from the tumour; not yet biopsied",
        },
    ),
    (
        "opinion",
        "op_weiss",
        {
            "case_id": "breast",
            "contact_id": "weiss",
            "institution": "Riverside General Hospital",
            "given_on": -95,
            "ordinal": 1,
            "diagnosis": _BREAST_DIAGNOSIS,
            "stage": _BREAST_STAGE,
            "treatment": "Mastectomy of the left breast with sentinel node biopsy; then an "
            "aromatase inhibitor for five years.",
            "alternatives": "Breast-conserving surgery with radiotherapy, not advised because of "
            "the second area on the MRI. Breast reconstruction can be discussed.",
            "risks": "Wound infection, fluid under the scar, numbness of the chest wall; "
            "lymphoedema of the arm is uncommon after a sentinel node biopsy alone.",
            "urgency": "Operate within six weeks; a few weeks to decide is safe.",
            "tests": "None before surgery; the sentinel node is examined during the operation.",
            "outcome": "Very good: most women at this stage are alive and well after ten years.",
            "reasoning": "The second area may also be cancer. Removing the breast avoids a second "
            "operation for unclear margins and avoids radiotherapy.",
            "uncertainty": "What the second area is stays unknown without a biopsy.",
            "follow_up": "Check in clinic after two weeks; yearly mammogram of the other breast.",
            "cost": "Covered by the basic insurance.",
            "report_document_id": "doc_opinion_weiss",
        },
    ),
    (
        "opinion",
        "op_martinez",
        {
            "case_id": "breast",
            "contact_id": "martinez",
            "institution": "St. Anne University Clinic",
            "given_on": -20,
            "ordinal": 2,
            "diagnosis": _BREAST_DIAGNOSIS,
            "stage": _BREAST_STAGE,
            "treatment": "First an MRI-guided biopsy of the second area. If it is benign: "
            "breast-conserving surgery (wide local excision) with sentinel node biopsy, then "
            "three weeks of radiotherapy, then an aromatase inhibitor for five years.",
            "alternatives": "Mastectomy, a sound choice if the second area is cancer or if "
            "Mrs. Lindqvist prefers to avoid radiotherapy.",
            "risks": "About one in ten women needs a second operation for margins; radiotherapy "
            "brings tiredness and skin redness for some weeks.",
            "urgency": "The biopsy within two weeks; surgery within six to eight weeks of the "
            "diagnosis is reasonable.",
            "tests": "MRI-guided vacuum biopsy of the 6 mm area.",
            "outcome": "Survival is the same as after mastectomy; the breast is kept.",
            "reasoning": "Small single tumour in a medium-sized breast; the second area looks "
            "benign on imaging and can be settled by a biopsy.",
            "uncertainty": "Depends entirely on the result of the biopsy.",
            "follow_up": "Yearly mammograms of both breasts for at least five years.",
            "cost": "Consultation EUR 480 (private); the biopsy is covered by the basic insurance.",
            "report_document_id": "doc_opinion_martinez",
        },
    ),
    (
        "comparison",
        None,
        {
            "case_id": "breast",
            "title": "Dr. Weiß and Dr. Martínez side by side",
            "opinion_ids": ["op_weiss", "op_martinez"],
            "aspects": {
                "diagnosis": {"verdict": "same", "note": "Same type, size, grade and receptors."},
                "stage": {"verdict": "same", "note": "Both: stage IA, no spread to the nodes."},
                "treatment": {
                    "verdict": "different",
                    "note": "Whole breast removed vs. lump removed plus radiotherapy.",
                },
                "alternatives": {"verdict": "partly", "note": "Each names the other's plan."},
                "risks": {"verdict": "different", "note": "Different operations, different risks."},
                "urgency": {"verdict": "partly", "note": "Both: weeks, not days."},
                "tests": {
                    "verdict": "different",
                    "note": "Only Dr. Martínez wants a biopsy first.",
                },
                "outcome": {"verdict": "same", "note": "Survival the same either way."},
                "reasoning": {"verdict": "different", "note": "The second MRI spot is the crux."},
                "uncertainty": {"verdict": "same", "note": "Both: the second spot is unknown."},
                "follow_up": {"verdict": "partly"},
                "cost": {"verdict": "partly", "note": "The second opinion was paid privately."},
            },
            "summary": "The doctors agree on what the cancer is and how far it has gone. They "
            "differ on the operation, because they weigh the small second spot on the MRI "
            "differently.",
            "next_steps": "Have the MRI-guided biopsy at St. Anne. Ask Dr. Weiß whether a benign "
            "result would change his advice. Decide before the deadline; the surgery slot at "
            "Riverside is held until then.",
        },
    ),
    # --- knee --------------------------------------------------------------------------------
    (
        "diagnosis",
        None,
        {
            "case_id": "knee",
            "name": "Primary osteoarthritis of the right knee",
            "icd10": "M17.1",
            "diagnosed_on": -170,
            "contact_id": "okonkwo",
            "status": "confirmed",
            "stage": "Kellgren–Lawrence grade 3, mainly the inner (medial) side",
        },
    ),
    (
        "diagnosis",
        None,
        {
            "case_id": "knee",
            "name": "Degenerative tear of the medial meniscus",
            "icd10": "M23.2",
            "diagnosed_on": -140,
            "contact_id": "okonkwo",
            "status": "suspected",
        },
    ),
    (
        "opinion",
        "op_okonkwo",
        {
            "case_id": "knee",
            "contact_id": "okonkwo",
            "institution": "Harbour View Orthopaedic Centre",
            "given_on": -90,
            "ordinal": 1,
            "diagnosis": "Osteoarthritis of the right knee, worst on the medial side.",
            "stage": "Advanced: joint space almost gone on the inner side.",
            "treatment": "Total knee replacement of the right knee.",
            "alternatives": "Painkillers, physiotherapy and a steroid injection give short relief.",
            "risks": "Infection about 1 in 100, blood clots, stiffness; one in five people still "
            "has some pain a year later.",
            "urgency": "Not urgent; a slot within three months is offered.",
            "tests": "Pre-operative blood tests and an ECG.",
            "outcome": "Most people walk further with less pain after three to six months.",
            "reasoning": "X-ray shows advanced wear; painkillers no longer help enough.",
            "uncertainty": "None stated.",
            "follow_up": "Physiotherapy for six weeks after surgery; review at six weeks.",
            "cost": "Covered by the basic insurance.",
            "report_document_id": "doc_opinion_okonkwo",
        },
    ),
    # Deliberately incomplete: the risks, urgency, tests, uncertainty and cost were not discussed.
    (
        "opinion",
        "op_halvorsen",
        {
            "case_id": "knee",
            "contact_id": "halvorsen",
            "institution": "Northfield Joint Clinic",
            "given_on": -60,
            "ordinal": 2,
            "diagnosis": "Osteoarthritis of the right knee.",
            "stage": "Moderate to advanced.",
            "treatment": "Twelve weeks of supervised exercise therapy and losing some weight, then "
            "decide again about a replacement.",
            "alternatives": "Knee replacement if the exercise programme does not help.",
            "outcome": "Many people with this picture can put off surgery for years.",
            "reasoning": "Pain varies from day to day and she still walks 20 minutes; the knee is "
            "stable and straight.",
            "notes": "No written report was given; these are Anna's notes from the consultation.",
        },
    ),
    (
        "comparison",
        None,
        {
            "case_id": "knee",
            "title": "Dr. Okonkwo and Dr. Halvorsen",
            "opinion_ids": ["op_okonkwo", "op_halvorsen"],
            "aspects": {
                "diagnosis": {"verdict": "same"},
                "stage": {"verdict": "partly", "note": "Advanced vs. moderate to advanced."},
                "treatment": {"verdict": "different", "note": "Operate now vs. exercise first."},
                "risks": {
                    "verdict": "not_addressed",
                    "note": "Dr. Halvorsen did not discuss risks.",
                },
                "urgency": {"verdict": "not_addressed"},
            },
            "summary": "Same diagnosis; the second doctor would try three months of exercise first.",
            "next_steps": "Ask Northfield for a written report. Review with Dr. Okonkwo after the "
            "exercise programme.",
        },
    ),
    # --- care assessment ---------------------------------------------------------------------
    (
        "diagnosis",
        None,
        {
            "case_id": "care",
            "name": "Difficulty in walking",
            "icd10": "R26.2",
            "diagnosed_on": -75,
            "contact_id": "achterberg",
            "status": "confirmed",
            "stage": "Walks indoors with a stick; needs help on the stairs and in the shower",
        },
    ),
    (
        "diagnosis",
        None,
        {
            "case_id": "care",
            "name": "Bruised left hip after a fall",
            "icd10": "S70.0",
            "diagnosed_on": -78,
            "status": "confirmed",
            "stage": "No fracture on the X-ray",
        },
    ),
    (
        "diagnosis",
        None,
        {
            "case_id": "care",
            "name": "Fracture of the neck of the left femur",
            "icd10": "S72.0",
            "diagnosed_on": -78,
            "status": "ruled_out",
            "notes": "Ruled out by X-ray and CT.",
        },
    ),
    # --- records requests and physical items -------------------------------------------------
    (
        "records_request",
        None,
        {
            "case_id": "breast",
            "contact_id": "records",
            "facility": "Riverside General Hospital",
            "what": "The pathology slides and paraffin block of the core biopsy, and the breast MRI "
            "as images on a disc (not only the reports).",
            "requested_on": -50,
            "due_on": -36,
            "status": "forwarded",
            "notes": "Slides sent by courier to Dr. Müller; disc collected by Anna.",
        },
    ),
    (
        "records_request",
        None,
        {
            "case_id": "breast",
            "contact_id": "records",
            "facility": "Riverside General Hospital",
            "what": "Complete file: clinic letters, imaging and pathology reports, blood results.",
            "requested_on": -62,
            "due_on": -48,
            "status": "received",
        },
    ),
    (
        "records_request",
        None,
        {
            "case_id": "knee",
            "contact_id": "okonkwo",
            "facility": "Harbour View Orthopaedic Centre",
            "what": "Knee X-ray films and the knee MRI on disc.",
            "requested_on": -68,
            "due_on": -61,
            "status": "received",
        },
    ),
    (
        "records_request",
        None,
        {
            "case_id": "care",
            "contact_id": "care_office",
            "facility": "Westbrook Care Assessment Office",
            "what": "The whole assessment file: the assessor's home-visit report and scoring sheet.",
            "requested_on": -20,
            "due_on": -6,
            "status": "requested",
            "notes": "Needed to write the objection. Not received yet.",
        },
    ),
    (
        "physical_item",
        None,
        {
            "case_id": "breast",
            "kind": "slides",
            "sent_to_id": "muller",
            "sent_on": -40,
            "description": "Core biopsy slides, left breast: 6 H&E and 4 immunostains, block B1",
            "location": "Lakeshore Pathology Institute (for review)",
            "notes": "Belongs to Riverside General; to be returned after the review.",
        },
    ),
    (
        "physical_item",
        None,
        {
            "case_id": "breast",
            "kind": "disc",
            "description": "Breast MRI on CD (DICOM images)",
            "location": "At home, blue folder",
            "notes": "Bring to St. Anne for the MRI-guided biopsy.",
        },
    ),
    (
        "physical_item",
        None,
        {
            "case_id": "knee",
            "kind": "films",
            "description": "Knee X-ray films, right knee, two views",
            "location": "At home, in the large envelope",
            "sent_to_id": "halvorsen",
            "sent_on": -62,
            "returned_on": -58,
        },
    ),
    (
        "physical_item",
        None,
        {
            "case_id": "knee",
            "kind": "disc",
            "description": "Knee MRI on CD",
            "location": "At home, blue folder",
        },
    ),
    # --- appointments ------------------------------------------------------------------------
    (
        "appointment",
        "appt_weiss_first",
        {
            "case_id": "breast",
            "contact_id": "weiss",
            "starts_at": (-95, "09:30"),
            "location": "Riverside General Hospital, Breast Clinic, 2nd floor",
            "purpose": "Results of the biopsy and MRI; treatment plan.",
            "companion": "Anna Lindqvist",
            "outcome": "Mastectomy advised; surgery slot offered. Asked for a letter.",
        },
    ),
    (
        "appointment",
        "appt_martinez",
        {
            "case_id": "breast",
            "contact_id": "martinez",
            "starts_at": (-20, "11:00"),
            "location": "St. Anne University Clinic, Breast Centre, room B.14",
            "purpose": "Second opinion on the treatment plan.",
            "companion": "Anna Lindqvist",
            "preparation": "Bring the MRI disc, the referral and the list of questions.",
            "outcome": "Same diagnosis. Suggests a biopsy of the second spot first; would then "
            "advise breast-conserving surgery and radiotherapy. Written report promised.",
        },
    ),
    (
        "appointment",
        "appt_weiss_next",
        {
            "case_id": "breast",
            "contact_id": "weiss",
            "starts_at": (7, "10:30"),
            "location": "Riverside General Hospital, Breast Clinic, 2nd floor",
            "purpose": "Talk about the second opinion and the biopsy of the second spot.",
            "companion": "Anna Lindqvist",
            "preparation": "Bring Dr. Martínez's letter and the pathology review. Print the "
            "question list. Anna takes notes.",
        },
    ),
    (
        "appointment",
        "appt_biopsy",
        {
            "case_id": "breast",
            "contact_id": "martinez",
            "starts_at": (12, "08:15"),
            "location": "St. Anne University Clinic, Radiology, ground floor",
            "purpose": "MRI-guided biopsy of the second area.",
            "companion": "Anna Lindqvist",
            "preparation": "No metal; take the MRI disc. Stop nothing, no blood thinners taken.",
        },
    ),
    (
        "appointment",
        "appt_halvorsen",
        {
            "case_id": "knee",
            "contact_id": "halvorsen",
            "starts_at": (-60, "14:00"),
            "location": "Northfield Joint Clinic",
            "purpose": "Second opinion on the knee replacement.",
            "companion": "Anna Lindqvist",
            "outcome": "Advised exercise therapy first. No written report given.",
        },
    ),
    (
        "appointment",
        "appt_okonkwo_next",
        {
            "case_id": "knee",
            "contact_id": "okonkwo",
            "starts_at": (21, "14:00"),
            "location": "Harbour View Orthopaedic Centre, outpatients",
            "purpose": "Review after the exercise programme; decide about the replacement.",
            "companion": "Anna Lindqvist",
            "preparation": "Bring the physiotherapist's progress note and the walking diary.",
        },
    ),
    (
        "appointment",
        None,
        {
            "case_id": "care",
            "contact_id": "care_office",
            "starts_at": (-32, "13:30"),
            "location": "At home",
            "purpose": "Home visit by the care assessor.",
            "outcome": "Visit lasted 25 minutes; the shower was not looked at.",
        },
    ),
    # --- tasks and deadlines -----------------------------------------------------------------
    (
        "task",
        None,
        {
            "case_id": "breast",
            "kind": "decision",
            "due_on": 28,
            "title": "Decide: mastectomy or breast-conserving surgery",
            "notes": "The surgery slot at Riverside is held until this date.",
        },
    ),
    (
        "task",
        None,
        {
            "case_id": "breast",
            "kind": "insurer_approval",
            "due_on": -48,
            "title": "Prior approval from Nordhaven for the St. Anne consultation",
            "done": True,
            "done_on": -45,
        },
    ),
    (
        "task",
        None,
        {
            "case_id": "breast",
            "kind": "follow_up",
            "due_on": 14,
            "title": "Make sure the slides go back to Riverside after the review",
        },
    ),
    (
        "task",
        None,
        {
            "case_id": "knee",
            "kind": "insurer_approval",
            "due_on": 10,
            "title": "Ask Nordhaven to reconsider the refused knee consultation claim",
        },
    ),
    (
        "task",
        None,
        {
            "case_id": "knee",
            "kind": "records",
            "due_on": 5,
            "title": "Ask Northfield Joint Clinic for a written report",
        },
    ),
    (
        "task",
        None,
        {
            "case_id": "care",
            "kind": "other",
            "due_on": 17,
            "title": "Send the objection to the care assessment decision",
            "notes": "Six weeks after the decision letter; send by registered post.",
        },
    ),
    (
        "task",
        None,
        {
            "case_id": "care",
            "kind": "records",
            "due_on": -3,
            "title": "Phone the Care Assessment Office: assessment report still missing",
        },
    ),
    (
        "task",
        None,
        {
            "case_id": "care",
            "kind": "follow_up",
            "due_on": -12,
            "done": True,
            "done_on": -10,
            "title": "Ask Dr. Achterberg for a supporting letter",
        },
    ),
    # --- questions ---------------------------------------------------------------------------
    (
        "question",
        None,
        {
            "case_id": "breast",
            "appointment_id": "appt_weiss_next",
            "priority": "high",
            "category": "treatment",
            "text": "Why do you advise removing the whole breast, when "
            "Dr. Martínez thinks keeping it may be possible?",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "breast",
            "appointment_id": "appt_weiss_next",
            "priority": "high",
            "category": "tests",
            "text": "If the biopsy of the second spot is benign, would your advice change?",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "breast",
            "appointment_id": "appt_weiss_next",
            "category": "treatment",
            "text": "Could a reconstruction be done in the same operation?",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "breast",
            "appointment_id": "appt_weiss_next",
            "category": "timing",
            "text": "How long can the operation safely wait while I decide?",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "breast",
            "category": "next steps",
            "text": "Would you be willing to talk to Dr. Martínez about my case?",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "breast",
            "appointment_id": "appt_martinez",
            "category": "diagnosis",
            "text": "Do you agree with the original pathology result?",
            "asked": True,
            "answer": "Yes. Dr. Müller looked at the slides again: same type, grade and receptors.",
            "answered_by_id": "martinez",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "breast",
            "appointment_id": "appt_martinez",
            "category": "treatment",
            "text": "Will I need hormone tablets whichever operation I choose?",
            "asked": True,
            "answer": "Yes, an aromatase inhibitor for five years after either operation.",
            "answered_by_id": "martinez",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "knee",
            "appointment_id": "appt_halvorsen",
            "category": "timing",
            "text": "What happens if I wait with the knee replacement?",
            "asked": True,
            "answer": "Waiting some months does no harm; the reason to operate is pain and "
            "walking distance.",
            "answered_by_id": "halvorsen",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "knee",
            "appointment_id": "appt_okonkwo_next",
            "priority": "high",
            "category": "timing",
            "text": "Should the knee wait until the breast treatment is over?",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "knee",
            "appointment_id": "appt_okonkwo_next",
            "category": "experience",
            "text": "How many knee replacements does your team do each year?",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "care",
            "priority": "high",
            "category": "appeal",
            "asked": True,
            "text": "Which parts of the assessment can I contest, and what evidence counts?",
            "answer": "The scoring of personal care. A doctor's letter describing what she cannot "
            "do safely carries the most weight.",
            "answered_by_id": "advisor",
        },
    ),
    (
        "question",
        None,
        {
            "case_id": "care",
            "category": "appeal",
            "text": "Can the assessor visit again when Anna can be there?",
        },
    ),
    # --- costs -------------------------------------------------------------------------------
    (
        "cost",
        None,
        {
            "case_id": "breast",
            "description": "Second-opinion consultation, Dr. Martínez",
            "amount": 480,
            "currency": "EUR",
            "incurred_on": -20,
            "insurer_id": "nordhaven",
            "opinion_id": "op_martinez",
            "appointment_id": "appt_martinez",
            "is_consultation": True,
            "prior_approval_obtained": True,
            "claim_status": "submitted",
        },
    ),
    (
        "cost",
        None,
        {
            "case_id": "breast",
            "description": "Pathology slide review, Lakeshore Pathology Institute",
            "amount": 185,
            "currency": "EUR",
            "incurred_on": -30,
            "insurer_id": "nordhaven",
            "prior_approval_obtained": True,
            "claim_status": "paid",
            "reimbursed": 148,
        },
    ),
    (
        "cost",
        None,
        {
            "case_id": "breast",
            "description": "Copy of the breast MRI on disc",
            "amount": 15,
            "currency": "EUR",
            "incurred_on": -45,
        },
    ),
    (
        "cost",
        None,
        {
            "case_id": "knee",
            "description": "Second-opinion consultation, Dr. Halvorsen",
            "amount": 260,
            "currency": "EUR",
            "incurred_on": -60,
            "insurer_id": "nordhaven",
            "opinion_id": "op_halvorsen",
            "appointment_id": "appt_halvorsen",
            "is_consultation": True,
            "prior_approval_obtained": False,
            "claim_status": "rejected",
            "reimbursed": 0,
        },
    ),
    (
        "cost",
        None,
        {
            "case_id": "knee",
            "description": "Taxi to Northfield Joint Clinic and back",
            "amount": 46.5,
            "currency": "EUR",
            "incurred_on": -60,
        },
    ),
    # --- notes -------------------------------------------------------------------------------
    (
        "note",
        None,
        {
            "case_id": "breast",
            "title": "Phone call with St. Anne",
            "written_on": -55,
            "text": "The secretary said Dr. Martínez wants the slides themselves and the MRI "
            "images, not only the reports. Asked Riverside's records office the same day.",
        },
    ),
    (
        "note",
        None,
        {
            "case_id": "breast",
            "title": "After the second opinion",
            "written_on": -19,
            "text": "Mum felt listened to. She would like to keep the breast if it is safe, but "
            "does not want to put things off for long. The biopsy decides a lot.",
        },
    ),
    (
        "note",
        None,
        {
            "case_id": "knee",
            "title": "Exercise therapy",
            "written_on": -30,
            "text": "Six sessions so far. Stairs a little easier; still stiff in the morning.",
        },
    ),
    (
        "note",
        None,
        {
            "case_id": "care",
            "title": "Home visit",
            "written_on": -32,
            "text": "The assessor asked mostly about cleaning and shopping. Mum said she manages, "
            "out of pride; she did not mention that Anna helps her in the shower.",
        },
    ),
]


# --- documents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoDocument:
    key: str
    case: str
    file: str
    title: str
    kind: str
    days_ago: int
    author: str = ""
    blocks: tuple[Block, ...] = ()
    text: str = ""  # for a plain-text file
    source: str = ""
    bring: bool = False
    tags: tuple[str, ...] = ()
    opinion: str | None = None  # key of the opinion this document is the report of


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _t(text: str) -> Block:
    return Block(text, "title")


def _h(text: str) -> Block:
    return Block(text, "heading")


def _p(text: str) -> Block:
    return Block(text, "body")


def _s(text: str) -> Block:
    return Block(text, "small")


def _rows(head: str, *rows: str) -> list[Block]:
    return [Block(head, "rowhead"), *(Block(row, "row") for row in rows)]


def _letterhead(institution: str, department: str, when: str) -> list[Block]:
    return [
        _h(institution),
        _s(f"{department} · {when}"),
        _s("Patient: Margaret Lindqvist · born 23 April 1958 · insurance NH-4471-0932-58"),
    ]


def documents(today: date) -> list[DemoDocument]:
    """The demo's documents, their text dated relative to ``today``."""

    def on(days_ago: int) -> str:
        return long_date(today - timedelta(days=days_ago))

    lab = "Test\tResult\tUnit\tReference"
    riverside = "Riverside General Hospital"
    return [
        DemoDocument(
            "doc_mammogram",
            "breast",
            "mammography-report.pdf",
            "Screening mammography report",
            "imaging_report",
            150,
            "Dr. Priya Raman",
            (
                *_letterhead(riverside, "Department of Radiology", on(150)),
                _t("Screening mammography, both breasts"),
                _p(
                    "Indication: routine screening, no complaints. Comparison with the images of "
                    "two years ago."
                ),
                _p(
                    "Findings: in the upper outer quadrant of the left breast, an irregular mass of "
                    "about 14 mm with spiculated margins, new since the previous round. Fine "
                    "calcifications next to it. The right breast is unremarkable. No enlarged "
                    "lymph nodes in either armpit."
                ),
                _p(
                    "Conclusion: suspicious lesion left breast, BI-RADS 4C; an intraductal "
                    "component (DCIS) is possible. Ultrasound and core biopsy advised."
                ),
                _s("Reported by Dr. Priya Raman, consultant radiologist."),
            ),
        ),
        DemoDocument(
            "doc_pathology",
            "breast",
            "pathology-core-biopsy.pdf",
            "Histopathology report: core biopsy left breast",
            "pathology",
            125,
            "Dr. Oskar Lindgren",
            (
                *_letterhead(riverside, "Department of Pathology", on(125)),
                _t("Histopathology: ultrasound-guided core biopsy, left breast"),
                _h("Macroscopy"),
                _p("Three cores of pale tissue, 12 to 16 mm long, all embedded (block B1)."),
                _h("Microscopy"),
                _p(
                    "Invasive carcinoma of no special type (invasive ductal carcinoma) forming "
                    "cords and small glands in a fibrous stroma. Moderate nuclear pleomorphism, "
                    "few mitoses. A small focus of intermediate-grade DCIS. No vascular invasion "
                    "seen in this sample."
                ),
                pagebreak(),
                _h("Grading and receptors"),
                *_rows(
                    "Marker\tResult\tMethod",
                    "Grade (Nottingham)\t2 (3+2+1)\tH&E",
                    "Oestrogen receptor\tpositive, Allred 8/8\tIHC",
                    "Progesterone receptor\tpositive, Allred 6/8\tIHC",
                    "HER2\tnegative (score 1+)\tIHC",
                    "Ki-67\t15 %\tIHC",
                ),
                _h("Conclusion"),
                _p(
                    "Left breast, core biopsy: invasive ductal carcinoma, grade 2, ER and PR "
                    "positive, HER2 negative. To be discussed at the breast tumour board."
                ),
                _s("Dr. Oskar Lindgren, consultant pathologist"),
            ),
            bring=True,
            tags=("pathology", "key result"),
        ),
        DemoDocument(
            "doc_mri_breast",
            "breast",
            "breast-mri-report.pdf",
            "Breast MRI report",
            "imaging_report",
            110,
            "Dr. Priya Raman",
            (
                *_letterhead(riverside, "Department of Radiology", on(110)),
                _t("MRI of both breasts with contrast"),
                _p("Question: extent of the known cancer in the left breast before surgery."),
                _p(
                    "Findings: the known tumour in the upper outer quadrant of the left breast "
                    "measures 16 mm. Some 25 mm further towards the nipple lies a 6 mm area of "
                    "non-mass enhancement with a benign-looking curve; it may be a fibroadenoma "
                    "or harmless glandular change, but a second tumour cannot be excluded. "
                    "The right breast is normal. No abnormal lymph nodes."
                ),
                pagebreak(),
                _h("Conclusion"),
                _p(
                    "1. Known carcinoma left breast, 16 mm. 2. Indeterminate 6 mm area in the same "
                    "breast (BI-RADS 3 to 4A); an MRI-guided biopsy could settle it."
                ),
                _h("Technique"),
                _s(
                    "1.5 tesla, prone, dedicated breast coil; T1 dynamic series before and after "
                    "gadolinium, T2 and diffusion-weighted images. No complications."
                ),
            ),
            tags=("MRI",),
        ),
        DemoDocument(
            "doc_lab_breast",
            "breast",
            "lab-results-blood.pdf",
            "Laboratory results: blood count and chemistry",
            "lab_result",
            100,
            "Riverside General Clinical Laboratory",
            (
                *_letterhead(riverside, "Clinical Laboratory", on(100)),
                _t("Full blood count"),
                *_rows(
                    lab,
                    "Haemoglobin\t13.2\tg/dL\t12.0–16.0",
                    "White cells\t6.1\t10^9/L\t4.0–10.0",
                    "Neutrophils\t3.8\t10^9/L\t1.8–7.5",
                    "Platelets\t244\t10^9/L\t150–400",
                    "MCV\t91\tfL\t80–100",
                ),
                _p("Comment: blood count normal."),
                pagebreak(),
                _t("Clinical chemistry"),
                *_rows(
                    lab,
                    "Creatinine\t71\tµmol/L\t45–90",
                    "eGFR\t78\tmL/min/1.73m²\t> 60",
                    "ALT\t22\tU/L\t< 35",
                    "Alkaline phosphatase\t84\tU/L\t35–105",
                    "Calcium (corrected)\t2.36\tmmol/L\t2.20–2.60",
                    "Ferritin\t96\tµg/L\t15–200",
                    "Vitamin D (25-OH)\t58\tnmol/L\t> 50",
                ),
                _p(
                    "Comment: kidney and liver function normal; no sign of bone involvement on "
                    "calcium and alkaline phosphatase."
                ),
                _s("Validated by the laboratory; values outside the range would be marked H or L."),
            ),
        ),
        DemoDocument(
            "doc_opinion_weiss",
            "breast",
            "clinic-letter-weiss.pdf",
            "Clinic letter with treatment advice (Dr. Weiß)",
            "written_opinion",
            95,
            "Dr. Jürgen Weiß",
            (
                *_letterhead(riverside, "Breast Clinic", on(95)),
                _p("To Dr. Thomas Achterberg, Elm Street Family Practice. Copy to the patient."),
                _t("Treatment advice: left breast cancer"),
                _p(
                    f"Dear colleague, I saw Mrs. Lindqvist and her daughter today, {on(95)}. The "
                    "core biopsy shows an invasive ductal carcinoma of 16 mm in the upper outer "
                    "left breast, grade 2, hormone receptor positive and HER2 negative. The armpit "
                    "is clinically and on ultrasound free: stage IA."
                ),
                _p(
                    "The MRI shows a second, small area of enhancement in the same breast. Because "
                    "it may also be cancer, I have advised a mastectomy with a sentinel node "
                    "biopsy. This avoids a re-operation for unclear margins and makes radiotherapy "
                    "unnecessary. Afterwards an aromatase inhibitor for five years."
                ),
                pagebreak(),
                _p(
                    "We talked about breast-conserving surgery with radiotherapy. I do not "
                    "recommend it here, but I understand that Mrs. Lindqvist would like a second "
                    "opinion, and I am glad to send her slides and images. A theatre slot is "
                    "reserved; there is time to decide over the coming weeks."
                ),
                _p("Yours sincerely, Dr. Jürgen Weiß, consultant breast surgeon"),
            ),
            source=riverside,
            opinion="op_weiss",
        ),
        DemoDocument(
            "doc_referral",
            "breast",
            "referral-second-opinion.pdf",
            "Referral for a second opinion at St. Anne",
            "referral",
            60,
            "Dr. Thomas Achterberg",
            (
                *_letterhead("Elm Street Family Practice", "General practice", on(60)),
                _p("To Dr. Zoë Martínez, Breast Centre, St. Anne University Clinic."),
                _t("Referral for a second opinion"),
                _p(
                    "Please see Mrs. Lindqvist for a second opinion on the surgical treatment of "
                    "her early left breast cancer (stage IA, ER/PR positive, HER2 negative). "
                    "Dr. Weiß at Riverside General advises a mastectomy because of a second small "
                    "area on the MRI. She would like to know whether keeping the breast is safe."
                ),
                _p(
                    "Other conditions: high blood pressure, raised cholesterol, osteoarthritis of "
                    "the right knee. Allergy: penicillin. The slides and MRI disc follow directly "
                    "from Riverside."
                ),
                _s("Dr. Thomas Achterberg, general practitioner"),
            ),
        ),
        DemoDocument(
            "doc_approval",
            "breast",
            "nordhaven-prior-approval.pdf",
            "Nordhaven: prior approval for a second opinion",
            "insurance",
            45,
            "Nordhaven Health Insurance",
            (
                _h("Nordhaven Health Insurance"),
                _s(f"Second-opinion desk · {on(45)} · member NH-4471-0932-58"),
                _t("Approval: second-opinion consultation"),
                _p(
                    "Dear Mrs. Lindqvist, we approve one second-opinion consultation with "
                    "Dr. Z. Martínez, St. Anne University Clinic. We reimburse 80% of the fee, "
                    "at most EUR 350 per consultation, and up to three consultations per calendar "
                    "year. Send the invoice and the doctor's report within 12 months."
                ),
                _s("This approval is valid for six months."),
            ),
            tags=("insurance",),
        ),
        DemoDocument(
            "doc_path_review",
            "breast",
            "pathology-review-lakeshore.pdf",
            "Second pathology review of the core biopsy",
            "pathology",
            30,
            "Dr. Helena Müller",
            (
                *_letterhead("Lakeshore Pathology Institute", "Consultation pathology", on(30)),
                _t("Review of outside slides: core biopsy left breast"),
                _p(
                    "Material received from Riverside General: 6 H&E slides, 4 immunostains and "
                    "block B1. Fresh sections were cut for a repeat of the receptor stains."
                ),
                *_rows(
                    "Marker\tRiverside\tLakeshore",
                    "Type\tinvasive ductal\tinvasive ductal",
                    "Grade\t2\t2",
                    "ER\t8/8\t8/8",
                    "PR\t6/8\t5/8",
                    "HER2\t1+\t1+ (negative)",
                ),
                pagebreak(),
                _h("Conclusion"),
                _p(
                    "I agree with the original diagnosis: invasive carcinoma of no special type, "
                    "grade 2, ER and PR positive, HER2 negative. The small difference in PR "
                    "score has no consequence for treatment."
                ),
                _s("Dr. Helena Müller, consultant pathologist. The slides will be returned."),
            ),
            bring=True,
            tags=("pathology",),
        ),
        DemoDocument(
            "doc_opinion_martinez",
            "breast",
            "second-opinion-martinez.pdf",
            "Second opinion on the treatment of left breast cancer (Dr. Martínez)",
            "written_opinion",
            18,
            "Dr. Zoë Martínez",
            (
                *_letterhead("St. Anne University Clinic", "Breast Centre", on(18)),
                _p("To Mrs. M. Lindqvist; copies to Dr. Achterberg and Dr. Weiß."),
                _t("Written second opinion"),
                _p(
                    f"Dear Mrs. Lindqvist, thank you for coming on {on(20)} with your daughter. "
                    "I reviewed the MRI images myself and Dr. Müller reviewed the slides. I agree "
                    "with the diagnosis: a 16 mm invasive ductal carcinoma of the left breast, "
                    "grade 2, hormone sensitive, HER2 negative, stage IA."
                ),
                _p(
                    "My advice differs on the operation. The second area on the MRI looks benign "
                    "to me. I suggest an MRI-guided biopsy first. If it is benign, removing the "
                    "tumour with a margin, a sentinel node biopsy and three weeks of radiotherapy "
                    "give the same survival as a mastectomy, and you keep your breast."
                ),
                pagebreak(),
                _p(
                    "If the biopsy shows cancer, or if you would rather avoid radiotherapy, a "
                    "mastectomy is an equally good choice. Either way I advise an aromatase "
                    "inhibitor for five years. A delay of a few weeks for the biopsy is safe."
                ),
                _p("With kind regards, Dr. Zoë Martínez, consultant surgical oncologist"),
            ),
            source="St. Anne University Clinic",
            bring=True,
            tags=("second opinion",),
            opinion="op_martinez",
        ),
        DemoDocument(
            "doc_notes",
            "breast",
            "notes-st-anne-visit.txt",
            "Anna's notes from the St. Anne visit",
            "other",
            20,
            text="Anna's notes from the St. Anne visit\n\n"
            "Dr. Zoë Martínez, about 40 minutes. Very calm, drew the breast on paper.\n"
            "- Agrees it is an early cancer, same as Dr. Weiß said.\n"
            "- The second spot on the MRI: she thinks it is probably harmless.\n"
            "- Wants a biopsy of it first (done lying down in the MRI, local anaesthetic).\n"
            "- If harmless: lumpectomy + radiotherapy, 15 sessions over three weeks.\n"
            "- Hormone tablets either way, five years.\n"
            "- Letter will come within a week. Ask Dr. Weiß if he would agree.\n",
        ),
        DemoDocument(
            "doc_xray_report",
            "knee",
            "knee-xray-report.pdf",
            "X-ray report: right knee",
            "imaging_report",
            170,
            "Harbour View Radiology",
            (
                *_letterhead("Harbour View Orthopaedic Centre", "Radiology", on(170)),
                _t("X-ray of the right knee, standing, two views"),
                _p(
                    "Marked narrowing of the medial joint space, with bone spurs on the femur and "
                    "tibia and sclerosis under the cartilage. Lateral compartment and kneecap "
                    "joint mildly affected. Slight varus alignment. No fracture, no loose body."
                ),
                _p(
                    "Conclusion: osteoarthritis of the right knee, Kellgren–Lawrence grade 3, "
                    "mainly medial."
                ),
            ),
        ),
        DemoDocument(
            "doc_mri_knee",
            "knee",
            "knee-mri-report.pdf",
            "MRI report: right knee",
            "imaging_report",
            140,
            "Harbour View Radiology",
            (
                *_letterhead("Harbour View Orthopaedic Centre", "Radiology", on(140)),
                _t("MRI of the right knee"),
                _p(
                    "Degenerative horizontal tear of the posterior horn of the medial meniscus. "
                    "Full-thickness cartilage loss over the medial femoral condyle with bone "
                    "marrow oedema. Small effusion and a 2 cm Baker's cyst. Cruciate and "
                    "collateral ligaments intact."
                ),
                pagebreak(),
                _h("Conclusion"),
                _p(
                    "Advanced medial osteoarthritis with a degenerative meniscal tear; the tear is "
                    "part of the wear and is not expected to benefit from keyhole surgery."
                ),
            ),
        ),
        DemoDocument(
            "doc_opinion_okonkwo",
            "knee",
            "orthopaedic-letter-okonkwo.pdf",
            "Orthopaedic clinic letter (Dr. Okonkwo)",
            "written_opinion",
            88,
            "Dr. Samuel Okonkwo",
            (
                *_letterhead("Harbour View Orthopaedic Centre", "Knee clinic", on(88)),
                _t("Advice: total knee replacement, right"),
                _p(
                    "Mrs. Lindqvist has had right knee pain for three years, now on stairs and "
                    "after 20 minutes of walking, and at night twice a week. Painkillers and "
                    "a steroid injection last year gave short relief. The X-ray shows advanced "
                    "medial wear. I advise a total knee replacement and offered a date within "
                    "three months. We discussed infection, clots, stiffness and persistent pain."
                ),
                _s("Dr. Samuel Okonkwo, consultant orthopaedic surgeon"),
            ),
            source="Harbour View Orthopaedic Centre",
            opinion="op_okonkwo",
        ),
        DemoDocument(
            "doc_prescription",
            "knee",
            "prescription-knee.pdf",
            "Prescription: pain relief and physiotherapy",
            "prescription",
            70,
            "Dr. Thomas Achterberg",
            (
                *_letterhead("Elm Street Family Practice", "Prescription", on(70)),
                _t("Prescription"),
                *_rows(
                    "Medicine\tDose\tAmount",
                    "Paracetamol 500 mg tablets\t2 tablets up to 3x a day\t100",
                    "Diclofenac gel 1%\ton the right knee up to 4x a day\t2 x 100 g",
                ),
                _p(
                    "Referral for supervised exercise therapy, 18 sessions, for osteoarthritis of "
                    "the right knee."
                ),
                _s("Dr. Thomas Achterberg · no repeat without review"),
            ),
        ),
        DemoDocument(
            "doc_lab_knee",
            "knee",
            "pre-operative-lab-results.pdf",
            "Pre-operative screening: laboratory results",
            "lab_result",
            45,
            "Harbour View Laboratory",
            (
                *_letterhead("Harbour View Orthopaedic Centre", "Laboratory", on(45)),
                _t("Pre-operative blood tests"),
                *_rows(
                    lab,
                    "Haemoglobin\t12.9\tg/dL\t12.0–16.0",
                    "Platelets\t251\t10^9/L\t150–400",
                    "INR\t1.0\t\t0.8–1.2",
                    "CRP\t4\tmg/L\t< 5",
                    "HbA1c\t39\tmmol/mol\t< 42",
                ),
                pagebreak(),
                _t("Kidneys and salts"),
                *_rows(
                    lab,
                    "Sodium\t139\tmmol/L\t135–145",
                    "Potassium\t4.3\tmmol/L\t3.5–5.0",
                    "Creatinine\t74\tµmol/L\t45–90",
                    "Urea\t5.8\tmmol/L\t2.5–7.8",
                ),
                _p("Fit for surgery as far as these tests go. Screening swab for MRSA negative."),
            ),
        ),
        DemoDocument(
            "doc_discharge",
            "care",
            "discharge-summary-fall.pdf",
            "Discharge summary after a fall",
            "discharge_summary",
            75,
            "Dr. Lena Oduya",
            (
                *_letterhead(riverside, "Acute medical unit", on(75)),
                _t("Discharge summary"),
                _p(
                    f"Admitted {on(78)} after a fall at home on the stairs; discharged {on(75)}. "
                    "Pain in the left hip; a hip fracture was ruled out on X-ray and CT. "
                    "Diagnosis: bruised left hip. Blood pressure and heart rhythm normal; the fall "
                    "was a trip, not a faint."
                ),
                pagebreak(),
                _h("Function at discharge"),
                _p(
                    "Walks with a stick indoors; needs someone at hand on the stairs and in the "
                    "shower for the coming months, also because of the worn right knee. The "
                    "physiotherapist advises help with personal care and a shower chair."
                ),
                _h("Medication"),
                _p("Unchanged. Paracetamol for pain. Penicillin allergy noted."),
            ),
            bring=True,
        ),
        DemoDocument(
            "doc_decision",
            "care",
            "care-assessment-decision.pdf",
            "Decision on the application for home care",
            "letter",
            25,
            "Westbrook Care Assessment Office",
            (
                _h("Westbrook Municipality · Care Assessment Office"),
                _s(f"{on(25)} · reference WCA-2291"),
                _t("Decision on your application for home care"),
                _p(
                    "Dear Mrs. Lindqvist, after the home visit we have assessed your need for "
                    "support. You are granted household help of 2 hours a week for 12 months. "
                    "Your request for help with personal care (washing, showering and dressing) is "
                    "refused: the assessment found that you can do this yourself with aids."
                ),
                _h("How to object"),
                _p(
                    "If you disagree, send a written objection within six weeks of the date of "
                    "this letter, stating why, and add any evidence. You may ask for a new "
                    "assessment. Free help is available from the independent client support "
                    "service."
                ),
            ),
            tags=("appeal", "decision"),
        ),
        DemoDocument(
            "doc_gp_support",
            "care",
            "gp-supporting-letter.pdf",
            "Supporting letter from Dr. Achterberg",
            "letter",
            10,
            "Dr. Thomas Achterberg",
            (
                *_letterhead("Elm Street Family Practice", "General practice", on(10)),
                _t("To whom it may concern: need for personal care"),
                _p(
                    "Mrs. Lindqvist fell on the stairs eleven weeks ago. Because of advanced "
                    "osteoarthritis of the right knee she cannot get in and out of the shower "
                    "safely alone; her daughter now helps her. She faces breast cancer surgery "
                    "in the coming weeks, after which she will not be able to raise her left arm "
                    "for some time. In my view she needs help with washing and dressing."
                ),
                _s("Dr. Thomas Achterberg, general practitioner"),
            ),
        ),
        DemoDocument(
            "doc_appeal",
            "care",
            "objection-letter-draft.pdf",
            "Objection to the care assessment decision (draft)",
            "letter",
            4,
            "Margaret Lindqvist",
            (
                _s("Margaret Lindqvist · Birch Lane 14 · 2411 Westbrook"),
                _s(f"To the Care Assessment Office, Westbrook · {on(4)} · reference WCA-2291"),
                _t("Objection to your decision on home care"),
                _p(f"I object to your decision of {on(25)} refusing help with personal care."),
                _p(
                    "1. At the home visit the shower was not looked at. I cannot step over the "
                    "edge of the bath safely; my daughter has helped me since the fall."
                ),
                _p(
                    "2. The discharge summary of Riverside General advises help with personal care."
                ),
                _p(
                    "3. My family doctor confirms this need, the more so because of the breast "
                    "surgery ahead of me."
                ),
                pagebreak(),
                _p(
                    "I ask you to grant help with showering and dressing, at least three times a "
                    "week, and to reassess at home with my daughter present."
                ),
                _h("Enclosed"),
                _p("Discharge summary; letter from Dr. Achterberg; your decision letter."),
                _p("Yours faithfully, Margaret Lindqvist"),
            ),
            tags=("appeal",),
        ),
    ]


PHOTO = DemoDocument(
    "doc_xray_photo", "knee", "knee-xray-on-lightbox.jpg",
    "Photo of the knee X-ray on the light box", "image", 160,
    source="Taken by Anna with her phone", tags=("photo", "X-ray"),
)  # fmt: skip
