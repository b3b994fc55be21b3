"""Is a staged upload an acceptable document? Decided by content, never by the file name.

Accepted: PDF (readable by pypdf, at least one page), JPEG and PNG (not tiny), DOCX (a zip that
holds ``word/document.xml``; ``filetype`` and libmagic only look at the first zip entries and
misjudge a DOCX whose entries come in another order, so the zip directory is read instead).
Every refusal is a ``DocumentError`` subclass with a stable ``code``.
"""

from __future__ import annotations

import asyncio
import logging
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import filetype
import imagesize

from domain.documents.errors import (
    CorruptFile,
    DocumentError,
    DuplicateFile,
    FileEmpty,
    FileTooLarge,
    ImageTooSmall,
    PdfEncrypted,
    PdfUnreadable,
    UnsupportedType,
)
from domain.documents.storage import StagedFile

log = logging.getLogger(__name__)

# The Bot API lets a bot download files of at most 20 MB (getFile).
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
MIN_IMAGE_SIDE = 300  # px: a smaller picture of a document cannot be read
MAX_DOCX_UNPACKED = 200 * 1024 * 1024  # refuse zip bombs before checking CRCs
HEAD_BYTES = 8192

MIME = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_FILETYPE_KINDS = {"pdf": "pdf", "jpg": "jpeg", "png": "png"}
_ZIP_LIKE = {"zip", "docx", "xlsx", "pptx", "odt", "epub", "jar", "apk"}

__all__ = [
    "MAX_DOWNLOAD_BYTES",
    "MIME",
    "DetectedFile",
    "DocumentError",
    "check_declared_size",
    "detect_kind",
    "validate_path",
    "validate_staged",
]


@dataclass(frozen=True)
class DetectedFile:
    kind: str  # "pdf" | "jpeg" | "png" | "docx"
    mime: str
    size: int
    sha256: str
    pages: int | None = None
    width: int | None = None
    height: int | None = None


def check_declared_size(size: int | None, limit: int = MAX_DOWNLOAD_BYTES) -> None:
    """Call BEFORE downloading: Telegram refuses bigger files, so say so without trying."""
    if size is not None and size > limit:
        raise FileTooLarge("declared size over the limit", limit_mb=limit >> 20)
    if size == 0:
        raise FileEmpty("declared empty")


def detect_kind(path: Path) -> str:
    """The document kind by magic bytes (and the zip directory for DOCX)."""
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    guess = filetype.guess(head)
    extension = guess.extension if guess else None
    if extension in _FILETYPE_KINDS:
        return _FILETYPE_KINDS[extension]
    if extension in _ZIP_LIKE or head.startswith(b"PK\x03\x04") or zipfile.is_zipfile(path):
        _check_docx(path)
        return "docx"
    raise UnsupportedType("not a PDF, JPEG, PNG or DOCX", detected=extension or "unknown")


def _check_docx(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if "word/document.xml" not in {i.filename for i in infos}:
                raise UnsupportedType("a zip without word/document.xml", detected="zip")
            if sum(i.file_size for i in infos) > MAX_DOCX_UNPACKED:
                raise CorruptFile("unpacks to too much")
            if zf.testzip() is not None:
                raise CorruptFile("zip entry CRC mismatch")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise CorruptFile("broken zip") from exc


def _pdf_pages(path: Path) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported crypto
                raise PdfEncrypted("encrypted") from exc
            if not unlocked:
                raise PdfEncrypted("password protected")
        pages = len(reader.pages)
        if pages > 0:
            reader.pages[0].mediabox  # noqa: B018 - touching the first page parses it
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise PdfUnreadable("pypdf cannot read it") from exc
    except RecursionError as exc:
        raise PdfUnreadable("pathological PDF") from exc
    if pages <= 0:
        raise PdfUnreadable("no pages")
    return pages


def _image_size(path: Path, kind: str) -> tuple[int, int]:
    try:
        width, height = imagesize.get(path)
    except (ValueError, OSError, IndexError) as exc:
        raise CorruptFile("image header unreadable") from exc
    if width <= 0 or height <= 0:
        raise CorruptFile("image header unreadable")
    if min(width, height) < MIN_IMAGE_SIDE:
        raise ImageTooSmall("image too small", width=width, height=height, min_side=MIN_IMAGE_SIDE)
    return width, height


def validate_path(path: Path, *, size: int, sha256: str) -> DetectedFile:
    """Synchronous check of a local file (call through ``asyncio.to_thread``)."""
    if size <= 0:
        raise FileEmpty("empty file")
    if size > MAX_DOWNLOAD_BYTES:
        raise FileTooLarge("over the limit", limit_mb=MAX_DOWNLOAD_BYTES >> 20)
    kind = detect_kind(path)
    pages = width = height = None
    if kind == "pdf":
        pages = _pdf_pages(path)
    elif kind in ("jpeg", "png"):
        width, height = _image_size(path, kind)
    return DetectedFile(
        kind=kind,
        mime=MIME[kind],
        size=size,
        sha256=sha256,
        pages=pages,
        width=width,
        height=height,
    )


async def validate_staged(
    staged: StagedFile, *, existing: Mapping[str, str | None] | None = None
) -> DetectedFile:
    """Validate a staged upload. ``existing`` maps the sha256 of files already in the draft (or
    application) to their checklist item id, so a second copy is refused by content."""
    if existing and staged.sha256 in existing:
        raise DuplicateFile("same content already uploaded", item_id=existing[staged.sha256])
    return await asyncio.to_thread(
        validate_path, staged.path, size=staged.size, sha256=staged.sha256
    )
