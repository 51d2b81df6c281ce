"""The Overview's word at the top when a case's plan does not fit before its deadline: what
would be late, and what can be done about the dates; a link opens the plan."""

from __future__ import annotations

from ...core.bidi import isolate
from ...core.i18n import tr
from ...core.plan import Plan
from ..formatting import escape


def plan_warnings_html(plans: list[Plan]) -> str:
    """One calm box per plan that does not fit (nothing when every plan fits)."""
    boxes = []
    for plan in plans:
        if not plan.problem:
            continue
        title = escape(isolate(str(plan.case["title"])))
        choices = "".join(f"<li>{escape(choice.text)}</li>" for choice in plan.choices)
        link = tr("<a href='{link}'>Open the plan</a>", link=f"plan:{plan.case['id']}")
        heading = escape(tr("The plan does not fit:"))
        can_do = escape(tr("What you can do:"))
        boxes.append(
            "<table width='100%' cellpadding='12' cellspacing='0' bgcolor='#fff4e5'>"
            "<tr><td style='color: #3d2600'>"
            f"<p style='margin-top: 0'><b>{heading}</b> {title}</p>"
            f"<p>{escape(plan.problem)}</p><p>{can_do}</p><ul>{choices}</ul>"
            f"<p>{link}</p></td></tr></table><p></p>"
        )
    return "".join(boxes)


__all__ = ["plan_warnings_html"]
