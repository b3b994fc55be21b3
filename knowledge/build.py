"""Build the knowledge-base cache: fingerprint, compile, validate, diff, atomic write.

``python -m knowledge build`` calls :func:`build`. A build with errors never replaces the cache
in use. Every other command calls :func:`ensure_cache`, which builds when the cache is missing or
stale (its fingerprint covers the sources, the overlay and the code that compiles them).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compile import compile_kb
from .ingest.pipeline import source_files
from .model import KnowledgeData
from .overlay.loader import OVERLAY_DIR, load_overlay, overlay_files
from .validate import diff, validate

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCES_DIR = PACKAGE_DIR / "sources"
SCHEMA_VERSION = 1
_CODE_FILES = ("model.py", "compile.py", "validate.py", "build.py", "ingest/*.py", "extract/*.py",
               "overlay/loader.py", "checklists/*.py", "checklists/*.yaml")


def default_cache_path() -> Path:
    env = os.environ.get("KNOWLEDGE_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("DATA_DIR", "./data")) / "knowledge" / "kb.json"


def fingerprint(sources_dir: Path = SOURCES_DIR, overlay_dir: Path = OVERLAY_DIR) -> str:
    h = hashlib.sha256(f"schema:{SCHEMA_VERSION}".encode())
    groups = [
        ("src", source_files(sources_dir) if sources_dir.is_dir() else []),
        ("ovl", overlay_files(overlay_dir)),
        ("code", sorted(p for pat in _CODE_FILES for p in PACKAGE_DIR.glob(pat))),
    ]
    for tag, paths in groups:
        for path in paths:
            h.update(f"\0{tag}:{path.name}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class BuildResult:
    data: KnowledgeData | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    diff: dict[str, Any] = field(default_factory=dict)
    cache_path: Path | None = None
    written: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        d = self.data
        if d is None:
            return {}
        documents = sum(
            len(c.checklist_data.get("documents", [])) if isinstance(c.checklist_data, dict)
            else 0 for c in d.services.values()
        )
        return {
            "acts": len(d.acts),
            "regulations": len(d.regulations),
            "services": len(d.services),
            "paragraphs": sum(1 for p in d.paragraphs if p.kind == "paragraph"),
            "subitems": sum(1 for p in d.paragraphs if p.kind == "subitem"),
            "records": len(d.paragraphs),
            "documents": documents,
            "documents_listed_services": sum(1 for c in d.services.values()
                                             if c.documents.listed),
        }


def build(sources_dir: Path | None = None, overlay_dir: Path | None = None,
          cache_path: Path | None = None, write: bool = True) -> BuildResult:
    """Compile, validate and (when valid) atomically replace the cache. Never raises on bad
    input: problems are returned as errors."""
    started = time.perf_counter()
    sources_dir = Path(sources_dir or SOURCES_DIR)
    overlay_dir = Path(overlay_dir or OVERLAY_DIR)
    cache_path = Path(cache_path or default_cache_path())
    result = BuildResult(data=None, cache_path=cache_path)
    if not sources_dir.is_dir():
        result.errors.append(f"sources directory not found: {sources_dir}")
        return result
    overlay, overlay_errors = load_overlay(overlay_dir)
    result.errors.extend(overlay_errors)
    fp = fingerprint(sources_dir, overlay_dir)
    try:
        data, errors, warnings = compile_kb(sources_dir, overlay, fp)
    except Exception as exc:  # a broken source must be reported, not crash the caller
        result.errors.append(f"compilation failed: {exc!r}")
        result.seconds = time.perf_counter() - started
        return result
    result.data = data
    result.errors.extend(errors)
    result.warnings.extend(warnings)
    v_errors, v_warnings = validate(data)
    result.errors.extend(v_errors)
    result.warnings.extend(v_warnings)
    data.warnings = list(result.warnings)
    result.diff = diff(read_cache(cache_path), data)
    if write and result.ok:
        write_cache(cache_path, data)
        result.written = True
    result.seconds = time.perf_counter() - started
    return result


def write_cache(path: Path, data: KnowledgeData) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.model_dump_json(exclude_none=True)
    fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_cache(path: Path) -> KnowledgeData | None:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        return KnowledgeData.model_validate_json(raw)
    except ValueError:
        return None


def cache_fingerprint(path: Path) -> str | None:
    """The fingerprint stored in a cache file, read without parsing the whole file."""
    try:
        with path.open("r", encoding="utf-8") as fh:
            head = fh.read(200)
    except OSError:
        return None
    try:
        start = head.index('"fingerprint":"') + len('"fingerprint":"')
        return head[start: head.index('"', start)]
    except ValueError:
        data = read_cache(path)
        return data.fingerprint if data else None


def ensure_cache(cache_path: Path | None = None, sources_dir: Path | None = None,
                 overlay_dir: Path | None = None) -> BuildResult | None:
    """Build when the cache is missing or stale; returns the build result, or None if fresh."""
    cache_path = Path(cache_path or default_cache_path())
    fp = fingerprint(Path(sources_dir or SOURCES_DIR), Path(overlay_dir or OVERLAY_DIR))
    if cache_fingerprint(cache_path) == fp:
        return None
    return build(sources_dir, overlay_dir, cache_path)


def format_report(result: BuildResult) -> str:
    lines = []
    counts = result.counts()
    if counts:
        lines.append("counts: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    for w in result.warnings:
        lines.append(f"warning: {w}")
    for e in result.errors:
        lines.append(f"error: {e}")
    d = result.diff
    if d:
        lines.append(f"diff against {result.cache_path}: +{len(d.get('added', []))} "
                     f"-{len(d.get('removed', []))} ~{len(d.get('changed', {}))}")
        lines += [f"  + {sid}" for sid in d.get("added", [])]
        lines += [f"  - {sid}" for sid in d.get("removed", [])]
        for sid, delta in d.get("changed", {}).items():
            for key, (old, new) in delta.items():
                lines.append(f"  ~ {sid}.{key}: {json.dumps(old, ensure_ascii=False)} -> "
                             f"{json.dumps(new, ensure_ascii=False)}")
    state = "written" if result.written else ("NOT written (errors)" if result.errors
                                              else "not written")
    lines.append(f"build {state}: {result.cache_path} in {result.seconds:.2f}s")
    return "\n".join(lines)
