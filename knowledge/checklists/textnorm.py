"""Small text helpers shared by the checklist modules (pure functions)."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_LATIN_I = str.maketrans({"i": "і", "I": "І"})


def normalize(text: str) -> str:
    """Lower-case, ``ё`` folded to ``е``, every run of non-word characters made one space."""
    text = (text or "").lower().replace("ё", "е")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def tidy(text: str) -> str:
    """Tidy a quoted piece of regulation text: one space between words, no space before
    punctuation or inside brackets and quotes, no trailing list punctuation."""
    text = _SPACES.sub(" ", text or "").strip()
    text = re.sub(r"\s+([,.;:)»])", r"\1", text)
    text = re.sub(r"([(«])\s+", r"\1", text)
    text = re.sub(r"\s*[–—]\s*", " – ", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s{2,}", " ", text)
    return text.strip(" ;,.:").strip()


def roman_to_cyrillic_i(text: str) -> str:
    """Latin ``I`` typed for the Kazakh ``І`` in category numbers (``II санат``)."""
    return re.sub(r"\b[Ii]{1,3}\b", lambda m: m.group(0).translate(_LATIN_I), text)


def strip_outer(text: str) -> str:
    return text.strip(" \t\n;,.:")
