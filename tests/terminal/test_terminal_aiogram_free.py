"""The terminal chat's whole path runs without importing aiogram, and no module it loads
imports it (the "grep finds no aiogram import on the chat's path" bar, on the modules that
really ran rather than on a hand-kept list)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from terminal_helpers import ROOT, SCRIPTS, applicant_files, chat_env

PROBE = """
import sys
from pathlib import Path
import run_bot
root = Path(sys.argv[1])
code = run_bot.main(["chat", "--script", "-", "--lang", "ru"])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("aiogram", "telegram"))
print("LOADED:", loaded)
for module in list(sys.modules.values()):
    path = Path(getattr(module, "__file__", None) or "/").resolve()
    if path.suffix == ".py" and path.is_relative_to(root) and ".venv" not in path.parts:
        print("SOURCE:", path)
sys.exit(code)
"""
IMPORT = re.compile(r"^\s*(from|import)\s+(aiogram|telegram)\b", re.M)


def test_no_aiogram_on_the_chats_path_and_script_from_stdin(data_dir: Path, tmp_path: Path):
    """One run (to keep the suite fast): the applicant's whole path (questions, document check,
    a /file upload) read from stdin, then a wrong button number and missing files."""
    script = (SCRIPTS / "applicant_ru.txt").read_text(encoding="utf-8").replace("/quit\n", "")
    extra = "42\n/file /no/such/file.pdf\n/file\n/menu\n1\n/help\n"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT)],
        cwd=applicant_files(tmp_path / "files"),
        env={**chat_env(data_dir), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        input=script + extra,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "you> /start" in out
    assert "✅ устав.pdf → копия устава" in out and "✅ Комплект полный" in out
    assert "Кнопки с номером 42 здесь нет." in out
    assert "Файл не найден: /no/such/file.pdf" in out
    assert "Отправьте документ так: /file ПУТЬ" in out
    assert "Главное меню" in out and "Выберите категорию услуг" in out  # the chat really ran
    assert "LOADED: []" in out
    sources = [
        Path(line.split(": ", 1)[1]) for line in out.splitlines() if line.startswith("SOURCE: ")
    ]
    packages = {p.relative_to(ROOT).parts[0] for p in sources}
    assert {"bot", "dialogs", "domain", "knowledge"} <= packages, packages
    assert any(p.match("dialogs/documents/*.py") for p in sources)
    assert not [p for p in sources if IMPORT.search(p.read_text(encoding="utf-8"))]


def test_no_aiogram_import_in_terminal_sources():
    sources = (ROOT / "bot" / "terminal").rglob("*.py")
    assert not [p for p in sources if IMPORT.search(p.read_text(encoding="utf-8"))]
