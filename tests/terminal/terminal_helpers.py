"""Helpers for running the terminal chat as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN_BOT = ROOT / "run_bot.py"
SCRIPTS = Path(__file__).resolve().parent / "scripts"
# The document each language's applicant sends with /file (a name the scripts refer to).
SAMPLE_PDF = {"ru": "устав.pdf", "kk": "жарғы.pdf"}


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


def write_pdf(path: Path, title: str = "Charter (sample)") -> Path:
    """A small valid one-page PDF, as an applicant's scan would be (made with pypdf)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def applicant_files(folder: Path) -> Path:
    """The folder an applicant script runs in: it holds the PDFs its ``/file`` lines name."""
    for name in SAMPLE_PDF.values():
        write_pdf(folder / name)
    return folder


def run_script(
    script: Path,
    *args: str,
    data_dir: Path,
    stdin: str | None = None,
    cwd: Path = ROOT,
) -> str:
    """``python run_bot.py chat --script FILE ...``: its stdout (the transcript)."""
    result = subprocess.run(
        [sys.executable, str(RUN_BOT), "chat", "--script", str(script), *args],
        cwd=cwd,
        env=chat_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
