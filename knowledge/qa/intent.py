"""Intent of a question: what the applicant wants to know about the service.

Cues are regular expressions over the normalised question (both languages at once, since
questions mix them). Each intent also names Kazakh words that the paragraphs carrying its facts
use; the retriever adds them to the query to find the right paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.search.stem import fold
from knowledge.search.tokenize import normalize

INTENTS = (
    "deadline", "documents", "channel", "result", "refusal", "fee", "validity", "procedure",
    "provider", "agencies", "form",
)

# (pattern, weight) per intent; the weights only order competing cues.
_CUES: dict[str, list[tuple[str, float]]] = {
    "deadline": [
        (r"қанша күн|неше күн|қанша уақыт|қанша жұмыс|неше жұмыс|қанша минут|қанша сағат|мерзім|"
         r"күнде|қашанға дейін", 2.0),
        (r"сколько (?:\w+ )?(?:дней|дня|времени|рабочих|минут|часов|часа)|срок|как долго|за сколько|"
         r"через сколько|через какое время|"
         r"сколько рассматр|сколько ждать|когда будет готов|дней|суток", 2.0),
        (r"қашан|когда", 0.8),
    ],
    "documents": [
        (r"құжат|анықтама|көшірме|нотариу|нотариал|жарғы|куәлі|тізбе|тіркеймін|қағаздар|"
         r"не апар|не әкел|не алып бар|не тапсыр", 2.0),
        (r"не керек|нелер керек|не қажет|что нужно|что требуется|что надо", 1.5),
        (r"что (?:подать|сдать|предоставить|принести|нести|взять|приложить|подавать)|"
         r"не (?:беремін|ұсынамын|тапсырамын)", 2.2),
        (r"документ|доки\b|докум|справк|копи[яию]|нотариал|нотариус|завер|устав|свидетельств|"
         r"что нести|что принести|что взять|что приложить|что сдавать|перечень|список", 2.0),
    ],
    "channel": [
        (r"қайда тапсыр|қайда бар|қайда жүгін|қайда өтініш|кімге жүгін|кімге бар|кімге тапсыр|"
         r"арқылы|онлайн|порталда|портал арқылы|"
         r"egov|elicense|хқко|кеңсе(?:ге|сіне)|орталыққа", 1.2),
        (r"где (?:пода|оформ|получ|взять|сда)|куда (?:пода|обращ|идти|сда|нести)|через|"
         r"онлайн|цон|егов|портал|канцеляр", 1.2),
    ],
    "result": [
        (r"нәтиже\w*[^?.]* түрде|результат\w*[^?.]* в каком виде|в каком виде (?:результат|выда)|"
         r"результат\w* (?:бумажн|электронн)|нәтиже\w* (?:қағаз|электрон)", 2.9),
        (r"мөр бас|қол қоя|куәландыра|кім куәландыр|кто (?:её |ее |его )?(?:подписыва|заверя|став)|"
         r"подписыва|заверя", 2.8),
        (r"нәтиже|қайда келеді|қайдан аламын|қолыма|не беріледі|не береді|мөр|қол қояды|"
         r"жеке кабинет|қандай түрде беріледі|дайын", 1.8),
        (r"результат|прид[её]т|получу|как я получу|на бумаге|заверя|печат|подпис|личн\w* кабинет|"
         r"дубликат|в каком виде|что выдают|что получу", 1.8),
    ],
    "refusal": [
        (r"бас тарт|бермей|бермесе|төлемесем|төлемесе|болмай қалса|толық болма|жоқ болса|"
         r"қабылдамай|не болады|жетпесе", 2.2),
        (r"отказ|откаж|не прим|что будет|если (?:нет|не)|не хватает|отклон", 2.2),
        (r"можем ли|можно ли|можем|могу ли|бола ма|болады ма|рұқсат па", 1.0),
    ],
    "fee": [
        (r"ақы|төле|алым|ақша|құны|баға|бағасы", 2.0),
        (r"стоит|стоимост|оплат|сбор|пошлин|платить|плат[её]ж|цена|деньг", 2.0),
    ],
    "validity": [
        (r"күшінде|күші бар|күшін жой|күші жой|қолданыста|жарамды ма|әлі де|қазір де", 3.0),
        (r"действует|в силе|утратил|отмен[её]н|актуал|недейств|не действ", 3.0),
    ],
    "procedure": [
        (r"қалай|кезең|рәсім|іс-қимыл|қадам|тексереді|келісім|деген не|не үшін|жібереді|міндетті", 1.0),
        (r"как\b|порядок|этап|процедур|шаг|что такое|зачем|обязательн|проверя|отправля", 1.0),
        (r"что (?:делает|происходит|дальше|потом)|кто (?:регистрир|рассматр|проверя)|"
         r"не істейді|кейін не|кім тіркей|кім қарай|кім тексер", 2.3),
    ],
    "provider": [
        (r"кім береді|қай мекеме|қандай мекеме|қай орган|қандай орган|кім көрсетеді|"
         r"кім бере|қызмет беруші", 2.5),
        (r"кто (?:вообще )?(?:выда[её]т|оказывает|выдает)|какой орган|какое учреждение|"
         r"куда обращаться|услугодател", 2.5),
    ],
    "agencies": [
        (r"тағы кім|кіммен келіс|келісу|келісе|сұрау жібер|сұрау салы|басқа (?:тағы )?кім", 3.0),
        (r"соглас|с кем|кто кроме|кто ещ[её]|кроме управлен|куда (?:отправля|направля)\w* запрос",
         3.0),
    ],
    "form": [
        (r"электронды түрде|электрондық түрде|электронды қызмет|электрондық қызмет|қағаз ба|"
         r"қағаз түрінде|нысаны қандай|қандай түрде", 2.6),
        (r"в электронном виде|электронн\w* (?:виде|услуг|форм)|в какой форме|бумажн|на бумаге|"
         r"форм\w* оказания|какая форма|қандай нысан", 2.6),
    ],
}
_COMPILED = {name: [(re.compile(fold(p)), w) for p, w in cues] for name, cues in _CUES.items()}

# Kazakh words of the paragraphs that carry each intent's facts (added to retrieval queries).
EVIDENCE_WORDS: dict[str, str] = {
    "deadline": "мерзімі жұмыс күні ішінде сағат",
    "documents": "құжаттар тізбесі көшірмесі өтініш",
    "channel": "Мемлекеттік корпорация портал кеңсе арқылы жүгінген",
    "result": "нәтижесі жеке кабинет электрондық құжат қағаз беріледі",
    "refusal": "бас тарту негізі дәлелді жауап",
    "fee": "лицензиялық алым төлем шлюзі бюджетке төлеу",
    "validity": "күші жойылды",
    "procedure": "іс-қимыл рәсім орындау",
    "provider": "көрсетілетін қызметті беруші басқармасы мемлекеттік мекемесі",
    "agencies": "сұрау келісу басқармасы департаменті жібереді",
    "form": "нысаны электрондық ішінара автоматтандырылған қағаз түрінде",
}


# What a sentence carrying the intent's fact looks like (normalised Kazakh source text).
ANCHORS: dict[str, str] = {
    "deadline": r"мерзім|жұмыс күн|күнтізбелік|сағат ішінде|минут ішінде|күн ішінде|кешіктірмей",
    "documents": r"құжат|көшірме|анықтама|өтініш",
    "channel": r"корпорация|портал|орталық|кеңсе|арқылы",
    "result": r"нәтиже|кабинет|куәландыр|қол қой|мөр",
    "refusal": r"бас тарт|мүмкін емес|дәлелді жауап",
    "fee": r"алым|ақы|төле|төлем|шлюз",
    "validity": r"күші жойыл|күшін жой",
    "procedure": r"іс-қимыл|рәсім|процес|үдеріс|жібер|тексер",
    "provider": r"қызметті беруші|басқарма|мекеме|департамент|комитет",
    "agencies": r"сұрау|келіс|басқарма|департамент",
    "form": r"нысан|электрондық|қағаз|ішінара",
}
_ANCHORS = {name: re.compile(fold(p)) for name, p in ANCHORS.items()}


def anchors(intent: str, text: str) -> bool:
    rx = _ANCHORS.get(intent)
    return bool(rx and rx.search(folded(text)))


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    return fold(normalize(text))


@dataclass(frozen=True)
class IntentGuess:
    name: str
    score: float


def detect_intents(text: str) -> list[IntentGuess]:
    """Intents whose cues occur in ``text``, strongest first (may be empty)."""
    norm = fold(normalize(text))  # cues match with or without Kazakh letters
    found: list[IntentGuess] = []
    for name in INTENTS:
        score = 0.0
        for rx, weight in _COMPILED[name]:
            hits = rx.findall(norm)
            if hits:
                score = max(score, weight + 0.1 * (len(hits) - 1))
        if score:
            found.append(IntentGuess(name, score))
    found.sort(key=lambda g: (-g.score, INTENTS.index(g.name)))
    return found


def primary_intent(text: str, default: str = "procedure") -> str:
    guesses = detect_intents(text)
    return guesses[0].name if guesses else default
