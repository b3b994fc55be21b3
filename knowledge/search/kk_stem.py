"""A small Kazakh suffix stripper for search (not a morphological analyser).

Kazakh is agglutinative: a noun carries plural + possessive + case suffixes in that order
(``құжат-тар-ы-н``, ``үлескер-лер-дің``), verbs carry voice, tense and person. For retrieval it
is enough to peel the common inflectional suffixes from the end, longest first, while the stem
keeps at least three letters and a vowel, and to undo the voicing of a final ``қ/к/п`` before a
vowel (``тармағы`` -> ``тармақ``). The same function runs on the documents and on the questions,
so a consistent over-stemming costs nothing; under-stemming is backed by character n-grams.
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("аәеиоөуұүыіэюя")
MIN_STEM = 3
MAX_ROUNDS = 4

# Inflectional (and a few very productive derivational) suffixes, both vowel-harmony variants.
_SUFFIXES = """
    лар лер дар дер тар тер
    ның нің дың дің тың тің
    ға ге қа ке на не
    ны ні ды ді ты ті
    да де та те нда нде
    дан ден тан тен нан нен
    мен бен пен ымен імен мен
    дағы дегі тағы тегі ндағы ндегі
    ым ім ың ің ыңыз іңіз ңыз ңіз сы сі мыз міз ымыз іміз
    сын сін сына сіне сында сінде сынан сінен сымен сімен
    ын ін ына іне ында інде ынан інен
    лық лік дық дік тық тік
    шы ші
    ған ген қан кен
    ады еді йды йді ады
    ып іп са се ла ле
    мын мін сың сің
"""
SUFFIXES: tuple[str, ...] = tuple(
    sorted(set(_SUFFIXES.split()), key=lambda s: (-len(s), s))
)
SHORT_SUFFIXES: tuple[str, ...] = ("ы", "і", "у", "а", "е")  # "-а/-е": converb (бере)
_VOICED = {"ғ": "қ", "г": "к", "б": "п"}
VOICELESS = frozenset("кқпстфхцчшщ")
# Phonotactics: which stem endings a suffix may follow (keeps bare stems such as "облыс",
# "күн" from being cut further than their inflected forms).
_AFTER_VOWEL = ("с", "м", "ң")  # 3rd person possessive "-сы", 1st/2nd person "-м", "-ң"
_AFTER_CONSONANT = ("ы", "і")  # possessive "-ы/-ын/-ым/-ың" follows a consonant
_CONVERB = ("а", "е")


def _has_vowel(text: str) -> bool:
    return any(ch in VOWELS for ch in text)


def _fits(stem: str, suffix: str) -> bool:
    if len(stem) < MIN_STEM or not _has_vowel(stem):
        return False
    last = stem[-1]
    head = suffix[0]
    if head in _AFTER_VOWEL and suffix not in ("мен",):
        # Bare nouns rarely end in "ы/і", so "облысы" is "облыс+ы", not "облы+сы".
        return last in VOWELS and not (head == "с" and last in "ыі")
    if head in _AFTER_CONSONANT or suffix in _CONVERB:
        return last not in VOWELS
    if head == "н" and not suffix.startswith("ның") and not suffix.startswith("нің"):
        return last in VOWELS
    if head in "тқкп":  # "-тар/-ты/-қа/-пен" follow a voiceless (or loan-word "бвгд") consonant
        return last in VOICELESS or last in "бвгд"
    if head in "дғгб":  # "-дар/-ды/-ға/-бен" never follow a voiceless consonant
        return last not in VOICELESS
    if head == "л":  # "-лар/-лық/-ла" follow a vowel or "р", "й", "у"
        return last in VOWELS or last in "рйу"
    return True


def _strip_once(word: str) -> str | None:
    for suffix in SUFFIXES + SHORT_SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if _fits(stem, suffix):
                return _devoice(stem, suffix)
    return None


def _devoice(stem: str, suffix: str) -> str:
    if suffix[0] in VOWELS and stem[-1] in _VOICED:
        return stem[:-1] + _VOICED[stem[-1]]
    return stem


@lru_cache(maxsize=65536)
def kk_stem(word: str) -> str:
    """Strip up to four inflectional suffixes from a lower-case Kazakh word."""
    if word.isdigit() or len(word) <= MIN_STEM:
        return word
    for _ in range(MAX_ROUNDS):
        stripped = _strip_once(word)
        if stripped is None:
            break
        word = stripped
    return word
