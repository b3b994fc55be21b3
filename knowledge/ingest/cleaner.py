"""Line-level repair of regulation texts extracted from PDF.

The extraction artefacts handled here, each on one physical line (1-based numbers are kept):

* letter-spaced words: ``о т ы з  м и н у т т а н`` -> ``отыз минуттан``; ``1 5  жұмыс`` ->
  ``15 жұмыс``; words broken before ``і``: ``рес імдеу`` -> ``ресімдеу``;
* hyperlinked phrases moved to the end of the line: ``Стандарттың  сәйкес қызмет 9-тармағына``
  -> ``Стандарттың 9-тармағына сәйкес қызмет`` (a double space, `` ,`` or the line start marks
  where the phrase belongs); punctuation moved to the start: ``;телнұсқасын беру"``;
* chapter numbers moved to the end: ``... берушінің 2.`` -> ``2. ... берушінің``;
* blank lines (page breaks) are dropped; joining lines into paragraphs is the segmenter's job
  (:mod:`knowledge.ingest.textnorm` repairs hyphenation, quotes and brackets across lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import Vocabulary


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the source
    text: str  # cleaned text, without indentation
    indent: int  # leading spaces in the source line


_LETTER = r"[^\W\d_]"
# words a hyperlink usually covers in these texts (references to acts and their parts)
_LINK_WORD = (
    r"(?:тармақ|тармағ|тармақша|бап|бабы|бабын|қосымша|қаулы|бұйры|регламент|заң|"
    r"стандарт|шешім|кодекс)[^\W\d_]*"
)
_PHRASE_RE = re.compile(
    rf"(?:№\s?)?(?:\d+(?:\s\d+)*\)?[-–]?\s?)?(?:-?{_LINK_WORD})|№\s?\d+(?:/\S+)?|\d+",
    re.IGNORECASE,
)
_GLUE_RE = re.compile(
    r"(?<=[^\W\d_])(?=\d)|(?<=[.:;,)»\"])(?=[^\W_]|-[^\W\d_]|№)|(?<=\()(?=\d)")
_CHAPTER_TAIL_RE = re.compile(r"^(?P<body>.*[^\W\d_][»\"]?,?)\s?(?P<num>\d{1,2})\.\s*$")
_CHAPTER_WORDS = re.compile(r"ереже|сипатта|тәртіб|Орталықпен|мемлекеттік қызмет", re.I)


def clean_text(raw: str, vocab: Vocabulary | None = None) -> list[Line]:
    """Clean every non-blank line of ``raw``; returns lines with their source numbers."""
    vocab = vocab or Vocabulary.from_texts([raw])
    out: list[Line] = []
    for no, raw_line in enumerate(raw.splitlines(), start=1):
        line = raw_line.replace("\t", " ").replace("\u00a0", " ").rstrip("\r\n")
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        text = clean_line(line, vocab)
        if text:
            out.append(Line(no, text, indent))
    return out


def clean_line(line: str, vocab: Vocabulary) -> str:
    """Repair one physical line (see module doc)."""
    body = line.rstrip()
    lead_space = len(body) - len(body.lstrip(" ")) == 1
    body = body.strip()
    if is_letter_spaced(body):
        body = join_letter_spacing(body)
        body = _fix_leading_glued_punct(body, lead_space=True)
    else:
        body = fix_moved_phrase(body, lead_space)
        body = _fix_leading_glued_punct(body, lead_space)
    body = merge_broken_words(body, vocab)
    body = fix_chapter_number(body)
    return normalise_spaces(body)


# --- letter spacing -------------------------------------------------------------------------

def _single(tok: str) -> bool:
    """A letter-spaced token: one character, possibly with glued punctuation (``:қ``, ``і)``)."""
    core = tok.strip(".,;:()«»\"'-–")
    return len(core) <= 1 and len(tok) <= 3


def _chunk_is_spaced(tokens: list[str]) -> bool:
    if len(tokens) < 2 or not all(_single(t) for t in tokens):
        return False
    digits = [t for t in tokens if t.isdigit()]
    if len(digits) >= 3 and len(digits) == len(tokens):
        # a table header row "1 2 3 4 5 6" is not a spaced number
        values = [int(d) for d in digits]
        if values == list(range(values[0], values[0] + len(values))):
            return False
    return True


def is_letter_spaced(body: str) -> bool:
    chunks = [c.split(" ") for c in re.split(r" {2,}", body) if c]
    spaced = [c for c in chunks if _chunk_is_spaced(c)]
    if not spaced:
        return False
    letters = sum(len(c) for c in spaced)
    return letters >= 3 or len(spaced) == len(chunks)


def join_letter_spacing(body: str) -> str:
    words = []
    for chunk in re.split(r" {2,}", body):
        if not chunk:
            continue
        tokens = chunk.split(" ")
        if _chunk_is_spaced(tokens):
            word = "".join(tokens)
            # "әкіміБ." -> "әкімі Б.": a capital right after a small letter starts a new word
            word = re.sub(r"(?<=[а-яәіңғүұқөһё])(?=[А-ЯӘІҢҒҮҰҚӨҺЁ][^А-ЯӘІҢҒҮҰҚӨҺЁ]?)", " ", word)
            words.append(word)
        else:
            words.append(chunk)
    return " ".join(words)


# --- phrases moved to the end of the line ----------------------------------------------------

_MARKER_RE = re.compile(r"(?<=\S)(?: {2,}| (?=[,;:.](?:\s|$)))")


def _split_tail(body: str) -> tuple[str, str, bool] | None:
    """Split ``body`` into (head, moved phrase, glued?) when it ends with a link phrase."""
    # glued: "туралы2-тармағына", "бекітілсін.регламенті", "(304", "Қазақстанқаулысына"
    for m in _GLUE_RE.finditer(body):
        pos = m.start()
        head, tail = body[:pos], body[pos:]
        if head.endswith(("www.", "e.", ".gov.", "http:", "https:")) or re.match(r"[a-z]", tail):
            continue
        if head[-1] == "." and head[-2:-1].isdigit():
            continue  # a date 12.05.2016
        if _PHRASE_RE.fullmatch(tail):
            return head, tail, True
    word = re.search(rf"(?<=[а-яәіңғүұқөһё])(?P<tail>{_LINK_WORD})$", body)
    if word and word.start() > 0:
        head = body[: word.start()]
        if len(head.split(" ")[-1]) >= 3:
            return head, word.group("tail"), True
    # separated by a space: "... жарияланған № 186/НҚ"
    number = re.search(r"(?:^|\s)(?P<tail>№\s?\d[\w/]*)$", body)
    if number:
        return body[: number.start("tail")].rstrip(), number.group("tail"), False
    # separated by a space: "... 4-ші 5-тармағында", "... нысан 1 қосымшасына"
    spaced = re.search(r"(?:^|\s)(?P<tail>(?:\d+\s)?\d+\)?[-–]?\s?" + _LINK_WORD + r"|"
                       + _LINK_WORD + r")$", body, re.IGNORECASE)
    if spaced:
        return body[: spaced.start("tail")].rstrip(), spaced.group("tail"), False
    return None


def fix_moved_phrase(body: str, lead_space: bool = False) -> str:
    markers = [m for m in _MARKER_RE.finditer(body)]
    if not markers and not lead_space:
        # the place is lost; at least keep the glued words apart: "көрсетілген1 қосымшасында"
        return re.sub(r"(?<=[а-яәіңғүұқөһё]{3})(?=\d+[- ]?(?:" + _LINK_WORD + r"))", " ", body)
    split = _split_tail(body)
    if split is None:
        return body
    head, tail, glued = split
    markers = [m for m in _MARKER_RE.finditer(head)]
    if not markers:
        if lead_space and re.search(_LINK_WORD, tail, re.IGNORECASE):
            return f"{tail} {head}"
        return body
    if len(markers) == 1:
        m = markers[0]
        return f"{head[: m.start()]} {tail} {head[m.end():].lstrip()}".rstrip()
    if len(markers) == 2:
        pieces = tail.split(" ", 1)
        if len(pieces) == 2:
            a, b = markers
            return (f"{head[: a.start()]} {pieces[0]} {head[a.end(): b.start()].strip()} "
                    f"{pieces[1]} {head[b.end():].lstrip()}").rstrip()
    return body


def _fix_leading_glued_punct(body: str, lead_space: bool) -> str:
    """``;телнұсқасын беру"`` -> ``телнұсқасын беру";`` (punctuation moved to the line start)."""
    m = re.match(r"^([;:.,])(?=[^\W_\d]|«|\")(.*)$", body)
    if m:
        return f"{m.group(2)}{m.group(1)}"
    return body


# --- words broken before "і" ---------------------------------------------------------------

def merge_broken_words(body: str, vocab: Vocabulary) -> str:
    """``рес імдеу`` -> ``ресімдеу``, ``к ір і с`` -> ``кіріс`` (checked in the corpus).

    The PDF extraction breaks words around the letter ``і``; adjacent pieces are merged when
    every junction touches an ``і`` and the merged word occurs in the corpus more often than
    the pieces do.
    """
    if "і" not in body and "І" not in body:
        return body
    tokens = body.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        best_j, word = i, tokens[i]
        joined = tokens[i]
        for j in range(i + 1, min(i + 5, len(tokens))):
            nxt = tokens[j]
            if not (joined[-1:] in "іІ" or nxt[:1] in "іІ") or not nxt[:1].isalpha():
                break
            joined += nxt
            core = joined.strip(".,;:)(»«\"")
            piece_count = max(vocab.count(t.strip(".,;:)(»«\"")) for t in tokens[i + 1:j + 1])
            if core in vocab and vocab.count(core) >= max(2, piece_count):
                best_j, word = j, joined
        out.append(word)
        i = best_j + 1
    return " ".join(out)


def fix_chapter_number(body: str) -> str:
    """``Мемлекеттік ... берушінің 2.`` -> ``2. Мемлекеттік ... берушінің``."""
    m = _CHAPTER_TAIL_RE.match(body)
    if m and _CHAPTER_WORDS.search(m.group("body")) and len(body) < 160:
        return f"{m.group('num')}. {m.group('body')}"
    return body


def normalise_spaces(body: str) -> str:
    body = re.sub(r"\s+", " ", body).strip()
    body = re.sub(r" (?=[,;:.)»])", "", body)
    body = re.sub(r"(?<=[(«]) ", "", body)
    return body
