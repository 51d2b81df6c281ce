"""The six steps of a second opinion, and how far each case has come along them.

The steps (issue 3, after the sources summed up in DESIGN.md):

1. **Records requested**: the file is asked for (scans and slides, not only reports)
   and has arrived.
2. **Second doctor chosen**: someone other than the first doctor looks at the case.
3. **Insurer checked**: what the insurer pays, and whether it wants approval first.
4. **Questions prepared**: the questions to ask are written down.
5. **Opinions in**: at least two opinions are recorded.
6. **Decision made**: the decision is written down (or the case marked decided).

Before them comes knowing what one is unsure about (:attr:`CaseSteps.identify`): the
case says which question it should answer, or names the diagnosis in doubt.

Each step follows from the case's own records by a rule that fits in one sentence
(:attr:`Step.rule`), so the window can say why a step is ticked, and each step
carries the records that prove it (:attr:`Step.proof`). Nothing here is stored:
the steps are worked out again whenever they are asked for.
"""

from .model import STEP_KEYS, CaseSteps, Proof, Step
from .progress import all_case_steps, case_steps, next_step

__all__ = [
    "STEP_KEYS",
    "CaseSteps",
    "Proof",
    "Step",
    "all_case_steps",
    "case_steps",
    "next_step",
]
