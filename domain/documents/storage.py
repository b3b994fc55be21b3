"""Content-addressed file storage behind a small interface.

Bytes arrive as an async iterator of chunks (a Telegram download, a local file) and are written
to a temporary file while their SHA-256 is computed, so a file is never held whole in memory.
Nothing is visible in the store until the caller ``commit()``s the staged file, which happens
after validation; a staged file that is not committed is removed. The key of a stored file is
its SHA-256 (hex); the local store keeps it at ``root/ab/cd/<sha256>``. File names given by
users are metadata only and never become paths.

An S3-compatible store implements the same ``FileStorage`` protocol: stage locally (validation
needs random access for PDFs and zips), upload on ``commit()``.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from domain.documents.errors import BadStorageKey, FileTooLarge

CHUNK_SIZE = 256 * 1024
_KEY_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class StoredFile:
    key: str
    sha256: str
    size: int


@runtime_checkable
class StagedFile(Protocol):
    path: Path  # a local temporary copy, readable until the staging context exits
    sha256: str
    size: int

    async def commit(self) -> StoredFile:
        """Make the bytes part of the store (idempotent for identical content)."""


@runtime_checkable
class FileStorage(Protocol):
    def stage(
        self, chunks: AsyncIterable[bytes], *, max_bytes: int | None = None
    ) -> AbstractAsyncContextManager[StagedFile]:
        """Stream ``chunks`` to a temporary file; ``FileTooLarge`` once past ``max_bytes``."""

    def read(self, key: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Stream a stored file's bytes."""

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None: ...

    def local_path(self, key: str) -> Path | None:
        """A filesystem path to send the file from, when the store has one."""


def check_key(key: str) -> str:
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise BadStorageKey("not a storage key")
    return key


def _write(fh, digest, chunk: bytes) -> None:  # runs in a worker thread
    digest.update(chunk)
    fh.write(chunk)


class _LocalStaged:
    def __init__(self, storage: LocalFileStorage, path: Path, sha256: str, size: int) -> None:
        self._storage = storage
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.committed = False

    async def commit(self) -> StoredFile:
        target = self._storage.path_for(self.sha256)
        await asyncio.to_thread(self._move, target)
        self.committed = True
        return StoredFile(key=self.sha256, sha256=self.sha256, size=self.size)

    def _move(self, target: Path) -> None:
        if target.exists():  # same content already stored: keep the old copy
            self.path.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.path, target)  # atomic: tmp/ is on the same filesystem as the store


class LocalFileStorage:
    """Files under ``root`` (``DATA_DIR/files``), temporary files under ``root/tmp``."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.tmp_dir = self.root / "tmp"

    def path_for(self, key: str) -> Path:
        key = check_key(key)
        return self.root / key[:2] / key[2:4] / key

    def local_path(self, key: str) -> Path | None:
        path = self.path_for(key)
        return path if path.exists() else None

    @asynccontextmanager
    async def stage(
        self, chunks: AsyncIterable[bytes], *, max_bytes: int | None = None
    ) -> AsyncIterator[_LocalStaged]:
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.tmp_dir, suffix=".part")
        path = Path(name)
        staged: _LocalStaged | None = None
        try:
            digest = hashlib.sha256()
            size = 0
            with os.fdopen(fd, "wb") as fh:
                async for chunk in chunks:
                    if not chunk:
                        continue
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise FileTooLarge("stream exceeds the limit", limit_mb=max_bytes >> 20)
                    await asyncio.to_thread(_write, fh, digest, bytes(chunk))
                await asyncio.to_thread(os.fsync, fh.fileno())
            staged = _LocalStaged(self, path, digest.hexdigest(), size)
            yield staged
        finally:
            if staged is None or not staged.committed:
                path.unlink(missing_ok=True)

    async def read(self, key: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        path = self.path_for(key)
        fh = await asyncio.to_thread(path.open, "rb")
        try:
            while chunk := await asyncio.to_thread(fh.read, chunk_size):
                yield chunk
        finally:
            fh.close()

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path_for(key).exists)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path_for(key).unlink, True)

    async def save_stream(
        self, chunks: AsyncIterable[bytes], *, max_bytes: int | None = None
    ) -> StoredFile:
        """Stage and commit without validation (tests, trusted sources)."""
        async with self.stage(chunks, max_bytes=max_bytes) as staged:
            return await staged.commit()


async def iter_file(path: str | os.PathLike[str], chunk_size: int = CHUNK_SIZE):
    """Chunks of a local file (the terminal chat's "uploads", tests)."""
    fh = await asyncio.to_thread(open, path, "rb")
    try:
        while chunk := await asyncio.to_thread(fh.read, chunk_size):
            yield chunk
    finally:
        fh.close()
