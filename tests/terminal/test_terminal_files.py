"""``/file PATH [caption]`` becomes the same file event a Telegram document does."""

from __future__ import annotations

import io

import pytest

from bot.terminal.chat import TerminalChat
from bot.terminal.files import FileArgError, incoming_file, parse_file_args
from bot.terminal.session import Turn
from dialogs.core import View


async def read_all(incoming) -> bytes:
    return b"".join([chunk async for chunk in incoming.opener()])


async def test_a_local_file_is_streamed_in_chunks(tmp_path):
    path = tmp_path / "устав копия.pdf"
    payload = b"%PDF-1.4\n" + b"x" * 200_000
    path.write_bytes(payload)
    parsed, caption = parse_file_args(f'"{path}" устав компании')
    assert caption == "устав компании"
    incoming = incoming_file(parsed, caption)
    assert (incoming.file_name, incoming.size, incoming.mime, incoming.kind) == (
        "устав копия.pdf",
        len(payload),
        "application/pdf",
        "document",
    )
    chunks = [chunk async for chunk in incoming.opener()]
    assert len(chunks) > 1 and b"".join(chunks) == payload
    assert await read_all(incoming) == payload  # the opener can be called again


def test_missing_or_absent_paths(tmp_path):
    with pytest.raises(FileArgError, match="^$"):
        parse_file_args("  ")
    with pytest.raises(FileArgError, match="nope.pdf"):
        parse_file_args(str(tmp_path / "nope.pdf"))


class RecordingSession:
    def __init__(self):
        self.files = []

    async def file(self, incoming):
        self.files.append(incoming)
        return Turn([View(parts=[])], "kk")


async def test_file_command_sends_a_file_event(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    session = RecordingSession()
    chat = TerminalChat(session, out=io.StringIO())  # type: ignore[arg-type]
    await chat.step(f"/file {path}")
    [incoming] = session.files
    assert incoming.file_id == str(path.resolve()) and incoming.mime == "image/png"
