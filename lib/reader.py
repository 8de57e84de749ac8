"""The article reader, pure: an article's text with what the pipeline found marked inline, as safe HTML.

Input: the raw text (``Article.raw_text``; offsets into ``text`` are offsets into it), the place mentions, the
events with their evidence ``spans`` (figures, dates, claimants) and the ``removed`` page furniture. Output:
:func:`marks` (what to mark, each with a title saying what it was resolved to), :func:`segments` (the text cut
at every mark boundary, each piece with the marks covering it, so overlapping marks nest) and :func:`render`
(HTML: ``<mark>`` per place, date, figure and claimant, ``<del>`` for removed furniture).

Every piece of text and every title is HTML-escaped; nothing from the article reaches the page unescaped.
The text keeps its line breaks (``white-space: pre-wrap``) and each paragraph takes its own direction
(``dir="auto"``, ``unicode-bidi: plaintext``), so Arabic or Persian read right to left beside English.
"""
from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .maps import claim_figures, format_range, side_key, side_label

KINDS = ("removed", "focus", "figure", "claimant", "date", "place")  # outermost first when marks nest
LEGEND = {"place": "place", "date": "date", "figure": "casualty figure", "claimant": "claimed by",
          "removed": "removed page furniture", "focus": "the event you followed"}
REASONS = {"related-stories": "related stories", "read-more": "read-more link", "advertisement": "advertisement",
           "audio-caption": "audio caption", "date-line": "date line"}

CSS = """
<style>
.reader {white-space: pre-wrap; unicode-bidi: plaintext; line-height: 1.75; font-size: 15px;
         border: 1px solid rgba(128,128,128,.35); border-radius: 6px; padding: 12px 16px; overflow-wrap: anywhere;}
.reader mark, .reader-legend mark {color: inherit; padding: 1px 1px; border-radius: 3px;}
.reader mark.m-place, .reader-legend .m-place {background: #cfe3ff; border-bottom: 2px solid #1f6feb;}
.reader mark.m-date, .reader-legend .m-date {background: #cdf3d1; border-bottom: 2px solid #2da44e;}
.reader mark.m-figure, .reader-legend .m-figure {background: #ffe0b0; border-bottom: 2px solid #d97706;}
.reader mark.m-claimant, .reader-legend .m-claimant {background: #ead7ff; border-bottom: 2px solid #8250df;}
.reader del.m-removed, .reader-legend .m-removed {color: #8b8b8b; text-decoration: line-through;
                                                 background: rgba(128,128,128,.12);}
.reader .m-focus, .reader-legend .m-focus {outline: 2px solid #e5534b; outline-offset: 1px; border-radius: 2px;}
.reader .m-removed-label {display: inline-block; font: italic 11px/1.4 system-ui, sans-serif; color: #666;
                          background: rgba(128,128,128,.18); border-radius: 3px; padding: 0 5px; margin: 0 4px 0 0;
                          text-decoration: none; unicode-bidi: isolate;}
.reader-legend {font: 13px system-ui, sans-serif; margin: 4px 0 8px; display: flex; flex-wrap: wrap; gap: 10px;}
.reader-legend span {padding: 1px 6px;}
</style>
"""


@dataclass(frozen=True)
class Mark:
    """One stretch of the text to mark: its kind, what it was resolved to (``title``) and its event, if any."""

    start: int
    end: int
    kind: str  # place | date | figure | claimant | removed | focus
    title: str
    event_id: str | None = None


@dataclass(frozen=True)
class Segment:
    """A piece of the text and the marks covering all of it, outermost first."""

    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _val(value: object) -> str | None:
    return None if _missing(value) else str(value)


def _int(value: object) -> int | None:
    try:
        return None if _missing(value) else int(value)
    except (TypeError, ValueError):
        return None


def _fmt_coord(lat: object, lon: object) -> str:
    try:
        return f"{float(lat):.4f}, {float(lon):.4f}" if not (_missing(lat) or _missing(lon)) else "not mapped"
    except (TypeError, ValueError):
        return "not mapped"


# -- titles: what each mark was resolved to ------------------------------------------------------------
def place_title(p: dict) -> str:
    """``Place "Gəncə" → Ganja (town, AZ) · geonames:… · 40.6828, 46.3606 · confidence 0.93 · also: …``."""
    name, prec, country = _val(p.get("name")), _val(p.get("precision")), _val(p.get("country"))
    head = f"Place \u201c{p.get('surface', '')}\u201d → {name or 'not resolved'}"
    detail = ", ".join(x for x in (prec, country) if x)
    lines = [head + (f" ({detail})" if detail else ""),
             f"gazetteer: {_val(p.get('gazetteer_id')) or '—'}",
             f"coordinates: {_fmt_coord(p.get('lat'), p.get('lon'))}"]
    conf = p.get("confidence")
    if not _missing(conf):
        lines.append(f"confidence: {float(conf):.2f}")
    names = [n for n in (p.get("names") or []) if n and n != name]
    if isinstance(names, list) and names:
        lines.append("also: " + ", ".join(map(str, names[:6])))
    return "\n".join(lines)


def _event_lines(ev: dict) -> list[str]:
    place = _val(ev.get("place_name")) or _val(ev.get("place_surface")) or "no place"
    date = _val(ev.get("date")) or "no date"
    prec = _val(ev.get("date_precision"))
    side = side_label(side_key(_val(ev.get("victim_side"))))
    return [f"claim: {claim_figures(ev)}",
            f"victims: {_val(ev.get('victims')) or 'unknown'} · side: {side}",
            f"claimed by: {_val(ev.get('claimed_by')) or 'not stated'}",
            f"where: {place} · when: {date}{f' ({prec})' if prec and prec != 'day' else ''}"]


def span_title(kind: str, span: dict, ev: dict) -> str:
    """The title of an evidence span of an event."""
    label = _val(span.get("label")) or ""
    if kind == "figure":
        return "\n".join([f"Casualty figure: {label}", *_event_lines(ev)])
    if kind == "date":
        basis = _val(ev.get("date_basis"))
        resolved = _val(ev.get("date")) or "not resolved"
        if _val(ev.get("date_end")):
            resolved += f" – {ev['date_end']}"
        return "\n".join([f"Date \u201c{label}\u201d → {resolved}"
                          + (f" ({ev['date_precision']})" if _val(ev.get("date_precision")) else ""),
                          *([f"how: {basis}"] if basis else [])])
    if kind == "claimant":
        return f"Claimed by: {_val(ev.get('claimed_by')) or label}\n" + claim_figures(ev)
    return label


def figure_bounds(ev: dict) -> dict[str, str]:
    """``{"killed": "≈ 24–99", ...}`` for the figures an event states."""
    approx = bool(ev.get("approximate")) if not _missing(ev.get("approximate")) else False
    out = {}
    for f in ("killed", "wounded", "missing"):
        r = format_range(ev.get(f"{f}_low"), ev.get(f"{f}_high"), approx)
        if r:
            out[f] = r
    return out


# -- marks and segments ---------------------------------------------------------------------------------
def _clamp(start: object, end: object, n: int) -> tuple[int, int] | None:
    s, e = _int(start), _int(end)
    if s is None or e is None:
        return None
    s, e = max(0, s), min(n, e)
    return (s, e) if s < e else None


def marks(text: str, places: Iterable[dict] = (), events: Iterable[dict] = (), removed: Iterable[dict] = (),
          focus: str | None = None) -> list[Mark]:
    """Everything to mark in ``text``; marks of one kind on the same stretch are merged (titles joined)."""
    n = len(text)
    found: dict[tuple[int, int, str], list] = {}

    def add(rng: tuple[int, int] | None, kind: str, title: str, event_id: str | None = None) -> None:
        if rng is None:
            return
        slot = found.setdefault((*rng, kind), [[], event_id])
        if title and title not in slot[0]:
            slot[0].append(title)

    for r in removed:
        reason = _val(r.get("reason")) or "page furniture"
        add(_clamp(r.get("start"), r.get("end"), n), "removed", f"Removed: {REASONS.get(reason, reason)}")
    for p in places:
        add(_clamp(p.get("start"), p.get("end"), n), "place", place_title(p))
    for ev in events:
        eid = _val(ev.get("id"))
        for span in ev.get("spans") or []:
            kind = span.get("kind")
            if kind in ("figure", "date", "claimant"):
                add(_clamp(span.get("start"), span.get("end"), n), kind, span_title(kind, span, ev), eid)
        if focus is not None and eid == focus and _val(ev.get("sentence")):
            start = _int(ev.get("sentence_start")) or 0
            sentence = str(ev["sentence"])
            if text[start:start + len(sentence)] != sentence:  # the offset is stale: find the sentence
                start = max(text.find(sentence), 0) if sentence in text else -1
            if start >= 0:
                add(_clamp(start, start + len(sentence), n), "focus", "The event you followed:\n"
                    + "\n".join(_event_lines(ev)), eid)
    return [Mark(s, e, kind, "\n—\n".join(titles), eid) for (s, e, kind), (titles, eid) in sorted(found.items())]


def segments(text: str, marks_: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; each piece lists the marks covering it, outermost first."""
    ms = list(marks_)
    cuts = sorted({0, len(text), *(m.start for m in ms), *(m.end for m in ms)})
    order = {k: i for i, k in enumerate(KINDS)}
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        covering = sorted((m for m in ms if m.start <= a and b <= m.end),
                          key=lambda m: (order.get(m.kind, len(KINDS)), -(m.end - m.start), m.start))
        out.append(Segment(a, b, text[a:b], tuple(covering)))
    return out


def _open(m: Mark, first: bool) -> str:
    title = html.escape(m.title, quote=True)
    ev = f' data-event="{html.escape(m.event_id, quote=True)}"' if m.event_id else ""
    if m.kind == "removed":
        label = html.escape(m.title.removeprefix("Removed: "), quote=False)
        badge = f'<span class="m-removed-label" dir="auto">removed: {label}</span>' if first else ""
        return f'{badge}<del class="m-removed" title="{title}">'
    if m.kind == "focus":
        return f'<span class="m-focus" title="{title}"{ev}>'
    return f'<mark class="m-{m.kind}" title="{title}"{ev}>'


def _close(m: Mark) -> str:
    return "</del>" if m.kind == "removed" else "</span>" if m.kind == "focus" else "</mark>"


def render(text: str, marks_: Iterable[Mark], *, offset: int = 0, css: bool = True) -> str:
    """Safe HTML of ``text`` with ``marks_`` (offsets into ``text``, less ``offset``) nested per piece."""
    shifted = [Mark(m.start - offset, m.end - offset, m.kind, m.title, m.event_id) for m in marks_]
    shifted = [m for m in (_clip(m, len(text)) for m in shifted) if m is not None]
    parts = []
    for seg in segments(text, shifted):
        body = html.escape(seg.text, quote=False)
        opens = "".join(_open(m, seg.start == m.start) for m in seg.marks)
        closes = "".join(_close(m) for m in reversed(seg.marks))
        parts.append(f"{opens}{body}{closes}")
    return (CSS if css else "") + '<div class="reader" dir="auto">' + "".join(parts) + "</div>"


def _clip(m: Mark, n: int) -> Mark | None:
    s, e = max(0, m.start), min(n, m.end)
    return Mark(s, e, m.kind, m.title, m.event_id) if s < e else None


def legend_html(kinds: Iterable[str] = ("place", "date", "figure", "claimant", "removed", "focus")) -> str:
    """A row of sample chips, one per kind of mark."""
    chips = []
    for k in kinds:
        tag = "del" if k == "removed" else "span"
        chips.append(f'<{tag} class="m-{k}">{html.escape(LEGEND[k])}</{tag}>')
    return CSS + '<div class="reader-legend">' + "".join(chips) + "</div>"


def article_html(text: str, places: Iterable[dict] = (), events: Iterable[dict] = (),
                 removed: Iterable[dict] = (), focus: str | None = None) -> str:
    """The whole reader: ``text`` with its places, dates, figures, claimants and removed furniture marked."""
    return render(text, marks(text, places, events, removed, focus))


def excerpt_html(text: str, start: int, end: int, places: Iterable[dict] = (), events: Iterable[dict] = ()) -> str:
    """``text[start:end]`` (an event's sentence) with the marks that fall in it."""
    start, end = max(0, start), min(len(text), end)
    return render(text[start:end], marks(text, places, events), offset=start)


# -- the list of sources and the tables beside the reader -------------------------------------------------
def _name(source: object) -> str:
    return str(source or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def article_labels(articles: pd.DataFrame) -> list[str]:
    """``Title · vi · 2020-10-05`` for each article (the file name where there is no title)."""
    out = []
    for a in articles.to_dict("records"):
        title = _val(a.get("title")) or _name(a.get("source")) or str(a.get("id"))
        title = title if len(title) <= 90 else title[:89] + "…"
        out.append(f"{title} · {_val(a.get('language')) or '?'} · {_val(a.get('published')) or 'no date'}")
    return out


def articles_table(articles: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per article: title, language, outlet, date, places, events, events with figures, warnings."""
    fig_cols = [c for c in ("killed_low", "killed_high", "wounded_low", "wounded_high", "missing_low",
                            "missing_high") if c in events.columns]
    with_figures = (events[events[fig_cols].notna().any(axis=1)]["article_id"].value_counts()
                    if len(events) and fig_cols else pd.Series(dtype="int64"))
    rows = []
    for a in articles.to_dict("records"):
        warnings = a.get("warnings") if isinstance(a.get("warnings"), list) else []
        rows.append({
            "title": _val(a.get("title")) or "—",
            "file or URL": _name(a.get("source")),
            "language": _val(a.get("language")) or "?",
            "outlet": _val(a.get("outlet")) or "—",
            "published": _val(a.get("published")) or "—",
            "places": _int(a.get("n_places")) or 0,
            "events": _int(a.get("n_events")) or 0,
            "with figures": int(with_figures.get(a.get("id"), 0)),
            "warnings": "; ".join(map(str, warnings)),
            "url": _val(a.get("url")) if str(a.get("url") or "").lower().startswith(("http://", "https://")) else None,
        })
    return pd.DataFrame(rows, columns=["title", "file or URL", "language", "outlet", "published", "places", "events",
                                       "with figures", "warnings", "url"])


def places_table(places: pd.DataFrame) -> pd.DataFrame:
    """The place mentions of an article and what each resolved to."""
    rows = []
    for p in places.to_dict("records"):
        names = p.get("names") if isinstance(p.get("names"), list) else []
        rows.append({
            "as written": p.get("surface"),
            "at": _int(p.get("start")),
            "resolved to": _val(p.get("name")) or "not resolved",
            "precision": _val(p.get("precision")) or "—",
            "country": _val(p.get("country")) or "—",
            "coordinates": _fmt_coord(p.get("lat"), p.get("lon")),
            "gazetteer entry": _val(p.get("gazetteer_id")) or "—",
            "confidence": None if _missing(p.get("confidence")) else round(float(p["confidence"]), 2),
            "other names": ", ".join(map(str, names[:8])),
        })
    return pd.DataFrame(rows, columns=["as written", "at", "resolved to", "precision", "country", "coordinates",
                                       "gazetteer entry", "confidence", "other names"])
