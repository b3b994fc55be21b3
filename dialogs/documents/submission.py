"""Submitting a draft: a known gap is confirmed, the applicant's details are collected (IIN or
BIN with its check digit, name, phone by the contact button or typed), confirmed, and the
application is created by the applications domain; the receipt names the number, the
documents received and the statutory deadline."""

from __future__ import annotations

from typing import Any

from dialogs.common.ids import Action
from dialogs.common.kb import current_kb, service_label
from dialogs.common.keyboards import menu_button
from dialogs.core import Button, Msg, View
from dialogs.documents import check as chk
from dialogs.documents import choices, fmt, state, texts
from dialogs.engine import Context
from domain.applications.errors import ApplicationError, DraftIncomplete
from domain.applications.messages import error_message
from domain.applications.submit import normalise_name, normalise_phone
from domain.i18n import t
from domain.identity import IdentityError, mask_identity, parse_bin, parse_identity, parse_iin

DEADLINE_UNITS = frozenset({"working_days", "working_hours", "calendar_days", "days"})


def _back(draft: Any) -> list[Button]:
    return [Button(Msg(texts.BTN_BACK_TO_LIST), Action.make("docs", "list", draft.id))]


async def _check(ctx: Context, draft: Any) -> chk.Check:
    have, _ = await choices.have_ids(ctx, draft)
    return chk.evaluate(current_kb(ctx), draft, have)


async def start(ctx: Context, draft: Any, lang: str, *, gap: bool = False) -> list[View]:
    """``docs:submit`` (``gap`` after "submit with missing documents")."""
    store = state.data(ctx)
    if gap:
        store["gap"] = True
    check = await _check(ctx, draft)
    if check.missing and not store.get("gap"):
        names = "; ".join(fmt.short(i.name(lang), 90) for i in check.missing)
        buttons = [
            [Button(Msg(texts.BTN_SUBMIT_ANYWAY), Action.make("docs", "gap", draft.id))],
            _back(draft),
        ]
        return [View(parts=[Msg(texts.SUBMIT_GAP, {"names": names})], buttons=buttons)]
    store["who"] = {}
    return [ask_identity(ctx, draft)]


def ask_identity(ctx: Context, draft: Any, notes=()) -> View:
    ctx.state.step = state.STEP_IDENTITY
    prompt = {
        "legal_entity": texts.ASK_BIN,
        "individual": texts.ASK_IIN,
        "individual_entrepreneur": texts.ASK_IIN,
    }.get(draft.applicant_type or "", texts.ASK_IIN_OR_BIN)
    return View(parts=[*notes, Msg(prompt)], buttons=[_back(draft)])


def parse_for(applicant_type: str | None, text: str) -> Any:
    if applicant_type == "legal_entity":
        return parse_bin(text)
    if applicant_type in ("individual", "individual_entrepreneur"):
        return parse_iin(text)
    return parse_identity(text)


async def on_text(ctx: Context, draft: Any, text: str, lang: str) -> list[View]:
    """Text at the identity / name / phone steps."""
    who = state.data(ctx).setdefault("who", {})
    step = ctx.state.step
    if step == state.STEP_IDENTITY:
        try:
            who["id"] = parse_for(draft.applicant_type, text).number
        except IdentityError as err:
            return [ask_identity(ctx, draft, [Msg(*error_message(err))])]
        return [ask_name(ctx, draft)]
    if step == state.STEP_NAME:
        try:
            who["name"] = normalise_name(text)
        except ApplicationError as err:
            return [ask_name(ctx, draft, [Msg(*error_message(err))])]
        return [ask_phone(ctx)]
    if step == state.STEP_PHONE:
        return await on_phone(ctx, draft, text, lang)
    return await confirm_view(ctx, draft, lang)


def ask_name(ctx: Context, draft: Any, notes=()) -> View:
    ctx.state.step = state.STEP_NAME
    return View(parts=[*notes, Msg(texts.ASK_NAME)], buttons=[_back(draft)])


def ask_phone(ctx: Context, notes=()) -> View:
    ctx.state.step = state.STEP_PHONE
    return View(parts=[*notes, Msg(texts.ASK_PHONE)], request_contact=True)


async def on_phone(ctx: Context, draft: Any, phone: str, lang: str) -> list[View]:
    try:
        state.data(ctx).setdefault("who", {})["phone"] = normalise_phone(phone)
    except ApplicationError as err:
        return [ask_phone(ctx, [Msg(*error_message(err))])]
    return await confirm_view(ctx, draft, lang)


async def confirm_view(ctx: Context, draft: Any, lang: str) -> list[View]:
    who = state.data(ctx).get("who") or {}
    if not who.get("id"):
        return [ask_identity(ctx, draft)]
    if not who.get("name"):
        return [ask_name(ctx, draft)]
    if not who.get("phone"):
        return [ask_phone(ctx)]
    ctx.state.step = state.STEP_CONFIRM
    kb = current_kb(ctx)
    opts = chk.options(kb, draft.service_id) or {}
    check = await _check(ctx, draft)
    _, uploads = await choices.have_ids(ctx, draft)
    case = chk.case_entry(opts, draft.case_id)
    applicant = next(
        (a for a in opts.get("applicant_types") or [] if a["id"] == draft.applicant_type), None
    )
    lines = [
        t(lang, texts.LINE_SERVICE, value=service_label(kb, draft.service_id, lang)),
        t(lang, texts.LINE_CASE, value=fmt.pick(case, "name", lang) if case else "—"),
    ]
    if applicant is not None:
        lines.append(t(lang, texts.LINE_APPLICANT, value=fmt.pick(applicant, "name", lang)))
    lines += [
        t(lang, texts.LINE_IDENTITY, value=mask_identity(who["id"])),
        t(lang, texts.LINE_NAME, value=who["name"]),
        t(lang, texts.LINE_PHONE, value=who["phone"]),
        t(lang, texts.LINE_FILES, value=len(uploads)),
    ]
    if check.missing:
        names = "; ".join(fmt.short(i.name(lang), 90) for i in check.missing)
        lines.append(t(lang, texts.LINE_GAP, value=names))
    buttons = [
        [Button(Msg(texts.BTN_SEND), Action.make("docs", "send", draft.id))],
        [Button(Msg(texts.BTN_EDIT_DETAILS), Action.make("docs", "edit", draft.id))],
        _back(draft),
    ]
    return [View(parts=[Msg(texts.CONFIRM_TITLE), Msg.text("\n".join(lines))], buttons=buttons)]


def statutory_deadline(kb: Any, service_id: str, case_id: str | None) -> Any | None:
    """The knowledge base's deadline for the case: a figure, or a pointer to the standard."""
    try:
        return kb.deadline(service_id, case_id or "issue")
    except (KeyError, AttributeError):
        return None


def countable(deadline: Any) -> Any | None:
    """The deadline to compute a due date from: a total term with a figure and a unit."""
    if deadline is None or getattr(deadline, "scope", "total") not in (None, "total"):
        return None
    if (
        not getattr(deadline, "value", None)
        or getattr(deadline, "unit", None) not in DEADLINE_UNITS
    ):
        return None
    return deadline


async def send(ctx: Context, draft: Any, lang: str) -> list[View]:
    from domain.applications.status import Actor, add_comment
    from domain.applications.submit import receipt, submit_draft

    store = state.data(ctx)
    who = store.get("who") or {}
    if not (who.get("id") and who.get("name") and who.get("phone")):
        return await confirm_view(ctx, draft, lang)
    kb = current_kb(ctx)
    check = await _check(ctx, draft)
    deadline = statutory_deadline(kb, draft.service_id, draft.case_id)
    try:
        app = await submit_draft(
            ctx.session,
            draft,
            owner_id=ctx.user.user_id,
            identity=parse_for(draft.applicant_type, who["id"]),
            name=who["name"],
            phone=who["phone"],
            chat_id=ctx.user.chat_id,
            lang=lang,
            service_title={code: kb.title(draft.service_id, code) for code in ("kk", "ru")},
            deadline=countable(deadline),
            missing=check.missing_entries(),
            known_gap=bool(store.get("gap")),
            now=state.now(ctx),
        )
    except DraftIncomplete:
        store.pop("gap", None)
        return await start(ctx, draft, lang)
    except (IdentityError, ApplicationError) as err:
        return [ask_identity(ctx, draft, [Msg(*error_message(err))])]
    opts = chk.options(kb, draft.service_id) or {}
    reason = _reason_names(opts, draft)
    if reason:
        comment = "\n".join(
            t(code, texts.REASON_COMMENT, reason=reason[code]) for code in ("ru", "kk")
        )
        await add_comment(
            ctx.session,
            app,
            comment,
            actor=Actor.applicant(ctx.user.user_id),
            notify=False,
            now=state.now(ctx),
        )
    summary = await receipt(ctx.session, app)
    state.reset(ctx)
    ctx.state.step = None
    return [receipt_view(kb, summary, check, draft, deadline, lang)]


def _reason_names(opts: dict[str, Any], draft: Any) -> dict[str, str] | None:
    case = chk.case_entry(opts, draft.case_id) or {}
    reason = chk.reason_of(draft)
    entry = next((r for r in case.get("reasons") or [] if r["id"] == reason), None)
    if entry is None:
        return None
    return {code: fmt.pick(entry, "name", code) for code in ("kk", "ru")}


def deadline_lines(kb: Any, summary: dict[str, Any], deadline: Any, lang: str) -> str:
    if summary.get("due_date") and deadline is not None:
        try:
            from knowledge.render import duration_text

            duration = duration_text(lang, deadline)
        except ImportError:  # pragma: no cover
            duration = f"{deadline.value:g} {deadline.unit}"
        due = fmt.day(summary["due_date"])
        if summary.get("due_at") and deadline.unit == "working_hours":
            due += " " + summary["due_at"][11:16]
        cited = fmt.citation_text(kb, lang, getattr(deadline, "citation", None))
        return t(lang, texts.RECEIPT_DEADLINE, duration=duration, citation=cited or "—", date=due)
    point = getattr(deadline, "standard_reference", None) if deadline is not None else None
    if point:
        cited = fmt.citation_text(kb, lang, getattr(deadline, "citation", None))
        return t(lang, texts.RECEIPT_DEADLINE_STANDARD, point=point, citation=cited or "—")
    return t(lang, texts.RECEIPT_DEADLINE_UNKNOWN)


def receipt_view(
    kb: Any, summary: dict[str, Any], check: chk.Check, draft: Any, deadline: Any, lang: str
) -> View:
    lines = [t(lang, texts.RECEIPT_TITLE, number=summary["number"])]
    lines.append(t(lang, texts.LINE_SERVICE, value=service_label(kb, summary["service_id"], lang)))
    docs = summary.get("documents") or []
    parts = [Msg.text("\n".join(lines))]
    if docs:
        rows = [t(lang, texts.RECEIPT_DOCUMENTS)]
        for n, doc in enumerate(docs, 1):
            item = check.item(doc.get("item_id"))
            item_name = (
                fmt.cap(fmt.short(item.name(lang), 80)) if item else t(lang, texts.UNTITLED_ITEM)
            )
            upload = _Doc(doc)
            rows.append(
                f"{n}. {item_name} — {fmt.file_label(lang, upload, n)} "
                f"({fmt.file_details(lang, upload)})"
            )
        parts.append(Msg.text("\n".join(rows)))
    else:
        parts.append(Msg(texts.RECEIPT_NO_FILES))
    uploaded = {d.get("item_id") for d in docs}
    ticked = [i for i in (check.item(x) for x in draft.ticked or []) if i and i.id not in uploaded]
    if ticked:
        names = "; ".join(fmt.short(i.name(lang), 80) for i in ticked)
        parts.append(Msg(texts.RECEIPT_TICKED, {"names": names}))
    if summary.get("missing_items"):
        names = "; ".join(
            fmt.short(fmt.pick(m, "name", lang) or m["id"], 80) for m in summary["missing_items"]
        )
        parts.append(Msg(texts.RECEIPT_GAP, {"names": names}))
    parts.append(Msg.text(deadline_lines(kb, summary, deadline, lang)))
    parts.append(Msg(texts.RECEIPT_FOLLOW))
    buttons = [
        [Button(Msg(texts.BTN_MY_APPLICATIONS), Action.make("apps", "list", 0))],
        [menu_button()],
    ]
    return View(parts=parts, buttons=buttons)


class _Doc:
    """A receipt's document entry with the attributes ``fmt`` reads from an upload."""

    def __init__(self, entry: dict[str, Any]) -> None:
        self.original_name = entry.get("name")
        self.kind = entry.get("kind") or ""
        self.size = entry.get("size") or 0
        self.pages = entry.get("pages")
