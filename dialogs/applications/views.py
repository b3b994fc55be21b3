"""Views of "My applications": the list (drafts and applications) and one application."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialogs.applications import texts
from dialogs.common.ids import Action, token
from dialogs.common.kb import service_label
from dialogs.common.keyboards import label, menu_button, page_note, page_slice, pager
from dialogs.core import Button, Msg, View
from dialogs.documents import fmt
from dialogs.documents import texts as doc_texts
from domain.applications.models import OTHER_ITEM
from domain.i18n import t

PAGE = 8
ITEM_ROOM = 30  # "apps:up:<number>:" leaves room for an item token this long


def item_ref(item_id: str) -> str:
    return token(item_id, room=ITEM_ROOM)


def status_text(status: str, lang: str) -> str:
    try:
        from domain.status.labels import status_label
    except ImportError:  # pragma: no cover
        return status
    return t(lang, status_label(status))


def title_of(kb: Any, app: Any, lang: str) -> str:
    if kb is not None and app.service_id in getattr(kb, "services", {}):
        return service_label(kb, app.service_id, lang)
    titles = app.service_title or {}
    return titles.get(lang) or titles.get("kk") or titles.get("ru") or app.service_id


def list_view(
    kb: Any,
    apps: Sequence[Any],
    drafts: Sequence[tuple[Any, int]],
    lang: str,
    page: int = 0,
    *,
    edit: bool = False,
) -> View:
    if not apps and not drafts:
        buttons = [[Button(Msg(texts.BTN_CHECK), "docs:start")], [menu_button()]]
        return View(parts=[Msg(texts.MY_EMPTY)], buttons=buttons, edit=edit)
    parts: list[Msg] = []
    buttons: list[list[Button]] = []
    if drafts and page == 0:
        lines = [t(lang, texts.MY_DRAFTS)]
        for draft, files in drafts:
            name = fmt.short(title_of(kb, draft, lang), 60)
            lines.append(
                t(
                    lang,
                    texts.DRAFT_LINE,
                    service=name,
                    files=files,
                    date=fmt.day(draft.updated_at),
                )
            )
            buttons.append(
                [Button(label(f"📝 {name}", 48), Action.make("docs", "open", draft.id))]
            )
        parts.append(Msg.text("\n".join(lines)))
    shown, page, pages = page_slice(list(apps), page, PAGE)
    if shown:
        lines = [t(lang, texts.MY_APPLICATIONS)]
        for app in shown:
            line = t(
                lang,
                texts.APP_LINE,
                number=app.number,
                service=fmt.short(title_of(kb, app, lang), 60),
                status=status_text(app.status, lang),
            )
            if app.due_date and app.status not in ("approved", "refused", "issued", "withdrawn"):
                line += "; " + t(lang, texts.APP_DUE, date=fmt.day(app.due_date))
            lines.append(line)
            buttons.append(
                [
                    Button(
                        label(f"{app.number} · {status_text(app.status, lang)}"),
                        Action.make("apps", "open", app.number),
                    )
                ]
            )
        parts.append(Msg.text("\n".join(lines)))
        parts += page_note(page, pages)
    nav = pager(page, pages, lambda p: Action.make("apps", "page", p))
    if nav:
        buttons.append(nav)
    buttons.append([menu_button()])
    return View(parts=parts, buttons=buttons, edit=edit)


def _own_language(comment: str, lang: str) -> str:
    """The applicant's own bilingual note (the re-registration reason): the line in ``lang``."""
    from dialogs.documents.texts import REASON_COMMENT

    prefix = t(lang, REASON_COMMENT).split("{")[0]
    lines = [line for line in comment.splitlines() if line.startswith(prefix)]
    return lines[0] if lines else comment


def _history(events: Sequence[Any], lang: str) -> str:
    lines = [t(lang, texts.APP_HISTORY)]
    for event in events[-12:]:
        line = f"{fmt.day(event.created_at)} — "
        if event.kind == "comment":
            text = event.comment or ""
            if event.actor_kind == "applicant":
                text = _own_language(text, lang)
            line += t(lang, texts.HISTORY_COMMENT, text=fmt.short(text, 300))
        else:
            line += status_text(event.to_status, lang)
            if event.reason:
                line += "; " + t(lang, texts.HISTORY_REASON, text=fmt.short(event.reason, 300))
            elif event.comment:
                line += "; " + t(lang, texts.HISTORY_COMMENT, text=fmt.short(event.comment, 300))
        lines.append(line)
    return "\n".join(lines)


def app_view(
    kb: Any,
    app: Any,
    *,
    events: Sequence[Any],
    uploads: Sequence[Any],
    names: dict[str, dict[str, str]],
    outstanding: Sequence[dict[str, Any]],
    withdrawable: bool,
    lang: str,
    notes: Sequence[Msg] = (),
) -> View:
    def name_of(item_id: str | None) -> str:
        if item_id == OTHER_ITEM:
            return t(lang, doc_texts.OTHER_DOCUMENT)
        entry = names.get(item_id or "")
        return fmt.cap(fmt.pick(entry, "name", lang)) if entry else ""

    head = [
        t(lang, texts.APP_TITLE, number=app.number),
        t(lang, texts.APP_SERVICE, service=title_of(kb, app, lang)),
        t(lang, texts.APP_STATUS, status=status_text(app.status, lang)),
        t(lang, texts.APP_SUBMITTED, date=fmt.day(app.submitted_at)),
    ]
    if app.due_date:
        head.append(t(lang, texts.APP_DUE_DATE, date=fmt.day(app.due_date)))
    else:
        head.append(t(lang, texts.APP_DUE_STANDARD))
    if app.status == "refused" and app.decision_reason:
        head.append(t(lang, texts.APP_REFUSAL, reason=app.decision_reason))
    parts: list[Msg] = [*notes, Msg.text("\n".join(head))]
    if app.missing_items:
        missing = "; ".join(fmt.short(fmt.pick(m, "name", lang), 80) for m in app.missing_items)
        parts.append(Msg(texts.APP_GAP, {"names": missing}))
    if uploads:
        lines = [t(lang, texts.APP_FILES, count=len(uploads))]
        for n, upload in enumerate(uploads, 1):
            item = name_of(upload.item_id)
            lines.append(
                f"{n}. {fmt.short(item, 70) + ' — ' if item else ''}"
                f"{fmt.file_label(lang, upload, n)} ({fmt.file_details(lang, upload)})"
            )
        parts.append(Msg.text("\n".join(lines)))
    else:
        parts.append(Msg(texts.APP_NO_FILES))
    buttons: list[list[Button]] = []
    if app.status == "needs_documents" and app.requested_items:
        waiting = {i["id"] for i in outstanding}
        lines = [t(lang, texts.APP_REQUESTED)]
        for item in app.requested_items:
            done = item["id"] not in waiting
            lines.append(f"{'✅' if done else '⬜'} {fmt.cap(fmt.pick(item, 'name', lang))}")
            if done:
                continue
            buttons.append(
                [
                    Button(
                        Msg(
                            texts.BTN_UPLOAD, {"name": fmt.short(fmt.pick(item, "name", lang), 40)}
                        ),
                        Action.make("apps", "up", app.number, item_ref(item["id"])),
                    )
                ]
            )
        parts.append(Msg.text("\n".join(lines)))
        for n, upload in enumerate(uploads, 1):
            if app.requested_at and upload.created_at >= app.requested_at:
                buttons.append(
                    [
                        Button(
                            Msg(texts.BTN_DELETE, {"file": fmt.file_label(lang, upload, n)}),
                            Action.make("apps", "del", upload.id),
                        )
                    ]
                )
    parts.append(Msg.text(_history(events, lang)))
    if withdrawable:
        buttons.append([Button(Msg(texts.BTN_WITHDRAW), Action.make("apps", "wd", app.number))])
    buttons.append([Button(Msg(texts.BTN_BACK), Action.make("apps", "list", 0)), menu_button()])
    return View(parts=parts, buttons=buttons)


def which_view(
    app: Any,
    outstanding: Sequence[dict],
    upload: Any,
    index: int,
    lang: str,
    notes: Sequence[Msg] = (),
) -> View:
    buttons = [
        [
            Button(
                label(fmt.cap(fmt.pick(item, "name", lang)), 44),
                Action.make("apps", "as", upload.id, item_ref(item["id"])),
            )
        ]
        for item in outstanding
    ]
    buttons.append(
        [
            Button(
                Msg(texts.BTN_DELETE, {"file": fmt.file_label(lang, upload, index)}),
                Action.make("apps", "del", upload.id),
            )
        ]
    )
    question = Msg(texts.ASK_WHICH, {"file": fmt.file_label(lang, upload, index)})
    return View(parts=[*notes, question], buttons=buttons)
