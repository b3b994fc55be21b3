"""Import a feature package only when it is installed.

A feature package (operators, staff, documents...) may be absent from a deployment; callers then
skip it. Only the missing package itself counts as absent: an import error raised *inside* an
installed package is a bug and propagates.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


def optional_module(name: str) -> ModuleType | None:
    """The module ``name``, or None when it (or one of its parent packages) is not installed."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if missing and (name == missing or name.startswith(missing + ".")):
            return None
        raise


def optional_attr(module: str, attr: str) -> Any | None:
    """``module.attr`` when the module is installed and defines it, otherwise None."""
    found = optional_module(module)
    return getattr(found, attr, None) if found is not None else None
