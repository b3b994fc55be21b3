"""Choosing the service and answering the questions that decide the checklist.

Order: service -> case -> re-registration reason (when the case has reasons) -> applicant type ->
channel -> each condition that matters (yes / no / don't know, or a statement in words) -> the
checklist. A question with a single possible answer is not asked. Every answer is stored in
the draft at once, so an applicant who leaves finds it where they stopped.
"""

from __future__ import annotations

from typing import Any

from dialogs.common.ids import Action, service_token, token
from dialogs.common.kb import current_kb, service_label
from dialogs.common.keyboards import label, menu_button, page_note, page_slice, pager, yes_no
from dialogs.core import Button, Msg, View
from dialogs.documents import check as chk
from dialogs.documents import fmt, state, texts
from dialogs.engine import Context
from domain.applications import drafts as repo
from domain.applications import models

SERVICES_PER_PAGE = 8
OTHER_ITEM = models.OTHER_ITEM  # an upload not of the list (see models)


def operators_available() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("dialogs.operators") is not None
    except (ImportError, ValueError):
        return False


# ---------------------------------------------------------------------------------- services
def _sorted_services(kb: Any, lang: str, first: str | None) -> list[str]:
    """Services whose documents the bot can check first, then the others, by name."""

    def key(sid: str) -> tuple[bool, str]:
        return (not chk.has_list(chk.options(kb, sid)), service_label(kb, sid, lang).casefold())

    ids = sorted(kb.services, key=key)
    if first in kb.services:
        ids.remove(first)
        ids.insert(0, first)
    return ids


def service_list_view(kb: Any, lang: str, page: int, first: str | None, *, edit=False) -> View:
    items, page, pages = page_slice(_sorted_services(kb, lang, first), page, SERVICES_PER_PAGE)
    buttons = [
        [
            Button(
                label(service_label(kb, sid, lang)), Action.make("docs", "svc", service_token(sid))
            )
        ]
        for sid in items
    ]
    nav = pager(page, pages, lambda p: Action.make("docs", "pick", p))
    if nav:
        buttons.append(nav)
    buttons.append([menu_button()])
    parts = [Msg(texts.CHOOSE_SERVICE), *page_note(page, pages)]
    return View(parts=parts, buttons=buttons, edit=edit)


def search_view(kb: Any, text: str, lang: str) -> View:
    found = [sid for sid, _ in kb.search_services(text, lang=lang, limit=6) if sid in kb.services]
    if not found:
        view = service_list_view(kb, lang, 0, None)
        view.parts.insert(0, Msg(texts.NOTHING_FOUND))
        return view
    buttons = [
        [
            Button(
                label(service_label(kb, sid, lang)), Action.make("docs", "svc", service_token(sid))
            )
        ]
        for sid in found
    ]
    buttons.append(
        [Button(Msg(texts.BTN_ALL_SERVICES), Action.make("docs", "pick", 0)), menu_button()]
    )
    return View(parts=[Msg(texts.SEARCH_RESULTS)], buttons=buttons)


async def start(ctx: Context, lang: str) -> list[View]:
    """``docs:start`` / ``/documents``: the open drafts to continue, else the service list."""
    kb = current_kb(ctx)
    drafts = [
        d
        for d in await repo.open_drafts(ctx.session, ctx.user.user_id)
        if d.service_id in kb.services
    ]
    state.reset(ctx)
    ctx.state.step = state.STEP_SERVICE
    if not drafts:
        return [service_list_view(kb, lang, 0, ctx.state.data.get("svc"))]
    buttons = []
    for draft in drafts[:8]:
        files = len(await repo.list_uploads(ctx.session, draft_id=draft.id))
        name = fmt.short(service_label(kb, draft.service_id, lang), 40)
        buttons.append(
            [
                Button(
                    Msg(texts.BTN_DRAFT, {"service": name, "files": files}),
                    Action.make("docs", "open", draft.id),
                )
            ]
        )
    buttons.append([Button(Msg(texts.BTN_NEW_CHECK), Action.make("docs", "pick", 0))])
    buttons.append([menu_button()])
    return [View(parts=[Msg(texts.DRAFTS_INTRO)], buttons=buttons)]


def no_list_view(kb: Any, service_id: str, opts: dict[str, Any] | None, lang: str) -> View:
    """A service whose regulation only points to the standard and no curated list exists."""
    title = service_label(kb, service_id, lang)
    ref = (opts or {}).get("reference")
    if ref:
        cited = ", ".join(
            p for p in (fmt.act_name(kb, lang, ref.get("act_id")), fmt.paragraph(lang, ref)) if p
        )
        text = Msg(
            texts.NO_LIST_REFERENCE,
            {
                "service": title,
                "point": ref.get("standard_paragraph") or "?",
                "citation": cited,
                "quote": fmt.short(ref.get("quote", ""), 300),
            },
        )
    else:
        text = Msg(texts.NO_LIST_AT_ALL, {"service": title})
    buttons: list[list[Button]] = []
    parts = [text]
    if operators_available():
        parts.append(Msg(texts.NO_LIST_OPERATOR))
        buttons.append(
            [Button(Msg(texts.BTN_OPERATOR), Action.make("op", "ask", service_token(service_id)))]
        )
    buttons.append([menu_button()])
    return View(parts=parts, buttons=buttons)


def _remember_for_operator(ctx: Context, service_id: str, lang: str, view: View) -> None:
    """Give the operator the context if the applicant escalates (questions flow's hook)."""
    try:
        from dialogs.questions import hooks
    except ImportError:  # pragma: no cover
        return
    kb = current_kb(ctx)
    question = fmt.text_of(
        Msg(texts.CHECK_TITLE, {"service": service_label(kb, service_id, lang)}), lang
    )
    answer = "\n\n".join(fmt.text_of(p, lang) for p in view.parts)
    hooks.remember_answer(
        ctx.state,
        question=question,
        answer=answer,
        service_id=service_id,
        intent="documents",
        escalate=True,
        lang=lang,
    )


async def choose_service(ctx: Context, service_id: str, lang: str) -> list[View]:
    kb = current_kb(ctx)
    if service_id not in kb.services:
        return [service_list_view(kb, lang, 0, None)]
    opts = chk.options(kb, service_id)
    if not chk.has_list(opts):
        state.reset(ctx)
        ctx.state.step = None
        view = no_list_view(kb, service_id, opts, lang)
        _remember_for_operator(ctx, service_id, lang, view)
        return [view]
    draft = await repo.find_open_draft(ctx.session, ctx.user.user_id, service_id)
    if draft is None:
        draft = await repo.create_draft(
            ctx.session, owner_id=ctx.user.user_id, service_id=service_id, now=state.now(ctx)
        )
    state.reset(ctx, draft.id)
    return await advance(ctx, draft, lang)


# ---------------------------------------------------------------------------------- questions
def _choice_view(prompt: Msg, verb: str, draft: Any, entries: list[dict], lang: str) -> View:
    buttons = [
        [
            Button(
                label(fmt.pick(e, "name", lang)),
                Action.make("docs", verb, draft.id, token(e["id"])),
            )
        ]
        for e in entries
    ]
    buttons.append([menu_button()])
    return View(parts=[prompt], buttons=buttons)


def condition_view(draft: Any, cond: dict[str, Any], lang: str, notes=()) -> View:
    question = fmt.pick(cond, "question", lang) or fmt.pick(cond, "name", lang)
    cid = cond["id"]
    buttons = [
        yes_no(
            Action.make("docs", "cond", draft.id, cid, 1),
            Action.make("docs", "cond", draft.id, cid, 0),
        ),
        [Button(Msg(texts.BTN_DONT_KNOW), Action.make("docs", "cond", draft.id, cid, "x"))],
        [menu_button()],
    ]
    return View(parts=[*notes, Msg.text(question), Msg(texts.ANSWER_HINT)], buttons=buttons)


async def _set(ctx: Context, draft: Any, **changes: Any) -> None:
    await repo.update_draft(ctx.session, draft, now=state.now(ctx), **changes)


def reason_situation(case: dict[str, Any], reason_id: str) -> dict[str, bool]:
    return {chk.REASON_PREFIX + r["id"]: r["id"] == reason_id for r in case.get("reasons") or []}


async def have_ids(ctx: Context, draft: Any) -> tuple[list[str], list[Any]]:
    uploads = await repo.list_uploads(ctx.session, draft_id=draft.id)
    present = [i for i in repo.present_items(draft, uploads) if i != OTHER_ITEM]
    return present, uploads


async def advance(ctx: Context, draft: Any, lang: str, notes=(), *, edit=False) -> list[View]:
    """Ask the next open question of ``draft``, or show its checklist."""
    kb = current_kb(ctx)
    opts = chk.options(kb, draft.service_id)
    if not chk.has_list(opts):
        return [no_list_view(kb, draft.service_id, opts, lang)]
    assert opts is not None
    ctx.state.step = state.STEP_CHOICE
    title = service_label(kb, draft.service_id, lang)
    cases = opts["cases"]
    if chk.case_entry(opts, draft.case_id) is None:
        if len(cases) != 1:
            prompt = Msg(texts.ASK_CASE, {"service": title})
            return [_with_notes(_choice_view(prompt, "case", draft, cases, lang), notes)]
        await _set(ctx, draft, case_id=cases[0]["id"])
    case = chk.case_entry(opts, draft.case_id) or {}
    reasons = case.get("reasons") or []
    if reasons and chk.reason_of(draft) not in {r["id"] for r in reasons}:
        if len(reasons) != 1:
            view = _choice_view(Msg(texts.ASK_REASON), "rsn", draft, reasons, lang)
            return [_with_notes(view, notes)]
        await _set(ctx, draft, situation=reason_situation(case, reasons[0]["id"]))
    types = opts.get("applicant_types") or []
    if types and draft.applicant_type not in {a["id"] for a in types}:
        if len(types) != 1:
            view = _choice_view(Msg(texts.ASK_APPLICANT), "who", draft, types, lang)
            return [_with_notes(view, notes)]
        await _set(ctx, draft, applicant_type=types[0]["id"])
    channels = chk.channels_for(opts, draft.case_id)
    if channels and draft.channel not in {c["id"] for c in channels}:
        if len(channels) != 1:
            view = _choice_view(Msg(texts.ASK_CHANNEL), "ch", draft, channels, lang)
            return [_with_notes(view, notes)]
        await _set(ctx, draft, channel=channels[0]["id"])
    have, uploads = await have_ids(ctx, draft)
    check = chk.evaluate(kb, draft, have)
    skipped = list(state.data(ctx).get("skip") or [])
    pending = chk.questions(check, chk.situation_of(draft), skipped)
    if pending:
        ctx.state.step = state.STEP_CONDITION
        return [condition_view(draft, pending[0], lang, notes)]
    ctx.state.step = state.STEP_CHECK
    from dialogs.documents.views import checklist_view

    view = checklist_view(
        kb,
        opts,
        draft,
        check,
        uploads,
        lang,
        notes=notes,
        skipped=skipped,
        operators=operators_available() and check.source == "overlay",
        edit=edit,
    )
    return [view]


def _with_notes(view: View, notes) -> View:
    view.parts[:0] = list(notes)
    return view


async def apply_choice(ctx: Context, draft: Any, verb: str, ref: str, lang: str) -> list[View]:
    """A pressed option: ``case`` / ``rsn`` / ``who`` / ``ch`` with the option's token."""
    from dialogs.common.ids import resolve

    opts = chk.options(current_kb(ctx), draft.service_id) or {}
    if verb == "case":
        case_id = resolve(ref, [c["id"] for c in opts.get("cases") or []])
        if case_id is not None and case_id != draft.case_id:
            await _set(ctx, draft, case_id=case_id, channel=None)
    elif verb == "rsn":
        case = chk.case_entry(opts, draft.case_id) or {}
        reason = resolve(ref, [r["id"] for r in case.get("reasons") or []])
        if reason is not None:
            await _set(ctx, draft, situation=reason_situation(case, reason))
    elif verb == "who":
        who = resolve(ref, [a["id"] for a in opts.get("applicant_types") or []])
        if who is not None:
            await _set(ctx, draft, applicant_type=who)
    elif verb == "ch":
        channel = resolve(ref, [c["id"] for c in chk.channels_for(opts, draft.case_id)])
        if channel is not None:
            await _set(ctx, draft, channel=channel)
    return await advance(ctx, draft, lang)


async def answer_condition(
    ctx: Context, draft: Any, cid: str, value: str, lang: str, *, notes=()
) -> list[View]:
    if value == "x":
        skipped = state.data(ctx).setdefault("skip", [])
        if cid not in skipped:
            skipped.append(cid)
    else:
        await _set(ctx, draft, situation={cid: value == "1"})
        skipped = state.data(ctx).get("skip") or []
        if cid in skipped:
            skipped.remove(cid)
    return await advance(ctx, draft, lang, notes)


YES_WORDS = frozenset({"да", "иә", "ия", "yes", "конечно", "әрине", "ага", "угу"})
NO_WORDS = frozenset({"нет", "жоқ", "no", "неа"})


async def condition_text(ctx: Context, draft: Any, text: str, lang: str) -> list[View]:
    """Text while a condition is asked: yes/no words, or a statement about any condition."""
    kb = current_kb(ctx)
    have, _ = await have_ids(ctx, draft)
    check = chk.evaluate(kb, draft, have)
    skipped = list(state.data(ctx).get("skip") or [])
    pending = chk.questions(check, chk.situation_of(draft), skipped)
    word = text.strip().strip(".!").casefold()
    if pending and word in YES_WORDS | NO_WORDS:
        return await answer_condition(
            ctx, draft, pending[0]["id"], "1" if word in YES_WORDS else "0", lang
        )
    reading = chk.read_statement(text)
    if reading is None:
        return await advance(ctx, draft, lang, [Msg(texts.NOT_UNDERSTOOD)])
    cid, value = reading
    return await answer_condition(
        ctx,
        draft,
        cid,
        "1" if value else "0",
        lang,
        notes=[noted(cid, value, chk.options(kb, draft.service_id), lang)],
    )


def noted(cid: str, value: bool, opts: dict[str, Any] | None, lang: str) -> Msg:
    cond = next((c for c in (opts or {}).get("conditions") or [] if c["id"] == cid), None)
    name = fmt.pick(cond, "name", lang) if cond else cid
    answer = Msg(texts.ANSWER_YES if value else texts.ANSWER_NO)
    return Msg(texts.NOTED, {"condition": name, "answer": answer})


async def change_answers(ctx: Context, draft: Any, lang: str) -> list[View]:
    """Start the questions again; ticks and files stay."""
    draft.situation = {}
    await _set(ctx, draft, case_id=None, applicant_type=None, channel=None)
    state.data(ctx).pop("skip", None)
    return await advance(ctx, draft, lang)
