"""Tokens with offsets, number tokens that keep their grouping, and a phrase matcher for lexicon terms.

The lexicons list words and phrases (``"thiệt mạng"``, ``"meninggal dunia"``, ``"more than"``); a
trailing ``*`` on a word matches any ending (``"погиб*"`` matches ``погибли``, ``погибших``), a
leading ``*`` any beginning (``"*قتل"`` matches ``وقتل``), which is how inflected languages and
clitics are covered without listing every form.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import regex

# digits with grouping (5,600 / 5.600 / 5 600 / 5 600) or plain digits with an optional decimal part
# grouping marks: , . no-break and thin spaces, space, Arabic thousands separator ٬ (U+066C)
_NUMBER = (r"(?<![\p{N}\p{L}])(?:\d{1,3}(?:[,.\u00a0\u202f\u2009 \u066c]\d{3})+|\d+(?:[.,\u066b]\d+)?)"
           r"(?![\p{N}\p{L}])")
_TOKEN_RE = regex.compile(rf"(?P<num>{_NUMBER})|(?P<word>[\p{{L}}\p{{M}}\p{{N}}]+)|(?P<punct>[^\s])")


@dataclass(frozen=True)
class Token:
    text: str
    norm: str  # case-folded, NFC (marks kept: lexicon terms are written with them)
    start: int
    end: int
    kind: str  # num | word | punct

    @property
    def value(self) -> float | None:
        """The numeric value of a number token (``5,600`` -> 5600, ``2.5`` -> 2.5)."""
        return parse_number(self.text) if self.kind == "num" else None


def norm(s: str) -> str:
    """Case-folded NFC; Turkish/Azerbaijani capital İ folds to a plain i (casefold gives i + dot above)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKC", s).casefold().replace("i\u0307", "i"))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        out.append(Token(m.group(), norm(m.group()), m.start() + offset, m.end() + offset, kind))
    return out


def parse_number(s: str) -> float | None:
    """Digits with any grouping to a number: ``5,600`` ``5.600`` ``5 600`` -> 5600; ``2.5`` -> 2.5."""
    s = s.strip()
    groups = regex.split(r"[,.\u00a0\u202f\u2009 \u066c]", s)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
        return float("".join(groups))
    try:
        return float(s.replace(",", ".").replace("\u066b", "."))
    except ValueError:
        return None


@dataclass(frozen=True)
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    category: str
    payload: object


class PhraseMatcher:
    """Longest-match lookup of lexicon phrases over a token list."""

    def __init__(self) -> None:
        self._trie: dict = {}
        self._max = 0

    def add(self, phrase: str, category: str, payload: object = None) -> None:
        """Add a phrase; a word may carry wildcards: ``погиб*`` (any ending), ``*قتل`` (any beginning,
        for clitics such as Arabic ``و``), ``*word*`` (anywhere in the token)."""
        parts: list[tuple[str, str]] = []
        for chunk in phrase.split():
            core = chunk.strip("*")
            words = [t.norm for t in tokenize(core)]
            for k, w in enumerate(words):
                head = chunk.startswith("*") and k == 0
                tail = chunk.endswith("*") and k == len(words) - 1
                kind = "*infix" if head and tail else "*suffix" if head else "*prefix" if tail else ""
                parts.append((kind, w))
        if not parts:
            return
        node = self._trie
        for kind, w in parts:
            node = node.setdefault(kind, {}).setdefault(w, {}) if kind else node.setdefault(w, {})
        node.setdefault(None, []).append((category, payload))
        self._max = max(self._max, len(parts))

    def add_all(self, phrases: Iterable[str], category: str, payload: object = None) -> None:
        for p in phrases:
            self.add(p, category, payload)

    def match_at(self, tokens: list[Token], i: int) -> list[Match]:
        """All phrases starting at token ``i``, longest first."""
        found: list[Match] = []
        stack = [(self._trie, i)]
        while stack:
            node, j = stack.pop()
            if None in node and j > i:
                found.extend(Match(i, j, c, p) for c, p in node[None])
            if j >= len(tokens):
                continue
            t = tokens[j].norm
            if t in node:
                stack.append((node[t], j + 1))
            for stem, child in node.get("*prefix", {}).items():
                if t.startswith(stem):
                    stack.append((child, j + 1))
            for ending, child in node.get("*suffix", {}).items():
                if t.endswith(ending):
                    stack.append((child, j + 1))
            for part, child in node.get("*infix", {}).items():
                if part in t:
                    stack.append((child, j + 1))
        found.sort(key=lambda m: m.end - m.start, reverse=True)
        return found

    def scan(self, tokens: list[Token], categories: set[str] | None = None) -> list[Match]:
        """Non-overlapping longest matches left to right (optionally of some categories only)."""
        out: list[Match] = []
        i = 0
        while i < len(tokens):
            ms = [m for m in self.match_at(tokens, i) if categories is None or m.category in categories]
            if ms:
                best = ms[0]
                out.extend(m for m in ms if m.end == best.end)
                i = best.end
            else:
                i += 1
        return out
