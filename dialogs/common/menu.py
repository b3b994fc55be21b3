"""The main menu. It offers a feature only when a registered flow handles its actions."""

from __future__ import annotations

from collections.abc import Iterable

from dialogs.core import Button, Msg, View
from domain.i18n import N_

WELCOME = N_(
    "Hello! I am an assistant for state services of Kazakhstan: licences and permits. I will "
    "help you find a service, learn its conditions and get answers from its regulations."
)
MENU_PROMPT = N_("Main menu. Choose what you need:")

# (action id, label msgid); the action's prefix must be handled by a registered flow.
MENU_ITEMS: tuple[tuple[str, str], ...] = (
    ("cat:home", N_("📋 Choose a service")),
    ("docs:start", N_("✅ Check my documents")),
    ("apps:list", N_("🗂 My applications")),
    ("qa:start", N_("❓ Ask a question")),
    ("op:start", N_("👤 Contact an operator")),
    ("lang:choose", N_("🌐 Change the language")),
)


class Features:
    """What the registered flows offer: the action prefixes they handle (``docs``, ``apps``,
    ``op``, ...) and their menu commands as (command, English description msgid)."""

    def __init__(
        self, prefixes: Iterable[str] = (), commands: Iterable[tuple[str, str]] = ()
    ) -> None:
        self.prefixes = frozenset(prefixes)
        self.commands: tuple[tuple[str, str], ...] = tuple(commands)

    def has(self, prefix: str) -> bool:
        return prefix in self.prefixes

    def handles(self, action: str) -> bool:
        return self.has(action.split(":", 1)[0])


def main_menu(features: Features, *, welcome: bool = False, edit: bool = False) -> View:
    buttons = [
        [Button(Msg(text), action)] for action, text in MENU_ITEMS if features.handles(action)
    ]
    parts = [Msg(WELCOME)] if welcome else []
    parts.append(Msg(MENU_PROMPT))
    return View(parts=parts, buttons=buttons, edit=edit)
