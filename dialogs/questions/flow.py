"""Free text anywhere outside a step is a question to the knowledge base (the fallback flow).

```mermaid
stateDiagram-v2
    [*] --> Answer: text outside a step / qa:pending (words typed in the catalogue)
    [*] --> Prompt: qa:start, qa:svc:SERVICE (sets the service in context)
    Prompt --> Answer: text
    Answer --> Answer: qa:pick:N:I (one of the candidate services)
    Answer --> Rated: qa:fb:N:1 | qa:fb:N:0 (stored; "not helpful" offers an operator)
    Answer --> Operator: op:ask[:SERVICE] (operators' flow, when registered)
    Answer --> Answer: qa:clear (forget the service in context)
```

A question asked before any language was chosen sets the user's language to the one detected
in it (stored, as a choice made with /lang would be), so the interface stays in one language.

State: ``svc`` (service in context, shared with other flows) and ``qa`` = {"n": last answer
number, "last": the last few answers (question, service, intent, confidence, candidates)} so
that feedback and candidate buttons find their question after a restart.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.common.ids import Action, resolve_service
from dialogs.common.kb import KnowledgeUnavailable, current_kb
from dialogs.common.lang import current_language
from dialogs.common.menu import Features
from dialogs.common.views import with_notice
from dialogs.core import Event, View
from dialogs.engine import BaseFlow, Context
from dialogs.questions import hooks
from dialogs.questions.views import (
    ALREADY_RATED,
    ANY_SERVICE,
    FILE_OUTSIDE_CHECK,
    KB_UNAVAILABLE,
    THANKS,
    TOO_LONG,
    TOO_OLD,
    UNKNOWN_COMMAND,
    UNSUPPORTED,
    answer_view,
    candidate_ids,
    field,
    hint_view,
    not_helpful_view,
    prompt_view,
    toast_view,
)
from domain import users
from domain.feedback import record_feedback
from domain.i18n import LANGUAGES

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
KEEP_ANSWERS = 3
SERVICE_KEY = "svc"
STATE_KEY = "qa"
PENDING_QUESTION_KEY = "pending_question"


class QuestionsFlow(BaseFlow):
    name = "questions"
    commands = frozenset({"ask"})
    action_prefixes = frozenset({"qa"})
    step_prefix = "qa"

    def __init__(self, features: Features) -> None:
        self.features = features

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        if event.chat_type != "private":
            return []  # groups belong to the operators' flow
        lang = current_language(ctx.user.lang, event.language_hint)
        try:
            if event.kind == "button":
                return await self._button(Action.parse(event.action), ctx, lang)
            if event.kind == "command":
                if event.command == "ask":
                    if event.args.strip():
                        return await self._ask(event.args, ctx, lang)
                    return [prompt_view(current_kb(ctx), lang, ctx.state.data.get(SERVICE_KEY))]
                return [hint_view(UNKNOWN_COMMAND)]
            if event.kind == "text":
                return await self._ask(event.text, ctx, lang)
        except KnowledgeUnavailable:
            return [hint_view(KB_UNAVAILABLE)]
        if event.kind == "file" and self.features.has("docs"):
            return [hint_view(FILE_OUTSIDE_CHECK, self.features)]
        return [hint_view(UNSUPPORTED)]

    # ------------------------------------------------------------------ questions
    async def _ask(
        self, text: str, ctx: Context, lang: str, *, service_id: str | None = None
    ) -> list[View]:
        question = " ".join(text.split())
        if not question:
            return [hint_view(UNSUPPORTED)]
        if len(question) > MAX_QUESTION_CHARS:
            return [hint_view(TOO_LONG)]
        kb = current_kb(ctx)
        context_service = ctx.state.data.get(SERVICE_KEY)
        if context_service not in kb.services:
            context_service = None
            ctx.state.data.pop(SERVICE_KEY, None)
        answer = kb.ask(question, lang=ctx.user.lang, service_id=service_id or context_service)
        if ctx.user.lang not in LANGUAGES and field(answer, "lang") in LANGUAGES:
            # No language chosen yet: the language the question was asked in becomes the user's
            # language, so this answer and every following menu and prompt speak it, in the
            # terminal as in Telegram (/lang changes it).
            lang = field(answer, "lang")
            await self._adopt_language(ctx, lang)
        number = self._remember(ctx, question, answer, lang)
        hooks.remember_answer(
            ctx.state,
            question=question,
            answer=field(answer, "answer") or "",
            service_id=field(answer, "service_id") or context_service,
            intent=field(answer, "intent"),
            escalate=bool(field(answer, "escalate")),
            confidence=field(answer, "confidence"),
            lang=field(answer, "lang") or lang,
        )
        if field(answer, "escalate"):
            await hooks.record_gap(
                ctx.session,
                text=question,
                lang=field(answer, "lang") or lang,
                service_id=field(answer, "service_id"),
                intent=field(answer, "intent"),
                kind="unanswered",
            )
        return [
            answer_view(kb, answer, number, lang, self.features, context_service=context_service)
        ]

    async def _adopt_language(self, ctx: Context, lang: str) -> None:
        ctx.user.lang = lang
        if ctx.session is not None:
            await users.set_language(ctx.session, ctx.user.user_id, lang)

    def _remember(self, ctx: Context, question: str, answer: Any, lang: str) -> int:
        memory = ctx.state.data.setdefault(STATE_KEY, {"n": 0, "last": []})
        memory["n"] = int(memory.get("n", 0)) + 1
        confidence = field(answer, "confidence")
        entry = {
            "n": memory["n"],
            "q": question,
            "lang": field(answer, "lang") or lang,
            "sid": field(answer, "service_id"),
            "intent": field(answer, "intent"),
            "conf": float(confidence) if confidence is not None else None,
            "cands": candidate_ids(answer),
        }
        memory["last"] = [*memory.get("last", []), entry][-KEEP_ANSWERS:]
        return memory["n"]

    def _entry(self, ctx: Context, number: int) -> dict[str, Any] | None:
        memory = ctx.state.data.get(STATE_KEY) or {}
        return next((e for e in memory.get("last", []) if e.get("n") == number), None)

    # ------------------------------------------------------------------ buttons
    async def _button(self, action: Action, ctx: Context, lang: str) -> list[View] | None:
        data = ctx.state.data
        if action.verb == "start":
            ctx.state.step = None
            return [prompt_view(current_kb(ctx), lang, data.get(SERVICE_KEY))]
        if action.verb == "svc":
            kb = current_kb(ctx)
            service_id = resolve_service(kb, action.arg(0))
            ctx.state.step = None
            if service_id is not None:
                data[SERVICE_KEY] = service_id
            return [prompt_view(kb, lang, data.get(SERVICE_KEY))]
        if action.verb == "clear":
            data.pop(SERVICE_KEY, None)
            return [with_notice(prompt_view(None, lang, None), ANY_SERVICE)]
        if action.verb == "pending":
            ctx.state.step = None
            question = data.pop(PENDING_QUESTION_KEY, None)
            if not question:
                return [prompt_view(current_kb(ctx), lang, data.get(SERVICE_KEY))]
            return await self._ask(question, ctx, lang)
        if action.verb == "pick":
            entry = self._entry(ctx, action.int_arg(0, -1))
            index = action.int_arg(1, -1)
            if entry is None or not 0 <= index < len(entry.get("cands", [])):
                return [toast_view(TOO_OLD)]
            return await self._ask(entry["q"], ctx, lang, service_id=entry["cands"][index])
        if action.verb == "fb":
            return await self._feedback(ctx, action.int_arg(0, -1), action.arg(1) == "1")
        return None

    async def _feedback(self, ctx: Context, number: int, helpful: bool) -> list[View]:
        entry = self._entry(ctx, number)
        if entry is None:
            return [toast_view(TOO_OLD)]
        if entry.get("rated"):
            return [toast_view(ALREADY_RATED)]
        entry["rated"] = True
        await record_feedback(
            ctx.session,
            user_id=ctx.user.user_id,
            lang=entry.get("lang") or "kk",
            question=entry["q"],
            helpful=helpful,
            service_id=entry.get("sid"),
            intent=entry.get("intent"),
            confidence=entry.get("conf"),
        )
        if helpful:
            return [toast_view(THANKS)]
        await hooks.record_gap(
            ctx.session,
            text=entry["q"],
            lang=entry.get("lang"),
            service_id=entry.get("sid"),
            intent=entry.get("intent"),
            kind="not_helpful",
        )
        return [not_helpful_view(self.features, entry.get("sid"))]
