"""Helpers for running the terminal chat as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN_BOT = ROOT / "run_bot.py"


def chat_env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DATA_DIR=str(data_dir),
        DATABASE_URL="",
        REDIS_URL="",
        BOT_TOKEN="",
        PYTHONIOENCODING="utf-8",
        LANG="C.UTF-8",
        TERM="dumb",
    )
    return env


def run_script(script: Path, *args: str, data_dir: Path, stdin: str | None = None) -> str:
    """``python run_bot.py chat --script FILE ...``: its stdout (the transcript)."""
    result = subprocess.run(
        [sys.executable, str(RUN_BOT), "chat", "--script", str(script), *args],
        cwd=ROOT,
        env=chat_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
