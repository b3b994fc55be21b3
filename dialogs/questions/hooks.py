"""Optional hand-offs to the operators feature (``dialogs.operators``, ``domain.operators``).

The questions flow works without them; when the operators package is installed, each answer is
remembered for a possible escalation and unanswered / "not helpful" questions are counted as
knowledge gaps.
"""

from __future__ import annotations

import importlib
from typing import Any

from dialogs.core import DialogState


def _optional(module: str, name: str) -> Any:
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        # Only a missing feature package is optional; a broken import inside it is a bug.
        if exc.name and module.startswith(exc.name):
            return None
        raise
    return getattr(found, name, None)


def remember_answer(state: DialogState, **fields: Any) -> None:
    remember = _optional("dialogs.operators.context", "remember_answer")
    if remember is not None:
        remember(state, **fields)


async def record_gap(session: Any, **fields: Any) -> None:
    record = _optional("domain.operators.gaps", "record_gap")
    if record is not None and session is not None:
        await record(session, **fields)
