"""Questions the knowledge base could not answer ("unanswered") or that applicants rated
"not helpful": counted per distinct normalised text, grouped by service and intent for
maintainers (``python -m knowledge gaps``, ``/gaps``). Texts go to the database, never to logs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from domain.db import upsert
from domain.operators.models import NOT_HELPFUL, UNANSWERED, QuestionGap, as_utc, utcnow

KINDS = (UNANSWERED, NOT_HELPFUL)
MAX_TEXT = 1000


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


async def record_gap(
    session: AsyncSession,
    *,
    text: str,
    lang: str | None = None,
    service_id: str | None = None,
    intent: str | None = None,
    kind: str = UNANSWERED,
    now: datetime | None = None,
) -> QuestionGap | None:
    """Count one occurrence; returns the row (None for an empty text). Never commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown gap kind {kind!r}")
    if not normalise(text):
        return None
    now = now or utcnow()
    digest = text_hash(text)
    values = {
        "kind": kind,
        "text_hash": digest,
        "text": text.strip()[:MAX_TEXT],
        "lang": lang,
        "service_id": service_id,
        "intent": intent,
        "count": 1,
        "first_seen": now,
        "last_seen": now,
    }
    inserted = await upsert(session, QuestionGap.__table__, values, index=["kind", "text_hash"])
    stmt = select(QuestionGap).where(QuestionGap.kind == kind, QuestionGap.text_hash == digest)
    row = (await session.execute(stmt)).scalars().one()
    if not inserted.rowcount:
        row.count += 1
        row.last_seen = now
        row.service_id = row.service_id or service_id
        row.intent = row.intent or intent
        await session.flush()
    return row


@dataclass
class GapGroup:
    service_id: str | None
    intent: str | None
    total: int = 0
    items: list[QuestionGap] = field(default_factory=list)


async def grouped_gaps(
    session: AsyncSession,
    *,
    kinds: tuple[str, ...] = KINDS,
    since: datetime | None = None,
    per_group: int = 5,
) -> list[GapGroup]:
    """Gaps grouped by (service, intent), biggest groups first; each group's questions by count."""
    stmt = select(QuestionGap).where(QuestionGap.kind.in_(kinds))
    if since is not None:
        stmt = stmt.where(QuestionGap.last_seen >= since)
    rows = (await session.execute(stmt)).scalars().all()
    groups: dict[tuple[str | None, str | None], GapGroup] = {}
    for row in rows:
        key = (row.service_id, row.intent)
        group = groups.setdefault(key, GapGroup(row.service_id, row.intent))
        group.total += row.count
        group.items.append(row)
    ordered = sorted(
        groups.values(), key=lambda g: (-g.total, g.service_id or "~", g.intent or "~")
    )
    for group in ordered:
        group.items.sort(key=lambda r: (-r.count, -as_utc(r.last_seen).timestamp()))
        del group.items[per_group:]
    return ordered
