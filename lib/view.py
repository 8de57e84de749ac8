"""The main page's view state that is not a widget: what a chart selection picked, the selected place, the
play control's steps. Pure functions, so the URL round trip and the playback are tested without Streamlit.

URL parameters (``st.query_params``) of the main page, besides the bound widgets (``dates``, the filters,
``figure``, ``names``, ``split``, ``step``, ``undated``):

- ``place=lat,lon``: the selected place (``maps.place_key``);
- ``pick_days=YYYY-MM-DD,YYYY-MM-DD`` and ``pick_place=<name>`` (repeatable): what a chart selection
  narrowed the map to;
- ``view=lat,lon,zoom``: the map's view, written by the map itself in the browser (``maps.ViewMemory``);
- ``present=1``: presentation mode.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

PLACE, PICK_DAYS, PICK_PLACES, PRESENT, MAP_VIEW = "place", "pick_days", "pick_place", "present", "view"
STEPS = {"day": 1, "week": 7}


def parse_day(value: object) -> date | None:
    """``YYYY-MM-DD`` → a date, or ``None``."""
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Pick:
    """What a selection on the charts narrowed the map to: a date range and/or places (by shown name)."""

    days: tuple[date, date] | None = None
    places: tuple[str, ...] = ()

    def active(self) -> bool:
        return self.days is not None or bool(self.places)

    def describe(self) -> str:
        """``11 Oct – 17 Oct 2020 · Ganja, Barda``."""
        parts = []
        if self.days:
            a, b = self.days
            parts.append(f"{a:%d %b %Y}" if a == b else f"{a:%d %b} – {b:%d %b %Y}" if a.year == b.year
                         else f"{a:%d %b %Y} – {b:%d %b %Y}")
        if self.places:
            parts.append(", ".join(self.places[:4]) + (f" and {len(self.places) - 4} more" if len(self.places) > 4
                                                      else ""))
        return " · ".join(parts)

    def to_params(self) -> dict[str, str | list[str]]:
        out: dict[str, str | list[str]] = {}
        if self.days:
            out[PICK_DAYS] = f"{self.days[0].isoformat()},{self.days[1].isoformat()}"
        if self.places:
            out[PICK_PLACES] = list(self.places)
        return out

    @classmethod
    def from_params(cls, days: object = None, places: list[str] | tuple[str, ...] = ()) -> Pick:
        """From the URL's values; anything malformed is dropped."""
        span = None
        if isinstance(days, str) and "," in days:
            a, b = (parse_day(v) for v in days.split(",", 1))
            if a and b:
                span = (min(a, b), max(a, b))
        names = tuple(dict.fromkeys(p.strip() for p in places if isinstance(p, str) and p.strip()))[:50]
        return cls(span, names)


def apply_pick(df: pd.DataFrame, pick: Pick) -> pd.DataFrame:
    """The rows of a prepared frame (reports or incidents) inside the pick (all of them if nothing is picked)."""
    if pick.days:
        lo, hi = (pd.Timestamp(d) for d in pick.days)
        df = df[df["dated"] & (df["day"] <= hi) & (df["day_end"] >= lo)]
    if pick.places:
        df = df[df["place_name"].isin(pick.places)]
    return df


def next_span(span: tuple[date, date], bounds: tuple[date, date], step: str) -> tuple[date, date] | None:
    """The play control's next range: the end moves on by one ``step`` (``day`` or ``week``) and the start
    stays; ``None`` once the end has reached the last day."""
    start, end = span
    last = bounds[1]
    if end >= last:
        return None
    return start, min(end + timedelta(days=STEPS.get(step, 7)), last)


def play_from(span: tuple[date, date], bounds: tuple[date, date], step: str) -> tuple[date, date]:
    """Where playing starts: from the current range, or, when its end is already the last day, from its start
    with one step shown."""
    start, end = span
    if end < bounds[1]:
        return span
    return start, min(start + timedelta(days=STEPS.get(step, 7) - 1), bounds[1])
