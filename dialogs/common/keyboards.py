"""Buttons every flow uses: main menu, back, pagination, yes/no."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

from dialogs.core import Button, Msg
from domain.i18n import N_

T = TypeVar("T")

MENU_ACTION = "menu:show"
LABEL_MAX = 80  # characters; Telegram clients cut longer labels anyway


def label(text: str, limit: int = LABEL_MAX) -> Msg:
    """An already-localised label (a service title), shortened to fit a button."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return Msg.text(text)


def menu_button() -> Button:
    return Button(Msg(N_("🏠 Main menu")), MENU_ACTION)


def back_button(action: str, text: str = N_("⬅️ Back")) -> Button:
    return Button(Msg(text), action)


def yes_no(yes_action: str, no_action: str) -> list[Button]:
    return [Button(Msg(N_("Yes")), yes_action), Button(Msg(N_("No")), no_action)]


def page_count(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


def page_slice(items: Sequence[T], page: int, size: int) -> tuple[list[T], int, int]:
    """Items of ``page`` (clamped into range), the clamped page and the number of pages."""
    pages = page_count(len(items), size)
    page = min(max(page, 0), pages - 1)
    return list(items[page * size : (page + 1) * size]), page, pages


def pager(page: int, pages: int, action_for_page) -> list[Button]:
    """A row with "previous" / "next" buttons; empty when everything fits on one page."""
    row: list[Button] = []
    if page > 0:
        row.append(Button(Msg(N_("◀️ Previous")), action_for_page(page - 1)))
    if page < pages - 1:
        row.append(Button(Msg(N_("Next ▶️")), action_for_page(page + 1)))
    return row


def page_note(page: int, pages: int) -> list[Msg]:
    """The "page 2 of 3" note when there is more than one page."""
    if pages <= 1:
        return []
    return [Msg(N_("Page {page} of {pages}"), {"page": page + 1, "pages": pages})]
