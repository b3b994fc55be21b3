"""``python -m knowledge gaps``: questions the bot could not answer well, for maintainers.

Lists unanswered and "not helpful" questions grouped by service and intent, with counts, from the
bot's database (``DATABASE_URL`` / ``DATA_DIR``, as the bot uses them). ``--json`` prints one JSON
document; ``--days N`` limits to questions seen in the last N days; ``--kind`` picks one kind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from typing import Any


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m knowledge gaps",
        description="Unanswered and 'not helpful' questions grouped by service and intent.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--days", type=int, default=None, help="only the last N days")
    parser.add_argument(
        "--kind", choices=("unanswered", "not_helpful"), default=None, help="only one kind"
    )
    parser.add_argument("--per-group", type=int, default=10, help="questions shown per group")
    parser.add_argument("--database-url", default=None, help="override DATABASE_URL")
    return parser


async def collect(
    url: str, *, days: int | None, kind: str | None, per_group: int
) -> list[dict[str, Any]]:
    import sqlalchemy as sa

    from domain.db import Database
    from domain.operators.gaps import KINDS, grouped_gaps

    db = Database(url)
    try:
        async with db.sessionmaker() as session:
            exists = await session.run_sync(
                lambda s: sa.inspect(s.get_bind()).has_table("op_question_gaps")
            )
            if not exists:
                raise LookupError("the database has no gaps table yet (run the bot once)")
            since = datetime.now(UTC) - timedelta(days=days) if days else None
            groups = await grouped_gaps(
                session,
                kinds=(kind,) if kind else KINDS,
                since=since,
                per_group=per_group,
            )
            return [
                {
                    "service_id": g.service_id,
                    "intent": g.intent,
                    "count": g.total,
                    "questions": [
                        {"text": r.text, "count": r.count, "kind": r.kind, "lang": r.lang}
                        for r in g.items
                    ],
                }
                for g in groups
            ]
    finally:
        await db.dispose()


def _titles(groups: list[dict[str, Any]]) -> dict[str, str]:
    """Service titles from the knowledge base when it loads (best effort)."""
    try:
        from knowledge import load_knowledge

        kb = load_knowledge()
    except Exception:
        return {}
    out = {}
    for group in groups:
        sid = group["service_id"]
        card = kb.services.get(sid) if sid else None
        if card is not None:
            out[sid] = getattr(card, "title_ru", None) or getattr(card, "title_kk", None) or sid
    return out


def render(groups: list[dict[str, Any]], titles: dict[str, str]) -> str:
    if not groups:
        return "No unanswered or 'not helpful' questions recorded."
    lines = []
    for group in groups:
        sid = group["service_id"]
        service = f"{sid} ({titles[sid]})" if sid in titles else (sid or "(no service)")
        lines.append(f"{service} · {group['intent'] or '(no intent)'}: {group['count']}")
        for q in group["questions"]:
            lines.append(f"  {q['count']:>4}× [{q['kind']}, {q['lang'] or '?'}] {q['text']}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from domain.settings import Settings, normalise_database_url

    settings = Settings()
    url = (
        normalise_database_url(args.database_url, settings.data_dir)
        if args.database_url
        else settings.db_url
    )
    try:
        groups = asyncio.run(
            collect(url, days=args.days, kind=args.kind, per_group=args.per_group)
        )
    except LookupError as exc:
        print(f"gaps: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"groups": groups}, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render(groups, _titles(groups)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
