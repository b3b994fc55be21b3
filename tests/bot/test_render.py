"""Views to text: translation, Telegram's 4096-character limit, clean split points."""

from __future__ import annotations

import random

import pytest

from bot.i18n import language_from_hint, resolve_lang, translate
from bot.render import TEXT_LIMIT, render_view, split_text, tg_len
from dialogs.core import Button, Msg, View
from domain.i18n import t


def test_short_text_is_one_chunk():
    assert split_text("  hello  ") == ["hello"]
    assert split_text("") == []


def test_split_prefers_paragraphs_then_lines_then_sentences():
    para = "Бірінші сөйлем. " * 200  # ~3200 chars, one paragraph
    text = "\n\n".join([para.strip(), para.strip(), para.strip()])
    chunks = split_text(text)
    assert len(chunks) == 3 and all(c == para.strip() for c in chunks)

    lines = "\n".join(f"• пункт {i} " + "x" * 90 for i in range(100))
    chunks = split_text(lines)
    assert all(tg_len(c) <= TEXT_LIMIT for c in chunks)
    assert all(c.startswith("• пункт") for c in chunks)
    assert "\n".join(chunks) == lines

    sentences = " ".join(f"Sentence number {i} ends here." for i in range(400))
    chunks = split_text(sentences)
    assert all(c.endswith("here.") for c in chunks)


def test_split_never_breaks_words_and_keeps_all_text():
    rng = random.Random(7)
    words = ["лицензия", "өтініш", "документ", "мерзім", "😀", "жұмыс", "күні", "№15"]
    for _ in range(30):
        parts = []
        for _ in range(rng.randint(50, 2500)):
            parts.append(rng.choice(words))
            parts.append(rng.choice([" ", " ", " ", "\n", "\n\n", ". "]))
        text = "".join(parts).strip()
        chunks = split_text(text)
        assert all(0 < tg_len(c) <= TEXT_LIMIT for c in chunks)
        assert "".join(text.split()) == "".join("".join(chunks).split())
        for chunk in chunks:
            for word in chunk.split():
                assert word.strip(".") in words or word in words


def test_emoji_count_as_two_units():
    text = "😀" * 3000  # 6000 UTF-16 units, no break points
    chunks = split_text(text)
    assert [tg_len(c) for c in chunks] == [4096, 1904]


def test_render_view_translates_parts_buttons_and_toast():
    view = View(
        parts=[Msg("Main menu"), Msg.text("raw text")],
        buttons=[[Button(Msg("Main menu"), "menu:show")], []],
        toast=Msg("Main menu"),
    )
    rendered = render_view(view, "ru")
    assert rendered.text == f"{t('ru', 'Main menu')}\n\nraw text"
    assert [[b.label for b in row] for row in rendered.buttons] == [[t("ru", "Main menu")]]
    assert rendered.toast == t("ru", "Main menu")


def test_translate_nested_params_and_plurals():
    msg = Msg("{a} / {b}", {"a": Msg("Main menu"), "b": 5})
    assert translate(msg, "kk") == f"{t('kk', 'Main menu')} / 5"
    plural = Msg("{n} file", plural="{n} files", n=3)
    assert translate(plural, "ru") == "3 files"
    assert translate(Msg("Missing {x}", {"y": 1}), "ru") == "Missing {x}"


@pytest.mark.parametrize(
    ("hint", "lang"), [("ru", "ru"), ("ru-RU", "ru"), ("kk", "kk"), ("en", "kk"), (None, "kk")]
)
def test_language_from_hint(hint, lang):
    assert language_from_hint(hint) == lang
    assert resolve_lang(None, hint) == lang
    assert resolve_lang("ru", "kk") == "ru"
