"""Apply Alembic migrations from code (``run_bot.py``, the terminal chat, tests).

``upgrade_to_head(settings)`` is synchronous and safe to call from inside a running event loop
(the migration then runs in a worker thread with its own loop); ``aupgrade_to_head`` awaits it.
"""

from __future__ import annotations

import asyncio
import importlib
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config

from domain.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# Every module that defines tables; optional ones are skipped while they do not exist yet.
MODEL_MODULES = (
    "domain.users",
    "domain.state_store",
    "domain.updates",
    "domain.applications.models",
    "domain.operators.models",
    "domain.feedback",
)
REQUIRED = {"domain.users", "domain.state_store", "domain.updates"}


def import_models() -> None:
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if name in REQUIRED or not (exc.name and name.startswith(exc.name)):
                raise


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.attributes["url"] = url
    return cfg


def _run(fn, *args) -> None:  # type: ignore[no-untyped-def]
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        fn(*args)
        return
    errors: list[BaseException] = []

    def target() -> None:
        try:
            fn(*args)
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target, name="alembic")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def upgrade_to_head(settings: Settings, revision: str = "head") -> None:
    _run(command.upgrade, alembic_config(settings.db_url), revision)


def downgrade_to(settings: Settings, revision: str) -> None:
    _run(command.downgrade, alembic_config(settings.db_url), revision)


async def aupgrade_to_head(settings: Settings, revision: str = "head") -> None:
    await asyncio.to_thread(command.upgrade, alembic_config(settings.db_url), revision)
