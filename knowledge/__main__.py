"""Command line: ``python -m knowledge build|services|show|gaps|ask|checklist``."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m knowledge",
                                description="Knowledge base of state-service regulations.")
    p.add_argument("--cache", type=Path, help="cache file (default $KNOWLEDGE_CACHE or "
                                              "$DATA_DIR/knowledge/kb.json)")
    p.add_argument("--sources", type=Path, help="sources directory (default knowledge/sources)")
    p.add_argument("--overlay", type=Path, help="overlay directory (default knowledge/overlay)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="compile sources + overlay into the cache")
    b.add_argument("--dry-run", action="store_true", help="validate and diff, do not write")
    b.add_argument("--json", action="store_true", help="machine-readable report")
    s = sub.add_parser("services", help="list the services")
    s.add_argument("--json", action="store_true")
    s.add_argument("--lang", choices=("kk", "ru"), default="kk")
    sh = sub.add_parser("show", help="show a service card")
    sh.add_argument("service_id")
    sh.add_argument("--lang", choices=("kk", "ru"), default="kk")
    sh.add_argument("--json", action="store_true", help="the structured card")
    for name, help_ in (("gaps", "unanswered questions (knowledge.gaps)"),
                        ("ask", "answer a question (knowledge.qa.cli)"),
                        ("checklist", "check documents (knowledge.checklists.cli)")):
        d = sub.add_parser(name, help=help_, add_help=False)
        d.add_argument("rest", nargs=argparse.REMAINDER)
    return p


_DELEGATES = {"gaps": "knowledge.gaps", "ask": "knowledge.qa.cli",
              "checklist": "knowledge.checklists.cli"}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # delegated commands get their arguments untouched (after the global options)
    for i, word in enumerate(argv):
        if word in _DELEGATES:
            head = _parser().parse_args([*argv[:i], "build", "--dry-run"])
            _export_paths(head)
            return _delegate(word, argv[i + 1:])
        if not word.startswith("-") and (i == 0 or argv[i - 1] not in ("--cache", "--sources",
                                                                       "--overlay")):
            break
    args = _parser().parse_args(argv)
    _export_paths(args)
    if args.command == "build":
        return _build(args)
    kb = _load(args)
    if kb is None:
        return 2
    if args.command == "services":
        return _services(kb, args)
    return _show(kb, args)


def _export_paths(args: argparse.Namespace) -> None:
    import os

    if args.cache:
        os.environ["KNOWLEDGE_CACHE"] = str(args.cache)


def _delegate(command: str, rest: list[str]) -> int:
    try:
        module = importlib.import_module(_DELEGATES[command])
    except ImportError as exc:
        print(f"'{command}' is not available: {exc}", file=sys.stderr)
        return 2
    result = module.main(rest)
    return int(result or 0)


def _build(args: argparse.Namespace) -> int:
    from .build import build, format_report

    result = build(args.sources, args.overlay, args.cache, write=not args.dry_run)
    if args.json:
        print(json.dumps({"ok": result.ok, "written": result.written, "counts": result.counts(),
                          "errors": result.errors, "warnings": result.warnings,
                          "diff": result.diff, "cache": str(result.cache_path),
                          "seconds": round(result.seconds, 3)}, ensure_ascii=False, indent=1))
    else:
        print(format_report(result))
    return 0 if result.ok else 1


def _load(args: argparse.Namespace):
    from .api import KnowledgeError, load_knowledge
    from .build import format_report

    try:
        return load_knowledge(args.cache, sources_dir=args.sources, overlay_dir=args.overlay)
    except KnowledgeError as exc:
        if exc.result is not None:
            print(format_report(exc.result), file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return None


def _services(kb, args: argparse.Namespace) -> int:
    if args.json:
        rows = [{"id": c.id, "title_kk": c.title_kk, "title_ru": c.title_ru,
                 "category": c.category, "status": c.status, "act_id": c.act_id,
                 "region_kk": c.region_kk, "region_ru": c.region_ru}
                for c in kb.services.values()]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for cat in kb.categories():
        print(f"[{cat.id}] {cat.name_ru if args.lang == 'ru' else cat.name_kk}")
        for sid in cat.service_ids:
            card = kb.services[sid]
            print(f"  {sid:36} {card.status:9} {kb.title(sid, args.lang)[:90]}")
    return 0


def _show(kb, args: argparse.Namespace) -> int:
    if args.service_id not in kb.services:
        print(f"unknown service {args.service_id!r}; see `python -m knowledge services`",
              file=sys.stderr)
        return 2
    if args.json:
        print(kb.services[args.service_id].model_dump_json(indent=1, exclude_none=True))
    else:
        print(kb.render_card(args.service_id, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
