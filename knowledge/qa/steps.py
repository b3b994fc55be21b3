"""Procedure questions ("какие этапы", "по шагам", "қандай рәсімдер", "кім не істейді"):
a short ordered summary of the extracted procedure steps of a service card.

A regulation describes the procedure several times (at the provider, through the State
Corporation, on the portal), each in its own paragraph. The summary takes one paragraph: the
one for the channel the question names, else the provider's own handling (the paragraph whose
steps are timed and done by the provider's staff). Each step gives its actor and duration in
the asker's language and quotes the step's (Kazakh) text, shortened to keep the message short.
"""

from __future__ import annotations

import re
from typing import Any

from domain.i18n import N_, t
from knowledge.search.stem import fold
from knowledge.search.tokenize import normalize

from ..render import duration
from .intent import STEPS_PATTERN
from .slots import detect_slots

MAX_STEPS = 12
STEPS_BUDGET = 780  # characters for the quoted step texts together
MIN_QUOTE = 60
MAX_QUOTE = 150
MIN_SHARED = 3  # words of a lead phrase ("көрсетілетін қызметті берушінің ... қызметкерінің")
# that several steps repeat: the actor label says it, the quote starts after it

# Questions about the course of the procedure itself (not about one of its facts).
STEP_CUES = re.compile(fold(
    STEPS_PATTERN + r"|этап|шаг|по порядку|процедур|порядок (?:рассмотр|оказан|выдач|получ|действ)|"
    r"процесс|рассмотрени|как (?:\w+ )?(?:рассматрива|проходит|происходит|обрабатыва)|"
    r"рәсім(?:і|дер\w*)\b|іс-қимыл|үдеріс"))

ACTORS = {
    "applicant": N_("Applicant"),
    "portal": N_("Portal (information system)"),
    "provider": N_("Service provider"),
    "centre_operator": N_("Operator of the State Corporation"),
    "state_corporation": N_("State Corporation"),
    "licensing_commission": N_("Licensing commission"),
    "head_of_unit": N_("Head of the structural unit"),
    "head": N_("Head of the service provider"),
    "specialist": N_("Specialist of the service provider"),
}
_STAFF = frozenset({"provider", "head", "specialist", "head_of_unit", "licensing_commission"})
_CENTRE = frozenset({"centre_operator", "state_corporation"})
_PORTAL_TEXT = re.compile(fold(r"ЭҮП|портал|ЭЦҚ|электрондық үкімет"))
# "1) 2 үдеріс – ", "3-іс-қимыл – ", "4) 1-шарт - ": numbering the summary renumbers anyway
_LEAD = re.compile(r"^\s*(?:\d+\)\s*)?(?:\d+\s*[-–]?\s*(?:үдеріс|іс-қимыл|процесс?с?|шарт)\s*"
                   r"[-–—]\s*)?", re.IGNORECASE)


def asks_steps(question: str) -> bool:
    return bool(STEP_CUES.search(fold(normalize(question))))


def _groups(card: Any) -> list[list[Any]]:
    """The card's steps by paragraph, in the order of the text."""
    groups: dict[str, list[Any]] = {}
    for step in card.steps:
        key = f"{step.citation.regulation_id}:{step.citation.paragraph}"
        groups.setdefault(key, []).append(step)
    return [g for g in groups.values() if len(g) >= 2]


def _score(group: list[Any], channel: str | None) -> float:
    timed = sum(1 for s in group if s.duration is not None and s.duration.value is not None)
    staff = sum(1 for s in group if s.actor in _STAFF)
    centre = sum(1 for s in group if s.actor in _CENTRE)
    portal = sum(1 for s in group if s.actor == "portal" or _PORTAL_TEXT.search(fold(s.text)))
    roster = sum(1 for s in group if len(s.text) < 60)  # "2) басшы;": a list of who takes part
    score = 3.0 * timed + staff - 2.0 * roster
    if channel == "center":
        score += 4.0 * centre
    elif channel == "portal":
        score += 2.0 * portal - 2.0 * centre
    elif channel == "provider":
        score += 2.0 * staff - 2.0 * (centre + portal)
    return score


def _clean(text: str) -> str:
    return _LEAD.sub("", " ".join(text.split())).rstrip(";.")


def _shared_lead(text: str, others: list[str]) -> int:
    """Number of leading words ``text`` shares with at least two other steps (0 if < 3)."""
    words = text.split()
    best = 0
    for n in range(MIN_SHARED, len(words) - 2):
        prefix = " ".join(words[:n]) + " "
        if sum(1 for o in others if o.startswith(prefix)) >= 2:
            best = n
        else:
            break
    return best


def _quote(text: str, limit: int, others: list[str]) -> str:
    cut = _shared_lead(text, others)
    if cut:
        text = "…" + " ".join(text.split()[cut:])
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def procedure_steps(lang: str, card: Any, question: str) -> tuple[list[str], list[Any]]:
    """Ordered summary lines and the steps' citations; empty when not a steps question."""
    if not asks_steps(question):
        return [], []
    groups = _groups(card)
    if not groups:
        return [], []
    channel = detect_slots(question).channel
    best = max(groups, key=lambda g: (_score(g, channel), -groups.index(g)))
    shown = best[:MAX_STEPS]
    limit = max(MIN_QUOTE, min(MAX_QUOTE, STEPS_BUDGET // len(shown)))
    paragraph = shown[0].citation.paragraph or "?"
    lines = [t(lang, "How the application is handled, step by step (regulation, paragraph "
                     "{paragraph}):", paragraph=paragraph)]
    texts = [_clean(step.text) for step in shown]
    for i, step in enumerate(shown, 1):
        action = _quote(texts[i - 1], limit, texts[: i - 1] + texts[i:])
        actor = t(lang, ACTORS[step.actor]) if step.actor in ACTORS else ""
        term = duration(lang, step.duration.value, step.duration.unit) if step.duration else ""
        if actor and term:
            lines.append(t(lang, "{number}. {actor}, {duration}: «{action}»", number=i,
                           actor=actor, duration=term, action=action))
        elif actor:
            lines.append(t(lang, "{number}. {actor}: «{action}»", number=i, actor=actor,
                           action=action))
        else:
            lines.append(f"{i}. «{action}»")
    if len(best) > len(shown):
        lines.append(t(lang, "Further steps are in paragraph {paragraph} of the regulation.",
                       paragraph=paragraph))
    return lines, [_paragraph_citation(shown[0].citation)]


def _paragraph_citation(cite: Any) -> Any:
    """The step's citation widened to its paragraph (the summary covers all its sub-items)."""
    pid = cite.paragraph_id
    if pid and cite.subitem and pid.endswith(f".{cite.subitem}"):
        pid = pid[: -len(cite.subitem) - 1]
    return cite.model_copy(update={"subitem": None, "paragraph_id": pid})
