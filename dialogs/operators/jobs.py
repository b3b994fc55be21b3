"""Periodic work of the operators' feature, run by the transport's scheduler.

``remind_unanswered`` posts one reminder into a ticket's topic when nobody has answered it for
longer than ``TICKET_REMIND_MINUTES``; a ticket is reminded once.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.operators import views
from dialogs.operators.common import config, now, parts_payload
from dialogs.services import unit_of_work
from domain.operators import relay, tickets
from domain.operators.models import as_utc

log = logging.getLogger(__name__)


async def remind_unanswered(services: Any) -> int:
    """Queue reminders for tickets waiting too long; returns how many."""
    cfg = config(services)
    if cfg.chat_id is None:
        return 0
    moment = now(services)
    async with unit_of_work(services) as session:
        due = await tickets.due_reminders(session, moment, cfg.remind_after)
        for ticket in due:
            waited = moment - as_utc(ticket.created_at)
            await relay.group_notice(
                session,
                cfg.chat_id,
                lang=cfg.group_lang,
                ticket_id=ticket.id,
                parts=parts_payload(cfg.group_lang, [views.reminder(ticket.id, waited)]),
            )
            tickets.mark_reminded(ticket, moment)
    if due:
        log.info("reminded %d unanswered ticket(s)", len(due))
    return len(due)
