"""Query analysis: words -> weighted term keys, with vocabulary and lexicon expansion.

Words that the question only compares with or excludes (``не зерновыми``, ``как у аптек``,
``астық емес``, ``пестицидтегідей``) are *muted*: they still help find paragraphs but do not
choose the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .index import Vocabulary
from .kk_stem import kk_stem
from .lexicon import Lexicon
from .stem import query_keys
from .tokenize import content_words, has_kk_letters, words

PREFIX_WEIGHT = 0.5
HEAD_BOOST = 1.3
FUZZY_WEIGHT = 0.8
MUTED_WEIGHT = 0.15

_RU_NEGATORS = frozenset({"не", "кроме", "помимо"})
_RU_COMPARE = frozenset({"как", "подобно", "аналогично", "отличие"})
_RU_PREPS = frozenset({"в", "у", "для", "с", "и", "от", "на", "по"})
_KK_NEGATORS = frozenset({"емес"})
_KK_SIMILATIVE = ("дай", "дей", "тай", "тей", "ндай", "ндей")
_LICENCE_STEMS = ("лицензи", "регламент")
# Units of time written as two words ("жұмыс күні", "рабочих дней"): the first word is a unit,
# never the licensed activity ("құрылыс-монтаж жұмыстары"), so it does not choose a service.
_UNIT_HEADS = ("жұмыс", "рабоч", "календар", "күнтізбе")
_UNIT_TAILS = ("күн", "дн", "ден", "день", "сағат", "час", "сутк", "тәулік")


@dataclass
class Query:
    text: str
    lang: str
    words: list[str]
    base: dict[str, float] = field(default_factory=dict)  # keys of the words themselves
    weights: dict[str, float] = field(default_factory=dict)  # after expansion: for paragraphs
    topic: dict[str, float] = field(default_factory=dict)  # keys that may choose the service
    muted: set[str] = field(default_factory=set)  # keys of excluded / compared words
    plain: set[str] = field(default_factory=set)  # keys that find paragraphs, never a service

    def topic_weights(self) -> dict[str, float]:
        """Weights for choosing a service: muted keys count only a little."""
        return {k: (w * MUTED_WEIGHT if k in self.muted else w) for k, w in self.topic.items()}


def unit_words(tokens: list[str]) -> set[str]:
    """First words of two-word time units (``жұмыс күні``, ``рабочих дней``)."""
    return {
        tok for tok, nxt in zip(tokens, tokens[1:], strict=False)
        if tok.startswith(_UNIT_HEADS) and nxt.startswith(_UNIT_TAILS)
    }


def muted_words(tokens: list[str]) -> set[str]:
    """Words a question excludes or compares with, not the subject it asks about."""
    muted: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok in _RU_NEGATORS or tok in _RU_COMPARE:
            j = i + 1
            while j < len(tokens) and tokens[j] in _RU_PREPS:
                j += 1
            if tok == "как" and j == i + 1:
                continue  # "как получить" asks, it does not compare
            if j < len(tokens):
                muted.add(tokens[j])
                if j + 1 < len(tokens) and tok != "как":
                    muted.add(tokens[j + 1])
        elif tok in _KK_NEGATORS and i > 0:
            muted.add(tokens[i - 1])
        elif len(tok) > 6 and tok.endswith(_KK_SIMILATIVE):
            muted.add(tok)
    return muted


def head_words(tokens: list[str]) -> set[str]:
    """Words that name the licensed activity: ``X лицензиясы``, ``лицензия на X``."""
    heads: set[str] = set()
    for i, tok in enumerate(tokens):
        if not tok.startswith(_LICENCE_STEMS):
            continue
        if tok.startswith("лицензи") and not has_kk_letters(tok) and tok[7:8] in ("", "я", "ю", "и"):
            j = i + 1
            while j < len(tokens) and tokens[j] in _RU_PREPS:
                j += 1
            heads.update(tokens[j : j + 2])
        heads.update(t for t in tokens[max(0, i - 2) : i] if t not in _RU_PREPS)
    return {h for h in heads if not h.startswith(_LICENCE_STEMS)}


def decompound(key: str, vocab: Vocabulary) -> list[str]:
    """Split an unknown compound (``фармлицензия``, ``ветклиника``) into two known keys."""
    if len(key) < 7:
        return []
    for cut in range(3, len(key) - 3):
        head, tail = key[:cut], key[cut:]
        if head in vocab and tail in vocab:
            return [head, tail]
        tail_keys = [k for k in (tail, *vocab.prefix_related(tail)) if k in vocab]
        if head in vocab and tail_keys:
            return [head, tail_keys[0]]
    return []


def _keys_of(word: str, lang: str) -> tuple[str, ...]:
    if len(word) > 6 and word.endswith(_KK_SIMILATIVE):
        # "пестицидтегідей" = "like in pesticides": strip the similative, then the rest.
        for suf in _KK_SIMILATIVE:
            if word.endswith(suf):
                return query_keys(kk_stem(word[: -len(suf)]), "kk")
    return query_keys(word, lang)


def analyze(text: str, lang: str, vocab: Vocabulary, lexicon: Lexicon) -> Query:
    """Turn a question into weighted term keys."""
    tokens = words(text)
    content = content_words(text)
    mute_words = muted_words(tokens)
    heads = head_words(tokens)
    units = unit_words(tokens)
    q = Query(text=text, lang=lang, words=content)
    for word in content:
        boost = HEAD_BOOST if word in heads else 1.0
        for k in _keys_of(word, lang):
            q.base[k] = max(q.base.get(k, 0.0), boost)
            if word in mute_words:
                q.muted.add(k)
    other = {k for w in content if w not in units for k in _keys_of(w, lang)}
    q.plain = {k for w in units for k in _keys_of(w, lang)} - other

    def add(key: str, weight: float, topic: bool, source: str | None) -> None:
        if weight > q.weights.get(key, 0.0):
            q.weights[key] = weight
        if source is not None and source in q.plain:
            q.plain.add(key)
            return
        if topic and weight > q.topic.get(key, 0.0):
            q.topic[key] = weight
        if source is not None and source in q.muted:
            q.muted.add(key)

    strong: dict[str, float] = {}
    weak: dict[str, float] = {}
    for k, w in q.base.items():
        strong[k] = w
        if k in vocab:
            add(k, w, True, k)
        for rel in vocab.prefix_related(k):
            add(rel, w * PREFIX_WEIGHT, True, k)
            weak[rel] = w * PREFIX_WEIGHT
        if k not in vocab:
            close = vocab.fuzzy(k)
            for cand, sim in close:
                add(cand, w * FUZZY_WEIGHT * sim, True, k)
                (strong if sim >= 0.9 else weak)[cand] = w * FUZZY_WEIGHT * sim
            if not close:
                for part in decompound(k, vocab):
                    add(part, w * FUZZY_WEIGHT, True, k)
                    strong[part] = w * FUZZY_WEIGHT
    for sources, factor in ((strong, 1.0), (weak, 0.5)):
        free = [k for k in sources if k not in q.muted]
        for k, (w, topic) in lexicon.expand(free).items():
            add(k, w * factor, topic, None)
        held = [k for k in sources if k in q.muted]
        for k, (w, topic) in lexicon.expand(held).items():
            if k not in q.weights:
                add(k, w * factor, topic, None)
                q.muted.add(k)
    return q
