"""The events table and its exports, pure: a (prepared or raw) events frame in, a table or bytes out.

- :func:`events_table`: what the Events page shows, one row per claim, figures as bounds ("more than 50",
  "24–99", "≈ 18"), with a link to its evidence in the Sources page.
- :func:`to_csv`, :func:`to_geojson` (a point per mappable event, through geopandas) and :func:`to_json` (the
  extraction contract's document ``{"articles", "places", "events"}``, its field names) export what is filtered.
"""
from __future__ import annotations

import json
import math
from dataclasses import fields
from urllib.parse import urlencode

import pandas as pd

from .maps import format_range, side_key, side_label
from .models import Article, Event, PlaceMention

EVENT_FIELDS = [f.name for f in fields(Event)]
PLACE_FIELDS = [f.name for f in fields(PlaceMention)]
ARTICLE_FIELDS = list(Article(id="", source="", text="").to_dict())
ARTICLE_COLUMNS = ["source", "url", "outlet", "language", "published", "title"]  # joined onto each event
INT_FIELDS = ("geo_precision", "killed_low", "killed_high", "wounded_low", "wounded_high", "missing_low",
              "missing_high", "sentence_start")
FLAT_COLUMNS = [c for c in EVENT_FIELDS if c != "spans"] + ARTICLE_COLUMNS  # CSV and GeoJSON properties
SOURCES_PAGE = "./Sources"
PRECISIONS = {1: "town", 2: "region", 3: "country"}


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, dict, str)) else False
    except (TypeError, ValueError):
        return False


def _clean(value: object, name: str) -> object:
    """A frame cell as plain JSON: NaN/NaT -> None, integral figures -> int, numpy scalars -> Python."""
    if _missing(value):
        return None
    if name in INT_FIELDS:
        return int(value)
    if name == "approximate":
        return bool(value)
    if name in ("spans", "names", "warnings") and isinstance(value, str):
        return json.loads(value) if value else []
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    return value


def records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows of ``df`` as dicts of ``columns`` (absent columns are None), cleaned for JSON."""
    out = []
    for row in df.to_dict("records"):
        out.append({c: _clean(row.get(c), c) for c in columns})
    return out


def flat_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The events with the contract's columns and their article's, figures as nullable integers."""
    df = pd.DataFrame(records(events, FLAT_COLUMNS), columns=FLAT_COLUMNS)
    for c in INT_FIELDS:
        df[c] = pd.array(df[c].tolist(), dtype="Int64")
    for c in ("lat", "lon", "confidence"):
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


# -- exports ------------------------------------------------------------------------------------------
def to_csv(events: pd.DataFrame) -> bytes:
    """The events as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read any script)."""
    return flat_frame(events).to_csv(index=False).encode("utf-8-sig")


def to_geojson(events: pd.DataFrame) -> bytes:
    """A FeatureCollection with a point per event that has coordinates (WGS84); the rest are left out."""
    import geopandas as gpd  # here, not at the top: only the GeoJSON export needs it

    df = flat_frame(events)
    df = df[df["lat"].notna() & df["lon"].notna()].reset_index(drop=True)
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")
    gdf.index = gdf["id"].astype(str)
    return gdf.to_json(na="null", ensure_ascii=False).encode("utf-8")


def to_json(events: pd.DataFrame, articles: pd.DataFrame, places: pd.DataFrame) -> bytes:
    """The contract's document for these events: their articles, every place those articles mention, the events."""
    ids = set(events["article_id"].dropna().astype(str)) if "article_id" in events else set()
    arts = articles[articles["id"].astype(str).isin(ids)] if len(articles) else articles
    plc = places[places["article_id"].astype(str).isin(ids)] if len(places) else places
    doc = {
        "articles": records(arts, ARTICLE_FIELDS),
        "places": records(plc, PLACE_FIELDS),
        "events": records(events, EVENT_FIELDS),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


# -- the table of the Events page ---------------------------------------------------------------------
def _text(value: object) -> str | None:
    return None if _missing(value) or str(value).strip() == "" else str(value)


def date_label(ev: dict | pd.Series) -> str:
    """``2020-10-04``, ``2020-10-04 – 2020-10-06``, ``2020-10 (month)``, ``2020 (year)``, or ``—``."""
    d, end, prec = _text(ev.get("date")), _text(ev.get("date_end")), _text(ev.get("date_precision"))
    if d is None:
        return "—"
    if prec in ("month", "year"):
        return f"{d[:7] if prec == 'month' else d[:4]} ({prec})"
    label = f"{d} – {end}" if end and end != d else d
    return f"{label} ({prec})" if prec and prec != "day" else label


def place_label(ev: dict | pd.Series) -> str:
    """``Tartar (town)``, ``Fuzuli District (region)``, or ``—``."""
    name = _text(ev.get("place_name")) or _text(ev.get("place_surface"))
    if name is None:
        return "—"
    prec = ev.get("geo_precision")
    return f"{name} ({PRECISIONS[int(prec)]})" if not _missing(prec) and int(prec) in PRECISIONS else name


def web_url(value: object) -> str | None:
    """``value`` if it is an http(s) URL (safe to link to), else None."""
    s = _text(value)
    return s if s and s.strip().lower().startswith(("http://", "https://")) else None


def evidence_link(article_id: object, event_id: object, page: str = SOURCES_PAGE) -> str:
    """The Sources page opened on the article, the event's evidence highlighted."""
    return f"{page}?{urlencode({'article': str(article_id), 'event': str(event_id)})}"


TABLE_COLUMNS = ["evidence", "date", "place", "killed", "wounded", "missing", "victims", "side", "claimed by",
                 "sentence", "source", "article link", "language", "killed, lower figure"]


def events_table(events: pd.DataFrame, page: str = SOURCES_PAGE) -> pd.DataFrame:
    """One row per event as the Events page shows it; ``killed, lower figure`` is a number, for sorting."""
    rows = []
    for ev in events.to_dict("records"):
        approx = bool(ev.get("approximate")) if not _missing(ev.get("approximate")) else False
        low = ev.get("killed_low")
        rows.append({
            "date": date_label(ev),
            "place": place_label(ev),
            "killed": format_range(ev.get("killed_low"), ev.get("killed_high"), approx),
            "wounded": format_range(ev.get("wounded_low"), ev.get("wounded_high"), approx),
            "missing": format_range(ev.get("missing_low"), ev.get("missing_high"), approx),
            "victims": _text(ev.get("victims")) or "—",
            "side": side_label(side_key(_text(ev.get("victim_side")))),
            "claimed by": _text(ev.get("claimed_by")) or "—",
            "sentence": _text(ev.get("sentence")) or "",
            "language": _text(ev.get("language")) or "—",
            "source": _text(ev.get("outlet")) or (_text(ev.get("source")) or "").replace("\\", "/").rsplit("/", 1)[-1],
            "article link": web_url(ev.get("url")),
            "evidence": evidence_link(ev.get("article_id"), ev.get("id"), page),
            "killed, lower figure": None if _missing(low) else int(low),
        })
    df = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    df["killed, lower figure"] = pd.array(df["killed, lower figure"].tolist(), dtype="Int64")
    return df
