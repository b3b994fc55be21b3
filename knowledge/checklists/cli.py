"""``python -m knowledge checklist``: the document check without Telegram.

    python -m knowledge checklist --batch FILE|- --json     one JSON request per line in, one
                                                            JSON result per line out
    python -m knowledge checklist --request FILE|- [--json]  one JSON request
    python -m knowledge checklist --options SERVICE [--json] cases, applicant types, channels,
                                                             conditions of a service

Without ``--json`` a readable report is printed (names in ``--lang``, default ru).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from typing import TextIO

from .evaluate import checklist_options, run_checklist
from .report import render


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m knowledge checklist",
                                description="Check an applicant's documents against the "
                                            "regulation's list.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--batch", metavar="FILE", help="JSON lines file of requests, - for stdin")
    src.add_argument("--request", metavar="FILE", help="one JSON request (file or -)")
    src.add_argument("--options", metavar="SERVICE", help="show the choices of a service")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.add_argument("--lang", choices=("kk", "ru"), default="ru", help="report language")
    return p


def _open(path: str):
    if path == "-":
        return contextlib.nullcontext(sys.stdin)
    return open(path, encoding="utf-8")


def _requests(stream: TextIO) -> Iterator[tuple[dict | None, str | None]]:
    for number, line in enumerate(stream, 1):
        line = line.strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield None, f"line {number}: invalid JSON ({exc.msg})"
            continue
        if not isinstance(value, dict):
            yield None, f"line {number}: a JSON object is expected"
            continue
        yield value, None


def _emit(result: dict, as_json: bool, lang: str, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        out.write(render(result, lang) + "\n\n")
    out.flush()


def main(argv: list[str] | None = None, kb=None, out: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "checklist":
        argv = argv[1:]
    args = _parser().parse_args(argv)
    out = out or sys.stdout
    if kb is None:
        from knowledge import load_knowledge

        try:
            kb = load_knowledge()
        except Exception as exc:  # noqa: BLE001 - reported to the user, exit code says it
            print(f"knowledge base unavailable: {exc}", file=sys.stderr)
            return 2
    if args.options:
        try:
            options = checklist_options(kb, args.options)
        except KeyError:
            print(f"unknown service: {args.options}", file=sys.stderr)
            return 1
        out.write(json.dumps(options, ensure_ascii=False, indent=None if args.json else 2)
                  + "\n")
        return 0
    if args.request:
        with _open(args.request) as fh:
            try:
                request = json.load(fh)
            except json.JSONDecodeError as exc:
                print(f"invalid JSON request: {exc.msg}", file=sys.stderr)
                return 1
        _emit(run_checklist(kb, request), args.json, args.lang, out)
        return 0
    failures = 0
    with _open(args.batch) as fh:
        for request, error in _requests(fh):
            if request is None:
                failures += 1
                _emit({"id": None, "error": error}, args.json, args.lang, out)
                continue
            _emit(run_checklist(kb, request), args.json, args.lang, out)
    return 1 if failures else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
