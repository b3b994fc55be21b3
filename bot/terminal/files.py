"""``/file PATH [caption]``: a local file sent like a Telegram document, streamed in chunks."""

from __future__ import annotations

import asyncio
import mimetypes
import shlex
from collections.abc import AsyncIterator
from pathlib import Path

from dialogs.core import IncomingFile

CHUNK = 64 * 1024


class FileArgError(ValueError):
    """No path given, or the path is not a readable file."""


def parse_file_args(args: str) -> tuple[Path, str | None]:
    try:
        words = shlex.split(args)
    except ValueError:
        words = args.split()
    if not words:
        raise FileArgError("")
    path = Path(words[0]).expanduser()
    if not path.is_file():
        raise FileArgError(words[0])
    caption = " ".join(words[1:]) or None
    return path, caption


async def stream(path: Path, chunk: int = CHUNK) -> AsyncIterator[bytes]:
    with path.open("rb") as fh:
        while True:
            data = await asyncio.to_thread(fh.read, chunk)
            if not data:
                return
            yield data


def incoming_file(path: Path, caption: str | None = None) -> IncomingFile:
    """What the flows receive for a local file: the same shape as a Telegram document."""
    resolved = path.resolve()
    return IncomingFile(
        file_id=str(resolved),
        file_name=path.name,
        size=resolved.stat().st_size,
        mime=mimetypes.guess_type(path.name)[0],
        kind="document",
        caption=caption,
        opener=lambda: stream(resolved),
    )
