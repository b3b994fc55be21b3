"""Lines typed at the checklist: documents in hand versus statements about the situation."""

from types import SimpleNamespace

import pytest

from dialogs.documents.check import read_line
from knowledge import load_knowledge

DRAFT = SimpleNamespace(
    service_id="shared_construction_licence",
    case_id="issue_stage1",
    applicant_type="legal_entity",
    channel="provider_or_center",
)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


@pytest.mark.parametrize(
    "line",
    [
        "агент-банкпен шарт көшірмесі / договор с банком-агентом",
        "квитанция об оплате сбора в банке",
        "салық органында есепте тұрғаны туралы куәлік көшірмесі",
    ],
)
def test_document_lines_are_not_statements(kb, line: str) -> None:
    assert read_line(kb, DRAFT, line) is None


@pytest.mark.parametrize(
    ("line", "condition", "value"),
    [
        ("Лицензионный сбор оплачен через платёжный шлюз", "fee_paid_via_gateway", True),
        ("лицензиялық алым ЭҮТШ арқылы төленді", "fee_paid_via_gateway", True),
        ("Для сверки предъявляю оригиналы документов", "originals_presented", True),
        ("Заявитель — иностранное лицо", "foreign_applicant", True),
    ],
)
def test_statements_are_read(kb, line: str, condition: str, value: bool) -> None:
    assert read_line(kb, DRAFT, line) == (condition, value)
