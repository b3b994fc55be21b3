"""The knowledge base in use, swapped atomically when a new build is ready.

``get()`` returns the current ``knowledge.KnowledgeBase`` without I/O: a flow takes it once per
event, so a question answered while a reload runs gets the old or the new answer, never an
error (the swap is one reference assignment; the old object stays intact for whoever holds it).

``reload()`` (admin ``/reload``) builds the cache from the sources and overlay when they changed,
loads it and swaps; a build with errors, or a cache that does not load, keeps the old knowledge
base and reports why. ``watch()`` polls the cache file and loads a new one automatically when
someone ran ``python -m knowledge build`` beside the running bot.

The build and load functions are injected (defaults: the ``knowledge`` package), so tests and
maintainers can point the holder at other sources / overlay / cache paths.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class ReloadReport:
    ok: bool
    busy: bool = False
    built: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    old_version: str | None = None
    new_version: str | None = None
    services: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _version(kb: Any) -> str | None:
    value = getattr(kb, "version", None)
    return str(value) if value is not None else None


def _card_fingerprint(card: Any) -> Any:
    dump = getattr(card, "model_dump_json", None)
    return dump() if callable(dump) else repr(card)


def diff_services(old: Any, new: Any) -> tuple[list[str], list[str], list[str]]:
    """(added, removed, changed) service ids between two knowledge bases."""
    before = dict(getattr(old, "services", {}) or {}) if old is not None else {}
    after = dict(getattr(new, "services", {}) or {})
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(
        sid
        for sid in set(before) & set(after)
        if before[sid] is not after[sid]
        and _card_fingerprint(before[sid]) != _card_fingerprint(after[sid])
    )
    return added, removed, changed


def _errors_of(result: Any) -> tuple[list[str], list[str]]:
    """Errors and warnings from whatever the build function returned."""
    if result is None:
        return [], []
    if isinstance(result, dict):
        errors, warnings = result.get("errors", []), result.get("warnings", [])
    else:
        errors, warnings = getattr(result, "errors", []), getattr(result, "warnings", [])
    return [str(e) for e in errors or []], [str(w) for w in warnings or []]


class KnowledgeHolder:
    def __init__(
        self,
        *,
        loader: Callable[[], Any] | None = None,
        builder: Callable[[], Any] | None = None,
        cache_path: Path | str | None = None,
        kb: Any = None,
    ) -> None:
        self._loader = loader or _default_loader(cache_path)
        self._builder = builder
        self.cache_path = Path(cache_path) if cache_path else _default_cache_path()
        self._kb = kb
        self._stamp = self._cache_stamp() if kb is not None else None
        self._load_lock = threading.Lock()  # first load
        self._reload_lock = threading.Lock()  # one reload at a time
        self.last_report: ReloadReport | None = None

    @classmethod
    def for_paths(
        cls,
        *,
        sources_dir: Path | str | None = None,
        overlay_dir: Path | str | None = None,
        cache_path: Path | str | None = None,
    ) -> KnowledgeHolder:
        """A holder building from and loading the given paths (None = the package defaults)."""
        return cls(
            loader=_default_loader(cache_path, sources_dir, overlay_dir),
            builder=_default_builder(sources_dir, overlay_dir, cache_path),
            cache_path=cache_path,
        )

    # ------------------------------------------------------------------ reading
    def get(self) -> Any:
        kb = self._kb
        if kb is None:
            with self._load_lock:
                if self._kb is None:
                    stamp = self._cache_stamp()
                    self._kb = self._loader()
                    self._stamp = self._cache_stamp() or stamp
                kb = self._kb
        return kb

    def set(self, kb: Any) -> None:
        self._kb = kb
        self._stamp = self._cache_stamp()

    # ------------------------------------------------------------------ cache file
    def _cache_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.cache_path.stat() if self.cache_path else None
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size) if st else None

    def cache_changed(self) -> bool:
        stamp = self._cache_stamp()
        return stamp is not None and stamp != self._stamp

    # ------------------------------------------------------------------ reloading
    def reload(self, *, build: bool = True) -> ReloadReport:
        """Build (when a builder is set and ``build``), load and swap. Never raises for a bad
        build or cache: the report says what happened and the old knowledge base stays."""
        if not self._reload_lock.acquire(blocking=False):
            return ReloadReport(ok=False, busy=True, old_version=_version(self._kb))
        started = time.monotonic()
        old = self._kb
        report = ReloadReport(ok=False, old_version=_version(old))
        try:
            if build and self._builder is not None:
                try:
                    result = self._builder()
                except Exception as exc:  # a build that crashes is a failed build
                    log.exception("knowledge build failed")
                    report.errors = [f"{type(exc).__name__}: {exc}"]
                    return report
                report.built = result is not None
                report.errors, report.warnings = _errors_of(result)
                if report.errors:
                    log.warning(
                        "knowledge build has %d error(s); keeping the old one", len(report.errors)
                    )
                    return report
            stamp = self._cache_stamp()
            try:
                new = self._loader()
            except Exception as exc:
                log.exception("knowledge cache did not load; keeping the old one")
                report.errors = [f"{type(exc).__name__}: {exc}"]
                return report
            report.added, report.removed, report.changed = diff_services(old, new)
            self._kb = new  # the atomic swap
            self._stamp = self._cache_stamp() or stamp
            report.ok = True
            report.new_version = _version(new)
            report.services = len(getattr(new, "services", {}) or {})
            log.info(
                "knowledge base swapped: %d services (+%d -%d ~%d)",
                report.services,
                len(report.added),
                len(report.removed),
                len(report.changed),
            )
            return report
        finally:
            report.seconds = time.monotonic() - started
            self.last_report = report
            self._reload_lock.release()

    async def areload(self, *, build: bool = True) -> ReloadReport:
        return await asyncio.to_thread(self.reload, build=build)

    async def watch(self, interval: float = 5.0, stop: asyncio.Event | None = None) -> None:
        """Load a new cache file automatically when it changes (no build here)."""
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
                return
            except TimeoutError:
                pass
            if self.cache_changed():
                report = await self.areload(build=False)
                if not report.ok and not report.busy:
                    # Do not retry the same broken file every few seconds.
                    self._stamp = self._cache_stamp()


def _default_cache_path() -> Path | None:
    try:
        from knowledge.build import default_cache_path
    except ImportError:
        return None
    return Path(default_cache_path())


def _default_loader(
    cache_path: Path | str | None,
    sources_dir: Path | str | None = None,
    overlay_dir: Path | str | None = None,
) -> Callable[[], Any]:
    def load() -> Any:
        from knowledge import load_knowledge

        return load_knowledge(
            Path(cache_path) if cache_path else None,
            sources_dir=Path(sources_dir) if sources_dir else None,
            overlay_dir=Path(overlay_dir) if overlay_dir else None,
        )

    return load


def _default_builder(
    sources_dir: Path | str | None,
    overlay_dir: Path | str | None,
    cache_path: Path | str | None,
) -> Callable[[], Any]:
    """Rebuild-or-load: build only when the cache is missing or older than the sources and
    overlay (``knowledge.build.ensure_cache``); None means the cache on disk is current."""

    def build() -> Any:
        from knowledge.build import ensure_cache

        return ensure_cache(
            Path(cache_path) if cache_path else None,
            Path(sources_dir) if sources_dir else None,
            Path(overlay_dir) if overlay_dir else None,
        )

    return build
