"""Uploaded documents: content-addressed storage and validation by content.

``storage`` keeps bytes (streamed, never whole in memory); ``validation`` decides whether a staged
file is an acceptable PDF/JPEG/PNG/DOCX; ``messages`` maps error codes to gettext msgids.
"""

from domain.documents.storage import FileStorage, LocalFileStorage, StagedFile, StoredFile
from domain.documents.validation import (
    MAX_DOWNLOAD_BYTES,
    DetectedFile,
    DocumentError,
    check_declared_size,
    validate_staged,
)

__all__ = [
    "MAX_DOWNLOAD_BYTES",
    "DetectedFile",
    "DocumentError",
    "FileStorage",
    "LocalFileStorage",
    "StagedFile",
    "StoredFile",
    "check_declared_size",
    "validate_staged",
]
