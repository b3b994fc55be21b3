"""Segmenter: regulations per file, paragraphs per regulation, sub-items, chapters, annexes."""

from __future__ import annotations

import pytest
from _k1_support import SEEDS, SOURCES, vocab  # noqa: F401  (fixture)

from knowledge.ingest.cleaner import clean_text
from knowledge.ingest.records import regulation_records
from knowledge.ingest.segmenter import split_source

PARAGRAPHS = {
    "000": [12],
    "001": [9],
    "002": [9, 9],
    "003": [11, 10, 11, 10, 10, 10, 9, 10],
    "004": [14, 14, 14, 14],
}


@pytest.fixture(scope="module")
def split(vocab):  # noqa: F811
    out = {}
    for seed, name in SEEDS.items():
        text = (SOURCES / name).read_text(encoding="utf-8")
        out[seed] = split_source(clean_text(text, vocab), vocab)
    return out


@pytest.mark.parametrize("seed", sorted(PARAGRAPHS))
def test_regulation_and_paragraph_counts(split, seed):
    regs = split[seed].regulations
    assert [len(r.paragraphs) for r in regs] == PARAGRAPHS[seed]
    for reg in regs:
        numbers = [int(p.number) for p in reg.paragraphs]
        assert numbers == list(range(1, len(numbers) + 1)), reg.title


def test_regulation_titles(split):
    assert split["000"].regulations[0].title == (
        "Туристік операторлық қызметті (туроператорлық қызмет) жүзеге асыруға лицензия беру")
    titles = [r.title for r in split["003"].regulations]
    assert titles[0].startswith("Медициналық қызметке лицензия беру")
    assert titles[5].startswith("Мақта қолхаттарын беру арқылы")
    assert titles[7].startswith("Ветеринария саласындағы қызметпен")
    assert [r.title.split()[0] for r in split["004"].regulations] == [
        "Іздестіру", "Үлескерлердің", "Жобалау", "Құрылыс-монтаж"]


def test_chapters_are_not_paragraphs(split):
    reg = split["000"].regulations[0]
    assert [c.text.split(".")[0] for c in reg.chapters] == ["1", "2", "3", "4"]
    assert reg.chapters[0].text == "1. Жалпы ережелер"
    # a chapter number printed at the end of the line (seed 003) is still a chapter
    assert split["003"].regulations[0].chapters[1].text.startswith("2. Мемлекеттік қызмет")
    assert reg.paragraphs[4].chapter.startswith("2. Мемлекеттік қызмет көрсету процесінде")


def test_subitems_and_their_group_headings(split):
    p5 = split["001"].regulations[0].paragraphs[4]
    assert p5.number == "5"
    numbers = [s.number for s in p5.subitems]
    # three groups: issue (1-7), re-registration (1-6), duplicate (1-6)
    assert numbers == [str(i) for i in range(1, 8)] + [str(i) for i in range(1, 7)] * 2
    assert p5.subitems[0].lead == "лицензия беру кезінде:"
    assert p5.subitems[7].lead == "лицензияны қайта ресімдеу кезінде:"
    assert p5.subitems[13].lead == "лицензияның телнұсқасын беру кезінде:"


def test_document_list_stays_inside_its_subitem(split):
    p10 = split["004"].regulations[1].paragraphs[9]
    sub4 = next(s for s in p10.subitems if s.number == "4")
    texts = [b.text for b in sub4.blocks]
    assert texts[0].endswith("мынадай құжаттардың тізбесін ұсынады:")
    assert "бірінші кезеңде лицензия алған кезде департаменттерге немесе орталыққа:" in texts
    assert "екінші кезеңде лицензия алған кезде департаменттерге немесе орталыққа:" in texts


def test_annexes_are_kept_with_their_regulation(split):
    reg = split["000"].regulations[0]
    assert [a.number for a in reg.annexes] == ["1", "2", "3"]
    assert reg.annexes[0].lines[0] == 510
    assert all(len(r.annexes) >= 3 for r in split["003"].regulations)
    assert reg.lines[1] > reg.annexes[-1].lines[0]


def test_amendment_notes_of_a_regulation(split):
    reg = split["004"].regulations[0]
    assert [n.lines for n in reg.notes] == [(541, 543), (651, 653)]
    assert reg.notes[0].text.startswith("Ескерту. Регламент 14-тармақпен толықтырылды")
    # the note printed among the annexes, with its act number put back in place
    assert reg.notes[1].text.startswith(
        "Ескерту. Регламент 3-қосымшамен толықтырылды - ҚР Өңірлік даму министрінің 26.06.2014"
        " № 186/НҚ бұйрығымен")


def test_paragraph_records_and_line_mapping(split):
    reg = split["000"].regulations[0]
    regulation, records = regulation_records(reg, "doc_000", SEEDS["000"])
    by_id = {r.id: r for r in records}
    p4 = by_id["doc_000.r1:p4"]
    assert p4.lines == (64, 114)
    assert by_id["doc_000.r1:p4.8"].lines == (100, 104)
    assert by_id["doc_000.r1:p4.8"].text.startswith("8) егер бұрын лицензия")
    assert by_id["doc_000.r1:ch1"].kind == "chapter"
    assert by_id["doc_000.r1:annex1"].kind == "annex"
    # repeated sub-item numbers inside one paragraph get distinct ids
    _, records_001 = regulation_records(split["001"].regulations[0], "qauly_2014_71", SEEDS["001"])
    ids = [r.id for r in records_001 if r.kind == "subitem" and r.number == "5"]
    assert len(ids) == len(set(ids)) == 19
    assert "qauly_2014_71.r1:p5.1~3" in ids
