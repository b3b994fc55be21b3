"""``/queue``: open applications, oldest first, with due dates (overdue ones marked), and
``/overdue``: the deadline report also posted daily to the staff chat."""

from __future__ import annotations

from dialogs.common.keyboards import page_note, pager
from dialogs.core import Button, Msg, View
from dialogs.engine import Context
from dialogs.staff import fmt
from domain.i18n import N_, t
from domain.status.labels import status_label
from domain.status.notifications import format_date

PAGE_SIZE = 10

TITLE = N_("Open applications, oldest first ({n}):")
EMPTY = N_("There are no open applications.")
LINE = N_("{number} · {service} · {status} · due {due_date}")
LINE_OVERDUE = N_("{number} · {service} · {status} · due {due_date} · ⚠️ OVERDUE")
LINE_NO_DUE = N_("{number} · {service} · {status} · deadline set by the standard")
HINT = N_("Tap a number to open the application.")


def _line(app, lang: str, today) -> str:
    params = {
        "number": app.number,
        "service": fmt.pick(app.service_title, lang, app.service_id),
        "status": t(lang, status_label(app.status)),
        "due_date": format_date(app.due_date) or "—",
    }
    if app.due_date is None:
        return t(lang, LINE_NO_DUE, **params)
    from domain.applications.status import DEADLINE_RUNNING

    overdue = app.status in DEADLINE_RUNNING and app.due_date < today
    return t(lang, LINE_OVERDUE if overdue else LINE, **params)


async def queue_view(ctx: Context, page: int = 0, *, edit: bool = False) -> View:
    from domain.applications import queries

    lang = fmt.lang_of(ctx)
    total = await queries.count_open(ctx.session)
    if total == 0:
        return View(parts=[Msg(EMPTY)], edit=edit)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    apps = await queries.open_queue(ctx.session, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
    today = fmt.today(ctx)
    lines = "\n".join(f"{i}. {_line(app, lang, today)}"
                      for i, app in enumerate(apps, start=page * PAGE_SIZE + 1))
    parts = [Msg(TITLE, {"n": total}), Msg.text(lines), *page_note(page, pages), Msg(HINT)]
    buttons = [
        [Button(Msg.text(app.number), f"stf:app:{app.number}") for app in apps[i : i + 2]]
        for i in range(0, len(apps), 2)
    ]
    nav = pager(page, pages, lambda p: f"stf:q:{p}")
    if nav:
        buttons.append(nav)
    return View(parts=parts, buttons=buttons, edit=edit)


def _as_msg(part: dict) -> Msg:
    key, params = part["key"], part["params"]
    return Msg(key, params)


async def overdue_view(ctx: Context) -> View:
    from domain.status.report import build_report, report_parts

    lang = fmt.lang_of(ctx)
    report = await build_report(ctx.session, fmt.today(ctx))
    parts = [_as_msg(part) for part in report_parts(report, lang)]
    apps = [*report.overdue, *report.due_today, *report.due_tomorrow]
    buttons = [
        [Button(Msg.text(app.number), f"stf:app:{app.number}") for app in apps[i : i + 2]]
        for i in range(0, min(len(apps), 20), 2)
    ]
    return View(parts=parts, buttons=buttons)
