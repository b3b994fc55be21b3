"""Logging set-up shared by every entry point, with personal data kept out of the logs.

Our own code logs ids and counts only. Two safety nets cover the rest: loggers of libraries that
dump SQL parameters (applicants' IIN, names, phones, message texts) are capped above DEBUG, and a
filter on the handlers masks anything shaped like an IIN/BIN or a Kazakh phone number.
"""

from __future__ import annotations

import logging
import re

from domain.identity import mask_identity

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Loggers that print statements with their parameters: never below these levels.
DATA_LOGGERS = {"aiosqlite": logging.INFO, "sqlalchemy.engine": logging.WARNING}

_IDENTITY = re.compile(r"(?<!\d)\d{12}(?!\d)")
_PHONE = re.compile(r"(?<![\d+])(?:\+7|8|7)[\s(-]*7\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")


def redact(text: str) -> str:
    """``text`` with IIN/BIN-like numbers masked and phone numbers replaced."""
    text = _IDENTITY.sub(lambda m: mask_identity(m.group(0)), text)
    return _PHONE.sub("+7**********", text)


class RedactingFilter(logging.Filter):
    """Masks identity and phone numbers in the final message of every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class LevelFloor(logging.Filter):
    """Drops records below ``level`` (set on a logger, it holds whatever the root level is)."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level


def quiet_data_loggers() -> None:
    """Drop the records of DATA_LOGGERS below their floor, whatever the root level becomes."""
    for name, floor in DATA_LOGGERS.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, LevelFloor) for f in logger.filters):
            logger.addFilter(LevelFloor(floor))


def configure_logging(level: str | int = "INFO", fmt: str = FORMAT) -> None:
    """``logging.basicConfig`` plus the personal-data safety nets."""
    if isinstance(level, str):
        level = logging.getLevelName(level.upper())
        level = level if isinstance(level, int) else logging.INFO
    logging.basicConfig(level=level, format=fmt)
    quiet_data_loggers()
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
