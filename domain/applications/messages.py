"""Error codes of applications, documents and IIN/BIN checks -> gettext msgids (domain
``applications``). Flows show ``Msg(*error_message(err))``; the staff API returns the code."""

from __future__ import annotations

from typing import Any

from domain.applications.errors import ApplicationError
from domain.documents.errors import DocumentError
from domain.documents.messages import MESSAGES as DOCUMENT_MESSAGES
from domain.i18n import N_
from domain.identity import IdentityError

IDENTITY_MESSAGES: dict[str, str] = {
    "identity_format": N_(
        "An IIN or BIN has exactly 12 digits. Please check the number and send it again."
    ),
    "identity_checksum": N_(
        "This IIN or BIN does not exist: its check digit does not match. Please check every "
        "digit and send the number again."
    ),
    "identity_date": N_(
        "This IIN contains an impossible date. Please check the number and send it again."
    ),
    "identity_kind": N_(
        "This looks like a number of the other kind (an IIN instead of a BIN or the other way "
        "round). Please send the number of the applicant."
    ),
    "identity_invalid": N_("This IIN or BIN is not valid. Please check it and send it again."),
}

APPLICATION_MESSAGES: dict[str, str] = {
    "draft_not_found": N_(
        "This draft no longer exists. You can start a new document check from the menu."
    ),
    "draft_closed": N_("This draft has already been submitted as an application."),
    "draft_incomplete": N_(
        "Some required documents are still missing. Upload them, or confirm that you submit "
        "the application knowing that documents are missing."
    ),
    "too_many_files": N_(
        "The maximum number of files for one application has been reached: {limit}. Delete a "
        "file you do not need before adding another."
    ),
    "upload_not_found": N_("This file is no longer in your draft."),
    "upload_locked": N_(
        "This file belongs to a submitted application and can no longer be changed."
    ),
    "uploads_not_requested": N_(
        "This application is not waiting for documents now, so files cannot be added to it."
    ),
    "not_found": N_("No application with this number was found."),
    "forbidden": N_("This action is not available to you."),
    "invalid_details": N_("Please check the details you entered and send them again."),
    "invalid_name": N_(
        "Please send the full name of the applicant or the name of the organisation."
    ),
    "invalid_phone": N_(
        "This phone number does not look right. Please use the button to share your contact, "
        "or send the number with the country code, for example +7 701 123 45 67."
    ),
    "unknown_status": N_("There is no such application status."),
    "forbidden_transition": N_("The application cannot move from this status to the chosen one."),
    "transition_conflict": N_(
        "Someone has just changed this application. Open it again to see its current status."
    ),
    "reason_required": N_("A refusal must state its reason. Please choose or write one."),
    "items_required": N_("Please name the documents the applicant has to upload."),
    "comment_required": N_("The comment is empty. Please write the text of the comment."),
    "token_name_taken": N_("An API client with this name already exists."),
    "token_not_found": N_("There is no API client with this name."),
    "application_error": N_("Something went wrong with the application. Please try again."),
}


def error_message(err: Exception) -> tuple[str, dict[str, Any]]:
    """(msgid, params) for any error of this domain; flows build ``Msg(msgid, params)``."""
    if isinstance(err, DocumentError):
        from domain.documents.messages import error_message as document_message

        return document_message(err)
    if isinstance(err, IdentityError):
        return IDENTITY_MESSAGES.get(err.code, IDENTITY_MESSAGES["identity_invalid"]), {}
    if isinstance(err, ApplicationError):
        code = err.code
        if code == "invalid_details" and err.params.get("field") in ("name", "phone"):
            code = f"invalid_{err.params['field']}"
        if code == "forbidden_transition" and err.params.get("why") == "conflict":
            code = "transition_conflict"
        return APPLICATION_MESSAGES.get(code, APPLICATION_MESSAGES["application_error"]), dict(
            err.params
        )
    raise TypeError(f"not an error of the applications domain: {type(err).__name__}")


ALL_MESSAGES: dict[str, str] = {
    **{f"doc.{k}": v for k, v in DOCUMENT_MESSAGES.items()},
    **{f"id.{k}": v for k, v in IDENTITY_MESSAGES.items()},
    **{f"app.{k}": v for k, v in APPLICATION_MESSAGES.items()},
}
