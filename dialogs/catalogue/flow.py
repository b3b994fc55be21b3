"""Choosing a service.

```mermaid
stateDiagram-v2
    [*] --> Categories: cat:home, /services
    Categories --> Categories: cat:page:N
    Categories --> Services: cat:open:CATEGORY:PAGE
    Services --> Services: cat:open:CATEGORY:PAGE (next / previous)
    Categories --> Results: typed words (step cat.search)
    Services --> Results: typed words (step cat.search)
    Results --> Results: typed words
    Services --> Card: svc:open:SERVICE
    Results --> Card: svc:open:SERVICE
    Card --> Services: back (cat:open)
    Card --> [*]: docs:svc:SERVICE, qa:svc:SERVICE, menu:show
```

While the user browses (step ``cat.search``) typed words search services; a typed sentence that
reads as a question (a question mark, or several words) leaves the step and goes to the
questions flow instead.
"""

from __future__ import annotations

import logging

from dialogs.catalogue.views import (
    CATEGORY_GONE,
    SERVICE_GONE,
    card_view,
    categories_view,
    category_view,
    search_view,
)
from dialogs.common.ids import Action, resolve, resolve_service, token
from dialogs.common.kb import category_of, current_kb
from dialogs.common.lang import current_language
from dialogs.common.menu import Features
from dialogs.common.views import with_notice
from dialogs.core import Event, View
from dialogs.engine import BaseFlow, Context
from domain.i18n import N_

log = logging.getLogger(__name__)

STEP_SEARCH = "cat.search"
SEARCH_LIMIT = 8
MAX_SEARCH_CHARS = 200
QUESTION_MIN_WORDS = 5
STATE_KEY = "cat"  # {"id": category id, "page": int}: the list a card's "Back" returns to
PENDING_QUESTION_KEY = "pending_question"  # typed words the questions flow may answer


def looks_like_question(text: str) -> bool:
    return "?" in text or len(text.split()) >= QUESTION_MIN_WORDS


class CatalogueFlow(BaseFlow):
    name = "catalogue"
    commands = frozenset({"services"})
    action_prefixes = frozenset({"cat", "svc"})
    step_prefix = "cat"
    menu_commands = (("services", N_("Choose a service")),)

    def __init__(self, features: Features) -> None:
        self.features = features

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        lang = current_language(ctx.user.lang, event.language_hint)
        if event.kind == "command" and event.command == "services":
            return self._home(ctx, lang, page=0, edit=False)
        if event.kind == "button":
            return self._button(Action.parse(event.action), ctx, lang)
        if event.kind == "text" and ctx.state.step == STEP_SEARCH:
            return self._search(event.text, ctx, lang)
        return None

    def _button(self, action: Action, ctx: Context, lang: str) -> list[View] | None:
        if action.prefix == "svc" and action.verb == "open":
            return self._card(action.arg(0), ctx, lang)
        if action.verb == "home":
            return self._home(ctx, lang, page=0, edit=True)
        if action.verb == "page":
            return self._home(ctx, lang, page=action.int_arg(0), edit=True)
        if action.verb == "open":
            return self._category(action.arg(0), action.int_arg(1), ctx, lang)
        return None

    def _home(self, ctx: Context, lang: str, *, page: int, edit: bool) -> list[View]:
        ctx.state.step = STEP_SEARCH
        return [categories_view(current_kb(ctx), lang, page, edit=edit)]

    def _category(self, ref: str, page: int, ctx: Context, lang: str) -> list[View]:
        kb = current_kb(ctx)
        categories = {c.id: c for c in kb.categories()}
        category_id = resolve(ref, categories)
        if category_id is None:
            return [with_notice(categories_view(kb, lang, 0, edit=False), CATEGORY_GONE)]
        view, page = category_view(kb, categories[category_id], lang, page)
        ctx.state.step = STEP_SEARCH
        ctx.state.data[STATE_KEY] = {"id": category_id, "page": page}
        return [view]

    def _card(self, ref: str, ctx: Context, lang: str) -> list[View]:
        kb = current_kb(ctx)
        service_id = resolve_service(kb, ref)
        if service_id is None:
            return [with_notice(categories_view(kb, lang, 0, edit=False), SERVICE_GONE)]
        browsed = ctx.state.data.get(STATE_KEY) or {}
        category = category_of(kb, service_id)
        if category is not None and browsed.get("id") != category.id:
            browsed = {"id": category.id, "page": 0}
            ctx.state.data[STATE_KEY] = browsed
        back = (
            Action.make("cat", "open", token(browsed["id"]), int(browsed.get("page", 0)))
            if browsed.get("id")
            else "cat:home"
        )
        ctx.state.step = None
        return [card_view(kb, service_id, lang, self.features, back)]

    def _search(self, text: str, ctx: Context, lang: str) -> list[View] | None:
        text = " ".join(text.split())
        if not text:
            return None
        if looks_like_question(text) or len(text) > MAX_SEARCH_CHARS:
            ctx.state.step = None  # the questions flow (fallback) takes it from here
            return None
        kb = current_kb(ctx)
        found = [sid for sid, _score in kb.search_services(text, lang=lang, limit=SEARCH_LIMIT)]
        found = [sid for sid in found if sid in kb.services]
        ctx.state.data[PENDING_QUESTION_KEY] = text
        return [search_view(kb, found, lang)]
