"""Error code -> gettext msgid (domain ``applications``). Flows build ``Msg(key, params)``."""

from __future__ import annotations

from typing import Any

from domain.documents.errors import DocumentError
from domain.i18n import N_

MESSAGES: dict[str, str] = {
    "file_too_large": N_(
        "This file is larger than {limit_mb} MB, and Telegram does not let the bot download such "
        "files. Please send a smaller file, for example a scan with lower resolution, or split "
        "the document into several files."
    ),
    "file_empty": N_("This file is empty. Please send the document again."),
    "file_type": N_(
        "This file type is not accepted. Please send the document as PDF, JPEG, PNG or DOCX."
    ),
    "file_corrupt": N_(
        "This file is damaged and cannot be opened. Please save or scan the document again and "
        "send it once more."
    ),
    "pdf_unreadable": N_(
        "This PDF cannot be read: it has no readable pages. Please save it again and send it "
        "once more."
    ),
    "pdf_encrypted": N_(
        "This PDF is protected with a password. Please send a copy without a password."
    ),
    "image_too_small": N_(
        "The picture is too small to read ({width}×{height} pixels). Please send a clearer photo "
        "or a scan at least {min_side} pixels on each side."
    ),
    "file_duplicate": N_(
        "You have already uploaded this very file. It is kept once; there is no need to send it "
        "again."
    ),
    "storage_key": N_("This file cannot be opened. Please send it again."),
    "file_invalid": N_("This file cannot be accepted. Please send the document again."),
}


def error_message(err: DocumentError) -> tuple[str, dict[str, Any]]:
    """(msgid, params) for a document error; unknown codes get the generic message."""
    msgid = MESSAGES.get(err.code, MESSAGES["file_invalid"])
    return msgid, dict(err.params)
