"""The chat under a pseudo-terminal, as a person uses it, in both languages: language choice ->
a service by category -> its card -> a free-text question answered with a citation -> the
document check (case, applicant, channel, conditions) with every document ticked but one, which
is then the single missing item -> that document sent with ``/file`` (a PDF made here) -> the
set is complete. A second run continues where the first stopped, with the file still there."""

from __future__ import annotations

import re
import sys

import pexpect
import pytest
from terminal_helpers import ROOT, RUN_BOT, SAMPLE_PDF, chat_env, write_pdf

PROMPT = "you> "
BUTTON = re.compile(r"\[(\d+)\] (.+?)(?=\s{3}\[\d+\] |\r?\n|$)")

TEXTS = {
    "ru": {
        "banner": "Разговор с помощником в терминале",
        "language": "✅ Русский",
        "menu": "Главное меню",
        "choose_service": "Выбрать услугу",
        "categories": "Выберите категорию услуг",
        "category_name": "Строительство",  # seed 004: its services list their documents
        "category": "Услуги в категории",
        "service": "изыскательск",
        "check_documents": "Проверить документы",
        "ask_about": "Спросить об этой услуге",
        "status": "Внимание",
        "ask_prompt": "Напишите вопрос об услуге",
        "question": "За сколько рабочих дней выдают эту лицензию?",
        "helpful": "Полезно",
        "thanks": "Спасибо за отзыв!",
        "docs_service": "Для какой услуги вы готовите документы?",
        "case_prompt": "Что вам нужно?",
        "case": "Получение лицензии",
        "who_prompt": "Кто подаёт заявление?",
        "who": "Юридическое лицо",
        "channel_prompt": "Куда вы будете подавать документы?",
        "channel": "ЦОН",
        "foreign": "иностранн",
        "yes": "Да",
        "no": "Нет",
        "checklist": "Обязательные документы:",
        "keep": "устав",  # the document left missing, then sent as a file
        "missing": "Ещё не хватает: ",
        "item_missing": "Статус: не хватает.",
        "item_have": "Статус: есть.",
        "tick": "У меня есть",
        "ticked": "Отмечено.",
        "back": "К списку",
        "upload": "Загрузить файл этого документа",
        "upload_prompt": "Пришлите файл документа",
        "accepted": "Принято файлов: 1 из 1.",
        "complete": "✅ Комплект полный",
        "continuing": "Продолжаем предыдущий разговор.",
        "bye": "До свидания!",
    },
    "kk": {
        "banner": "Көмекшімен терминалда сөйлесу",
        "language": "✅ Қазақша",
        "menu": "Басты мәзір",
        "choose_service": "Қызметті таңдау",
        "categories": "Қызметтер санатын таңдаңыз",
        "category_name": "Құрылыс",
        "category": "санатындағы қызметтер",
        "service": "Іздестіру",
        "check_documents": "Құжаттарды тексеру",
        "ask_about": "Осы қызмет туралы сұрау",
        "status": "Назар аударыңыз",
        "ask_prompt": "қызметі туралы сұрағыңызды жазыңыз",
        "question": "Бұл лицензия неше жұмыс күнінде беріледі?",
        "helpful": "Пайдалы болды",
        "thanks": "Пікіріңізге рақмет!",
        "docs_service": "Қай қызметке құжат дайындап жатырсыз?",
        "case_prompt": "Сізге не қажет?",
        "case": "Лицензия алу",
        "who_prompt": "Өтініш беруші кім?",
        "who": "Заңды тұлға",
        "channel_prompt": "Құжаттарды қайда тапсырасыз?",
        "channel": "ХҚКО",
        "foreign": "шетелдік",
        "yes": "Иә",
        "no": "Жоқ",
        "checklist": "Міндетті құжаттар:",
        "keep": "Жарғы",
        "missing": "Әлі жетіспейді: ",
        "item_missing": "Күйі: жоқ.",
        "item_have": "Күйі: бар.",
        "tick": "Менде бар",
        "ticked": "Белгіленді.",
        "back": "Тізімге оралу",
        "upload": "Осы құжаттың файлын жүктеу",
        "upload_prompt": "файлын жіберіңіз: PDF",
        "accepted": "Қабылданған файлдар саны: 1 (барлығы 1).",
        "complete": "✅ Құжаттар толық",
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

    def press(self, label_part: str, *, exact: bool = False) -> str:
        found = [
            (n, label)
            for n, label in self.buttons()
            if (label == label_part if exact else label_part in label)
        ]
        assert found, f"no button {label_part!r} in:\n{self.screen}"
        self.child.sendline(str(found[0][0]))
        return found[0][1]

    def type(self, text: str) -> None:
        self.child.sendline(text)

    def quit(self, bye: str) -> None:
        self.child.sendline("/quit")
        self.child.expect_exact(bye)
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus == 0


def missing_line(screen: str, prefix: str) -> str:
    lines = [line.strip() for line in screen.splitlines() if prefix in line]
    assert len(lines) == 1, screen
    return lines[0].split(prefix, 1)[1]


def item_label(term: Terminal, mark: str, name_part: str) -> str:
    """The label of the checklist button of a document: its mark, then its (short) name."""
    labels = [b for _, b in term.buttons() if b.startswith(mark) and name_part in b]
    assert len(labels) == 1, term.screen
    return labels[0]


def find_service_and_ask(term: Terminal, t: dict[str, str]) -> None:
    term.press(t["choose_service"])
    term.wait(t["categories"])
    term.press(t["category_name"])
    term.wait(t["category"], t["category_name"])
    service = term.press(t["service"])
    region = service[service.rfind("(") + 1 : -1] if service.endswith(")") else ""
    # The card, with its region, its act's status warning, and both ways on.
    term.wait(region, t["status"], t["check_documents"], t["ask_about"])
    term.press(t["ask_about"])
    term.wait(t["ask_prompt"])
    term.type(t["question"])
    answer = term.wait(t["helpful"])
    assert re.search(r"\d+", answer), answer  # a number of days and paragraph numbers
    assert re.search(r"(тармақ|пункт|п\.)", answer), answer  # the citation
    assert "№" in answer, answer  # ... of a named act
    term.press(t["helpful"])
    term.wait(t["thanks"])


def answer_choices(term: Terminal, t: dict[str, str]) -> None:
    """Case, applicant type, channel, then the conditions: yes, except 'foreign applicant?'."""
    term.type("/documents")
    term.wait(t["docs_service"])
    # The service asked about comes first.
    assert t["service"] in term.buttons()[0][1], term.screen
    term.child.sendline("1")
    term.wait(t["case_prompt"])
    term.press(t["case"], exact=True)
    term.wait(t["who_prompt"])
    term.press(t["who"], exact=True)
    term.wait(t["channel_prompt"])
    term.press(t["channel"])
    for _ in range(8):
        screen = term.wait()
        if t["checklist"] in screen:
            return
        question = next(line for line in screen.splitlines() if line.startswith("bot> "))
        term.press(t["no"] if t["foreign"] in question else t["yes"], exact=True)
    raise AssertionError(f"no checklist after the conditions:\n{term.screen}")


def tick_all_but_one(term: Terminal, t: dict[str, str]) -> None:
    names = missing_line(term.screen, t["missing"]).split("; ")
    assert len(names) >= 3, names
    for _ in range(len(names)):
        todo = [label for _, label in term.buttons() if label.startswith("⬜")]
        todo = [label for label in todo if t["keep"] not in label]
        if not todo:
            break
        term.press(todo[0], exact=True)
        term.wait(t["item_missing"], t["tick"])
        term.press(t["tick"])
        term.wait(t["ticked"], t["item_have"])
        term.press(t["back"])
        term.wait(t["checklist"])
    missing = missing_line(term.screen, t["missing"])
    assert ";" not in missing and t["keep"].lower() in missing.lower(), missing


def send_the_missing_file(term: Terminal, t: dict[str, str], pdf) -> None:
    term.press(item_label(term, "⬜", t["keep"]), exact=True)
    term.wait(t["item_missing"], t["upload"])
    term.press(t["upload"])
    term.wait(t["upload_prompt"])
    term.type(f'/file "{pdf}"')
    done = term.wait(t["accepted"], f"✅ {pdf.name} → ", t["complete"])
    assert t["missing"] not in done, done


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_applicant_path_in_the_terminal(lang, data_dir, tmp_path):
    t = TEXTS[lang]
    pdf = write_pdf(tmp_path / "scans" / SAMPLE_PDF[lang])
    term = Terminal(lang, data_dir)
    term.wait(t["banner"], t["language"])
    assert term.buttons()[0][1] == t["language"]  # suggested language first
    term.press(t["language"])
    term.wait(t["menu"])
    find_service_and_ask(term, t)
    answer_choices(term, t)
    tick_all_but_one(term, t)
    send_the_missing_file(term, t, pdf)
    term.quit(t["bye"])

    # A second run continues: the last message and its buttons are back and still work; the
    # file is stored and was read as a one-page PDF.
    again = Terminal(lang, data_dir)
    again.wait(t["banner"], t["continuing"], t["complete"])
    again.press(item_label(again, "✅", t["keep"]), exact=True)
    again.wait(t["item_have"], f"{pdf.name} (PDF, 1 ")
    again.quit(t["bye"])
