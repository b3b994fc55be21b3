"""The terminal chat loop: read a line, turn it into an event, print the bot's answer."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TextIO

from bot.render import RenderedButton
from bot.terminal import texts
from bot.terminal.files import FileArgError, incoming_file, parse_file_args
from bot.terminal.render import BOT, USER, Screen, render_turn
from bot.terminal.session import ChatSession, Turn
from domain.i18n import t

log = logging.getLogger(__name__)

QUIT = ("/quit", "/exit")
BUTTON_NUMBER = re.compile(r"^#?(\d{1,2})$")
COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+(.*))?$", re.S)


class TerminalChat:
    def __init__(
        self,
        session: ChatSession,
        *,
        out: TextIO = sys.stdout,
        history: Path | None = None,
        echo: bool = False,
    ) -> None:
        self.session = session
        self.out = out
        self.history = history
        self.echo = echo  # print what the user typed (script mode: the transcript shows both)
        self.buttons: list[RenderedButton] = []
        self.lang = "kk"

    # ------------------------------------------------------------------ output
    def say(self, msgid: str, **params: object) -> None:
        self.print_lines([BOT + t(self.lang, msgid, **params), ""])

    def print_lines(self, lines: list[str]) -> None:
        self.out.write("".join(line + "\n" for line in lines))
        self.out.flush()

    def show(self, turn: Turn) -> None:
        self.lang = turn.lang
        screen = render_turn(turn.views, turn.lang)
        self.print_lines(screen.lines)
        if screen.buttons:  # a toast-only answer keeps the earlier buttons usable
            self.buttons = screen.buttons
            self._save(screen)

    # ------------------------------------------------------------------ continuation
    def _save(self, screen: Screen) -> None:
        if self.history is None:
            return
        self.history.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "lines": screen.lines,
            "buttons": [[b.label, b.action, b.url] for b in screen.buttons],
        }
        self.history.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")

    def restore(self) -> bool:
        """Show the last message with buttons of a previous run; False when there is none."""
        if self.history is None or not self.history.exists():
            return False
        try:
            payload = json.loads(self.history.read_text(encoding="utf-8"))
            self.buttons = [RenderedButton(*b) for b in payload["buttons"]]
            lines = list(payload["lines"])
        except (ValueError, KeyError, TypeError):
            log.warning("terminal history %s unreadable; starting afresh", self.history)
            return False
        self.say(texts.CONTINUING)
        self.print_lines(lines)
        return True

    # ------------------------------------------------------------------ input
    async def start(self) -> None:
        """Interactive start: a new user gets /start (as Telegram's Start button sends it); a
        returning one sees where they stopped."""
        self.lang = await self.session.language()
        self.say(texts.BANNER)
        if not await self.session.has_history():
            self.show(await self.session.command("start"))
        elif not self.restore():
            self.show(await self.session.command("menu"))

    async def run(self, lines: AsyncIterator[str]) -> None:
        async for raw in lines:
            line = raw.strip()
            if not line or (line.startswith("#") and not BUTTON_NUMBER.match(line)):
                continue
            if self.echo:
                self.print_lines([USER + line, ""])
            if line.lower() in QUIT:
                break
            await self.step(line)
        self.say(texts.BYE)

    async def step(self, line: str) -> None:
        try:
            turn = await self._dispatch(line)
        except Exception:
            log.exception("the terminal chat failed to handle an input")
            self.say(texts.ERROR)
            return
        if turn is not None:
            self.show(turn)

    async def _dispatch(self, line: str) -> Turn | None:
        number = BUTTON_NUMBER.match(line)
        if number and self.buttons:
            index = int(number.group(1))
            if not 1 <= index <= len(self.buttons):
                self.say(texts.NO_SUCH_BUTTON, number=index)
                return None
            button = self.buttons[index - 1]
            if button.url:
                self.say(texts.LINK, url=button.url)
                return None
            return await self.session.press(button.action)
        command = COMMAND.match(line)
        if command is None:
            return await self.session.text(line)
        name, args = command.group(1).lower(), (command.group(2) or "").strip()
        if name == "file":
            try:
                path, caption = parse_file_args(args)
            except FileArgError as exc:
                if str(exc):
                    self.say(texts.FILE_NOT_FOUND, path=str(exc))
                else:
                    self.say(texts.FILE_USAGE)
                return None
            return await self.session.file(incoming_file(path, caption))
        if name == "contact":
            if not args:
                self.say(texts.CONTACT_USAGE)
                return None
            event = self.session.event("contact", contact_phone=args.split()[0])
            return await self.session.handle(event)
        return await self.session.command(name, args)


async def script_lines(path: str) -> AsyncIterator[str]:
    source = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for line in source:
            yield line
    finally:
        if source is not sys.stdin:
            source.close()


async def prompt_lines(
    prompt: str = USER, read: Callable[[str], str] = input
) -> AsyncIterator[str]:
    while True:
        try:
            yield await asyncio.to_thread(read, prompt)
        except (EOFError, KeyboardInterrupt):
            print()
            return
