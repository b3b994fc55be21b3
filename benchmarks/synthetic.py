"""A synthetic corpus N times the seeds, for benchmarks.

Every copy of a seed gets its own region (the regions of the seeds are renamed to generated
place names, so the same service exists in N regions, as in a real national catalogue), new
act and registration numbers, and PDF-like letter-spaced lines (``о т ы з  м и н у т``) that the
cleaner has to repair. The originals stay in the corpus unchanged (with their overlay).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

SEED_REGIONS = ("Шығыс Қазақстан", "Атырау", "Алматы")
_HEADS = ("Ақ", "Қара", "Көк", "Сары", "Жаңа", "Ұлы", "Кіші", "Терең", "Шалқар", "Алтын",
          "Күміс", "Тас")
_TAILS = ("су", "тау", "көл", "дала", "жар", "бұлақ", "қайың", "өзен", "шоқы", "тоған",
          "орман", "төбе")
_NUMBER_RE = re.compile(r"(№|N)(\s*)(\d+)")


def region_names(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct place names (two parts, then three: ``Ақсу``, ``Қаратаукөл``)."""
    names = [h + t for h in _HEADS for t in _TAILS]
    names += [h + t + u for h in _HEADS for t in _TAILS for u in _TAILS if t != u]
    head = names[: len(_HEADS) * len(_TAILS)]
    random.Random(seed).shuffle(head)
    return (head + names[len(head):])[:n]


@dataclass(frozen=True)
class CopyInfo:
    copy: int
    region: str
    source: str  # file name of the copy
    seed: str  # file name of the seed it was made from


def perturb(text: str, regions: dict[str, str], rng: random.Random) -> str:
    for old, new in regions.items():
        text = text.replace(old, new)
    text = _NUMBER_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{rng.randint(100, 9999)}", text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        words = line.split()
        if 1 <= len(words) <= 5 and rng.random() < 0.05 and len(line) < 60:
            lines[i] = "      " + "  ".join(" ".join(w) for w in words)
    return "\n".join(lines)


REGION_FORMS = {  # the names of a seed region in its overlay (Kazakh and Russian)
    "Шығыс Қазақстан": ("Шығыс Қазақстан", "Восточно-Казахстанской", "Восточно-Казахстанская"),
    "Атырау": ("Атырау", "Атырауской", "Атырауская"),
    "Алматы": ("Алматы",),
}


def _main_region(seed_name: str) -> str:
    return {"000": "Шығыс Қазақстан", "001": "Шығыс Қазақстан", "002": "Атырау"}.get(
        seed_name[:3], "Алматы")


def copy_overlays(overlay_dir: Path, out_dir: Path, copies: list[CopyInfo]) -> None:
    """Curated overlay for every copy too (Russian title, keywords, region), as a maintained
    national catalogue would have: the seed's file with the copy's source and region."""
    import yaml

    out_dir.mkdir(parents=True, exist_ok=True)
    for path in overlay_dir.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        (out_dir / path.name).write_text(text, encoding="utf-8")
        if path.name in ("acts.yaml", "categories.yaml"):
            continue
        data = yaml.safe_load(text) or {}
        source = str((data.get("match") or {}).get("source") or "")
        for c in copies:
            if not source or not c.seed.startswith(source):
                continue
            item = yaml.safe_load(text)
            item["id"] = f"{path.stem}_c{c.copy:03d}"
            item["match"]["source"] = Path(c.source).stem
            dumped = yaml.safe_dump(item, allow_unicode=True, sort_keys=False)
            for old in REGION_FORMS[_main_region(c.seed)]:
                dumped = dumped.replace(old, c.region)
            (out_dir / f"{item['id']}.yaml").write_text(dumped, encoding="utf-8")


def generate(seed_dir: Path, out_dir: Path, factor: int = 100, seed: int = 7) -> list[CopyInfo]:
    """Write the seeds and ``factor - 1`` perturbed copies of each into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    seeds = sorted(p for p in seed_dir.iterdir() if p.suffix == ".txt")
    copies: list[CopyInfo] = []
    for path in seeds:
        (out_dir / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    names = iter(region_names((factor - 1) * len(SEED_REGIONS), seed))
    for n in range(1, factor):
        # every seed region gets its own new name in every copy: no two services share one
        regions = {old: next(names) for old in SEED_REGIONS}
        for path in seeds:
            name = f"c{n:03d}_{path.stem[:3]}.txt"
            original = path.read_text(encoding="utf-8")
            main = max(SEED_REGIONS, key=original.count)
            (out_dir / name).write_text(perturb(original, regions, rng), encoding="utf-8")
            copies.append(CopyInfo(n, regions[main], name, path.name))
    return copies
