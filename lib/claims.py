"""Who states a figure: "according to X", "X said", "X cho biết", "menurut X", "по данным X".

The markers come from the ``[claims]`` table of the lexicon: ``before`` markers stand before the
claimant, ``after`` verbs after it; ``skip`` words may stand between a claimant and its verb
("the ministry, meanwhile, said"); ``anaphora`` are generic heads ("the ministry") that point back to
the last claimant with the same head noun, ``pronouns`` ("it", "they") to the last claimant of all;
``boundaries`` are the words where a claimant phrase stops ("that", "and"); a number stops it too.
Where nothing stands before a verb ('"Six were killed," said the ministry', '..., a annoncé le
ministère') the claimant is what follows it; ``verb_final`` languages (Turkish, Azerbaijani) name the
claimant at the head of the sentence, before a comma, and the verb at its end.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import lexicon
from .tokens import PhraseMatcher, Token

_BOUNDARY_PUNCT = set(',.;:!?"“”«»()[]—–…')
MAX_CLAIMANT_TOKENS = 9


@dataclass
class Claim:
    text: str
    start: int  # char offsets of the claimant words
    end: int
    marker_start: int  # where the marker or verb is
    kind: str  # before | after
    anaphoric: bool = False


@cache
def _matcher(lang: str | None) -> PhraseMatcher | None:
    conf = lexicon.section(lang, "claims")
    if not conf:
        return None
    m = PhraseMatcher()
    m.add_all(conf.get("before", []), "before")
    m.add_all(conf.get("after", []), "after")
    m.add_all(conf.get("skip", []), "skip")
    return m


@cache
def _anaphora(lang: str | None) -> frozenset[str]:
    return frozenset(a.casefold() for a in lexicon.section(lang, "claims").get("anaphora", []))


@cache
def _boundaries(lang: str | None) -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon.section(lang, "claims").get("boundaries", []))


@cache
def pronouns(lang: str | None) -> frozenset[str]:
    """Pronouns that point back to the last claimant, whatever its head noun."""
    return frozenset(w.casefold() for w in lexicon.section(lang, "claims").get("pronouns", []))


def find_claims(tokens: list[Token], text: str, lang: str | None) -> list[Claim]:
    """Claimants in one sentence's tokens (``text`` is the article text the offsets point into)."""
    m = _matcher(lang)
    if m is None or not tokens:
        return []
    stop = _boundaries(lang)

    def _boundary(t: Token) -> bool:
        return (t.kind == "punct" and t.text in _BOUNDARY_PUNCT) or t.kind == "num" or t.norm in stop

    verb_final = bool(lexicon.section(lang, "claims").get("verb_final", False))
    matches = m.scan(tokens)
    skip_at = {mt.start: mt.end for mt in matches if mt.category == "skip"}
    skip_end = {mt.end: mt.start for mt in matches if mt.category == "skip"}
    out: list[Claim] = []
    for mt in matches:
        if mt.category == "before":
            i, j = mt.end, mt.end
            while j < len(tokens) and j - i < MAX_CLAIMANT_TOKENS and not _boundary(tokens[j]):
                j = skip_at.get(j, j + 1) if j > i else j + 1
            if j > i:
                out.append(_claim(tokens, text, i, j, tokens[mt.start].start, "before", lang))
        elif mt.category == "after":
            marker = tokens[mt.start].start
            if verb_final:
                # subject-object-verb: "Azerbaycan Savunma Bakanlığı, 7 askerin şehit olduğunu açıkladı."
                comma = next((k for k in range(mt.start) if tokens[k].text == ","), None)
                if comma and comma <= MAX_CLAIMANT_TOKENS and not any(_boundary(t) for t in tokens[:comma]):
                    out.append(_claim(tokens, text, 0, comma, marker, "after", lang))
                    continue
            j = mt.start
            # step over "also" and ", meanwhile," between the claimant and its verb
            if j in skip_end:
                j = skip_end[j]
            elif j >= 2 and tokens[j - 1].text == "," and (j - 1) in skip_end:
                j = skip_end[j - 1]
                if j > 0 and tokens[j - 1].text == ",":
                    j -= 1
            i = j
            while i > 0 and j - i < MAX_CLAIMANT_TOKENS and not _boundary(tokens[i - 1]):
                i -= 1
            if j > i:
                out.append(_claim(tokens, text, i, j, marker, "after", lang))
                continue
            # nothing before the verb: the claimant follows it ('..., said the ministry', ', a annoncé le ministère')
            i = skip_at.get(mt.end, mt.end)
            j = i
            while j < len(tokens) and j - i < MAX_CLAIMANT_TOKENS and not _boundary(tokens[j]):
                j += 1
            if j > i:
                out.append(_claim(tokens, text, i, j, marker, "after", lang))
    return out


def _claim(tokens: list[Token], text: str, i: int, j: int, marker: int, kind: str, lang: str | None) -> Claim:
    start, end = tokens[i].start, tokens[j - 1].end
    surface = text[start:end].strip()
    folded = surface.casefold()
    ana = folded in _anaphora(lang) or folded in pronouns(lang)
    return Claim(surface, start, end, marker, kind, anaphoric=ana)


def head(claim_text: str) -> str:
    """The last word of a claimant phrase, the noun an anaphor repeats ("the ministry" -> "ministry")."""
    words = claim_text.casefold().replace("’", "'").split()
    return words[-1] if words else ""
