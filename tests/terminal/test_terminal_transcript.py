"""``run_bot.py chat --script`` prints the same transcript on every run, and the transcript of
the applicant's path (language -> service by category -> card -> question with a citation ->
document check with one item missing -> that item sent with /file) is kept as a fixture: a
change in any flow's output (or in the knowledge base's answers) shows up here as a diff.
Regenerate deliberately with ``UPDATE_TRANSCRIPTS=1`` and read the diff.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from terminal_helpers import SAMPLE_PDF, SCRIPTS, applicant_files, run_script

HERE = Path(__file__).resolve().parent
NOW = "2026-03-02T10:00:00+05:00"
# What would change from run to run: clock times, ISO dates, temporary paths, long hex ids.
UNSTABLE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|/tmp/|chat-script-|[0-9a-f]{12,}")
MISSING = {"ru": "Ещё не хватает: ", "kk": "Әлі жетіспейді: "}
COMPLETE = {"ru": "✅ Комплект полный", "kk": "✅ Құжаттар толық"}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_transcript_is_stable_and_matches_the_fixture(lang, tmp_path):
    script = SCRIPTS / f"applicant_{lang}.txt"
    fixture = HERE / "fixtures" / f"applicant_{lang}.txt"
    args = ("--lang", lang, "--now", NOW, "--user", "5")
    # The script's "/file устав.pdf" is relative to the working directory.
    folder = applicant_files(tmp_path / "files")
    first = run_script(script, *args, data_dir=tmp_path / "one", cwd=folder)
    if lang == "ru":  # one language is enough to show a replay prints the same transcript
        second = run_script(script, *args, data_dir=tmp_path / "two", cwd=folder)
        assert first == second, "the transcript changes from run to run"
    assert "you> /start" in first and first.rstrip().endswith(("До свидания!", "Сау болыңыз!"))
    assert not UNSTABLE.findall(first), UNSTABLE.findall(first)
    # The path reaches its end: exactly one document missing, then the set is complete.
    missing = [line.strip() for line in first.splitlines() if MISSING[lang] in line]
    assert missing and ";" not in missing[-1], missing
    assert f"✅ {SAMPLE_PDF[lang]} → " in first and COMPLETE[lang] in first
    if os.environ.get("UPDATE_TRANSCRIPTS") == "1":
        fixture.write_text(first, encoding="utf-8")
    assert fixture.exists(), f"no fixture {fixture.name}: run with UPDATE_TRANSCRIPTS=1"
    expected = fixture.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            first.splitlines(keepends=True),
            "fixture",
            "now",
        )
    )
    assert first == expected, (
        "the transcript changed; if intended, rerun with UPDATE_TRANSCRIPTS=1\n" + diff
    )
