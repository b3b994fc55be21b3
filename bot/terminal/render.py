"""Views as the terminal shows them: the message text as in Telegram, then its buttons numbered
``[1] ...`` (buttons of one row on one line). Numbers run on across the messages of one answer,
so that each number picks exactly one button."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.render import RenderedButton, render_view
from bot.terminal import texts
from dialogs.core import View
from domain.i18n import t

BOT = "bot> "
INDENT = " " * len(BOT)
USER = "you> "


@dataclass
class Screen:
    """The lines to print and the buttons the next number refers to (1-based)."""

    lines: list[str] = field(default_factory=list)
    buttons: list[RenderedButton] = field(default_factory=list)


def _block(lines: list[str]) -> list[str]:
    return [(BOT if i == 0 else INDENT) + line if line else "" for i, line in enumerate(lines)]


def render_turn(views: list[View], lang: str) -> Screen:
    screen = Screen()
    for view in views:
        rendered = render_view(view, lang)
        lines: list[str] = []
        if rendered.toast:
            lines.append(f"ⓘ {rendered.toast}")
        for chunk in rendered.chunks:
            if lines:
                lines.append("")
            lines.extend(chunk.splitlines())
        if rendered.document:
            name = rendered.document.get("name") or rendered.document.get("key", "")
            lines.append(t(lang, texts.SENT_FILE, name=name))
        if rendered.buttons:
            lines.append("")
            for row in rendered.buttons:
                cells = []
                for button in row:
                    screen.buttons.append(button)
                    cells.append(f"[{len(screen.buttons)}] {button.label}")
                lines.append("   ".join(cells))
        if rendered.request_contact:
            lines.append("")
            lines.append(t(lang, texts.CONTACT_HINT))
        if lines:
            screen.lines.extend(_block(lines))
            screen.lines.append("")
    return screen
