"""``python -m knowledge ask``: answer questions from the command line.

    python -m knowledge ask "QUESTION" [--lang kk|ru] [--service ID] [--json]
    python -m knowledge ask --batch FILE|- --json

A batch reads one JSON object per line (``{"id", "question", "lang"}``; ``lang`` null means
detect it) and writes one answer per line with the keys ``id, lang, answer, service_id,
service_title, intent, citations, confidence, escalate, candidates``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any

from domain.i18n import t

from .answer import Answer


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m knowledge ask", description=__doc__.split("\n")[0])
    p.add_argument("question", nargs="?", help="the question (kk or ru)")
    p.add_argument("--lang", choices=("kk", "ru"), default=None, help="answer language")
    p.add_argument("--service", default=None, help="service id of the dialog context (a hint)")
    p.add_argument("--batch", metavar="FILE", help="JSON lines file with questions, or - for stdin")
    p.add_argument("--json", action="store_true", help="print JSON")
    return p


def _load_kb() -> Any:
    from knowledge import load_knowledge

    return load_knowledge()


def main(argv: Sequence[str] | None = None, kb: Any = None, out: IO[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "ask":
        args_list = args_list[1:]
    args = _parser().parse_args(args_list)
    out = out or sys.stdout
    if args.batch is None and not args.question:
        _parser().print_usage(sys.stderr)
        return 2
    kb = kb if kb is not None else _load_kb()
    if args.batch is not None:
        return run_batch(kb, _open_lines(args.batch), out)
    answer = kb.ask(args.question, lang=args.lang, service_id=args.service)
    if args.json:
        out.write(json.dumps(answer.to_json_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(render_text(answer) + "\n")
    return 0


def _open_lines(path: str) -> Iterable[str]:
    if path == "-":
        yield from sys.stdin
        return
    with open(path, encoding="utf-8") as fh:
        yield from fh


def run_batch(kb: Any, lines: Iterable[str], out: IO[str]) -> int:
    """Answer every JSON line; a malformed line gets an error record, the batch goes on."""
    status = 0
    for n, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            item = json.loads(line)
            question = str(item["question"])
        except (ValueError, KeyError, TypeError) as exc:
            out.write(json.dumps({"id": None, "line": n, "error": f"bad input: {exc}"}) + "\n")
            status = 1
            continue
        lang = item.get("lang") if item.get("lang") in ("kk", "ru") else None
        answer = kb.ask(question, lang=lang, service_id=item.get("service_id"))
        answer.id = item.get("id")
        out.write(json.dumps(answer.to_json_dict(), ensure_ascii=False) + "\n")
        out.flush()
    return status


def render_text(answer: Answer) -> str:
    """Human-readable answer for the terminal."""
    lines = [answer.answer]
    if answer.candidates:
        lines.append("")
        lines += [f"  [{c.service_id}] {c.title}" for c in answer.candidates]
    if answer.citations:
        lines.append("")
        lines.append(t(answer.lang, "Sources:"))
        seen = set()
        for c in answer.citations:
            where = ", ".join(x for x in (c.act, c.regulation, c.paragraph and f"§{c.paragraph}"
                                          + (f".{c.subitem})" if c.subitem else "")) if x)
            if where not in seen:
                seen.add(where)
                lines.append(f"  - {where}")
    meta = f"[intent={answer.intent} service={answer.service_id} confidence={answer.confidence}"
    meta += " escalate=yes]" if answer.escalate else "]"
    lines.append(meta)
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
