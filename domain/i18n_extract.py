"""Babel extraction method for the project's Python code, based on ``ast``.

Babel's built-in Python extractor reads tokens: for ``t(lang, A if kind == "photo" else B)`` it
takes ``"photo"`` as a msgid, and it can miss markers nested in other calls. This method takes a
keyword's argument only when it is a string literal, wherever the call stands. It is used by
``make i18n-extract`` (``locales/babel.cfg``) and by ``tests/test_i18n_catalogues.py``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from typing import IO, Any

# (lineno, funcname, positional arguments (a string literal, else None), translator comments);
# Babel then picks the msgid arguments named by each keyword's spec (e.g. ``t:2``).
Extracted = tuple[int, str, tuple[str | None, ...], list[str]]


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Any, options: Mapping[str, Any]
) -> Iterator[Extracted]:
    source = fileobj.read()
    encoding = (options or {}).get("encoding", "utf-8")
    tree = ast.parse(source.decode(encoding) if isinstance(source, bytes) else source)
    found: list[Extracted] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in keywords:
            args = tuple(_literal(arg) for arg in node.args)
            if any(arg is not None for arg in args):
                found.append((node.lineno, name, args, []))
    yield from sorted(found, key=lambda item: item[0])
