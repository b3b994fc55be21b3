"""Value objects shared by every flow and every transport.

Flows speak in message ids (English gettext msgids) with named parameters; transports translate
them with the user's language. Buttons carry stable action ids, never labels, so a translation or a
typo cannot break routing. Everything here is JSON-serialisable so that dialog state survives a
restart and works with Redis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MAX_ACTION_BYTES = 64  # Telegram's callback_data limit

EventKind = Literal["command", "text", "button", "file", "contact", "unsupported"]


@dataclass(frozen=True)
class Msg:
    """A translatable message: ``key`` is the gettext msgid, ``params`` fill its named placeholders.

    ``plural``/``n`` select an ngettext form. ``raw`` marks text that is already in the user's
    language (knowledge-base answers, user input) and must not be translated.
    """

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None
    raw: bool = False

    @staticmethod
    def text(value: str) -> Msg:
        return Msg(key=value, raw=True)


@dataclass(frozen=True)
class Button:
    label: Msg
    action: str  # stable action id, e.g. "svc:open:tour_operator_vko"; <= 64 bytes UTF-8
    url: str | None = None

    def __post_init__(self) -> None:
        if len(self.action.encode("utf-8")) > MAX_ACTION_BYTES:
            raise ValueError(f"action id longer than {MAX_ACTION_BYTES} bytes: {self.action!r}")


@dataclass
class View:
    """One message the transport shows. ``parts`` are joined with blank lines."""

    parts: list[Msg]
    buttons: list[list[Button]] = field(default_factory=list)
    # Replace the message the pressed button belongs to instead of sending a new one.
    edit: bool = False
    # Ask the transport to offer its "share my phone number" control.
    request_contact: bool = False
    # A file the transport should send (storage key + display name), e.g. for staff.
    document: dict[str, str] | None = None
    # Short notice for a pressed button (Telegram's answerCallbackQuery text).
    toast: Msg | None = None


@dataclass(frozen=True)
class IncomingFile:
    """A file the user sent. ``opener`` streams it: an async iterator of byte chunks."""

    file_id: str  # transport id (Telegram file_id, or a local path for the terminal)
    file_name: str | None
    size: int | None
    mime: str | None
    kind: Literal["document", "photo"] = "document"
    media_group_id: str | None = None
    caption: str | None = None
    unique_id: str | None = None
    # Set by the transport: ``opener()`` returns an async iterator of byte chunks (streamed).
    opener: Any = field(default=None, compare=False, repr=False)


@dataclass
class Event:
    kind: EventKind
    user_id: int
    chat_id: int
    text: str = ""
    action: str = ""
    command: str = ""  # without the slash, e.g. "start"
    args: str = ""
    files: list[IncomingFile] = field(default_factory=list)
    contact_phone: str | None = None
    language_hint: str | None = None  # Telegram's language_code
    first_name: str | None = None
    chat_type: str = "private"  # "private" | "group" | "supergroup" (operators' group)
    message_id: int | None = None
    thread_id: int | None = None  # forum topic id in the operators' group
    reply_to_message_id: int | None = None


@dataclass
class DialogState:
    """What a transport persists per user between events (aiogram FSM state + data)."""

    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"step": self.step, "data": self.data}

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> DialogState:
        raw = raw or {}
        return cls(step=raw.get("step"), data=dict(raw.get("data") or {}))
