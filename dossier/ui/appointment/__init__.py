"""Appointment mode, the companion's screen during the consultation, and its parts.

``mode`` is the window, which saves as it is typed; ``header``, ``question_rows`` (with
``question_row`` and ``answer_edit``), ``notes_panel`` and ``leave_dialog`` are what it
shows. The rules (which questions, what an answer says, what is saved) are in
``core.appointment_questions`` and ``core.pending_edits``.
"""
