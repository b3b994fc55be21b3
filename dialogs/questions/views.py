"""Views of the questions flow: the answer with its citation and buttons, prompts, hints."""

from __future__ import annotations

from typing import Any

from dialogs.common.ids import Action, service_token
from dialogs.common.kb import service_label
from dialogs.common.keyboards import label, menu_button
from dialogs.common.menu import Features
from dialogs.core import Button, Msg, View
from domain.i18n import N_

# Below this confidence the answer offers an operator even when the knowledge base answered.
LOW_CONFIDENCE = 0.5
MAX_CANDIDATES = 5
# An answer that contains this many first characters of a citation's quote or regulation title
# already cites its source.
CITED_PREFIX = 30
MIN_CITED = 12

ASK_PROMPT = N_(
    "Type your question in your own words, in Kazakh or Russian. For example: “What documents "
    "are needed for a pharmacy licence?”"
)
ASK_ABOUT_SERVICE = N_("Type your question about the service “{service}”.")
ANY_SERVICE = N_("Now I will answer about any service.")
SOURCE = N_("Source: {source}")
WHICH_SERVICE = N_("Which service do you mean?")
NOT_HELPFUL = N_(
    "I am sorry the answer did not help. Try asking in other words or name the service."
)
OPERATOR_CAN_HELP = N_("An operator can answer your question too.")
THANKS = N_("Thank you for the feedback!")
ALREADY_RATED = N_("You have already rated this answer.")
TOO_OLD = N_("This answer is too old. Please ask your question again.")
TOO_LONG = N_(
    "The message is too long. Please ask your question briefly, in one or two sentences."
)
UNSUPPORTED = N_("I understand text messages and buttons. Please write your question in words.")
FILE_OUTSIDE_CHECK = N_("To send documents, first choose a service and start the document check.")
UNKNOWN_COMMAND = N_(
    "I do not know this command. /menu opens the main menu, /help explains what I can do."
)
KB_UNAVAILABLE = N_("The knowledge base is not available right now. Please try again later.")

BTN_HELPFUL = N_("👍 Helpful")
BTN_NOT_HELPFUL = N_("👎 Not helpful")
BTN_OPERATOR = N_("👤 Ask an operator")
BTN_ANY_SERVICE = N_("🔄 Ask about any service")
BTN_CHECK_DOCUMENTS = N_("✅ Check my documents")


def field(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a knowledge-base result, whether it is an object or a dict."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def candidate_ids(answer: Any) -> list[str]:
    ids: list[str] = []
    for item in field(answer, "candidates") or []:
        sid = item if isinstance(item, str) else field(item, "service_id") or field(item, "id")
        if sid and sid not in ids:
            ids.append(str(sid))
    return ids[:MAX_CANDIDATES]


def citation_text(citation: Any) -> str:
    """The act, regulation and paragraph, as the knowledge base localised them."""
    pieces = [field(citation, key) for key in ("act", "regulation", "paragraph")]
    return ", ".join(str(p).strip() for p in pieces if p and str(p).strip())


def source_parts(answer: Any) -> list[Msg]:
    """The citation line, unless the answer text already quotes or names its source."""
    text = field(answer, "answer") or ""
    citations = field(answer, "citations") or []
    if not citations:
        return []
    for citation in citations:
        for key in ("quote", "regulation"):
            piece = str(field(citation, key) or "").strip()[:CITED_PREFIX]
            if len(piece) >= MIN_CITED and piece in text:
                return []
    source = citation_text(citations[0])
    if not source or source in text:
        return []
    return [Msg(SOURCE, {"source": source})]


def needs_operator(answer: Any) -> bool:
    confidence = field(answer, "confidence")
    return bool(field(answer, "escalate")) or (
        confidence is not None and float(confidence) < LOW_CONFIDENCE
    )


def operator_button(service_id: str | None) -> Button:
    action = Action.make("op", "ask", service_token(service_id)) if service_id else "op:ask"
    return Button(Msg(BTN_OPERATOR), action)


def answer_view(
    kb: Any,
    answer: Any,
    number: int,
    lang: str,
    features: Features,
    *,
    context_service: str | None,
) -> View:
    parts = [Msg.text(field(answer, "answer") or ""), *source_parts(answer)]
    buttons: list[list[Button]] = []
    candidates = [sid for sid in candidate_ids(answer) if sid in kb.services]
    if candidates:
        parts.append(Msg(WHICH_SERVICE))
        for index, sid in enumerate(candidates):
            buttons.append(
                [
                    Button(
                        label(service_label(kb, sid, lang)),
                        Action.make("qa", "pick", number, index),
                    )
                ]
            )
    escalate = bool(field(answer, "escalate"))
    if not escalate and not candidates:
        buttons.append(
            [
                Button(Msg(BTN_HELPFUL), Action.make("qa", "fb", number, 1)),
                Button(Msg(BTN_NOT_HELPFUL), Action.make("qa", "fb", number, 0)),
            ]
        )
    if features.has("op") and needs_operator(answer):
        buttons.append([operator_button(field(answer, "service_id") or context_service)])
    if context_service:
        buttons.append([Button(Msg(BTN_ANY_SERVICE), "qa:clear")])
    return View(parts=parts, buttons=buttons)


def prompt_view(kb: Any, lang: str, context_service: str | None) -> View:
    if context_service and kb is not None and context_service in kb.services:
        title = service_label(kb, context_service, lang)
        return View(
            parts=[Msg(ASK_ABOUT_SERVICE, {"service": title})],
            buttons=[[Button(Msg(BTN_ANY_SERVICE), "qa:clear")], [menu_button()]],
        )
    return View(parts=[Msg(ASK_PROMPT)], buttons=[[menu_button()]])


def not_helpful_view(features: Features, service_id: str | None) -> View:
    parts = [Msg(NOT_HELPFUL)]
    buttons: list[list[Button]] = []
    if features.has("op"):
        parts.append(Msg(OPERATOR_CAN_HELP))
        buttons.append([operator_button(service_id)])
    buttons.append([menu_button()])
    return View(parts=parts, buttons=buttons, toast=Msg(THANKS))


def hint_view(msgid: str, features: Features | None = None) -> View:
    buttons: list[list[Button]] = []
    if msgid == FILE_OUTSIDE_CHECK and features is not None:
        buttons.append([Button(Msg(BTN_CHECK_DOCUMENTS), "docs:start")])
    buttons.append([menu_button()])
    return View(parts=[Msg(msgid)], buttons=buttons)


def toast_view(msgid: str) -> View:
    """Only a short notice on the pressed button, no message."""
    return View(parts=[], toast=Msg(msgid))
