"""A small, deterministic knowledge base with the facade's shape, for flow tests.

Cards and categories are the real ``knowledge.model`` classes, so a renamed field breaks these
tests as it would break the flows.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dialogs.core import View
from dialogs.engine import BaseFlow
from knowledge.model import Category, ServiceCard

LONG_ID = "very_long_service_identifier_for_the_licence_of_something_in_almaty_region"


def _card(sid: str, kk: str, ru: str, category: str, status: str = "repealed") -> ServiceCard:
    return ServiceCard(
        id=sid,
        title_kk=kk,
        title_ru=ru,
        category=category,
        act_id="act_" + sid,
        regulation_id="reg_" + sid,
        source="000.txt",
        status=status,
    )


def _cards() -> dict[str, ServiceCard]:
    cards = [
        _card(
            "pharmacy",
            "Фармацевтикалық қызметке лицензия беру",
            "Выдача лицензии на фармацевтическую деятельность",
            "pharmacy",
        ),
        _card(
            "tour_operator",
            "Туроператорлық қызметке лицензия беру",
            "Выдача лицензии на туроператорскую деятельность",
            "tourism",
            status="unknown",
        ),
        _card(
            LONG_ID,
            "Өте ұзын атаулы қызмет",
            "Услуга с очень длинным идентификатором",
            "transport",
            status="in_force",
        ),
    ]
    for i in range(1, 8):
        cards.append(
            _card(f"medical_{i}", f"Медициналық қызмет {i}", f"Медицинская услуга {i}", "health")
        )
    for name in ("agriculture", "construction", "education", "energy", "ecology"):
        cards.append(_card(f"{name}_1", f"{name} kk", f"{name} ru", name))
    return {c.id: c for c in cards}


CATEGORY_NAMES = {
    "health": ("Денсаулық сақтау", "Здравоохранение"),
    "pharmacy": ("Фармацевтика", "Фармацевтика"),
    "tourism": ("Туризм", "Туризм"),
    "transport": ("Көлік", "Транспорт"),
    "agriculture": ("Ауыл шаруашылығы", "Сельское хозяйство"),
    "construction": ("Құрылыс", "Строительство"),
    "education": ("Білім", "Образование"),
    "energy": ("Энергетика", "Энергетика"),
    "ecology": ("Экология", "Экология"),
}

KEYWORDS = {
    "pharmacy": ("аптека", "дәріхана", "фармацевт"),
    "tour_operator": ("туроператор", "турфирма", "туризм"),
}


@dataclass
class FakeKB:
    services: dict[str, ServiceCard] = field(default_factory=_cards)
    calls: list[tuple[str, Any]] = field(default_factory=list)

    def categories(self) -> list[Category]:
        result = []
        for cid, (kk, ru) in CATEGORY_NAMES.items():
            ids = [sid for sid, card in self.services.items() if card.category == cid]
            result.append(Category(id=cid, name_kk=kk, name_ru=ru, service_ids=ids))
        return result

    def render_card(self, service_id: str, lang: str) -> str:
        card = self.services[service_id]
        title = card.title_ru if lang == "ru" else card.title_kk
        provider = "Услугодатель: акимат" if lang == "ru" else "Қызмет беруші: әкімдік"
        warning = {
            ("ru", "repealed"): "Внимание: регламент утратил силу.",
            ("kk", "repealed"): "Назар аударыңыз: регламенттің күші жойылған.",
            ("ru", "unknown"): "Внимание: неизвестно, действует ли регламент.",
            ("kk", "unknown"): "Назар аударыңыз: регламенттің күшінде екені белгісіз.",
        }.get((lang, card.status))
        return "\n".join(line for line in (title, warning, provider) if line)

    def search_services(self, text: str, lang: str | None = None, limit: int = 8):
        self.calls.append(("search", text))
        words = text.lower().split()
        found = [
            (sid, 1.0)
            for sid, keys in KEYWORDS.items()
            if any(k.startswith(w[:5]) or w.startswith(k[:5]) for w in words for k in keys)
        ]
        return found[:limit]

    def ask(self, question: str, lang: str | None = None, service_id: str | None = None):
        self.calls.append(("ask", (question, lang, service_id)))
        lang = lang or ("ru" if any(c in question for c in "ыэъ") else "kk")
        text = question.lower()
        base = {
            "id": None,
            "lang": lang,
            "intent": "deadline",
            "citations": [],
            "candidates": [],
            "escalate": False,
            "service_id": None,
            "service_title": None,
        }
        if "паспорт" in text:
            return {
                **base,
                "intent": None,
                "answer": "Этот вопрос не о лицензиях: вам поможет оператор."
                if lang == "ru"
                else "Бұл сұрақ лицензияларға қатысты емес: оператор көмектеседі.",
                "confidence": 0.05,
                "escalate": True,
            }
        sid = service_id or next((s for s, _ in self.search_services(question)), None)
        if sid is None:
            return {
                **base,
                "answer": "Уточните услугу." if lang == "ru" else "Қызметті нақтылаңыз.",
                "confidence": 0.3,
                "candidates": [{"service_id": "pharmacy"}, {"service_id": "tour_operator"}],
            }
        card = self.services[sid]
        title = card.title_ru if lang == "ru" else card.title_kk
        days = "15 рабочих дней" if lang == "ru" else "15 жұмыс күні"
        return {
            **base,
            "answer": f"{title}: {days}.",
            "service_id": sid,
            "service_title": title,
            "confidence": 0.9,
            "citations": [
                {
                    "act": "Приказ № 1" if lang == "ru" else "№ 1 бұйрық",
                    "regulation": "Правила" if lang == "ru" else "Қағидалар",
                    "paragraph": "п. 6" if lang == "ru" else "6-тармақ",
                    "quote": "...",
                }
            ],
        }


class Holder:
    def __init__(self, kb: Any) -> None:
        self.kb = kb

    def get(self) -> Any:
        return self.kb


def feature_module(name: str, flows: Iterable[BaseFlow]) -> types.ModuleType:
    module = types.ModuleType(name)
    module.build_flows = lambda services: list(flows)  # type: ignore[attr-defined]
    sys.modules[name] = module
    return module


class StubFeatureFlow(BaseFlow):
    """Stands for another engineer's flow (documents, operators) in routing tests."""

    def __init__(self, name: str, prefix: str, commands: Iterable[str] = ()) -> None:
        self.name = name
        self.action_prefixes = frozenset({prefix})
        self.commands = frozenset(commands)
        self.menu_commands = tuple((c, "Main menu") for c in commands)
        self.events: list = []

    async def handle(self, event, ctx):
        self.events.append(event)
        return [View(parts=[])]
