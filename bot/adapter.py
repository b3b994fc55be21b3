"""The aiogram router: updates -> ``Dialogs.handle`` -> views rendered after the commit.

For each message or button press the adapter builds an ``Event`` and a ``Context`` (user, dialog
state from aiogram's FSM, services, the update's DB session), lets the dialogs answer, stores the
changed state and language in the same transaction, and registers the replies to be sent once
the transaction has committed (``UnitOfWork``). Nothing here decides what to answer.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ChatMemberUpdated, ErrorEvent, Message, User

from bot import texts
from bot.events import MAX_TEXT, Unsupported, callback_event, message_event
from bot.i18n import resolve_lang, translate
from bot.messenger import TelegramMessenger
from dialogs.core import DialogState, Event, Msg, View
from dialogs.engine import Context, Dialogs, UserContext
from domain import users
from domain.db import Database
from domain.i18n import LANGUAGES

log = logging.getLogger(__name__)


def _unsupported_view(reason: Unsupported) -> View:
    if reason.reason == "too_long":
        return View(parts=[Msg(texts.TOO_LONG, {"length": reason.length, "limit": MAX_TEXT})])
    if reason.reason == "foreign_contact":
        return View(parts=[Msg(texts.FOREIGN_CONTACT)])
    return View(parts=[Msg(texts.UNSUPPORTED_MEDIA)])


class TelegramAdapter:
    def __init__(
        self, dialogs: Dialogs, services: Any, messenger: TelegramMessenger, db: Database
    ) -> None:
        self.dialogs = dialogs
        self.services = services
        self.messenger = messenger
        self.db = db
        self.router = Router(name="dialogs-adapter")
        self.router.message.register(self.on_message)
        self.router.callback_query.register(self.on_callback)
        self.router.my_chat_member.register(self.on_my_chat_member)
        self.router.errors.register(self.on_error)

    # ------------------------------------------------------------------ handlers
    async def on_message(self, message: Message, bot: Bot, **data: Any) -> None:
        if data.get("user_ctx") is None or message.chat.type == "channel":
            return
        me = await bot.me()
        event = message_event(bot, message, data.get("album"), me.username)
        if event is None:
            return
        if isinstance(event, Unsupported):
            if message.chat.type == "private":
                lang = resolve_lang(data["user_ctx"].lang, data.get("fallback_lang"))
                data["after_commit"].append(
                    lambda: self._deliver(message.chat.id, [_unsupported_view(event)], lang)
                )
            return
        await self._dispatch(event, data)

    async def on_callback(self, callback_query: CallbackQuery, **data: Any) -> None:
        event = callback_event(callback_query)
        if event is None or data.get("user_ctx") is None:
            data["after_commit"].append(lambda: self._answer(callback_query, None))
            return
        await self._dispatch(event, data, callback=callback_query)

    async def on_my_chat_member(self, my_chat_member: ChatMemberUpdated, **data: Any) -> None:
        """A private user blocking the bot: stop notifying them (``users.blocked_at``)."""
        session = data.get("session")
        if my_chat_member.chat.type != "private" or session is None:
            return
        if my_chat_member.new_chat_member.status == ChatMemberStatus.KICKED:
            await users.mark_blocked(session, my_chat_member.from_user.id)

    async def on_error(self, event: ErrorEvent, bot: Bot) -> bool:
        update = event.update
        log.error(
            "update %s failed: %s",
            update.update_id,
            type(event.exception).__name__,
            exc_info=event.exception,
        )
        user: User | None
        if update.callback_query is not None:
            user = update.callback_query.from_user
            message = update.callback_query.message
            await self._answer(update.callback_query, None)
        elif update.message is not None:
            user, message = update.message.from_user, update.message
        else:
            return True
        if message is None or message.chat.type != "private" or user is None:
            return True
        lang = await self._stored_language(user.id, user.language_code)
        try:
            await bot.send_message(message.chat.id, translate(Msg(texts.INTERNAL_ERROR), lang))
        except Exception:  # the error report must not raise again
            log.warning("could not report the error to the user")
        return True

    # ------------------------------------------------------------------ core
    async def _dispatch(
        self, event: Event, data: dict[str, Any], *, callback: CallbackQuery | None = None
    ) -> None:
        state: FSMContext = data["state"]
        session = data["session"]
        user: UserContext = data["user_ctx"]
        lang_before = user.lang
        ctx = Context(
            user=user,
            state=DialogState(step=await state.get_state(), data=await state.get_data()),
            services=self.services,
            session=session,
            extra={"transport": "telegram", "messenger": self.messenger},
        )
        views = await self.dialogs.handle(event, ctx)
        if ctx.user.lang != lang_before and ctx.user.lang in LANGUAGES:
            await users.set_language(session, user.user_id, ctx.user.lang)
        await state.set_state(ctx.state.step)
        await state.set_data(ctx.state.data)
        lang = resolve_lang(ctx.user.lang, event.language_hint)
        edit_id = event.message_id if event.kind == "button" else None

        async def deliver() -> None:
            if callback is not None:
                toast = next((v.toast for v in views if v.toast is not None), None)
                await self._answer(callback, translate(toast, lang) if toast else None)
            await self._deliver(
                event.chat_id,
                views,
                lang,
                thread_id=event.thread_id,
                edit_message_id=edit_id,
                remove_keyboard=event.kind == "contact",
            )

        data["after_commit"].append(deliver)

    async def _deliver(
        self,
        chat_id: int,
        views: list[View],
        lang: str,
        *,
        thread_id: int | None = None,
        edit_message_id: int | None = None,
        remove_keyboard: bool = False,
    ) -> None:
        try:
            await self.messenger.send_views(
                chat_id,
                views,
                lang,
                thread_id=thread_id,
                edit_message_id=edit_message_id,
                remove_keyboard=remove_keyboard,
            )
        except TelegramForbiddenError:
            log.info("chat %s blocked the bot", chat_id)
            if chat_id > 0:
                async with self.db.unit() as session:
                    await users.mark_blocked(session, chat_id)

    async def _answer(self, query: CallbackQuery, text: str | None) -> None:
        """Stop the button's spinner (with the toast); best effort, never fails the update."""
        try:
            await self.messenger.call(lambda: query.answer(text=text[:200] if text else None))
        except TelegramBadRequest as exc:  # "query is too old": nothing to do
            log.debug("answerCallbackQuery failed: %s", exc.message)
        except Exception as exc:
            log.warning("answerCallbackQuery failed: %s", type(exc).__name__)

    async def _stored_language(self, user_id: int, hint: str | None) -> str:
        try:
            async with self.db.sessionmaker() as session:
                return resolve_lang(await users.get_language(session, user_id), hint)
        except Exception:
            return resolve_lang(None, hint)
