"""Knowledge-base benchmark: build time, question latency and top-1 service accuracy.

Usage (from the repository root)::

    python -m benchmarks.bench_knowledge            # seeds and a 100x synthetic corpus
    python benchmarks/bench_knowledge.py --factor 20 --queries 150
    python -m benchmarks.bench_knowledge --seeds-only

Two corpora are measured side by side: the seed regulations, and a synthetic corpus ``factor``
times larger (``benchmarks/synthetic.py``: every seed copied into generated regions with new act
numbers and PDF-like letter-spaced lines, and the seed's overlay with the copy's region). On each: the build time of the knowledge base (the
real ``knowledge.build``) and of the search index, then the questions of
``shared/eval/dev_qa.yaml`` (on the synthetic corpus: the same questions naming the region of a
random copy, whose service is then the expected one) answered by

* ours: ``KnowledgeBase.ask`` end to end (intent, service, evidence, composed answer), and
* the baseline: plain BM25 (bm25s) over the same paragraphs, the service of the best paragraph.

Reported: build seconds, latency p50/p99 in milliseconds per question, top-1 service accuracy
(ours counts the first candidate when it asks back). Results go to stdout and
``benchmarks/results/`` (JSON and Markdown; the folder is git-ignored).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.baseline import Bm25Baseline  # noqa: E402
from benchmarks.synthetic import CopyInfo, copy_overlays, generate  # noqa: E402

SOURCES = ROOT / "knowledge" / "sources"
OVERLAY = ROOT / "knowledge" / "overlay"
EVAL = ROOT.parent / "shared" / "eval" / "dev_qa.yaml"
RESULTS = ROOT / "benchmarks" / "results"


@dataclass
class Query:
    question: str
    lang: str | None
    expected: str


@dataclass
class Side:
    name: str
    index_seconds: float
    p50_ms: float
    p99_ms: float
    accuracy: float
    n: int


@dataclass
class CorpusResult:
    corpus: str
    sources: int
    services: int
    paragraphs: int
    kb_build_seconds: float
    ours: Side
    baseline: Side


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def build_kb(sources: Path, overlay: Path | None, cache: Path) -> tuple[Any, float]:
    from knowledge import build, load_knowledge

    started = time.perf_counter()
    result = build(sources_dir=sources, overlay_dir=overlay, cache_path=cache)
    seconds = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"build failed: {result.errors[:3]}")
    return load_knowledge(cache, build_if_stale=False), seconds


def service_of(kb: Any, source: str, title_kk: str) -> str | None:
    def norm(s: str) -> str:
        return " ".join(s.replace('"', "").replace("«", "").replace("»", "").split())[:60]

    for sid, card in kb.services.items():
        if card.source == source and norm(card.title_kk) == norm(title_kk):
            return sid
    return None


def seed_queries(kb: Any) -> list[Query]:
    import yaml

    items = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    out = []
    for q in items:
        sid = service_of(kb, q["seed"], q["service_title_kk"])
        if sid:
            out.append(Query(q["question"], q["lang"], sid))
    return out


def synthetic_queries(kb: Any, copies: list[CopyInfo], n: int, seed: int = 11) -> list[Query]:
    """Dev questions naming the region of a random copy (regional seeds only)."""
    import yaml

    rng = random.Random(seed)
    # seed 004 is national (no region to name); act numbers are renumbered in the copies
    items = [q for q in yaml.safe_load(EVAL.read_text(encoding="utf-8"))
             if not q["seed"].startswith("004") and not re.search(r"\d{3}", q["question"])]
    by_seed: dict[str, list[CopyInfo]] = {}
    for c in copies:
        by_seed.setdefault(c.seed, []).append(c)
    out: list[Query] = []
    while len(out) < n:
        q = rng.choice(items)
        c = rng.choice(by_seed[q["seed"]])
        sid = service_of(kb, c.source, q["service_title_kk"])
        if sid is None:
            continue
        place = f"{c.region} қаласы" if q["seed"].startswith("003") else f"{c.region} облысы"
        text = q["question"]
        for old in ("Шығыс Қазақстан", "Атырау", "Алматы", "алматы", "атырау"):
            text = text.replace(old, c.region)
        if c.region not in text:
            text = f"{text} ({place})" if q["lang"] == "kk" else f"{text} — {place}"
        out.append(Query(text, q["lang"], sid))
    return out


def run_ours(kb: Any, queries: list[Query]) -> Side:
    from knowledge.qa.api import engine_for

    started = time.perf_counter()
    engine_for(kb)
    index_seconds = time.perf_counter() - started
    kb.ask("warm up")  # lazy indexes of the engine and of the checklists are built once
    kb.ask("туроператор лицензиясына қандай құжаттар керек?")
    kb.ask("лицензия на изыскательскую деятельность: какие документы")
    times, correct = [], 0
    for q in queries:
        t0 = time.perf_counter()
        answer = kb.ask(q.question, lang=q.lang)
        times.append((time.perf_counter() - t0) * 1000)
        top = answer.service_id or (answer.candidates[0].service_id if answer.candidates else None)
        correct += top == q.expected
    return Side("ours", index_seconds, _percentile(times, 0.5), _percentile(times, 0.99),
                correct / len(queries), len(queries))


def run_baseline(kb: Any, queries: list[Query]) -> Side:
    started = time.perf_counter()
    base = Bm25Baseline(kb.paragraphs)
    index_seconds = time.perf_counter() - started
    times, correct = [], 0
    for q in queries:
        t0 = time.perf_counter()
        top = base.top_service(q.question)
        times.append((time.perf_counter() - t0) * 1000)
        correct += top == q.expected
    return Side("bm25s", index_seconds, _percentile(times, 0.5), _percentile(times, 0.99),
                correct / len(queries), len(queries))


def measure(name: str, kb: Any, build_seconds: float, sources: int,
            queries: list[Query]) -> CorpusResult:
    return CorpusResult(name, sources, len(kb.services), len(kb.paragraphs), build_seconds,
                        run_ours(kb, queries), run_baseline(kb, queries))


def report(results: list[CorpusResult]) -> str:
    lines = [
        "| corpus | sources | services | paragraphs | KB build s | engine | index s "
        "| p50 ms | p99 ms | top-1 acc | n |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for side in (r.ours, r.baseline):
            lines.append(
                f"| {r.corpus} | {r.sources} | {r.services} | {r.paragraphs} "
                f"| {r.kb_build_seconds:.2f} | {side.name} | {side.index_seconds:.2f} "
                f"| {side.p50_ms:.2f} | {side.p99_ms:.2f} | {side.accuracy:.1%} | {side.n} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="knowledge-base benchmark")
    parser.add_argument("--factor", type=int, default=100, help="synthetic corpus size factor")
    parser.add_argument("--queries", type=int, default=200, help="questions on the synthetic corpus")
    parser.add_argument("--seeds-only", action="store_true")
    args = parser.parse_args(argv)
    results: list[CorpusResult] = []
    with tempfile.TemporaryDirectory(prefix="bench_kb_") as tmp:
        tmp_dir = Path(tmp)
        kb, seconds = build_kb(SOURCES, None, tmp_dir / "seeds.json")
        results.append(measure("seeds", kb, seconds, len(list(SOURCES.glob("*.txt"))),
                               seed_queries(kb)))
        print(report(results), flush=True)
        if not args.seeds_only:
            corpus = tmp_dir / "corpus"
            copies = generate(SOURCES, corpus, factor=args.factor)
            copy_overlays(OVERLAY, tmp_dir / "overlay", copies)
            big, seconds = build_kb(corpus, tmp_dir / "overlay", tmp_dir / "big.json")
            queries = synthetic_queries(big, copies, args.queries)
            results.append(measure(f"{args.factor}x", big, seconds,
                                   len(list(corpus.glob("*.txt"))), queries))
    text = report(results)
    print("\n" + text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench_knowledge_{stamp}.json").write_text(
        json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    (RESULTS / f"bench_knowledge_{stamp}.md").write_text(text + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS}/bench_knowledge_{stamp}.{{json,md}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
