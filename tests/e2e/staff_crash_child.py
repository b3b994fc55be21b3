"""A process that dies at the worst moment, for the exactly-once delivery tests.

    python -m tests.e2e.staff_crash_child commit DB_URL NUMBER
        commits a status change (and so its outbox row), then kills itself with SIGKILL before
        any worker could send it;
    python -m tests.e2e.staff_crash_child claim DB_URL
        runs an outbox worker that claims the pending rows (the lease is committed) and hangs
        inside the send; the parent kills it with SIGKILL there.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import Any


async def commit_then_die(url: str, number: str) -> None:
    from domain.applications import queries
    from domain.applications.status import Actor, change_status
    from domain.db import Database
    from domain.migrate import import_models

    import_models()
    db = Database(url)
    async with db.unit() as session:
        app = await queries.get_by_number(session, number)
        assert app is not None
        await change_status(session, app, "accepted", actor=Actor.staff(1))
    print("COMMITTED", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


class HangingSender:
    async def send(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        print("SENDING", flush=True)
        await asyncio.sleep(3600)
        return None


async def claim_then_hang(url: str) -> None:
    from domain.db import Database
    from domain.migrate import import_models
    from domain.outbox import OutboxWorker

    import_models()
    worker = OutboxWorker(Database(url), HangingSender(), name="doomed-worker")
    await worker.run_once()


def main(argv: list[str]) -> None:
    mode = argv[0]
    if mode == "commit":
        asyncio.run(commit_then_die(argv[1], argv[2]))
    elif mode == "claim":
        asyncio.run(claim_then_hang(argv[1]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
