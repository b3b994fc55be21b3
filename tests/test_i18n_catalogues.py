"""Every gettext domain of ``locales/domains.cfg``: what the code marks is translated in kk and ru.

msgids are extracted from each domain's paths with Babel's API, the project's extraction method
(``domain.i18n_extract``, named in ``locales/babel.cfg``) and the keywords of the Makefile's
``I18N_KEYWORDS``, exactly as ``make i18n-extract`` / ``make i18n-update`` do.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
LANGS = ("kk", "ru")
PLURAL_FORMS = {
    "kk": (2, "nplurals=2; plural=(n!=1);"),
    "ru": (3, "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
              "(n%100<10 || n%100>=20) ? 1 : 2);"),
}
METHOD = "domain.i18n_extract.extract"
# Babel's defaults plus the project's markers; must equal the Makefile's I18N_KEYWORDS.
PROJECT_KEYWORDS = {"N_": None, "_": None, "Msg": None, "t": (2,), "tn": (2, 3), "NP_": (1, 2)}
KEYWORDS = {**DEFAULT_KEYWORDS, **PROJECT_KEYWORDS}
# Code areas whose files may hold msgids (each such file must belong to a domain).
CODE_AREAS = ("bot", "dialogs", "domain", "knowledge")

MsgId = str | tuple[str, ...]


def domains() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for line in (LOCALES / "domains.cfg").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, paths = line.partition("=")
        assert sep, f"bad line in domains.cfg: {line!r}"
        result[name.strip()] = paths.split()
    return result


DOMAINS = sorted(domains())


def python_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for rel in paths:
        path = ROOT / rel
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts))
        elif path.suffix == ".py" and path.exists():
            files.append(path)
    return files


@cache
def extracted(domain: str) -> dict[MsgId, str]:
    """msgid (a tuple for plural pairs) -> first place it was found, as Babel extracts it."""
    found: dict[MsgId, str] = {}
    for rel in domains()[domain]:
        path = ROOT / rel
        if path.is_dir():
            for name, line, msgid, _c, _x in extract_from_dir(
                str(path), method_map=[("**.py", METHOD)], keywords=KEYWORDS, comment_tags=()
            ):
                found.setdefault(msgid, f"{rel}/{name}:{line}")
        elif path.exists():
            for line, msgid, _c, _x in extract_from_file(
                METHOD, str(path), keywords=KEYWORDS, comment_tags=()
            ):
                found.setdefault(msgid, f"{rel}:{line}")
    return found


def file_msgids(path: Path) -> list[MsgId]:
    return [m for _l, m, _c, _x in extract_from_file(METHOD, str(path), keywords=KEYWORDS)]


@cache
def catalogue(domain: str, lang: str) -> Catalog:
    with (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh, locale=lang, domain=domain)


def entries(cat: Catalog) -> dict[str, object]:
    """Non-header messages by their singular msgid."""
    out = {}
    for message in cat:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            out[key] = message
    return out


def fields(text: str) -> list[str]:
    """Sorted replacement fields of a str.format template; positional ``{}`` shows as ''."""
    return sorted(
        name for _, name, _, _ in string.Formatter().parse(text) if name is not None
    )


def as_tuple(value: MsgId) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def describe(msgid: MsgId) -> str:
    return repr(msgid if isinstance(msgid, str) else msgid[0])


def msgid_problems(domain: str, lang: str) -> list[str]:
    """What is wrong with the translations of every msgid the code of ``domain`` uses."""
    nplurals = PLURAL_FORMS[lang][0]
    present = entries(catalogue(domain, lang))
    problems: list[str] = []
    for msgid, where in sorted(extracted(domain).items(), key=lambda kv: kv[1]):
        ids = as_tuple(msgid)
        message = present.get(ids[0])
        if message is None:
            problems.append(f"missing {describe(msgid)} ({where})")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy {describe(msgid)}")
        strings = as_tuple(message.string)
        if len(ids) > 1 and not message.pluralizable:
            problems.append(f"plural pair {describe(msgid)} has a singular entry")
            continue
        if len(ids) == 1 and message.pluralizable:
            problems.append(
                f"{describe(msgid)} ({where}) is a plural entry but the code marks only the "
                "singular: use NP_(singular, plural) or tn()"
            )
            continue
        if message.pluralizable and len(strings) != nplurals:
            problems.append(f"{describe(msgid)}: {len(strings)} plural forms, not {nplurals}")
        if any(not s.strip() for s in strings):
            problems.append(f"untranslated {describe(msgid)} ({where})")
            continue
        try:
            wanted = fields(ids[0])
            if len(ids) > 1 and fields(ids[1]) != wanted:
                problems.append(f"{describe(msgid)}: msgid_plural has other placeholders")
            for text in strings:
                if fields(text) != wanted:
                    problems.append(
                        f"{describe(msgid)}: placeholders {fields(text)} in {text!r}, "
                        f"msgid has {wanted}"
                    )
        except ValueError as err:  # unbalanced braces
            problems.append(f"{describe(msgid)}: not a valid format string ({err})")
        if "" in wanted:
            problems.append(f"{describe(msgid)}: positional '{{}}' placeholder; name it")
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_msgid_of_the_code_is_translated(domain: str, lang: str) -> None:
    assert extracted(domain), f"no msgid extracted for domain {domain}: check domains.cfg"
    problems = msgid_problems(domain, lang)
    assert not problems, f"{domain}.po ({lang}):\n  " + "\n  ".join(problems)


def raw_msgids(po: Path) -> list[str]:
    """Singular msgids as written in the file (active entries), to spot duplicates."""
    ids: list[str] = []
    current: list[str] | None = None
    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current = [line[len("msgid "):]]
        elif current is not None and line.startswith('"'):
            current.append(line)
        elif current is not None:
            ids.append("".join(ast.literal_eval(part) for part in current))
            current = None
    return [i for i in ids if i]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogue_file_is_clean_and_compiles(domain: str, lang: str) -> None:
    po = LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
    cat = catalogue(domain, lang)
    headers = dict(cat.mime_headers)
    nplurals, expected = PLURAL_FORMS[lang]
    assert " ".join(headers.get("Plural-Forms", "").split()) == expected, po
    assert cat.num_plurals == nplurals
    assert "charset=utf-8" in headers.get("Content-Type", "").lower(), po
    assert headers.get("Language") == lang, po

    ids = raw_msgids(po)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"{po}: duplicate msgids {duplicates}"

    problems: list[str] = []
    for message in cat:
        if not message.id:
            continue
        strings = as_tuple(message.string)
        if message.fuzzy:
            problems.append(f"fuzzy {describe(message.id)}")
        if any(not s.strip() for s in strings):
            problems.append(f"empty translation of {describe(message.id)}")
        if message.pluralizable and len(strings) != nplurals:
            problems.append(f"{describe(message.id)}: {len(strings)} forms, not {nplurals}")
        for error in message.check(cat):
            problems.append(f"{describe(message.id)}: {error}")
    assert not problems, f"{po}:\n  " + "\n  ".join(problems)

    buffer = io.BytesIO()
    write_mo(buffer, cat, use_fuzzy=False)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    sample = next(m for m in cat if m.id and not m.pluralizable)
    assert translations.gettext(sample.id) == sample.string


def test_makefile_uses_the_same_keywords() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^I18N_KEYWORDS\s*:?=(.*)$", makefile, re.M)
    assert line, "Makefile lost I18N_KEYWORDS"
    keywords: dict[str, tuple[int, ...] | None] = {}
    for spec in re.findall(r"-k\s+(\S+)", line.group(1)):
        name, _, args = spec.partition(":")
        keywords[name] = tuple(int(a) for a in args.split(",")) if args else None
    assert keywords == PROJECT_KEYWORDS
    recipe = makefile.split("i18n-extract:", 1)[1].split("\n\n", 1)[0]
    assert "$(I18N_KEYWORDS)" in recipe and "-F locales/babel.cfg" in recipe


def test_extraction_takes_literal_arguments_only(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        'a = t(lang, PHOTO if kind == "photo" else FILE)\n'
        'b = Msg.text("raw text")\n'
        'c = t(lang, KINDS.get(kind, N_("act")))\n'
        'd = tn(lang, part["key"], part["plural"], 2)\n'
        'e = NP_("{n} day", "{n} days")\n'
        'f = Msg("Hello {name}", {"name": "x"})\n'
        'g = t(lang, "Two " "pieces")\n',
        encoding="utf-8",
    )
    found = [m for _l, m, _c, _x in extract_from_file(METHOD, str(source), keywords=KEYWORDS)]
    assert found == ["act", ("{n} day", "{n} days"), "Hello {name}", "Two pieces"]
    mapping = (LOCALES / "babel.cfg").read_text(encoding="utf-8")
    assert f"[{METHOD}: **.py]" in mapping


def test_every_file_with_msgids_belongs_to_a_domain() -> None:
    covered = {p for paths in domains().values() for p in python_files(paths)}
    stray = [
        str(path.relative_to(ROOT))
        for area in CODE_AREAS
        for path in python_files([area])
        if path not in covered and file_msgids(path)
    ]
    assert not stray, f"files with msgids outside locales/domains.cfg: {stray}"


def test_plural_pairs_are_marked_as_pairs() -> None:
    """``(N_("1 day"), N_("2 days"))`` extracts as two singular entries; use NP_ instead."""
    bad: list[str] = []
    for area in CODE_AREAS:
        for path in python_files([area]):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(
                    isinstance(e, ast.Call) and isinstance(e.func, ast.Name)
                    and e.func.id in ("N_", "_")
                    for e in node.elts
                ):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, f"plural pairs marked with two N_(): {bad}"


@pytest.mark.parametrize("lang", LANGS)
def test_shared_msgids_translate_the_same_in_every_domain(lang: str) -> None:
    """All domains of a language are chained at run time (the first one wins), so a msgid
    present in two catalogues must have one translation."""
    seen: dict[str, tuple[str, tuple[str, ...]]] = {}
    conflicts: list[str] = []
    for domain in DOMAINS:
        for key, message in entries(catalogue(domain, lang)).items():
            strings = as_tuple(message.string)  # type: ignore[attr-defined]
            if key in seen and seen[key][1] != strings:
                conflicts.append(
                    f"{key!r}: {seen[key][0]} {seen[key][1]} vs {domain} {strings}"
                )
            seen.setdefault(key, (domain, strings))
    assert not conflicts, "\n".join(conflicts)
