"""One terminal conversation: turns what the person typed into events and runs them through the
dialogs exactly as the Telegram adapter does (user row, language, roles, persisted dialog state,
one transaction per event). No aiogram here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bot.i18n import resolve_lang
from dialogs.core import DialogState, Event, IncomingFile, View
from dialogs.engine import Context, Dialogs, UserContext
from domain import state_store, users

STATE_NAMESPACE = "term"


@dataclass
class Turn:
    """What the bot answered to one event, and the language to show it in."""

    views: list[View]
    lang: str
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class ChatSession:
    """A user talking to the dialogs from a terminal (or a test). State lives in the database
    under ``term:<user>:<user>``, so a second run continues where the first stopped."""

    def __init__(
        self,
        dialogs: Dialogs,
        services: Any,
        db: Any,
        *,
        user_id: int,
        language_hint: str | None = None,
        first_name: str | None = None,
    ) -> None:
        self.dialogs = dialogs
        self.services = services
        self.db = db
        self.user_id = user_id
        self.language_hint = language_hint
        self.first_name = first_name
        self.key = state_key(user_id)

    # ------------------------------------------------------------------ events
    def event(self, kind: str, **fields: Any) -> Event:
        return Event(
            kind=kind,  # type: ignore[arg-type]
            user_id=self.user_id,
            chat_id=self.user_id,
            language_hint=self.language_hint,
            first_name=self.first_name,
            **fields,
        )

    async def text(self, text: str) -> Turn:
        return await self.handle(self.event("text", text=text))

    async def command(self, command: str, args: str = "") -> Turn:
        return await self.handle(self.event("command", command=command, args=args))

    async def press(self, action: str) -> Turn:
        return await self.handle(self.event("button", action=action))

    async def file(self, incoming: IncomingFile) -> Turn:
        return await self.handle(self.event("file", files=[incoming]))

    async def unsupported(self) -> Turn:
        return await self.handle(self.event("unsupported"))

    # ------------------------------------------------------------------ pipeline
    async def handle(self, event: Event) -> Turn:
        async with self.db.unit() as session:
            user = await users.ensure_user(
                session, self.user_id, language_hint=self.language_hint, first_name=self.first_name
            )
            roles = await users.get_roles(session, self.user_id)
            step, data = await state_store.load(session, self.key)
            state = DialogState(step=step, data=roundtrip(data))
            ctx = Context(
                user=UserContext(self.user_id, self.user_id, user.language, roles),
                state=state,
                services=self.services,
                session=session,
            )
            views = await self.dialogs.handle(event, ctx)
            await state_store.save(session, self.key, ctx.state.step, ctx.state.data)
        lang = resolve_lang(ctx.user.lang, self.language_hint)
        return Turn(views, lang, ctx.state.step, roundtrip(ctx.state.data))

    async def language(self) -> str:
        async with self.db.sessionmaker() as session:
            lang = await users.get_language(session, self.user_id)
        return resolve_lang(lang, self.language_hint)

    async def has_history(self) -> bool:
        async with self.db.sessionmaker() as session:
            user = await users.get_user(session, self.user_id)
        return user is not None


def state_key(user_id: int) -> str:
    return state_store.state_key(STATE_NAMESPACE, user_id, user_id)


def roundtrip(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as it comes back from JSON storage (or Redis): anything else fails here."""
    return json.loads(json.dumps(data, ensure_ascii=False))
