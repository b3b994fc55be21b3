"""Small real documents built in memory for the document tests (no binary fixtures in git)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def png_bytes(width: int = 400, height: int = 400) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff" * width for _ in range(height))  # greyscale rows
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes(width: int = 640, height: int = 480) -> bytes:
    """A JFIF header with a baseline SOF0 frame; enough for type and size detection."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
    "docProps/core.xml": '<?xml version="1.0"?><coreProperties/>',
    "docProps/app.xml": '<?xml version="1.0"?><Properties/>',
    "customXml/item1.xml": '<?xml version="1.0"?><b:Sources/>',
    "word/_rels/document.xml.rels": '<?xml version="1.0"?><Relationships/>',
    "word/styles.xml": '<?xml version="1.0"?><styles/>',
    "word/document.xml": (
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Жарғы</w:t></w:r></w:p></w:body>'
        "</w:document>"
    ),
}


def docx_bytes(order: list[str] | None = None) -> bytes:
    names = order or list(_DOCX_PARTS)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            zf.writestr(name, _DOCX_PARTS[name])
    return buf.getvalue()


def reordered_docx_bytes() -> bytes:
    """Entries in another order (as some generators write them): the ``word/`` parts come
    after the first five entries, where ``filetype`` stops looking."""
    return docx_bytes(
        [
            "docProps/app.xml",
            "docProps/core.xml",
            "_rels/.rels",
            "[Content_Types].xml",
            "customXml/item1.xml",
            "word/styles.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
        ]
    )


def zip_without_word() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("[Content_Types].xml", "<Types/>")
    return buf.getvalue()


def exe_bytes() -> bytes:
    """The start of a Windows PE executable (what an .exe renamed .pdf contains)."""
    header = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2)
    header[0x3C:0x40] = struct.pack("<I", 0x80)
    return bytes(header) + b"\x00" * (0x80 - len(header)) + b"PE\x00\x00" + b"\x00" * 512


async def chunked(data: bytes, size: int = 64 * 1024):
    for start in range(0, len(data), size):
        yield data[start : start + size]
