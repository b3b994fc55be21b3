"""Tokenisation, Kazakh stemming and term keys (knowledge.search.tokenize / kk_stem / stem)."""

from __future__ import annotations

import pytest

from knowledge.search.kk_stem import kk_stem
from knowledge.search.lang import detect_language
from knowledge.search.stem import key, key_kk, key_ru, query_keys
from knowledge.search.tokenize import content_words, normalize, words


def test_normalize_folds_case_yo_and_latin_lookalikes():
    assert normalize("ЛицЕнзия ЁЛКА") == "лицензия елка"
    # Latin "i", "o", "p" typed inside Cyrillic words become Cyrillic
    assert normalize("жiберу портaл") == "жіберу портал"
    # pure Latin words stay Latin
    assert normalize("www.egov.kz") == "www.egov.kz"


def test_words_split_hyphens_and_suffixed_abbreviations():
    assert words("ХҚКО-ға құрылыс-монтаж 9-тармағы") == [
        "хқко", "ға", "құрылыс", "монтаж", "9", "тармағы"]


def test_content_words_drop_function_words_of_both_languages():
    assert content_words("какие документы нужны для лицензии") == ["документы", "нужны",
                                                                   "лицензии"]
    assert content_words("лицензия алу үшін қандай құжат керек") == [
        "лицензия", "алу", "құжат", "керек"]


@pytest.mark.parametrize("word, stem", [
    ("құжаттарды", "құжат"), ("құжатты", "құжат"), ("лицензиясын", "лицензия"),
    ("үлескерлердің", "үлескер"), ("қолхаттарын", "қолхат"), ("порталда", "портал"),
    ("тармағы", "тармақ"), ("облысындағы", "облыс"),
    ("кабинетіне", "кабинет"), ("пестицидке", "пестицид"), ("департаментіне", "департамент"),
    ("алымның", "алым"),
])
def test_kk_stem_strips_inflection(word, stem):
    assert kk_stem(word) == stem


@pytest.mark.parametrize("forms", [
    ("облыс", "облысы", "облысында", "облысындағы"),
    ("күн", "күні", "күннің"),
    ("құжат", "құжаттар", "құжаттардың", "құжатты"),
    ("мерзім", "мерзімі", "мерзімін"),
    ("электрондық", "электронды"),
    ("тасымалдау", "тасымалы"),
    ("басқарма", "басқармасы", "басқармасына"),
    ("ақша", "ақшасын", "ақшасы"),
    ("береді", "бере", "беру"),
])
def test_kk_stem_is_consistent_across_forms(forms):
    assert len({kk_stem(f) for f in forms}) == 1


@pytest.mark.parametrize("word", ["бас", "алу", "жұмыс", "хқко", "лицензия", "15"])
def test_kk_stem_leaves_short_and_bare_words(word):
    assert kk_stem(word) == word


def test_russian_and_kazakh_keys_fold_letters():
    # a Kazakh word typed without Kazakh letters meets the real spelling
    assert key_kk("курылыс") == key_kk("құрылыс")
    assert key_ru("документов") == key_ru("документы")
    assert key("лицензиясын", "kk") == key_kk("лицензия")


def test_query_keys_read_ambiguous_words_both_ways():
    assert query_keys("порталда", "kk") == (key_kk("порталда"), key_ru("порталда"))
    assert query_keys("құжат", "ru") == (key_kk("құжат"),)


@pytest.mark.parametrize("text, lang", [
    ("лицензия алу үшін қандай құжаттар керек?", "kk"),
    ("какие документы нужны для лицензии?", "ru"),
    ("аптекага лицензия канша кунде берилед", "kk"),
    ("сколько стоит лицензия", "ru"),
    ("egov", "ru"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang
