"""Sentence splitting that keeps character offsets and does not break at abbreviations.

A sentence ends at ``.``, ``!``, ``?``, ``…`` or ``。`` followed by white space and something
that can start a sentence, and always at a line break. It does not end after an abbreviation the
language's lexicon lists (``[sentences] abbreviations``), after a single capital letter (an
initial: ``H. Hacıyev``), after a day written as an ordinal before a month name (``am 11. Oktober``),
or where no space follows (``H.Hacıyev``, ``TP.HCM``, ``5.600``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from . import lexicon

# a candidate boundary: terminal punctuation, optional closing quotes/brackets, then white space
# terminal punctuation of many scripts: Latin, CJK 。, Armenian ։, Arabic ؟, Devanagari ।, Urdu ۔
_BOUNDARY = regex.compile(r"""[.!?…。։؟।۔]+["'”’»)\]]*(?=\s)""")
_WORD_BEFORE = regex.compile(r"""([\p{L}\p{M}][\p{L}\p{M}.]*)$""")
_STARTER = regex.compile(r"""\s*["'“‘«(\[\-–—]*\s*[\p{Lu}\p{Lt}\p{N}\p{Lo}]""")
_STARTER_UNCASED = regex.compile(r"""\s*["'“‘«(\[\-–—]*\s*[\p{L}\p{N}]""")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (block separated by a line break) it belongs to


def _abbreviations(lang: str | None) -> frozenset[str]:
    words = set(lexicon.section(lang, "sentences").get("abbreviations", []))
    words.update(lexicon.section("en", "sentences").get("abbreviations", []))
    return frozenset(w.casefold().rstrip(".") for w in words)


@cache
def _months(lang: str | None) -> frozenset[str]:
    from .dates import month_names  # late import: dates imports nothing of ours but lexicon

    return frozenset(month_names(lang))


def split(text: str, lang: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences with offsets into ``text``; blank stretches are skipped."""
    abbrev = _abbreviations(lang)
    months = _months(lang)
    # scripts written without capitals in practice (Georgian Mkhedruli): any letter may start a sentence
    starter = _STARTER_UNCASED if lexicon.section(lang, "places").get("uncased") else _STARTER
    out: list[Sentence] = []
    pos = 0
    paragraph = 0
    for line_match in regex.finditer(r"[^\n]+|\n", text):
        if line_match.group() == "\n":
            paragraph += 1
            continue
        lstart, line = line_match.start(), line_match.group()
        if not line.strip():
            continue
        pos = 0
        for m in _BOUNDARY.finditer(line):
            end = m.end()
            before = _WORD_BEFORE.search(line, 0, m.start())
            word = before.group(1) if before else ""
            if word and (word.casefold().rstrip(".") in abbrev or (len(word) == 1 and word.isupper())):
                continue
            if _ordinal_day_before_month(line, m.start(), end, months):  # "am 11. Oktober"
                continue
            if not starter.match(line, end):
                continue
            _emit(out, text, lstart + pos, lstart + end, paragraph)
            pos = end
        _emit(out, text, lstart + pos, lstart + len(line), paragraph)
    return out


_DAY_DOT = regex.compile(r"(?<![\d.])\d{1,2}$")
_NEXT_WORD = regex.compile(r"\s*([\p{L}\p{M}]+)")


def _ordinal_day_before_month(line: str, dot: int, end: int, months: frozenset[str]) -> bool:
    """A day written as an ordinal number with a point, followed by a month name, ends no sentence."""
    if not _DAY_DOT.search(line, 0, dot):
        return False
    nxt = _NEXT_WORD.match(line, end)
    return bool(nxt) and nxt.group(1).casefold() in months


def _emit(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))
