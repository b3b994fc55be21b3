from datetime import date

import pytest

from domain.identity import (
    Bin,
    IdentityChecksumError,
    IdentityDateError,
    IdentityFormatError,
    IdentityKindError,
    Iin,
    check_digit,
    mask_identity,
    parse_bin,
    parse_identity,
    parse_iin,
)

# Check digits verified by hand (see the module docstring for the algorithm).
IIN_FIRST_WEIGHTS = "870415300125"  # 1987-04-15, male; first weight set gives 5
IIN_SECOND_WEIGHTS = "950702400009"  # 1995-07-02, female; first set gives 10, second 9
IIN_2000S = "000101500206"  # 2000-01-01, male; second weight set gives 6
BIN_KASPI = "971240001315"  # public BIN of a bank, registered 1997-12
BIN_HALYK = "940140000385"
BIN_SECOND_WEIGHTS = "150340000003"


def test_iin_first_weight_set():
    iin = parse_iin(IIN_FIRST_WEIGHTS)
    assert isinstance(iin, Iin)
    assert iin.birth_date == date(1987, 4, 15)
    assert iin.sex == "M"


@pytest.mark.parametrize(
    ("number", "born", "sex"),
    [(IIN_SECOND_WEIGHTS, date(1995, 7, 2), "F"), (IIN_2000S, date(2000, 1, 1), "M")],
)
def test_iin_needing_second_weight_set(number, born, sex):
    # py-kz-validators rejects these; they are valid.
    assert check_digit(number[:11]) == int(number[11])
    iin = parse_iin(number)
    assert iin.birth_date == born
    assert iin.sex == sex


def test_check_digit_none_when_both_weight_sets_give_ten():
    assert check_digit("95070240006") is None
    for last in "0123456789":
        with pytest.raises(IdentityChecksumError):
            parse_iin("95070240006" + last)


@pytest.mark.parametrize("number", [IIN_FIRST_WEIGHTS, IIN_SECOND_WEIGHTS, BIN_KASPI])
def test_any_other_check_digit_is_rejected(number):
    for digit in "0123456789":
        if digit == number[-1]:
            continue
        with pytest.raises(IdentityChecksumError):
            parse_identity(number[:11] + digit)


@pytest.mark.parametrize(
    "text", ["", "12345", "8704153001250", "87041530012a", "８７０４１５３００１２５", None]
)
def test_format_errors(text):
    with pytest.raises(IdentityFormatError) as info:
        parse_identity(text)
    assert info.value.code == "identity_format"


def test_separators_are_tolerated():
    assert parse_iin("870415 300125").number == IIN_FIRST_WEIGHTS
    assert parse_bin("9712-4000-1315").number == BIN_KASPI


def test_impossible_birth_date():
    # 1987-02-30 with a correct check digit is still not a person.
    first11 = "87023030012"
    number = first11 + str(check_digit(first11))
    with pytest.raises(IdentityDateError):
        parse_iin(number)


def test_century_digit_out_of_range():
    first11 = "87041570012"
    number = first11 + str(check_digit(first11))
    with pytest.raises(IdentityDateError):
        parse_iin(number)


def test_bin_structure():
    kaspi = parse_bin(BIN_KASPI)
    assert isinstance(kaspi, Bin)
    assert (kaspi.registered_year, kaspi.registered_month) == (1997, 12)
    assert kaspi.entity_type == "resident" and kaspi.division == "head"
    assert parse_bin(BIN_HALYK).registered_year == 1994
    second = parse_bin(BIN_SECOND_WEIGHTS)
    assert (second.registered_year, second.registered_month) == (2015, 3)


def test_kind_errors_and_dispatch():
    with pytest.raises(IdentityKindError):
        parse_iin(BIN_KASPI)
    with pytest.raises(IdentityKindError):
        parse_bin(IIN_FIRST_WEIGHTS)
    assert isinstance(parse_identity(BIN_KASPI), Bin)
    assert isinstance(parse_identity(IIN_SECOND_WEIGHTS), Iin)


def test_bin_impossible_month():
    first11 = "15134000000"
    number = first11 + str(check_digit(first11))
    with pytest.raises(IdentityDateError):
        parse_bin(number)


def test_masking_never_shows_the_number():
    iin = parse_iin(IIN_FIRST_WEIGHTS)
    assert IIN_FIRST_WEIGHTS not in repr(iin)
    assert IIN_FIRST_WEIGHTS not in str(iin)
    assert mask_identity(IIN_FIRST_WEIGHTS) == "8704******25"
    assert mask_identity(None) == ""
