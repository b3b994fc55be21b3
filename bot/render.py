"""Views to transport-neutral rendered messages (text chunks + button rows), no aiogram import.

Telegram caps a message at 4096 characters (counted in UTF-16 code units): longer text is split
at paragraph boundaries, then at line ends, sentence ends and spaces, never inside a word unless
a single word is longer than the limit. Buttons go under the last chunk. The terminal chat can
render through the same functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.i18n import translate
from dialogs.core import View

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


@dataclass(frozen=True)
class RenderedButton:
    label: str
    action: str
    url: str | None = None


@dataclass
class RenderedView:
    chunks: list[str]
    buttons: list[list[RenderedButton]] = field(default_factory=list)
    edit: bool = False
    request_contact: bool = False
    document: dict[str, str] | None = None
    toast: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.chunks)


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


_SPLITTERS = (
    ("\n", lambda s: s.split("\n")),
    (" ", lambda s: _SENTENCE_END.split(s)),
    (" ", lambda s: s.split(" ")),
)


def _split_long(text: str, limit: int) -> list[str]:
    """Split one over-long paragraph into pieces each within ``limit``."""
    if tg_len(text) <= limit:
        return [text]
    for joiner, split in _SPLITTERS:
        units = [u for u in split(text) if u.strip()]
        if len(units) > 1:
            return _pack(units, limit, joiner)
    # One unbreakable word longer than the limit: hard cut.
    out, current = [], ""
    for ch in text:
        if tg_len(current + ch) > limit:
            out.append(current)
            current = ""
        current += ch
    if current:
        out.append(current)
    return out


def _pack(units: list[str], limit: int, joiner: str) -> list[str]:
    chunks: list[str] = []
    current = ""
    for unit in units:
        for piece in _split_long(unit, limit):
            candidate = piece if not current else current + joiner + piece
            if tg_len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Chunks of ``text`` within ``limit``, split at the cleanest boundary available."""
    text = text.strip()
    if not text:
        return []
    if tg_len(text) <= limit:
        return [text]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return _pack(paragraphs, limit, "\n\n")


def render_view(view: View, lang: str, limit: int = TEXT_LIMIT) -> RenderedView:
    text = "\n\n".join(s for s in (translate(p, lang).strip() for p in view.parts) if s)
    buttons = [
        [RenderedButton(translate(b.label, lang), b.action, b.url) for b in row]
        for row in view.buttons
        if row
    ]
    return RenderedView(
        chunks=split_text(text, limit),
        buttons=buttons,
        edit=view.edit,
        request_contact=view.request_contact,
        document=view.document,
        toast=translate(view.toast, lang) if view.toast is not None else None,
    )
