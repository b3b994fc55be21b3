"""Language of a question: Kazakh (``kk``) or Russian (``ru``).

Kazakh-specific letters decide at once; otherwise Kazakh function words and suffix-like
endings are weighed against Russian function words. Latin-only text defaults to Russian, the
usual choice of people typing without a Kazakh keyboard layout... unless Kazakh words show.
"""

from __future__ import annotations

from .stem import fold
from .tokenize import KK_LETTERS, words

_KK_WORDS = frozenset(
    """
    және мен бен пен үшін қалай қанша неше кім не ма ме ба бе па пе бар жоқ керек бола ма
    бере береді беріледі алу алуға алам аламын ала керек па қайда қашан қай қандай деген деп
    бойынша арқылы туралы немесе жеке тұлға ретінде лицензиясы лицензиясын лицензияны
    """.split()
)
_RU_WORDS = frozenset(
    """
    и в во на с со к о об от до по за из у же ли не а но или что как это для при без под
    какие какой какая сколько где куда когда кто можно нужно надо если есть ли мне нам
    лицензию лицензии получить документы срок через
    """.split()
)
_KK_FOLDED = frozenset(fold(w) for w in _KK_WORDS) - _RU_WORDS
_KK_ENDINGS = ("ның", "нің", "дың", "дің", "ға", "ге", "қа", "ке", "да", "де", "ды", "ді",
               "сын", "сін", "ым", "ім", "мын", "мін", "ымыз", "іміз", "лар", "лер")


def detect_language(text: str, default: str = "kk") -> str:
    """``kk`` or ``ru`` for a question (``default`` when there is nothing to go by)."""
    lowered = text.lower()
    if any(ch in KK_LETTERS for ch in lowered):
        return "kk"
    tokens = words(lowered)
    if not tokens:
        return default
    kk = float(sum(1 for t in tokens if t in _KK_WORDS or t in _KK_FOLDED))
    ru = sum(1 for t in tokens if t in _RU_WORDS)
    kk += 0.3 * sum(1 for t in tokens if len(t) > 4 and t.endswith(_KK_ENDINGS))
    if not any("а" <= ch <= "я" for ch in lowered):
        return "ru" if ru >= kk else default
    return "kk" if kk > ru else "ru"
