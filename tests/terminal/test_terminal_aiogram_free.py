"""The terminal chat's whole path runs without importing aiogram."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from terminal_helpers import ROOT, chat_env

PROBE = """
import sys
import run_bot
code = run_bot.main(["chat", "--script", sys.argv[1], "--lang", "ru"])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("aiogram", "telegram"))
print("LOADED:", loaded)
sys.exit(code)
"""


def test_no_aiogram_on_the_chats_path(tmp_path: Path, data_dir: Path):
    script = tmp_path / "script.txt"
    script.write_text("/start\n1\n1\n/help\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(script)],
        cwd=ROOT,
        env=chat_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Главное меню" in result.stdout  # the chat really ran
    assert "LOADED: []" in result.stdout


def test_no_aiogram_import_in_terminal_sources():
    pattern = re.compile(r"^\s*(from|import)\s+(aiogram|telegram)\b", re.M)
    sources = (ROOT / "bot" / "terminal").rglob("*.py")
    assert not [p for p in sources if pattern.search(p.read_text(encoding="utf-8"))]
