"""Driving the documents and applications flows without Telegram: the real knowledge base, a
real SQLite database and file store, every step's state through JSON (``ChatSession``)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from bot.render import render_view
from bot.runtime import build_services
from bot.terminal.session import ChatSession, Turn
from dialogs.core import IncomingFile
from dialogs.registry import build_dialogs
from domain.documents import LocalFileStorage

FEATURES = ["dialogs.documents", "dialogs.applications"]


def pdf(seed: int = 0, pages: int = 1) -> bytes:
    """A small valid PDF; ``seed`` makes the bytes (and the hash) differ."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"test document {seed}"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def incoming(
    data: bytes,
    name: str | None = "doc.pdf",
    *,
    kind: str = "document",
    caption: str | None = None,
    size: int | None = None,
    unique: str | None = None,
    group: str | None = None,
) -> IncomingFile:
    async def chunks() -> AsyncIterator[bytes]:
        opened.append(name)
        for start in range(0, len(data), 4096):
            yield data[start : start + 4096]

    opened: list[str | None] = []
    file = IncomingFile(
        file_id=f"file-{unique or name}",
        file_name=name,
        size=len(data) if size is None else size,
        mime="application/pdf" if kind == "document" else "image/jpeg",
        kind=kind,  # type: ignore[arg-type]
        media_group_id=group,
        caption=caption,
        unique_id=unique,
        opener=chunks,
    )
    object.__setattr__(file, "opened", opened)  # which files were actually read
    return file


@dataclass
class Applicant:
    session: ChatSession
    turn: Turn | None = None

    async def command(self, command: str, args: str = "") -> Applicant:
        self.turn = await self.session.command(command, args)
        return self

    async def press(self, action: str, *, anywhere: bool = False) -> Applicant:
        if not anywhere:
            assert action in self.actions, f"{action!r} not among {self.actions}"
        self.turn = await self.session.press(action)
        return self

    async def send(self, text: str) -> Applicant:
        self.turn = await self.session.text(text)
        return self

    async def files(self, *files: IncomingFile, caption: str = "") -> Applicant:
        event = self.session.event("file", files=list(files), text=caption)
        self.turn = await self.session.handle(event)
        return self

    async def contact(self, phone: str) -> Applicant:
        self.turn = await self.session.handle(self.session.event("contact", contact_phone=phone))
        return self

    @property
    def lang(self) -> str:
        assert self.turn is not None
        return self.turn.lang

    @property
    def rendered(self) -> list[Any]:
        assert self.turn is not None
        return [render_view(v, self.turn.lang) for v in self.turn.views]

    @property
    def text(self) -> str:
        return "\n\n".join(r.text for r in self.rendered)

    @property
    def actions(self) -> list[str]:
        assert self.turn is not None
        return [b.action for v in self.turn.views for row in v.buttons for b in row]

    @property
    def labels(self) -> dict[str, str]:
        return {b.action: b.label for r in self.rendered for row in r.buttons for b in row}

    def action(self, prefix: str) -> str:
        found = [a for a in self.actions if a.startswith(prefix)]
        assert found, f"no action starting with {prefix!r} in {self.actions}"
        return found[0]

    def by_label(self, words: str) -> str:
        for action, text in self.labels.items():
            if words.casefold() in text.casefold():
                return action
        raise AssertionError(f"no button with {words!r} in {list(self.labels.values())}")

    @property
    def step(self) -> str | None:
        assert self.turn is not None
        return self.turn.step

    @property
    def state(self) -> dict[str, Any]:
        assert self.turn is not None
        return self.turn.data


class World:
    """One database, file store and knowledge base; applicants are sessions on it."""

    def __init__(self, settings: Any, db: Any, holder: Any, clock=None) -> None:
        self.settings = settings
        self.db = db
        self.storage = LocalFileStorage(settings.data_dir / "files")
        kw = {"clock": clock} if clock is not None else {}
        self.services = build_services(settings, db, holder, storage=self.storage, **kw)
        self.dialogs = build_dialogs(self.services, modules=FEATURES)

    def applicant(self, user_id: int = 4242, hint: str = "ru") -> Applicant:
        return Applicant(
            ChatSession(self.dialogs, self.services, self.db, user_id=user_id, language_hint=hint)
        )

    def restart(self) -> World:
        """A new process on the same database and files (nothing kept in memory)."""
        return World(self.settings, self.db, self.services.knowledge, self.services.clock)

    async def uploads(self, **where: Any) -> list[Any]:
        from domain.applications.drafts import list_uploads

        async with self.db.sessionmaker() as s:
            return await list_uploads(s, **where)

    async def uploads_of_application(self, number: str) -> list[Any]:
        from domain.applications.drafts import list_uploads
        from domain.applications.queries import get_by_number

        async with self.db.sessionmaker() as s:
            app = await get_by_number(s, number)
            return await list_uploads(s, application_id=app.id)

    async def drafts(self, owner_id: int) -> list[Any]:
        from domain.applications.drafts import open_drafts

        async with self.db.sessionmaker() as s:
            return await open_drafts(s, owner_id)


# ---------------------------------------------------------------------------------- fixtures
import pytest  # noqa: E402

OVERLAY_CHECKLIST = """
checklist:
  note_ru: Перечень по стандарту государственной услуги.
  note_kk: Мемлекеттік қызмет стандарты бойынша тізбе.
  lists:
    - case: issue
      channels: [center]
      documents:
        - name_kk: Стандартпен белгіленген нысан бойынша өтініш
          name_ru: заявление по форме, установленной Стандартом
          id: application
          citation: Стандарттың 9-тармағының 1) тармақшасы
        - name_kk: азаматтық-құқықтық жауапкершілікті міндетті сақтандыру шартының көшірмесі
          name_ru: копия договора обязательного страхования гражданско-правовой ответственности
          id: insurance_contract_copy
          citation: Стандарттың 9-тармағының 3) тармақшасы
"""
OVERLAY_SERVICE = "tour_operator_vko"


@pytest.fixture(name="world")
def world_fixture(settings, db, kb_holder) -> World:
    return World(settings, db, kb_holder)


@pytest.fixture(scope="session", name="overlay_kb")
def overlay_kb_fixture(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The real knowledge base plus a maintainer's checklist for a service whose regulation
    only refers to the standard (built once per session into its own cache)."""
    import shutil
    from pathlib import Path

    from knowledge import load_knowledge

    root = tmp_path_factory.mktemp("overlay")
    overlay = root / "overlay"
    shutil.copytree(Path(__file__).resolve().parents[2] / "knowledge" / "overlay", overlay)
    with (overlay / f"{OVERLAY_SERVICE}.yaml").open("a", encoding="utf-8") as fh:
        fh.write(OVERLAY_CHECKLIST)
    return load_knowledge(root / "kb.json", overlay_dir=overlay)


# Importable under the fixtures' own names too (``from documents_harness import world``).
world = world_fixture
overlay_kb = overlay_kb_fixture


class Holder:
    def __init__(self, kb: Any) -> None:
        self.kb = kb

    def get(self) -> Any:
        return self.kb
