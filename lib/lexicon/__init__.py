"""Language knowledge as data: one TOML file per language (``<iso639-1>.toml``) in this folder.

A file may hold any of these tables, each optional:

- ``[furniture]``: page furniture the reader removes (related-link prefixes, headers of
  related-story lists, advertisement and audio-player lines);
- ``[numbers]``, ``[casualties]``, ``[dates]``, ``[places]``: the grammar the extractors use.

Adding a language means adding a file; no code names a language.
"""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent


@cache
def languages() -> tuple[str, ...]:
    """The codes of every language that has a file."""
    return tuple(sorted(p.stem for p in LEXICON_DIR.glob("*.toml")))


@cache
def load(lang: str | None) -> dict:
    """The lexicon of one language, or ``{}`` where the language has no file."""
    if not lang or lang not in languages():
        return {}
    with open(LEXICON_DIR / f"{lang}.toml", "rb") as fh:
        return tomllib.load(fh)


def section(lang: str | None, name: str) -> dict:
    """One table of a language's lexicon (``{}`` when absent)."""
    return load(lang).get(name, {})


def merged(name: str, key: str) -> list:
    """A list-valued entry gathered over every language (e.g. all furniture prefixes)."""
    out: list = []
    for lang in languages():
        out.extend(section(lang, name).get(key, []))
    return out
