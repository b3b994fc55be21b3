from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.operators.config import OperatorConfig
from domain.operators.hours import HoursError, OperatorHours

ALMATY = ZoneInfo("Asia/Almaty")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=ALMATY)


def test_parse_and_open_windows():
    hours = OperatorHours.parse("Mon-Fri 09:00-18:00; sat 10:00-14:00", "Asia/Almaty")
    assert hours.is_open(local(2025, 3, 4, 9, 0))  # Tuesday
    assert not hours.is_open(local(2025, 3, 4, 18, 0))  # the end is exclusive
    assert not hours.is_open(local(2025, 3, 4, 8, 59))
    assert hours.is_open(local(2025, 3, 1, 11, 0))  # Saturday
    assert not hours.is_open(local(2025, 3, 2, 11, 0))  # Sunday
    # a UTC moment is judged in Almaty time
    assert hours.is_open(local(2025, 3, 4, 9, 30).astimezone(UTC))


def test_next_open_skips_weekend_and_public_holidays():
    hours = OperatorHours.parse("mon-fri 09:00-18:00", "Asia/Almaty")
    friday_evening = local(2025, 3, 7, 19, 0)
    # Monday 10 March 2025 is a day off in Kazakhstan (8 March moved from Saturday)
    assert hours.next_open(friday_evening) == local(2025, 3, 11, 9, 0)
    # Nauryz: 21-23 March 2025 (Fri-Sun) -> next window is Monday 24 March? 24 is a transfer day
    nxt = hours.next_open(local(2025, 3, 20, 18, 30))
    assert nxt is not None and nxt.date() > datetime(2025, 3, 23).date()
    assert not hours.is_open(local(2025, 3, 21, 10, 0))
    no_holidays = OperatorHours(hours.rules, hours.tz, holidays_off=False)
    assert no_holidays.is_open(local(2025, 3, 21, 10, 0))


def test_next_open_same_day_before_opening():
    hours = OperatorHours.parse("mon-fri 09:00-18:00")
    assert hours.next_open(local(2025, 3, 4, 7, 0)) == local(2025, 3, 4, 9, 0)


@pytest.mark.parametrize(
    "spec", ["", "monday 09:00-18:00", "mon-fri 9-18", "mon 18:00-09:00", "mon 25:00-26:00"]
)
def test_bad_specs_are_refused(spec):
    with pytest.raises(HoursError):
        OperatorHours.parse(spec or " ; ")


def test_wrapping_day_range():
    hours = OperatorHours.parse("fri-mon 10:00-12:00")
    assert hours.rules[0].days == (4, 5, 6, 0)


class _Settings:
    operator_hours = "sat-sun 10:00-11:00"
    timezone = "Asia/Almaty"
    operator_chat_id = -100500
    operator_ids = frozenset({7})
    admin_ids = frozenset({1})
    ticket_reopen_hours = 2
    ticket_remind_minutes = 15


def test_config_from_settings_and_defaults():
    cfg = OperatorConfig.from_settings(_Settings())
    assert cfg.chat_id == -100500 and cfg.operator_ids == {7} and cfg.admin_ids == {1}
    assert cfg.reopen_window == timedelta(hours=2) and cfg.remind_after == timedelta(minutes=15)
    assert cfg.hours.rules[0].days == (5, 6)
    empty = OperatorConfig.from_settings(object())
    assert empty.chat_id is None and empty.reopen_window == timedelta(hours=24)
    assert empty.hours.tz.key == "Asia/Almaty"
