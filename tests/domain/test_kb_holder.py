from __future__ import annotations

import asyncio
import os
import threading
from dataclasses import dataclass, field

import pytest

from domain.kb_holder import KnowledgeHolder, diff_services


@dataclass
class Card:
    title: str

    def model_dump_json(self) -> str:
        return self.title


@dataclass
class KB:
    version: str
    services: dict = field(default_factory=dict)

    def ask(self, question: str) -> str:
        return f"{self.version}:{question}"


class Store:
    """A fake build pipeline: ``build`` writes the cache file unless the overlay is broken."""

    def __init__(self, cache) -> None:
        self.cache = cache
        self.services = {"a": Card("A"), "b": Card("B")}
        self.version = 1
        self.broken = False
        self.builds = 0
        self.write()

    def write(self) -> None:
        self.cache.write_text(f"v{self.version}:{sorted(self.services)}")

    def build(self):
        self.builds += 1
        if self.broken:
            return {"errors": ["overlay/x.yaml: service 'zzz' does not exist"], "warnings": []}
        self.version += 1
        self.write()
        return {"errors": [], "warnings": ["w1"]}

    def load(self) -> KB:
        text = self.cache.read_text()
        if text.startswith("garbage"):
            raise ValueError("cache is corrupt")
        return KB(version=text.split(":")[0], services=dict(self.services))


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "kb.cache")


def test_get_loads_lazily_once(store):
    calls = []

    def loader():
        calls.append(1)
        return store.load()

    holder = KnowledgeHolder(loader=loader, cache_path=store.cache)
    assert holder.get() is holder.get()
    assert len(calls) == 1


def test_reload_builds_swaps_and_reports_diff(store):
    holder = KnowledgeHolder(loader=store.load, builder=store.build, cache_path=store.cache)
    old = holder.get()
    store.services = {"a": Card("A changed"), "c": Card("C")}
    report = holder.reload()
    assert report.ok and report.built and store.builds == 1
    assert (report.added, report.removed, report.changed) == (["c"], ["b"], ["a"])
    assert report.old_version == "v1" and report.new_version == "v2"
    assert report.services == 2 and report.warnings == ["w1"]
    new = holder.get()
    assert new is not old and set(new.services) == {"a", "c"}
    # the old object is intact for whoever still holds it
    assert set(old.services) == {"a", "b"}


def test_failed_build_keeps_the_old_knowledge_base(store):
    holder = KnowledgeHolder(loader=store.load, builder=store.build, cache_path=store.cache)
    old = holder.get()
    store.broken = True
    report = holder.reload()
    assert not report.ok and report.errors == ["overlay/x.yaml: service 'zzz' does not exist"]
    assert holder.get() is old


def test_crashing_build_and_corrupt_cache_keep_the_old_one(store):
    def crash():
        raise RuntimeError("boom")

    holder = KnowledgeHolder(loader=store.load, builder=crash, cache_path=store.cache)
    old = holder.get()
    report = holder.reload()
    assert not report.ok and "RuntimeError: boom" in report.errors[0]
    store.cache.write_text("garbage")
    report = holder.reload(build=False)
    assert not report.ok and "cache is corrupt" in report.errors[0]
    assert holder.get() is old


def test_second_reload_while_one_runs_is_refused(store):
    gate = threading.Event()
    started = threading.Event()

    def slow_build():
        started.set()
        gate.wait(5)
        return store.build()

    holder = KnowledgeHolder(loader=store.load, builder=slow_build, cache_path=store.cache)
    holder.get()
    results = []
    worker = threading.Thread(target=lambda: results.append(holder.reload()))
    worker.start()
    assert started.wait(5)
    busy = holder.reload()
    gate.set()
    worker.join(5)
    assert busy.busy and not busy.ok
    assert results[0].ok


def test_questions_during_swaps_never_fail(store):
    holder = KnowledgeHolder(loader=store.load, builder=store.build, cache_path=store.cache)
    holder.get()
    errors: list[BaseException] = []
    answers: set[str] = set()
    stop = threading.Event()

    def ask():
        while not stop.is_set():
            try:
                answers.add(holder.get().ask("q").split(":")[0])
            except BaseException as exc:  # pragma: no cover - the failure we look for
                errors.append(exc)

    readers = [threading.Thread(target=ask) for _ in range(4)]
    for r in readers:
        r.start()
    for _ in range(30):
        assert holder.reload().ok
    stop.set()
    for r in readers:
        r.join(5)
    assert not errors
    assert len(answers) > 1  # readers saw more than one build


async def test_watch_loads_a_changed_cache_file(store):
    holder = KnowledgeHolder(loader=store.load, builder=store.build, cache_path=store.cache)
    assert holder.get().version == "v1"
    assert not holder.cache_changed()
    stop = asyncio.Event()
    task = asyncio.create_task(holder.watch(0.02, stop))
    store.services["d"] = Card("D")
    store.version = 7
    store.write()
    st = store.cache.stat()
    os.utime(store.cache, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000))
    for _ in range(200):
        if holder.get().version == "v7":
            break
        await asyncio.sleep(0.01)
    assert holder.get().version == "v7" and "d" in holder.get().services
    assert store.builds == 0  # the watcher loads, it does not build
    # a corrupt file is not loaded, and not retried in a loop
    store.cache.write_text("garbage!")
    await asyncio.sleep(0.1)
    assert holder.get().version == "v7"
    stop.set()
    await asyncio.wait_for(task, 1)


def test_diff_services_handles_empty_old():
    new = KB("v", {"x": Card("X")})
    assert diff_services(None, new) == (["x"], [], [])
