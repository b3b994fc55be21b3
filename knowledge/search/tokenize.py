"""Text normalisation and word tokenisation for Kazakh and Russian search.

Pure functions only. ``normalize`` folds case, ``ё`` and Latin look-alike letters typed inside
Cyrillic words; ``words`` splits into word tokens (hyphenated compounds and abbreviations with
case suffixes such as ``ХҚКО-ға`` become separate tokens); ``is_stopword`` knows the function
words of both languages (question words are left to intent detection, not to search).
"""

from __future__ import annotations

import re
import unicodedata

KK_LETTERS = frozenset("әғқңөұүһі")
_LATIN_TO_CYR = str.maketrans(
    {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к",
     "i": "і", "m": "м", "t": "т", "h": "һ", "b": "в"}
)
_WORD_RE = re.compile(r"[0-9]+|[^\W\d_]+", re.UNICODE)
_CYR_RE = re.compile(r"[а-яәғқңөұүһі]")
_LAT_RE = re.compile(r"[a-z]")

# Function words of both languages: never search terms.
STOPWORDS_KK = frozenset(
    """
    және мен бен пен да де та те ма ме ба бе па пе ме ғой ғана тек немесе не бірақ әлде
    бұл осы сол ол мына анау мен сен біз сіз олар оның соның осының оған соған маған
    үшін туралы бойынша арқылы сияқты секілді дейін кейін бері шейін сайын қарай
    бар жоқ еді екен ғой ау ей иә жоқ ия болса болып болады бола
    қандай қалай қанша неше кім не неге нешe қайда қашан қай қайсы қайдан ма мә
    ше шы ші әрі тағы да де ғой деп дегенмен егер онда сонда ішінде бір нәрсе нәрсені
    қазір енді ғана да менің біздің сіздің оны мені бізге сізге
    """.split()
)
STOPWORDS_RU = frozenset(
    """
    и в во на с со к ко о об обо от до по за из у же ли ни не а но или да то что чтобы как
    так это этот эта эти тот та те мой моя мои наш наша наши ваш ваша ваши его ее их
    я мы вы он она оно они мне меня нам нас вам вас ему ей им её
    при для без под над про через между есть был была были было будет быть бы ведь уже
    тоже также ещё еще вообще там тут здесь где куда когда какой какая какие каких каким
    какое сколько кто кого кому чем чего зачем почему ли можно нужно надо если то вот
    который которая которые которых
    """.split()
)
STOPWORDS = STOPWORDS_KK | STOPWORDS_RU


def normalize(text: str) -> str:
    """Lower-case, NFC, ``ё``->``е``, Latin look-alikes inside Cyrillic words -> Cyrillic."""
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    text = text.replace("\u0456", "і").replace("\u04bb", "һ")
    if _LAT_RE.search(text) and _CYR_RE.search(text):
        text = re.sub(r"\w+", _fix_mixed_word, text)
    return text


def _fix_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if _LAT_RE.search(word) and _CYR_RE.search(word):
        return word.translate(_LATIN_TO_CYR)
    return word


def words(text: str) -> list[str]:
    """Normalised word tokens (letters runs and digit runs) in order."""
    return _WORD_RE.findall(normalize(text))


def is_stopword(token: str) -> bool:
    return token in STOPWORDS


def has_kk_letters(token: str) -> bool:
    return any(ch in KK_LETTERS for ch in token)


def is_cyrillic(token: str) -> bool:
    return bool(_CYR_RE.search(token))


def content_words(text: str) -> list[str]:
    """Tokens without stop words and one-letter noise (digits are kept)."""
    return [w for w in words(text) if not is_stopword(w) and (len(w) > 1 or w.isdigit())]
