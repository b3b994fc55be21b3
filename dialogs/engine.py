"""Routes events to flows. The only entry point transports call.

Routing order for an event:
0. an event from a group chat (the operators' group) goes only to flows with ``group_chat = True``;
1. a command (``/start``) goes to the flow that declares it in ``commands``;
2. a button goes to the flow whose ``action_prefixes`` matches the action id's first segment
   (``"svc:open:x"`` -> prefix ``"svc"``);
3. text or a file while the user is inside a step goes to the flow owning the step's prefix
   (``"docs.upload"`` -> prefix ``"docs"``);
4. "escape words" (operator / оператор / адам) are offered to every flow's ``intercept`` first;
5. anything else goes to the fallback flow (free-text questions to the knowledge base).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from dialogs.core import DialogState, Event, View

log = logging.getLogger(__name__)


@dataclass
class UserContext:
    user_id: int
    chat_id: int
    lang: str | None  # "kk" | "ru" | None when not chosen yet
    roles: frozenset[str] = frozenset()  # "admin", "staff", "operator"


@dataclass
class Context:
    user: UserContext
    state: DialogState
    services: Any  # dialogs.services.Services; typed loosely to keep flows decoupled
    session: Any = None  # the AsyncSession of this update; the transport commits after handle()
    extra: dict[str, Any] = field(default_factory=dict)


class Flow(Protocol):
    name: str
    commands: frozenset[str]
    action_prefixes: frozenset[str]
    step_prefix: str

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        """Return views, or None when this flow does not take the event."""

    async def intercept(self, event: Event, ctx: Context) -> list[View] | None:
        """Called for every text event before routing; return None to let it pass."""


class BaseFlow:
    name = "base"
    commands: frozenset[str] = frozenset()
    action_prefixes: frozenset[str] = frozenset()
    step_prefix = ""

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:  # pragma: no cover
        return None

    async def intercept(self, event: Event, ctx: Context) -> list[View] | None:
        return None


class Dialogs:
    def __init__(self, flows: list[Flow], fallback: Flow) -> None:
        self.flows = flows
        self.fallback = fallback

    def _by_command(self, command: str) -> Flow | None:
        return next((f for f in self.flows if command in f.commands), None)

    def _by_action(self, action: str) -> Flow | None:
        prefix = action.split(":", 1)[0]
        return next((f for f in self.flows if prefix in f.action_prefixes), None)

    def _by_step(self, step: str | None) -> Flow | None:
        if not step:
            return None
        prefix = step.split(".", 1)[0]
        return next((f for f in self.flows if f.step_prefix == prefix), None)

    async def handle(self, event: Event, ctx: Context) -> list[View]:
        if event.chat_type != "private":
            # Group chats (the operators' group) reach only flows declaring ``group_chat``.
            for flow in self.flows:
                if getattr(flow, "group_chat", False):
                    views = await flow.handle(event, ctx)
                    if views is not None:
                        return views
            return []
        if event.kind == "command":
            flow = self._by_command(event.command)
            if flow is not None:
                return await flow.handle(event, ctx) or []
        if event.kind == "button":
            flow = self._by_action(event.action)
            if flow is not None:
                return await flow.handle(event, ctx) or []
        if event.kind == "text":
            for flow in self.flows:
                views = await flow.intercept(event, ctx)
                if views is not None:
                    return views
        flow = self._by_step(ctx.state.step)
        if flow is not None:
            views = await flow.handle(event, ctx)
            if views is not None:
                return views
        return await self.fallback.handle(event, ctx) or []
