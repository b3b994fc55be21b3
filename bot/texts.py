"""Messages the Telegram transport itself says (gettext domain ``bot``)."""

from __future__ import annotations

from domain.i18n import N_

UNSUPPORTED_MEDIA = N_(
    "I understand text, documents (PDF, JPEG, PNG, DOCX) and photos. Stickers, voice messages, "
    "videos and locations are not supported: please write to me in text."
)
TOO_LONG = N_(
    "Your message is too long ({length} characters). Please send a shorter question, up to "
    "{limit} characters."
)
FOREIGN_CONTACT = N_(
    "Please share your own phone number with the button below the message, not another "
    "person's contact."
)
INTERNAL_ERROR = N_("Sorry, something went wrong on our side. Please try again in a minute.")
