"""Joining cleaned lines into running text: hyphenation, quotes and brackets across lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cleaner import Line
from .vocab import Vocabulary

_LOWER_START = re.compile(r"^[а-яәіңғүұқөһёa-z]")
_NO_SPACE_BEFORE = re.compile(r"^[,.;:)»]")


def join_lines(lines: Sequence[Line], vocab: Vocabulary | None = None) -> str:
    """Join physical lines into one text, repairing what the line breaks split."""
    text = ""
    for line in lines:
        text = join_pair(text, line.text, vocab)
    return normalise_text(text)


def join_pair(left: str, right: str, vocab: Vocabulary | None = None) -> str:
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and len(left) > 1:
        before = left[-2]
        if before.isalpha() and _LOWER_START.match(right):
            head = re.search(r"(\S+)-$", left)
            first = re.match(r"[^\W\d_]+", right)
            if head and first and vocab is not None:
                stem = re.sub(r"^\W+", "", head.group(1).split("-")[-1])
                if (stem + first.group(0)).lower() in vocab:
                    return left[:-1] + right  # syllable break: "Көрсе-" + "тілетін"
            return left + right  # compound: "іс-" + "қимыл"
        if before.isdigit():
            return left + right  # "6-" + "қосымшасына"
    if right.startswith("-") and left[-1].isdigit():
        return left + right  # "3" + "-қосымшасында"
    if _NO_SPACE_BEFORE.match(right) or left.endswith(("(", "«")):
        return left + right
    return f"{left} {right}"


def normalise_quotes(text: str) -> str:
    """Attach straight double quotes to their word: ``" Е-лицензиялау"`` -> ``"Е-лицензиялау"``."""
    if '"' not in text:
        return text
    out: list[str] = []
    count = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch != '"':
            out.append(ch)
            i += 1
            continue
        prev_space = not out or out[-1] == " "
        next_space = i + 1 >= n or text[i + 1] == " "
        opening = count % 2 == 0
        if prev_space and next_space:
            if opening:
                out.append('"')
                i += 1
                while i < n and text[i] == " ":
                    i += 1
                count += 1
                continue
            while out and out[-1] == " ":
                out.pop()
            out.append('"')
        else:
            out.append('"')
        count += 1
        i += 1
    return "".join(out)


def normalise_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" (?=[,;:.)»])", "", text)
    text = re.sub(r"(?<=[(«]) ", "", text)
    # "5 - тармағында" -> "5-тармағында", "1 - іс-қимыл" -> "1-іс-қимыл"
    text = re.sub(r"(?<=\d) ?[-–] ?(?=[а-яәіңғүұқөһё])", "-", text)
    return normalise_quotes(text)
