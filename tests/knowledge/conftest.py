"""Fixtures of tests/knowledge (search and QA, K2): the knowledge base built from the seeds."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def qa_kb(tmp_path_factory):
    """The knowledge base of the shipped sources and overlay, built once per session."""
    from knowledge import load_knowledge

    cache = tmp_path_factory.mktemp("qa_kb") / "kb.json"
    return load_knowledge(cache)


@pytest.fixture(scope="session")
def qa_engine(qa_kb):
    from knowledge.qa.api import engine_for

    return engine_for(qa_kb)
