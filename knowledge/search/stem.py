"""Term keys: the unit the index and the queries share.

A Kazakh word is cut by the Kazakh suffix stripper, a Russian word by the Russian Snowball
stemmer; then the Kazakh-specific letters are folded to their Russian look-alikes, so
``курылыс`` typed on a Russian keyboard meets ``құрылыс``. Loan words that the two stemmers cut
differently (``лицензия`` / ``лиценз``) meet through prefix and character n-gram expansion at
query time (see ``index.Vocabulary``), not here.
"""

from __future__ import annotations

from functools import lru_cache

import Stemmer

from .kk_stem import kk_stem
from .tokenize import has_kk_letters, is_cyrillic

_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
                       "һ": "х", "і": "и"})
_RU = Stemmer.Stemmer("russian")


def fold(word: str) -> str:
    return word.translate(_FOLD)


@lru_cache(maxsize=131072)
def key_kk(word: str) -> str:
    """Key of a word read as Kazakh."""
    if word.isdigit() or not is_cyrillic(word):
        return word
    return fold(kk_stem(word))


@lru_cache(maxsize=131072)
def key_ru(word: str) -> str:
    """Key of a word read as Russian."""
    if word.isdigit() or not is_cyrillic(word):
        return word
    return fold(_RU.stemWord(word))


def key(word: str, lang: str) -> str:
    """Key of ``word`` in a text of language ``lang`` (Kazakh letters always mean Kazakh)."""
    if lang == "kk" or has_kk_letters(word):
        return key_kk(word)
    return key_ru(word)


def query_keys(word: str, lang: str) -> tuple[str, ...]:
    """Keys to look a query word up with: both readings when the word could be either."""
    if has_kk_letters(word) or not is_cyrillic(word):
        return (key_kk(word),)
    first, second = (key_kk(word), key_ru(word)) if lang == "kk" else (key_ru(word), key_kk(word))
    return (first,) if first == second else (first, second)
