"""First contact and navigation: language choice (/start, /lang), main menu (/menu), /help.

```mermaid
stateDiagram-v2
    [*] --> ChooseLanguage: /start (no language yet) or /lang
    ChooseLanguage --> MainMenu: lang:set:kk | lang:set:ru
    [*] --> MainMenu: /start (language known), /menu, menu:show
    MainMenu --> [*]: a feature button (cat:home, qa:start, docs:start, ...)
```
"""

from __future__ import annotations

from dialogs.common.ids import Action
from dialogs.common.lang import current_language, language_choice
from dialogs.common.menu import Features, main_menu
from dialogs.core import Event, Msg, View
from dialogs.engine import BaseFlow, Context
from domain import users
from domain.i18n import LANGUAGES, N_, t

LANGUAGE_CHANGED = N_("Language changed.")
HELP_ABOUT = N_(
    "I answer questions about state services of Kazakhstan (licences and permits) from their "
    "regulations, in Kazakh and Russian, and show each service's card: who provides it, where to "
    "apply, the deadlines and the result."
)
HELP_ASK = N_(
    "Just type your question in your own words, for example: “How many days does it take to get "
    "a pharmacy licence?” Every answer names the act and paragraph it comes from."
)
HELP_COMMANDS = N_("Commands:")
HELP_OPERATOR = N_("To reach a person, type “operator” or tap “Contact an operator” in the menu.")

# Keys of DialogState.data that only make sense inside the current conversation: /start drops them.
CONVERSATION_KEYS = ("svc", "cat")


class StartFlow(BaseFlow):
    name = "start"
    commands = frozenset({"start", "lang", "help", "menu"})
    action_prefixes = frozenset({"lang", "menu"})
    step_prefix = "start"
    menu_commands = (
        ("menu", N_("Main menu")),
        ("lang", N_("Change the language")),
        ("help", N_("What the bot can do")),
        ("start", N_("Start over")),
    )

    def __init__(self, features: Features) -> None:
        self.features = features

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        if event.kind == "command":
            return await self._command(event, ctx)
        if event.kind == "button":
            return await self._button(event, ctx)
        return None

    async def _command(self, event: Event, ctx: Context) -> list[View] | None:
        lang = current_language(ctx.user.lang, event.language_hint)
        if event.command == "start":
            ctx.state.step = None
            for key in CONVERSATION_KEYS:
                ctx.state.data.pop(key, None)
            if ctx.user.lang not in LANGUAGES:
                return [language_choice(lang)]
            return [main_menu(self.features, welcome=True)]
        if event.command == "lang":
            return [language_choice(lang)]
        if event.command == "menu":
            ctx.state.step = None
            return [main_menu(self.features)]
        if event.command == "help":
            return [self._help(lang)]
        return None

    async def _button(self, event: Event, ctx: Context) -> list[View] | None:
        action = Action.parse(event.action)
        if action.prefix == "menu":
            ctx.state.step = None
            return [main_menu(self.features)]
        if action.verb == "choose":
            return [language_choice(current_language(ctx.user.lang, event.language_hint))]
        if action.verb == "set" and action.arg(0) in LANGUAGES:
            first_time = ctx.user.lang not in LANGUAGES
            ctx.state.step = None  # the main menu follows: typed text is a question again
            await users.set_language(ctx.session, ctx.user.user_id, action.arg(0))
            ctx.user.lang = action.arg(0)
            if first_time:
                return [main_menu(self.features, welcome=True, edit=True)]
            view = main_menu(self.features, edit=True)
            view.parts.insert(0, Msg(LANGUAGE_CHANGED))
            return [view]
        return None

    def _help(self, lang: str) -> View:
        lines = [f"/{command} — {t(lang, text)}" for command, text in self.features.commands]
        parts = [Msg(HELP_ABOUT), Msg(HELP_ASK)]
        if lines:
            parts.append(Msg.text(t(lang, HELP_COMMANDS) + "\n" + "\n".join(lines)))
        if self.features.has("op"):
            parts.append(Msg(HELP_OPERATOR))
        return View(parts=parts)
