"""Text extraction from PDF sources (pypdf); the text then goes through the same pipeline."""

from __future__ import annotations

from pathlib import Path


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = [page.extract_text() or "" for page in reader.pages]
    # a page break looks like the triple blank lines of the text extractions
    return "\n\n\n".join(pages)
