"""Message ids of the documents flow (gettext domain ``applications``; English msgids)."""

from __future__ import annotations

from domain.i18n import N_

MENU_COMMAND = N_("Check documents and apply")
KB_UNAVAILABLE = N_("The knowledge base is not available right now. Please try again later.")

# -- choosing the service and resuming drafts ---------------------------------------------------
CHOOSE_SERVICE = N_(
    "Which service are you preparing documents for? Choose it below or type a few words about it."
)
SEARCH_RESULTS = N_("These services match your words. Choose one:")
NOTHING_FOUND = N_("I found no service for these words. Try other words or choose from the list.")
SERVICE_GONE = N_("This service is no longer in the knowledge base. Please choose again.")
DRAFTS_INTRO = N_("You have unfinished document checks. Continue one of them or start a new one:")
BTN_DRAFT = N_("📝 {service} (files: {files})")
BTN_NEW_CHECK = N_("➕ Another service")
BTN_ALL_SERVICES = N_("📋 All services")

# -- services without a list of their own --------------------------------------------------------
NO_LIST_REFERENCE = N_(
    "The regulation of “{service}” does not list the required documents itself: it refers to "
    "paragraph {point} of the service standard ({citation}: “{quote}”). I do not have the "
    "standard's list, and I will not make one up."
)
NO_LIST_AT_ALL = N_(
    "The regulation of “{service}” does not list the required documents, and no verified list "
    "has been entered. I will not make one up."
)
NO_LIST_OPERATOR = N_("An operator can tell you which documents are needed.")
BTN_OPERATOR = N_("👤 Ask an operator")
OVERLAY_SOURCE = N_(
    "Source of the list: the regulation refers to the service standard ({citation}); this list "
    "was entered from the standard by the maintainers of the knowledge base and is not quoted "
    "from the regulation."
)
REGULATION_SOURCE = N_("Source of the list: {act}, {paragraph}.")

# -- the choices ---------------------------------------------------------------------------------
ASK_CASE = N_("“{service}”. What do you need?")
ASK_REASON = N_("Why is the licence being re-registered?")
ASK_APPLICANT = N_("Who is the applicant?")
ASK_CHANNEL = N_("Where will you submit the documents?")
ANSWER_HINT = N_("Answer with the buttons, or describe your situation in your own words.")
BTN_DONT_KNOW = N_("🤷 I don't know yet")
USE_BUTTONS = N_("Please choose one of the options with the buttons.")
NOT_UNDERSTOOD = N_(
    "I did not understand the answer. Please press “Yes” or “No”, or say it in other words."
)
NOTED = N_("Noted: {condition} — {answer}.")
ANSWER_YES = N_("yes")
ANSWER_NO = N_("no")

# -- the checklist -------------------------------------------------------------------------------
CHECK_TITLE = N_("Documents for “{service}”")
REASON_LINE = N_("Reason: {reason}")
SECTION_REQUIRED = N_("Required documents:")
SECTION_CONDITIONAL = N_("Needed only in some situations:")
SECTION_NOT_REQUIRED = N_("Not needed in your situation:")
MISSING_SUMMARY = N_("Still missing: {names}.")
COMPLETE = N_("✅ The set is complete: every required document is there.")
SKIPPED_NOTE = N_(
    "Some documents depend on questions you have not answered yet; they are listed as conditional."
)
HOW_TO = N_(
    "Tap a document to mark it or to upload its file. You can also send files right away (a "
    "caption tells me which document it is) or write what you have in your own words, one "
    "document per line."
)
MATCHED = N_("Marked as in hand: {names}.")
UNRECOGNISED = N_("I could not match these to a document of this list: {items}.")
UNASSIGNED = N_("Files not attached to a document yet: {count}.")
BTN_ATTACH = N_("📎 Attach the files to documents")
BTN_SUBMIT = N_("📨 Submit the application")
BTN_CHANGE = N_("🔁 Change my answers")
BTN_DELETE_DRAFT = N_("🗑 Delete this draft")
BTN_BACK_TO_LIST = N_("⬅️ Back to the list")

# -- one document --------------------------------------------------------------------------------
ITEM_HAVE = N_("Status: you have it.")
ITEM_MISSING = N_("Status: missing.")
ITEM_CONDITIONAL = N_("Status: needed only if the condition applies to you.")
ITEM_NOT_REQUIRED = N_("Status: not needed in your situation.")
ITEM_CONDITION = N_("Condition: {condition}")
ITEM_BASIS = N_("Basis: {act}, {paragraph}: “{quote}”")
ITEM_BASIS_OVERLAY = N_("Basis (entered by the maintainers from the standard): {quote}")
ITEM_FILES = N_("Uploaded files:")
ITEM_NO_FILES = N_("No file has been uploaded for this document yet.")
BTN_TICK = N_("☑️ I have it")
BTN_UNTICK = N_("↩️ Remove the mark")
BTN_UPLOAD_FOR = N_("📎 Upload a file for this document")
BTN_DELETE_FILE = N_("🗑 Delete {file}")
UPLOAD_PROMPT = N_(
    "Send the file for “{name}”: a PDF, JPEG, PNG or DOCX document, a photo, or several files "
    "at once. Telegram lets me accept files of up to 20 MB."
)
FILE_DELETED = N_("The file has been deleted.")
TICKED = N_("Marked.")
UNTICKED = N_("Mark removed.")

# -- files -------------------------------------------------------------------------------------
PHOTO = N_("Photo")
FILE = N_("File")
DETAILS_PAGES = N_("{kind}, {pages} p., {size} KB")
DETAILS = N_("{kind}, {size} KB")
RECEIVED = N_("Files received: {ok} of {total}.")
RECEIVED_ITEM = N_("✅ {file} → {item}")
RECEIVED_FREE = N_("✅ {file}")
REFUSED = N_("⚠️ {file}: {error}")
ASK_WHICH = N_("Which document is “{file}”?")
BTN_OTHER_DOCUMENT = N_("Another document (not on the list)")
OTHER_DOCUMENT = N_("Other document (not on the checklist)")
BTN_DELETE_THIS_FILE = N_("🗑 Delete this file")
ATTACHED = N_("“{file}” is attached to “{item}”.")
UPLOAD_NEEDS_CHOICES = N_(
    "Please choose the service and answer the questions first; then send the files."
)
NOTHING_KEPT = N_("Your other files are kept.")

# -- drafts --------------------------------------------------------------------------------------
DELETE_DRAFT_CONFIRM = N_(
    "Delete the draft for “{service}” together with every file uploaded to it? This cannot be "
    "undone."
)
BTN_CONFIRM_DELETE = N_("🗑 Yes, delete")
BTN_CANCEL = N_("Cancel")
DRAFT_DELETED = N_("The draft has been deleted.")

# -- submission ----------------------------------------------------------------------------------
SUBMIT_GAP = N_(
    "Some required documents are still missing: {names}. You can upload them first, or submit "
    "the application now: the missing documents will be recorded in it."
)
BTN_SUBMIT_ANYWAY = N_("📨 Submit with missing documents")
ASK_IIN = N_("Send the applicant's IIN (12 digits).")
ASK_BIN = N_("Send the organisation's BIN (12 digits).")
ASK_IIN_OR_BIN = N_("Send the applicant's IIN or the organisation's BIN (12 digits).")
ASK_NAME = N_("Send the applicant's full name, or the name of the organisation.")
ASK_PHONE = N_(
    "Share your phone number with the button below, or type it, for example +7 701 123 45 67."
)
CONFIRM_TITLE = N_("Please check the application before it is sent:")
LINE_SERVICE = N_("Service: {value}")
LINE_CASE = N_("Case: {value}")
LINE_APPLICANT = N_("Applicant: {value}")
LINE_IDENTITY = N_("IIN/BIN: {value}")
LINE_NAME = N_("Name: {value}")
LINE_PHONE = N_("Phone: {value}")
LINE_FILES = N_("Files: {value}")
LINE_GAP = N_("Missing documents (recorded in the application): {value}")
BTN_SEND = N_("✅ Submit")
BTN_EDIT_DETAILS = N_("✏️ Change the details")
REASON_COMMENT = N_("Reason for re-registration: {reason}")

# -- the receipt ---------------------------------------------------------------------------------
RECEIPT_TITLE = N_("Your application has been submitted. Number: {number}.")
RECEIPT_DOCUMENTS = N_("Documents received:")
RECEIPT_NO_FILES = N_("No files were uploaded.")
RECEIPT_TICKED = N_("You said you also have (not uploaded): {names}.")
RECEIPT_GAP = N_("Submitted knowing that these documents are missing: {names}.")
RECEIPT_DEADLINE = N_(
    "Statutory deadline: {duration} ({citation}). The decision is due by {date}."
)
RECEIPT_DEADLINE_STANDARD = N_(
    "Statutory deadline: the regulation gives no figure; it is set by paragraph {point} of the "
    "service standard ({citation})."
)
RECEIPT_DEADLINE_UNKNOWN = N_("Statutory deadline: the regulation does not state it.")
RECEIPT_FOLLOW = N_("You can follow the application in “My applications” (/my).")
BTN_MY_APPLICATIONS = N_("🗂 My applications")
UNTITLED_ITEM = N_("not attached to a document")
