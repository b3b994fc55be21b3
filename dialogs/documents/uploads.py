"""Receiving files (one, or an album as one event) into a draft or an application.

Each file is validated and stored on its own by the applications domain: a refused file gets
its own localised message and never affects the files before or after it. The download is
lazy: the declared size is checked before a single byte is fetched.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from dialogs.core import IncomingFile, Msg
from dialogs.documents import fmt, state, texts
from dialogs.engine import Context
from domain.applications import drafts as repo
from domain.applications.errors import ApplicationError
from domain.applications.messages import error_message
from domain.documents.errors import DocumentError
from domain.i18n import t

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    name: str  # how the file is called back to the user
    upload: Any | None = None
    error: Msg | None = None


async def _lazy(opener: Callable[[], AsyncIterator[bytes]]) -> AsyncIterator[bytes]:
    async for chunk in opener():
        yield chunk


def display_name(lang: str, incoming: IncomingFile, index: int | None) -> str:
    """The file's own name, else "Photo 3" (its number among the target's files)."""
    if incoming.file_name:
        return fmt.short(incoming.file_name, 48)
    word = t(lang, texts.PHOTO if incoming.kind == "photo" else texts.FILE)
    return f"{word} {index}" if index else word


async def receive(
    ctx: Context,
    files: Sequence[IncomingFile],
    lang: str,
    *,
    decide: Callable[[IncomingFile], str | None],
    draft: Any = None,
    application: Any = None,
    first_index: int = 1,
) -> list[Outcome]:
    """Store every file for ``draft`` (or ``application``); ``decide`` names its item."""
    telegram = ctx.extra.get("transport") == "telegram"
    outcomes: list[Outcome] = []
    index = first_index  # the number the next kept file gets among the target's files
    for incoming in files:
        name = display_name(lang, incoming, None)
        if incoming.opener is None:
            outcomes.append(Outcome(name, error=Msg(*error_message(DocumentError()))))
            continue
        try:
            upload = await repo.add_upload(
                ctx.session,
                ctx.services.storage,
                owner_id=ctx.user.user_id,
                chunks=_lazy(incoming.opener),
                draft=draft,
                application=application,
                item_id=decide(incoming),
                declared_size=incoming.size,
                telegram_file_id=incoming.file_id if telegram else None,
                telegram_unique_id=incoming.unique_id,
                original_name=incoming.file_name,
                now=state.now(ctx),
            )
        except (DocumentError, ApplicationError) as err:
            outcomes.append(Outcome(name, error=Msg(*error_message(err))))
        except SQLAlchemyError:
            raise
        except Exception as exc:  # a failed download: the file is not kept, the others are
            log.warning("file download failed: %s", type(exc).__name__)
            outcomes.append(Outcome(name, error=Msg(*error_message(DocumentError()))))
        else:
            outcomes.append(Outcome(display_name(lang, incoming, index), upload=upload))
            index += 1
    return outcomes


def summary(outcomes: Sequence[Outcome], lang: str, item_name: Callable[[str], str]) -> Msg:
    """One message for the whole batch: what was kept (and for which document), what not."""
    ok = [o for o in outcomes if o.upload is not None]
    lines = [t(lang, texts.RECEIVED, ok=len(ok), total=len(outcomes))]
    for outcome in outcomes:
        if outcome.upload is None:
            error = fmt.text_of(outcome.error, lang) if outcome.error else ""
            lines.append(t(lang, texts.REFUSED, file=outcome.name, error=error))
        elif outcome.upload.item_id and item_name(outcome.upload.item_id):
            lines.append(
                t(
                    lang,
                    texts.RECEIVED_ITEM,
                    file=outcome.name,
                    item=fmt.short(item_name(outcome.upload.item_id), 70),
                )
            )
        else:
            lines.append(t(lang, texts.RECEIVED_FREE, file=outcome.name))
    if len(ok) < len(outcomes):
        lines.append(t(lang, texts.NOTHING_KEPT))
    return Msg.text("\n".join(lines))
