"""Views of the document check: the checklist of a draft and one document of it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialogs.common.ids import Action, service_token, token
from dialogs.common.kb import service_label
from dialogs.common.keyboards import label, menu_button
from dialogs.core import Button, Msg, View
from dialogs.documents import check as chk
from dialogs.documents import fmt, texts
from domain.i18n import t

MARKS = {"have": "✅", "missing": "⬜", "conditional": "❔", "not_required": "➖"}
BUTTON_NAME = 44


def item_action(verb: str, draft_id: int, item_id: str) -> str:
    return Action.make("docs", verb, draft_id, token(item_id))


def mark(item: chk.Item) -> str:
    if item.present:
        return MARKS["have"]
    return MARKS["missing"] if item.status == "required" else MARKS[item.status]


def files_by_item(uploads: Sequence[Any]) -> dict[str | None, list[Any]]:
    grouped: dict[str | None, list[Any]] = {}
    for upload in uploads:
        grouped.setdefault(upload.item_id, []).append(upload)
    return grouped


def choices_line(opts: dict[str, Any], draft: Any, lang: str) -> str:
    case = chk.case_entry(opts, draft.case_id)
    values = [fmt.pick(case, "name", lang) if case else ""]
    for key, chosen in (("applicant_types", draft.applicant_type), ("channels", draft.channel)):
        entry = next((e for e in opts.get(key) or [] if e["id"] == chosen), None)
        if entry is not None and len(opts.get(key) or []) > 1:
            values.append(fmt.pick(entry, "name", lang))
    return " · ".join(v for v in values if v)


def reason_line(opts: dict[str, Any], draft: Any, lang: str) -> str | None:
    case = chk.case_entry(opts, draft.case_id)
    reason = chk.reason_of(draft)
    entry = next((r for r in (case or {}).get("reasons") or [] if r["id"] == reason), None)
    return t(lang, texts.REASON_LINE, reason=fmt.pick(entry, "name", lang)) if entry else None


def source_line(kb: Any, check: chk.Check, lang: str) -> str | None:
    if check.source == "overlay":
        ref = check.reference or {}
        cited = ", ".join(
            p for p in (fmt.act_name(kb, lang, ref.get("act_id")), fmt.paragraph(lang, ref)) if p
        )
        return t(lang, texts.OVERLAY_SOURCE, citation=cited or "—")
    cited = next((i.citation for i in check.items if i.citation.get("act_id")), None)
    if not cited:
        return None
    common = _common_citation(check.wanted)
    where = {"paragraph": cited.get("paragraph"), "subitem": common[1] if common else None}
    return t(
        lang,
        texts.REGULATION_SOURCE,
        act=fmt.act_name(kb, lang, cited.get("act_id")) or cited.get("act", ""),
        paragraph=fmt.paragraph(lang, where),
    )


def _common_citation(items: Sequence[chk.Item]) -> tuple[Any, Any] | None:
    """(paragraph, sub-item) when every document cites the same one (then said once)."""
    places = {(i.citation.get("paragraph"), i.citation.get("subitem")) for i in items}
    return places.pop() if len(places) == 1 else None


def _item_line(number: int, item: chk.Item, files: int, lang: str, cite: bool) -> str:
    line = f"{mark(item)} {number}. {fmt.cap(item.name(lang))}"
    condition = item.condition(lang)
    if condition:
        line += f" — {condition}"
    where = fmt.paragraph(lang, item.citation) if cite and not item.citation.get("overlay") else ""
    if where:
        line += f" [{where}]"
    if files:
        line += f" 📎{files}"
    return line


def checklist_view(
    kb: Any,
    opts: dict[str, Any],
    draft: Any,
    check: chk.Check,
    uploads: Sequence[Any],
    lang: str,
    *,
    notes: Sequence[Msg] = (),
    skipped: Sequence[str] = (),
    operators: bool = False,
    edit: bool = False,
) -> View:
    files = files_by_item(uploads)
    header = [t(lang, texts.CHECK_TITLE, service=service_label(kb, draft.service_id, lang))]
    header.append(choices_line(opts, draft, lang))
    if (reason := reason_line(opts, draft, lang)) is not None:
        header.append(reason)
    parts: list[Msg] = [*notes, Msg.text("\n".join(h for h in header if h))]
    if (source := source_line(kb, check, lang)) is not None:
        parts.append(Msg.text(source))
    if check.source == "overlay" and fmt.pick(opts, "note", lang):
        parts.append(Msg.text(fmt.pick(opts, "note", lang)))
    numbered = 0
    cite_each = _common_citation(check.wanted) is None
    for status, title in (
        ("required", texts.SECTION_REQUIRED),
        ("conditional", texts.SECTION_CONDITIONAL),
        ("not_required", texts.SECTION_NOT_REQUIRED),
    ):
        items = [i for i in check.items if i.status == status]
        if not items:
            continue
        lines = [t(lang, title)]
        for item in items:
            if status == "not_required":
                why = item.condition(lang)
                name = fmt.cap(item.name(lang))
                lines.append(f"{mark(item)} {name}" + (f" — {why}" if why else ""))
                continue
            numbered += 1
            lines.append(_item_line(numbered, item, len(files.get(item.id, [])), lang, cite_each))
        parts.append(Msg.text("\n".join(lines)))
    if check.missing:
        names = "; ".join(fmt.short(i.name(lang), 90) for i in check.missing)
        parts.append(Msg(texts.MISSING_SUMMARY, {"names": names}))
    else:
        parts.append(Msg(texts.COMPLETE))
    if skipped and any(i.status == "conditional" for i in check.items):
        parts.append(Msg(texts.SKIPPED_NOTE))
    unassigned = len(files.get(None, []))
    if unassigned:
        parts.append(Msg(texts.UNASSIGNED, {"count": unassigned}))
    parts.append(Msg(texts.HOW_TO))
    buttons = [
        [
            Button(
                label(f"{mark(item)} {fmt.cap(item.name(lang))}", BUTTON_NAME),
                item_action("it", draft.id, item.id),
            )
        ]
        for item in check.wanted
    ]
    if unassigned:
        buttons.append([Button(Msg(texts.BTN_ATTACH), Action.make("docs", "ask", draft.id))])
    buttons.append([Button(Msg(texts.BTN_SUBMIT), Action.make("docs", "submit", draft.id))])
    buttons.append(
        [
            Button(Msg(texts.BTN_CHANGE), Action.make("docs", "redo", draft.id)),
            Button(Msg(texts.BTN_DELETE_DRAFT), Action.make("docs", "drop", draft.id)),
        ]
    )
    if operators:
        ref = service_token(draft.service_id)
        buttons.append([Button(Msg(texts.BTN_OPERATOR), Action.make("op", "ask", ref))])
    buttons.append([menu_button()])
    return View(parts=parts, buttons=buttons, edit=edit)


def item_view(
    kb: Any,
    draft: Any,
    item: chk.Item,
    uploads: Sequence[Any],
    lang: str,
    *,
    ticked: bool,
    notes: Sequence[Msg] = (),
) -> View:
    parts: list[Msg] = [*notes, Msg.text(fmt.cap(item.name(lang)))]
    status = (
        texts.ITEM_HAVE
        if item.present
        else {
            "required": texts.ITEM_MISSING,
            "conditional": texts.ITEM_CONDITIONAL,
            "not_required": texts.ITEM_NOT_REQUIRED,
        }[item.status]
    )
    parts.append(Msg(status))
    if item.condition(lang):
        parts.append(Msg(texts.ITEM_CONDITION, {"condition": item.condition(lang)}))
    cite = item.citation
    if cite.get("overlay"):
        parts.append(Msg(texts.ITEM_BASIS_OVERLAY, {"quote": cite.get("quote") or "—"}))
    elif cite:
        parts.append(
            Msg(
                texts.ITEM_BASIS,
                {
                    "act": fmt.act_name(kb, lang, cite.get("act_id")) or cite.get("act", ""),
                    "paragraph": fmt.paragraph(lang, cite),
                    "quote": fmt.short(cite.get("quote", ""), 400),
                },
            )
        )
    mine = [u for u in uploads if u.item_id == item.id]
    if mine:
        lines = [t(lang, texts.ITEM_FILES)]
        lines += [
            f"{n}. {fmt.file_label(lang, u, n)} ({fmt.file_details(lang, u)})"
            for n, u in enumerate(mine, 1)
        ]
        parts.append(Msg.text("\n".join(lines)))
    else:
        parts.append(Msg(texts.ITEM_NO_FILES))
    tick = (
        Button(Msg(texts.BTN_UNTICK), item_action("ut", draft.id, item.id))
        if ticked
        else Button(Msg(texts.BTN_TICK), item_action("tk", draft.id, item.id))
    )
    buttons = [[tick], [Button(Msg(texts.BTN_UPLOAD_FOR), item_action("up", draft.id, item.id))]]
    for n, upload in enumerate(mine, 1):
        buttons.append(
            [
                Button(
                    Msg(texts.BTN_DELETE_FILE, {"file": fmt.file_label(lang, upload, n)}),
                    Action.make("docs", "del", upload.id),
                )
            ]
        )
    buttons.append([Button(Msg(texts.BTN_BACK_TO_LIST), Action.make("docs", "list", draft.id))])
    return View(parts=parts, buttons=buttons)


def upload_prompt(draft: Any, item: chk.Item, lang: str) -> View:
    return View(
        parts=[Msg(texts.UPLOAD_PROMPT, {"name": item.name(lang)})],
        buttons=[[Button(Msg(texts.BTN_BACK_TO_LIST), Action.make("docs", "list", draft.id))]],
    )


def which_item_view(
    draft: Any, check: chk.Check, upload: Any, index: int, lang: str, notes: Sequence[Msg] = ()
) -> View:
    """Ask which checklist document a file is (missing documents first)."""
    ordered = sorted(check.wanted, key=lambda i: (i.present, i.status != "required"))
    buttons = [
        [
            Button(
                label(f"{mark(item)} {fmt.cap(item.name(lang))}", BUTTON_NAME),
                Action.make("docs", "as", upload.id, token(item.id)),
            )
        ]
        for item in ordered
    ]
    buttons.append(
        [Button(Msg(texts.BTN_OTHER_DOCUMENT), Action.make("docs", "as", upload.id, "-"))]
    )
    buttons.append(
        [Button(Msg(texts.BTN_DELETE_THIS_FILE), Action.make("docs", "del", upload.id))]
    )
    buttons.append([Button(Msg(texts.BTN_BACK_TO_LIST), Action.make("docs", "list", draft.id))])
    question = Msg(texts.ASK_WHICH, {"file": fmt.file_label(lang, upload, index)})
    return View(parts=[*notes, question], buttons=buttons)
