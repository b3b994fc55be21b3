"""Typed document errors. ``code`` is stable: flows map it to a localised message
(``domain.documents.messages``); ``params`` fill that message's placeholders."""

from __future__ import annotations

from typing import Any


class DocumentError(ValueError):
    code = "file_invalid"

    def __init__(self, detail: str = "", **params: Any) -> None:
        super().__init__(detail or self.code)
        self.params: dict[str, Any] = params


class FileTooLarge(DocumentError):
    code = "file_too_large"


class FileEmpty(DocumentError):
    code = "file_empty"


class UnsupportedType(DocumentError):
    code = "file_type"


class CorruptFile(DocumentError):
    code = "file_corrupt"


class PdfUnreadable(DocumentError):
    code = "pdf_unreadable"


class PdfEncrypted(DocumentError):
    code = "pdf_encrypted"


class ImageTooSmall(DocumentError):
    code = "image_too_small"


class DuplicateFile(DocumentError):
    code = "file_duplicate"


class BadStorageKey(DocumentError):
    code = "storage_key"
