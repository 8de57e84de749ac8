"""The event map as a folium ``Map`` that loads nothing from outside the machine.

Leaflet comes from the vendored copy (``lib/assets.py``) under ``asset_prefix``; no tiles unless asked;
only elements that need nothing but Leaflet itself. Folium's ``Popup`` needs jQuery and its ``Tooltip``
puts text into a JS template literal, so markers, popups, tooltips and the legend are emitted by the
small elements below, with every piece of article text HTML-escaped and then JSON-encoded.

Events at the same coordinates become one circle per place (``aggregate_places``); above ``max_places``
places they are pooled on a coarser grid, so the page never carries one element per event.
"""
from __future__ import annotations

import html
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import PurePath

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

DEFAULT_ASSET_PREFIX = "/app/static/vendor"
DEFAULT_CENTER = (40.2, 46.6)  # the South Caucasus
DEFAULT_BBOX = (38.0, 43.0, 42.5, 50.5)  # south, west, north, east
MAX_PLACES = 2000
GRID_STEPS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
PRECISION_NAMES = {1: "town", 2: "region", 3: "country"}

UNKNOWN_SIDE = "unknown"
SIDE_NAMES = {"AM": "Armenia", "AZ": "Azerbaijan", "RU": "Russia", "TR": "Turkey", "IR": "Iran", "GE": "Georgia",
              "SY": "Syria", "IL": "Israel", "PS": "Palestine", "UA": "Ukraine", UNKNOWN_SIDE: "Side not stated"}
SIDE_COLOURS = {"AM": "#d95f02", "AZ": "#1f78b4", "RU": "#7570b3", "TR": "#e7298a", "IR": "#66a61e",
                "GE": "#a6761d", UNKNOWN_SIDE: "#6b6b6b"}
_PALETTE = ("#1b9e77", "#e6ab02", "#a6cee3", "#fb9a99", "#b2df8a", "#cab2d6", "#fdbf6f", "#8dd3c7")

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


# -- victim sides -------------------------------------------------------------------------------
def side_key(value: object) -> str:
    """The ISO2 code of a victim side, or ``"unknown"``."""
    return value.strip().upper() if isinstance(value, str) and value.strip() else UNKNOWN_SIDE


@lru_cache(maxsize=256)
def side_label(key: str) -> str:
    """A readable name for a victim side key (``pycountry`` for codes not named here)."""
    if key in SIDE_NAMES:
        return SIDE_NAMES[key]
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=key)
    except (ImportError, KeyError, LookupError):
        country = None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or key


def side_colour(key: str) -> str:
    """A stable colour for a victim side key."""
    if key in SIDE_COLOURS:
        return SIDE_COLOURS[key]
    return _PALETTE[sum(map(ord, key)) % len(_PALETTE)]


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


def _source_html(ev: pd.Series) -> str:
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


def place_popup(place: pd.Series | dict, events: pd.DataFrame, *, max_claims: int = 6,
                max_sentence: int = 320) -> str:
    """The popup of one aggregated place: place, count, date span, each claim with evidence and source.

    Every value from the data is HTML-escaped here; the result is safe to hand to Leaflet as HTML.
    """
    kind = PRECISION_NAMES.get(int(place["precision"]), "place")
    n, undated = int(place["n_events"]), int(place["n_undated"])
    span = _span(place["first_day"], place["last_day"]) + (f" (+{undated} undated)" if undated and n > undated else "")
    head = (f'<h4>{_esc(place["name"])}</h4><div class="muted">{kind}-level · {n} event{"s" * (n != 1)} · '
            f"{_esc(span)}</div>")
    items = []
    for _, ev in events.sort_values(["day", "id"], na_position="last").head(max_claims).iterrows():
        side = side_key(ev.get("victim_side"))
        victims = _text(ev.get("victims")) or "victims not stated"
        bits = [f"<b>{_esc(claim_figures(ev))}</b>", f"{_esc(victims)} ({_esc(side_label(side))})"]
        if _text(ev.get("claimed_by")):
            bits.append(f"claimed by {_esc(ev['claimed_by'])}")
        bits.append(_esc(ev.get("date")) or "no date")
        items.append(f"<li>{' · '.join(bits)}<blockquote>{_esc(_clip(_text(ev.get('sentence')), max_sentence))}"
                     f'</blockquote><span class="muted">{_source_html(ev)}</span></li>')
    more = n - len(items)
    tail = f'<div class="muted">and {more} more event{"s" * (more != 1)}</div>' if more > 0 else ""
    return f'<div class="ev-popup">{head}<ol>{"".join(items)}</ol>{tail}</div>'


def place_tooltip(place: pd.Series | dict) -> str:
    """A one-line plain-text summary of a place (Leaflet gets it as text, not HTML)."""
    n = int(place["n_events"])
    figs = [f"{int(place[f + '_low']):,} {f}" for f in ("killed", "wounded", "missing") if place[f + "_low"]]
    tail = f", {', '.join(figs)} (lower figures)" if figs else ""
    return f"{place['name']} — {n} event{'s' * (n != 1)}{tail}"


# -- aggregation ----------------------------------------------------------------------------------
def _group_keys(df: pd.DataFrame, grid: float) -> pd.DataFrame:
    if grid:
        return pd.DataFrame({"glat": (df["lat"] / grid).round() * grid, "glon": (df["lon"] / grid).round() * grid,
                             "gprec": 0}, index=df.index)
    return pd.DataFrame({"glat": df["lat"].round(4), "glon": df["lon"].round(4),
                         "gprec": df["geo_precision"].fillna(1).clip(1, 3).astype(int)}, index=df.index)


def aggregate_places(df: pd.DataFrame, *, max_places: int = MAX_PLACES) -> pd.DataFrame:
    """One row per place (same coordinates and precision) from a prepared, mappable events frame.

    Above ``max_places`` places the events are pooled on the finest lat/lon grid of ``GRID_STEPS`` that
    fits (column ``grid`` > 0). Columns: lat, lon, precision, name, n_events, n_undated, killed_low,
    wounded_low, missing_low, total_low, side, sides, first_day, last_day, event_ids, grid.
    """
    df = df[df["lat"].notna() & df["lon"].notna()]
    grid = 0.0
    keys = _group_keys(df, grid)
    for step in GRID_STEPS:
        if len(keys.drop_duplicates()) <= max_places:
            break
        grid, keys = step, _group_keys(df, step)
    rows = []
    for (glat, glon, gprec), g in df.groupby([keys["glat"], keys["glon"], keys["gprec"]], sort=False):
        sides = g["victim_side"].map(side_key)
        weight = (g["killed_low"].fillna(0) + g["wounded_low"].fillna(0)).groupby(sides).sum()
        counts = sides.value_counts()
        order = sorted(counts.index, key=lambda s: (-weight.get(s, 0), -counts[s], s))
        names = g["place_name"].dropna().value_counts()
        name = names.index[0] if len(names) else "Unnamed place"
        if grid and len(names) > 1:
            name = f"{name} and {len(names) - 1} more place{'s' * (len(names) > 2)}"
        precision = int(gprec) if not grid else int(g["geo_precision"].fillna(1).clip(1, 3).min())
        rows.append({
            "lat": float(glat) if not grid else float(g["lat"].mean()),
            "lon": float(glon) if not grid else float(g["lon"].mean()),
            "precision": precision, "name": name, "n_events": len(g), "n_undated": int((~g["dated"]).sum()),
            **{f"{f}_low": int(g[f"{f}_low"].fillna(0).sum()) for f in ("killed", "wounded", "missing")},
            "side": order[0], "sides": order,
            "first_day": g["day"].min(), "last_day": g["day_end"].max(),
            "event_ids": list(g["id"]), "grid": grid,
        })
    cols = ["lat", "lon", "precision", "name", "n_events", "n_undated", "killed_low", "wounded_low", "missing_low",
            "side", "sides", "first_day", "last_day", "event_ids", "grid"]
    out = pd.DataFrame(rows, columns=cols)
    out["total_low"] = out["killed_low"] + out["wounded_low"]
    # draw countries first, then regions, then towns; big circles under small ones
    return out.sort_values(["precision", "total_low"], ascending=[False, False]).reset_index(drop=True)


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


def place_at(places: pd.DataFrame, lat: float, lon: float, *, tolerance: float = 1e-3) -> pd.Series | None:
    """The aggregated place nearest to a clicked point, if one is within ``tolerance`` degrees."""
    if places.empty:
        return None
    d = (places["lat"] - lat).abs() + (places["lon"] - lon).abs()
    i = d.idxmin()
    return places.loc[i] if d[i] <= tolerance else None


# -- map elements ---------------------------------------------------------------------------------
class PlaceLayer(MacroElement):
    """One GeoJSON layer of circle markers, with popups (escaped HTML) and tooltips (plain text).

    A click reports the marker's own coordinates (streamlit-folium's ``last_object_clicked``), so the page
    can look the place up with ``place_at``.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data|tojson }}, {
            pointToLayer: function (f, latlng) { return L.circleMarker(latlng, f.properties.style); },
            onEachFeature: function (f, layer) {
                // report the place itself, not the pixel clicked, to whoever listens after us
                layer.on("click", function (e) { e.latlng = layer.getLatLng(); });
                layer.bindPopup(f.properties.popup, {maxWidth: 380, maxHeight: 320});
                var tip = L.DomUtil.create("span");
                tip.textContent = f.properties.tooltip;
                layer.bindTooltip(tip, f.properties.tooltip_options);
            }
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, features: list[dict]):
        super().__init__()
        self._name = "PlaceLayer"
        self.data = {"type": "FeatureCollection", "features": features}


class MapControl(MacroElement):
    """A fixed HTML box on the map (the legend). ``html`` must already be escaped."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html|tojson }};
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


class FitView(MacroElement):
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


def legend_html(sides: Iterable[str]) -> str:
    """The legend: one swatch per victim side shown, and what size and shape mean."""
    rows = [f'<i style="background:{side_colour(s)}"></i>{_esc(side_label(s))}<br>' for s in sides]
    return ("<b>Victim side</b>" + "".join(rows) +
            '<span style="color:#555">Size: killed + wounded (lower figures)<br>'
            "Filled dot: town · pale disc: region<br>Dashed ring: country only, no exact place</span>")


def _place_features(places: pd.DataFrame, events: pd.DataFrame, max_claims: int) -> list[dict]:
    ev = events.set_axis(events["id"].to_numpy(), axis=0)
    features = []
    for _, p in places.iterrows():
        country, tip = int(p["precision"]) >= 3, place_tooltip(p)
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [round(p["lon"], 5), round(p["lat"], 5)]},
                         "properties": {
                             "style": marker_style(p),
                             "popup": place_popup(p, ev.loc[p["event_ids"]], max_claims=max_claims),
                             "tooltip": f"{tip} (country-level: no exact place)" if country else tip,
                             "tooltip_options": {"sticky": True},
                         }})
    return features


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


class TextLabels(MacroElement):
    """Permanent, non-interactive text on the map: ``[[lat, lon, text, x_offset_px], ...]``.

    The text is HTML-escaped here (Leaflet sets a string as HTML).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.labels|tojson }}.forEach(function (l) {
            L.tooltip({permanent: true, direction: {{ this.direction|tojson }}, offset: [l[3] || 0, 0],
                       className: {{ this.css_class|tojson }}, interactive: false})
                .setLatLng([l[0], l[1]]).setContent(l[2]).addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
    """)

    def __init__(self, labels: list[list], *, css_class: str, direction: str = "center"):
        super().__init__()
        self._name = "TextLabels"
        self.labels = [[lat, lon, _esc(text), offset] for lat, lon, text, offset in labels]
        self.css_class, self.direction = css_class, direction


def _add_borders(m: folium.Map, borders: dict) -> None:
    folium.GeoJson(
        borders, name="Borders", control=False,
        style_function=lambda _f: {"color": "#a3acb6", "weight": 1, "fillColor": "#fcfcfa", "fillOpacity": 1},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(m)
    labels = [[f["properties"]["label"][1], f["properties"]["label"][0], f["properties"]["name"], 0]
              for f in borders["features"] if f["properties"].get("label") and f["properties"].get("name")]
    if labels:
        TextLabels(labels, css_class="country-name").add_to(m)


def build_map(events: pd.DataFrame, *, borders: dict | None = None, tiles: bool = False,
              asset_prefix: str = DEFAULT_ASSET_PREFIX, max_places: int = MAX_PLACES,
              max_claims: int = 6, max_labels: int = 15, places: pd.DataFrame | None = None) -> folium.Map:
    """The event map of a prepared events frame (``filters.prepare``), using only local assets.

    ``borders`` is a FeatureCollection (``assets.load_borders()``) drawn as a light layer; ``tiles``
    adds OpenStreetMap tiles, the only thing that would reach outside the machine. ``places`` may be
    passed in when the caller already aggregated them (``aggregate_places``). The ``max_labels`` towns
    and regions with the most casualties get their name written beside the circle.
    """
    places = aggregate_places(events, max_places=max_places) if places is None else places
    m = folium.Map(location=DEFAULT_CENTER, zoom_start=7, tiles=None, control_scale=True)
    prefix = asset_prefix.rstrip("/")
    m.default_js = [("leaflet", f"{prefix}/leaflet/leaflet.js")]
    m.default_css = [("leaflet_css", f"{prefix}/leaflet/leaflet.css")]
    m.get_root().header.add_child(Element(_CSS), name="ev_css")
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", opacity=0.75).add_to(m)
    if borders:
        _add_borders(m, borders_in(borders, _view_bbox(places)))
    if not places.empty:
        PlaceLayer(_place_features(places, events, max_claims)).add_to(m)
        named = places[places["precision"] < 3].nlargest(max_labels, ["total_low", "n_events"])
        if max_labels and not named.empty:
            labels = [[p.lat, p.lon, p.name, marker_style(p._asdict())["radius"] + 3] for p in named.itertuples()]
            TextLabels(labels, css_class="place-name", direction="right").add_to(m)
        sides = list(dict.fromkeys(s for ss in places["sides"] for s in ss))
        MapControl(legend_html(sorted(sides, key=lambda s: (s == UNKNOWN_SIDE, side_label(s))))).add_to(m)
        pad = 0.3
        FitView([[places["lat"].min() - pad, places["lon"].min() - pad],
                 [places["lat"].max() + pad, places["lon"].max() + pad]]).add_to(m)
    return m
