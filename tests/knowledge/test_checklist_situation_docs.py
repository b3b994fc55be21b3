"""A document name typed as "what I have" is not a statement about the applicant's situation."""

import pytest

from knowledge.checklists.situation import SituationReader


@pytest.mark.parametrize(
    "text",
    ["өтініш", "мәліметтер нысаны", "заявление", "жарғының көшірмесі", "форма сведений"],
)
def test_document_names_are_not_conditions(text: str) -> None:
    assert SituationReader().classify(text)[0] is None


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Заявитель — иностранное лицо", "foreign_applicant"),
        ("лицензия туралы мәліметтер мемлекеттік ақпараттық жүйелерде бар", "licence_in_state_systems"),
        ("Для сверки предъявляю оригиналы документов", "originals_presented"),
    ],
)
def test_situation_statements_still_classified(text: str, condition: str) -> None:
    assert SituationReader().classify(text)[0] == condition
