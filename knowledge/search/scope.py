"""Subjects outside the knowledge base: other state services and small talk.

A question about a visa, a passport, a pension or the weather may still reuse a word of a
covered licence ("туристическая виза", "медицинское страхование", "көлікті сату"); such a
question is out of scope unless it also asks about a licence or a regulation. The list names
general subjects, not questions; it is matched on the folded text (with or without Kazakh
letters), at word starts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .stem import fold
from .tokenize import normalize

# word-start patterns of subjects no covered regulation deals with
FOREIGN_SUBJECTS = (
    # documents of a person, migration
    r"виз[аыуе]\b|визов|шенген|паспорт|төлқұжат|удостоверени\w* личност|жеке куәлі|"
    r"прописк|регистраци\w* по месту|тұрғылықты жер\w* тіркел|гражданств|азаматтық алу|"
    r"несудимост|сотталмаған",
    # family, social benefits, pensions, insurance
    r"пенси|енпф|зейнет|пособи|жәрдемақы|брак\b|брака|браке|развод|неке|ажыраса|"
    r"свидетельств\w* о рождени|туу туралы|страхов|осмс|мәмс|сақтандыр|декрет|"
    r"детск\w* сад|садик|балабақша|школ|мектеп",
    # driving, vehicles, taxes, money
    r"водительск|прав[аоу] (?:на вождени|водител)|жүргізуші куәлі|"
    r"(?:прода|купи|покуп|сат|сатып ал)\w* (?:\w+ )?(?:машин|авто|көлік)|"
    r"(?:машин|авто|көлік)\w* (?:\w+ ){0,3}(?:прода|сат|тірке|переоформ|регистр)|"
    r"налогов\w* деклараци|салық декларация|декларация\w* тапсыр|вычет|кредит|ипотек|несие|"
    r"курс (?:доллар|валют|евро|тенге)|доллар\w* бағам",
    # small talk, weather, other permits
    r"погод|ауа райы|анекдот|әзіл айт|шутк|пошути|оружи|мылтық|қару|алкогол|арақ|"
    r"табак|темекі",
    # everyday errands around a covered word: study, travel timetables, medical certificates,
    # opening hours, housing queues, bank accounts, vaccination, military service
    r"колледж|университет|обучени|студент|оқу орн|расписани|билет|поезд|пойыз|рейс\b|"
    r"медсправк|медкнижк|справк\w* \d{3}|круглосуточн|тәулік бойы|"
    r"очеред\w* на (?:жиль|квартир)|кезек\w* (?:тұр|қой)|счет в банк|банковск\w* сч|"
    r"депозит\w* (?:аш|откр)|вакцин|прививк|бешенств|әскери|военн\w* билет",
    # a household's errands: private house building, renting, medical books, house calls
    r"ижс|частн\w* дом|жеке (?:тұрғын )?үй|индивидуальн\w* жил\w* строител|"
    r"кезе[кг]\w* (?:\w+ )?(?:тұр|қой)|аренд|жалға (?:ал|бер)|медицинск\w* книжк|"
    r"вызва\w* (?:\w+ )?на дом|үйге шақыр|құрылыс материал|строительн\w* материал",
    # a passenger's, pet owner's, job seeker's or shopper's errand around a covered word
    # (автобус, ветеринар, қойма, аптека): fares, drivers, pets, jobs, returning goods
    r"проезд|жол ақы|водител|жүргізуші|мысы[қғкг]|кошк|собак|питом|үй жануар|"
    r"жұмысқа (?:орналас|тұр|ал)|устро\w* на работу|ваканси|жалақы|зарплат|"
    r"верну\w* (?:\w+ )?(?:товар|лекарств|деньг)|возврат\w* (?:товар|лекарств|денег)|"
    r"қайтар\w* (?:\w+ )?(?:дәрі|тауар|ақша)",
)
# words that keep the question inside the licensing domain despite a foreign subject
DOMAIN_WORDS = r"лиценз|регламент|сертификат|туроператор|қолхат|расписк"

# The administrative side of a question about a state service, in either language (stems, as
# in the lexicon): the licence or permit itself, the application and its documents, the term,
# the fee, a refusal, re-registration or a duplicate, the provider or channel, the act and its
# validity, the procedure and its result. Applicants' questions almost always carry one; an
# everyday errand that only reuses an activity word ("в какой аптеке есть инсулин", "где сдать
# металлолом") carries none.
ADMIN_ANCHORS = (
    # the licence, permit, certificate (also typed in Latin letters)
    r"лиценз|litsenz|licenz|licens|рұқсат|разрешени|сертификат|куәлік|свидетельств|аттестат|"
    r"квалификац|требован|талап|госуслуг|мемлекеттік қызмет",
    # the application and its documents
    r"заявлени|заявк|өтініш|документ|доки\b|докум|құжат|справк|анықтама|копи|көшірме|нотари|"
    r"қолхат|расписк",  # warehouse receipts: a regulated document in themselves
    # the term
    r"срок|мерзім|сколько (?:\w+ )?(?:дней|дня|времени|рабочих|минут|часов)|"
    r"қанша (?:күн|уақыт|жұмыс|минут|сағат)|неше күн",
    # the fee, a refusal, re-registration, a duplicate
    r"пошлин|баж|сбор|алым|оплат|төле|стоимост|платн|ақылы|тегін|бесплатн|"
    r"отказ|откаж|бас тарт|бермей|бермесе|переоформ|қайта ресім|дубликат|телнұсқа",
    # the provider and the channel
    r"цон|хқко|госкорпорац|мемлекеттік корпорац|портал|егов|egov|elicense|услугодат|"
    r"лицензиар|қызмет беруші|кім береді|кто выда|орган\b|органы|органға|мекеме|управлени|"
    r"басқарма|департамент|комитет|акимат|әкімдік",
    # the act and its validity
    r"регламент|стандарт|приказ|бұйрық|тармақ|пункт|закон|заң|"
    r"действу|в силе|утратил|күшінде|күші|жарамды",
    # the procedure, the result and its form
    r"процедур|порядок|этап|рәсім|кезең|оформ|ресімде|выда|беріл|подать|тапсыр|"
    r"результат|нәтиже|согласов|келіс|электронн|электрондық|бумажн|қағаз",
    # starting or running the licensed activity as a business
    r"откры[тв]|открою|ашу\b|ашам|ашып|ашқ|стать|заниматься|айналыс|кәсіпкер|предпринимател|"
    r"бизнес",
)


@lru_cache(maxsize=1)
def _anchor_pattern() -> re.Pattern[str]:
    anchors = "|".join(f"(?:{p})" for p in ADMIN_ANCHORS)
    return re.compile(r"(?<!\w)\w*(?:" + fold(anchors) + ")")


def has_admin_anchor(text: str) -> bool:
    """Whether ``text`` names an administrative side of a state service (see ADMIN_ANCHORS)."""
    return _anchor_pattern().search(fold(normalize(text))) is not None


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str]]:
    foreign = "|".join(f"(?:{p})" for p in FOREIGN_SUBJECTS)
    return (re.compile(r"(?<!\w)(?:" + fold(foreign) + ")"),
            re.compile(r"(?<!\w)\w*(?:" + fold(DOMAIN_WORDS) + ")"))


def foreign_subject(text: str) -> str | None:
    """The out-of-scope subject ``text`` asks about, or ``None``."""
    norm = fold(normalize(text))
    foreign, domain = _compiled()
    m = foreign.search(norm)
    if m is None or domain.search(norm):
        return None
    return m.group(0)
