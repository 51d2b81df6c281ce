"""The words of the demo dossier: people, cases, records and the text of its documents.

Everything here is invented: the patient, the doctors, the institutions, the results.
The medical content is plausible, never advice.  The builder in :mod:`.demo` turns:

* a whole number in a date field into that many days from today (negative: past),
  and ``(days, "HH:MM")`` in a date-and-time field into a moment;
* a string in a link field (``case_id``, ``contact_id``…) into the id of the record
  made earlier under that key;
* a document body into PDF blocks: ``# title``, ``## heading``, ``~ small print``,
  ``|| table | head``, ``| table | row``, ``---`` for a page break, blank lines
  between paragraphs, and ``{N days ago}`` for a date.

The tables are laid out by hand, so the formatter leaves them alone (``fmt: off``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PATIENT_NAME = "Margaret (Maggie) Lindqvist"
PATIENT_BORN = "1958-04-23"
PATIENT_LINE = "Patient: Margaret Lindqvist · born 23 April 1958 · insurance NH-4471-0932-58"

# fmt: off
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


def _doctor(name: str, specialty: str, institution: str, address: str, phone: str,
            notes: str | None = None) -> dict[str, Any]:
    domain = institution.split()[0].lower().rstrip(".")
    return {"name": name, "role": "doctor", "specialty": specialty, "institution": institution,
            "phone": phone, "email": f"secretariat@{domain}.example",
            "address": f"{institution}\n{address}", "notes": notes}


CONTACTS: dict[str, dict[str, Any]] = {
    "weiss": _doctor("Dr. Jürgen Weiß", "Breast surgery", "Riverside General Hospital",
                     "2 Quay Road, Westbrook", "555-0110",
                     "Breast clinic on Tuesdays and Thursdays. Secretary: Ms. Farrow."),
    "raman": _doctor("Dr. Priya Raman", "Radiology (breast imaging)",
                     "Riverside General Hospital", "2 Quay Road, Westbrook", "555-0114"),
    "martinez": _doctor("Dr. Zoë Martínez", "Surgical oncology (breast)",
                        "St. Anne University Clinic", "Cathedral Square 9, Kingsbridge",
                        "555-0230", "Second opinions through the breast centre's "
                        "secretariat; they answer within two weeks."),
    "muller": _doctor("Dr. Helena Müller", "Pathology (breast)", "Lakeshore Pathology Institute",
                      "Harbour Lane 40, Kingsbridge", "555-0261"),
    "okonkwo": _doctor("Dr. Samuel Okonkwo", "Orthopaedic surgery (knee and hip)",
                       "Harbour View Orthopaedic Centre", "Pier Street 5, Westbrook", "555-0175"),
    "halvorsen": _doctor("Dr. Ingrid Halvorsen", "Orthopaedics and sports medicine",
                         "Northfield Joint Clinic", "Mill Road 88, Northfield", "555-0318"),
    "achterberg": _doctor("Dr. Thomas Achterberg", "General practice (GP)",
                          "Elm Street Family Practice", "Elm Street 3, Westbrook", "555-0101",
                          "Family doctor for 20 years; writes referrals and supporting letters."),
    "records": {"name": "Medical Records Office", "role": "records_office",
                "institution": "Riverside General Hospital", "phone": "555-0119",
                "email": "records@riverside.example",
                "notes": "Requests in writing, with a copy of an identity card. "
                         "Slides go by courier."},
    "anna": {"name": "Anna Lindqvist", "role": "companion", "specialty": "Daughter",
             "phone": "555-0187", "email": "anna.lindqvist@example.org",
             "notes": "Comes to appointments and takes notes. Free on Tuesdays and Fridays."},
    "nordhaven": {"name": "Nordhaven Health Insurance", "role": "insurer",
                  "specialty": "Second-opinion desk", "phone": "555-0400",
                  "email": "second.opinion@nordhaven.example",
                  "address": "PO Box 1200, Kingsbridge",
                  "notes": "Pays 80% of a second-opinion consultation, at most EUR 350 each, "
                           "three a year, only if approval was asked before the appointment. "
                           "Claims within 12 months.",
                  "reimburse_percent": 80, "cap_per_consultation": 350,
                  "consultations_per_year": 3, "prior_approval_required": True,
                  "currency": "EUR"},
    "care_office": {"name": "Care Assessment Office", "role": "institution",
                    "specialty": "Home-care assessments", "institution": "Westbrook Municipality",
                    "phone": "555-0500", "email": "care.assessment@westbrook.example",
                    "address": "Town Hall, Market Square 1, Westbrook",
                    "notes": "Objections in writing within six weeks of the decision letter."},
    "advisor": {"name": "Ruth Abernathy", "role": "other",
                "specialty": "Independent client support advisor",
                "institution": "Westbrook Client Support (free service)", "phone": "555-0522"},
}

CASES: dict[str, dict[str, Any]] = {
    "breast": {
        "title": "Breast cancer: mastectomy or breast-conserving surgery?", "kind": "treatment",
        "question": "Which operation for early cancer of the left breast: removing the whole "
                    "breast, or removing the lump followed by radiotherapy?",
        "description": "Found on a screening mammogram. Dr. Weiß advises a mastectomy; "
                       "Dr. Martínez thinks the lump can be removed on its own if a second spot "
                       "on the MRI turns out to be harmless. Both agree on the diagnosis and on "
                       "hormone tablets afterwards.",
        "opened_on": -95, "decision_deadline": 28,
    },
    "knee": {
        "title": "Right knee: replacement now, or exercise therapy first?", "kind": "surgery",
        "question": "Do I need a total knee replacement now, as advised, or can I try other "
                    "treatment first?",
        "description": "Worn right knee, painful on stairs and after walking 20 minutes.",
        "opened_on": -90, "decision_deadline": 60,
    },
    "care": {
        "title": "Appeal: help with personal care refused", "kind": "administrative",
        "question": "Was the municipality right to refuse help with showering and dressing, "
                    "and should I object to the decision?",
        "description": "After the fall, home help was asked for. The Care Assessment Office "
                       "granted 2 hours of household help a week and refused personal care.",
        "opened_on": -25, "decision_deadline": 17,
    },
}

_BREAST_DIAGNOSIS = ("Invasive ductal carcinoma (no special type) of the left breast, upper "
                     "outer quadrant, 16 mm; grade 2; oestrogen and progesterone receptor "
                     "positive, HER2 negative.")
_BREAST_STAGE = "Early stage: T1c N0 M0 (stage IA). No sign of spread in the armpit."

# (kind of record, key to refer to it or None, fields), created in this order.
RECORDS: list[tuple[str, str | None, dict[str, Any]]] = [
    # --- breast ------------------------------------------------------------------------------
    ("diagnosis", None, {
        "case_id": "breast", "name": "Invasive ductal carcinoma, left breast", "icd10": "C50.4",
        "diagnosed_on": -125, "contact_id": "weiss", "status": "confirmed",
        "stage": "T1c N0 M0, stage IA; grade 2; ER/PR positive, HER2 negative",
        "notes": "Confirmed by a second pathologist (Dr. Müller)."}),
    ("diagnosis", None, {
        "case_id": "breast", "name": "Ductal carcinoma in situ (suspected on the mammogram)",
        "icd10": "D05.1", "diagnosed_on": -150, "contact_id": "raman", "status": "revised",
        "notes": "The biopsy showed an invasive cancer instead."}),
    ("diagnosis", None, {
        "case_id": "breast", "name": "Second area of enhancement on the breast MRI",
        "icd10": "R92.8", "diagnosed_on": -110, "contact_id": "raman", "status": "suspected",
        "stage": "6 mm, 25 mm from the tumour; not yet biopsied"}),
    ("opinion", "op_weiss", {
        "case_id": "breast", "contact_id": "weiss", "institution": "Riverside General Hospital",
        "given_on": -95, "ordinal": 1, "diagnosis": _BREAST_DIAGNOSIS, "stage": _BREAST_STAGE,
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
                     "operation for unclear margins, and avoids radiotherapy.",
        "uncertainty": "What the second area is stays unknown without a biopsy.",
        "follow_up": "Check in clinic after two weeks; yearly mammogram of the other breast.",
        "cost": "Covered by the basic insurance.",
        "report_document_id": "doc_opinion_weiss",
        "citations": {"diagnosis": [("doc_opinion_weiss", 1)],
                      "treatment": [("doc_opinion_weiss", 1)]}}),
    ("opinion", "op_martinez", {
        "case_id": "breast", "contact_id": "martinez", "institution": "St. Anne University Clinic",
        "given_on": -20, "ordinal": 2, "diagnosis": _BREAST_DIAGNOSIS, "stage": _BREAST_STAGE,
        "treatment": "First an MRI-guided biopsy of the second area. If it is benign: "
                     "breast-conserving surgery (wide local excision) with sentinel node "
                     "biopsy, then three weeks of radiotherapy, then an aromatase inhibitor "
                     "for five years.",
        "alternatives": "Mastectomy: a sound choice if the second area is cancer, or if "
                        "Mrs. Lindqvist prefers to avoid radiotherapy.",
        "risks": "About one woman in ten needs a second operation for the margins; "
                 "radiotherapy brings tiredness and red skin for some weeks.",
        "urgency": "The biopsy within two weeks; surgery within six to eight weeks of the "
                   "diagnosis is reasonable.",
        "tests": "MRI-guided vacuum biopsy of the 6 mm area.",
        "outcome": "Survival is the same as after a mastectomy, and the breast is kept.",
        "reasoning": "A small single tumour in a medium-sized breast; the second area looks "
                     "benign on the images and a biopsy can settle it.",
        "uncertainty": "Depends entirely on the result of the biopsy.",
        "follow_up": "Yearly mammograms of both breasts for at least five years.",
        "cost": "Consultation EUR 480 (private); the biopsy is covered by the basic insurance.",
        "report_document_id": "doc_opinion_martinez",
        "citations": {"diagnosis": [("doc_opinion_martinez", 1)],
                      "treatment": [("doc_opinion_martinez", 1)]}}),
    ("comparison", None, {
        "case_id": "breast", "title": "Dr. Weiß and Dr. Martínez side by side",
        "opinion_ids": ["op_weiss", "op_martinez"],
        "aspects": {
            "diagnosis": {"verdict": "same", "note": "Same type, size, grade and receptors."},
            "stage": {"verdict": "same", "note": "Both: stage IA, no spread to the nodes."},
            "treatment": {"verdict": "different",
                          "note": "Whole breast removed vs. lump removed plus radiotherapy."},
            "alternatives": {"verdict": "partly", "note": "Each names the other's plan."},
            "risks": {"verdict": "different", "note": "Different operations, different risks."},
            "urgency": {"verdict": "partly", "note": "Both: weeks, not days."},
            "tests": {"verdict": "different", "note": "Only Dr. Martínez wants a biopsy first."},
            "outcome": {"verdict": "same", "note": "Survival the same either way."},
            "reasoning": {"verdict": "different", "note": "The second MRI spot is the crux."},
            "uncertainty": {"verdict": "same", "note": "Both: the second spot is unknown."},
            "follow_up": {"verdict": "partly"},
            "cost": {"verdict": "partly", "note": "The second opinion was paid privately."}},
        "summary": "The doctors agree on what the cancer is and how far it has gone. They "
                   "differ on the operation, because they weigh the small second spot on the "
                   "MRI differently.",
        "next_steps": "Have the MRI-guided biopsy at St. Anne. Ask Dr. Weiß whether a benign "
                      "result would change his advice. Decide before the deadline: the "
                      "surgery slot at Riverside is held until then."}),
    ("records_request", None, {
        "case_id": "breast", "contact_id": "records", "facility": "Riverside General Hospital",
        "what": "The pathology slides and paraffin block of the core biopsy, and the breast "
                "MRI as images on a disc (not only the reports).",
        "requested_on": -50, "due_on": -36, "status": "forwarded",
        "notes": "Slides sent by courier to Dr. Müller; disc collected by Anna."}),
    ("records_request", None, {
        "case_id": "breast", "contact_id": "records", "facility": "Riverside General Hospital",
        "what": "Complete file: clinic letters, imaging and pathology reports, blood results.",
        "requested_on": -62, "due_on": -48, "status": "received"}),
    ("physical_item", None, {
        "case_id": "breast", "kind": "slides", "sent_to_id": "muller", "sent_on": -40,
        "description": "Core biopsy slides, left breast: 6 H&E and 4 immunostains, block B1",
        "location": "Lakeshore Pathology Institute (for review)",
        "notes": "They belong to Riverside General and go back after the review."}),
    ("physical_item", None, {
        "case_id": "breast", "kind": "disc", "description": "Breast MRI on CD (DICOM images)",
        "location": "At home, blue folder", "notes": "Take to St. Anne for the biopsy."}),
    ("appointment", "appt_weiss_first", {
        "case_id": "breast", "contact_id": "weiss", "starts_at": (-95, "09:30"),
        "location": "Riverside General Hospital, Breast Clinic, 2nd floor",
        "purpose": "Results of the biopsy and the MRI; treatment plan.",
        "companion": "Anna Lindqvist",
        "outcome": "Mastectomy advised; a surgery slot offered. Asked for a letter."}),
    ("appointment", "appt_martinez", {
        "case_id": "breast", "contact_id": "martinez", "starts_at": (-20, "11:00"),
        "location": "St. Anne University Clinic, Breast Centre, room B.14",
        "purpose": "Second opinion on the treatment plan.", "companion": "Anna Lindqvist",
        "preparation": "Bring the MRI disc, the referral and the list of questions.",
        "outcome": "Same diagnosis. Suggests a biopsy of the second spot first; would then "
                   "advise breast-conserving surgery and radiotherapy. Letter promised."}),
    ("appointment", "appt_weiss_next", {
        "case_id": "breast", "contact_id": "weiss", "starts_at": (7, "10:30"),
        "location": "Riverside General Hospital, Breast Clinic, 2nd floor",
        "purpose": "Talk about the second opinion and the biopsy of the second spot.",
        "companion": "Anna Lindqvist",
        "preparation": "Bring Dr. Martínez's letter and the pathology review. Print the "
                       "question list; Anna takes notes."}),
    ("appointment", "appt_biopsy", {
        "case_id": "breast", "contact_id": "martinez", "starts_at": (12, "08:15"),
        "location": "St. Anne University Clinic, Radiology, ground floor",
        "purpose": "MRI-guided biopsy of the second area.", "companion": "Anna Lindqvist",
        "preparation": "No jewellery or metal. Take the MRI disc. Eat a light breakfast."}),
    ("task", None, {"case_id": "breast", "kind": "decision", "due_on": 28,
                    "title": "Decide: mastectomy or breast-conserving surgery",
                    "notes": "The surgery slot at Riverside is held until this date."}),
    ("task", None, {"case_id": "breast", "kind": "insurer_approval", "due_on": -48,
                    "title": "Prior approval from Nordhaven for the St. Anne consultation",
                    "done": True, "done_on": -45}),
    ("task", None, {"case_id": "breast", "kind": "follow_up", "due_on": 14,
                    "title": "Make sure the slides go back to Riverside after the review"}),
    ("question", None, {
        "case_id": "breast", "appointment_id": "appt_weiss_next", "priority": "high",
        "category": "treatment", "text": "Why do you advise removing the whole breast, when "
                                         "Dr. Martínez thinks it may be kept?"}),
    ("question", None, {
        "case_id": "breast", "appointment_id": "appt_weiss_next", "priority": "high",
        "category": "tests",
        "text": "If the biopsy of the second spot is benign, would your advice change?"}),
    ("question", None, {
        "case_id": "breast", "appointment_id": "appt_weiss_next", "category": "treatment",
        "text": "Could a reconstruction be done in the same operation?"}),
    ("question", None, {
        "case_id": "breast", "appointment_id": "appt_weiss_next", "category": "timing",
        "text": "How long can the operation safely wait while I decide?"}),
    ("question", None, {
        "case_id": "breast", "category": "next steps",
        "text": "Would you be willing to talk to Dr. Martínez about my case?"}),
    ("question", None, {
        "case_id": "breast", "appointment_id": "appt_martinez", "category": "diagnosis",
        "text": "Do you agree with the original pathology result?", "asked": True,
        "answer": "Yes. Dr. Müller looked at the slides again: same type, grade and receptors.",
        "answered_by_id": "martinez"}),
    ("question", None, {
        "case_id": "breast", "appointment_id": "appt_martinez", "category": "treatment",
        "text": "Will I need hormone tablets whichever operation I choose?", "asked": True,
        "answer": "Yes, an aromatase inhibitor for five years after either operation.",
        "answered_by_id": "martinez"}),
    ("cost", None, {
        "case_id": "breast", "description": "Second-opinion consultation, Dr. Martínez",
        "amount": 480, "currency": "EUR", "incurred_on": -20, "insurer_id": "nordhaven",
        "opinion_id": "op_martinez", "appointment_id": "appt_martinez",
        "is_consultation": True, "prior_approval_obtained": True, "claim_status": "submitted"}),
    ("cost", None, {
        "case_id": "breast", "description": "Slide review, Lakeshore Pathology Institute",
        "amount": 185, "currency": "EUR", "incurred_on": -30, "insurer_id": "nordhaven",
        "prior_approval_obtained": True, "claim_status": "paid", "reimbursed": 148}),
    ("cost", None, {"case_id": "breast", "description": "Copy of the breast MRI on disc",
                    "amount": 15, "currency": "EUR", "incurred_on": -45}),
    ("note", None, {
        "case_id": "breast", "title": "Phone call with St. Anne", "written_on": -55,
        "text": "The secretary said Dr. Martínez wants the slides themselves and the MRI "
                "images, not only the reports. Asked Riverside's records office the same day."}),
    ("note", None, {
        "case_id": "breast", "title": "After the second opinion", "written_on": -19,
        "text": "Mum felt listened to. She would like to keep the breast if it is safe, but "
                "does not want to put things off for long. The biopsy decides a lot."}),
    # --- knee --------------------------------------------------------------------------------
    ("diagnosis", None, {
        "case_id": "knee", "name": "Primary osteoarthritis of the right knee", "icd10": "M17.1",
        "diagnosed_on": -170, "contact_id": "okonkwo", "status": "confirmed",
        "stage": "Kellgren–Lawrence grade 3, mainly the inner (medial) side"}),
    ("diagnosis", None, {
        "case_id": "knee", "name": "Degenerative tear of the medial meniscus", "icd10": "M23.2",
        "diagnosed_on": -140, "contact_id": "okonkwo", "status": "suspected"}),
    ("opinion", "op_okonkwo", {
        "case_id": "knee", "contact_id": "okonkwo", "given_on": -90, "ordinal": 1,
        "institution": "Harbour View Orthopaedic Centre",
        "diagnosis": "Osteoarthritis of the right knee, worst on the medial side.",
        "stage": "Advanced: the joint space is almost gone on the inner side.",
        "treatment": "Total knee replacement of the right knee.",
        "alternatives": "Painkillers, exercise and a steroid injection give short relief.",
        "risks": "Infection about 1 in 100, blood clots, stiffness; one person in five still "
                 "has some pain a year later.",
        "urgency": "Not urgent; a date within three months is offered.",
        "tests": "Pre-operative blood tests and an ECG.",
        "outcome": "Most people walk further with less pain after three to six months.",
        "reasoning": "The X-ray shows advanced wear; painkillers no longer help enough.",
        "uncertainty": "None stated.",
        "follow_up": "Physiotherapy for six weeks after surgery; review at six weeks.",
        "cost": "Covered by the basic insurance.",
        "report_document_id": "doc_opinion_okonkwo"}),
    # Left incomplete on purpose: risks, urgency, tests, uncertainty, follow-up and cost
    # were not discussed, so the comparison can show what is "not addressed".
    ("opinion", "op_halvorsen", {
        "case_id": "knee", "contact_id": "halvorsen", "institution": "Northfield Joint Clinic",
        "given_on": -60, "ordinal": 2, "diagnosis": "Osteoarthritis of the right knee.",
        "stage": "Moderate to advanced.",
        "treatment": "Twelve weeks of supervised exercise therapy and losing some weight, then "
                     "decide again about a replacement.",
        "alternatives": "Knee replacement if the exercise programme does not help.",
        "outcome": "Many people with this picture can put off surgery for years.",
        "reasoning": "The pain varies from day to day and she still walks 20 minutes; the "
                     "knee is stable and straight.",
        "notes": "No written report was given; these are Anna's notes from the consultation."}),
    ("comparison", None, {
        "case_id": "knee", "title": "Dr. Okonkwo and Dr. Halvorsen",
        "opinion_ids": ["op_okonkwo", "op_halvorsen"],
        "aspects": {
            "diagnosis": {"verdict": "same"},
            "stage": {"verdict": "partly", "note": "Advanced vs. moderate to advanced."},
            "treatment": {"verdict": "different", "note": "Operate now vs. exercise first."},
            "risks": {"verdict": "not_addressed", "note": "Dr. Halvorsen did not discuss risks."},
            "urgency": {"verdict": "not_addressed"}},
        "summary": "Same diagnosis; the second doctor would try three months of exercise first.",
        "next_steps": "Ask Northfield for a written report. Review with Dr. Okonkwo after the "
                      "exercise programme."}),
    ("records_request", None, {
        "case_id": "knee", "contact_id": "okonkwo", "facility": "Harbour View Orthopaedic Centre",
        "what": "The knee X-ray films and the knee MRI on disc.", "requested_on": -68,
        "due_on": -61, "status": "received"}),
    ("physical_item", None, {
        "case_id": "knee", "kind": "films", "description": "Knee X-ray films, right knee, two views",
        "location": "At home, in the large envelope", "sent_to_id": "halvorsen",
        "sent_on": -62, "returned_on": -58}),
    ("physical_item", None, {"case_id": "knee", "kind": "disc", "description": "Knee MRI on CD",
                             "location": "At home, blue folder"}),
    ("appointment", "appt_halvorsen", {
        "case_id": "knee", "contact_id": "halvorsen", "starts_at": (-60, "14:00"),
        "location": "Northfield Joint Clinic", "companion": "Anna Lindqvist",
        "purpose": "Second opinion on the knee replacement.",
        "outcome": "Advised exercise therapy first. No written report given."}),
    ("appointment", "appt_okonkwo_next", {
        "case_id": "knee", "contact_id": "okonkwo", "starts_at": (21, "14:00"),
        "location": "Harbour View Orthopaedic Centre, outpatients",
        "purpose": "Review after the exercise programme; decide about the replacement.",
        "companion": "Anna Lindqvist",
        "preparation": "Bring the physiotherapist's progress note and the walking diary."}),
    ("task", None, {"case_id": "knee", "kind": "insurer_approval", "due_on": 10,
                    "title": "Ask Nordhaven to reconsider the refused consultation claim"}),
    ("task", None, {"case_id": "knee", "kind": "records", "due_on": 5,
                    "title": "Ask Northfield Joint Clinic for a written report"}),
    ("question", None, {
        "case_id": "knee", "appointment_id": "appt_halvorsen", "category": "timing",
        "text": "What happens if I wait with the knee replacement?", "asked": True,
        "answer": "Waiting some months does no harm; the reason to operate is pain and "
                  "walking distance.", "answered_by_id": "halvorsen"}),
    ("question", None, {
        "case_id": "knee", "appointment_id": "appt_okonkwo_next", "priority": "high",
        "category": "timing", "text": "Should the knee wait until the breast treatment is over?"}),
    ("question", None, {
        "case_id": "knee", "appointment_id": "appt_okonkwo_next", "category": "experience",
        "text": "How many knee replacements does your team do each year?"}),
    ("cost", None, {
        "case_id": "knee", "description": "Second-opinion consultation, Dr. Halvorsen",
        "amount": 260, "currency": "EUR", "incurred_on": -60, "insurer_id": "nordhaven",
        "opinion_id": "op_halvorsen", "appointment_id": "appt_halvorsen",
        "is_consultation": True, "prior_approval_obtained": False, "claim_status": "rejected",
        "reimbursed": 0}),
    ("cost", None, {"case_id": "knee", "description": "Taxi to Northfield Joint Clinic and back",
                    "amount": 46.5, "currency": "EUR", "incurred_on": -60}),
    ("note", None, {
        "case_id": "knee", "title": "Exercise therapy", "written_on": -30,
        "text": "Six sessions so far. Stairs a little easier; still stiff in the morning."}),
    # --- care assessment ---------------------------------------------------------------------
    ("diagnosis", None, {
        "case_id": "care", "name": "Difficulty in walking", "icd10": "R26.2", "diagnosed_on": -75,
        "contact_id": "achterberg", "status": "confirmed",
        "stage": "Walks indoors with a stick; needs help on the stairs and in the shower"}),
    ("diagnosis", None, {
        "case_id": "care", "name": "Bruised left hip after a fall", "icd10": "S70.0",
        "diagnosed_on": -78, "status": "confirmed", "stage": "No fracture on the X-ray"}),
    ("diagnosis", None, {
        "case_id": "care", "name": "Fracture of the neck of the left femur", "icd10": "S72.0",
        "diagnosed_on": -78, "status": "ruled_out", "notes": "Ruled out by X-ray and CT."}),
    ("records_request", None, {
        "case_id": "care", "contact_id": "care_office",
        "facility": "Westbrook Care Assessment Office",
        "what": "The whole assessment file: the assessor's home-visit report and scoring sheet.",
        "requested_on": -20, "due_on": -6, "status": "requested",
        "notes": "Needed to write the objection. Not received yet."}),
    ("appointment", None, {
        "case_id": "care", "contact_id": "care_office", "starts_at": (-32, "13:30"),
        "location": "At home", "purpose": "Home visit by the care assessor.",
        "outcome": "The visit took 25 minutes; the bathroom was not looked at."}),
    ("task", None, {"case_id": "care", "kind": "other", "due_on": 17,
                    "title": "Send the objection to the care assessment decision",
                    "notes": "Six weeks after the decision letter; send by registered post."}),
    ("task", None, {"case_id": "care", "kind": "records", "due_on": -3,
                    "title": "Phone the Care Assessment Office: the report is still missing"}),
    ("task", None, {"case_id": "care", "kind": "follow_up", "due_on": -12, "done": True,
                    "done_on": -10, "title": "Ask Dr. Achterberg for a supporting letter"}),
    ("question", None, {
        "case_id": "care", "priority": "high", "category": "appeal", "asked": True,
        "text": "Which parts of the assessment can I contest, and what evidence counts?",
        "answer": "The scoring of personal care. A doctor's letter describing what she cannot "
                  "do safely carries the most weight.", "answered_by_id": "advisor"}),
    ("question", None, {"case_id": "care", "category": "appeal",
                        "text": "Can the assessor visit again when Anna can be there?"}),
    ("note", None, {
        "case_id": "care", "title": "Home visit", "written_on": -32,
        "text": "The assessor asked mostly about cleaning and shopping. Mum said she manages, "
                "out of pride; she did not mention that Anna helps her in the shower."}),
]
# fmt: on


@dataclass(frozen=True)
class DemoDocument:
    """One file of the demo: a PDF (from ``body``), a plain-text file or the photo."""

    key: str
    case: str
    file: str  # its suffix says what to make: .pdf, .txt or .jpg
    title: str
    kind: str
    days_ago: int
    author: str = ""
    letterhead: tuple[str, str] | None = None  # (institution, department)
    body: str = ""
    source: str = ""
    bring: bool = False
    tags: tuple[str, ...] = ()
    opinion: str | None = None  # key of the opinion whose written report this is


_RIVERSIDE = "Riverside General Hospital"
_HARBOUR = "Harbour View Orthopaedic Centre"
_ELM = "Elm Street Family Practice"

# fmt: off
DOCUMENTS: tuple[DemoDocument, ...] = (
    # --- breast ------------------------------------------------------------------------------
    DemoDocument(
        "doc_mammogram", "breast", "mammography-report.pdf", "Screening mammography report",
        "imaging_report", 150, "Dr. Priya Raman", (_RIVERSIDE, "Department of Radiology"),
        """
        # Screening mammography, both breasts
        Indication: routine screening, no complaints. Compared with the images of two
        years ago.

        Findings: in the upper outer quadrant of the left breast, an irregular mass of about
        14 mm with spiculated margins, new since the previous round, with fine calcifications
        beside it. The right breast is unremarkable. No enlarged lymph nodes in either armpit.

        Conclusion: suspicious lesion of the left breast, BI-RADS 4C; an intraductal
        component (DCIS) is possible. Ultrasound and a core biopsy are advised.
        ~ Reported by Dr. Priya Raman, consultant radiologist.
        """,
    ),
    DemoDocument(
        "doc_pathology", "breast", "pathology-core-biopsy.pdf",
        "Histopathology report: core biopsy left breast", "pathology", 125,
        "Dr. Oskar Lindgren", (_RIVERSIDE, "Department of Pathology"),
        """
        # Histopathology: ultrasound-guided core biopsy, left breast
        ## Macroscopy
        Three cores of pale tissue, 12 to 16 mm long, all embedded (block B1).
        ## Microscopy
        Invasive carcinoma of no special type (invasive ductal carcinoma), growing in cords
        and small glands in a fibrous stroma. Moderate nuclear pleomorphism, few mitoses.
        A small focus of intermediate-grade DCIS. No vascular invasion in this sample.
        ---
        ## Grading and receptors
        || Marker | Result | Method
        | Grade (Nottingham) | 2 (3+2+1) | H&E
        | Oestrogen receptor | positive, Allred 8/8 | IHC
        | Progesterone receptor | positive, Allred 6/8 | IHC
        | HER2 | negative (score 1+) | IHC
        | Ki-67 | 15 % | IHC
        ## Conclusion
        Left breast, core biopsy: invasive ductal carcinoma, grade 2, ER and PR positive,
        HER2 negative. For discussion at the breast tumour board.
        ~ Dr. Oskar Lindgren, consultant pathologist
        """,
        bring=True, tags=("pathology", "key result"),
    ),
    DemoDocument(
        "doc_mri_breast", "breast", "breast-mri-report.pdf", "Breast MRI report",
        "imaging_report", 110, "Dr. Priya Raman", (_RIVERSIDE, "Department of Radiology"),
        """
        # MRI of both breasts with contrast
        Question: extent of the known cancer in the left breast before surgery.

        Findings: the known tumour in the upper outer quadrant of the left breast measures
        16 mm. About 25 mm nearer the nipple lies a 6 mm area of non-mass enhancement with
        a benign-looking curve. It may be a fibroadenoma or harmless glandular change, but
        a second tumour cannot be excluded. The right breast is normal. No abnormal nodes.
        ---
        ## Conclusion
        1. Known carcinoma of the left breast, 16 mm.

        2. Indeterminate 6 mm area in the same breast (BI-RADS 3 to 4A); an MRI-guided biopsy
        could settle it.
        ## Technique
        ~ 1.5 tesla, prone, dedicated breast coil; dynamic T1 series before and after
        gadolinium, T2 and diffusion-weighted images. No complications.
        """,
        tags=("MRI",),
    ),
    DemoDocument(
        "doc_lab_breast", "breast", "lab-results-blood.pdf",
        "Laboratory results: blood count and chemistry", "lab_result", 100,
        "Riverside General Clinical Laboratory", (_RIVERSIDE, "Clinical Laboratory"),
        """
        # Full blood count
        || Test | Result | Unit | Reference
        | Haemoglobin | 13.2 | g/dL | 12.0–16.0
        | White cells | 6.1 | 10^9/L | 4.0–10.0
        | Neutrophils | 3.8 | 10^9/L | 1.8–7.5
        | Platelets | 244 | 10^9/L | 150–400
        | MCV | 91 | fL | 80–100
        Comment: normal blood count.
        ---
        # Clinical chemistry
        || Test | Result | Unit | Reference
        | Creatinine | 71 | µmol/L | 45–90
        | eGFR | 78 | mL/min/1.73m² | > 60
        | ALT | 22 | U/L | < 35
        | Alkaline phosphatase | 84 | U/L | 35–105
        | Calcium (corrected) | 2.36 | mmol/L | 2.20–2.60
        | Ferritin | 96 | µg/L | 15–200
        | Vitamin D (25-OH) | 58 | nmol/L | > 50
        Comment: kidney and liver function normal; calcium and alkaline phosphatase give no
        sign that bone is involved.
        ~ Validated by the laboratory. Values outside the range would be marked H or L.
        """,
    ),
    DemoDocument(
        "doc_opinion_weiss", "breast", "clinic-letter-weiss.pdf",
        "Clinic letter with treatment advice (Dr. Weiß)", "written_opinion", 95,
        "Dr. Jürgen Weiß", (_RIVERSIDE, "Breast Clinic"),
        """
        To Dr. Thomas Achterberg, Elm Street Family Practice. Copy to the patient.
        # Treatment advice: cancer of the left breast
        Dear colleague, I saw Mrs. Lindqvist and her daughter today, {95 days ago}. The core
        biopsy shows an invasive ductal carcinoma of 16 mm in the upper outer left breast,
        grade 2, hormone receptor positive and HER2 negative. The armpit is free on
        examination and on ultrasound: stage IA.

        The MRI shows a second, small area of enhancement in the same breast. Because it may
        also be cancer, I have advised a mastectomy with a sentinel node biopsy. This avoids
        a re-operation for unclear margins and makes radiotherapy unnecessary. Afterwards an
        aromatase inhibitor for five years.
        ---
        We talked about breast-conserving surgery with radiotherapy. I do not recommend it
        here, but I understand that Mrs. Lindqvist would like a second opinion, and I am glad
        to send her slides and images. A theatre slot is reserved; there is time to decide
        over the coming weeks.

        Yours sincerely, Dr. Jürgen Weiß, consultant breast surgeon
        """,
        source=_RIVERSIDE, opinion="op_weiss",
    ),
    DemoDocument(
        "doc_referral", "breast", "referral-second-opinion.pdf",
        "Referral for a second opinion at St. Anne", "referral", 60, "Dr. Thomas Achterberg",
        (_ELM, "General practice"),
        """
        To Dr. Zoë Martínez, Breast Centre, St. Anne University Clinic.
        # Referral for a second opinion
        Please see Mrs. Lindqvist for a second opinion on the surgery for her early cancer
        of the left breast (stage IA, ER/PR positive, HER2 negative). Dr. Weiß at Riverside
        General advises a mastectomy because of a second small area on the MRI. She would
        like to know whether keeping the breast is safe.

        Other conditions: high blood pressure, raised cholesterol, osteoarthritis of the
        right knee. Allergy: penicillin. The slides and the MRI disc follow directly from
        Riverside.
        ~ Dr. Thomas Achterberg, general practitioner
        """,
    ),
    DemoDocument(
        "doc_approval", "breast", "nordhaven-prior-approval.pdf",
        "Nordhaven: prior approval for a second opinion", "insurance", 45,
        "Nordhaven Health Insurance", ("Nordhaven Health Insurance", "Second-opinion desk"),
        """
        # Approval: second-opinion consultation
        Dear Mrs. Lindqvist, we approve one second-opinion consultation with Dr. Z. Martínez,
        St. Anne University Clinic. We pay back 80% of the fee, at most EUR 350 for each
        consultation, and up to three consultations in a calendar year. Please send the
        invoice and the doctor's written report within 12 months.
        ~ This approval is valid for six months from {45 days ago}.
        """,
        tags=("insurance",),
    ),
    DemoDocument(
        "doc_path_review", "breast", "pathology-review-lakeshore.pdf",
        "Second pathology review of the core biopsy", "pathology", 30, "Dr. Helena Müller",
        ("Lakeshore Pathology Institute", "Consultation pathology"),
        """
        # Review of outside slides: core biopsy, left breast
        Received from Riverside General: 6 H&E slides, 4 immunostains and block B1. Fresh
        sections were cut to repeat the receptor stains.
        || Marker | Riverside | Lakeshore
        | Type | invasive ductal | invasive ductal
        | Grade | 2 | 2
        | ER | 8/8 | 8/8
        | PR | 6/8 | 5/8
        | HER2 | 1+ | 1+ (negative)
        ---
        ## Conclusion
        I agree with the original diagnosis: invasive carcinoma of no special type, grade 2,
        ER and PR positive, HER2 negative. The small difference in the PR score makes no
        difference to treatment.
        ~ Dr. Helena Müller, consultant pathologist. The slides will be returned.
        """,
        bring=True, tags=("pathology",),
    ),
    DemoDocument(
        "doc_opinion_martinez", "breast", "second-opinion-martinez.pdf",
        "Second opinion on the treatment of left breast cancer (Dr. Martínez)",
        "written_opinion", 18, "Dr. Zoë Martínez", ("St. Anne University Clinic", "Breast Centre"),
        """
        To Mrs. M. Lindqvist; copies to Dr. Achterberg and Dr. Weiß.
        # Written second opinion
        Dear Mrs. Lindqvist, thank you for coming on {20 days ago} with your daughter. I
        looked at the MRI images myself, and Dr. Müller reviewed the slides. I agree with the
        diagnosis: a 16 mm invasive ductal carcinoma of the left breast, grade 2, hormone
        sensitive, HER2 negative, stage IA.

        My advice differs on the operation. To me the second area on the MRI looks benign,
        and I suggest an MRI-guided biopsy of it first. If it is benign, removing the tumour
        with a margin, a sentinel node biopsy and three weeks of radiotherapy give the same
        survival as a mastectomy, and you keep your breast.
        ---
        If the biopsy shows cancer, or if you would rather avoid radiotherapy, a mastectomy
        is an equally good choice. Either way I advise an aromatase inhibitor for five
        years. Waiting a few weeks for the biopsy is safe.

        With kind regards, Dr. Zoë Martínez, consultant surgical oncologist
        """,
        source="St. Anne University Clinic", bring=True, tags=("second opinion",),
        opinion="op_martinez",
    ),
    DemoDocument(
        "doc_notes", "breast", "notes-st-anne-visit.txt", "Anna's notes from the St. Anne visit",
        "other", 20, "Anna Lindqvist", None,
        """
        Anna's notes from the St. Anne visit, {20 days ago}

        Dr. Zoë Martínez, about 40 minutes. Very calm, drew the breast on paper.
        - Agrees it is an early cancer, same as Dr. Weiß said.
        - The second spot on the MRI: she thinks it is probably harmless.
        - Wants a biopsy of it first (lying down in the MRI, local anaesthetic).
        - If harmless: lumpectomy + radiotherapy, 15 sessions over three weeks.
        - Hormone tablets either way, five years.
        - Letter within a week. Ask Dr. Weiß whether he would agree.
        """,
    ),
    # --- knee --------------------------------------------------------------------------------
    DemoDocument(
        "doc_xray_report", "knee", "knee-xray-report.pdf", "X-ray report: right knee",
        "imaging_report", 170, "Harbour View Radiology", (_HARBOUR, "Radiology"),
        """
        # X-ray of the right knee, standing, two views
        Marked narrowing of the medial joint space, with bone spurs on the femur and tibia
        and sclerosis under the cartilage. The lateral compartment and the kneecap joint are
        mildly affected. Slight varus alignment. No fracture, no loose body.

        Conclusion: osteoarthritis of the right knee, Kellgren–Lawrence grade 3, mainly medial.
        """,
    ),
    DemoDocument(
        "doc_xray_photo", "knee", "knee-xray-on-lightbox.jpg",
        "Photo of the knee X-ray on the light box", "image", 160,
        source="Taken by Anna with her phone", tags=("photo", "X-ray"),
    ),
    DemoDocument(
        "doc_mri_knee", "knee", "knee-mri-report.pdf", "MRI report: right knee",
        "imaging_report", 140, "Harbour View Radiology", (_HARBOUR, "Radiology"),
        """
        # MRI of the right knee
        Degenerative horizontal tear of the posterior horn of the medial meniscus. Loss of
        the full thickness of cartilage over the medial femoral condyle, with bone marrow
        oedema. Small effusion and a 2 cm Baker's cyst. Cruciate and collateral ligaments
        intact.
        ---
        ## Conclusion
        Advanced medial osteoarthritis with a degenerative meniscal tear. The tear is part of
        the wear and is not expected to improve with keyhole surgery.
        """,
    ),
    DemoDocument(
        "doc_opinion_okonkwo", "knee", "orthopaedic-letter-okonkwo.pdf",
        "Orthopaedic clinic letter (Dr. Okonkwo)", "written_opinion", 88, "Dr. Samuel Okonkwo",
        (_HARBOUR, "Knee clinic"),
        """
        # Advice: total replacement of the right knee
        Mrs. Lindqvist has had pain in the right knee for three years, now on stairs, after
        20 minutes of walking, and at night twice a week. Painkillers and a steroid injection
        last year helped only for a short time. The X-ray shows advanced medial wear.

        I advise a total knee replacement and offered a date within three months. We
        discussed infection, blood clots, stiffness and pain that may persist.
        ~ Dr. Samuel Okonkwo, consultant orthopaedic surgeon
        """,
        source=_HARBOUR, opinion="op_okonkwo",
    ),
    DemoDocument(
        "doc_prescription", "knee", "prescription-knee.pdf",
        "Prescription: pain relief and exercise therapy", "prescription", 70,
        "Dr. Thomas Achterberg", (_ELM, "Prescription"),
        """
        # Prescription
        || Medicine | Dose | Amount
        | Paracetamol 500 mg tablets | 2 tablets up to 3 times a day | 100
        | Diclofenac gel 1% | on the right knee up to 4 times a day | 2 x 100 g
        Referral for supervised exercise therapy, 18 sessions, for osteoarthritis of the
        right knee.
        ~ Dr. Thomas Achterberg · no repeat without a review
        """,
    ),
    DemoDocument(
        "doc_lab_knee", "knee", "pre-operative-lab-results.pdf",
        "Pre-operative screening: laboratory results", "lab_result", 45,
        "Harbour View Laboratory", (_HARBOUR, "Laboratory"),
        """
        # Pre-operative blood tests
        || Test | Result | Unit | Reference
        | Haemoglobin | 12.9 | g/dL | 12.0–16.0
        | Platelets | 251 | 10^9/L | 150–400
        | INR | 1.0 | | 0.8–1.2
        | CRP | 4 | mg/L | < 5
        | HbA1c | 39 | mmol/mol | < 42
        ---
        # Kidneys and salts
        || Test | Result | Unit | Reference
        | Sodium | 139 | mmol/L | 135–145
        | Potassium | 4.3 | mmol/L | 3.5–5.0
        | Creatinine | 74 | µmol/L | 45–90
        | Urea | 5.8 | mmol/L | 2.5–7.8
        Fit for surgery as far as these tests go. MRSA screening swab negative.
        """,
    ),
    # --- care assessment ---------------------------------------------------------------------
    DemoDocument(
        "doc_discharge", "care", "discharge-summary-fall.pdf", "Discharge summary after a fall",
        "discharge_summary", 75, "Dr. Lena Oduya", (_RIVERSIDE, "Acute medical unit"),
        """
        # Discharge summary
        Admitted on {78 days ago} after a fall on the stairs at home; discharged on
        {75 days ago}. Pain in the left hip; a hip fracture was ruled out on X-ray and CT.
        Diagnosis: bruised left hip. Blood pressure and heart rhythm normal; the fall was a
        trip, not a faint.
        ---
        ## Function at discharge
        Walks with a stick indoors. For the coming months she needs someone at hand on the
        stairs and in the shower, also because of the worn right knee. The physiotherapist
        advises help with personal care and a shower chair.
        ## Medication
        Unchanged. Paracetamol for pain. Penicillin allergy noted.
        """,
        bring=True,
    ),
    DemoDocument(
        "doc_decision", "care", "care-assessment-decision.pdf",
        "Decision on the application for home care", "letter", 25,
        "Westbrook Care Assessment Office", ("Westbrook Municipality", "Care Assessment Office"),
        """
        ~ Reference WCA-2291
        # Decision on your application for home care
        Dear Mrs. Lindqvist, after the home visit we have assessed how much support you
        need. You are granted household help of 2 hours a week for 12 months. Your request
        for help with personal care (washing, showering and dressing) is refused: the
        assessment found that you can do this yourself with aids.
        ## How to object
        If you disagree, send us a written objection within six weeks of the date of this
        letter, saying why, with any evidence. You may ask for a new assessment. The
        independent client support service can help you free of charge.
        """,
        tags=("appeal", "decision"),
    ),
    DemoDocument(
        "doc_gp_support", "care", "gp-supporting-letter.pdf",
        "Supporting letter from Dr. Achterberg", "letter", 10, "Dr. Thomas Achterberg",
        (_ELM, "General practice"),
        """
        # To whom it may concern: need for personal care
        Mrs. Lindqvist fell on the stairs eleven weeks ago. Because of advanced
        osteoarthritis of the right knee she cannot get in and out of the shower safely on
        her own; her daughter now helps her. Breast cancer surgery is planned in the coming
        weeks, after which she will not be able to raise her left arm for some time. In my
        view she needs help with washing and dressing.
        ~ Dr. Thomas Achterberg, general practitioner
        """,
    ),
    DemoDocument(
        "doc_appeal", "care", "objection-letter-draft.pdf",
        "Objection to the care assessment decision (draft)", "letter", 4, "Margaret Lindqvist",
        None,
        """
        ~ Margaret Lindqvist · Birch Lane 14 · 2411 Westbrook

        ~ To the Care Assessment Office, Westbrook · {4 days ago} · reference WCA-2291
        # Objection to your decision on home care
        I object to your decision of {25 days ago}, refusing help with personal care.

        1. At the home visit the bathroom was not looked at. I cannot step over the edge of
        the bath safely; my daughter has helped me since the fall.

        2. The discharge summary from Riverside General advises help with personal care.

        3. My family doctor confirms this need, the more so because of the breast surgery
        ahead of me.
        ---
        I ask you to grant help with showering and dressing at least three times a week, and
        to assess again at home with my daughter present.
        ## Enclosed
        Discharge summary; letter from Dr. Achterberg; your decision letter.

        Yours faithfully, Margaret Lindqvist
        """,
        tags=("appeal",),
    ),
)
# fmt: on
