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
code = run_bot.main(["chat", "--script", "-", "--lang", "ru"])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("aiogram", "telegram"))
print("LOADED:", loaded)
sys.exit(code)
"""


def test_no_aiogram_on_the_chats_path_and_script_from_stdin(data_dir: Path):
    """One run (to keep the suite fast): a script read from stdin, with a wrong button number
    and missing files, goes through without importing aiogram."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=chat_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        input="/start\n9\n/file /no/such/file.pdf\n/file\n1\n1\n/help\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "you> /start" in out
    assert "Кнопки с номером 9 здесь нет." in out
    assert "Файл не найден: /no/such/file.pdf" in out
    assert "Отправьте документ так: /file ПУТЬ" in out
    assert "Главное меню" in out and "Выберите категорию услуг" in out  # the chat really ran
    assert "LOADED: []" in out


def test_no_aiogram_import_in_terminal_sources():
    pattern = re.compile(r"^\s*(from|import)\s+(aiogram|telegram)\b", re.M)
    sources = (ROOT / "bot" / "terminal").rglob("*.py")
    assert not [p for p in sources if pattern.search(p.read_text(encoding="utf-8"))]
