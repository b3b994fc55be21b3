"""Views of the operators' feature: what applicants see and what operators see in the group."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dialogs.common.kb import service_title
from dialogs.core import Button, Msg, View
from dialogs.operators.texts import age_msg, hours_msg, when_text
from domain.i18n import N_
from domain.operators.hours import OperatorHours
from domain.operators.models import Ticket
from domain.operators.tickets import OpenTicket

MAX_CARD_QUESTION = 1500
MAX_CARD_ANSWER = 1200

# ---------------------------------------------------------------- applicant side


def leave_button() -> Button:
    return Button(Msg(N_("⬅️ Back to the bot")), "op:leave")


def not_configured() -> View:
    return View(
        [Msg(N_("Operators are not connected to this bot yet. Please try again later."))],
        [[Button(Msg(N_("🏠 Main menu")), "menu:show")]],
    )


def hours_part(hours: OperatorHours, now: datetime, lang: str) -> Msg:
    schedule = hours_msg(hours, lang)
    if hours.is_open(now):
        return Msg(N_("Operators work {hours}."), {"hours": schedule})
    nxt = hours.next_open(now)
    if nxt is None:
        return Msg(
            N_(
                "Operators work {hours}. It is outside working hours now: your question is "
                "saved, and an operator will answer as soon as they start work."
            ),
            {"hours": schedule},
        )
    return Msg(
        N_(
            "Operators work {hours}. It is outside working hours now: your question is saved, "
            "and an operator will answer after {when}."
        ),
        {"hours": schedule, "when": when_text(lang, nxt, hours)},
    )


def ask_question(hours: OperatorHours, now: datetime, lang: str) -> View:
    return View(
        [
            Msg(
                N_(
                    "Write your question for an operator in one message. The operator will see "
                    "your question and the number of your open application, if you have one."
                )
            ),
            hours_part(hours, now, lang),
        ],
        [[Button(Msg(N_("✖️ Cancel")), "op:back")]],
    )


def consent(question: str, uncertain: bool) -> View:
    lead = (
        N_("The bot is not sure about this answer. Shall I pass your question to an operator?")
        if uncertain
        else N_("Shall I pass your question to an operator?")
    )
    return View(
        [
            Msg(lead),
            Msg(N_("Your question: «{question}»"), {"question": question}),
            Msg(
                N_(
                    "The operator will see your question, the bot's answer and the number of "
                    "your open application, if you have one."
                )
            ),
        ],
        [
            [Button(Msg(N_("✅ Yes, ask an operator")), "op:send")],
            [Button(Msg(N_("✏️ Write another question")), "op:new")],
            [Button(Msg(N_("✖️ No, thanks")), "op:back")],
        ],
    )


def ticket_opened(number: int, hours: OperatorHours, now: datetime, lang: str) -> View:
    return View(
        [
            Msg(
                N_(
                    "Your question has been passed to the operators: ticket No. {number}. The "
                    "answer will come to this chat. To add details, a document or a photo, just "
                    "send them here."
                ),
                {"number": number},
            ),
            hours_part(hours, now, lang),
        ],
        [[leave_button()]],
    )


def already_open(number: int) -> View:
    return View(
        [
            Msg(
                N_(
                    "Your ticket No. {number} is open. Write your message here and I will pass it "
                    "on to the operator."
                ),
                {"number": number},
            )
        ],
        [[leave_button()]],
    )


def followup_sent(number: int, reopened: bool) -> View:
    if reopened:
        msg = Msg(
            N_(
                "Ticket No. {number} has been reopened and your message passed on to the operator."
            ),
            {"number": number},
        )
    else:
        msg = Msg(N_("Sent to the operator (ticket No. {number})."), {"number": number})
    return View([msg], [[leave_button()]])


def reply_prompt(number: int) -> View:
    return View(
        [Msg(N_("Write your reply to the operator (ticket No. {number})."), {"number": number})],
        [[leave_button()]],
    )


def ticket_gone(number: int) -> View:
    return View(
        [
            Msg(
                N_(
                    "Ticket No. {number} is closed. To ask something new, contact an operator "
                    "again."
                ),
                {"number": number},
            )
        ],
        [[Button(Msg(N_("👤 Contact an operator")), "op:start")]],
    )


def closed_by_applicant(number: int) -> View:
    return View(
        [
            Msg(
                N_(
                    "Thank you! Ticket No. {number} is closed. If you have more questions, "
                    "I am here."
                ),
                {"number": number},
            )
        ],
        [[Button(Msg(N_("🏠 Main menu")), "menu:show")]],
    )


def left() -> View:
    return View(
        [
            Msg(
                N_(
                    "You are back with the bot. The operator's answer will still come to this "
                    "chat."
                )
            )
        ],
        [[Button(Msg(N_("🏠 Main menu")), "menu:show")]],
    )


def back() -> View:
    return View(
        [Msg(N_("All right. Let us continue where you were."))],
        [[Button(Msg(N_("🏠 Main menu")), "menu:show")]],
    )


def empty_question() -> View:
    return View(
        [Msg(N_("Please write your question in words."))],
        [[Button(Msg(N_("✖️ Cancel")), "op:back")]],
    )


def closed_by_operator(number: int, window_hours: int) -> View:
    return View(
        [
            Msg(
                N_(
                    "The operator has closed ticket No. {number}. If something is still unclear, "
                    "write here within {hours} h and the ticket will be reopened."
                ),
                {"number": number, "hours": window_hours},
            )
        ],
        [[Button(Msg(N_("👤 Contact an operator")), "op:start")]],
    )


def reply_header(number: int) -> Msg:
    return Msg(N_("💬 Operator's answer (ticket No. {number}):"), {"number": number})


def reply_buttons(number: int) -> list[list[Button]]:
    return [
        [Button(Msg(N_("↩️ Reply to the operator")), f"op:reply:{number}")],
        [Button(Msg(N_("✅ My question is solved")), f"op:done:{number}")],
    ]


# ---------------------------------------------------------------- operators' group


def _clip(text: str, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ticket_card(ticket: Ticket, kb: Any, lang: str, *, forum: bool, again: str = "") -> View:
    """The ticket as operators first see it. ``again``: "" | "reopened" | "recreated"."""
    heading = {
        "": N_("🆕 Ticket No. {number}"),
        "reopened": N_("🔁 Ticket No. {number} (reopened)"),
        "recreated": N_("♻️ Ticket No. {number} (the topic was deleted; this is a new one)"),
    }[again]
    parts = [Msg(heading, {"number": ticket.id})]
    if ticket.service_id:
        title = service_title(kb, ticket.service_id, lang) if kb is not None else ticket.service_id
        parts.append(Msg(N_("Service: {service}"), {"service": title}))
    parts.append(
        Msg(
            N_("Applicant: {name} (id {user_id}), language: {lang}"),
            {"name": ticket.applicant_name or "—", "user_id": ticket.user_id, "lang": ticket.lang},
        )
    )
    if ticket.application_number:
        parts.append(Msg(N_("Application: {number}"), {"number": ticket.application_number}))
    parts.append(
        Msg(N_("Question:\n{question}"), {"question": _clip(ticket.question, MAX_CARD_QUESTION)})
    )
    if ticket.bot_answer:
        parts.append(
            Msg(
                N_("Bot's answer:\n{answer}"),
                {"answer": _clip(ticket.bot_answer, MAX_CARD_ANSWER)},
            )
        )
    hint = (
        N_("Answer in this topic: the applicant receives your messages. /close closes the ticket.")
        if forum
        else N_(
            "Reply to this message to answer the applicant. /close in a reply closes the ticket."
        )
    )
    parts.append(Msg(hint))
    return View(parts, [[close_button(ticket.id)]])


def close_button(number: int) -> Button:
    return Button(Msg(N_("✅ Close the ticket")), f"opg:close:{number}")


def topic_name(ticket: Ticket, kb: Any, lang: str) -> str:
    """Forum topic name (Telegram allows 128 characters)."""
    name = f"#{ticket.id}"
    if ticket.service_id:
        title = service_title(kb, ticket.service_id, lang) if kb is not None else ticket.service_id
        name = f"{name} · {title}"
    return _clip(name, 128)


def applicant_header(number: int) -> Msg:
    return Msg(N_("✉️ Applicant (ticket No. {number}):"), {"number": number})


def not_operator() -> Msg:
    return Msg(N_("Only operators can answer applicants. Your message was not sent."))


def ticket_closed_not_sent(number: int) -> Msg:
    return Msg(
        N_("Ticket No. {number} is closed, so the message was not sent to the applicant."),
        {"number": number},
    )


def closed_notice(number: int, by_applicant: bool) -> Msg:
    if by_applicant:
        return Msg(N_("✅ The applicant closed ticket No. {number}."), {"number": number})
    return Msg(N_("✅ Ticket No. {number} is closed."), {"number": number})


def reopened_notice(number: int) -> Msg:
    return Msg(
        N_("🔁 The applicant wrote again: ticket No. {number} is reopened."), {"number": number}
    )


def reminder(number: int, waited: Any) -> Msg:
    return Msg(
        N_("⏰ Ticket No. {number} has been waiting for an answer for {age}."),
        {"number": number, "age": age_msg(waited)},
    )


def undeliverable(number: int) -> Msg:
    return Msg(
        N_(
            "⚠️ The answer to ticket No. {number} was not delivered: the applicant has blocked "
            "the bot."
        ),
        {"number": number},
    )


def where_to_close() -> Msg:
    return Msg(N_("Use /close in a ticket's topic or in a reply to a ticket's message."))


def already_closed(number: int) -> Msg:
    return Msg(N_("Ticket No. {number} is already closed."), {"number": number})


def open_tickets(items: list[OpenTicket], kb: Any, lang: str) -> list[Msg]:
    if not items:
        return [Msg(N_("No open tickets."))]
    parts = [Msg(N_("Open tickets: {n}"), {"n": len(items)})]
    for item in items:
        state = (
            Msg(N_("waiting for an answer")) if item.waiting else Msg(N_("answered, not closed"))
        )
        service = service_title(kb, item.service_id, lang) if item.service_id and kb else "—"
        parts.append(
            Msg(
                N_("No. {number} · {age} · {service} · {state}"),
                {"number": item.id, "age": age_msg(item.age), "service": service, "state": state},
            )
        )
    return parts
