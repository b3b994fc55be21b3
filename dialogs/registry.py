"""The list of conversation flows: the one place where features are composed.

Core flows (language and menu, catalogue, questions) are always there. Feature packages are
imported when present: each exposes ``build_flows(services) -> list[Flow]`` in its
``__init__.py``. To add a feature, add one line to ``OPTIONAL_FEATURES``. Buttons that lead to a
feature (main menu, service card) are shown only when one of its flows handles their prefix.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from dialogs.catalogue import CatalogueFlow
from dialogs.common.menu import Features
from dialogs.common.optional import optional_attr
from dialogs.engine import Dialogs, Flow
from dialogs.questions import QuestionsFlow
from dialogs.start import StartFlow

log = logging.getLogger(__name__)

# Feature packages in routing order: their flows see commands, buttons and text before the core
# flows (the operators' flow intercepts "operator" typed anywhere).
OPTIONAL_FEATURES: tuple[str, ...] = (
    "dialogs.operators",
    "dialogs.admin",
    "dialogs.staff",
    "dialogs.documents",
    "dialogs.applications",
)

# Position of the core commands in the Telegram menu; feature commands go after "services".
COMMAND_ORDER = {"menu": 0, "services": 1, "lang": 90, "help": 91, "start": 92}


def feature_flows(services: Any, modules: Iterable[str] = OPTIONAL_FEATURES) -> list[Flow]:
    flows: list[Flow] = []
    for name in modules:
        build = optional_attr(name, "build_flows")
        if build is None:
            continue
        flows.extend(build(services))
    return flows


def build_dialogs(services: Any, modules: Iterable[str] = OPTIONAL_FEATURES) -> Dialogs:
    extra = feature_flows(services, modules)
    prefixes = {p for flow in extra for p in flow.action_prefixes}
    core_classes = (StartFlow, CatalogueFlow, QuestionsFlow)
    prefixes |= {p for cls in core_classes for p in cls.action_prefixes}
    commands = [
        item
        for flow_or_cls in (StartFlow, CatalogueFlow, *extra)
        for item in getattr(flow_or_cls, "menu_commands", ())
    ]
    commands.sort(key=lambda item: COMMAND_ORDER.get(item[0], 50))
    features = Features(prefixes, _dedupe(commands))
    start, catalogue, questions = (cls(features) for cls in core_classes)
    dialogs = Dialogs([*extra, start, catalogue, questions], fallback=questions)
    dialogs.features = features  # type: ignore[attr-defined]
    log.info("dialog flows: %s", ", ".join(f.name for f in dialogs.flows))
    return dialogs


def bot_commands(dialogs: Dialogs) -> list[tuple[str, str]]:
    """(command, English description msgid) for every registered flow, for setMyCommands."""
    features = getattr(dialogs, "features", None)
    if features is not None:
        return list(features.commands)
    return _dedupe(item for flow in dialogs.flows for item in getattr(flow, "menu_commands", ()))


def _dedupe(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    result = []
    for command, description in items:
        if command not in seen:
            seen.add(command)
            result.append((command, description))
    return result
