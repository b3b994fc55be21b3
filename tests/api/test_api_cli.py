"""``run_bot.py tokens create|list|revoke`` and ``run_bot.py api`` (a real process on loopback)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.api.cli import main
from domain.applications.models import ApiClient
from domain.applications.tokens import hash_token
from domain.db import Database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    for name in ("DATABASE_URL", "BOT_TOKEN", "STAFF_IDS", "ADMIN_IDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _rows(data_dir: Path) -> list[ApiClient]:
    async def read() -> list[ApiClient]:
        db = Database(f"sqlite+aiosqlite:///{data_dir / 'bot.sqlite3'}")
        try:
            async with db.sessionmaker() as s:
                return list(await s.scalars(sa.select(ApiClient).order_by(ApiClient.name)))
        finally:
            await db.dispose()

    return asyncio.run(read())


def test_tokens_create_list_revoke(data_dir, capsys):
    assert main(["tokens", "create", "backoffice"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("kla_") and len(token) > 30
    assert main(["tokens", "create", "tourism", "--scope", "tour_operator,pharmacy"]) == 0
    capsys.readouterr()

    rows = _rows(data_dir)
    assert [r.name for r in rows] == ["backoffice", "tourism"]
    assert rows[0].token_hash == hash_token(token)
    db_bytes = (data_dir / "bot.sqlite3").read_bytes()
    assert token.encode() not in db_bytes  # only the hash is stored
    assert rows[1].scope == "pharmacy,tour_operator"

    assert main(["tokens", "create", "backoffice"]) == 1  # name taken
    assert main(["tokens", "list"]) == 0
    listing = capsys.readouterr().out
    assert token not in listing
    assert "backoffice\tactive\tscope=*" in listing
    assert "tourism\tactive\tscope=pharmacy,tour_operator" in listing

    assert main(["tokens", "revoke", "backoffice"]) == 0
    assert main(["tokens", "revoke", "nobody"]) == 1
    capsys.readouterr()
    assert main(["tokens", "list"]) == 0
    assert "backoffice\trevoked" in capsys.readouterr().out
    assert main(["tokens"]) == 2
    assert main(["tokens", "create"]) == 2
    assert main(["tokens", "create", "bad name!"]) == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, token: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_standalone_api_process(tmp_path):
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BOT_TOKEN")},
        "DATA_DIR": str(tmp_path / "data"),
        "WEB_HOST": "127.0.0.1",
        "WEB_PORT": str(port),
        "PYTHONPATH": str(ROOT),
    }
    created = subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), "tokens", "create", "cli"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "run_bot.py"), "api"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                code, doc = _get(f"{base}/openapi.json")
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "the API did not start"
                time.sleep(0.2)
        assert code == 200 and doc["openapi"].startswith("3.")
        assert _get(f"{base}/applications/LIC-2026-000001")[0] == 401
        code, body = _get(f"{base}/applications/LIC-2026-000001", token)
        assert (code, body["error"]["code"]) == (404, "application_not_found")
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert "Traceback" not in out
