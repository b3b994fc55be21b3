"""The answer contract shared by ``KnowledgeBase.ask`` and ``python -m knowledge ask --json``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class AnswerCitation(BaseModel):
    act: str
    regulation: str
    paragraph: str
    quote: str
    subitem: str | None = None
    paragraph_id: str | None = None


class Candidate(BaseModel):
    service_id: str
    title: str
    score: float = 0.0


class Answer(BaseModel):
    id: Any = None
    lang: str
    answer: str
    service_id: str | None = None
    service_title: str | None = None
    intent: str | None = None
    citations: list[AnswerCitation] = Field(default_factory=list)
    confidence: float = 0.0
    escalate: bool = False
    candidates: list[Candidate] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        """The ``ask --json`` record: exactly the contract's keys."""
        data = self.model_dump()
        return {key: data[key] for key in (
            "id", "lang", "answer", "service_id", "service_title", "intent", "citations",
            "confidence", "escalate", "candidates",
        )}
