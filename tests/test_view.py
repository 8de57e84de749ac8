"""lib/view.py: the URL state of the main page (a chart's pick) and the play control's steps."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib import filters, view


def test_a_pick_travels_through_the_url() -> None:
    pick = view.Pick((date(2020, 10, 11), date(2020, 10, 17)), ("Ganja", "Barda"))
    params = pick.to_params()
    assert params == {"pick_days": "2020-10-11,2020-10-17", "pick_place": ["Ganja", "Barda"]}
    assert view.Pick.from_params(params["pick_days"], params["pick_place"]) == pick
    assert pick.describe() == "11 Oct – 17 Oct 2020 · Ganja, Barda"
    assert view.Pick((date(2020, 12, 30), date(2021, 1, 2))).describe() == "30 Dec 2020 – 02 Jan 2021"
    assert not view.Pick().active() and view.Pick().to_params() == {}


def test_a_malformed_pick_is_dropped() -> None:
    assert view.Pick.from_params("2020-10-17,2020-10-11").days == (date(2020, 10, 11), date(2020, 10, 17))
    for bad in ("2020-13-01,2020-10-11", "yesterday", "", None, "<script>,x"):
        assert view.Pick.from_params(bad).days is None
    assert view.Pick.from_params(None, ["", " Ganja ", "Ganja"]).places == ("Ganja",)


def test_apply_pick(events_frame: pd.DataFrame) -> None:
    df = filters.prepare(events_frame)
    assert len(view.apply_pick(df, view.Pick())) == 12
    week = view.apply_pick(df, view.Pick((date(2020, 9, 27), date(2020, 10, 3))))
    assert sorted(week["place_name"]) == ["Stepanakert", "Stepanakert", "Tartar", "Tartar"]
    assert view.apply_pick(df, view.Pick(places=("Ganja",)))["place_name"].tolist() == ["Ganja"]


def test_playing_moves_the_end_and_stops_at_the_last_day() -> None:
    bounds = (date(2020, 9, 27), date(2020, 11, 1))
    assert view.play_from(bounds, bounds, "week") == (date(2020, 9, 27), date(2020, 10, 3))
    assert view.play_from(bounds, bounds, "day") == (date(2020, 9, 27), date(2020, 9, 27))
    assert view.play_from((date(2020, 10, 1), date(2020, 10, 5)), bounds, "week") == (date(2020, 10, 1),
                                                                                     date(2020, 10, 5))
    span, steps = view.play_from(bounds, bounds, "week"), 0
    while (nxt := view.next_span(span, bounds, "week")) is not None:
        assert nxt[0] == span[0] and nxt[1] > span[1]
        span, steps = nxt, steps + 1
    assert span == (date(2020, 9, 27), date(2020, 11, 1)) and steps == 5  # 3 Oct + 4 weeks, then the last day
    assert view.next_span((date(2020, 10, 30), date(2020, 10, 31)), bounds, "day") == (date(2020, 10, 30),
                                                                                      date(2020, 11, 1))
