from __future__ import annotations

import sys

import pytest
from flow_fakes import FakeKB, Holder, feature_module
from sqlmodel import SQLModel

from bot.render import render_view
from bot.runtime import build_services
from bot.terminal.session import ChatSession, Turn
from dialogs.core import View
from dialogs.registry import build_dialogs
from domain.db import Database
from domain.migrate import import_models
from domain.settings import load_settings


class Chat:
    """Drives the dialogs like a user; every step's state goes through JSON and the database."""

    def __init__(self, session: ChatSession, kb: FakeKB) -> None:
        self.session = session
        self.kb = kb
        self.turn: Turn | None = None

    async def _run(self, coro) -> Turn:
        self.turn = await coro
        return self.turn

    async def send(self, text: str) -> Turn:
        return await self._run(self.session.text(text))

    async def command(self, command: str, args: str = "") -> Turn:
        return await self._run(self.session.command(command, args))

    async def press(self, action: str) -> Turn:
        assert action in self.actions(), f"{action!r} not among {self.actions()}"
        return await self._run(self.session.press(action))

    async def press_stale(self, action: str) -> Turn:
        """Press a button that may come from an older message."""
        return await self._run(self.session.press(action))

    @property
    def views(self) -> list[View]:
        assert self.turn is not None
        return self.turn.views

    def texts(self) -> list[str]:
        assert self.turn is not None
        return [render_view(v, self.turn.lang).text for v in self.views]

    def text(self) -> str:
        return "\n\n".join(self.texts())

    def actions(self) -> list[str]:
        return [b.action for v in self.views for row in v.buttons for b in row]

    def labels(self) -> dict[str, str]:
        assert self.turn is not None
        rendered = [render_view(v, self.turn.lang) for v in self.views]
        return {b.action: b.label for r in rendered for row in r.buttons for b in row}

    def toast(self) -> str | None:
        assert self.turn is not None
        toasts = [render_view(v, self.turn.lang).toast for v in self.views]
        return next((t for t in toasts if t), None)


@pytest.fixture
async def database(tmp_path):
    import_models()
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}")
    async with db.engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
    yield db
    await db.dispose()


@pytest.fixture
def kb() -> FakeKB:
    return FakeKB()


@pytest.fixture
def settings(tmp_path):
    return load_settings(data_dir=tmp_path, database_url="", bot_token="", _env_file=None)


@pytest.fixture
def make_chat(database, kb, settings):
    """``make_chat(hint="ru", features=[...])`` -> a Chat with its own dialogs."""
    created: list[str] = []

    def make(
        hint: str | None = "ru",
        user_id: int = 1001,
        features: dict[str, list] | None = None,
        holder=None,
    ) -> Chat:
        modules = []
        for name, flows in (features or {}).items():
            feature_module(name, flows)
            created.append(name)
            modules.append(name)
        services = build_services(settings, database, holder or Holder(kb), storage=object())
        dialogs = build_dialogs(services, modules=modules)
        session = ChatSession(dialogs, services, database, user_id=user_id, language_hint=hint)
        return Chat(session, kb)

    yield make
    for name in created:
        sys.modules.pop(name, None)
