"""Views of the catalogue: category list, services of a category, search results, a card."""

from __future__ import annotations

from typing import Any

from dialogs.common.ids import Action, service_token, token
from dialogs.common.kb import localised, service_label
from dialogs.common.keyboards import (
    back_button,
    label,
    menu_button,
    page_note,
    page_slice,
    pager,
)
from dialogs.common.menu import Features
from dialogs.core import Button, Msg, View
from domain.i18n import N_

CATEGORIES_PER_PAGE = 8
SERVICES_PER_PAGE = 6

CHOOSE_CATEGORY = N_(
    "Choose a category of services, or type a few words about the service you need "
    "(for example: pharmacy, tour operator)."
)
CATEGORY_SERVICES = N_("Services in the category “{category}”. Choose one:")
SEARCH_RESULTS = N_("These services match your words. Choose one:")
NOTHING_FOUND = N_("I found no service for these words. Try other words or choose a category.")
NO_SERVICES = N_("The knowledge base has no services yet.")
SERVICE_GONE = N_("This service is no longer in the knowledge base. Please choose again.")
CATEGORY_GONE = N_("This category is no longer in the knowledge base. Please choose again.")
BTN_CATEGORIES = N_("⬅️ Categories")
BTN_BACK_TO_LIST = N_("⬅️ Back to the list")
BTN_CHECK_DOCUMENTS = N_("✅ Check documents")
BTN_ASK_ABOUT = N_("❓ Ask about this service")
BTN_ASK_AS_QUESTION = N_("❓ Ask it as a question")


def service_button(kb: Any, service_id: str, lang: str) -> Button:
    return Button(
        label(service_label(kb, service_id, lang)),
        Action.make("svc", "open", service_token(service_id)),
    )


def categories_view(kb: Any, lang: str, page: int, *, edit: bool) -> View:
    categories = [c for c in kb.categories() if c.service_ids]
    if not categories:
        return View(parts=[Msg(NO_SERVICES)], buttons=[[menu_button()]], edit=edit)
    items, page, pages = page_slice(categories, page, CATEGORIES_PER_PAGE)
    buttons = [
        [
            Button(
                label(f"{localised(c, 'name', lang)} ({len(c.service_ids)})"),
                Action.make("cat", "open", token(c.id), 0),
            )
        ]
        for c in items
    ]
    nav = pager(page, pages, lambda p: Action.make("cat", "page", p))
    if nav:
        buttons.append(nav)
    buttons.append([menu_button()])
    return View(parts=[Msg(CHOOSE_CATEGORY), *page_note(page, pages)], buttons=buttons, edit=edit)


def category_view(kb: Any, category: Any, lang: str, page: int) -> tuple[View, int]:
    ids = [sid for sid in category.service_ids if sid in kb.services]
    items, page, pages = page_slice(ids, page, SERVICES_PER_PAGE)
    buttons = [[service_button(kb, sid, lang)] for sid in items]
    cat_token = token(category.id)
    nav = pager(page, pages, lambda p: Action.make("cat", "open", cat_token, p))
    if nav:
        buttons.append(nav)
    buttons.append([back_button("cat:home", BTN_CATEGORIES), menu_button()])
    parts = [
        Msg(CATEGORY_SERVICES, {"category": localised(category, "name", lang)}),
        *page_note(page, pages),
    ]
    return View(parts=parts, buttons=buttons, edit=True), page


def search_view(kb: Any, service_ids: list[str], lang: str) -> View:
    if not service_ids:
        return View(
            parts=[Msg(NOTHING_FOUND)],
            buttons=[
                [Button(Msg(BTN_ASK_AS_QUESTION), "qa:pending")],
                [back_button("cat:home", BTN_CATEGORIES), menu_button()],
            ],
        )
    buttons = [[service_button(kb, sid, lang)] for sid in service_ids]
    buttons.append([Button(Msg(BTN_ASK_AS_QUESTION), "qa:pending")])
    buttons.append([back_button("cat:home", BTN_CATEGORIES), menu_button()])
    return View(parts=[Msg(SEARCH_RESULTS)], buttons=buttons)


def card_view(kb: Any, service_id: str, lang: str, features: Features, back_action: str) -> View:
    # The knowledge base renders the card with its act's status (a warning when the act is
    # repealed or its status unknown): one source of truth for every transport.
    parts = [Msg.text(kb.render_card(service_id, lang))]
    ref = service_token(service_id)
    buttons: list[list[Button]] = []
    if features.has("docs"):
        buttons.append([Button(Msg(BTN_CHECK_DOCUMENTS), Action.make("docs", "svc", ref))])
    buttons.append([Button(Msg(BTN_ASK_ABOUT), Action.make("qa", "svc", ref))])
    buttons.append([back_button(back_action, BTN_BACK_TO_LIST), menu_button()])
    return View(parts=parts, buttons=buttons)
