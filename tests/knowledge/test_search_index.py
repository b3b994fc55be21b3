"""Index, scoring, vocabulary and lexicon (knowledge.search.index / scoring / lexicon)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from knowledge.search.index import InvertedIndex, Vocabulary
from knowledge.search.lexicon import Lexicon, load_lexicon
from knowledge.search.scoring import bm25, bm25_subset, matched_keys, top_k
from knowledge.search.stem import key_kk, key_ru

CORPUS = [["a", "b", "a"], ["b", "c"], ["c", "c", "d", "a"], ["e"]]


def test_bm25_matches_the_bm25s_reference():
    """Same BM25 as bm25s' Lucene variant, up to the constant factor (k1 + 1) of the classic
    formula (rankings are identical)."""
    bm25s = pytest.importorskip("bm25s")
    ref = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
    ref.index(CORPUS, show_progress=False)
    ours = InvertedIndex([Counter(d) for d in CORPUS])
    for query in (["a"], ["a", "c"], ["d", "e", "b"]):
        expected = ref.get_scores(query)
        got = bm25(ours, {k: 1.0 for k in query})
        assert np.allclose(got, expected * (1.2 + 1), atol=1e-5), (query, got, expected)


def test_subset_scores_and_matched_keys_agree_with_full_scores():
    idx = InvertedIndex([Counter(d) for d in CORPUS])
    query = {"a": 1.0, "c": 0.5}
    full = bm25(idx, query)
    ids = np.array([0, 2, 3], dtype=np.int32)
    assert np.allclose(bm25_subset(idx, query, ids), full[ids])
    assert matched_keys(idx, query, 2) == ["a", "c"]
    assert [i for i, _ in top_k(full, 2)] == [2, 0]
    assert top_k(np.zeros(3, dtype=np.float32), 2) == []


def test_vocabulary_prefix_and_fuzzy():
    vocab = Vocabulary(["лицензия", "лицензиат", "медицин", "портал", "құжат"])
    assert "лицензия" in vocab.prefix_related("лиценз")
    assert "лицензиат" not in vocab.prefix_related("лиценз")  # a different word, not a form
    assert vocab.fuzzy("лицензя")[0][0] == "лицензия"  # typo
    assert vocab.fuzzy("анекдот") == []
    assert vocab.fuzzy("xлицензия") == []  # the first letter is trusted


@pytest.mark.parametrize("kk_term, ru_term", [
    ("ЭҮП", "ПЭП"), ("ЭЦҚ", "ЭЦП"), ("ЖСН", "ИИН"), ("БСН", "БИН"), ("ХҚКО", "ЦОН"),
    ("ЖШС", "ТОО"), ("ЖК", "ИП"), ("телнұсқа", "дубликат"), ("қайта ресімдеу", "переоформление"),
    ("мерзім", "срок"), ("құжат", "документ"), ("бас тарту", "отказ"), ("алым", "сбор"),
])
def test_lexicon_bridges_kazakh_and_russian_terms(kk_term, ru_term):
    lex = load_lexicon()
    ru_keys = [key_ru(w.lower()) for w in ru_term.split()]
    kk_keys = {key_kk(w.lower()) for w in kk_term.split()}
    assert kk_keys <= set(lex.expand(ru_keys))
    kk_q = [key_kk(w.lower()) for w in kk_term.split()]
    ru_expected = {key_ru(w.lower()) for w in ru_term.split()}
    assert ru_expected <= set(lex.expand(kk_q)) | set(kk_q)


def test_lexicon_multiword_terms_need_all_words_and_groups_can_be_topical():
    lex = Lexicon()
    lex.add_group([("бас тарту", "kk"), ("отказ", "ru")])
    lex.add_group([("мақта", "kk"), ("хлопок", "ru")], topic=True)
    assert lex.expand([key_kk("бас")]) == {}
    out = lex.expand([key_kk("бас"), key_kk("тарту")])
    assert out[key_ru("отказ")] == (pytest.approx(0.6), False)
    assert lex.expand([key_ru("хлопок")])[key_kk("мақта")][1] is True


def test_lexicon_copy_is_independent():
    base = load_lexicon()
    copy = base.copy()
    copy.add_group([("жаңатермин", "kk"), ("новыйтермин", "ru")])
    assert len(copy.groups) == len(base.groups) + 1
    assert base.expand([key_ru("новыйтермин")]) == {}
