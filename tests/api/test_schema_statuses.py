"""The API's status literal must list exactly the domain's statuses, in the same order."""

from typing import get_args

from bot.api.schema import StatusChange, StatusName
from domain.applications.status import STATUSES


def test_status_literal_matches_domain_statuses() -> None:
    assert get_args(StatusName) == STATUSES


def test_every_domain_status_is_accepted_by_the_schema() -> None:
    for status in STATUSES:
        assert StatusChange(status=status).status == status
