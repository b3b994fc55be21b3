import hashlib
import tracemalloc

import pytest

from domain.documents.errors import BadStorageKey, FileTooLarge
from domain.documents.storage import FileStorage, LocalFileStorage, iter_file
from tests.domain.document_samples import chunked

MB = 1024 * 1024


async def generated(total: int, chunk: int = 256 * 1024):
    """A stream of ``total`` bytes produced chunk by chunk (never materialised whole)."""
    sent = 0
    n = 0
    while sent < total:
        size = min(chunk, total - sent)
        yield bytes([n % 251]) * size
        sent += size
        n += 1


def expected_digest(total: int, chunk: int = 256 * 1024) -> str:
    digest = hashlib.sha256()
    sent = n = 0
    while sent < total:
        size = min(chunk, total - sent)
        digest.update(bytes([n % 251]) * size)
        sent += size
        n += 1
    return digest.hexdigest()


async def test_local_storage_satisfies_protocol(tmp_path):
    assert isinstance(LocalFileStorage(tmp_path), FileStorage)


async def test_streams_30_mb_without_holding_it_in_memory(tmp_path):
    storage = LocalFileStorage(tmp_path / "files")
    total = 30 * MB
    tracemalloc.start()
    try:
        stored = await storage.save_stream(generated(total))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB, f"peak {peak / MB:.1f} MB while streaming 30 MB"
    assert stored.size == total
    assert stored.sha256 == expected_digest(total)
    path = storage.path_for(stored.key)
    assert path == tmp_path / "files" / stored.key[:2] / stored.key[2:4] / stored.key
    assert path.stat().st_size == total
    assert not list((tmp_path / "files" / "tmp").iterdir())  # no temp file left behind


async def test_limit_is_enforced_while_streaming(tmp_path):
    storage = LocalFileStorage(tmp_path)
    with pytest.raises(FileTooLarge) as info:
        await storage.save_stream(generated(30 * MB), max_bytes=20 * MB)
    assert info.value.params == {"limit_mb": 20}
    assert not list((tmp_path / "tmp").iterdir())
    assert [p for p in tmp_path.iterdir() if p.name != "tmp"] == []


async def test_uncommitted_stage_leaves_nothing(tmp_path):
    storage = LocalFileStorage(tmp_path)
    async with storage.stage(chunked(b"hello world")) as staged:
        assert staged.path.read_bytes() == b"hello world"
        key = staged.sha256
    assert not staged.path.exists()
    assert not await storage.exists(key)


async def test_identical_content_is_stored_once_and_read_back(tmp_path):
    storage = LocalFileStorage(tmp_path)
    first = await storage.save_stream(chunked(b"x" * 100_000, 1000))
    second = await storage.save_stream(chunked(b"x" * 100_000, 333))
    assert first == second
    data = b"".join([c async for c in storage.read(first.key, chunk_size=4096)])
    assert data == b"x" * 100_000
    await storage.delete(first.key)
    assert not await storage.exists(first.key)
    assert storage.local_path(first.key) is None


@pytest.mark.parametrize("key", ["../../etc/passwd", "ABC", "a" * 63, "g" * 64, "../" + "a" * 61])
async def test_user_names_never_become_paths(tmp_path, key):
    storage = LocalFileStorage(tmp_path)
    with pytest.raises(BadStorageKey):
        storage.path_for(key)


async def test_iter_file_streams_a_local_file(tmp_path):
    path = tmp_path / "doc.bin"
    path.write_bytes(b"abc" * 1000)
    storage = LocalFileStorage(tmp_path / "store")
    stored = await storage.save_stream(iter_file(path, 100))
    assert stored.sha256 == hashlib.sha256(b"abc" * 1000).hexdigest()
