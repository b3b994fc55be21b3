"""How the terminal shows views and maps typed numbers to buttons (in-process, no subprocess)."""

from __future__ import annotations

import io

from bot.terminal.chat import TerminalChat
from bot.terminal.render import render_turn
from bot.terminal.session import Turn
from dialogs.core import Button, Msg, View


def screen_of(views, lang="ru"):
    return render_turn(views, lang)


def test_buttons_are_numbered_across_the_messages_of_one_answer():
    views = [
        View(
            parts=[Msg("Main menu")],
            buttons=[[Button(Msg("Yes"), "a:1"), Button(Msg("No"), "a:2")]],
        ),
        View(parts=[Msg.text("второе")], buttons=[[Button(Msg.text("x"), "b:1")]]),
    ]
    screen = screen_of(views)
    assert [b.action for b in screen.buttons] == ["a:1", "a:2", "b:1"]
    assert screen.lines == [
        "bot> Главное меню",
        "",
        "     [1] Да   [2] Нет",
        "",
        "bot> второе",
        "",
        "     [3] x",
        "",
    ]


def test_toast_contact_request_and_documents_are_shown():
    views = [
        View(parts=[], toast=Msg("Thank you for the feedback!")),
        View(parts=[Msg.text("Телефон?")], request_contact=True),
        View(parts=[Msg.text("Ваш файл")], document={"key": "abc", "name": "receipt.pdf"}),
    ]
    text = "\n".join(screen_of(views, "kk").lines)
    assert "ⓘ Пікіріңізге рақмет!" in text
    assert "/contact +77011234567" in text
    assert "📎 Боттан келген файл: receipt.pdf" in text


class FakeSession:
    def __init__(self):
        self.pressed: list[str] = []
        self.texts: list[str] = []

    async def press(self, action):
        self.pressed.append(action)
        return Turn([View(parts=[], toast=Msg.text("ok"))], "ru")

    async def text(self, text):
        self.texts.append(text)
        return Turn([View(parts=[Msg.text("answer")])], "ru")

    async def command(self, name, args=""):
        return Turn([View(parts=[Msg.text(f"/{name} {args}")])], "ru")


async def test_numbers_press_buttons_and_a_toast_keeps_the_old_buttons():
    out = io.StringIO()
    session = FakeSession()
    chat = TerminalChat(session, out=out)  # type: ignore[arg-type]
    chat.show(
        Turn(
            [
                View(
                    parts=[Msg.text("m")],
                    buttons=[
                        [Button(Msg.text("one"), "x:1")],
                        [Button(Msg.text("site"), "x:url", url="https://egov.kz")],
                    ],
                )
            ],
            "ru",
        )
    )
    await chat.step("1")
    await chat.step("1")  # still the same buttons: the answer was only a notice
    assert session.pressed == ["x:1", "x:1"]
    await chat.step("2")
    assert "🔗 Ссылка: https://egov.kz" in out.getvalue()
    await chat.step("7")
    assert "Кнопки с номером 7 здесь нет." in out.getvalue()
    await chat.step("12 дней это долго?")
    assert session.texts == ["12 дней это долго?"]


async def test_no_buttons_means_a_number_is_text():
    session = FakeSession()
    chat = TerminalChat(session, out=io.StringIO())  # type: ignore[arg-type]
    await chat.step("5")
    assert session.texts == ["5"]
