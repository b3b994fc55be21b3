"""``python run_bot.py`` as a process: configuration errors, answering /start through the
emulator within a second, and a clean SIGTERM that finishes the update in hand."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.client import TgUser
from tests.e2e.harness import until

ROOT = Path(__file__).resolve().parents[2]
RUN_BOT = ROOT / "run_bot.py"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env.update(
        DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL="",
        REDIS_URL="",
        WEBHOOK_URL="",
        ADMIN_IDS="",
        STAFF_IDS="",
        OPERATOR_IDS="",
        OPERATOR_CHAT_ID="",
        STAFF_CHAT_ID="",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@pytest.mark.parametrize(
    ("token", "needle"), [(None, "BOT_TOKEN is not set"), ("12345", "BOT_TOKEN is malformed")]
)
async def test_missing_or_malformed_token_exits_2_with_one_line(tmp_path, token, needle):
    env = _env(tmp_path)
    if token is not None:
        env["BOT_TOKEN"] = token
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(RUN_BOT),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2
    lines = [line for line in (out + err).decode().splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0]
    assert "Traceback" not in lines[0]


async def _start(tmp_path: Path, emulator, kb_cache: Path) -> asyncio.subprocess.Process:
    env = _env(
        tmp_path,
        BOT_TOKEN=emulator.token,
        TELEGRAM_API_BASE=emulator.base_url,
        KNOWLEDGE_CACHE=str(kb_cache),
        LOG_LEVEL="INFO",
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(RUN_BOT),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await until(
            lambda: any(c.method == "getUpdates" for c in emulator.calls),
            timeout=60,
            what="the bot polling",
        )
    except AssertionError:
        proc.kill()
        out, err = await proc.communicate()
        raise AssertionError(err.decode()[-3000:]) from None
    return proc


async def test_bot_answers_start_within_a_second_and_stops_on_sigterm(
    tmp_path, emulator, kb_cache
):
    proc = await _start(tmp_path, emulator, kb_cache)
    try:
        # Migrations ran and the command menu is set before updates are taken.
        assert (tmp_path / "data" / "bot.sqlite3").exists()
        assert {"kk", "ru"} <= set(emulator.commands)
        user = TgUser(emulator, 4242, language_code="ru")
        started = time.monotonic()
        replies = await user.say("/start", quiet=0.05)
        assert replies and time.monotonic() - started < 1.0
        send = next(c for c in emulator.calls if c.method == "sendMessage")
        assert send.at - started < 1.0

        # SIGTERM while the next reply is still on its way: the process waits for it.
        emulator.delay("sendMessage", 1.5)
        update = user.send_text("/start")
        await until(
            lambda: sum(c.method == "sendMessage" for c in emulator.calls) == 2,
            what="second reply started",
        )
        proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    log = err.decode()
    assert proc.returncode == 0, log[-3000:]
    assert "Traceback" not in log
    last = [c for c in emulator.calls if c.method == "sendMessage"][-1]
    assert last.done and last.status == 200
    with sqlite3.connect(tmp_path / "data" / "bot.sqlite3") as conn:
        ids = {row[0] for row in conn.execute("select update_id from processed_updates")}
    assert update["update_id"] in ids
