"""Transport-neutral start-up shared by the Telegram bot, the HTTP API and the terminal chat.

``prepare(settings)`` applies the migrations, opens the database, grants the roles configured in
the environment, and loads the knowledge base (building its cache when missing or stale);
``build_services`` bundles what flows use. No aiogram import here: the terminal chat uses it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from dialogs.services import Services
from domain import updates, users
from domain.db import Database
from domain.migrate import aupgrade_to_head
from domain.settings import Settings

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def knowledge_holder(settings: Settings) -> Any:
    """The knowledge base in use (``domain.kb_holder``: atomic swap on reload)."""
    from domain.kb_holder import KnowledgeHolder

    return KnowledgeHolder.for_paths(cache_path=settings.kb_cache_path)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    services: Services

    async def close(self) -> None:
        await self.db.dispose()


def file_storage(settings: Settings) -> Any:
    try:
        from domain.documents import LocalFileStorage
    except ImportError:  # documents not installed in this build
        return None
    return LocalFileStorage(settings.data_dir / "files")


def build_services(
    settings: Settings,
    db: Database,
    knowledge: Any,
    *,
    clock: Callable[[], datetime] = utc_now,
    storage: Any = None,
) -> Services:
    return Services(
        settings=settings,
        knowledge=knowledge,
        sessionmaker=db.sessionmaker,
        storage=storage if storage is not None else file_storage(settings),
        clock=clock,
        extra={"db": db},
    )


async def prepare(
    settings: Settings,
    *,
    knowledge: Any = None,
    load_knowledge_now: bool = True,
    clock: Callable[[], datetime] = utc_now,
) -> Runtime:
    """Everything that must be ready before the first update is taken."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    await aupgrade_to_head(settings)
    db = Database.from_settings(settings)
    async with db.unit() as session:
        added = await users.bootstrap_roles(session, settings.roles_from_env())
        pruned = await updates.prune(session, timedelta(days=settings.processed_updates_keep_days))
    log.info("database ready (%d role(s) granted, %d old update id(s) pruned)", added, pruned)
    holder = knowledge if knowledge is not None else knowledge_holder(settings)
    if load_knowledge_now and hasattr(holder, "get"):
        await asyncio.to_thread(holder.get)
        log.info("knowledge base loaded")
    return Runtime(settings, db, build_services(settings, db, holder, clock=clock))
