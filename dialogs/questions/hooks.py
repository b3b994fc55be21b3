"""Optional hand-offs to the operators feature (``dialogs.operators``, ``domain.operators``).

The questions flow works without them; when the operators package is installed, each answer is
remembered for a possible escalation and unanswered / "not helpful" questions are counted as
knowledge gaps.
"""

from __future__ import annotations

from typing import Any

from dialogs.common.optional import optional_attr
from dialogs.core import DialogState


def remember_answer(state: DialogState, **fields: Any) -> None:
    remember = optional_attr("dialogs.operators.context", "remember_answer")
    if remember is not None:
        remember(state, **fields)


async def record_gap(session: Any, **fields: Any) -> None:
    record = optional_attr("domain.operators.gaps", "record_gap")
    if record is not None and session is not None:
        await record(session, **fields)
