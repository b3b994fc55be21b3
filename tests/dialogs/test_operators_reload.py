"""Maintainers' bar: a sixth regulation (a fixture written for this test) added to a copy of the
sources, ``python -m knowledge build``, then an admin's ``/reload``: its service is in the
catalogue and answers questions without a restart. A broken overlay keeps the old knowledge base
in use and the error is reported."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from operators_harness import ADMIN, actions, keys, make_world, texts

from bot.terminal.session import ChatSession
from domain.kb_holder import KnowledgeHolder
from knowledge import build
from knowledge.overlay.loader import OVERLAY_DIR

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "operators_data"
NEW_SOURCE = "005_common_minerals.txt"
NEW_OVERLAY = "common_minerals_pavlodar.yaml"
NEW_ID = "common_minerals_pavlodar"


@pytest.fixture(scope="module")
def base_kb(tmp_path_factory):
    """The shipped sources and overlay built once; each test copies the result."""
    root = tmp_path_factory.mktemp("kbbase")
    shutil.copytree(ROOT / "knowledge" / "sources", root / "sources")
    shutil.copytree(
        OVERLAY_DIR, root / "overlay", ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.md")
    )
    result = build(root / "sources", root / "overlay", root / "kb.json")
    assert result.ok, result.errors
    return root


@pytest.fixture
def paths(base_kb, tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(base_kb, root)
    return root / "sources", root / "overlay", root / "kb.json"


@pytest.fixture
async def world(database, tmp_path, paths):
    sources, overlay, cache = paths
    holder = KnowledgeHolder.for_paths(sources_dir=sources, overlay_dir=overlay, cache_path=cache)
    world = await make_world(database, tmp_path)
    world.services.knowledge = holder
    return world


def admin(world) -> ChatSession:
    return world.user(ADMIN, hint="ru")


def cli_build(sources, overlay, cache) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "knowledge",
            "--cache",
            str(cache),
            "--sources",
            str(sources),
            "--overlay",
            str(overlay),
            "build",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_sixth_regulation_appears_after_build_and_reload(world, paths):
    sources, overlay, cache = paths
    user = admin(world)
    await user.press("lang:set:ru")
    before = world.services.knowledge.get()
    assert NEW_ID not in before.services
    turn = await user.press("cat:open:industry:0")
    assert f"svc:open:{NEW_ID}" not in actions(turn)

    shutil.copy(DATA / NEW_SOURCE, sources / NEW_SOURCE)
    shutil.copy(DATA / NEW_OVERLAY, overlay / NEW_OVERLAY)
    done = cli_build(sources, overlay, cache)
    assert done.returncode == 0, done.stdout + done.stderr
    # the running bot still answers from the old build until /reload
    assert world.services.knowledge.get() is before

    turn = await user.command("reload")
    assert keys(turn)[0].startswith("Knowledge base reloaded")
    assert NEW_ID in texts(turn)  # reported as added
    assert NEW_ID in world.services.knowledge.get().services

    turn = await user.press("cat:open:industry:0")
    assert f"svc:open:{NEW_ID}" in actions(turn)
    turn = await user.press(f"svc:open:{NEW_ID}")
    assert "Выдача лицензии на добычу общераспространённых полезных ископаемых" in texts(turn)
    turn = await user.text("Сколько дней выдают лицензию на добычу песка?")
    answer = texts(turn)
    assert "10" in answer and "Павлодар" in answer
    kk = world.user(4321, hint="kk")
    await kk.press("lang:set:kk")
    turn = await kk.text("Құм өндіруге лицензия қанша күнде беріледі?")
    assert "10" in texts(turn)


async def test_broken_overlay_keeps_the_old_knowledge_base(world, paths):
    sources, overlay, cache = paths
    user = admin(world)
    await user.press("lang:set:ru")
    before = world.services.knowledge.get()
    (overlay / "pharmacy_licence_almaty.yaml").write_text(
        "title_ru: [unclosed\n", encoding="utf-8"
    )
    (overlay / "ghost_service.yaml").write_text(
        'match:\n  source: "999"\ntitle_ru: Несуществующая услуга\n', encoding="utf-8"
    )
    turn = await user.command("reload")
    assert keys(turn)[0].startswith("The new knowledge base has errors")
    assert "pharmacy_licence_almaty.yaml" in texts(turn)
    assert world.services.knowledge.get() is before
    turn = await user.text("Сколько дней выдают лицензию на аптеку?")
    assert "аптек" in texts(turn).lower() or "фармацевт" in texts(turn).lower()
    # the command-line build refuses it too and leaves the cache in place
    stamp = cache.stat().st_mtime_ns
    done = cli_build(sources, overlay, cache)
    assert done.returncode != 0
    assert cache.stat().st_mtime_ns == stamp


async def test_cache_rebuilt_outside_is_picked_up_automatically(world, paths):
    import asyncio

    sources, overlay, cache = paths
    holder = world.services.knowledge
    holder.get()
    shutil.copy(DATA / NEW_SOURCE, sources / NEW_SOURCE)
    stop = asyncio.Event()
    watcher = asyncio.create_task(holder.watch(0.05, stop))
    done = await asyncio.to_thread(cli_build, sources, overlay, cache)
    assert done.returncode == 0, done.stderr
    for _ in range(200):
        if any(c.source == NEW_SOURCE for c in holder.get().services.values()):
            break
        await asyncio.sleep(0.05)
    stop.set()
    await watcher
    assert any(c.source == NEW_SOURCE for c in holder.get().services.values())
