from __future__ import annotations

from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parents[2] / "knowledge" / "sources"
SEEDS = {
    "000": "000_d4abcbecdad5c4e0.txt",
    "001": "001_bcfee36acbb3ebf9.txt",
    "002": "002_b8dcda2f6044580b.txt",
    "003": "003_3efdef2f532858ca.txt",
    "004": "004_5ed7abd35358b233.txt",
}


def seed_lines(seed: str) -> list[str]:
    return (SOURCES / SEEDS[seed]).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def vocab():
    from knowledge.ingest.vocab import Vocabulary

    return Vocabulary.from_texts((SOURCES / name).read_text(encoding="utf-8")
                                 for name in SEEDS.values())


@pytest.fixture(scope="session")
def seed_kb(tmp_path_factory):
    """The knowledge base built from the shipped sources and overlay (once per session)."""
    from knowledge import build, load_knowledge

    cache = tmp_path_factory.mktemp("kb") / "kb.json"
    result = build(cache_path=cache)
    assert result.ok, result.errors
    return load_knowledge(cache, build_if_stale=False)
