"""Pure pandas filtering of the events frame (``Store.events_frame()``): dates, places, counts.

``prepare`` adds the columns every view relies on; the rest take a prepared frame and return a new one.

- ``day``: the date an event is placed on the time axis. Day precision uses the date; month precision
  the first of the month (and counts as dated); year precision or no date gives ``NaT`` (undated).
- ``day_end``: the end of a stated span (``date_end``), else ``day``.
- ``dated``: ``day`` is known.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

import numpy as np
import pandas as pd

FIGURES = ("killed", "wounded", "missing")
FIGURE_COLUMNS = tuple(f"{f}_{b}" for f in FIGURES for b in ("low", "high"))
_TEXT_COLUMNS = ("id", "article_id", "sentence", "place_name", "place_surface", "country", "date", "date_end",
                 "date_precision", "victims", "victim_side", "claimed_by", "source", "title", "url", "outlet",
                 "language", "published")
_NUM_COLUMNS = ("lat", "lon", "geo_precision", *FIGURE_COLUMNS)


def _parse_day(value: object, precision: object) -> pd.Timestamp:
    """The day an event goes on the time axis, or ``NaT`` when it has no full date."""
    if not isinstance(value, str) or not value.strip():
        return pd.NaT
    s = value.strip()
    prec = precision if isinstance(precision, str) and precision else ("day" if len(s) >= 10 else
                                                                        "month" if len(s) == 7 else "year")
    if prec == "day" and len(s) >= 10:
        s = s[:10]
    elif prec in ("day", "month") and len(s) >= 7:
        s = s[:7] + "-01"
    else:
        return pd.NaT
    return pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")


def _parse_days(values: pd.Series, precisions: pd.Series) -> pd.Series:
    """``_parse_day`` over whole columns, vectorised (100k dates in milliseconds, not seconds)."""
    if values.empty:
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    is_str = values.map(type).eq(str)
    s = values.where(is_str).astype("string").str.strip()
    n = s.str.len().fillna(0)
    given = precisions.where(precisions.map(type).eq(str)).astype("string")
    given = given.where(given.fillna("") != "")
    derived = pd.Series(np.where(n >= 10, "day", np.where(n == 7, "month", "year")), index=values.index)
    prec = given.fillna(derived.astype("string"))
    as_day = (prec == "day").fillna(False) & (n >= 10)
    as_month = ~as_day & prec.isin(["day", "month"]).fillna(False) & (n >= 7)
    text = pd.Series(pd.NA, index=values.index, dtype="string")
    text[as_day] = s[as_day].str.slice(0, 10)
    text[as_month] = s[as_month].str.slice(0, 7) + "-01"
    text = text.where(is_str & (n > 0))
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")


def prepare(events: pd.DataFrame) -> pd.DataFrame:
    """A copy of the events frame with ``day``, ``day_end``, ``dated`` and numeric figure columns."""
    df = events.copy()
    for col in _TEXT_COLUMNS:
        if col not in df.columns:
            df[col] = None
    for col in _NUM_COLUMNS:
        df[col] = pd.to_numeric(df[col], errors="coerce") if col in df.columns else float("nan")
        df[col] = df[col].astype("float64")
    df["approximate"] = df["approximate"].fillna(False).astype(bool) if "approximate" in df.columns else False
    df["day"] = _parse_days(df["date"], df["date_precision"])
    ends = _parse_days(df["date_end"], pd.Series("day", index=df.index))
    df["day_end"] = ends.where(ends.notna() & (ends >= df["day"]), df["day"])
    df["dated"] = df["day"].notna()
    return df


def date_bounds(df: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day of the dated events (spans included), or ``None`` if none is dated."""
    dated = df[df["dated"]]
    if dated.empty:
        return None
    return dated["day"].min().date(), dated["day_end"].max().date()


def in_date_range(df: pd.DataFrame, start: date, end: date, *, include_undated: bool = False) -> pd.DataFrame:
    """Events whose day (or span) overlaps ``start..end``, inclusive; undated ones only if asked."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    keep = df["dated"] & (df["day"] <= hi) & (df["day_end"] >= lo)
    if include_undated:
        keep |= ~df["dated"]
    return df[keep]


def select(df: pd.DataFrame, span: tuple[date, date] | None, *, include_undated: bool = False) -> pd.DataFrame:
    """What the page shows: the events in ``span`` (none if there is no span), plus undated ones if asked."""
    if span is None:
        return df if include_undated else undated(df).iloc[:0]
    return in_date_range(df, *span, include_undated=include_undated)


def undated(df: pd.DataFrame) -> pd.DataFrame:
    """Events without a full date (none, or a year only)."""
    return df[~df["dated"]]


def mappable(df: pd.DataFrame) -> pd.DataFrame:
    """Events with coordinates."""
    return df[df["lat"].notna() & df["lon"].notna()]


def by_ids(df: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The events with these ids, in the frame's order."""
    return df[df["id"].isin(list(ids))]


def summary(df: pd.DataFrame) -> dict[str, int]:
    """Counts for captions and metrics: events, dated, undated, mappable, and firm lower figures."""
    out = {
        "events": len(df),
        "dated": int(df["dated"].sum()),
        "undated": int((~df["dated"]).sum()),
        "mappable": len(mappable(df)),
        "articles": int(df["article_id"].nunique()),
    }
    for f in FIGURES:
        out[f"{f}_low"] = int(df[f"{f}_low"].fillna(0).sum())
    return out


def undated_table(df: pd.DataFrame) -> pd.DataFrame:
    """The undated events as a small table for the list under the slider."""
    u = undated(df)
    return pd.DataFrame({
        "date as stated": u["date"].fillna("—"),
        "place": u["place_name"].fillna("—"),
        "killed": u["killed_low"],
        "wounded": u["wounded_low"],
        "sentence": u["sentence"],
        "source": u["source"],
    }).reset_index(drop=True)


# -- the shared filters of every page (the same URL state on the map page and the events page) ------------
PRECISION_LABELS = {1: "town", 2: "region", 3: "country"}


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the events to, beyond the dates. Empty means "all"."""

    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # outlet, else the source file or URL
    claimants: tuple[str, ...] = ()  # "—" selects the events nobody is said to have claimed
    victims: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()  # ISO2 of the victims' side; "—" for not stated
    countries: tuple[str, ...] = ()  # ISO2 of the event's place
    precisions: tuple[int, ...] = ()  # geo_precision 1 / 2 / 3

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NOT_STATED = "—"


def source_label(df: pd.DataFrame) -> pd.Series:
    """The outlet where known, else the file name or URL the article came from."""
    names = df["source"].fillna("").astype(str).str.replace(r"^.*[/\\]", "", regex=True)
    return df["outlet"].where(df["outlet"].notna() & (df["outlet"].astype(str) != ""), names)


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    if name == "sources":
        return source_label(df)
    col = {"languages": "language", "claimants": "claimed_by", "victims": "victims", "sides": "victim_side",
           "countries": "country", "precisions": "geo_precision"}[name]
    s = df[col]
    if name == "precisions":
        return s
    return s.fillna(NOT_STATED).astype(str).replace("", NOT_STATED)


def options(df: pd.DataFrame) -> dict[str, list]:
    """The values each filter can take in ``df``, most frequent first (for the pickers)."""
    out: dict[str, list] = {}
    for f in fields(Filters):
        col = _column(df, f.name).dropna()
        if f.name == "precisions":
            out[f.name] = sorted(int(v) for v in col.unique())
        else:
            out[f.name] = list(col.value_counts().index)
    return out


def apply(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The events that pass every active filter."""
    keep = pd.Series(True, index=df.index)
    for fld in fields(Filters):
        wanted = getattr(f, fld.name)
        if wanted:
            col = _column(df, fld.name)
            keep &= col.isin([int(w) for w in wanted] if fld.name == "precisions" else list(wanted))
    return df[keep]


def counts(df: pd.DataFrame) -> dict[str, dict]:
    """For each filter, how many events each value has (the counts shown beside the pickers)."""
    return {f.name: _column(df, f.name).value_counts(dropna=True).to_dict() for f in fields(Filters)}
