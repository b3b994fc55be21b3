"""Turn an operator's answer into a curated Q&A proposal for the knowledge base.

``/kbqa`` (in a ticket's topic, or replying to an operator's answer in the group) writes a YAML
file under ``knowledge/overlay/pending/`` for maintainers to review and move into the overlay.
The ticket's language is filled from the ticket; the other language comes from the command's
text when the operator gives it (first line: the question, the rest: the answer), otherwise it
is left empty and marked for translation.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import yaml


def pending_dir(services: Any) -> Path:
    configured = services.extra.get("kb_pending_dir") or getattr(
        services.settings, "kb_pending_dir", None
    )
    if configured:
        return Path(configured)
    import knowledge

    return Path(knowledge.__file__).resolve().parent / "overlay" / "pending"


def _split_other(args: str) -> tuple[str, str]:
    lines = [line.strip() for line in (args or "").strip().splitlines()]
    if not lines or not lines[0]:
        return "", ""
    return lines[0], "\n".join(line for line in lines[1:] if line).strip()


def build_entry(
    *,
    ticket_id: int,
    service_id: str | None,
    lang: str,
    question: str,
    answer: str,
    operator_id: int,
    other: str,
    created: datetime,
    intent: str | None = None,
) -> dict[str, Any]:
    """The proposal: ``qa`` has the shape of an overlay file's ``qa:`` item (knowledge/overlay/
    README.md), to be pasted into ``<service_id>.yaml`` once reviewed."""
    other_lang = "ru" if lang == "kk" else "kk"
    other_q, other_a = _split_other(other)
    texts = {
        f"question_{lang}": question.strip(),
        f"question_{other_lang}": other_q,
        f"answer_{lang}": answer.strip(),
        f"answer_{other_lang}": other_a,
    }
    item: dict[str, Any] = {
        key: texts[key] or None for key in ("question_kk", "question_ru", "answer_kk", "answer_ru")
    }
    item["intent"] = intent
    item["reviewed"] = False
    return {
        "service_id": service_id,
        "qa": [item],
        "proposal": {
            "ticket": ticket_id,
            "operator_id": operator_id,
            "created_at": created.isoformat(timespec="seconds"),
            "needs_translation": not (other_q and other_a),
        },
    }


def write_entry(directory: Path, entry: dict[str, Any], created: datetime) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = created.strftime("%Y%m%d-%H%M%S")
    path = directory / f"ticket-{entry['proposal']['ticket']}-{stamp}.yaml"
    header = (
        "# Curated Q&A proposed by an operator (/kbqa). Review it, fill both languages, set\n"
        "# reviewed: true, add the qa item to knowledge/overlay/<service_id>.yaml, then run\n"
        "# `python -m knowledge build` (this pending/ folder is not read by the build).\n"
    )
    body = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=99)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(header + body, encoding="utf-8")
    tmp.replace(path)
    return path
