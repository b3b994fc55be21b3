"""Structured service-card extraction from the paragraphs of one regulation."""

from __future__ import annotations

from ..model import Paragraph, Regulation, ServiceCard
from .context import RegContext
from .general import extract_general


def extract_card(regulation: Regulation, paragraphs: list[Paragraph], service_id: str
                 ) -> ServiceCard:
    ctx = RegContext(regulation.act_id, regulation.id, regulation.source, regulation.title_kk,
                     paragraphs)
    card = ServiceCard(id=service_id, title_kk=regulation.title_kk, act_id=regulation.act_id,
                       regulation_id=regulation.id, source=regulation.source)
    extract_general(ctx, card)
    for step in _optional_steps():
        step(ctx, card)
    card.paragraph_ids = [p.id for p in paragraphs]
    return card


def _optional_steps():
    from . import procedure  # noqa: F401  (deadlines, steps, refusal, agencies, fees, documents)

    return procedure.STEPS
