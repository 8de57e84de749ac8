"""lib/filters.py: dates on the time axis, range filtering, undated events, counts."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib import filters
from lib.store import Store


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {"id": None, "article_id": "a1", "lat": 40.0, "lon": 46.0, "killed_low": None, "killed_high": None}
    return filters.prepare(pd.DataFrame([{**base, "id": f"e{i}", **r} for i, r in enumerate(rows)]))


def test_prepare_places_events_on_the_time_axis() -> None:
    df = _frame([
        {"date": "2020-10-05", "date_precision": "day"},
        {"date": "2020-10", "date_precision": "month"},
        {"date": "2020-11-01", "date_precision": "month"},
        {"date": "2020", "date_precision": "year"},
        {"date": None, "date_precision": None},
        {"date": "2020-10-07", "date_precision": None},  # precision missing: read from the shape
        {"date": "not a date", "date_precision": "day"},
    ])
    assert df["day"].tolist()[:3] == [pd.Timestamp("2020-10-05"), pd.Timestamp("2020-10-01"),
                                      pd.Timestamp("2020-11-01")]
    assert df["dated"].tolist() == [True, True, True, False, False, True, False]
    assert df.loc[5, "day"] == pd.Timestamp("2020-10-07")


def test_spans_use_date_end() -> None:
    df = _frame([{"date": "2020-10-01", "date_end": "2020-10-10", "date_precision": "day"},
                 {"date": "2020-10-05", "date_end": "2020-10-01", "date_precision": "day"}])  # end before start
    assert df["day_end"].tolist() == [pd.Timestamp("2020-10-10"), pd.Timestamp("2020-10-05")]
    assert filters.date_bounds(df) == (date(2020, 10, 1), date(2020, 10, 10))
    # a span overlapping the range counts, even if it started before
    assert len(filters.in_date_range(df, date(2020, 10, 8), date(2020, 10, 9))) == 1


def test_in_date_range_is_inclusive_and_keeps_undated_only_if_asked(events_frame: pd.DataFrame) -> None:
    df = filters.prepare(events_frame)
    lo, hi = filters.date_bounds(df)
    assert (lo, hi) == (date(2020, 9, 27), date(2020, 11, 1))
    assert len(filters.in_date_range(df, lo, hi)) == 10
    assert len(filters.in_date_range(df, lo, hi, include_undated=True)) == 12
    assert len(filters.in_date_range(df, lo, lo)) == 2  # both events of the first day
    assert len(filters.in_date_range(df, hi, hi)) == 1  # the month-precision event on 1 November
    assert filters.in_date_range(df, date(2021, 1, 1), date(2021, 2, 1)).empty


def test_select_what_the_page_shows(events_frame: pd.DataFrame) -> None:
    df = filters.prepare(events_frame)
    span = filters.date_bounds(df)
    assert len(filters.select(df, span)) == 10
    assert len(filters.select(df, span, include_undated=True)) == 12
    assert filters.select(df, None).empty  # nothing dated: nothing on the time axis
    assert len(filters.select(df, None, include_undated=True)) == 12


def test_undated_are_counted_and_listed(events_frame: pd.DataFrame) -> None:
    df = filters.prepare(events_frame)
    u = filters.undated(df)
    assert sorted(u["place_name"]) == ["Azerbaijan", "Martuni"]
    table = filters.undated_table(df)
    assert len(table) == 2 and {"place", "sentence", "source"} <= set(table.columns)
    assert "2020" in table["date as stated"].tolist()  # a year only is listed with what was stated


def test_summary_counts(events_frame: pd.DataFrame) -> None:
    s = filters.summary(filters.prepare(events_frame))
    assert s["events"] == 12 and s["dated"] == 10 and s["undated"] == 2
    assert s["mappable"] == 11 and s["articles"] == 3
    assert s["killed_low"] == 2 + 1 + 10 + 10 + 24 + 772 + 21 + 5 + 3 + 2783 + 4


def test_prepare_handles_an_empty_store(tmp_path) -> None:
    df = filters.prepare(Store(tmp_path / "empty.sqlite").events_frame())
    assert df.empty and {"day", "day_end", "dated"} <= set(df.columns)
    assert filters.date_bounds(df) is None
    assert filters.summary(df)["events"] == 0


@pytest.mark.parametrize("ids", [["e0"], []])
def test_by_ids(ids: list[str]) -> None:
    df = _frame([{"date": "2020-10-05"}, {"date": "2020-10-06"}])
    assert filters.by_ids(df, ids)["id"].tolist() == ids


def test_shared_filters_narrow_by_language_side_and_precision(events_frame):
    from lib.filters import NOT_STATED, Filters, apply, counts, options, prepare

    df = prepare(events_frame)
    opts = options(df)
    assert set(opts["languages"]) == {"en", "vi", "id"} and set(opts["precisions"]) <= {1, 2, 3}
    vi = apply(df, Filters(languages=("vi",)))
    assert len(vi) and set(vi["language"]) == {"vi"}
    assert len(apply(df, Filters(sides=("AM",), precisions=(1,)))) == len(
        df[(df["victim_side"] == "AM") & (df["geo_precision"] == 1)])
    unclaimed = apply(df, Filters(claimants=(NOT_STATED,)))
    assert unclaimed["claimed_by"].isna().all() and len(unclaimed) == counts(df)["claimants"][NOT_STATED]
    assert not Filters().active() and Filters(languages=("en",)).active()
    assert len(apply(df, Filters())) == len(df)
