"""Typed errors of the applications domain. ``code`` is stable (flows map it to a message, the
HTTP API returns it); ``http_status`` is what the staff API answers; ``params`` fill messages."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    code = "application_error"
    http_status = 400

    def __init__(self, detail: str = "", **params: Any) -> None:
        super().__init__(detail or self.code)
        self.params: dict[str, Any] = params


class DraftNotFound(ApplicationError):
    code = "draft_not_found"
    http_status = 404


class DraftClosed(ApplicationError):
    code = "draft_closed"  # already submitted
    http_status = 409


class DraftIncomplete(ApplicationError):
    code = "draft_incomplete"  # missing documents and no known gap accepted
    http_status = 409


class TooManyUploads(ApplicationError):
    code = "too_many_files"
    http_status = 409


class UploadNotFound(ApplicationError):
    code = "upload_not_found"
    http_status = 404


class UploadLocked(ApplicationError):
    code = "upload_locked"  # part of a submitted application
    http_status = 409


class UploadsNotRequested(ApplicationError):
    code = "uploads_not_requested"  # the application is not waiting for documents
    http_status = 409


class ApplicationNotFound(ApplicationError):
    code = "not_found"
    http_status = 404


class NotOwner(ApplicationError):
    code = "forbidden"
    http_status = 403


class InvalidDetails(ApplicationError):
    code = "invalid_details"  # params: field = "name" | "phone"
    http_status = 422


class UnknownStatus(ApplicationError):
    code = "unknown_status"
    http_status = 422


class TransitionError(ApplicationError):
    """params: from_status, to_status, why ("not_in_graph" | "final" | "applicant_only" |
    "staff_only" | "same_status" | "conflict")."""

    code = "forbidden_transition"
    http_status = 409


class ReasonRequired(ApplicationError):
    code = "reason_required"
    http_status = 422


class ItemsRequired(ApplicationError):
    code = "items_required"
    http_status = 422


class CommentRequired(ApplicationError):
    code = "comment_required"
    http_status = 422


class TokenNameTaken(ApplicationError):
    code = "token_name_taken"
    http_status = 409


class TokenNotFound(ApplicationError):
    code = "token_not_found"
    http_status = 404
