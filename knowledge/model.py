"""Data model of the knowledge base: acts, regulations, paragraphs and service cards.

Everything here is plain data (pydantic v2) that round-trips through the JSON cache. Every fact
extracted from a regulation carries a :class:`Citation` back to the act, regulation, paragraph,
sub-item and source lines, so answers can quote and cite it.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Unit = Literal["working_days", "working_hours", "calendar_days", "hours", "minutes", "days"]
ActStatus = Literal["in_force", "repealed", "replaced", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=False)


class Citation(_Model):
    """Where a fact comes from: act, regulation, paragraph N, sub-item M, quote, source lines."""

    act_id: str
    regulation_id: str | None = None
    paragraph: str | None = None
    subitem: str | None = None
    quote: str = ""
    source: str = ""
    lines: tuple[int, int] = (0, 0)
    paragraph_id: str | None = None

    def label(self) -> str:
        """Compact, language-neutral locator, e.g. ``p. 6, 1)``."""
        parts = []
        if self.paragraph:
            parts.append(f"{self.paragraph}.")
        if self.subitem:
            parts.append(f"{self.subitem})")
        return " ".join(parts)


class Part(_Model):
    """One logical line of a paragraph (a list item, a heading ending with ':', ...)."""

    text: str
    lines: tuple[int, int]
    # (offset in text, source line) for each physical line; available at build time only
    starts: list[tuple[int, int]] = Field(default_factory=list, exclude=True)


class Paragraph(_Model):
    """A cleaned unit of text K2 indexes and every citation points at.

    kind: ``paragraph`` (N. with its whole text incl. sub-items), ``subitem`` (N) inside a
    paragraph), ``chapter`` (chapter title), ``title`` (regulation title block), ``annex``
    (regulation annex: flowcharts, process tables, forms kept as text), ``act`` (act header and
    act body), ``note`` (amendment note, Ескерту).
    """

    id: str
    kind: Literal["paragraph", "subitem", "chapter", "title", "annex", "act", "note"]
    source: str
    act_id: str
    regulation_id: str | None = None
    service_id: str | None = None
    chapter: str | None = None
    number: str | None = None
    subitem: str | None = None
    lead: str | None = None  # heading the sub-item sits under ("лицензия беру кезінде:")
    text: str
    lines: tuple[int, int]
    parts: list[Part] = Field(default_factory=list)


class ActRef(_Model):
    """Another act mentioned by the text (the repealing act, the replacing act...)."""

    issuer: str | None = None
    issuer_ru: str | None = None
    kind: str | None = None
    number: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    title: str | None = None
    text: str = ""

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # YAML reads an unquoted 2020-01-31 as a date
        return value.isoformat() if isinstance(value, date) else value


class AmendmentNote(_Model):
    text: str
    lines: tuple[int, int]
    regulation_id: str | None = None
    act: ActRef | None = None


class Act(_Model):
    id: str
    source: str
    title: str | None = None
    title_ru: str | None = None
    issuer_ru: str | None = None
    issuer: str | None = None
    kind: str | None = None  # қаулы | бұйрық
    number: str | None = None
    date: str | None = None
    justice_reg_number: str | None = None
    justice_reg_date: str | None = None
    status: ActStatus = "unknown"
    status_source: Literal["text", "overlay", "none"] = "none"
    status_quote: str | None = None
    repealed_by: ActRef | None = None
    replaced_by: ActRef | None = None
    notes: list[AmendmentNote] = Field(default_factory=list)
    lines: tuple[int, int] = (0, 0)
    regulation_ids: list[str] = Field(default_factory=list)


class Regulation(_Model):
    id: str
    act_id: str
    source: str
    index: int  # 1-based position in the source file
    title_kk: str
    lines: tuple[int, int]
    annex_titles: list[str] = Field(default_factory=list)


class Fact(_Model):
    """A short extracted statement with its citation (refusal ground, fee, agency...)."""

    text: str
    citation: Citation
    kind: str | None = None


class Deadline(_Model):
    """A deadline as stated, or a pointer to the service standard when the text defers to it."""

    value: float | None = None
    unit: Unit | None = None
    text: str = ""
    channel: str | None = None
    scope: str = "total"  # total | step | refusal | result_storage
    standard_reference: str | None = None  # paragraph number of the service standard
    citation: Citation | None = None


class Case(_Model):
    id: str  # issue | issue_stage1 | issue_stage2 | reregister | reregister_reorg |
    # reregister_category | duplicate | annex
    name_kk: str
    name_ru: str
    deadlines: list[Deadline] = Field(default_factory=list)
    standard_reference: Deadline | None = None
    reasons: list[Fact] = Field(default_factory=list)
    citation: Citation | None = None


class Channel(_Model):
    id: str  # state_corporation | portal_egov | elicense | provider_office
    name_kk: str
    name_ru: str
    citation: Citation


class Step(_Model):
    number: str | None = None
    actor: str | None = None
    text: str
    duration: Deadline | None = None
    channel: str | None = None
    citation: Citation


class Agency(_Model):
    id: str
    name_kk: str
    name_ru: str
    role: str = "consulted"
    citation: Citation


class DocumentsInfo(_Model):
    """Where the regulation lists documents (paragraph ids for K3) or where it defers to."""

    listed: bool = False
    paragraph_ids: list[str] = Field(default_factory=list)
    standard_reference: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    count: int = 0


class Category(_Model):
    id: str
    name_kk: str
    name_ru: str
    service_ids: list[str] = Field(default_factory=list)


class QAEntry(_Model):
    question_kk: str | None = None
    question_ru: str | None = None
    answer_kk: str | None = None
    answer_ru: str | None = None
    intent: str | None = None
    keywords: list[str] = Field(default_factory=list)
    reviewed: bool = False


class ServiceCard(_Model):
    id: str
    title_kk: str
    title_ru: str | None = None
    short_kk: str | None = None
    short_ru: str | None = None
    category: str | None = None
    act_id: str
    regulation_id: str
    source: str
    region_kk: str | None = None
    region_ru: str | None = None
    status: ActStatus = "unknown"
    provider_kk: str | None = None
    provider_ru: str | None = None
    provider_citation: Citation | None = None
    channels: list[Channel] = Field(default_factory=list)
    form: list[str] = Field(default_factory=list)  # electronic | partially_automated | paper
    form_citation: Citation | None = None
    result: Fact | None = None
    refusal_alternative: Fact | None = None
    result_form: list[str] = Field(default_factory=list)
    result_delivery: list[Fact] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)
    deadline_reference: Deadline | None = None
    refusal_grounds: list[Fact] = Field(default_factory=list)
    refusal_reference: Fact | None = None
    steps: list[Step] = Field(default_factory=list)
    agencies: list[Agency] = Field(default_factory=list)
    fees: list[Fact] = Field(default_factory=list)
    payment: list[Fact] = Field(default_factory=list)
    documents: DocumentsInfo = Field(default_factory=DocumentsInfo)
    applicants: list[str] = Field(default_factory=list)  # legal_entity | individual | ...
    applicants_citation: Citation | None = None
    legal_entities_only: bool = False
    keywords_kk: list[str] = Field(default_factory=list)
    keywords_ru: list[str] = Field(default_factory=list)
    synonyms: dict[str, list[str]] = Field(default_factory=dict)
    qa: list[QAEntry] = Field(default_factory=list)
    checklist: dict[str, Any] | None = None  # curated overlay `checklist:` (K3's schema)
    checklist_data: dict[str, Any] | None = None  # extracted by knowledge.checklists at build
    corrections: dict[str, Any] = Field(default_factory=dict)
    paragraph_ids: list[str] = Field(default_factory=list)

    def case(self, case_id: str) -> Case | None:
        return next((c for c in self.cases if c.id == case_id), None)


class KnowledgeData(_Model):
    """The whole compiled knowledge base as stored in the JSON cache."""

    schema_version: int = 1
    fingerprint: str
    built_at: str
    sources: list[str] = Field(default_factory=list)
    acts: dict[str, Act] = Field(default_factory=dict)
    regulations: dict[str, Regulation] = Field(default_factory=dict)
    services: dict[str, ServiceCard] = Field(default_factory=dict)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
