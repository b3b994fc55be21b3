"""What the bot last answered, kept in the dialog state for a possible escalation.

The questions flow calls :func:`remember_answer` for every answer; when the applicant then asks
for an operator, the ticket carries the question, the bot's answer and the service. JSON only.
"""

from __future__ import annotations

from typing import Any

from dialogs.core import DialogState

KEY = "op_ctx"
MAX_QUESTION = 2000
MAX_ANSWER = 3000


def remember_answer(
    state: DialogState,
    *,
    question: str,
    answer: str | None = None,
    service_id: str | None = None,
    intent: str | None = None,
    escalate: bool = False,
    confidence: float | None = None,
    lang: str | None = None,
    **_: Any,
) -> None:
    state.data[KEY] = {
        "q": (question or "")[:MAX_QUESTION],
        "a": (answer or "")[:MAX_ANSWER] or None,
        "sid": service_id,
        "intent": intent,
        "esc": bool(escalate),
        "conf": confidence,
        "lang": lang,
    }


def recalled(state: DialogState) -> dict[str, Any] | None:
    value = state.data.get(KEY)
    return value if isinstance(value, dict) and value.get("q") else None


def forget(state: DialogState) -> None:
    state.data.pop(KEY, None)
