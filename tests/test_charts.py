"""lib/charts.py: the casualty figures, asserted as data."""
from __future__ import annotations

import math

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
