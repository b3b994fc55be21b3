"""``python -m knowledge gaps`` reads the bot's database and groups the gaps."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

from domain.db import Database
from domain.migrate import upgrade_to_head
from domain.operators.gaps import record_gap
from domain.settings import load_settings
from knowledge.gaps import main

ROOT = Path(__file__).resolve().parents[2]


async def _seed(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    settings = load_settings(data_dir=tmp_path, database_url=url, _env_file=None)
    upgrade_to_head(settings)
    db = Database(settings.db_url)
    async with db.unit() as s:
        for _ in range(3):
            await record_gap(
                s,
                text="Аптека лицензиясы қанша күн?",
                lang="kk",
                service_id="pharmacy_licence_almaty",
                intent="deadline",
                kind="not_helpful",
            )
        await record_gap(s, text="Как получить паспорт?", lang="ru")
    await db.dispose()
    return url


async def test_gaps_json_grouped_by_service_and_intent(tmp_path, capsys):
    url = await _seed(tmp_path)
    assert await asyncio.to_thread(main, ["--database-url", url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    groups = [(g["service_id"], g["intent"], g["count"]) for g in data["groups"]]
    assert groups == [("pharmacy_licence_almaty", "deadline", 3), (None, None, 1)]
    assert data["groups"][0]["questions"][0]["kind"] == "not_helpful"
    assert (
        await asyncio.to_thread(main, ["--database-url", url, "--json", "--kind", "unanswered"])
        == 0
    )
    only = json.loads(capsys.readouterr().out)["groups"]
    assert [g["service_id"] for g in only] == [None]


async def test_gaps_command_line_reads_database_url(tmp_path):
    url = await _seed(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "knowledge", "gaps", "--per-group", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("pharmacy_licence_almaty") and lines[0].endswith("deadline: 3")
    assert "Аптека лицензиясы қанша күн?" in lines[1]
    assert any("Как получить паспорт?" in line for line in lines)


def test_gaps_without_the_table_says_so(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert main(["--database-url", url]) == 1
    assert "no gaps table" in capsys.readouterr().err
