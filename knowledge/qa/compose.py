"""Answer composition: resolution + intent + card facts + quoted evidence -> :class:`Answer`."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from domain.i18n import t
from knowledge.search.engine import SearchEngine
from knowledge.search.resolve import Resolution

from .answer import Answer, AnswerCitation, Candidate
from .evidence import Evidence, gather, recipients
from .facts import facts_for
from .quotes import conflicts, fact_quote, step_duration, term_figures
from .render import act_label, paragraph_label, pick, ref_label
from .slots import detect_slots

ESCALATE_CONFIDENCE = 0.0
MAX_REG_TITLE = 160
SAME_QUOTE = 85  # quotes this similar say the same thing


def service_title(lang: str, card: Any) -> str:
    return pick(lang, card.title_kk, card.title_ru)


def escalation(lang: str, service_id: str | None = None, title: str | None = None,
               intent: str | None = None) -> Answer:
    return Answer(
        lang=lang,
        answer=t(lang, "I did not find the answer to this question in the regulations I know. "
                       "An operator can help you with it."),
        service_id=service_id, service_title=title, intent=intent,
        confidence=ESCALATE_CONFIDENCE, escalate=True,
    )


def citation(kb: Any, lang: str, cite: Any) -> AnswerCitation:
    act = kb.acts.get(cite.act_id)
    reg = kb.regulations.get(cite.regulation_id) if cite.regulation_id else None
    return AnswerCitation(
        act=act_label(lang, act) if act else cite.act_id,
        regulation=_short(reg.title_kk) if reg else "",
        paragraph=cite.paragraph or "",
        subitem=cite.subitem,
        quote=cite.quote or "",
        paragraph_id=cite.paragraph_id,
    )


def evidence_citation(kb: Any, lang: str, ev: Evidence) -> AnswerCitation:
    p = ev.paragraph
    act = kb.acts.get(p.act_id)
    reg = kb.regulations.get(p.regulation_id) if p.regulation_id else None
    return AnswerCitation(
        act=act_label(lang, act) if act else p.act_id,
        regulation=_short(reg.title_kk) if reg else "",
        paragraph=p.number or "",
        subitem=p.subitem,
        quote=ev.quote,
        paragraph_id=p.id,
    )


def _short(text: str, limit: int = MAX_REG_TITLE) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def locator(lang: str, c: AnswerCitation) -> str:
    """"act, regulation, paragraph N, sub-item M" for the answer text."""
    parts = [c.act]
    if c.regulation:
        parts.append(t(lang, "regulation «{title}»", title=_short(c.regulation, 90)))
    label = paragraph_label(lang, c.paragraph or None, c.subitem)
    if label:
        parts.append(label)
    return ", ".join(p for p in parts if p)


def status_warning(lang: str, act: Any) -> str:
    if act is None:
        return ""
    if act.status == "repealed":
        by = ref_label(lang, act.repealed_by)
        if by:
            return t(lang, "⚠ This regulation is repealed (repealed by {repealer}). Check the "
                           "rules in force before applying.", repealer=by)
        return t(lang, "⚠ This regulation is repealed. Check the rules in force before applying.")
    if act.status == "replaced":
        return t(lang, "⚠ This regulation has been replaced by a newer act. Check the rules in "
                       "force before applying.")
    if act.status == "unknown":
        return t(lang, "⚠ The source does not say whether this regulation is in force. Check the "
                       "rules in force before applying.")
    return ""


def service_answer(
    kb: Any, engine: SearchEngine, query: Any, question: str, lang: str, service_id: str,
    intents: list[str], confidence: float, extra_intents: tuple[str, ...] = (),
) -> Answer:
    card = kb.services[service_id]
    act = kb.acts.get(card.act_id)
    intent = intents[0]
    lines, fact_cites = facts_for(intent, lang, card, act, question, kb)
    for extra in extra_intents:  # e.g. a case asked about as a whole: its term too
        more, more_cites = facts_for(extra, lang, card, act, question, kb)
        lines += [line for line in more if line not in lines]
        fact_cites += more_cites
    # a step-by-step summary is the answer itself: quotes beside it only lengthen the message
    steps_only = intent == "procedure" and bool(lines)
    evidence = [] if steps_only else gather(engine, kb, query, service_id, intents, k=2)
    if detect_slots(question).applicant:  # "can an IE get it?": who the recipients are
        who = recipients(engine, kb, service_id)
        if who is not None and all(who.quote not in e.quote for e in evidence):
            evidence = [who] + evidence[:1]
    title = service_title(lang, card)
    out = [t(lang, "Service: {title}", title=title)]
    if lang == "ru" and card.title_ru and card.short_kk:
        out.append(f"({card.short_kk})")
    out += lines
    citations = [citation(kb, lang, c) for c in fact_cites]
    quoted = {c.paragraph_id for c in citations if c.paragraph_id}
    timed = "deadline" in (intent, *extra_intents)  # the asker reads any figure as the term
    stated = term_figures("\n".join(lines)) if timed else set()  # terms stated as facts
    printed = 0
    own = fact_quote(lines, fact_cites, stated) if stated else None
    if own is not None:  # a stated term is quoted with the sentence that carries it
        c = citation(kb, lang, own)
        out.append(t(lang, "The regulation says ({where}): «{quote}»",
                     where=locator(lang, c), quote=c.quote))
        printed += 1
    for ev in evidence:
        c = evidence_citation(kb, lang, ev)
        if any(ev.quote in line for line in lines) or ev.paragraph.id in quoted:
            citations.append(c)  # already quoted with its fact
            continue
        if conflicts(ev.quote, card, stated) or (stated and ev.quote.endswith(":")):
            continue  # a step's time next to the stated term reads as a contradiction;
            # a bare heading ("... мерзімі:") adds nothing to the stated term
        printed += 1
        if timed and step_duration(ev.quote, card):
            out.append(t(lang, "Time of a single step of the procedure, not the total term of "
                               "the service ({where}): «{quote}»",
                         where=locator(lang, c), quote=ev.quote))
        else:
            out.append(t(lang, "The regulation says ({where}): «{quote}»",
                         where=locator(lang, c), quote=ev.quote))
        citations.append(c)
    if not lines and not evidence:
        answer = escalation(lang, service_id, title, intent)
        return answer
    if not printed and citations:
        out.append(t(lang, "Source: {where}.", where=locator(lang, citations[0])))
    warning = status_warning(lang, act)
    if warning and intent != "validity":
        out.append(warning)
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for c in citations:
        key = (c.paragraph_id or "", c.paragraph, c.quote)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return Answer(
        lang=lang, answer="\n".join(out), service_id=service_id, service_title=title,
        intent=intent, citations=unique, confidence=confidence, escalate=False,
    )


def candidates_answer(
    kb: Any, engine: SearchEngine, query: Any, question: str, lang: str, res: Resolution,
    intents: list[str],
) -> Answer:
    """Several services fit about equally: list them; say what they all share, if anything."""
    intent = intents[0]
    ids = res.candidates
    shared_act = res.same_act({sid: kb.services[sid].act_id for sid in ids})
    if intent == "validity" and shared_act is not None:
        # the question is about the act, which all candidates share
        answer = service_answer(kb, engine, query, question, lang, ids[0], intents,
                                res.confidence)
        answer.candidates = _candidates(kb, lang, res)
        return answer
    per_service = []
    for sid in ids:
        card = kb.services[sid]
        lines, _ = facts_for(intent, lang, card, kb.acts.get(card.act_id), question, kb)
        per_service.append(tuple(lines))
    out = [t(lang, "Your question fits several services. Which one do you mean?")]
    out += [f"• {_with_region(lang, kb.services[sid])}" for sid in ids]
    if per_service and per_service[0] and all(p == per_service[0] for p in per_service):
        out.append(t(lang, "For each of them the regulations say the same:"))
        out += list(per_service[0])
    elif len(ids) <= MAX_EACH and per_service and all(per_service):
        # each regulation answers: give every answer, named by its service
        out.append(t(lang, "What the regulation of each of them says:"))
        for sid, lines in zip(ids, per_service, strict=True):
            card = kb.services[sid]
            out.append(f"{_region(lang, card) or service_title(lang, card)}:")
            out += list(lines[:MAX_EACH_LINES])
    else:
        common = _shared_quote(kb, engine, query, intents, ids)
        if common:
            out.append(t(lang, "For each of them the regulations say the same:"))
            out.append(f"«{common}»")
    return Answer(
        lang=lang, answer="\n".join(out), intent=intent, confidence=res.confidence,
        escalate=False, candidates=_candidates(kb, lang, res),
    )


MAX_EACH = 3  # candidates answered one by one
MAX_EACH_LINES = 4


def _region(lang: str, card: Any) -> str:
    return pick(lang, card.region_kk, card.region_ru) or ""


def _with_region(lang: str, card: Any) -> str:
    region = _region(lang, card)
    title = service_title(lang, card)
    return f"{title} — {region}" if region else title


def _shared_quote(kb: Any, engine: SearchEngine, query: Any, intents: list[str],
                  ids: list[str]) -> str | None:
    """The quote the best paragraph of every candidate has in common, if they agree."""
    quotes = []
    for sid in ids:
        ev = gather(engine, kb, query, sid, intents, k=1)
        if not ev:
            return None
        quotes.append(ev[0].quote)
    same = all(fuzz.token_sort_ratio(q, quotes[0]) >= SAME_QUOTE for q in quotes)
    return quotes[0] if same else None


def _candidates(kb: Any, lang: str, res: Resolution) -> list[Candidate]:
    scores = {h.service_id: h.score for h in res.hits}
    top = max(scores.values()) if scores else 1.0
    return [
        Candidate(service_id=sid, title=service_title(lang, kb.services[sid]),
                  score=round(scores.get(sid, 0.0) / (top or 1.0), 3))
        for sid in res.candidates
    ]
