from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
from flow_fakes import StubFeatureFlow, feature_module

from dialogs.registry import OPTIONAL_FEATURES, bot_commands, build_dialogs

ROOT = Path(__file__).resolve().parents[2]


def test_core_flows_without_features():
    dialogs = build_dialogs(services=None, modules=())
    assert [f.name for f in dialogs.flows] == ["start", "catalogue", "questions"]
    assert dialogs.fallback.name == "questions"
    assert [c for c, _ in bot_commands(dialogs)] == ["menu", "services", "lang", "help", "start"]


def test_feature_flows_come_first_and_add_their_commands():
    flow = StubFeatureFlow("documents", "docs", commands=["my"])
    feature_module("fake_registry_feature", [flow])
    try:
        dialogs = build_dialogs(services=None, modules=["fake_registry_feature", "absent.pkg"])
    finally:
        sys.modules.pop("fake_registry_feature", None)
    assert [f.name for f in dialogs.flows] == ["documents", "start", "catalogue", "questions"]
    assert [c for c, _ in bot_commands(dialogs)] == [
        "menu",
        "services",
        "my",
        "lang",
        "help",
        "start",
    ]


def test_a_broken_feature_package_is_an_error_not_a_silent_skip():
    module = types.ModuleType("fake_broken_feature")

    def build_flows(services):
        raise RuntimeError("boom")

    module.build_flows = build_flows  # type: ignore[attr-defined]
    sys.modules["fake_broken_feature"] = module
    try:
        with pytest.raises(RuntimeError):
            build_dialogs(services=None, modules=["fake_broken_feature"])
    finally:
        sys.modules.pop("fake_broken_feature", None)


def test_missing_dependency_inside_a_feature_surfaces(tmp_path, monkeypatch):
    pkg = tmp_path / "fake_feature_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("import no_such_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError):
        build_dialogs(services=None, modules=["fake_feature_pkg"])


def test_the_real_tree_builds():
    """Whatever feature packages exist in the tree now compose without errors."""
    dialogs = build_dialogs(services=None, modules=OPTIONAL_FEATURES)
    assert dialogs.flows[-1].name == "questions"
    prefixes = [p for f in dialogs.flows for p in f.action_prefixes]
    assert len(prefixes) == len(set(prefixes)), "two flows claim the same action prefix"


def test_no_telegram_import_under_dialogs():
    pattern = re.compile(r"^\s*(from|import)\s+(aiogram|telegram)\b", re.M)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "dialogs").rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
