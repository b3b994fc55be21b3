"""Build: cache, staleness, validation errors that keep the cache in use, diff, overlay merge,
a new source without overlay, a PDF source, the CLI."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from _k1_pdf import write_pdf
from _k1_support import SEEDS, SOURCES

from knowledge import build, load_knowledge
from knowledge.__main__ import main as cli
from knowledge.build import ensure_cache, fingerprint, read_cache
from knowledge.overlay.loader import OVERLAY_DIR

FIXTURE = """\
Шымкент қаласында балық аулауға лицензия беру регламентін бекіту туралы
Қолданыстағы
Шымкент қаласы әкімдігінің 2020 жылғы 3 наурыздағы № 55 қаулысы. Шымкент қаласының Әділет
департаментінде 2020 жылғы 10 наурызда № 777 болып тіркелді.
      1. Қоса беріліп отырған "Балық аулауға лицензия беру" мемлекеттік көрсетілетін қызмет
регламенті бекітілсін.
Шымкент қаласы әкімдігінің
2020 жылғы 3 наурыздағы № 55
қаулысымен бекітілген
"Балық аулауға лицензия беру" мемлекеттік көрсетілетін қызмет регламенті
1. Жалпы ережелер
      1. "Балық аулауға лицензия беру" мемлекеттік көрсетілетін қызметін (бұдан әрі –
мемлекеттік қызмет) Шымкент қаласының табиғи ресурстар басқармасы (бұдан әрі – көрсетілетін
қызметті беруші) www.egov.kz "электрондық үкіметтің" веб-порталы арқылы көрсетеді.
      2. Мемлекеттік қызмет көрсету нысаны: электрондық.
      3. Мемлекеттік қызметті көрсету нәтижесі – балық аулауға лицензия.
      4. Мемлекеттік қызметті көрсету мерзімі:
      лицензия беру – 5 (бес) жұмыс күні ішінде;
      лицензияның телнұсқасын беру – 2 (екі) жұмыс күні ішінде.
"""


def _small_world(tmp_path: Path) -> tuple[Path, Path]:
    """Seeds 000 and 001 with their overlay files only."""
    sources, overlay = tmp_path / "sources", tmp_path / "overlay"
    sources.mkdir()
    overlay.mkdir()
    for seed in ("000", "001"):
        shutil.copy(SOURCES / SEEDS[seed], sources)
    for name in ("tour_operator_vko.yaml", "grain_warehouse_vko.yaml", "categories.yaml"):
        shutil.copy(OVERLAY_DIR / name, overlay)
    acts = yaml.safe_load((OVERLAY_DIR / "acts.yaml").read_text(encoding="utf-8"))
    (overlay / "acts.yaml").write_text(
        yaml.safe_dump({"qauly_2014_71": acts["qauly_2014_71"]}, allow_unicode=True),
        encoding="utf-8")
    return sources, overlay


def _edit(path: Path, **changes) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_seed_build_is_fast_and_complete(tmp_path):
    cache = tmp_path / "kb.json"
    started = time.perf_counter()
    result = build(cache_path=cache)
    elapsed = time.perf_counter() - started
    assert result.ok, result.errors
    assert result.written and cache.exists()
    counts = result.counts()
    assert (counts["acts"], counts["regulations"], counts["services"]) == (5, 16, 16)
    assert counts["paragraphs"] == 176
    assert counts["documents_listed_services"] == 4
    assert elapsed < 3.0
    kb = load_knowledge(cache)
    assert kb.version == fingerprint()
    assert {c.id for c in kb.categories()} >= {"health", "construction", "transport", "tourism"}
    # every service has both titles, a category and a provider in both languages
    for card in kb.services.values():
        assert card.title_kk and card.title_ru and card.category and card.provider_ru, card.id
    assert not [w for w in result.warnings if "no overlay" in w]


def test_fresh_cache_is_reused_and_stale_cache_rebuilt(tmp_path):
    sources, overlay = _small_world(tmp_path)
    cache = tmp_path / "kb.json"
    first = build(sources, overlay, cache)
    assert first.ok and first.written
    assert first.diff["added"] == ["grain_warehouse_vko", "tour_operator_vko"]
    assert ensure_cache(cache, sources, overlay) is None  # fresh: nothing to do
    _edit(overlay / "grain_warehouse_vko.yaml", title_ru="Лицензия для зерновых складов")
    second = ensure_cache(cache, sources, overlay)
    assert second is not None and second.written
    assert second.diff["changed"]["grain_warehouse_vko"]["title_ru"][1] == (
        "Лицензия для зерновых складов")
    assert read_cache(cache).fingerprint == fingerprint(sources, overlay) != first.data.fingerprint


def test_broken_overlay_keeps_the_cache_in_use(tmp_path, capsys):
    sources, overlay = _small_world(tmp_path)
    cache = tmp_path / "kb.json"
    assert build(sources, overlay, cache).ok
    before = read_cache(cache).fingerprint
    (overlay / "tour_operator_vko.yaml").write_text("title_ru: [unclosed\n", encoding="utf-8")
    result = build(sources, overlay, cache)
    assert not result.ok and not result.written
    assert any("invalid YAML" in e for e in result.errors)
    assert read_cache(cache).fingerprint == before
    # the CLI reports the error and exits non-zero
    code = cli(["--cache", str(cache), "--sources", str(sources), "--overlay", str(overlay),
                "build"])
    assert code == 1
    assert "error: tour_operator_vko.yaml: invalid YAML" in capsys.readouterr().out
    # loading still gives the last good knowledge base
    kb = load_knowledge(cache, sources_dir=sources, overlay_dir=overlay)
    assert kb.version == before and "tour_operator_vko" in kb.services


def test_overlay_errors_and_conflicts(tmp_path):
    sources, overlay = _small_world(tmp_path)
    cache = tmp_path / "kb.json"
    (overlay / "ghost_service.yaml").write_text(
        "match:\n  source: '003'\ntitle_ru: Призрак\ncategory: health\n", encoding="utf-8")
    result = build(sources, overlay, cache)
    assert any("ghost_service.yaml: overlay points at a missing service" in e
               for e in result.errors)
    (overlay / "ghost_service.yaml").unlink()
    (overlay / "typo.yaml").write_text("match: {source: '001'}\ntitel_ru: x\n", encoding="utf-8")
    assert any(e.startswith("typo.yaml:") for e in build(sources, overlay, cache).errors)
    (overlay / "typo.yaml").unlink()
    _edit(overlay / "grain_warehouse_vko.yaml", provider_kk="Облыс әкімдігі")
    result = build(sources, overlay, cache)
    assert result.ok
    assert any("grain_warehouse_vko: overlay provider_kk overrides" in w for w in result.warnings)
    assert result.data.services["grain_warehouse_vko"].provider_kk == "Облыс әкімдігі"


def test_overlay_marks_an_act_replaced(tmp_path):
    sources, overlay = _small_world(tmp_path)
    cache = tmp_path / "kb.json"
    _edit(overlay / "tour_operator_vko.yaml", act_status={
        "status": "replaced",
        "by": {"issuer": "Шығыс Қазақстан облысы әкімдігінің", "issuer_ru":
               "акимата Восточно-Казахстанской области", "kind": "қаулы", "number": "100",
               "date": "2016-03-01"}})
    result = build(sources, overlay, cache)
    assert result.ok, result.errors
    kb = load_knowledge(cache, build_if_stale=False)
    assert kb.services["tour_operator_vko"].status == "replaced"
    assert kb.acts["doc_000"].status_source == "overlay"
    card_ru = kb.render_card("tour_operator_vko", "ru")
    assert "заменён" in card_ru and "№ 100" in card_ru and "01.03.2016" in card_ru


def test_sixth_regulation_without_overlay_appears(tmp_path):
    sources, overlay = _small_world(tmp_path)
    (sources / "005_fixture.txt").write_text(FIXTURE, encoding="utf-8")
    cache = tmp_path / "kb.json"
    result = build(sources, overlay, cache)
    assert result.ok, result.errors
    new = [c for c in result.data.services.values() if c.source == "005_fixture.txt"]
    assert len(new) == 1
    card = new[0]
    assert card.title_kk == "Балық аулауға лицензия беру"
    assert card.category is None and card.title_ru is None
    assert any("no overlay" in w and card.id in w for w in result.warnings)
    assert card.id in result.diff["added"]
    act = result.data.acts[card.act_id]
    assert (act.number, act.date, act.status) == ("55", "2020-03-03", "in_force")
    assert (act.justice_reg_number, act.justice_reg_date) == ("777", "2020-03-10")
    kb = load_knowledge(cache, build_if_stale=False)
    assert kb.deadline(card.id, "issue").value == 5
    assert kb.deadline(card.id, "duplicate").value == 2
    assert "other" in {c.id for c in kb.categories()}
    assert "табиғи ресурстар басқармасы" in kb.render_card(card.id, "ru")


def test_pdf_source_goes_through_the_same_pipeline(tmp_path):
    sources, overlay = _small_world(tmp_path)
    lines = FIXTURE.splitlines()
    write_pdf(sources / "006_fixture.pdf", [lines[:10], lines[10:]])
    result = build(sources, overlay, tmp_path / "kb.json")
    assert result.ok, result.errors
    card = next(c for c in result.data.services.values() if c.source == "006_fixture.pdf")
    assert card.title_kk == "Балық аулауға лицензия беру"
    assert [c.id for c in card.channels] == ["portal_egov", "provider_office"]


def test_missing_sources_directory_is_an_error(tmp_path):
    result = build(tmp_path / "nope", OVERLAY_DIR, tmp_path / "kb.json")
    assert not result.ok and not result.written


def test_cli_services_and_show(tmp_path, capsys):
    sources, overlay = _small_world(tmp_path)
    args = ["--cache", str(tmp_path / "kb.json"), "--sources", str(sources), "--overlay",
            str(overlay)]
    assert cli([*args, "services", "--json"]) == 0  # builds first: the cache is missing
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == {"tour_operator_vko", "grain_warehouse_vko"}
    assert cli([*args, "show", "grain_warehouse_vko", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "утратил силу" in out and "№ 233" in out
    assert cli([*args, "show", "nope"]) == 2


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_card_warns_about_unknown_status(tmp_path, lang):
    sources, overlay = _small_world(tmp_path)
    build(sources, overlay, tmp_path / "kb.json")
    kb = load_knowledge(tmp_path / "kb.json", build_if_stale=False)
    text = kb.render_card("tour_operator_vko", lang)
    expected = {"kk": "күшінде екені белгісіз", "ru": "неизвестно, действует ли"}[lang]
    assert expected in text
    assert ("3 жұмыс күні" if lang == "kk" else "3 рабочих дня") in text
