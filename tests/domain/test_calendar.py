from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from domain.calendar import OverrideError, WorkingCalendar, load_overrides
from domain.calendar.working import parse_overrides

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture(scope="module")
def cal():
    return WorkingCalendar(load_overrides())


def days_off(cal, *isodates):
    return [d for d in isodates if not cal.is_working_day(date.fromisoformat(d))]


@pytest.mark.parametrize(
    ("holiday", "year_dates"),
    [
        ("New Year", ["2024-01-01", "2024-01-02", "2025-01-01", "2025-01-02", "2026-01-02"]),
        ("Orthodox Christmas", ["2025-01-07", "2026-01-07", "2027-01-07"]),
        ("8 March", ["2024-03-08", "2027-03-08"]),
        ("Nauryz", ["2024-03-21", "2024-03-22", "2025-03-21", "2026-03-23"]),
        ("1 May", ["2024-05-01", "2025-05-01", "2026-05-01"]),
        ("7 May", ["2024-05-07", "2025-05-07", "2026-05-07"]),
        ("9 May", ["2024-05-09", "2025-05-09"]),
        ("Capital Day 6 July", ["2023-07-06", "2026-07-06"]),
        ("Constitution Day 30 August", ["2022-08-30", "2023-08-30", "2024-08-30"]),
        ("Republic Day 25 October", ["2022-10-25", "2023-10-25", "2024-10-25"]),
        ("Independence Day", ["2024-12-16", "2025-12-16", "2026-12-16"]),
        ("Kurban ait", ["2023-06-28", "2025-06-06", "2026-05-27"]),
    ],
)
def test_public_holidays_are_days_off(cal, holiday, year_dates):
    assert days_off(cal, *year_dates) == year_dates, holiday


def test_weekend_holidays_move_to_next_working_day(cal):
    moved = {
        "2025-03-10": "8 March 2025 was a Saturday",
        "2025-03-24": "Nauryz 22 March 2025 (Saturday)",
        "2025-03-25": "Nauryz 23 March 2025 (Sunday)",
        "2024-03-25": "Nauryz 23 March 2024 (Saturday)",
        "2026-03-09": "8 March 2026 was a Sunday",
        "2026-05-11": "9 May 2026 was a Saturday",
        "2025-07-07": "6 July 2025 was a Sunday",
        "2025-09-01": "30 August 2025 was a Saturday",
        "2025-10-27": "25 October 2025 was a Saturday",
        "2026-10-26": "25 October 2026 is a Sunday",
        "2023-12-18": "16 December 2023 was a Saturday",
    }
    assert days_off(cal, *moved) == list(moved)


def test_religious_days_are_not_moved(cal):
    # 7 January 2024 was a Sunday, 16 June 2024 (Kurban ait) too: the Mondays are working days.
    assert cal.is_working_day(date(2024, 1, 8))
    assert cal.is_working_day(date(2024, 6, 17))
    assert cal.is_working_day(date(2023, 1, 9))  # 7 January 2023 was a Saturday


def test_government_transfers_both_ways(cal):
    # 2024: Saturday 4 May worked, Wednesday 8 May off.
    assert cal.is_working_day(date(2024, 5, 4))
    assert not cal.is_working_day(date(2024, 5, 8))
    # 2025: Sunday 5 January worked, Friday 3 January off.
    assert cal.is_working_day(date(2025, 1, 5))
    assert not cal.is_working_day(date(2025, 1, 3))
    # 2023: Saturday 1 July worked, Friday 7 July off.
    assert cal.is_working_day(date(2023, 7, 1))
    assert not cal.is_working_day(date(2023, 7, 7))
    # Ordinary weekends stay days off.
    assert not cal.is_working_day(date(2025, 1, 4))


def test_every_package_transfer_has_its_working_day_in_overrides(cal):
    overrides = load_overrides()
    for year in range(2022, 2026):
        for day, name in holidays.country_holidays("KZ", years=year, language="en_US").items():
            if "substituted" in name.lower():
                assert day in overrides.days_off, f"{day} lacks a reviewed transfer entry"
    working_years = {d.year for d in overrides.working_days}
    assert {2022, 2023, 2024, 2025} <= working_years


def test_kurban_ait_estimate_and_confirmation(cal):
    assert cal.estimated_dates(2026) == frozenset()  # confirmed in overrides.yaml
    assert len(cal.estimated_dates(2027)) == 1  # still an estimate
    custom = WorkingCalendar(
        parse_overrides({"kurban_ait": {2027: {"date": "2027-05-17", "source": "test"}}})
    )
    assert custom.is_working_day(date(2027, 5, 18))
    assert not custom.is_working_day(date(2027, 5, 17))
    estimated = next(iter(cal.estimated_dates(2027)))
    if estimated != date(2027, 5, 17) and estimated.weekday() < 5:
        assert custom.is_working_day(estimated)  # the estimate is replaced, not added


def test_add_working_days_across_new_year(cal):
    # Monday 30 Dec 2024: 31 Dec (1), 1-3 Jan off, 4 Jan Sat, 5 Jan worked Sunday (2), 6 Jan (3).
    assert cal.add_working_days(date(2024, 12, 30), 3) == date(2025, 1, 5) + timedelta(days=1)
    assert cal.add_working_days(date(2024, 12, 30), 2) == date(2025, 1, 5)
    # 7 January 2025 (Tuesday) is Christmas: the fourth day is the 8th.
    assert cal.add_working_days(date(2024, 12, 30), 4) == date(2025, 1, 8)


def test_add_working_days_across_nauryz(cal):
    # Wed 19 Mar 2025: 20 Mar (1); 21 off; 22-23 weekend; 24-25 moved Nauryz; 26 (2); 27 (3).
    assert cal.add_working_days(date(2025, 3, 19), 3) == date(2025, 3, 27)


def test_fifteen_working_days_in_march_2026(cal):
    # From Mon 2 Mar 2026: 3-6 (4), 9 off, 10-13 (8), 16-20 (13), 23-25 off, 26 (14), 27 (15).
    assert cal.add_working_days(date(2026, 3, 2), 15) == date(2026, 3, 27)
    assert cal.working_days_between(date(2026, 3, 2), date(2026, 3, 27)) == 15


def test_counting_starts_the_day_after_even_on_a_day_off(cal):
    # Submitted on Saturday 4 Jan 2025 (a day off): day 1 is Sunday 5 Jan (transferred workday).
    assert cal.add_working_days(date(2025, 1, 4), 1) == date(2025, 1, 5)
    assert cal.add_working_days(date(2025, 1, 10), 0) == date(2025, 1, 10)
    with pytest.raises(ValueError):
        cal.add_working_days(date(2025, 1, 10), -1)


def test_local_date_of_an_utc_submission(cal):
    # 30 Dec 2024 20:00 UTC is already 31 Dec in Almaty (UTC+5).
    submitted = datetime(2024, 12, 30, 20, 0, tzinfo=UTC)
    assert cal.due(submitted, 3, "working_days").date == date(2025, 1, 8)
    with pytest.raises(ValueError):
        cal.add_working_days(datetime(2024, 12, 30, 20, 0), 1)


def test_working_hours(cal):
    start = datetime(2024, 3, 7, 12, 0, tzinfo=ALMATY)  # Thursday before 8 March
    assert cal.add_working_hours(start, 3) == datetime(2024, 3, 7, 16, 0, tzinfo=ALMATY)
    # Friday 3 May 2024 17:00 + 2 h: one hour that day, then the worked Saturday 4 May.
    friday = datetime(2024, 5, 3, 12, 0, tzinfo=UTC)  # 17:00 in Almaty
    assert cal.add_working_hours(friday, 2) == datetime(2024, 5, 4, 10, 0, tzinfo=ALMATY)
    # Evening of 29 Dec 2025 + 8 h: 30 Dec is a full day.
    late = datetime(2025, 12, 29, 19, 0, tzinfo=ALMATY)
    assert cal.add_working_hours(late, 8) == datetime(2025, 12, 30, 18, 0, tzinfo=ALMATY)
    due = cal.due(late, 9, "working_hours")
    assert due.at == datetime(2025, 12, 31, 10, 0, tzinfo=ALMATY)
    assert due.date == date(2025, 12, 31)


def test_calendar_days_ending_on_a_day_off(cal):
    # 14 Mar 2025 + 10 days = 24 Mar (moved Nauryz), 25 Mar too: the period ends on 26 Mar.
    assert cal.add_calendar_days(date(2025, 3, 14), 10) == date(2025, 3, 26)
    assert cal.add_calendar_days(date(2025, 3, 14), 5) == date(2025, 3, 19)
    with pytest.raises(ValueError):
        cal.due(datetime(2025, 1, 1, tzinfo=UTC), 1, "fortnights")


@pytest.mark.parametrize(
    "raw",
    [
        {"transfers": [{"day_off": "2030-01-05", "work_on": "2030-01-07", "source": "x"}]},
        {"transfers": [{"day_off": "2030-01-07", "work_on": "2030-01-08", "source": "x"}]},
        {"transfers": [{"day_off": "2030-01-07", "work_on": "2030-01-05"}]},
        {"extra_days_off": [{"date": "not a date", "source": "x"}]},
        {"kurban_ait": {2030: {"date": "2031-04-01", "source": "x"}}},
        {"extra_days_off": "2030-01-01"},
        {
            "extra_days_off": [{"date": "2030-01-05", "source": "x"}],
            "extra_working_days": [{"date": "2030-01-05", "source": "y"}],
        },
    ],
)
def test_malformed_overrides_are_refused(raw):
    with pytest.raises(OverrideError):
        parse_overrides(raw)


def test_extra_days_and_not_holidays():
    cal = WorkingCalendar(
        parse_overrides(
            {
                "extra_days_off": [{"date": "2030-06-03", "source": "decree"}],
                "extra_working_days": [{"date": "2030-06-08", "source": "decree"}],
                "not_holidays": [{"date": "2030-12-16", "source": "test only"}],
            }
        )
    )
    assert not cal.is_working_day(date(2030, 6, 3))
    assert cal.is_working_day(date(2030, 6, 8))
    assert cal.is_working_day(date(2030, 12, 16))


def test_other_units_of_regulations(cal):
    start = datetime(2025, 3, 14, 10, 0, tzinfo=ALMATY)
    assert cal.due(start, 10, "days").date == date(2025, 3, 26)
    assert cal.due(start, 30, "minutes").at == datetime(2025, 3, 14, 10, 30, tzinfo=ALMATY)
    assert cal.due(start, 24, "hours").at == datetime(2025, 3, 15, 10, 0, tzinfo=ALMATY)
