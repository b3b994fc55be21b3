"""The ``core`` and ``terminal`` gettext catalogues are complete and consistent in kk and ru."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
KEYWORDS = {"N_": None, "_": None}
PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}
DOMAINS = ("core", "terminal")


def domain_paths(domain: str) -> list[Path]:
    for line in (LOCALES / "domains.cfg").read_text(encoding="utf-8").splitlines():
        name, _, paths = line.partition("=")
        if not line.startswith("#") and name.strip() == domain:
            return [ROOT / p for p in paths.split()]
    raise AssertionError(f"domain {domain} missing from locales/domains.cfg")


def source_msgids(domain: str) -> set[str]:
    ids: set[str] = set()
    for path in domain_paths(domain):
        if path.is_dir():
            found = extract_from_dir(str(path), keywords=KEYWORDS, comment_tags=())
            ids |= {m[2] for m in found if isinstance(m[2], str)}
        elif path.exists():
            found = extract_from_file("python", str(path), keywords=KEYWORDS)
            ids |= {m[1] for m in found if isinstance(m[1], str)}
    return ids


def catalogue(lang: str, domain: str):
    with (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", ("kk", "ru"))
def test_every_message_is_translated_with_the_same_placeholders(domain, lang):
    cat = catalogue(lang, domain)
    assert cat.plural_expr and cat.num_plurals == (2 if lang == "kk" else 3)
    header = dict(cat.mime_headers)
    assert header["Plural-Forms"] == PLURAL_FORMS[lang]
    assert "charset=utf-8" in header["Content-Type"].lower()
    missing = sorted(source_msgids(domain) - {m.id for m in cat if m.id})
    assert missing == [], f"{lang}/{domain}.po lacks {missing}"
    for message in cat:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert all(strings), f"empty translation of {message.id!r} in {lang}"
        for text in strings:
            assert fields(text) == fields(ids[0]), f"{lang}: placeholders differ in {text!r}"
            assert text != ids[0] or not any(c.isalpha() for c in text), (
                f"{lang}: {ids[0]!r} left in English"
            )


def test_kazakh_and_russian_use_their_own_letters():
    """A cheap guard against a Russian string pasted into the Kazakh catalogue and vice versa."""
    kazakh_letters = set("әғқңөұүһі")
    for domain in DOMAINS:
        kk = [m for m in catalogue("kk", domain) if m.id and any(c.isalpha() for c in m.string)]
        with_kazakh = [m for m in kk if kazakh_letters & set(m.string.lower())]
        # Short labels ("Жоқ", "Тіл") may lack special letters; most sentences have them.
        assert len(with_kazakh) >= 0.6 * len(kk), domain
        for message in catalogue("ru", domain):
            if message.id:
                assert not kazakh_letters & set(message.string.lower()), message.string
