"""lib/charts.py: the casualty figures, asserted as data."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from lib import charts, filters, maps


@pytest.fixture
def events(events_frame: pd.DataFrame) -> pd.DataFrame:
    return filters.prepare(events_frame)


def _bars(fig) -> dict[str, object]:
    return {t.name: t for t in fig.data if t.type == "bar"}


def _points(trace) -> dict[str, float]:
    return {pd.Timestamp(x).date().isoformat(): float(y) for x, y in zip(trace.x, trace.y)}


def test_one_bar_trace_per_victim_side(events: pd.DataFrame) -> None:
    fig = charts.casualties_over_time(events)
    bars = _bars(fig)
    assert set(bars) == {"Armenia", "Azerbaijan", "Side not stated"}
    assert {b.meta for b in bars.values()} == {"AM", "AZ", "unknown"}
    assert bars["Armenia"].marker.color == maps.side_colour("AM")  # same colours as the map
    # side by side within each period, whatever the spacing of the periods: no bar hides another
    day = 86_400_000
    slots: dict[str, list[tuple[float, float]]] = {}
    for b in bars.values():
        for x, off, w in zip(b.x, b.offset, b.width):
            slots.setdefault(str(x), []).append((off, off + w))
    for spans in slots.values():
        spans.sort()
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
        assert spans[0][0] >= 0 and spans[-1][1] <= day
    assert max(len(v) for v in slots.values()) == 1  # no day has two sides here: each bar gets the whole day
    assert bars["Azerbaijan"].width[0] == pytest.approx(0.8 * day)


def test_lower_figures_are_the_bars_and_undated_are_left_out(events: pd.DataFrame) -> None:
    fig = charts.casualties_over_time(events)
    total = sum(float(sum(t.y)) for t in _bars(fig).values())
    dated = events[events["dated"]]
    assert total == dated["killed_low"].sum() == 849  # not the year-only 2,783 nor the undated 3
    az = _points(_bars(fig)["Azerbaijan"])
    assert az == {"2020-09-27": 2, "2020-09-28": 1, "2020-10-11": 10, "2020-10-28": 21}
    assert _points(_bars(fig)["Armenia"])["2020-11-01"] == 5  # the month-precision event, on the 1st


def test_bounds_are_drawn_apart_not_summed(events: pd.DataFrame) -> None:
    fig = charts.casualties_over_time(events)
    am = _bars(fig)["Armenia"]
    low = _points(am)
    plus = dict(zip(low, am.error_y.array))
    assert low["2020-10-17"] == 24 and plus["2020-10-17"] == 75  # "dozens": 24 firm, whisker to 99
    assert math.isnan(plus["2020-10-20"])  # an exact figure has no whisker
    assert not am.error_y.symmetric and set(am.error_y.arrayminus) == {0}
    open_ended = [t for t in fig.data if t.type == "scatter"]
    assert [t.name for t in open_ended] == ["Armenia: no upper bound"]  # "more than 10" in Stepanakert
    assert _points(open_ended[0]) == {"2020-10-02": 10}
    ranges = dict(zip(low, (c[0] for c in am.customdata)))
    assert ranges["2020-10-17"] == "24–99" and "no upper bound" in ranges["2020-10-02"]


def test_period_follows_the_span(events: pd.DataFrame) -> None:
    assert charts.period_of(events) == "D"
    long = events.copy()
    long.loc[long["dated"], "day"] = pd.date_range("2018-01-01", periods=int(long["dated"].sum()), freq="90D")
    assert charts.period_of(long) == "M"
    weekly = charts.casualties_over_time(events, period="W")
    assert sum(float(sum(t.y)) for t in _bars(weekly).values()) == 849


def test_other_measures(events: pd.DataFrame) -> None:
    fig = charts.casualties_over_time(events, measure="wounded")
    assert set(_bars(fig)) == {"Azerbaijan"} and sum(_bars(fig)["Azerbaijan"].y) == 5 + 34 + 70
    assert "Wounded" in fig.layout.title.text


def test_by_place_stacks_sides_over_a_faint_upper_bound(events: pd.DataFrame) -> None:
    fig = charts.casualties_by_place(events, top=5)
    bars = _bars(fig)
    upper = bars["upper bound"]
    places = list(upper.y)
    assert len(places) == 5 and places[-1] == "Fuzuli District"  # largest at the top
    assert "Armenia" not in places and "Azerbaijan" not in places  # national totals are not places
    assert dict(zip(upper.y, upper.x))["Fuzuli District"] == 99
    am = dict(zip(bars["Armenia"].y, bars["Armenia"].x))
    assert am["Fuzuli District"] == 24
    assert fig.layout.barmode == "overlay"


def test_empty_selection_says_so(events: pd.DataFrame) -> None:
    for fig in (charts.casualties_over_time(events.iloc[:0]), charts.casualties_by_place(events.iloc[:0])):
        assert not fig.data
        assert "No " in fig.layout.annotations[0].text


def test_figures_serialise(events: pd.DataFrame) -> None:
    d = charts.casualties_over_time(events).to_dict()
    assert {t["type"] for t in d["data"]} == {"bar", "scatter"}
    assert d["layout"]["yaxis"]["rangemode"] == "tozero"


def test_sides_on_the_same_day_share_it(events_frame: pd.DataFrame) -> None:
    df = events_frame.copy()
    df.loc[df["place_name"] == "Armenia", "date"] = "2020-10-11"  # same day as Ganja (Azerbaijan)
    bars = _bars(charts.casualties_over_time(filters.prepare(df)))
    day = 86_400_000
    am = dict(zip(map(str, bars["Armenia"].x), zip(bars["Armenia"].offset, bars["Armenia"].width)))
    az = dict(zip(map(str, bars["Azerbaijan"].x), zip(bars["Azerbaijan"].offset, bars["Azerbaijan"].width)))
    key = next(k for k in am if k.startswith("2020-10-11"))
    (am_off, am_w), (az_off, az_w) = am[key], az[key]
    assert am_w == az_w == pytest.approx(0.4 * day)
    assert am_off + am_w <= az_off  # Armenia first (alphabetical), then Azerbaijan


# -- linked charts: claimants side by side, what a selection picks, the selected place, running totals ---------
def test_claimant_split_puts_each_partys_figures_side_by_side(events: pd.DataFrame) -> None:
    from lib import incidents

    fig = charts.casualties_over_time(incidents.collapse(events, by="claimed_by"), split="claimant")
    bars = _bars(fig)
    assert "by claimant" in fig.layout.title.text
    assert {"Armenian Defence Ministry", "Azerbaijan Foreign Ministry", charts.NO_CLAIMANT} <= set(bars)
    assert _points(bars["Armenian Defence Ministry"]) == {"2020-10-20": 772}
    assert bars[charts.NO_CLAIMANT].marker.color == "#8c8c8c"
    assert len({b.marker.color for b in bars.values()}) == len(bars)


def test_bars_carry_their_period_for_a_selection(events: pd.DataFrame) -> None:
    fig = charts.casualties_over_time(events)
    az = _bars(fig)["Azerbaijan"]
    assert [list(c[2:]) for c in az.customdata][:2] == [["2020-09-27", "2020-09-27"], ["2020-09-28", "2020-09-28"]]
    weekly = _bars(charts.casualties_over_time(events, period="W"))["Azerbaijan"]
    assert list(weekly.customdata[0][2:]) == ["2020-09-21", "2020-09-27"]  # the week holding 27 September
    assert fig.layout.dragmode == "zoom" and fig.layout.yaxis.fixedrange  # a click selects, a drag zooms time


def test_selection_state_to_days_and_places() -> None:
    points = {"points": [{"customdata": ["5", 1, "2020-10-11", "2020-10-17"]},
                         {"customdata": ["2", 1, "2020-09-27", "2020-09-27"]}], "box": []}
    assert charts.selected_days(points) == ("2020-09-27", "2020-10-17")
    box = {"points": [], "box": [{"x": ["2020-10-20 12:00", "2020-10-02"], "y": [0, 5]}]}
    assert charts.selected_days(box) == ("2020-10-02", "2020-10-20")
    assert charts.selected_days({}) is None and charts.selected_days(None) is None
    assert charts.selected_days({"box": [{"x": ["nonsense", "x"]}]}) is None
    places = {"points": [{"customdata": ["24–99", "Fuzuli District"], "y": "Fuzuli District"},
                         {"customdata": ["10", "Ganja"]}, {"y": "Barda"}, {"customdata": ["10", "Ganja"]}]}
    assert charts.selected_places(places) == ("Fuzuli District", "Ganja", "Barda")


def test_the_selected_place_is_ringed_and_a_pick_is_marked(events: pd.DataFrame) -> None:
    ganja = events[events["place_name"] == "Ganja"]
    fig = charts.casualties_over_time(events, highlight=ganja, highlight_name="Ganja",
                                      picked=(date(2020, 10, 11), date(2020, 10, 11)))
    ring = [t for t in fig.data if t.name == "Selected: Ganja"]
    assert len(ring) == 1 and list(ring[0].y) == [10] and ring[0].marker.symbol == "circle-open"
    az = _bars(fig)["Azerbaijan"]
    assert list(az.selectedpoints) == [2]  # 11 October among 27, 28 September, 11 and 28 October
    assert list(_bars(fig)["Armenia"].selectedpoints) == []
    by_place = charts.casualties_by_place(events, highlight="Ganja", picked=("Barda",))
    assert [t.name for t in by_place.data if t.name.startswith("Selected")] == ["Selected: Ganja"]
    assert list(_bars(by_place)["Azerbaijan"].customdata[-1]) == ["21", "Barda"]  # the place a click reads
    assert by_place.data[0].selectedpoints is not None


def test_cumulative_runs_up_to_the_totals_with_a_band_for_the_bounds(events: pd.DataFrame) -> None:
    fig = charts.cumulative(events)
    lines = {t.name: t for t in fig.data if t.showlegend is not False}
    am = lines["Armenia"]
    upper = next(t for t in fig.data if t.name == "Armenia: upper")
    assert list(am.y) == sorted(am.y) and am.y[-1] == 10 + 24 + 772 + 5
    assert upper.y[-1] == 10 + 99 + 772 + 5 and all(h >= lo for h, lo in zip(upper.y, am.y))
    assert am.fill == "tonexty" and am.customdata[-1][1] == 1  # one open-ended claim ("more than 10")
    assert "No dated" in charts.cumulative(events.iloc[:0]).layout.annotations[0].text
