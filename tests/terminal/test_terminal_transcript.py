"""``run_bot.py chat --script`` prints the same transcript on every run, and the transcript of
the applicant's path is kept as a fixture: a change in any flow's output (or in the knowledge
base's answers) shows up here as a diff. Regenerate deliberately with ``UPDATE_TRANSCRIPTS=1``.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from terminal_helpers import run_script

HERE = Path(__file__).resolve().parent
NOW = "2026-03-02T10:00:00+05:00"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_transcript_is_stable_and_matches_the_fixture(lang, tmp_path):
    script = HERE / "scripts" / f"applicant_{lang}.txt"
    fixture = HERE / "fixtures" / f"applicant_{lang}.txt"
    args = ("--lang", lang, "--now", NOW, "--user", "5")
    first = run_script(script, *args, data_dir=tmp_path / "one")
    if lang == "ru":  # one language is enough to show a replay prints the same transcript
        second = run_script(script, *args, data_dir=tmp_path / "two")
        assert first == second, "the transcript changes from run to run"
    assert "you> /start" in first and first.rstrip().endswith(("До свидания!", "Сау болыңыз!"))
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
