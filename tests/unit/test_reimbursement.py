"""What an insurer is expected to pay back, by its recorded rules."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core import records
from dossier.core.reimbursement import Reimbursement, compute, expected_for
from dossier.core.storage import Dossier

INSURER = {
    "name": "Good Health",
    "reimburse_percent": 80.0,
    "cap_per_consultation": 350.0,
    "consultations_per_year": 3,
    "prior_approval_required": False,
    "currency": "EUR",
}


def cost(amount: float, **more: Any) -> dict[str, Any]:
    return {"amount": amount, "is_consultation": True, "currency": None, **more}


# --- the pure rules -------------------------------------------------------------------------


def test_share_of_the_cost() -> None:
    result = compute(cost(200.0), INSURER, 0)
    assert result.expected_cents == 16000
    assert result.expected == 160.0
    assert result.currency == "EUR"
    assert result.reasons == ["Good Health pays 80% of the cost."]


def test_cap_per_consultation() -> None:
    result = compute(cost(600.0), INSURER, 0)
    assert result.expected_cents == 35000  # 80% would be 480
    assert len(result.reasons) == 2
    assert "at most 350.00 per consultation" in result.reasons[1]


def test_cap_only_for_consultations() -> None:
    result = compute(cost(600.0, is_consultation=False), INSURER, 0)
    assert result.expected_cents == 48000


def test_cap_exactly_reached_is_not_mentioned() -> None:
    result = compute(cost(437.5), INSURER, 0)
    assert result.expected_cents == 35000
    assert len(result.reasons) == 1


@pytest.mark.parametrize(("earlier", "expected"), [(0, 16000), (2, 16000), (3, 0), (7, 0)])
def test_consultations_per_year(earlier: int, expected: int) -> None:
    result = compute(cost(200.0), INSURER, earlier)
    assert result.expected_cents == expected
    if expected == 0:
        assert result.reasons == [
            f"Consultations Good Health pays for in a year: 3. This is number {earlier + 1}."
        ]


def test_consultation_limit_does_not_touch_other_costs() -> None:
    assert compute(cost(200.0, is_consultation=False), INSURER, 10).expected_cents == 16000


def test_prior_approval_rule() -> None:
    strict = {**INSURER, "prior_approval_required": True}
    refused = compute(cost(200.0), strict, 0)
    assert refused.expected_cents == 0
    assert refused.reasons == ["Good Health pays only with prior approval, and none is recorded."]
    approved = compute(cost(200.0, prior_approval_obtained=True), strict, 0)
    assert approved.expected_cents == 16000


def test_no_insurer() -> None:
    result = compute(cost(200.0, currency="CHF"), None, 0)
    assert result.expected_cents is None
    assert result.expected is None
    assert result.currency == "CHF"
    assert result.reasons == ["No insurer is recorded for this cost."]
    assert result.as_dict() == {
        "expected": None,
        "currency": "CHF",
        "reasons": ["No insurer is recorded for this cost."],
    }


def test_share_not_recorded() -> None:
    result = compute(cost(200.0), {**INSURER, "reimburse_percent": None}, 0)
    assert result.expected_cents is None
    assert "not recorded" in result.reasons[0]


def test_rounding_to_the_cent() -> None:
    # 33.33 * 0.5 = 16.665 -> 16.67 (half up)
    result = compute(cost(33.33, is_consultation=False), {**INSURER, "reimburse_percent": 50.0}, 0)
    assert result.expected_cents == 1667


def test_cost_currency_wins() -> None:
    assert compute(cost(10.0, currency="USD"), INSURER, 0).currency == "USD"


amounts = st.integers(0, 10**11).map(lambda cents: cents / 100)
percents = st.none() | st.floats(0, 100, allow_nan=False)
caps = st.none() | st.integers(0, 10**9).map(lambda cents: cents / 100)


@settings(max_examples=300, deadline=None, database=None)
@given(
    amount=amounts,
    percent=percents,
    cap=caps,
    per_year=st.none() | st.integers(0, 365),
    earlier=st.integers(0, 400),
    consultation=st.booleans(),
    approval_needed=st.booleans(),
    approval=st.booleans(),
)
def test_expected_is_never_negative_nor_more_than_the_amount(
    amount: float,
    percent: float | None,
    cap: float | None,
    per_year: int | None,
    earlier: int,
    consultation: bool,
    approval_needed: bool,
    approval: bool,
) -> None:
    insurer = {
        "name": "X",
        "reimburse_percent": percent,
        "cap_per_consultation": cap,
        "consultations_per_year": per_year,
        "prior_approval_required": approval_needed,
    }
    result = compute(
        {"amount": amount, "is_consultation": consultation, "prior_approval_obtained": approval},
        insurer,
        earlier,
    )
    assert isinstance(result, Reimbursement)
    assert result.reasons
    if result.expected_cents is not None:
        assert 0 <= result.expected_cents <= round(amount * 100)
        if consultation and cap is not None:
            assert result.expected_cents <= round(cap * 100)


# --- on a dossier ---------------------------------------------------------------------------


def make_insurer(dossier: Dossier, name: str = "Good Health", **rules: Any) -> int:
    data = {
        "name": name,
        "role": "insurer",
        "reimburse_percent": "80",
        "cap_per_consultation": "350",
        "consultations_per_year": 3,
        "currency": "EUR",
        **rules,
    }
    return records.create(dossier, "contact", data).id


def consultation(dossier: Dossier, on: str, amount: str = "200", **more: Any) -> int:
    data = {
        "description": f"Consultation {on}",
        "amount": amount,
        "incurred_on": on,
        "is_consultation": True,
        **more,
    }
    return records.create(dossier, "cost", data).id


def test_expected_for_uses_the_costs_own_insurer(dossier: Dossier) -> None:
    insurer = make_insurer(dossier)
    item = consultation(dossier, "2026-01-10", "600", insurer_id=insurer)
    result = expected_for(dossier, item)
    assert result.expected_cents == 35000
    assert result.currency == "EUR"


def test_expected_for_falls_back_on_the_persons_insurer(dossier: Dossier) -> None:
    insurer = make_insurer(dossier)
    records.update(dossier, "person", 1, {"insurer_id": insurer})
    item = consultation(dossier, "2026-01-10", "100")
    result = expected_for(dossier, item)
    assert result.expected_cents == 8000
    assert result.reasons == ["Good Health pays 80% of the cost."]


def test_expected_for_without_any_insurer(dossier: Dossier) -> None:
    item = consultation(dossier, "2026-01-10")
    result = expected_for(dossier, item)
    assert result.expected_cents is None
    assert result.reasons == ["No insurer is recorded for this cost."]


def test_fourth_consultation_in_a_year_gets_nothing(dossier: Dossier) -> None:
    insurer = make_insurer(dossier)
    records.update(dossier, "person", 1, {"insurer_id": insurer})
    consultation(dossier, "2025-12-30")  # last year: does not count
    first = consultation(dossier, "2026-01-10")
    consultation(dossier, "2026-02-10", insurer_id=insurer)
    third = consultation(dossier, "2026-03-10")
    fourth = consultation(dossier, "2026-04-10")
    records.create(
        dossier,
        "cost",
        {
            "description": "Parking",
            "amount": "5",
            "incurred_on": "2026-01-11",
            "insurer_id": insurer,
        },
    )  # not a consultation

    assert expected_for(dossier, first).expected_cents == 16000
    assert expected_for(dossier, third).expected_cents == 16000
    result = expected_for(dossier, fourth)
    assert result.expected_cents == 0
    assert result.reasons == ["Consultations Good Health pays for in a year: 3. This is number 4."]

    records.delete(dossier, "cost", first)  # a deleted consultation no longer counts
    assert expected_for(dossier, fourth).expected_cents == 16000


def test_order_within_a_year_is_by_date_not_by_entry(dossier: Dossier) -> None:
    insurer = make_insurer(dossier, consultations_per_year=1)
    late = consultation(dossier, "2026-06-01", insurer_id=insurer)
    early = consultation(dossier, "2026-02-01", insurer_id=insurer)
    assert expected_for(dossier, early).expected_cents == 16000
    assert expected_for(dossier, late).expected_cents == 0


def test_consultations_of_another_insurer_do_not_count(dossier: Dossier) -> None:
    mine = make_insurer(dossier, "Mine", consultations_per_year=1)
    other = make_insurer(dossier, "Other", consultations_per_year=1)
    consultation(dossier, "2026-01-10", insurer_id=other)
    item = consultation(dossier, "2026-02-10", insurer_id=mine)
    assert expected_for(dossier, item).expected_cents == 16000


def test_consultations_under_the_persons_insurer_do_not_count_for_another(
    dossier: Dossier,
) -> None:
    """A cost without an insurer belongs to the person's insurer, not to whichever is asked."""
    main = make_insurer(dossier, "Main", consultations_per_year=3)
    extra = make_insurer(dossier, "Supplementary", consultations_per_year=1)
    records.update(dossier, "person", 1, {"insurer_id": main})
    consultation(dossier, "2026-01-10")  # the person's insurer: Main
    item = consultation(dossier, "2026-02-10", insurer_id=extra)  # Supplementary's first
    result = expected_for(dossier, item)
    assert result.expected_cents == 16000, result.reasons


def test_prior_approval_on_a_dossier(dossier: Dossier) -> None:
    insurer = make_insurer(dossier, prior_approval_required="yes")
    without = consultation(dossier, "2026-01-10", insurer_id=insurer)
    with_it = consultation(dossier, "2026-01-11", insurer_id=insurer, prior_approval_obtained=True)
    assert expected_for(dossier, without).expected_cents == 0
    assert "prior approval" in expected_for(dossier, without).reasons[0]
    assert expected_for(dossier, with_it).expected_cents == 16000


def test_expected_never_exceeds_the_amount_on_a_dossier(dossier: Dossier) -> None:
    insurer = make_insurer(dossier, reimburse_percent="100", cap_per_consultation="5000")
    item = consultation(dossier, "2026-01-10", "123.45", insurer_id=insurer)
    assert expected_for(dossier, item).expected_cents == 12345
