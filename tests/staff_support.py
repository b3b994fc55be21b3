"""Shared helpers for the staff / API / notification tests (dialogs, api, e2e).

A small knowledge base with the facade's shape (real ``knowledge.model`` classes for cards and
refusal grounds), a database built from the models, and applications created through the
applications domain's own functions (draft -> upload -> submit), exactly as the documents flow
does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel

from domain.db import Database
from domain.migrate import import_models
from knowledge.model import Citation, Fact, ServiceCard
from tests.domain.document_samples import chunked, pdf_bytes, png_bytes

SERVICE = "tour_operator"
OTHER_SERVICE = "pharmacy"
IIN = "950702400009"
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday 11:00 in Almaty

TITLES = {
    SERVICE: {"kk": "Туроператорлық қызметке лицензия беру",
              "ru": "Выдача лицензии на туроператорскую деятельность"},
    OTHER_SERVICE: {"kk": "Фармацевтикалық қызметке лицензия беру",
                    "ru": "Выдача лицензии на фармацевтическую деятельность"},
}
ITEMS = [
    {"id": "application_form", "name_kk": "Өтініш", "name_ru": "Заявление"},
    {"id": "charter_copy", "name_kk": "Жарғының көшірмесі", "name_ru": "Копия устава"},
    {"id": "insurance_contract", "name_kk": "Сақтандыру шарты",
     "name_ru": "Договор страхования"},
]
GROUNDS = [
    "өтініш берушінің мемлекеттік көрсетілетін қызметті алу үшін ұсынған құжаттарының "
    "анық еместігінің анықталуы;",
    "өтініш берушінің біліктілік талаптарына сәйкес келмеуі;",
]


@dataclass
class Deadline:
    value: int | None
    unit: str | None
    citation: str | None = "Қағидалар, 9-тармақ"


class StaffKB:
    """The part of ``knowledge.KnowledgeBase`` the staff side uses."""

    def __init__(self) -> None:
        self.services = {
            sid: ServiceCard(
                id=sid, title_kk=t["kk"], title_ru=t["ru"], act_id="act", regulation_id="reg",
                source="000.txt", category="tourism",
            )
            for sid, t in TITLES.items()
        }

    def refusal_grounds(self, service_id: str) -> list[Fact]:
        return [
            Fact(text=text, kind="refusal",
                 citation=Citation(act_id="act", paragraph="10", subitem=str(i)))
            for i, text in enumerate(GROUNDS, start=1)
        ]

    def checklist(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"id": request.get("id"), "service_id": request["service"], "complete": False,
                "missing": [dict(i, condition_kk="", condition_ru="") for i in ITEMS]}

    def checklist_options(self, service_id: str) -> dict[str, Any]:
        return {
            "service_id": service_id,
            "cases": [{"id": "issue", "name_kk": "Лицензия алу", "name_ru": "Получение лицензии"}],
            "applicant_types": [{"id": "legal_entity", "name_kk": "Заңды тұлға",
                                 "name_ru": "Юридическое лицо"}],
            "channels": [{"id": "portal", "name_kk": "Портал", "name_ru": "Портал"}],
            "conditions": [],
        }


class Holder:
    def __init__(self, kb: Any) -> None:
        self.kb = kb

    def get(self) -> Any:
        return self.kb


async def create_database(path: Path) -> Database:
    import_models()
    db = Database(f"sqlite+aiosqlite:///{path}")
    async with db.engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
    return db


async def make_application(
    db: Database,
    storage: Any,
    *,
    owner_id: int,
    lang: str = "ru",
    service_id: str = SERVICE,
    now: datetime = NOW,
    deadline: Deadline | None = None,
    seed: int = 0,
) -> str:
    """A submitted application with two uploaded files; returns its number."""
    from domain import users
    from domain.applications import drafts, submit

    async with db.unit() as s:
        await users.ensure_user(s, owner_id)
        await users.set_language(s, owner_id, lang)
        draft = await drafts.create_draft(
            s, owner_id=owner_id, service_id=service_id, case_id="issue",
            applicant_type="legal_entity", channel="portal", now=now,
        )
        await drafts.add_upload(
            s, storage, owner_id=owner_id, draft=draft, item_id="application_form",
            chunks=chunked(pdf_bytes(1 + seed)), original_name="заявление.pdf", now=now,
        )
        await drafts.add_upload(
            s, storage, owner_id=owner_id, draft=draft, item_id="charter_copy",
            chunks=chunked(png_bytes(400 + seed, 400)), now=now,
        )
        app = await submit.submit_draft(
            s, draft, owner_id=owner_id, identity=IIN, name="Айгүл Серікқызы",
            phone="+77011234567", chat_id=owner_id, lang=lang,
            service_title=TITLES[service_id],
            deadline=deadline if deadline is not None else Deadline(15, "working_days"),
            missing=[ITEMS[2]], known_gap=True, now=now,
        )
        return app.number


async def outbox_rows(db: Database) -> list[Any]:
    import sqlalchemy as sa

    from domain.applications.models import Outbox

    async with db.sessionmaker() as s:
        return list(await s.scalars(sa.select(Outbox).order_by(Outbox.id)))


async def status_of(db: Database, number: str) -> str:
    from domain.applications import queries

    async with db.sessionmaker() as s:
        app = await queries.get_by_number(s, number)
        assert app is not None
        return app.status
