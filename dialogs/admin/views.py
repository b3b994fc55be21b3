"""What administrators see: reload reports, knowledge gaps, weekly operator statistics."""

from __future__ import annotations

from typing import Any

from dialogs.common.kb import service_title
from dialogs.core import Msg, View
from dialogs.operators.common import text
from dialogs.operators.texts import age_msg
from domain.i18n import N_
from domain.kb_holder import ReloadReport
from domain.operators.gaps import GapGroup
from domain.operators.models import NOT_HELPFUL
from domain.operators.stats import WeekStats

MAX_IDS = 15
MAX_ERRORS = 10


def not_admin() -> View:
    return View([Msg(N_("This command is for administrators."))])


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:MAX_IDS])
    return shown + (f" … (+{len(ids) - MAX_IDS})" if len(ids) > MAX_IDS else "")


def reload_report(report: ReloadReport) -> View:
    if report.busy:
        return View([Msg(N_("A reload is already running. Try again in a minute."))])
    if not report.ok:
        errors = "\n".join(f"• {e}" for e in report.errors[:MAX_ERRORS])
        if len(report.errors) > MAX_ERRORS:
            errors += f"\n… (+{len(report.errors) - MAX_ERRORS})"
        return View(
            [
                Msg(N_("The new knowledge base has errors, so the one in use is kept.")),
                Msg.text(errors or "—"),
            ]
        )
    parts = [
        Msg(
            N_("Knowledge base reloaded: {services} services, version {version}."),
            {"services": report.services, "version": report.new_version or "—"},
        )
    ]
    if report.added:
        parts.append(Msg(N_("Added: {ids}"), {"ids": _ids(report.added)}))
    if report.removed:
        parts.append(Msg(N_("Removed: {ids}"), {"ids": _ids(report.removed)}))
    if report.changed:
        parts.append(Msg(N_("Changed: {ids}"), {"ids": _ids(report.changed)}))
    if not (report.added or report.removed or report.changed):
        parts.append(Msg(N_("No services changed.")))
    if report.warnings:
        parts.append(Msg(N_("Build warnings: {n}"), {"n": len(report.warnings)}))
    return View(parts)


def gaps(groups: list[GapGroup], kb: Any, lang: str) -> View:
    if not groups:
        return View([Msg(N_("No unanswered or unhelpful questions have been recorded."))])
    parts = [Msg(N_("Questions the knowledge base did not answer well, by service and topic:"))]
    for group in groups:
        service = (
            service_title(kb, group.service_id, lang)
            if group.service_id and kb is not None
            else Msg(N_("no service"))
        )
        lines = [
            Msg(
                N_("{service} · question type: {intent} — {count}"),
                {
                    "service": service,
                    "intent": group.intent or "—",
                    "count": group.total,
                },
            )
        ]
        for item in group.items:
            marker = Msg(N_("not helpful")) if item.kind == NOT_HELPFUL else Msg(N_("unanswered"))
            lines.append(
                Msg(
                    N_("«{text}» ({kind}), asked: {count}"),
                    {"count": item.count, "text": _short(item.text), "kind": marker},
                )
            )
        parts.append(Msg.text("\n".join(text(lang, line) for line in lines)))
    return View(parts)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stats(weeks: list[WeekStats], open_now: int) -> View:
    parts = [Msg(N_("Operators' tickets by week:"))]
    for week in reversed(weeks):
        median = (
            age_msg(week.median_first_response) if week.median_first_response else Msg.text("—")
        )
        parts.append(
            Msg(
                N_(
                    "Week of {date}: opened {opened}, answered {answered}, closed {closed}; "
                    "median first response {median}."
                ),
                {
                    "date": week.week_start.strftime("%d.%m.%Y"),
                    "opened": week.opened,
                    "answered": week.answered,
                    "closed": week.closed,
                    "median": median,
                },
            )
        )
    parts.append(Msg(N_("Open now: {n}."), {"n": open_now}))
    return View(parts)
