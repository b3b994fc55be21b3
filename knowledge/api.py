"""The public facade: :func:`load_knowledge` and :class:`KnowledgeBase`.

A ``KnowledgeBase`` is immutable once loaded; the bot swaps the whole object on reload, so a
question answered during a swap sees the old or the new one. Question answering (K2) and
document checklists (K3) attach through lazy imports of their packages; their per-base indexes
are kept with :meth:`KnowledgeBase.memo`, so they are built once per loaded base.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .build import BuildResult, default_cache_path, ensure_cache, read_cache
from .model import (
    Act,
    Case,
    Category,
    Deadline,
    Fact,
    KnowledgeData,
    Paragraph,
    Regulation,
    ServiceCard,
)

T = TypeVar("T")


class KnowledgeError(RuntimeError):
    """The knowledge base could not be built or loaded."""

    def __init__(self, message: str, result: BuildResult | None = None) -> None:
        super().__init__(message)
        self.result = result


class KnowledgeBase:
    def __init__(self, data: KnowledgeData, path: Path | None = None) -> None:
        self.data = data
        self.path = path
        self._paragraph_index = {p.id: p for p in data.paragraphs}
        self._memo: dict[str, Any] = {}
        self._lock = threading.Lock()

    # --- plain data -----------------------------------------------------------------------
    @property
    def version(self) -> str:
        return self.data.fingerprint

    @property
    def acts(self) -> dict[str, Act]:
        return self.data.acts

    @property
    def regulations(self) -> dict[str, Regulation]:
        return self.data.regulations

    @property
    def services(self) -> dict[str, ServiceCard]:
        return self.data.services

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self.data.paragraphs

    @property
    def warnings(self) -> list[str]:
        return self.data.warnings

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return self._paragraph_index.get(paragraph_id)

    def service(self, service_id: str) -> ServiceCard | None:
        return self.data.services.get(service_id)

    def act_for(self, service_id: str) -> Act | None:
        card = self.data.services.get(service_id)
        return self.data.acts.get(card.act_id) if card else None

    def categories(self) -> list[Category]:
        return list(self.data.categories)

    def cases(self, service_id: str) -> list[Case]:
        card = self.data.services.get(service_id)
        return list(card.cases) if card else []

    def deadline(self, service_id: str, case_id: str = "issue",
                 channel: str | None = None) -> Deadline | None:
        """The overall deadline of a case (for ``channel`` when it differs), or the pointer to
        the service standard when the regulation defers to it, or (scope ``step``) the
        provider's review time when that is all the text states; None when nothing is."""
        card = self.data.services.get(service_id)
        if card is None:
            return None
        case = card.case(case_id)
        if case is not None:
            totals = [d for d in case.deadlines if d.scope == "total"]
            if channel:
                for d in totals:
                    if d.channel == channel:
                        return d
            generic = [d for d in totals if d.channel is None] or totals
            if generic:
                return generic[0]
            if case.standard_reference is not None:
                return case.standard_reference
            if card.deadline_reference is None and case.deadlines:
                return case.deadlines[0]  # only the provider's review time is stated
        return card.deadline_reference

    def refusal_grounds(self, service_id: str) -> list[Fact]:
        card = self.data.services.get(service_id)
        return list(card.refusal_grounds) if card else []

    def title(self, service_id: str, lang: str) -> str:
        card = self.data.services[service_id]
        return (card.title_ru if lang == "ru" and card.title_ru else card.title_kk)

    def render_card(self, service_id: str, lang: str = "kk") -> str:
        from .render import render_card

        return render_card(self, service_id, lang)

    def memo(self, key: str, factory: Callable[[], T]) -> T:
        """A value computed once per loaded base (search indexes and the like)."""
        value = self._memo.get(key)
        if value is None:
            with self._lock:
                value = self._memo.get(key)
                if value is None:
                    value = factory()
                    self._memo[key] = value
        return value

    # --- attached by K2 (question answering) and K3 (checklists) ---------------------------
    def search_services(self, text: str, lang: str | None = None, limit: int = 8
                        ) -> list[tuple[str, float]]:
        from .qa import api as qa_api

        return qa_api.search_services(self, text, lang=lang, limit=limit)

    def ask(self, question: str, lang: str | None = None, service_id: str | None = None) -> Any:
        from .qa import api as qa_api

        return qa_api.ask(self, question, lang=lang, service_id=service_id)

    def checklist(self, request: dict) -> dict:
        from .checklists import evaluate

        return evaluate.run_checklist(self, request)

    def checklist_options(self, service_id: str) -> dict:
        from .checklists import evaluate

        return evaluate.checklist_options(self, service_id)

    def match_documents(self, service_id: str, items: list[str], **kwargs: Any) -> Any:
        from .checklists import evaluate

        return evaluate.match_documents(self, service_id, items, **kwargs)


def load_knowledge(path: str | Path | None = None, build_if_stale: bool = True,
                   sources_dir: Path | None = None, overlay_dir: Path | None = None
                   ) -> KnowledgeBase:
    """Load the cache at ``path`` (default ``$KNOWLEDGE_CACHE`` or
    ``$DATA_DIR/knowledge/kb.json``), building it first when missing or stale. Raises
    :class:`KnowledgeError` when the build fails and no usable cache exists."""
    cache = Path(path) if path else default_cache_path()
    result = None
    if build_if_stale:
        result = ensure_cache(cache, sources_dir, overlay_dir)
    data = read_cache(cache)
    if data is None:
        if result is not None and result.errors:
            raise KnowledgeError("knowledge base build failed: " + "; ".join(result.errors[:5]),
                                 result)
        raise KnowledgeError(f"no knowledge base cache at {cache}", result)
    return KnowledgeBase(data, cache)
