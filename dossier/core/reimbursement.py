"""What an insurer is expected to pay back for a cost, following its recorded rules.

The rules the sources describe: a share of the cost (for example 80 %), a cap per
consultation, a number of consultations reimbursed a year, and prior approval.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import records
from .errors import NotFoundError
from .i18n import tr
from .locale_format import number
from .storage import Dossier


@dataclass(frozen=True)
class Reimbursement:
    expected_cents: int | None  # None: the insurer's share is not known
    currency: str | None
    reasons: list[str] = field(default_factory=list)  # plain words, in order of application

    @property
    def expected(self) -> float | None:
        return None if self.expected_cents is None else self.expected_cents / 100

    def as_dict(self) -> dict[str, Any]:
        return {"expected": self.expected, "currency": self.currency, "reasons": self.reasons}


def compute(
    cost: dict[str, Any], insurer: dict[str, Any] | None, earlier_consultations: int
) -> Reimbursement:
    """Apply ``insurer``'s rules to ``cost`` (amounts as the records layer returns them).

    ``earlier_consultations``: consultations with this insurer earlier in the same year.
    """
    currency = cost.get("currency") or (insurer or {}).get("currency")
    if insurer is None:
        return Reimbursement(None, currency, [tr("No insurer is recorded for this cost.")])
    name = insurer.get("name") or tr("the insurer")
    if insurer.get("prior_approval_required") and not cost.get("prior_approval_obtained"):
        return Reimbursement(
            0,
            currency,
            [tr("{name} pays only with prior approval, and none is recorded.", name=name)],
        )
    limit = insurer.get("consultations_per_year")
    if cost.get("is_consultation") and limit is not None and earlier_consultations >= limit:
        return Reimbursement(
            0,
            currency,
            [
                tr(
                    "Consultations {name} pays for in a year: {limit}. This is number {n}.",
                    name=name,
                    limit=limit,
                    n=earlier_consultations + 1,
                )
            ],
        )
    percent = insurer.get("reimburse_percent")
    if percent is None:
        return Reimbursement(
            None, currency, [tr("The share {name} pays is not recorded.", name=name)]
        )
    amount = _cents(cost["amount"])
    expected = int(
        (Decimal(amount) * Decimal(str(percent)) / 100).quantize(Decimal(1), ROUND_HALF_UP)
    )
    reasons = [tr("{name} pays {percent}% of the cost.", name=name, percent=number(percent))]
    cap = insurer.get("cap_per_consultation")
    if cost.get("is_consultation") and cap is not None and expected > _cents(cap):
        expected = _cents(cap)
        reasons.append(
            tr(
                "{name} pays at most {cap} per consultation.",
                name=name,
                cap=number(cap, decimals=2),
            )
        )
    return Reimbursement(expected, currency, reasons)


def expected_for(dossier: Dossier, cost_id: int) -> Reimbursement:
    """The expected reimbursement of one cost, looking up its insurer and earlier consultations."""
    cost = records.get(dossier, "cost", cost_id)
    person_insurer = records.get(dossier, "person", 1).get("insurer_id")
    insurer_id = cost.get("insurer_id") or person_insurer
    insurer = None
    if insurer_id is not None:
        try:
            insurer = records.get(dossier, "contact", insurer_id)
        except NotFoundError:
            insurer = None
    earlier = 0
    if insurer is not None and cost.get("is_consultation"):
        year = (cost.get("incurred_on") or "")[:4]
        earlier = int(
            dossier.db.execute(
                "SELECT COUNT(*) FROM cost WHERE deleted_at IS NULL AND is_consultation = 1 "
                "AND COALESCE(insurer_id, ?) = ? AND substr(COALESCE(incurred_on, ''), 1, 4) = ? "
                "AND (COALESCE(incurred_on, ''), id) < (?, ?)",
                [person_insurer, insurer_id, year, cost.get("incurred_on") or "", cost_id],
            ).fetchone()[0]
        )
    return compute(cost, insurer, earlier)


def _cents(amount: float) -> int:
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), ROUND_HALF_UP))
