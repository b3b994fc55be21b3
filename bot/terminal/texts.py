"""What the terminal chat itself says (gettext domain ``terminal``)."""

from __future__ import annotations

from domain.i18n import N_

BANNER = N_(
    "Chat with the assistant in the terminal. Type a message, a button number or a command such "
    "as /menu. /file PATH sends a document, /quit ends the chat."
)
CONTINUING = N_("Continuing the previous conversation.")
NO_SUCH_BUTTON = N_("There is no button {number} here.")
FILE_USAGE = N_("Send a document like this: /file PATH")
FILE_NOT_FOUND = N_("File not found: {path}")
CONTACT_HINT = N_(
    "The bot asks for your phone number: type /contact and the number, for example "
    "/contact +77011234567."
)
CONTACT_USAGE = N_("Share a phone number like this: /contact +77011234567")
SENT_FILE = N_("📎 File from the bot: {name}")
LINK = N_("🔗 Link: {url}")
ERROR = N_("Sorry, something went wrong. The details are in the log; please try again.")
BYE = N_("Goodbye!")
