"""From an article's sentences, figures, claims, dates and places to events (one per claim).

For every sentence:

- its casualty figures (``casualties.find_figures``) become events; figures of different kinds
  that follow each other with nothing new about the victims ("a soldier was killed ... another
  serviceman was wounded", "18 were killed and 35 injured") share one event;
- a sentence with an incident word (``[events] incident``: clashes, shelling, giao tranh, bentrok)
  and a town or region (a country alone is too vague to map) but no figure becomes an event without
  figures;
- the **claimant** is the nearest "according to X" before the figure, else the nearest "X said";
  "the ministry said" points back to the last claimant with the same head noun;
- the **victims' side** is a country named in the victims' noun phrase ("soldier of the
  Azerbaijan army", "binh sĩ Armenia", "one Russian soldier"), else the claimant's country for "of the
  country" / "their side", else, for "attackers" / "the enemy", the other party of the article's
  two main countries;
- the **date** is the sentence's own date, else the last dated sentence of the same paragraph;
- the **place** is where the clause says it happened: a town or region after a locative word in the
  sentence, else a town or region of the sentence, else one of the two sentences before in the same
  paragraph, else the article's main place (at a coarser ``geo_precision``), else a country named in
  the sentence (outside the claimant and the victims), else the article's main country.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from . import lexicon
from .casualties import FIELDS, Figure, Grammar, find_figures
from .claims import Claim, find_claims, head, pronouns
from .dates import DateMention, find_dates
from .models import GEO_PRECISION, Event, PlaceMention, stable_id
from .sentences import Sentence, split
from .tokens import PhraseMatcher, Token, tokenize


@dataclass
class _Draft:
    figures: list[Figure] = field(default_factory=list)
    side: str | None = None
    side_explicit: bool = False
    side_basis: str | None = None


@cache
def _demonyms(lang: str | None) -> Demonyms:
    table = dict(lexicon.section("en", "places").get("demonyms", {}))
    table.update(lexicon.section(lang, "places").get("demonyms", {}))
    return Demonyms(table)


class Demonyms:
    """Nationality words to countries; a key ending in ``*`` is a stem (``армянск*`` -> AM)."""

    def __init__(self, table: dict[str, str]):
        self.exact = {k.casefold(): v for k, v in table.items() if not k.endswith("*")}
        self.stems = sorted(((k.rstrip("*").casefold(), v) for k, v in table.items() if k.endswith("*")),
                            key=lambda kv: -len(kv[0]))

    def get(self, word: str) -> str | None:
        w = word.casefold()
        if w in self.exact:
            return self.exact[w]
        return next((v for stem, v in self.stems if w.startswith(stem)), None)


@cache
def _incident_matcher(lang: str | None) -> PhraseMatcher | None:
    words = lexicon.section(lang, "events").get("incident", [])
    if not words:
        return None
    m = PhraseMatcher()
    m.add_all(words, "incident")
    return m


@cache
def _locatives(lang: str | None) -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon.section(lang, "places").get("locatives", []))


LEAD_SENTENCES = 3  # a day named in the first sentences dates the story's undated figures


class ArticleContext:
    """What the whole article says that single sentences lean on: its main place and countries."""

    def __init__(self, places: list[PlaceMention], lang: str | None):
        self.places = places
        mappable = [p for p in places if p.lat is not None]
        sub = [p for p in mappable if p.precision in ("town", "region")]
        counts = Counter(p.gazetteer_id for p in sub)
        first = {}
        for p in sub:
            first.setdefault(p.gazetteer_id, p)
        self.main_place = first[max(counts, key=lambda g: (counts[g], -first[g].start))] if counts else None
        countries = Counter(p.country for p in mappable if p.country and p.precision == "country")
        countries.update(p.country for p in sub if p.country)
        self.countries = [c for c, _ in countries.most_common()]
        country_places = {}
        for p in mappable:
            if p.precision == "country" and p.country:
                country_places.setdefault(p.country, p)
        self.country_places = country_places
        self.demonyms = _demonyms(lang)

    def other_party(self, side: str | None) -> str | None:
        dyad = self.countries[:2]
        if side in dyad and len(dyad) == 2:
            return dyad[1] if dyad[0] == side else dyad[0]
        return None

    def countries_in(self, tokens: list[Token], start: int, end: int,
                     precisions: tuple[str, ...] = ("country", "region", "town")) -> list[str]:
        """Countries named in a stretch of text: place mentions (of the given precisions) and nationality words."""
        found: list[tuple[int, str]] = []
        for p in self.places:
            if start <= p.start and p.end <= end and p.country and p.precision in precisions:
                found.append((p.start, p.country))
        for t in tokens:
            if start <= t.start and t.end <= end and t.kind == "word" and (iso := self.demonyms.get(t.norm)):
                found.append((t.start, iso))
        return [c for _, c in sorted(found)]


def build_events(article_id: str, text: str, lang: str | None, published: date | None,
                 places: list[PlaceMention]) -> list[Event]:
    grammar = Grammar.for_language(lang)
    ctx = ArticleContext(places, lang)
    incident = _incident_matcher(lang)
    sentences = split(text, lang)
    events: list[Event] = []
    last_date: dict[int, DateMention] = {}  # paragraph -> last dated mention seen
    lead: DateMention | None = None  # the story's own date: a day named in its first sentences
    claims_seen: list[Claim] = []
    history: list[Sentence] = []
    for sent in sentences:
        tokens = tokenize(sent.text, offset=sent.start)
        dates = list(find_dates(sent.text, lang, published))
        dates = [DateMention(d.start + sent.start, d.end + sent.start, d.text, d.date, d.date_end, d.precision,
                             d.partial, d.basis) for d in dates]
        claims = [_resolve_anaphor(c, claims_seen, lang) for c in find_claims(tokens, text, lang)
                  if not _mentions_figures(c, tokens, grammar)]
        figures = find_figures(tokens, grammar, [(d.start, d.end) for d in dates]) if grammar else []
        own = _pick_date(dates)
        if lead is None and own is not None and own.precision in ("day", "week") and len(history) < LEAD_SENTENCES:
            lead = own
        sent_date = own or last_date.get(sent.paragraph) or lead
        inherited = sent_date is not None and own is None
        drafts = _group(figures, tokens, claims, ctx)
        if (not drafts and incident is not None and incident.scan(tokens)
                and any(sent.start <= p.start < sent.end and p.lat is not None and p.precision in ("town", "region")
                        for p in places)):
            drafts = [_Draft()]
        for k, d in enumerate(drafts):
            ev = _event(article_id, text, sent, tokens, d, claims, sent_date, inherited, ctx, history, lang, k)
            events.append(ev)
        if dates and _pick_date(dates):
            last_date[sent.paragraph] = _pick_date(dates)
        claims_seen.extend(c for c in claims if not c.anaphoric)
        history.append(sent)
    return events


def _mentions_figures(c: Claim, tokens: list[Token], grammar: Grammar | None) -> bool:
    """'dozens of casualties reported': what stands before the verb is a figure, not a claimant."""
    inside = [t for t in tokens if c.start <= t.start and t.end <= c.end]
    if any(t.kind == "num" for t in inside):
        return True
    if grammar is None:
        return False
    cats = {mt.category for mt in grammar.matcher.scan(inside)}
    return bool(cats & {"vague", "killed", "wounded", "missing", "body", "toll"})


def _pick_date(dates: list[DateMention]) -> DateMention | None:
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    known = [d for d in dates if d.precision in rank]
    if known:
        return min(known, key=lambda d: (rank[d.precision], d.start))
    partial = [d for d in dates if d.partial]
    return partial[0] if partial else None


def _resolve_anaphor(c: Claim, seen: list[Claim], lang: str | None) -> Claim:
    if not c.anaphoric:
        return c
    h = head(c.text)
    for prev in reversed(seen):
        if c.text.casefold() in pronouns(lang) or head(prev.text) == h:
            return Claim(prev.text, c.start, c.end, c.marker_start, c.kind, anaphoric=False)
    return c


def _claim_for(fig: Figure, claims: list[Claim]) -> Claim | None:
    """The nearest 'according to X' before the figure, else the nearest 'X said' anywhere in the sentence."""
    before = [c for c in claims if c.kind == "before" and c.end <= fig.np_start]
    if before:
        return max(before, key=lambda c: c.end)
    said = [c for c in claims if c.kind == "after" and not c.anaphoric]
    if said:
        return min(said, key=lambda c: abs(c.marker_start - fig.start))
    return None


def _group(figures: list[Figure], tokens: list[Token], claims: list[Claim], ctx: ArticleContext) -> list[_Draft]:
    drafts: list[_Draft] = []
    for f in figures:
        # whose people: a country or a nationality named with the victims ("soldiers of the Azerbaijan army");
        # a town or region there says where they were, not whose they were
        named = ctx.countries_in(tokens, f.np_start, f.np_end, precisions=("country",))
        side, explicit, basis = (named[0], True, "named with the victims") if named else (None, False, None)
        if side is None:
            claim = _claim_for(f, claims)
            claim_side = _claim_country(claim, tokens, ctx) if claim else None
            if f.hostile:
                side, basis = ctx.other_party(claim_side), "the claimant's adversary"
            elif f.self_ref:
                side, basis = claim_side, "the claimant's own side"
            elif claim_side and not f.both_sides:
                # a government or army reporting losses without naming whose: by convention its own
                # (enemy losses are named as such); said in side_basis, with a lower confidence
                side, basis = claim_side, "assumed: the claimant's own side"
            explicit = side is not None and not basis.startswith("assumed")
        cur = drafts[-1] if drafts else None
        joins = (cur is not None and f.field not in {g.field for g in cur.figures}
                 and not f.scope and not explicit)
        if joins:
            cur.figures.append(f)
        else:
            drafts.append(_Draft([f], side, explicit, basis))
    return drafts


def _claim_country(claim: Claim, tokens: list[Token], ctx: ArticleContext) -> str | None:
    named = ctx.countries_in(tokens, claim.start, claim.end)
    if named:
        return named[0]
    # an anaphor resolved to an earlier sentence's claimant: read the country off its words
    words = claim.text.replace("’", " ").replace("'", " ").split()
    for w in words:
        cf = w.casefold()
        if iso := ctx.demonyms.get(cf):
            return iso
        for p in ctx.places:
            if p.surface.casefold() == cf and p.country and p.precision == "country":
                return p.country
    return None


def _event(article_id: str, text: str, sent: Sentence, tokens: list[Token], d: _Draft, claims: list[Claim],
           when: DateMention | None, inherited: bool, ctx: ArticleContext, history: list[Sentence],
           lang: str | None, k: int) -> Event:
    ev = Event(id="", article_id=article_id, sentence=sent.text, sentence_start=sent.start)
    for f in d.figures:
        setattr(ev, f"{f.field}_low", f.low)
        setattr(ev, f"{f.field}_high", f.high)
        ev.approximate = ev.approximate or f.approximate
    if d.figures:
        f0 = d.figures[0]
        groups = {f.victims for f in d.figures} - {"unknown"}
        ev.victims = groups.pop() if len(groups) == 1 else ("mixed" if groups else f0.victims)
        ev.victim_side = d.side
        ev.side_basis = d.side_basis if d.side else None
        claim = _claim_for(f0, claims)
        ev.claimed_by = claim.text if claim and not claim.anaphoric else None
        ev.figure_text = "; ".join(text[f.start:f.end] for f in d.figures)
        if f0.scope:
            ev.figure_text += f" [one figure for: {', '.join(f0.scope)}]"
    else:
        claim = next((c for c in claims if not c.anaphoric), None)
        ev.claimed_by = claim.text if claim else None
    if when is not None:
        ev.date, ev.date_end, ev.date_precision = when.date, when.date_end, when.precision
        ev.date_text = when.text + (" (earlier in the paragraph)" if inherited else "")
        ev.date_partial = when.partial
        ev.date_basis = ("inherited: " if inherited else "") + when.basis
    for f in d.figures:
        ev.spans.append({"kind": "figure", "start": f.start, "end": f.end,
                         "label": f"{'/'.join(f.scope) if f.scope else f.field}: {_bounds(f.low, f.high)}"})
    if when is not None and not inherited:
        ev.spans.append({"kind": "date", "start": when.start, "end": when.end,
                         "label": when.date or when.partial or ""})
    if d.figures and claim is not None and not claim.anaphoric and sent.start <= claim.start < sent.end:
        ev.spans.append({"kind": "claimant", "start": claim.start, "end": claim.end, "label": claim.text})
    excluded = [(f.np_start, f.np_end) for f in d.figures] + [(c.start, c.end) for c in claims]
    _place(ev, sent, tokens, ctx, history, excluded, lang)
    figs = ";".join(f"{f.field}:{f.low}:{f.high}" for f in d.figures)
    ev.id = stable_id(article_id, sent.start, k, figs)
    ev.confidence = _confidence(ev, d)
    return ev


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is None:
        return f"more than {low}" if low else "unknown"
    if low is None:
        return f"up to {high}"
    return str(low) if low == high else f"{low}–{high}"


def _inside(p: PlaceMention, spans: list[tuple[int, int]]) -> bool:
    return any(s <= p.start and p.end <= e for s, e in spans)


def _place(ev: Event, sent: Sentence, tokens: list[Token], ctx: ArticleContext, history: list[Sentence],
           excluded: list[tuple[int, int]], lang: str | None) -> None:
    in_sent = [p for p in ctx.places if sent.start <= p.start < sent.end and p.lat is not None]
    sub = [p for p in in_sent if p.precision in ("town", "region") and not _inside(p, excluded)]
    loc = _locatives(lang)
    governed = [p for p in sub if _preceded_by(tokens, p.start, loc)]
    chosen, coarser = None, False
    if governed or sub:
        # prefer a town over a region, then the first one: the clause's most specific place
        pool = governed or sub
        chosen = min(pool, key=lambda p: (p.precision != "town", p.start))
    else:
        for prev in reversed(history[-2:]):
            if prev.paragraph != sent.paragraph:
                break
            near = [p for p in ctx.places if prev.start <= p.start < prev.end and p.lat is not None
                    and p.precision in ("town", "region")]
            if near:
                chosen = min(near, key=lambda p: (p.precision != "town", p.start))
                break
    if chosen is None and ctx.main_place is not None:
        chosen, coarser = ctx.main_place, True
    if chosen is None:
        countries = [p for p in in_sent if p.precision == "country" and not _inside(p, excluded)]
        if countries:
            chosen = countries[0]
        elif ctx.countries and ctx.countries[0] in ctx.country_places:
            chosen, coarser = ctx.country_places[ctx.countries[0]], True
    if chosen is None:
        return
    ev.place_surface, ev.place_name, ev.country = chosen.surface, chosen.name, chosen.country
    ev.lat, ev.lon, ev.gazetteer_id = chosen.lat, chosen.lon, chosen.gazetteer_id
    gp = GEO_PRECISION.get(chosen.precision or "", 3)
    ev.geo_precision = min(3, gp + 1) if coarser and gp < 3 else gp
    ev.place_basis = "article's main place" if coarser else "named in the sentence" if chosen in in_sent else (
        "named just before")


def _preceded_by(tokens: list[Token], start: int, words: frozenset[str]) -> bool:
    prev = [t for t in tokens if t.end <= start][-3:]
    return any(t.norm in words for t in prev)


def _confidence(ev: Event, d: _Draft) -> float:
    c = 0.5
    if d.figures:
        c += 0.2
    if ev.claimed_by:
        c += 0.1
    if d.side_basis and d.side_basis.startswith("assumed"):
        c -= 0.1
    if ev.date_precision == "day":
        c += 0.1
    if ev.geo_precision == 1:
        c += 0.1
    return round(min(c, 0.95), 2)


__all__ = ["FIELDS", "build_events"]
