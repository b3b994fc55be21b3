"""Which language to speak to a user, and the language-choice view."""

from __future__ import annotations

from dialogs.common.ids import Action
from dialogs.core import Button, Msg, View
from domain.i18n import DEFAULT_LANG, LANGUAGES, N_, t

# Names of the languages in themselves: never translated.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский"}

CHOOSE_LANGUAGE = N_("Choose the language of our conversation.")


def suggest_language(hint: str | None) -> str:
    """Telegram's ``language_code`` ("ru", "kk", "ru-RU", "en") -> the language to suggest."""
    code = (hint or "").lower().replace("_", "-").split("-", 1)[0]
    if code in LANGUAGES:
        return code
    # Kazakhstan's Telegram clients set in Russian or English UI mostly read Russian comfortably,
    # but the state language is Kazakh: only an explicit Russian hint changes the default.
    return DEFAULT_LANG


def current_language(lang: str | None, hint: str | None) -> str:
    """The language to render in: the user's choice, else the suggestion from the hint."""
    return lang if lang in LANGUAGES else suggest_language(hint)


def language_choice(marked: str, *, edit: bool = False) -> View:
    """Both languages' prompt (marked language first) and one button per language."""
    order = [marked] + [code for code in LANGUAGES if code != marked]
    prompt = "\n".join(t(code, CHOOSE_LANGUAGE) for code in order)
    buttons = [
        [
            Button(
                Msg.text(("✅ " if code == marked else "") + LANGUAGE_NAMES[code]),
                Action.make("lang", "set", code),
            )
        ]
        for code in order
    ]
    return View(parts=[Msg.text(prompt)], buttons=buttons, edit=edit)
