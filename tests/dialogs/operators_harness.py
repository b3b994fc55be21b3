"""A small world for the operators' flow tests: one applicant, operators, the group, a clock.

Everything runs through the real registry, dialogs, database and outbox table; what Telegram
would do with the outbox rows is not simulated here (``bot.operators.sender`` is tested with a
fake Bot in test_operators_sender.py and end to end with the Bot API emulator).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flow_fakes import FakeKB, Holder

from bot.render import render_view
from bot.runtime import build_services
from bot.terminal.session import ChatSession, Turn
from dialogs.core import Event, IncomingFile
from dialogs.registry import build_dialogs
from domain.applications.models import Outbox
from domain.operators.models import Ticket, TicketMessage
from domain.settings import load_settings

GROUP = -1001234567890
OPERATOR = 5001
STRANGER = 6001
ADMIN = 9001
APPLICANT = 1001
# Tuesday 4 March 2025, 11:00 in Almaty (working hours)
WORKTIME = datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
THREAD_DEFAULT = 77
MODULES = ["dialogs.operators", "dialogs.admin"]


class Clock:
    def __init__(self, now: datetime = WORKTIME) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: Any) -> None:
        self.now += timedelta(**kw)


def make_settings(tmp_path, **overrides: Any):
    values = dict(
        data_dir=tmp_path,
        database_url="",
        bot_token="",
        _env_file=None,
        operator_chat_id=GROUP,
        operator_ids=str(OPERATOR),
        admin_ids=str(ADMIN),
        operator_hours="mon-fri 09:00-18:00",
    )
    values.update(overrides)
    return load_settings(**values)


@dataclass
class World:
    db: Any
    services: Any
    dialogs: Any
    clock: Clock
    kb: FakeKB
    applicant: ChatSession
    sessions: dict[int, ChatSession] = field(default_factory=dict)
    group_message_ids: int = 1000

    # ---------------------------------------------------------------- people
    def user(self, user_id: int, hint: str = "ru") -> ChatSession:
        if user_id not in self.sessions:
            self.sessions[user_id] = ChatSession(
                self.dialogs,
                self.services,
                self.db,
                user_id=user_id,
                language_hint=hint,
                first_name=f"user{user_id}",
            )
        return self.sessions[user_id]

    async def group(
        self,
        user_id: int,
        kind: str = "text",
        *,
        text: str = "",
        thread_id: int | None = None,
        reply_to: int | None = None,
        command: str = "",
        args: str = "",
        action: str = "",
        files: list[IncomingFile] | None = None,
        chat_id: int = GROUP,
    ) -> Turn:
        """An event from the operators' group (a forum supergroup)."""
        self.group_message_ids += 1
        event = Event(
            kind=kind,  # type: ignore[arg-type]
            user_id=user_id,
            chat_id=chat_id,
            text=text,
            command=command,
            args=args,
            action=action,
            files=files or [],
            chat_type="supergroup",
            message_id=self.group_message_ids,
            thread_id=thread_id,
            reply_to_message_id=reply_to,
            first_name=f"user{user_id}",
        )
        return await self.user(user_id).handle(event)

    # ---------------------------------------------------------------- inspection
    async def outbox(self) -> list[Outbox]:
        async with self.db.sessionmaker() as s:
            return list((await s.scalars(sa.select(Outbox).order_by(Outbox.id))).all())

    async def new_rows(self, since: int) -> list[Outbox]:
        return [r for r in await self.outbox() if r.id > since]

    async def last_row_id(self) -> int:
        rows = await self.outbox()
        return rows[-1].id if rows else 0

    async def tickets(self) -> list[Ticket]:
        async with self.db.sessionmaker() as s:
            return list((await s.scalars(sa.select(Ticket).order_by(Ticket.id))).all())

    async def messages(self, ticket_id: int) -> list[TicketMessage]:
        async with self.db.sessionmaker() as s:
            stmt = sa.select(TicketMessage).where(TicketMessage.ticket_id == ticket_id)
            return list((await s.scalars(stmt.order_by(TicketMessage.id))).all())

    async def place_ticket(self, ticket_id: int, *, thread_id=None, group_message_id=None):
        """What the Telegram sender does after posting the card: remember where it is."""
        async with self.db.unit() as s:
            ticket = await s.get(Ticket, ticket_id)
            ticket.thread_id = thread_id
            ticket.group_message_id = group_message_id


def texts(turn: Turn) -> str:
    return "\n\n".join(render_view(v, turn.lang).text for v in turn.views)


def actions(turn: Turn) -> list[str]:
    return [b.action for v in turn.views for row in v.buttons for b in row]


def keys(turn: Turn) -> list[str]:
    return [p.key for v in turn.views for p in v.parts]


def payload_text(row: Outbox) -> str:
    return "\n\n".join(str(p["key"]) for p in row.payload.get("parts") or [])


async def make_world(database, tmp_path, *, clock: Clock | None = None, **overrides) -> World:
    clock = clock or Clock()
    kb = FakeKB()
    settings = make_settings(tmp_path, **overrides)
    services = build_services(settings, database, Holder(kb), clock=clock, storage=object())
    services.extra["kb_pending_dir"] = tmp_path / "pending"
    dialogs = build_dialogs(services, modules=MODULES)
    applicant = ChatSession(
        dialogs, services, database, user_id=APPLICANT, language_hint="kk", first_name="Айгерим"
    )
    world = World(database, services, dialogs, clock, kb, applicant)
    world.sessions[APPLICANT] = applicant
    return world
