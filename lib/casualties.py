"""Casualty figures: numbers, vague quantities and bounds tied to killed / wounded / missing.

All language knowledge comes from the ``[numbers]`` and ``[casualties]`` tables of
``lib/lexicon/<lang>.toml``; a language without them yields no figures (``Grammar.for_language``
returns ``None``) and the UI says so. The rules, in order:

1. a *quantity* is digits (any grouping), number words, or a vague phrase (``dozens``, ``hàng trăm``),
   optionally after a bound (``more than``, ``setidaknya``) or an approximation (``about``);
2. its *head* is the noun after it, skipping fillers and capitalised words (``six Armenian
   soldiers``): a victim noun makes it a count of people, a non-victim noun (``tanks``, ``hours``,
   ``attacks``) rules it out, a body noun (``bodies``, ``thi thể``) makes it dead;
3. a count of people becomes a figure when a casualty word (``killed``, ``thiệt mạng``) stands in the
   same clause and no other count of people stands between them; a bare number only when the
   casualty word is right next to it (``18 were killed``) or after a toll phrase (``death toll``);
4. a whole conflict's running toll (``[casualties] background``: "the conflict which has left") is
   not an event's figure;
5. years, dates, times, ordinals and weak number words (``a``, ``năm``) without a victim noun are never
   figures.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from . import lexicon
from .tokens import Match, PhraseMatcher, Token

FIELDS = ("killed", "wounded", "missing")
_CLAUSE_BREAKS = {";", ":", "•", "|"}
_AUX_WINDOW = 3  # tokens allowed between a bare number and its casualty word
_AFTER_WINDOW = 16  # tokens from a count of people to a casualty word after it
_BEFORE_WINDOW = 8  # tokens from a casualty word before a count ("killing more than 5,600 people")
_TOLL_WINDOW = 14
# phrase categories that are part of a quantity; any other phrase covering a number ("both sides") owns it
_NUMERIC_CATS = {"word", "mult", "vague", "lower", "upper", "approx", "lower_after", "upper_after", "approx_after"}


@dataclass
class Quantity:
    start: int  # token index
    end: int
    low: int | None
    high: int | None
    approximate: bool
    weak: bool = False
    year_like: bool = False


@dataclass
class Figure:
    field: str  # killed | wounded | missing
    low: int | None
    high: int | None
    approximate: bool
    victims: str  # soldiers | civilians | peacekeepers | fighters | mixed | unknown
    start: int  # char offsets of the words the figure was read from
    end: int
    np_start: int  # char span of the victim noun phrase (where the side is named)
    np_end: int
    scope: list[str] = field(default_factory=list)  # several fields for "killed, missing and wounded"
    self_ref: bool = False  # "of the country", "from their side": the claimant's own side
    hostile: bool = False  # "attackers", "enemy": the other side
    both_sides: bool = False


class Grammar:
    """One language's casualty grammar, compiled into a phrase matcher."""

    def __init__(self, lang: str):
        num = lexicon.section(lang, "numbers")
        cas = lexicon.section(lang, "casualties")
        self.lang = lang
        self.weak = {w.casefold() for w in num.get("weak_words", [])}
        m = PhraseMatcher()
        m.add_all(num.get("lower_bounds", []), "lower")
        m.add_all(num.get("upper_bounds", []), "upper")
        m.add_all(num.get("approximate", []), "approx")
        # bounds written after the number ("100'den fazla", "20 и более", "50 ou plus")
        m.add_all(num.get("lower_bounds_after", []), "lower_after")
        m.add_all(num.get("upper_bounds_after", []), "upper_after")
        m.add_all(num.get("approximate_after", []), "approx_after")
        m.add_all(num.get("fillers", []), "filler")
        m.add_all(num.get("ordinal_markers", []), "ordinal")
        for w, v in num.get("words", {}).items():
            m.add(w, "word", v)
        for w, v in num.get("multipliers", {}).items():
            m.add(w, "mult", v)
        for w, (lo, hi) in num.get("vague", {}).items():
            m.add(w, "vague", (lo, hi or None))
        for f in FIELDS:
            m.add_all(cas.get(f, []), f)
        m.add_all(cas.get("killed_nouns", []), "body")
        m.add_all(cas.get("killed_toll", []), "toll", "killed")
        m.add_all(cas.get("wounded_toll", []), "toll", "wounded")
        m.add_all(cas.get("not_casualty", []), "not_casualty")
        m.add_all(cas.get("not_victims", []), "not_victim")
        m.add_all(cas.get("background", []), "background")
        m.add_all(cas.get("conflict_nouns", []), "conflict")
        m.add_all(cas.get("both_sides", []), "both_sides")
        m.add_all(cas.get("self_refs", []), "self_ref")
        for group, words in cas.get("victims", {}).items():
            m.add_all(words, "victim", group)
        self.hostile = {w.casefold() for w in cas.get("hostile", {}).get("words", [])}
        self.conjunctions = {w.casefold() for w in cas.get("conjunctions", [])}
        self.matcher = m

    @staticmethod
    @cache
    def for_language(lang: str | None) -> Grammar | None:
        """The grammar of ``lang``, or ``None`` where the language has no casualty lexicon."""
        if not lexicon.section(lang, "casualties") or not lexicon.section(lang, "numbers"):
            return None
        return Grammar(lang)  # type: ignore[arg-type]


def _index(matches: list[Match]) -> dict[int, list[Match]]:
    by_start: dict[int, list[Match]] = {}
    for mt in matches:
        by_start.setdefault(mt.start, []).append(mt)
    return by_start


def _cats(by_start: dict[int, list[Match]], i: int) -> dict[str, Match]:
    return {mt.category: mt for mt in by_start.get(i, [])}


def _is_datey(tokens: list[Token], i: int) -> bool:
    """A number inside a date, a time or a range of digits (``28/9/2020``, ``10:30``, ``20-11``)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens) and tokens[j].text in "/:." and tokens[j].kind == "punct":
            k = j + (j - i)
            if 0 <= k < len(tokens) and tokens[k].kind == "num":
                return True
    for j, k in ((i + 1, i + 2), (i - 1, i - 2)):
        if 0 <= k < len(tokens) and tokens[j].text in "-–" and tokens[k].kind == "num":
            return True
    return False


def find_quantities(tokens: list[Token], grammar: Grammar, by_start: dict[int, list[Match]]) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        cats = _cats(by_start, i)
        bound = None
        j = i
        if cats.keys() & {"lower", "upper", "approx"}:
            bmatch = next(cats[c] for c in ("lower", "upper", "approx") if c in cats)
            bound, j = bmatch.category, bmatch.end
            cats = _cats(by_start, j)
        q = _quantity_at(tokens, grammar, by_start, j, cats)
        if q is None:
            i += 1
            continue
        after = _cats(by_start, q.end)
        if bound is None and after.keys() & {"lower_after", "upper_after", "approx_after"}:
            amatch = next(after[c] for c in ("lower_after", "upper_after", "approx_after") if c in after)
            bound = amatch.category.removesuffix("_after")  # "100'den fazla", "20 и более"
            q.end = amatch.end
        if bound is not None:
            q.start = i
            q.approximate = True
            if bound == "lower":
                q.high = None
            elif bound == "upper":
                q.low, q.high = None, q.high if q.high is not None else q.low
        out.append(q)
        i = q.end
    return out


def _quantity_at(tokens, grammar, by_start, j, cats) -> Quantity | None:
    if j >= len(tokens):
        return None
    if "vague" in cats:
        mt = cats["vague"]
        lo, hi = mt.payload
        return Quantity(j, mt.end, lo, hi, True)
    tok = tokens[j]
    if tok.kind == "num":
        if _is_datey(tokens, j):
            return None
        value = tok.value
        end = j + 1
        nxt = _cats(by_start, end)
        if "mult" in nxt:
            value = (value or 0) * nxt["mult"].payload
            end = nxt["mult"].end
            # "2 bin 425", "3 тысячи 200": a smaller number right after the multiplier adds to it
            if end < len(tokens) and tokens[end].kind == "num" and (tokens[end].value or 0) < nxt["mult"].payload:
                value += tokens[end].value or 0
                end += 1
        if value is None or value != int(value) or value < 0:
            return None
        digits = tok.text.isdigit()
        year_like = digits and len(tok.text) == 4 and 1800 <= value <= 2100
        return Quantity(j, end, int(value), int(value), False, year_like=year_like)
    if "word" in cats:
        total, current, end, weak = 0, 0, j, True
        while end < len(tokens):
            c = _cats(by_start, end)
            if "mult" in c and end > j and current:  # "two hundred", "dua puluh"
                current *= c["mult"].payload
                if c["mult"].payload >= 1000:
                    total, current = total + current, 0
                weak = False
                end = c["mult"].end
            elif "word" in c:
                weak = weak and tokens[end].norm in grammar.weak and c["word"].end == end + 1
                current += c["word"].payload
                end = c["word"].end
                # "twenty-one", "vingt-deux": a hyphen between number words joins them
                if (end + 1 < len(tokens) and tokens[end].text in "-‐‑"
                        and "word" in _cats(by_start, end + 1)):
                    end += 1
            elif "mult" in c and end > j:
                current = max(current, 1) * c["mult"].payload
                if c["mult"].payload >= 1000:
                    total, current = total + current, 0
                weak = False
                end = c["mult"].end
            else:
                break
        value = total + current
        return Quantity(j, end, value, value, False, weak=weak) if value > 0 else None
    return None


def _head(tokens, by_start, q: Quantity, grammar: Grammar):
    """What the quantity counts: ('victim', group, end) / ('body', group, end) / ('reject',) / ('bare', None, q.end)."""
    i, skipped = q.end, 0
    while i < len(tokens) and skipped <= 4:
        cats = _cats(by_start, i)
        if "victim" in cats or "body" in cats:
            if "body" in cats:  # "bodies of 20 soldiers", "thi thể binh sĩ"
                end = cats["body"].end
                nxt = _skip_fillers(tokens, by_start, end)
                c2 = _cats(by_start, nxt)
                group = c2["victim"].payload if "victim" in c2 else "unknown"
                return "body", group, c2["victim"].end if "victim" in c2 else end
            mt = cats["victim"]
            return "victim", mt.payload, mt.end
        if "not_victim" in cats:
            return ("reject",)
        if cats.keys() & set(FIELDS) or "toll" in cats:
            return "bare", None, q.end
        if "filler" in cats:
            i, skipped = cats["filler"].end, skipped + 1
            continue
        tok = tokens[i]
        if tok.kind == "word" and tok.text[:1].isupper():  # "six Armenian soldiers"
            i, skipped = i + 1, skipped + 1
            continue
        if tok.kind == "punct" and tok.text in "'’" and i + 1 < len(tokens):  # "Azerbaijan's"
            i, skipped = i + 2, skipped + 1
            continue
        break
    return "bare", None, q.end


def _skip_fillers(tokens, by_start, i: int) -> int:
    for _ in range(3):
        c = _cats(by_start, i)
        if "filler" in c:
            i = c["filler"].end
        else:
            break
    return i


def _np_end(tokens, by_start, i: int) -> int:
    """Extend a victim noun phrase over what names its side: 'of the Azerbaijan army', 'binh sĩ Armenia'."""
    end, n = i, 0
    while end < len(tokens) and n < 6:
        cats = _cats(by_start, end)
        tok = tokens[end]
        if cats.keys() & (set(FIELDS) | {"toll", "not_casualty"}):
            break
        if "filler" in cats or "victim" in cats or "self_ref" in cats or "both_sides" in cats:
            end = max(mt.end for mt in by_start[end])
        elif tok.kind == "word" and (tok.text[:1].isupper() or tok.norm in ("of", "from", "on")):
            end += 1
        else:
            break
        n += 1
    return end


def find_figures(tokens: list[Token], grammar: Grammar, exclude: list[tuple[int, int]] = ()) -> list[Figure]:
    """Every casualty figure in one sentence's tokens; numbers inside ``exclude`` (character spans of
    dates found by ``dates.find_dates``: "on 13 September") are not counts."""
    matches = grammar.matcher.scan(tokens)
    by_start = _index(matches)
    quantities = [q for q in find_quantities(tokens, grammar, by_start)
                  if not any(s <= tokens[q.start].start < e for s, e in exclude)]
    triggers = [mt for mt in matches if mt.category in FIELDS]
    tolls = [mt for mt in matches if mt.category == "toll"]
    clause_breaks = [i for i, t in enumerate(tokens) if t.text in _CLAUSE_BREAKS]
    covered = {i for mt in matches if mt.category not in _NUMERIC_CATS for i in range(mt.start, mt.end)}
    quantities = [q for q in quantities if q.start not in covered or q.end - q.start > 1]
    heads = {id(q): _head(tokens, by_start, q, grammar) for q in quantities}
    # counts that can stand between a quantity and a casualty word and so take the word for themselves
    people = [q for q in quantities if heads[id(q)][0] in ("victim", "body")
              or (heads[id(q)][0] == "bare" and not q.weak and not q.year_like)]
    both = any(mt.category == "both_sides" for mt in matches)

    def blocked(q: Quantity, t: Match) -> bool:
        """A clause break or another count of people between a quantity and a casualty word."""
        lo, hi = min(q.start, t.start), max(q.start, t.start)
        return any(lo < c < hi for c in clause_breaks) or any(lo <= p.start < hi and p is not q for p in people)

    out: list[Figure] = []
    for q in quantities:
        head = heads[id(q)]
        if head[0] == "reject":
            continue
        if head[0] == "bare" and (q.weak or q.year_like):
            continue
        if _preceded_by_ordinal(by_start, q, matches) or _background(q, matches, tokens):
            continue
        fld, scope, trig = None, [], None
        if head[0] == "body":
            fld, trig_end = "killed", head[2]
        else:
            trig_end = head[2]
        if fld is None:
            after = [t for t in triggers if t.start >= trig_end and t.start - trig_end <= (
                _AFTER_WINDOW if head[0] == "victim" else _AUX_WINDOW)]
            before = [t for t in triggers if t.end <= q.start and q.start - t.end <= (
                _BEFORE_WINDOW if head[0] == "victim" else _AUX_WINDOW)]
            cands = [(t.start - trig_end, t) for t in after] + [(q.start - t.end + 0.5, t) for t in before]
            cands = [(d, t) for d, t in cands if not blocked(q, t)]
            # a casualty word right before the count ("مقتل 5 جنود", "killing 5 soldiers") keeps it when the
            # word after the noun opens the next count ("... وإصابة 12 آخرين": "and the wounding of 12")
            next_counts = {t.start for t in after
                           if any(0 <= p.start - t.end <= 1 for p in quantities if p is not q)}
            if any(d <= 1 for d, t in cands if t in before):
                cands = [(d, t) for d, t in cands if t.start not in next_counts or t in before]
            if cands:
                trig = min(cands, key=lambda c: c[0])[1]
                fld = trig.category
                scope = _chain(tokens, by_start, trig, grammar)
            elif head[0] == "bare" or head[0] == "victim":
                toll = [t for t in tolls if t.end <= q.start and q.start - t.end <= _TOLL_WINDOW
                        and not any(t.end <= p.start < q.start for p in people if p is not q)
                        and not any(t.end <= c < q.start for c in clause_breaks)]
                if toll:
                    trig = toll[-1]
                    fld = trig.payload
        if fld is None and any(mt.category == "body" and 0 <= q.start - mt.end <= 2 for mt in matches):
            fld = "killed"  # "the bodies of 20 soldiers"
        if fld is None:
            continue
        if _negated_by_other_verb(by_start, matches, q, trig):
            continue
        group = head[1] if head[0] in ("victim", "body") else "unknown"
        np_end_tok = _np_end(tokens, by_start, head[2]) if head[0] in ("victim", "body") else q.end
        window = range(q.end, min(len(tokens), np_end_tok + 3))  # "7 de ses soldats", "soldiers of their side"
        self_ref = any("self_ref" in _cats(by_start, k) for k in window)
        victim_words = " ".join(t.norm for t in tokens[q.end:head[2]]) if head[0] != "bare" else ""
        # "six attackers", or the enemy named just before the number ("düşmənin 50 hərbçisi")
        before_words = [t.norm for t in tokens[max(0, q.start - 2):q.start]]
        hostile = any(h in victim_words.split() or h == victim_words or h in before_words for h in grammar.hostile)
        if both and group == "unknown":
            group = "mixed"
        lo, hi = q.low, q.high
        s_tok = min(q.start, trig.start) if trig is not None else q.start
        e_tok = max(np_end_tok, trig.end if trig is not None else q.end)
        out.append(Figure(
            field=fld, low=lo, high=hi, approximate=q.approximate or (lo != hi),
            victims=group, start=tokens[s_tok].start, end=tokens[e_tok - 1].end,
            np_start=tokens[q.start].start, np_end=tokens[max(np_end_tok, q.end) - 1].end,
            scope=scope if len(scope) > 1 else [], self_ref=self_ref, hostile=hostile,
            both_sides=both and not self_ref,
        ))
    return out


def _chain(tokens, by_start, trig: Match, grammar: Grammar) -> list[str]:
    """'killed, missing and wounded' -> all three fields share one figure."""
    fields_, i = [trig.category], trig.end
    while i < len(tokens):
        t = tokens[i]
        if t.text in (",", "&", "/") or t.norm in grammar.conjunctions:
            i += 1
            continue
        cats = _cats(by_start, i)
        nxt = next((cats[f] for f in FIELDS if f in cats), None)
        if nxt is None or nxt.category in fields_:
            break
        fields_.append(nxt.category)
        i = nxt.end
    return fields_


def _background(q: Quantity, matches: list[Match], tokens: list[Token]) -> bool:
    """'the conflict, which has left some 30,000 people dead': a whole conflict's running toll, not an event's.

    A ``background`` phrase ("which has left", "has killed") right before the number, whose subject is a
    ``conflict_nouns`` word ("conflict", "war") a few words (or a comma) before it.
    """
    for mt in matches:
        if mt.category == "background" and 0 <= q.start - mt.end <= 2:
            words = [i for i in range(max(0, mt.start - 5), mt.start) if tokens[i].kind != "punct"][-3:]
            if any(c.start in words or c.end - 1 in words for c in matches if c.category == "conflict"):
                return True
    return False


def _preceded_by_ordinal(by_start, q: Quantity, matches: list[Match]) -> bool:
    return any(mt.category == "ordinal" and mt.end == q.start for mt in matches)


def _negated_by_other_verb(by_start, matches, q: Quantity, trig: Match | None) -> bool:
    """'6 soldiers were arrested' / 'arrested 6 soldiers' / 'deployed 2,000 peacekeepers': not casualties."""
    if any(mt.category == "not_casualty" and 0 <= q.start - mt.end <= 1 for mt in matches):
        return True
    if trig is None:
        return False
    lo, hi = sorted((q.start, trig.start))
    return any(mt.category == "not_casualty" and lo < mt.start < hi for mt in matches)
