"""Knowledge base of Kazakhstan state-service regulations (Kazakh sources, kk/ru answers).

``from knowledge import load_knowledge, KnowledgeBase``; see :mod:`knowledge.api`.
"""

from __future__ import annotations

from .api import KnowledgeBase, KnowledgeError, load_knowledge
from .build import BuildResult, build

__all__ = ["BuildResult", "KnowledgeBase", "KnowledgeError", "build", "load_knowledge"]
