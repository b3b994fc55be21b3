"""Message ids of "My applications" (gettext domain ``applications``; English msgids)."""

from __future__ import annotations

from domain.i18n import N_

MENU_COMMAND = N_("My applications")

MY_EMPTY = N_(
    "You have no applications or drafts yet. Start with a document check: I will tell you what "
    "to prepare and help you submit the application."
)
MY_DRAFTS = N_("Drafts (not submitted yet):")
MY_APPLICATIONS = N_("Applications:")
DRAFT_LINE = N_("📝 {service} — files: {files}, last change {date}")
APP_LINE = N_("{number} — {service} — {status}")
APP_DUE = N_("decision due by {date}")
BTN_CHECK = N_("✅ Check documents")

APP_TITLE = N_("Application {number}")
APP_SERVICE = N_("Service: {service}")
APP_STATUS = N_("Status: {status}")
APP_SUBMITTED = N_("Submitted: {date}")
APP_DUE_DATE = N_("Statutory deadline: the decision is due by {date}.")
APP_DUE_STANDARD = N_("Statutory deadline: set by the service standard.")
APP_GAP = N_("Submitted without: {names}.")
APP_REFUSAL = N_("Reason for the refusal: {reason}")
APP_FILES = N_("Documents ({count}):")
APP_NO_FILES = N_("No files have been uploaded.")
APP_REQUESTED = N_("The agency asks you to upload:")
APP_HISTORY = N_("History:")
HISTORY_COMMENT = N_("comment: {text}")
HISTORY_REASON = N_("reason: {text}")
BTN_UPLOAD = N_("📎 Upload: {name}")
BTN_DELETE = N_("🗑 Delete {file}")
BTN_WITHDRAW = N_("↩️ Withdraw the application")
BTN_BACK = N_("⬅️ My applications")
WITHDRAW_CONFIRM = N_(
    "Withdraw application {number}? The agency will stop processing it. This cannot be undone."
)
BTN_CONFIRM_WITHDRAW = N_("↩️ Yes, withdraw")
BTN_CANCEL = N_("Cancel")
WITHDRAWN = N_("Application {number} has been withdrawn.")
UPLOAD_PROMPT = N_(
    "Send the file for “{name}” (application {number}): a PDF, JPEG, PNG or DOCX document or a "
    "photo, up to 20 MB."
)
ALL_UPLOADED = N_(
    "All requested documents have been uploaded. The agency will continue reviewing your "
    "application."
)
STILL_REQUESTED = N_("Still to upload: {names}.")
NOT_WAITING = N_(
    "This application is not waiting for documents now. Open an application whose status is "
    "“Documents requested” to add files."
)
ASK_WHICH = N_("Which requested document is “{file}”?")
FILE_DELETED = N_("The file has been deleted.")
STAFF_NOTICE = N_(
    "The applicant has uploaded requested documents for application {number}: {names}. Open "
    "it with /app {number}."
)
