"""Cleaner: every PDF-extraction artefact, with real lines taken from the seeds by number."""

from __future__ import annotations

import pytest
from _k1_support import seed_lines, vocab  # noqa: F401  (fixture)

from knowledge.ingest.cleaner import Line, clean_line, clean_text, is_letter_spaced
from knowledge.ingest.textnorm import join_lines, normalise_quotes


def line(seed: str, no: int) -> str:
    return seed_lines(seed)[no - 1]


def clean(seed: str, no: int, vocab) -> str:  # noqa: F811
    return clean_line(line(seed, no), vocab)


# --- letter-spaced words -------------------------------------------------------------------

@pytest.mark.parametrize(("seed", "no", "expected"), [
    ("001", 88, "отыз минуттан артық емес;"),
    ("001", 24, "облысының әкімдігі ҚАУЛЫ ЕТЕДІ:"),
    ("001", 43, "№ 71 қаулысымен"),
    ("001", 35, "Облыс әкімі Б. Сапарбаев"),
    ("004", 264, "лицензия алған кезде орталыққа:"),
    ("004", 276, "куәландырылған);"),
])
def test_letter_spaced_words_are_joined(seed, no, expected, vocab):  # noqa: F811
    assert is_letter_spaced(line(seed, no).strip())
    assert clean(seed, no, vocab) == expected


def test_letter_spaced_digits_form_one_number(vocab):  # noqa: F811
    raw = line("003", 1035)
    assert raw.startswith("1 5")
    assert clean("003", 1035, vocab) == "15"
    assert clean("003", 1028, vocab) == "1,5"


def test_table_header_row_is_not_a_number(vocab):  # noqa: F811
    assert clean("003", 1177, vocab) == "1 2 3 4 5 6 7 8 9"


def test_ordinary_line_is_not_letter_spaced():
    assert not is_letter_spaced(line("001", 51).strip())


@pytest.mark.parametrize(("seed", "no", "expected"), [
    ("001", 101, "лицензияны қайта ресімдеу кезінде:"),
    ("001", 206, "4) қызмет беруші бөлімінің басшысы;"),
    ("004", 158, "1) кіріс нөмірі бар тіркелген сауал;"),
    ("004", 210, "арналған сұрауды түскен күні тіркеу;"),
])
def test_words_broken_around_i_are_merged(seed, no, expected, vocab):  # noqa: F811
    assert clean(seed, no, vocab) == expected


# --- phrases moved to the end of the line --------------------------------------------------

@pytest.mark.parametrize(("seed", "no", "expected"), [
    # the double space marks where the hyperlinked phrase belongs
    ("003", 178, "Мемлекеттік қызметті көрсету мерзімі стандарттың 4 тармағында көрсетілген"),
    ("001", 86, "1) қызмет берушінің кеңсесінде Стандарттың 9-тармағына сәйкес қызмет"),
    ("001", 213, "1) қызмет берушінің кеңсесі Стандарттың 1 қосымшасына сәйкес нысан"),
    # " ," marks the place; the phrase is glued to the last word
    ("001", 18, 'Заңының 27-бабының 2-тармағына, "Мемлекеттік көрсетілетін қызметтер туралы'),
    ("001", 27, 'телнұсқаларын беру" мемлекеттік көрсетілетін қызмет регламенті бекітілсін.'),
    ("001", 23, "Үкіметінің 2014 жылғы 28 ақпандағы № 160 қаулысына сәйкес Шығыс Қазақстан"),
    ("002", 12, "Ескерту. Күші жойылды - Атырау облысы әкімдігінің 25.12.2019 № 304 ("),
    ("004", 13, "27.05.2016 № 223 бұйрығымен."),
    ("002", 76, "мемлекеттік тіркеу тізілімінде № 11476 болып тіркелген) бұйрығымен бекітілген"),
    # two markers, two pieces
    ("004", 155, "сипаттамасы осы Регламенттің 12 және 13-тармақтарында көрсетілген."),
    # the line start is the place (a single leading space)
    ("003", 12, "қаулысымен (алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн"),
])
def test_moved_phrase_is_put_back(seed, no, expected, vocab):  # noqa: F811
    assert clean(seed, no, vocab) == expected


def test_line_without_marker_is_untouched(vocab):  # noqa: F811
    # ends with a link word but has no marker: nothing moves
    assert clean("002", 4, vocab) == "қаулысына өзгерістер енгізу туралы"
    # a date is not a glued phrase
    assert "12.05.2016 № 2/190" in clean("003", 10, vocab)


@pytest.mark.parametrize(("seed", "no", "expected"), [
    ("003", 54, 'телнұсқасын беру";'),
    ("003", 86, 'ресімдеу, лицензияның телнұсқасын беру".'),
    ("003", 46, "ҚАУЛЫ ЕТЕДІ:"),
])
def test_punctuation_moved_to_line_start(seed, no, expected, vocab):  # noqa: F811
    assert clean(seed, no, vocab) == expected


def test_chapter_number_moved_to_line_end(vocab):  # noqa: F811
    assert clean("003", 185, vocab).startswith("2. Мемлекеттік қызмет көрсету үдерісіндегі")
    assert clean("003", 264, vocab) == "4. Орталықпен өзара іс-қимыл тәртібін, сондай-ақ"


# --- across lines: hyphenation, quotes, brackets, stray punctuation, page breaks -----------

def _join(seed: str, first: int, last: int, vocab) -> str:  # noqa: F811
    raw = "\n".join(seed_lines(seed)[first - 1: last])
    return join_lines(clean_text(raw, vocab), vocab)


def test_hyphenated_compound_keeps_its_hyphen(vocab):  # noqa: F811
    # "... (іс-" + "қимыл) тәртібін" (seed 000, lines 258-260)
    assert "өзара іс-қимыл тәртібін сипаттау" in _join("000", 258, 260, vocab)


def test_number_and_suffix_across_lines(vocab):  # noqa: F811
    text = _join("000", 110, 114, vocab)  # "стандарттың 6-" / "қосымшасына"
    assert "стандарттың 6-қосымшасына сәйкес" in text
    text = _join("000", 231, 232, vocab)  # "стандарттың 9 -" / "тармағындағы"
    assert "стандарттың 9-тармағындағы" in text


def test_syllable_break_is_removed(vocab):  # noqa: F811
    text = join_lines([Line(1, "Көрсе-", 0), Line(2, "тілетін", 0)], vocab)
    assert text == "Көрсетілетін"


def test_quote_split_across_lines_is_reattached(vocab):  # noqa: F811
    text = _join("003", 154, 155, vocab)  # 'www.elicense.kz "' / 'Е-лицензиялау" веб-порталы'
    assert 'www.elicense.kz "Е-лицензиялау" веб-порталы' in text


def test_bracket_split_across_lines(vocab):  # noqa: F811
    text = _join("001", 80, 84, vocab)  # "рәсімдердің (" / "і с - қ и м ы л д а р д ы ң )"
    assert "рәсімдердің (іс-қимылдардың) мазмұны:" in text


def test_stray_punctuation_line_joins_the_previous_line(vocab):  # noqa: F811
    text = _join("004", 227, 229, vocab)  # a line holding only ";"
    assert text.endswith("қорытындыға сәйкес келуін қарауы;")


def test_page_break_blank_lines_are_dropped_and_numbers_kept(vocab):  # noqa: F811
    raw = "\n".join(seed_lines("000")[114:129])  # lines 115-129 incl. the triple blank lines
    lines = clean_text(raw, vocab)
    # blank and space-only lines (116, 118, 126 ...) are gone; numbers stay those of the input
    assert [ln.no for ln in lines] == [6, 8, 10, 14]
    assert lines[0].text.startswith("2. Мемлекеттік қызмет көрсету процесінде")
    assert lines[3].text.startswith("5. Мемлекеттік қызмет көрсету бойынша")


def test_line_numbers_map_back_to_source(vocab):  # noqa: F811
    raw = "\n".join(seed_lines("001"))
    lines = {ln.no: ln.text for ln in clean_text(raw, vocab)}
    assert lines[88] == "отыз минуттан артық емес;"
    assert lines[86].startswith("1) қызмет берушінің кеңсесінде")


def test_quotes_pairing():
    assert normalise_quotes('"2 " қазандағы') == '"2" қазандағы'
    assert normalise_quotes('бұл " Е-лицензиялау" порталы') == 'бұл "Е-лицензиялау" порталы'


def test_glued_reference_without_marker_is_split(vocab):  # noqa: F811
    # no marker says where "1 қосымшасында" belongs: the words are at least kept apart
    assert clean("003", 7201, vocab).endswith("осы регламенттің көрсетілген 1 қосымшасында")


def test_flattened_table_cells_are_rejoined(vocab):  # noqa: F811
    from knowledge.ingest.segmenter import _table_cells

    raw = "\n".join(seed_lines("003")[407:430])  # a process table of seed 003 (lines 408-430)
    cells = [b.text for b in _table_cells(clean_text(raw, vocab), vocab)]
    assert cells[0] == "Іс-қимыл №"
    assert "Көрсетілетін қызметті беруші" in cells
