import filetype
import pytest

from domain.documents import LocalFileStorage, check_declared_size, validate_staged
from domain.documents.errors import (
    CorruptFile,
    DuplicateFile,
    FileEmpty,
    FileTooLarge,
    ImageTooSmall,
    PdfUnreadable,
    UnsupportedType,
)
from domain.documents.messages import MESSAGES, error_message
from domain.documents.validation import MAX_DOWNLOAD_BYTES
from tests.domain.document_samples import (
    chunked,
    docx_bytes,
    exe_bytes,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    reordered_docx_bytes,
    zip_without_word,
)


@pytest.fixture
def storage(tmp_path):
    return LocalFileStorage(tmp_path / "files")


async def check(storage, data: bytes, existing=None):
    async with storage.stage(chunked(data)) as staged:
        return await validate_staged(staged, existing=existing)


async def test_real_pdf(storage):
    detected = await check(storage, pdf_bytes(pages=3))
    assert (detected.kind, detected.mime, detected.pages) == ("pdf", "application/pdf", 3)


async def test_png_and_jpeg(storage):
    png = await check(storage, png_bytes(400, 500))
    assert (png.kind, png.width, png.height) == ("png", 400, 500)
    jpeg = await check(storage, jpeg_bytes(1280, 960))
    assert (jpeg.kind, jpeg.mime, jpeg.width) == ("jpeg", "image/jpeg", 1280)


async def test_docx_in_usual_order(storage):
    assert (await check(storage, docx_bytes())).kind == "docx"


async def test_docx_with_reordered_entries(storage):
    data = reordered_docx_bytes()
    assert filetype.guess(data).extension == "zip"  # the library alone misjudges it
    assert (await check(storage, data)).kind == "docx"


async def test_exe_renamed_pdf_is_refused(storage):
    with pytest.raises(UnsupportedType) as info:
        await check(storage, exe_bytes())
    assert info.value.code == "file_type"


async def test_other_zip_is_not_a_docx(storage):
    with pytest.raises(UnsupportedType):
        await check(storage, zip_without_word())


async def test_plain_text_is_refused(storage):
    with pytest.raises(UnsupportedType):
        await check(storage, "Жарғы көшірмесі".encode() * 50)


async def test_corrupt_pdf(storage):
    with pytest.raises(PdfUnreadable):
        await check(storage, b"%PDF-1.7\n" + b"\x00garbage" * 200)
    truncated = pdf_bytes()[:200]
    with pytest.raises(PdfUnreadable):
        await check(storage, truncated)


async def test_corrupt_zip(storage):
    data = bytearray(docx_bytes())
    data[40:400] = b"\x00" * 360  # wipe compressed bytes of the first entries
    with pytest.raises(CorruptFile):
        await check(storage, bytes(data))
    with pytest.raises(CorruptFile):
        await check(storage, b"PK\x03\x04" + b"\x01" * 500)


async def test_corrupt_png_header(storage):
    with pytest.raises(CorruptFile):
        await check(storage, b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)


async def test_tiny_image(storage):
    with pytest.raises(ImageTooSmall) as info:
        await check(storage, png_bytes(90, 90))
    msgid, params = error_message(info.value)
    assert msgid.format(**params)  # every placeholder is filled
    assert params["width"] == 90


async def test_empty_file(storage):
    with pytest.raises(FileEmpty):
        await check(storage, b"")


async def test_duplicate_by_content(storage):
    data = pdf_bytes()
    first = await check(storage, data)
    with pytest.raises(DuplicateFile) as info:
        await check(storage, data, existing={first.sha256: "charter_copy"})
    assert info.value.params == {"item_id": "charter_copy"}
    # a different file is fine
    assert (await check(storage, pdf_bytes(2), existing={first.sha256: "x"})).pages == 2


def test_declared_size_is_checked_before_download():
    check_declared_size(MAX_DOWNLOAD_BYTES)
    check_declared_size(None)  # unknown: the stream limit will catch it
    with pytest.raises(FileTooLarge) as info:
        check_declared_size(MAX_DOWNLOAD_BYTES + 1)
    msgid, params = error_message(info.value)
    assert "20" in msgid.format(**params)
    with pytest.raises(FileEmpty):
        check_declared_size(0)


def test_every_code_has_a_message():
    import domain.documents.errors as errors

    codes = {
        cls.code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.DocumentError)
    }
    assert codes <= set(MESSAGES)
