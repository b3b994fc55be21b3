"""Only the Telegram adapter imports aiogram: domain code and the shared transport helpers the
terminal chat uses stay free of it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMPORT = re.compile(r"^\s*(from|import)\s+(aiogram|telegram)\b", re.M)
SHARED = [
    "bot/__init__.py",
    "bot/runtime.py",
    "bot/render.py",
    "bot/i18n.py",
    "bot/app.py",
    "run_bot.py",
]


def test_domain_and_shared_helpers_do_not_import_aiogram():
    files = [*sorted((ROOT / "domain").rglob("*.py")), *(ROOT / p for p in SHARED)]
    offenders = [str(f.relative_to(ROOT)) for f in files if IMPORT.search(f.read_text("utf-8"))]
    assert offenders == []
