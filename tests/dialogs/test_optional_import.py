"""The one helper that imports optional feature packages."""

import sys

import pytest

from dialogs.common.optional import optional_attr, optional_module


def test_a_missing_package_or_attribute_is_none() -> None:
    assert optional_module("dialogs.no_such_feature") is None
    assert optional_attr("dialogs.no_such_feature.sub", "build_flows") is None
    assert optional_attr("dialogs.registry", "no_such_name") is None
    assert optional_attr("dialogs.registry", "build_dialogs") is not None


def test_a_broken_import_inside_an_installed_package_surfaces(tmp_path, monkeypatch) -> None:
    package = tmp_path / "broken_feature_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("import no_such_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(ModuleNotFoundError):
            optional_module("broken_feature_pkg")
    finally:
        sys.modules.pop("broken_feature_pkg", None)
