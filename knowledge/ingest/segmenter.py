"""Split a cleaned source into its act header, regulations, chapters, paragraphs and sub-items.

One file may hold several regulations (the annexes of an approving act, or whole regulations
restated by an amending decree). A regulation starts at its caption/title block right before
chapter ``1. Жалпы ережелер``; its own annexes (process tables, flowcharts, forms) start at a
caption ending with ``регламентіне N-қосымша`` and are kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cleaner import Line
from .textnorm import join_lines, join_pair, normalise_text
from .vocab import Vocabulary

_ANCHOR_RE = re.compile(r"^1\.\s*Жалпы ереже", re.IGNORECASE)
_CAPTION_END_RE = re.compile(
    r"(бекітілген|бекітілді|қосымша|қаулысымен|бұйрығымен|бұйрығына|қаулысына)\s*[.;]?$",
    re.IGNORECASE,
)
_CAPTION_WORDS_RE = re.compile(
    r"әкімдігінің|жылғы|№|қаулы|бұйры|қосымша|бекітіл|министр|Республикасы|\d{4}|N\s?\d",
    re.IGNORECASE,
)
_ANNEX_RE = re.compile(r"(?:^|\s)(\d+)\s?-?\s?қосымша\.?$", re.IGNORECASE)
_PARA_RE = re.compile(r"^(\d{1,3})\.\s*(.*)$")
_SUB_RE = re.compile(r"^(\d{1,3})\)\s*(.*)$")
_CHAPTER_HINT_RE = re.compile(r"ереже|сипатта|тәртіб", re.IGNORECASE)
_TERMINAL = (".", ";", ":", "!", "?")


@dataclass
class Block:
    """A logical line: one or more physical lines that belong together."""

    text: str
    lines: tuple[int, int]
    # (offset in text, source line) where each physical line begins; offsets are approximate
    # after normalisation (a few characters at most)
    starts: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class SubItem:
    number: str
    blocks: list[Block]
    lead: str | None = None


@dataclass
class Para:
    number: str
    chapter: str | None
    blocks: list[Block] = field(default_factory=list)
    subitems: list[SubItem] = field(default_factory=list)


@dataclass
class Annex:
    number: str | None
    title: str
    blocks: list[Block]
    lines: tuple[int, int]


@dataclass
class RegulationText:
    index: int
    title: str
    header: list[Block]
    chapters: list[Block]
    paragraphs: list[Para]
    notes: list[Block]
    annexes: list[Annex]
    lines: tuple[int, int]


@dataclass
class SourceText:
    act_header: list[Line]
    act_blocks: list[Block]
    regulations: list[RegulationText]


def indent_mode(lines: list[Line]) -> bool:
    indented = sum(1 for ln in lines if ln.indent >= 4)
    return indented >= max(3, len(lines) // 10)


def _numbered(text: str) -> bool:
    return bool(_PARA_RE.match(text) or _SUB_RE.match(text))


def logical_blocks(lines: list[Line], vocab: Vocabulary | None, indented: bool) -> list[Block]:
    """Group physical lines into logical lines (see module doc of :mod:`textnorm`)."""
    blocks: list[Block] = []
    cur_text = ""
    cur_lines: list[int] = []
    cur_starts: list[tuple[int, int]] = []
    for ln in lines:
        ended = cur_text.rstrip().endswith(_TERMINAL)
        numbered = _numbered(ln.text)
        if not cur_text or ln.text.startswith("Ескерту"):
            new = True
        elif numbered and _is_heading_block(cur_text):
            new = True  # "1. Жалпы ережелер" followed by "1. ..."
        elif indented:
            new = (ended and (ln.indent >= 4 or numbered)) or (numbered and ln.indent >= 4)
        else:
            new = ended or (numbered and cur_text.rstrip().endswith(","))
        if new and cur_text:
            blocks.append(Block(normalise_text(cur_text), (cur_lines[0], cur_lines[-1]),
                                cur_starts))
            cur_text, cur_lines, cur_starts = "", [], []
        joined = join_pair(cur_text, ln.text, vocab)
        cur_starts.append((max(0, len(joined) - len(ln.text)), ln.no))
        cur_text = joined
        cur_lines.append(ln.no)
    if cur_text:
        blocks.append(Block(normalise_text(cur_text), (cur_lines[0], cur_lines[-1]), cur_starts))
    return blocks


def _is_heading_block(text: str) -> bool:
    return bool(_PARA_RE.match(text)) and len(text) < 220 and _heading_like(text)


def _walk_header(lines: list[Line], anchor: int) -> tuple[int, int]:
    """Return (caption_start, title_start) indexes for the regulation anchored at ``anchor``."""
    j = anchor - 1
    title_start = anchor
    count = 0
    while j >= 0 and count < 14:
        text = lines[j].text
        if _CAPTION_END_RE.search(text) and not text.rstrip().endswith("регламенті"):
            break
        title_start = j
        j -= 1
        count += 1
    if j < 0 or count >= 14:
        return title_start, title_start
    cap_start = j
    k = j - 1
    while k >= 0 and anchor - k < 24:
        text = lines[k].text
        if len(text) > 95 or not _CAPTION_WORDS_RE.search(text) or text.endswith((".", ";")):
            break
        cap_start = k
        k -= 1
    return cap_start, title_start


def _annex_starts(lines: list[Line], start: int, end: int) -> list[tuple[int, str | None]]:
    """Indexes where the regulation's own annexes begin (caption start) with their number."""
    found: list[tuple[int, str | None]] = []
    i = start
    while i < end:
        m = _ANNEX_RE.search(lines[i].text)
        window = " ".join(ln.text for ln in lines[max(start, i - 2): i + 1])
        if m and "регламент" in window.lower() and "толықтырылды" not in window:
            k = i - 1
            cap = i
            while k > start and i - k < 10:
                text = lines[k].text
                if text.endswith((".", ";", ":")) or len(text) > 90:
                    break
                cap = k
                k -= 1
            if not found or cap > found[-1][0]:
                found.append((cap, m.group(1)))
        i += 1
    return found


def split_source(lines: list[Line], vocab: Vocabulary | None = None) -> SourceText:
    indented = indent_mode(lines)
    anchors = [i for i, ln in enumerate(lines) if _ANCHOR_RE.match(ln.text)]
    heads = [_walk_header(lines, a) for a in anchors]
    starts = [h[0] for h in heads]
    act_lines = lines[: starts[0]] if anchors else list(lines)
    head_n = 0
    while head_n < len(act_lines) and (act_lines[head_n].indent < 4 or head_n == 0):
        head_n += 1
    act_blocks: list[Block] = []
    if head_n:
        first = act_lines[0].no
        last = act_lines[head_n - 1].no
        act_blocks = [Block(join_lines(act_lines[:head_n], vocab), (first, last))]
    act_blocks += logical_blocks(act_lines[head_n:], vocab, indented)
    regs: list[RegulationText] = []
    for n, anchor in enumerate(anchors):
        cap_start, title_start = heads[n]
        end = starts[n + 1] if n + 1 < len(anchors) else len(lines)
        header_lines = lines[cap_start:anchor]
        title_text = join_lines(lines[title_start:anchor], vocab) if title_start < anchor else ""
        annexes_at = _annex_starts(lines, anchor + 1, end)
        body_end = annexes_at[0][0] if annexes_at else end
        body = logical_blocks(lines[anchor:body_end], vocab, indented)
        reg = _structure(n + 1, body)
        reg.header = logical_blocks(header_lines, vocab, False) if header_lines else []
        reg.title = _title_from(title_text, reg)
        reg.annexes = _annexes(lines, annexes_at, end, vocab)
        reg.notes += _annex_notes(lines[body_end:end], vocab)
        reg.lines = (lines[cap_start].no, lines[end - 1].no)
        regs.append(reg)
    return SourceText(act_lines, act_blocks, regs)


def _table_cells(lines: list[Line], vocab: Vocabulary | None) -> list[Block]:
    """Annex text (flattened tables, flowcharts) line by line, re-joining the words a narrow
    table cell hyphenated over several lines ("Көрсе-" / "тілетін" / "қызмет-" / "ті беруші")."""
    blocks: list[Block] = []
    for ln in lines:
        prev = blocks[-1] if blocks else None
        if prev is not None and prev.text.endswith("-") and ln.text[:1].islower():
            text = join_pair(prev.text, ln.text, vocab)
            blocks[-1] = Block(normalise_text(text), (prev.lines[0], ln.no), prev.starts)
        else:
            blocks.append(Block(normalise_text(ln.text), (ln.no, ln.no), [(0, ln.no)]))
    return blocks


def _annex_notes(lines: list[Line], vocab: Vocabulary | None) -> list[Block]:
    """Amendment notes printed among the annexes ("Ескерту. Регламент 3-қосымшамен ...")."""
    notes = []
    for i, ln in enumerate(lines):
        if ln.text.startswith("Ескерту"):
            j = i
            while j < len(lines) - 1 and j - i < 5 and not lines[j].text.endswith("."):
                j += 1
            notes.append(Block(join_lines(lines[i:j + 1], vocab), (ln.no, lines[j].no)))
    return notes


def _annexes(lines: list[Line], at: list[tuple[int, str | None]], end: int,
             vocab: Vocabulary | None) -> list[Annex]:
    out = []
    for k, (start, number) in enumerate(at):
        stop = at[k + 1][0] if k + 1 < len(at) else end
        chunk = lines[start:stop]
        blocks = _table_cells(chunk, vocab)
        cap_end = next((i for i, ln in enumerate(chunk) if _ANNEX_RE.search(ln.text)), 0)
        title_lines = chunk[cap_end + 1: cap_end + 4]
        title = join_lines(title_lines, vocab)[:200] if title_lines else ""
        out.append(Annex(number, title, blocks, (chunk[0].no, chunk[-1].no)))
    return out


_QUOTED_RE = re.compile(r"[«\"]\s*(.+?)\s*[»\"]\s*(?:электрондық\s+)?мемлекеттік", re.S)


def _title_from(title_text: str, reg: RegulationText) -> str:
    text = title_text
    if not text and reg.paragraphs:
        text = " ".join(b.text for b in reg.paragraphs[0].blocks)
    m = _QUOTED_RE.search(text)
    if m:
        return m.group(1).strip(" «»\"")
    text = re.sub(r"\s*мемлекеттік көрсетілетін қызмет(тің)? регламенті\s*$", "", text)
    return text.strip(" «»\"")[:300]


def _heading_like(text: str) -> bool:
    return not text.rstrip().endswith((".", ";", ":")) and bool(_CHAPTER_HINT_RE.search(text))


def _group_heading(text: str) -> bool:
    return text.endswith(":") and len(text) < 200 and not _numbered(text)


def _structure(index: int, blocks: list[Block]) -> RegulationText:
    chapters: list[Block] = []
    paras: list[Para] = []
    notes: list[Block] = []
    chapter_no = 0
    para_no = 0
    chapter_title: str | None = None
    lead: str | None = None
    cur: Para | None = None
    sub: SubItem | None = None
    for block in blocks:
        text = block.text
        if text.startswith("Ескерту"):
            notes.append(block)
            continue
        m = _PARA_RE.match(text)
        if m:
            n = int(m.group(1))
            is_chapter = n == chapter_no + 1 and (
                n != para_no + 1 or _heading_like(text) or "Жалпы ереже" in text
            )
            if is_chapter:
                chapter_no = n
                chapter_title = text
                chapters.append(block)
                cur, sub, lead = None, None, None
                continue
            para_no = n
            cur = Para(m.group(1), chapter_title, [block])
            paras.append(cur)
            sub, lead = None, None
            continue
        s = _SUB_RE.match(text)
        if s and cur is not None:
            sub = SubItem(s.group(1), [block], lead)
            cur.subitems.append(sub)
            cur.blocks.append(block)
            continue
        if cur is None:
            if chapters:  # chapter title spilling over several logical lines
                last = chapters[-1]
                chapters[-1] = Block(normalise_text(f"{last.text} {text}"),
                                     (last.lines[0], block.lines[1]))
                chapter_title = chapters[-1].text
            continue
        cur.blocks.append(block)
        if sub is not None:
            list_intro = sub.blocks[0].text.endswith(":")
            list_over = sub.blocks[-1].text.endswith(".") and text.endswith(".")
            if list_intro or not (_group_heading(text) or list_over):
                sub.blocks.append(block)
                continue
            sub = None
        if _group_heading(text):
            lead = text
    return RegulationText(index, "", [], chapters, paras, notes, [], (0, 0))
