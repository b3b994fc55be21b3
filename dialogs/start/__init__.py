"""/start, /lang, /help, /menu: language choice and the main menu."""

from dialogs.start.flow import StartFlow

__all__ = ["StartFlow"]
