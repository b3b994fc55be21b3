"""The public document-check cases (``../shared/eval/dev_checklists.yaml``) driven both through
``python -m knowledge checklist --batch - --json`` and through the bot's dialog, as an applicant
would: the service typed in words, the choices pressed, the situation typed as statements, the
documents in hand written in their own words. Both must give the same verdict and exactly the
same missing documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from documents_harness import World, world_fixture  # noqa: F401

from dialogs.common.ids import token
from domain.i18n import t

ROOT = Path(__file__).resolve().parents[2]
CASES_FILE = ROOT.parent / "shared" / "eval" / "dev_checklists.yaml"


def dev_cases() -> list[dict]:
    if not CASES_FILE.exists():
        return []
    return yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def cli(kb_cache: Path, requests: list[dict]) -> dict[str, dict]:
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in requests) + "\n"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "knowledge",
            "--cache",
            str(kb_cache),
            "checklist",
            "--batch",
            "-",
            "--json",
        ],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    results = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return {r["id"]: r for r in results}


@pytest.fixture(scope="module")
def cli_results(kb_cache) -> dict[str, dict]:
    cases = dev_cases()
    if not cases:
        pytest.skip(f"{CASES_FILE} not found")
    return cli(kb_cache, [c["request"] for c in cases])


def statement(entry: dict) -> str:
    """What an applicant types: the statement, or its denial."""
    return entry["statement"] if entry.get("holds", True) else f"Нет: {entry['statement']}"


@pytest.mark.parametrize("case", dev_cases(), ids=lambda c: c["id"])
async def test_cli_and_dialog_agree(world: World, cli_results, case):
    request = case["request"]
    expected = cli_results[request["id"]]
    a = world.applicant(user_id=9000 + len(request["id"]), hint="ru")

    # The service, typed as the applicant named it.
    await a.press("docs:start", anywhere=True)
    await a.send(request["service"])
    await a.press(f"docs:svc:{token(expected['service_id'])}")
    draft = a.state["docs"]["draft"]
    # The choices the CLI read from the same words, pressed as buttons.
    for verb, key in (("case", "case"), ("who", "applicant"), ("ch", "channel")):
        if any(x.startswith(f"docs:{verb}:") for x in a.actions):
            await a.press(f"docs:{verb}:{draft}:{token(expected[key])}")
        if any(x.startswith(f"docs:rsn:{draft}:") for x in a.actions):
            await a.press(next(x for x in a.actions if x.startswith(f"docs:rsn:{draft}:")))
    # The situation, typed; questions it does not answer stay open ("I don't know yet").
    for entry in request.get("situation") or []:
        await a.send(statement(entry))
    while a.step == "docs.cond":
        await a.press(next(x for x in a.actions if x.endswith(":x")))
    assert a.step == "docs.check", a.text
    # The documents in hand, in the applicant's own words.
    if request.get("have"):
        await a.send("\n".join(request["have"]))

    missing = [
        x.split(":")[3]
        for x in a.actions
        if x.startswith(f"docs:it:{draft}:") and a.labels[x].startswith("⬜")
    ]
    assert missing == [token(m["id"]) for m in expected["missing"]]
    complete = t("ru", "✅ The set is complete: every required document is there.") in a.text
    assert complete == expected["complete"] == case["expected"]["complete"]
