"""Pure pandas filtering of the events frame (``Store.events_frame()``): dates, places, counts.

``prepare`` adds the columns every view relies on; the rest take a prepared frame and return a new one.

- ``day``: the date an event is placed on the time axis. Day precision uses the date; month precision
  the first of the month (and counts as dated); year precision or no date gives ``NaT`` (undated).
- ``day_end``: the end of a stated span (``date_end``), else ``day``.
- ``dated``: ``day`` is known.
"""
from __future__ import annotations

from datetime import date

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
    df["day"] = pd.to_datetime(pd.Series([_parse_day(d, p) for d, p in zip(df["date"], df["date_precision"])],
                                         index=df.index, dtype="object"))
    ends = pd.to_datetime(pd.Series([_parse_day(d, "day") for d in df["date_end"]], index=df.index,
                                    dtype="object"))
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
