"""``/reload``, ``/gaps`` and ``/stats`` for administrators (private chat)."""

from __future__ import annotations

import logging
from datetime import timedelta

from dialogs.admin import views
from dialogs.core import Event, View
from dialogs.engine import BaseFlow, Context
from dialogs.operators.common import config, is_admin, lang_of, now
from domain.kb_holder import ReloadReport
from domain.operators import gaps, stats, tickets

log = logging.getLogger(__name__)

GAPS_DAYS = 90
STATS_WEEKS = 4


class AdminFlow(BaseFlow):
    name = "admin"
    commands = frozenset({"reload", "gaps", "stats"})
    action_prefixes = frozenset()
    step_prefix = ""
    menu_commands = ()  # not in the public command menu

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        if event.kind != "command" or event.command not in self.commands:
            return None
        if not is_admin(ctx):
            log.warning("user %s tried admin command /%s", ctx.user.user_id, event.command)
            return [views.not_admin()]
        if event.command == "reload":
            return [views.reload_report(await self._reload(ctx))]
        if event.command == "gaps":
            since = now(ctx) - timedelta(days=GAPS_DAYS)
            groups = await gaps.grouped_gaps(ctx.session, since=since)
            return [views.gaps(groups, _kb(ctx), lang_of(ctx))]
        weeks = await stats.weekly_stats(
            ctx.session, now=now(ctx), weeks=STATS_WEEKS, tz=config(ctx).hours.tz.key
        )
        return [views.stats(weeks, await tickets.count_open(ctx.session))]

    async def _reload(self, ctx: Context) -> ReloadReport:
        holder = ctx.services.knowledge
        if hasattr(holder, "areload"):
            report = await holder.areload()
            if isinstance(report, ReloadReport):
                return report
        return ReloadReport(ok=False, errors=["this knowledge holder cannot reload"])


def _kb(ctx: Context):
    holder = ctx.services.knowledge
    try:
        return holder.get() if hasattr(holder, "get") else holder
    except Exception:
        log.warning("knowledge base unavailable for /gaps", exc_info=True)
        return None
