"""The event map as a folium ``Map`` that loads nothing from outside the machine.

Leaflet comes from the vendored copy (``lib/assets.py``) under ``asset_prefix``; no tiles unless asked;
only elements that need nothing but Leaflet itself. Folium's ``Popup`` needs jQuery and its ``Tooltip``
puts text into a JS template literal, so markers, popups, tooltips and the legend are emitted by the
small elements below, with every piece of article text HTML-escaped and then JSON-encoded.

Events at the same coordinates become one circle per place (``aggregate_places``); above ``max_places``
places they are pooled on a coarser grid, so the page never carries one element per event.
"""
from __future__ import annotations

import contextvars
import html
import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import PurePath

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

DEFAULT_ASSET_PREFIX = "/app/static/vendor"
# with no place to fit the view to, the whole world (no region of any corpus is the default)
DEFAULT_CENTER, DEFAULT_ZOOM = (20.0, 0.0), 2
DEFAULT_BBOX = (-60.0, -180.0, 80.0, 180.0)  # south, west, north, east
MAX_PLACES = 800
POPUP_EVENTS, POPUP_SENTENCE = 3, 240  # per place on the map; the details panel lists them all
GRID_STEPS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
PRECISION_NAMES = {1: "town", 2: "region", 3: "country"}

UNKNOWN_SIDE = "unknown"
UNKNOWN_COLOUR = "#6b6b6b"
# ColorBrewer Dark2 + Set1, distinct on a light map; sides get them in order of how often they are hit
_PALETTE = ("#1f78b4", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#1b9e77", "#e6ab02", "#e41a1c",
            "#377eb8", "#984ea3", "#ff7f00", "#a65628", "#f781bf")
# the colours of the sides of the store being shown (set per page run by lib/ui.py; a context variable, so
# each session's script thread has its own); without one a side's colour comes from its code alone
_SIDE_COLOURS: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar("side_colours", default=None)


def side_palette(sides_by_frequency: list[str]) -> dict[str, str]:
    """Distinct colours for the sides of a store, the most often hit first (any conflict, no list of countries)."""
    keys = [s for s in dict.fromkeys(sides_by_frequency) if s != UNKNOWN_SIDE]
    return {UNKNOWN_SIDE: UNKNOWN_COLOUR, **{k: _PALETTE[i % len(_PALETTE)] for i, k in enumerate(keys)}}


def use_side_palette(palette: dict[str, str] | None) -> None:
    """Make ``side_colour`` use ``palette`` in this context (this page run)."""
    _SIDE_COLOURS.set(palette)


_CSS = """
<style>
.ev-popup {font: 13px/1.35 system-ui, sans-serif; max-width: 360px;}
.ev-popup h4 {margin: 0 0 2px; font-size: 14px;}
.ev-popup .muted {color: #666;}
.ev-popup ol {padding-left: 18px; margin: 6px 0 0;}
.ev-popup li {margin-bottom: 6px;}
.ev-popup blockquote {margin: 3px 0; padding-left: 6px; border-left: 3px solid #ddd; color: #333;}
.ev-legend {background: rgba(255,255,255,.93); padding: 7px 10px; border-radius: 6px; line-height: 1.5;
            font: 12px system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.25); color: #222;}
.ev-legend b {display: block; margin-bottom: 2px;}
.ev-legend .muted {color: #555; font-size: 11px;}
.ev-popup .claim {margin-top: 4px;}
path.ev-selected {pointer-events: none;}
.ev-legend i {display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
              vertical-align: -1px;}
.leaflet-tooltip {position: absolute; white-space: nowrap;}  /* before leaflet.css arrives: labels measure right */
.leaflet-tooltip.country-name {background: transparent; border: 0; box-shadow: none; color: #8a8f98;
                               font: italic 12px system-ui, sans-serif; padding: 0;}
.leaflet-tooltip.place-name {background: transparent; border: 0; box-shadow: none; color: #30363d; padding: 0;
                             font: 11px system-ui, sans-serif; text-shadow: 0 0 3px #fff, 0 0 2px #fff;}
.leaflet-tooltip.country-name:before, .leaflet-tooltip.place-name:before {display: none;}
.leaflet-container {background: #e6edf3;}
</style>
"""


# -- safe elements ---------------------------------------------------------------------------------
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def safe_json(obj: object) -> str:
    """JSON for a ``<script>``: ``<``, ``>``, ``&`` and ``'`` escaped (no ``</script>`` break-out), and no ``{{``,
    ``{%`` or ``{#`` left (JSON strings spell that ``{`` as ``\\u007b``), so article text can never be read as
    a Jinja template by anything that renders the page again."""
    text = (json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027"))
    return _JINJA_OPEN.sub(r"\\u007b", text)


class _Text(Element):
    """Text put into the page as it is: never compiled as a template."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class SafeElement(MacroElement):
    """A map element whose rendered macros go into the page as text.

    branca's ``MacroElement.render`` wraps each rendered macro in ``Element(...)``, which compiles it as a
    Jinja template: slow for a large layer and, with article text inside, a template injection (a sentence
    holding ``{{ 7*7 }}`` would print 49). The map's own elements render through here instead.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Text(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


# -- victim sides -------------------------------------------------------------------------------
def side_key(value: object) -> str:
    """The ISO2 code of a victim side, or ``"unknown"``."""
    return value.strip().upper() if isinstance(value, str) and value.strip() else UNKNOWN_SIDE


@lru_cache(maxsize=256)
def side_label(key: str) -> str:
    """A readable name for a victim side key: the country's common name (pycountry), or the key itself."""
    if key == UNKNOWN_SIDE:
        return "Side not stated"
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=key)
    except (ImportError, KeyError, LookupError):
        country = None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or key


def side_colour(key: str) -> str:
    """The colour of a victim side: from the store's palette (``use_side_palette``), else from its code."""
    palette = _SIDE_COLOURS.get()
    if palette and key in palette:
        return palette[key]
    if key == UNKNOWN_SIDE:
        return UNKNOWN_COLOUR
    return _PALETTE[sum(ord(c) * 31 ** i for i, c in enumerate(key)) % len(_PALETTE)]


# -- text -----------------------------------------------------------------------------------------
def _num(value: object) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def format_range(low: object, high: object, approximate: bool = False) -> str:
    """``5``, ``≈ 24–99``, ``more than 50``, ``up to 10``, or ``""`` when nothing is stated."""
    lo, hi = _num(low), _num(high)
    if lo is None and hi is None:
        return ""
    if hi is None:
        return f"more than {lo:,}"
    if lo is None:
        return f"up to {hi:,}"
    text = f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"
    return f"≈ {text}" if approximate else text


def claim_figures(ev: dict | pd.Series) -> str:
    """``killed ≈ 24–99, wounded 3`` for one event, or ``no figures``."""
    parts = []
    for f in ("killed", "wounded", "missing"):
        r = format_range(ev.get(f"{f}_low"), ev.get(f"{f}_high"), bool(ev.get("approximate")))
        if r:
            parts.append(f"{f} {r}")
    return ", ".join(parts) or "no figures"


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _esc(value: object) -> str:
    return html.escape(_text(value), quote=True)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _source_html(ev: dict | pd.Series) -> str:
    src = _text(ev.get("outlet")) or PurePath(_text(ev.get("source")) or "unknown source").name
    url = _text(ev.get("url"))
    if url.startswith(("http://", "https://")):
        return f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">{_esc(src)}</a>'
    return _esc(src)


def _span(first: object, last: object) -> str:
    if pd.isna(first):
        return "undated"
    a, b = pd.Timestamp(first).date().isoformat(), pd.Timestamp(last).date().isoformat()
    return a if a == b else f"{a} – {b}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def date_label(ev: dict | pd.Series) -> str:
    """An event's date with its precision: ``2020-10-02``, ``2020-10-01 – 2020-10-10``, ``2020-11 (month
    only)``, ``2020 (year only)``, ``20 September (year not stated)`` or ``no date``."""
    d, end, prec = _text(ev.get("date")), _text(ev.get("date_end")), _text(ev.get("date_precision"))
    partial = _text(ev.get("date_partial"))
    if d:
        if prec == "year" or len(d) == 4:
            return f"{d[:4]} (year only)"
        if prec == "month" or len(d) == 7:
            return f"{d[:7]} (month only)"
        return f"{d[:10]} – {end[:10]}" if end and end[:10] > d[:10] else d[:10]
    if partial.startswith("--") and len(partial) >= 4 and partial[2:4].isdigit() and 1 <= int(partial[2:4]) <= 12:
        month = _MONTHS[int(partial[2:4]) - 1]
        day = partial[5:7] if len(partial) >= 7 and partial[5:7].isdigit() else ""
        return f"{int(day)} {month} (year not stated)" if day else f"{month} (year not stated)"
    return "no date"


def _claims_html(reports: list[dict], max_sentence: int) -> str:
    """The claims of one incident: each distinct figure with its claimant, sources and evidence."""
    by_claim: dict[str, list[dict]] = {}
    for r in reports:
        by_claim.setdefault(_text(r.get("claim_id")) or _text(r.get("id")), []).append(r)
    parts = []
    for rs in by_claim.values():
        r = rs[0]
        who = next((_text(x.get("claimed_by")) for x in rs if _text(x.get("claimed_by"))), "")
        bits = [f"<b>{_esc(claim_figures(r))}</b>", f"claimed by {_esc(who)}" if who else "claimant not stated"]
        sources = list(dict.fromkeys(_source_html(x) for x in rs))
        n = len({_text(x.get("article_id")) for x in rs})
        if n > 1:
            bits.append(f"{n} articles")
        parts.append(f'<div class="claim">{" · ".join(bits)}<blockquote>'
                     f'{_esc(_clip(_text(r.get("sentence")), max_sentence))}</blockquote>'
                     f'<span class="muted">{" · ".join(sources[:4])}</span></div>')
    return "".join(parts)


def _popup_html(place: dict | pd.Series, incidents: list[list[dict]], *, names: Iterable[str] = (),
                max_sentence: int = 320) -> str:
    """The popup of one place from its first incidents (each a list of its reports, as dicts)."""
    kind = PRECISION_NAMES.get(int(place["precision"]), "place")
    n, undated = int(place["n_events"]), int(place["n_undated"])
    span = _span(place["first_day"], place["last_day"]) + (f" (+{undated} undated)" if undated and n > undated else "")
    shown = {part.strip().casefold() for part in str(place["name"]).split(" / ")}
    also = [x for x in names if x.casefold() not in shown]
    head = (f'<h4>{_esc(place["name"])}</h4>'
            + (f'<div class="muted">also {_esc(", ".join(also))}</div>' if also else "")
            + f'<div class="muted">{kind}-level · {n} event{"s" * (n != 1)} · {_esc(span)}</div>')
    items = []
    for reports in incidents:
        r = reports[0]
        side = side_key(r.get("victim_side"))
        victims = _text(r.get("victims")) or "victims not stated"
        items.append(f"<li><b>{_esc(date_label(r))}</b> · {_esc(victims)} ({_esc(side_label(side))})"
                     f"{_claims_html(reports, max_sentence)}</li>")
    more = n - len(items)
    tail = (f'<div class="muted">and {more} more event{"s" * (more != 1)}: click the place to list them all</div>'
            if more > 0 else "")
    return f'<div class="ev-popup">{head}<ol>{"".join(items)}</ol>{tail}</div>'


def _incident_lists(reports: pd.DataFrame) -> list[list[dict]]:
    """Reports grouped by incident (``incident_id``, else one per report), ordered by day then id."""
    key = "incident_id" if "incident_id" in reports.columns else "id"
    rows = reports.sort_values(["day", "id"], na_position="last").to_dict("records")
    grouped: dict[str, list[dict]] = {}
    for r in rows:
        grouped.setdefault(str(r[key]), []).append(r)
    return list(grouped.values())


def place_popup(place: pd.Series | dict, events: pd.DataFrame, *, max_claims: int = 6,
                max_sentence: int = 320, names: Iterable[str] = ()) -> str:
    """The popup of one aggregated place: its names, precision, count and date span, then each event (up to
    ``max_claims``) with its date and precision, victims and side, and each claim with its bounds, claimant,
    evidence sentence and a link to the article. ``events`` are the place's reports.

    Every value from the data is HTML-escaped here; the result is safe to hand to Leaflet as HTML.
    """
    return _popup_html(place, _incident_lists(events)[:max_claims], names=names, max_sentence=max_sentence)


def marker_tooltip(place: pd.Series | dict) -> str:
    """The tooltip of a place's marker: ``place_tooltip`` and what kind of place it is."""
    tip, kind = place_tooltip(place), PRECISION_NAMES.get(int(place["precision"]), "place")
    return f"{tip} (country-level: no exact place)" if kind == "country" else tip if kind == "town" else \
        f"{tip} ({kind})"


def place_tooltip(place: pd.Series | dict) -> str:
    """A one-line plain-text summary of a place (Leaflet gets it as text, not HTML)."""
    n = int(place["n_events"])
    figs = [f"{int(place[f + '_low']):,} {f}" for f in ("killed", "wounded", "missing") if place[f + "_low"]]
    tail = f", {', '.join(figs)} (lower figures)" if figs else ""
    span = _span(place["first_day"], place["last_day"])
    return f"{place['name']} — {n} event{'s' * (n != 1)}, {span}{tail}"


# -- aggregation ----------------------------------------------------------------------------------
def _cell_codes(lat: np.ndarray, lon: np.ndarray, prec: np.ndarray, grid: float) -> np.ndarray:
    """One int64 per place (grid 0: coordinates to 4 decimals and precision) or per grid cell."""
    if grid:
        return np.round(lat / grid).astype(np.int64) * 100_000 + np.round(lon / grid).astype(np.int64)
    return (np.round(lat * 1e4).astype(np.int64) * 4_000_000 + np.round(lon * 1e4).astype(np.int64)) * 4 + prec


def side_keys(values: pd.Series) -> pd.Series:
    """``side_key`` of a whole column, vectorised."""
    s = values.where(values.notna(), "").astype(str).str.strip().str.upper()
    return s.where(s != "", UNKNOWN_SIDE)


PLACE_COLUMNS = ["lat", "lon", "precision", "name", "n_events", "n_undated", "killed_low", "wounded_low",
                 "missing_low", "side", "sides", "first_day", "last_day", "event_ids", "grid", "total_low"]


def _codes_for(df: pd.DataFrame, grid: float) -> np.ndarray:
    lat, lon = df["lat"].to_numpy(float), df["lon"].to_numpy(float)
    prec = df["geo_precision"].fillna(1).clip(1, 3).astype(int).to_numpy()
    return _cell_codes(lat, lon, prec, grid)


def aggregate_places(df: pd.DataFrame, *, max_places: int = MAX_PLACES) -> pd.DataFrame:
    """One row per place (same coordinates and precision) from a prepared, mappable frame of events (or of
    incidents, ``incidents.collapse``), vectorised.

    Above ``max_places`` places the events are pooled on the finest lat/lon grid of ``GRID_STEPS`` that
    fits (column ``grid`` > 0). Columns: lat, lon, precision, name, n_events, n_undated, killed_low,
    wounded_low, missing_low, total_low, side, sides, first_day, last_day, event_ids (the rows' ``id``), grid,
    code (the place's cell, see ``rows_of``).
    """
    df = df[df["lat"].notna() & df["lon"].notna()]
    if df.empty:
        return pd.DataFrame(columns=[*PLACE_COLUMNS, "code"])
    grid, codes = 0.0, _codes_for(df, 0.0)
    for step in GRID_STEPS:
        if len(np.unique(codes)) <= max_places:
            break
        grid, codes = step, _codes_for(df, step)
    gi, uniques = pd.factorize(codes)
    g = df.groupby(gi, sort=True)
    out = pd.DataFrame({"n_events": g.size()})
    out["code"] = uniques
    prec = df["geo_precision"].fillna(1).clip(1, 3).astype(int)
    if grid:
        out["lat"], out["lon"], out["precision"] = g["lat"].mean(), g["lon"].mean(), prec.groupby(gi).min()
    else:
        out["lat"], out["lon"] = g["lat"].first().round(4), g["lon"].first().round(4)
        out["precision"] = prec.groupby(gi).first()
    out["precision"] = out["precision"].astype(int)
    out["n_undated"] = (~df["dated"].astype(bool)).groupby(gi).sum().astype(int)
    for f in ("killed", "wounded", "missing"):
        out[f"{f}_low"] = df[f"{f}_low"].fillna(0).groupby(gi).sum().astype(int)
    out["first_day"], out["last_day"] = g["day"].min(), g["day_end"].max()
    # the name: the most frequent one (ties: alphabetical); on a grid, "X and 3 more places"
    name_code, name_values = pd.factorize(df["place_name"], sort=True)  # -1: no name
    has = name_code >= 0
    pair = pd.DataFrame({"g": gi[has], "n": name_code[has]}).value_counts().reset_index()
    pair = pair.sort_values(["g", "count", "n"], ascending=[True, False, True])
    first = pair.drop_duplicates("g").set_index("g")["n"]
    name = pd.Series(np.asarray(name_values, dtype=object)[first.to_numpy()], index=first.index, dtype=object)
    name = name.reindex(out.index).fillna("Unnamed place")
    if grid:
        more = pair.groupby("g").size().reindex(out.index).fillna(1).astype(int) - 1
        name = name.where(more < 1, name + " and " + more.astype(str) + " more place" + np.where(more > 1, "s", ""))
    out["name"] = name.astype(object)
    # sides, the heaviest first (killed + wounded, then count, then code)
    sides = pd.DataFrame({"g": gi, "side": side_keys(df["victim_side"]).to_numpy(dtype=object),
                          "w": (df["killed_low"].fillna(0) + df["wounded_low"].fillna(0)).to_numpy()})
    per = sides.groupby(["g", "side"]).agg(w=("w", "sum"), n=("w", "size")).reset_index()
    per = per.sort_values(["g", "w", "n", "side"], ascending=[True, False, False, True])
    out["sides"] = per.groupby("g")["side"].agg(list).reindex(out.index)
    out["side"] = out["sides"].str[0]
    order = np.argsort(gi, kind="stable")
    ids = df["id"].to_numpy(dtype=object)[order]
    cuts = np.flatnonzero(np.diff(gi[order])) + 1
    out["event_ids"] = [list(a) for a in np.split(ids, cuts)]
    out["grid"] = grid
    out["total_low"] = out["killed_low"] + out["wounded_low"]
    out = out[[*PLACE_COLUMNS, "code"]]
    # draw countries first, then regions, then towns; big circles under small ones
    return out.sort_values(["precision", "total_low"], ascending=[False, False]).reset_index(drop=True)


def rows_of(df: pd.DataFrame, places: pd.DataFrame) -> np.ndarray:
    """For each row of ``df``, the row of ``places`` (``aggregate_places``) it was pooled into, or -1."""
    if places.empty or df.empty:
        return np.full(len(df), -1)
    ok = (df["lat"].notna() & df["lon"].notna()).to_numpy()
    codes = np.zeros(len(df), dtype=np.int64)
    codes[ok] = _codes_for(df[ok], float(places["grid"].iloc[0]))
    lookup = pd.Series(np.arange(len(places)), index=places["code"].to_numpy())
    out = lookup.reindex(codes).fillna(-1).to_numpy(dtype=np.int64).copy()
    out[~ok] = -1
    return out


def place_key(place: pd.Series | dict) -> str:
    """``"lat,lon,precision"`` of an aggregated place (4 decimals): how a selection travels in the URL. (A
    region and a town, or a country-level claim, can share a point: the precision tells them apart.)"""
    return f"{float(place['lat']):.4f},{float(place['lon']):.4f},{int(place['precision'])}"


def parse_place_key(value: object) -> tuple[float, float, int | None] | None:
    """The ``(lat, lon, precision)`` of a ``place_key`` (precision ``None`` if left out), or ``None``."""
    try:
        parts = [float(v) for v in str(value).split(",")]
    except (TypeError, ValueError):
        return None
    if len(parts) not in (2, 3) or not (-90 <= parts[0] <= 90 and -180 <= parts[1] <= 180):
        return None
    prec = int(parts[2]) if len(parts) == 3 and parts[2] in (1, 2, 3) else None
    return (parts[0], parts[1], prec) if len(parts) == 2 or prec else None


def marker_style(place: pd.Series | dict) -> dict:
    """Leaflet ``circleMarker`` options: radius by casualties, colour by side, look by precision."""
    colour = side_colour(place["side"])
    r = min(5.0 + 2.2 * math.sqrt(max(int(place["total_low"]), 0)), 28.0)
    prec = int(place["precision"])
    cls = f"ev-marker ev-{PRECISION_NAMES.get(prec, 'town')}"
    if prec >= 3:
        return {"radius": 24, "color": colour, "weight": 2, "opacity": 0.75, "dashArray": "5 5",
                "fillColor": colour, "fillOpacity": 0.05, "className": cls}
    if prec == 2:
        return {"radius": round(max(r, 12.0) + 8, 1), "color": colour, "weight": 1, "opacity": 0.6,
                "fillColor": colour, "fillOpacity": 0.18, "className": cls}
    return {"radius": round(r, 1), "color": "#ffffff", "weight": 1.5, "opacity": 1, "fillColor": colour,
            "fillOpacity": 0.85, "className": cls}


def place_at(places: pd.DataFrame, lat: float, lon: float, precision: int | None = None, *,
             tolerance: float = 1e-3, tooltip: str | None = None) -> pd.Series | None:
    """The aggregated place nearest to a clicked point, if one is within ``tolerance`` degrees; among places
    at the same point, the one of that ``precision`` or with that ``tooltip`` (``marker_tooltip``)."""
    if places.empty:
        return None
    d = (places["lat"] - lat).abs() + (places["lon"] - lon).abs()
    near = places[d <= tolerance]
    if precision is not None:
        near = near[near["precision"] == precision]
    if len(near) > 1 and tooltip:
        same = [i for i, p in near.iterrows() if marker_tooltip(p) == tooltip]
        near = near.loc[same] if same else near
    if near.empty:
        return None
    return near.loc[d[near.index].idxmin()]


# -- map elements ---------------------------------------------------------------------------------
class PlaceLayer(SafeElement):
    """One GeoJSON layer of circle markers, with popups (escaped HTML) and tooltips (plain text).

    A click reports the marker's own coordinates (streamlit-folium's ``last_object_clicked``), so the page
    can look the place up with ``place_at``.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data_json }}, {
            pointToLayer: function (f, latlng) { return L.circleMarker(latlng, f.properties.style); },
            onEachFeature: function (f, layer) {
                // report the place itself, not the pixel clicked, to whoever listens after us
                layer.on("click", function (e) { e.latlng = layer.getLatLng(); });
                layer.bindPopup(f.properties.popup, {maxWidth: 380, maxHeight: 320});
                // text, escaped here: Leaflet sets a string as HTML (streamlit-folium reports it back as text)
                var tip = f.properties.tooltip.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
                layer.bindTooltip(tip, f.properties.tooltip_options);
            }
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, features: list[dict]):
        super().__init__()
        self._name = "PlaceLayer"
        self.data = {"type": "FeatureCollection", "features": features}

    @property
    def data_json(self) -> str:
        return safe_json(self.data)


class MapControl(SafeElement):
    """A fixed HTML box on the map (the legend). ``html`` must already be escaped."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html_json }};
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html_text: str, *, position: str = "bottomleft", css_class: str = "ev-legend"):
        super().__init__()
        self._name = "MapControl"
        self.html, self.position, self.css_class = html_text, position, css_class

    @property
    def html_json(self) -> str:
        return safe_json(self.html)


class FitView(SafeElement):
    """Fit the map to ``[[south, west], [north, east]]`` at once (no zoom animation to catch mid-way)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }},
                                                {maxZoom: {{ this.max_zoom }}, animate: false});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]], max_zoom: int = 9):
        super().__init__()
        self._name = "FitView"
        self.bounds, self.max_zoom = [[float(v) for v in p] for p in bounds], int(max_zoom)


class ViewMemory(SafeElement):
    """The map's view in the page's URL, without a round trip to the server.

    On load the view comes from the page URL's ``view=lat,lon,zoom`` (a copied link), else the map fits
    ``bounds``. After the reader pans or zooms, the view is written back to the page URL (``history.
    replaceState`` on the parent page, which serves this frame from the same origin), and rewritten once a
    second if the app replaced the URL meanwhile. Panning never reruns the app.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var key = {{ this.param|tojson }}, host = window.parent || window, moved = false;
            function fromUrl() {
                try {
                    var v = new URLSearchParams(host.location.search).get(key);
                    var a = (v || "").split(",").map(Number);
                    if (a.length === 3 && a.every(isFinite) && Math.abs(a[0]) <= 90 && a[2] >= 1 && a[2] <= 18) {
                        return a;
                    }
                } catch (e) {}
                return null;
            }
            function now() {
                var c = map.getCenter();
                return c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom();
            }
            function write() {
                if (!moved) { return; }
                try {
                    var url = new URL(host.location.href);
                    if (url.searchParams.get(key) === now()) { return; }
                    url.searchParams.set(key, now());
                    host.history.replaceState(host.history.state, "", url.toString());
                } catch (e) {}
            }
            var v = fromUrl();
            if (v) {
                map.setView([v[0], v[1]], v[2], {animate: false});
                moved = true;
            } else {
                map.fitBounds({{ this.bounds|tojson }}, {maxZoom: {{ this.max_zoom }}, animate: false});
            }
            setTimeout(function () {
                map.on("moveend", function () { moved = true; write(); });
                setInterval(write, 1000);
            }, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]], *, max_zoom: int = 9, param: str = "view"):
        super().__init__()
        self._name = "ViewMemory"
        self.bounds, self.max_zoom = [[float(v) for v in p] for p in bounds], int(max_zoom)
        self.param = param


class SelectedRing(SafeElement):
    """A ring around the selected place, drawn over the markers and not clickable."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.circleMarker({{ this.location|tojson }}, {{ this.style|tojson }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, lat: float, lon: float, radius: float):
        super().__init__()
        self._name = "SelectedRing"
        self.location = [float(lat), float(lon)]
        self.style = {"radius": float(radius) + 6, "color": "#111111", "weight": 3, "opacity": 0.9, "fill": False,
                      "dashArray": None, "interactive": False, "className": "ev-selected"}


def legend_html(sides: Iterable[str]) -> str:
    """The legend: one swatch per victim side shown, and what size and shape mean."""
    rows = [f'<i style="background:{side_colour(s)}"></i>{_esc(side_label(s))}<br>' for s in sides]
    return ("<b>Victim side</b>" + "".join(rows) +
            '<span class="muted">Size: killed + wounded (lower figures)<br>'
            "Dot: town · pale disc: region<br>Dashed ring: country only</span>")


_POPUP_COLUMNS = ("id", "incident_id", "claim_id", "article_id", "day", "date", "date_end", "date_precision",
                  "date_partial", "victims", "victim_side", "claimed_by", "sentence", "outlet", "source", "url",
                  "approximate", "killed_low", "killed_high", "wounded_low", "wounded_high", "missing_low",
                  "missing_high")


def place_features(places: pd.DataFrame, events: pd.DataFrame, reports: pd.DataFrame | None = None, *,
                   max_claims: int = 6, max_sentence: int = 320,
                   names: dict[str, list[str]] | None = None) -> list[dict]:
    """GeoJSON features of the aggregated places: style, escaped popup and plain tooltip.

    ``events`` are the rows ``aggregate_places`` pooled (incidents or reports); the popups quote
    ``reports`` (default: ``events``), grouped by ``incident_id``, at most ``max_claims`` events a place,
    the earliest first. ``names`` maps a gazetteer id to the place's other names. Built in one pass over
    the first events of each place (numpy sorting), not one pandas query per place.
    """
    if places.empty:
        return []
    reports = events if reports is None else reports
    ev_key = "incident_id" if "incident_id" in reports.columns else "id"
    # the first max_claims events of each place, in date order
    row = rows_of(events, places)
    day = events["day"].to_numpy(dtype="datetime64[ns]").astype(np.int64)  # NaT sorts first: put it last
    day = np.where(day == np.iinfo(np.int64).min, np.iinfo(np.int64).max, day)
    order = np.lexsort((day, row))
    order = order[row[order] >= 0]
    sorted_rows = row[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_rows)) + 1]
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    keep = order[rank < max_claims]
    first_ids = events["id"].iloc[keep].to_numpy(dtype=object)
    wanted = reports[reports[ev_key].isin(first_ids)]
    wanted = wanted[[c for c in _POPUP_COLUMNS if c in wanted.columns]]
    by_event: dict[str, list[dict]] = {}
    for r in wanted.to_dict("records"):
        by_event.setdefault(str(r[ev_key]), []).append(r)
    per_place: dict[int, list[list[dict]]] = {}
    for p, i in zip(row[keep], first_ids):
        if str(i) in by_event:
            per_place.setdefault(int(p), []).append(by_event[str(i)])
    gid_of: dict[int, object] = {}
    if names and "gazetteer_id" in events.columns and len(keep):
        gids = events["gazetteer_id"].iloc[keep].to_numpy(dtype=object)
        for p, gid in zip(row[keep], gids):
            gid_of.setdefault(int(p), gid)
    features = []
    for pos, p in enumerate(places.to_dict("records")):
        other = (names or {}).get(gid_of.get(pos), []) if not p["grid"] else []
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [round(p["lon"], 5), round(p["lat"], 5)]},
                         "properties": {
                             "style": marker_style(p),
                             "popup": _popup_html(p, per_place.get(pos, []), names=other, max_sentence=max_sentence),
                             "tooltip": marker_tooltip(p),
                             "tooltip_options": {"sticky": True},
                         }})
    return features


def _place_features(places: pd.DataFrame, events: pd.DataFrame, max_claims: int) -> list[dict]:
    return place_features(places, events, max_claims=max_claims)


def _view_bbox(places: pd.DataFrame) -> tuple[float, float, float, float]:
    if places.empty:
        return DEFAULT_BBOX
    s, n = places["lat"].min(), places["lat"].max()
    w, e = places["lon"].min(), places["lon"].max()
    pad = max(10.0, max(n - s, e - w))
    return s - pad, w - pad, n + pad, e + pad


def borders_in(borders: dict, bbox: tuple[float, float, float, float]) -> dict:
    """The features of a borders FeatureCollection whose bounding box meets ``bbox`` (S, W, N, E)."""
    s, w, n, e = bbox
    keep = [f for f in borders.get("features", [])
            if "bbox" not in f or not (f["bbox"][0] > e or f["bbox"][2] < w or f["bbox"][1] > n or f["bbox"][3] < s)]
    return {"type": "FeatureCollection", "features": keep}


class TextLabels(SafeElement):
    """Permanent, non-interactive text on the map: ``[[lat, lon, text, x_offset_px], ...]``.

    The text is HTML-escaped here (Leaflet sets a string as HTML).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (host) {
            {{ this.labels_json }}.forEach(function (l) {
                L.tooltip({permanent: true, direction: {{ this.direction|tojson }}, offset: [l[3] || 0, 0],
                           className: {{ this.css_class|tojson }}, interactive: false})
                    .setLatLng([l[0], l[1]]).setContent(l[2]).addTo(host);
            });
            // labels that would overlap are hidden: place names before country names, busiest first
            setTimeout(function () {
                var map = host.getContainer ? host : host._map;
                if (!map) { return; }
                if (!map._evDeclutter) {
                    map._evDeclutter = function () {
                        var box = map.getContainer(), kept = [];
                        var els = Array.prototype.slice.call(box.querySelectorAll(".leaflet-tooltip.place-name"))
                            .concat(Array.prototype.slice.call(box.querySelectorAll(".leaflet-tooltip.country-name")));
                        els.forEach(function (el) {
                            el.style.visibility = "";
                            var r = el.getBoundingClientRect();
                            var hit = kept.some(function (k) {
                                return r.left < k.right + 2 && r.right + 2 > k.left &&
                                       r.top < k.bottom && r.bottom > k.top;
                            });
                            if (hit) { el.style.visibility = "hidden"; } else { kept.push(r); }
                        });
                    };
                    var timer = null;
                    map._evDeclutterSoon = function () {
                        clearTimeout(timer);
                        timer = setTimeout(map._evDeclutter, 60);
                    };
                    map.on("zoomend moveend", map._evDeclutterSoon);
                    // labels come and go when streamlit-folium swaps the places layer: check again after
                    if (window.MutationObserver) {
                        new MutationObserver(map._evDeclutterSoon).observe(map.getPane("tooltipPane"),
                                                                          {childList: true});
                    }
                }
                map._evDeclutterSoon();
            }, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, labels: list[list], *, css_class: str, direction: str = "center"):
        super().__init__()
        self._name = "TextLabels"
        self.labels = [[lat, lon, _esc(text), offset] for lat, lon, text, offset in labels]
        self.css_class, self.direction = css_class, direction

    @property
    def labels_json(self) -> str:
        return safe_json(self.labels)


class BordersLayer(SafeElement):
    """Country outlines as one light, non-interactive layer (a click on a country must not rerun the app)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.geoJSON({{ this.data_json }}, {interactive: false, style: function () { return {{ this.style|tojson }}; }})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, borders: dict):
        super().__init__()
        self._name = "BordersLayer"
        self.data = {"type": "FeatureCollection",
                     "features": [{"type": "Feature", "properties": {"name": f["properties"].get("name")},
                                   "geometry": f["geometry"]} for f in borders.get("features", [])]}
        self.style = {"color": "#a3acb6", "weight": 1, "fillColor": "#fcfcfa", "fillOpacity": 1,
                      "className": "ev-border"}

    @property
    def data_json(self) -> str:
        return safe_json(self.data)


def _add_borders(m: folium.Map, borders: dict) -> None:
    BordersLayer(borders).add_to(m)
    labels = [[f["properties"]["label"][1], f["properties"]["label"][0], f["properties"]["name"], 0]
              for f in borders["features"] if f["properties"].get("label") and f["properties"].get("name")]
    if labels:
        TextLabels(labels, css_class="country-name").add_to(m)


def _sorted_sides(sides: Iterable[str]) -> list[str]:
    return sorted(dict.fromkeys(sides), key=lambda s: (s == UNKNOWN_SIDE, side_label(s)))


def extent(events: pd.DataFrame, pad: float = 0.3) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the mappable rows, padded; ``None`` when there are none."""
    ok = events[events["lat"].notna() & events["lon"].notna()] if len(events) else events
    if ok.empty:
        return None
    return [[float(ok["lat"].min()) - pad, float(ok["lon"].min()) - pad],
            [float(ok["lat"].max()) + pad, float(ok["lon"].max()) + pad]]


_LARGE_CSS = """<style>
.leaflet-tooltip.place-name {font-size: 15px;} .leaflet-tooltip.country-name {font-size: 16px;}
.ev-legend {font-size: 15px;} .ev-legend .muted {font-size: 13px;} .leaflet-tooltip {font-size: 15px;}
</style>"""


def base_map(*, borders: dict | None = None, tiles: bool = False, asset_prefix: str = DEFAULT_ASSET_PREFIX,
             bounds: list[list[float]] | None = None, sides: Iterable[str] = (), remember_view: bool = True,
             height: int | None = None, large_type: bool = False) -> folium.Map:
    """The part of the map that does not change when the dates do: local Leaflet, borders, the legend of
    ``sides`` and the initial view (``bounds``; with ``remember_view``, the page URL's ``view`` wins);
    ``large_type`` for a projector.

    The places go in a separate layer (``place_layer``) that streamlit-folium swaps without rebuilding the
    map, so moving the slider or playing keeps the reader's pan and zoom.
    """
    m = folium.Map(location=DEFAULT_CENTER, zoom_start=DEFAULT_ZOOM, tiles=None, control_scale=True)
    prefix = asset_prefix.rstrip("/")
    m.default_js = [("leaflet", f"{prefix}/leaflet/leaflet.js")]
    m.default_css = [("leaflet_css", f"{prefix}/leaflet/leaflet.css")]
    css = _CSS if height is None else _CSS.replace("</style>", f".folium-map {{height: {int(height)}px;}}</style>")
    m.get_root().header.add_child(Element(css), name="ev_css")
    if large_type:  # presentation mode: labels a room can read
        m.get_root().header.add_child(Element(_LARGE_CSS), name="ev_css_large")
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", opacity=0.75).add_to(m)
    if borders:
        box = DEFAULT_BBOX if bounds is None else (bounds[0][0], bounds[0][1], bounds[1][0], bounds[1][1])
        pad = max(10.0, box[2] - box[0], box[3] - box[1])
        _add_borders(m, borders_in(borders, (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)))
    sides = _sorted_sides(sides)
    if sides:
        MapControl(legend_html(sides), position="topright").add_to(m)
    if bounds is not None:
        (ViewMemory(bounds) if remember_view else FitView(bounds)).add_to(m)
    return m


def place_layer(places: pd.DataFrame, events: pd.DataFrame, reports: pd.DataFrame | None = None, *,
                max_claims: int = POPUP_EVENTS, max_sentence: int = POPUP_SENTENCE, max_labels: int = 15,
                names: dict[str, list[str]] | None = None, selected: tuple[float, float] | None = None,
                name: str = "Events") -> folium.FeatureGroup:
    """The events as one layer: a circle per place, the busiest places named, and a ring on ``selected``."""
    fg = folium.FeatureGroup(name=name, control=False)
    if places.empty:
        return fg
    PlaceLayer(place_features(places, events, reports, max_claims=max_claims, max_sentence=max_sentence,
                              names=names)).add_to(fg)
    named = places[places["precision"] < 3].nlargest(max_labels, ["total_low", "n_events"]) if max_labels else None
    if named is not None and not named.empty:
        labels = [[p.lat, p.lon, p.name, marker_style(p._asdict())["radius"] + 3] for p in named.itertuples()]
        TextLabels(labels, css_class="place-name", direction="right").add_to(fg)
    if selected is not None:
        hit = place_at(places, *selected)
        if hit is not None:
            SelectedRing(hit["lat"], hit["lon"], marker_style(hit)["radius"]).add_to(fg)
    return fg


def build_map(events: pd.DataFrame, *, borders: dict | None = None, tiles: bool = False,
              asset_prefix: str = DEFAULT_ASSET_PREFIX, max_places: int = MAX_PLACES,
              max_claims: int = 6, max_labels: int = 15, places: pd.DataFrame | None = None,
              reports: pd.DataFrame | None = None, names: dict[str, list[str]] | None = None) -> folium.Map:
    """The event map of a prepared frame (``filters.prepare``; or of incidents with their ``reports``) in one
    ``Map``, using only local assets.

    ``borders`` is a FeatureCollection (``assets.load_borders()``) drawn as a light layer; ``tiles``
    adds OpenStreetMap tiles, the only thing that would reach outside the machine. ``places`` may be
    passed in when the caller already aggregated them (``aggregate_places``). The ``max_labels`` towns
    and regions with the most casualties get their name written beside the circle.
    """
    places = aggregate_places(events, max_places=max_places) if places is None else places
    sides = [s for ss in places["sides"] for s in ss] if not places.empty else []
    bounds = None if places.empty else [[places["lat"].min() - 0.3, places["lon"].min() - 0.3],
                                        [places["lat"].max() + 0.3, places["lon"].max() + 0.3]]
    m = base_map(borders=borders, tiles=tiles, asset_prefix=asset_prefix, bounds=bounds, sides=sides,
                 remember_view=False)
    if not places.empty:
        layer = place_layer(places, events, reports, max_claims=max_claims, max_labels=max_labels, names=names)
        for child in list(layer._children.values()):
            child.add_to(m)
    return m
