"""Kazakhstan's individual and business identification numbers (IIN / BIN).

Both are 12 digits; the last one is a check digit computed over the first 11:

* weights 1..11, sum modulo 11; when that gives 10,
* weights 3..11, 1, 2, sum modulo 11; when that gives 10 again the number is invalid
  (such numbers are never issued).

IIN: ``YYMMDD`` birth date, a century/sex digit (1/2: 19th century, 3/4: 20th, 5/6: 21st; odd =
male, even = female; 0 is issued to some foreign persons and carries no date), four serial digits,
the check digit.

BIN: ``YYMM`` registration year and month, the entity type (4 resident legal entity, 5 non-resident
legal entity, 6 individual entrepreneur's joint business), the division (0 head office, 1 branch,
2 representative office, 3 peasant or farm enterprise), five serial digits, the check digit. An
IIN's fifth digit is the first digit of the birth day (0-3), so the fifth digit tells them apart.

Parsers raise ``IdentityError`` subclasses with a stable ``code``; flows map the code to a
localised message. Numbers are personal data: never log them in clear, use ``mask_identity``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

_SEPARATORS = re.compile(r"[\s\-.]")
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
BIN_ENTITY_TYPES = {4: "resident", 5: "non_resident", 6: "joint_entrepreneur"}
BIN_DIVISIONS = {0: "head", 1: "branch", 2: "representative", 3: "farm"}


class IdentityError(ValueError):
    """Base of every IIN/BIN validation error; ``code`` is stable and maps to a message."""

    code = "identity_invalid"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.code)


class IdentityFormatError(IdentityError):
    code = "identity_format"  # not exactly 12 digits


class IdentityChecksumError(IdentityError):
    code = "identity_checksum"  # the check digit does not match (or cannot exist)


class IdentityDateError(IdentityError):
    code = "identity_date"  # IIN birth date / BIN registration month impossible


class IdentityKindError(IdentityError):
    code = "identity_kind"  # a BIN where an IIN was expected, or the reverse


@dataclass(frozen=True)
class Iin:
    number: str = field(repr=False)
    birth_date: date | None
    sex: Literal["M", "F"] | None
    kind: Literal["iin"] = "iin"

    def __repr__(self) -> str:
        return f"Iin({mask_identity(self.number)})"

    __str__ = __repr__


@dataclass(frozen=True)
class Bin:
    number: str = field(repr=False)
    registered_year: int
    registered_month: int
    entity_type: str
    division: str
    kind: Literal["bin"] = "bin"

    def __repr__(self) -> str:
        return f"Bin({mask_identity(self.number)})"

    __str__ = __repr__


def normalise(text: str) -> str:
    """Digits only (spaces, dashes and dots people type are dropped); format-checked."""
    digits = _SEPARATORS.sub("", text or "")
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        raise IdentityFormatError("expected 12 digits")
    return digits


def check_digit(first11: str) -> int | None:
    """The check digit for 11 digits, or None when both weight sets give 10 (never issued)."""
    digits = [int(c) for c in first11]
    if len(digits) != 11:
        raise ValueError("need 11 digits")
    for weights in (WEIGHTS_1, WEIGHTS_2):
        value = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if value != 10:
            return value
    return None


def _verify_checksum(digits: str) -> None:
    expected = check_digit(digits[:11])
    if expected is None or expected != int(digits[11]):
        raise IdentityChecksumError("check digit mismatch")


def is_bin_shape(digits: str) -> bool:
    return digits[4] in "456"


def parse_iin(text: str) -> Iin:
    digits = normalise(text)
    if is_bin_shape(digits):
        raise IdentityKindError("this is a BIN")
    _verify_checksum(digits)
    marker = int(digits[6])
    if marker == 0:
        return Iin(number=digits, birth_date=None, sex=None)
    if marker not in _CENTURY:
        raise IdentityDateError("unknown century digit")
    year = _CENTURY[marker] + int(digits[0:2])
    try:
        born = date(year, int(digits[2:4]), int(digits[4:6]))
    except ValueError as exc:
        raise IdentityDateError("impossible birth date") from exc
    return Iin(number=digits, birth_date=born, sex="M" if marker % 2 else "F")


def parse_bin(text: str) -> Bin:
    digits = normalise(text)
    if not is_bin_shape(digits):
        raise IdentityKindError("this is an IIN")
    _verify_checksum(digits)
    month = int(digits[2:4])
    if not 1 <= month <= 12:
        raise IdentityDateError("impossible registration month")
    division = int(digits[5])
    if division not in BIN_DIVISIONS:
        raise IdentityFormatError("unknown division digit")
    yy = int(digits[0:2])
    # BINs exist since 2007 (earlier entities got theirs re-registered with their old dates).
    year = 2000 + yy if yy <= 79 else 1900 + yy
    return Bin(
        number=digits,
        registered_year=year,
        registered_month=month,
        entity_type=BIN_ENTITY_TYPES[int(digits[4])],
        division=BIN_DIVISIONS[division],
    )


def parse_identity(text: str) -> Iin | Bin:
    """An IIN or a BIN, decided by the fifth digit."""
    digits = normalise(text)
    return parse_bin(digits) if is_bin_shape(digits) else parse_iin(digits)


def mask_identity(number: str | None) -> str:
    """``990101300123`` -> ``9901******23``: enough to recognise, useless to misuse."""
    if not number:
        return ""
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 6) + number[-2:]
