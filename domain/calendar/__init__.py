"""Kazakhstan working days: the ``holidays`` KZ calendar plus a reviewed override file."""

from domain.calendar.working import (
    DEFAULT_OVERRIDES,
    Due,
    OverrideError,
    Overrides,
    WorkingCalendar,
    default_calendar,
    load_overrides,
)

__all__ = [
    "DEFAULT_OVERRIDES",
    "Due",
    "OverrideError",
    "Overrides",
    "WorkingCalendar",
    "default_calendar",
    "load_overrides",
]
