"""A tiny PDF writer for tests: text lines in a Type0 font with a ToUnicode map, so that a PDF
text extractor recovers Kazakh text exactly (the glyphs themselves are not embedded)."""

from __future__ import annotations

from pathlib import Path

_BLOCKS = (0x00, 0x04, 0x20, 0x21)


def _cmap() -> bytes:
    ranges = "\n".join(f"<{b:02X}00> <{b:02X}FF> <{b:02X}00>" for b in _BLOCKS)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{len(_BLOCKS)} beginbfrange\n{ranges}\nendbfrange\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()


def write_pdf(path: Path, pages: list[list[str]]) -> None:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    catalog = add(b"")
    pages_obj = add(b"")
    descriptor = add(b"<< /Type /FontDescriptor /FontName /Dummy /Flags 4 /FontBBox [0 0 1000 "
                     b"1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Dummy /CIDSystemInfo << "
              b"/Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R "
              b"/DW 500 >>" % descriptor)
    tounicode = add(stream(_cmap()))
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /Dummy /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid, tounicode))
    kids = []
    for lines in pages:
        ops = ["BT /F1 9 Tf 12 TL 30 800 Td"]
        for text in lines:
            ops.append("<" + "".join(f"{ord(c):04X}" for c in text) + "> Tj T*")
        ops.append("ET")
        content = add(stream("\n".join(ops).encode()))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources "
                        b"<< /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_obj, font, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids [%s] /Count %d >>"
                              % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    Path(path).write_bytes(bytes(out))
