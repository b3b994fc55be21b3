"""The chat under a pseudo-terminal, as a person uses it: language choice -> a service by
category -> its card -> a free-text question answered with a citation; then a second run
continues where the first stopped. Both languages."""

from __future__ import annotations

import re
import sys

import pexpect
import pytest
from terminal_helpers import ROOT, RUN_BOT, chat_env

PROMPT = "you> "
BUTTON = re.compile(r"\[(\d+)\] (.+?)(?=\s{3}\[\d+\] |\r?\n|$)")

TEXTS = {
    "ru": {
        "banner": "Разговор с помощником в терминале",
        "language": "✅ Русский",
        "menu": "Главное меню",
        "choose_service": "Выбрать услугу",
        "categories": "Выберите категорию услуг",
        "category": "Услуги в категории",
        "ask_about": "Спросить об этой услуге",
        "status": "Внимание",
        "ask_prompt": "Напишите вопрос об услуге",
        "question": "За сколько рабочих дней выдают эту лицензию?",
        "helpful": "Полезно",
        "thanks": "Спасибо за отзыв!",
        "continuing": "Продолжаем предыдущий разговор.",
        "bye": "До свидания!",
    },
    "kk": {
        "banner": "Көмекшімен терминалда сөйлесу",
        "language": "✅ Қазақша",
        "menu": "Басты мәзір",
        "choose_service": "Қызметті таңдау",
        "categories": "Қызметтер санатын таңдаңыз",
        "category": "санатындағы қызметтер",
        "ask_about": "Осы қызмет туралы сұрау",
        "status": "Назар аударыңыз",
        "ask_prompt": "қызметі туралы сұрағыңызды жазыңыз",
        "question": "Бұл лицензия неше жұмыс күнінде беріледі?",
        "helpful": "Пайдалы болды",
        "thanks": "Пікіріңізге рақмет!",
        "continuing": "Алдыңғы сөйлесуді жалғастырамыз.",
        "bye": "Сау болыңыз!",
    },
}


class Terminal:
    def __init__(self, lang: str, data_dir) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            [str(RUN_BOT), "chat", "--lang", lang, "--user", "77"],
            cwd=str(ROOT),
            env=chat_env(data_dir),
            encoding="utf-8",
            timeout=60,
            dimensions=(200, 250),
        )
        self.screen = ""

    def wait(self, *texts: str) -> str:
        """Read up to the next prompt; the screen must contain every text."""
        self.child.expect_exact(PROMPT)
        self.screen = self.child.before
        for text in texts:
            assert text in self.screen, f"{text!r} not in:\n{self.screen}"
        return self.screen

    def buttons(self) -> list[tuple[int, str]]:
        return [(int(n), label.strip()) for n, label in BUTTON.findall(self.screen)]

    def press(self, label_part: str) -> None:
        number = next((n for n, label in self.buttons() if label_part in label), None)
        assert number is not None, f"no button {label_part!r} in:\n{self.screen}"
        self.child.sendline(str(number))

    def type(self, text: str) -> None:
        self.child.sendline(text)

    def quit(self, bye: str) -> None:
        self.child.sendline("/quit")
        self.child.expect_exact(bye)
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus == 0


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_applicant_path_in_the_terminal(lang, data_dir):
    t = TEXTS[lang]
    term = Terminal(lang, data_dir)
    term.wait(t["banner"], t["language"])
    assert term.buttons()[0][1] == t["language"]  # suggested language first
    term.press(t["language"])
    term.wait(t["menu"])
    term.press(t["choose_service"])
    term.wait(t["categories"])
    first_category = term.buttons()[0][1]
    term.child.sendline("1")
    term.wait(t["category"], first_category.rsplit(" (", 1)[0])
    service = term.buttons()[0][1]
    region = service[service.rfind("(") + 1 : -1] if service.endswith(")") else ""
    term.child.sendline("1")
    # The card, with its region and its act's status warning.
    term.wait(region, t["status"], t["ask_about"])
    term.press(t["ask_about"])
    term.wait(t["ask_prompt"])
    term.type(t["question"])
    answer = term.wait(t["helpful"])
    assert re.search(r"\d+", answer), answer  # a number of days and paragraph numbers
    assert re.search(r"(тармақ|пункт|п\.)", answer), answer  # the citation
    term.quit(t["bye"])

    # A second run continues: the last message and its buttons are back and still work.
    again = Terminal(lang, data_dir)
    again.wait(t["banner"], t["continuing"], t["helpful"])
    again.press(t["helpful"])
    again.wait(t["thanks"])
    again.quit(t["bye"])
