"""lib/incidents.py: the same incident reported by several articles counts once; competing claims stay apart."""
from __future__ import annotations

import pandas as pd

from lib import charts, filters, incidents


def _reports(rows: list[dict]) -> pd.DataFrame:
    base = {"article_id": "a1", "place_name": "Ganja", "gazetteer_id": "geonames:148005", "lat": 40.6828,
            "lon": 46.3606, "geo_precision": 1, "date": "2020-10-11", "date_precision": "day",
            "victim_side": "AZ", "victims": "civilians", "killed_low": 10, "killed_high": 10, "claimed_by": None,
            "sentence": "Ten people were killed in Ganja.", "source": "a.txt"}
    frame = pd.DataFrame([{**base, "id": f"r{i}", **r} for i, r in enumerate(rows)])
    return incidents.assign(filters.prepare(frame))


def test_the_same_report_in_several_articles_is_one_event() -> None:
    df = _reports([
        {"article_id": "a1"},
        {"article_id": "a2", "date": "2020-10-12"},  # the next day: "yesterday" read a day later
        {"article_id": "a3", "gazetteer_id": None},  # no gazetteer id: matched on its coordinates
        {"article_id": "a4", "claimed_by": "Azerbaijan Foreign Ministry"},  # same figure, a claimant named
    ])
    assert df["incident_id"].nunique() == 1 and df["claim_id"].nunique() == 1
    assert set(df["n_sources"]) == {4} and set(df["n_claims"]) == {1}
    events = incidents.collapse(df)
    assert len(events) == 1
    ev = events.iloc[0]
    assert (ev["killed_low"], ev["killed_high"], ev["n_reports"], ev["n_articles"]) == (10, 10, 4, 4)
    assert not ev["approximate"]
    s = incidents.summary(df, events)
    assert (s["events"], s["reports"], s["articles"], s["killed_low"]) == (1, 4, 4, 10)  # counted once


def test_what_keeps_reports_apart() -> None:
    df = _reports([
        {},
        {"article_id": "a2", "date": "2020-10-13"},  # two days later: another incident
        {"article_id": "a3", "victim_side": "AM"},  # another side
        {"article_id": "a4", "killed_low": 11, "killed_high": 11},  # another figure, nobody named
        {"article_id": "a5", "place_name": "Barda", "gazetteer_id": "geonames:587057", "lat": 40.37, "lon": 47.12},
        {"article_id": "a6", "date": "2020-10", "date_precision": "month"},  # a month, not that day
    ])
    assert df["incident_id"].nunique() == 6
    assert len(incidents.collapse(df)) == 6


def test_dates_cluster_from_the_first_report_not_in_a_chain() -> None:
    df = _reports([{"date": "2020-10-11"}, {"article_id": "a2", "date": "2020-10-12"},
                   {"article_id": "a3", "date": "2020-10-13"}])
    assert df.groupby("incident_id").size().sort_values().tolist() == [1, 2]


def test_competing_claims_are_one_event_with_its_claims_side_by_side() -> None:
    df = _reports([
        {"victim_side": "AM", "victims": "soldiers", "killed_low": 100, "killed_high": 100,
         "claimed_by": "Azerbaijan Defence Ministry", "article_id": "a1"},
        {"victim_side": "AM", "victims": "soldiers", "killed_low": 100, "killed_high": 100,
         "claimed_by": "Azerbaijan's Defence Ministry", "article_id": "a2"},  # the same claim, spelt otherwise
        {"victim_side": "AM", "victims": "soldiers", "killed_low": 10, "killed_high": 10,
         "claimed_by": "Armenian Defence Ministry", "article_id": "a3"},
    ])
    assert df["incident_id"].nunique() == 1 and df["claim_id"].nunique() == 2
    ev = incidents.collapse(df).iloc[0]
    # the claims are a range, never a sum: 10 (Armenia's ministry) to 100 (Azerbaijan's)
    assert (ev["killed_low"], ev["killed_high"], ev["n_claims"], ev["n_reports"]) == (10, 100, 2, 3)
    assert ev["approximate"]
    per_claimant = incidents.collapse(df, by="claimed_by").set_index("claimed_by")
    assert per_claimant.loc["Armenian Defence Ministry", "killed_low"] == 10
    assert per_claimant.loc["Azerbaijan Defence Ministry", "killed_low"] == 100
    table = incidents.competing(df)
    assert len(table) == 1
    claims = table.iloc[0]["claims"]
    assert "killed 100 (Azerbaijan" in claims and "killed 10 (Armenian Defence Ministry)" in claims
    assert table.iloc[0]["articles"] == 3
    # the chart draws the lower claim as the bar and the higher one as the whisker
    fig = charts.casualties_over_time(incidents.collapse(df))
    bar = next(t for t in fig.data if t.type == "bar")
    assert list(bar.y) == [10] and list(bar.error_y.array) == [90]


def test_a_claimant_with_two_figures_is_not_guessed_at() -> None:
    df = _reports([{"killed_low": 2, "killed_high": 2, "claimed_by": "Azerbaijan Defence Ministry"},
                   {"killed_low": 5, "killed_high": 5, "claimed_by": "Azerbaijan Defence Ministry",
                    "article_id": "a2"},
                   {"killed_low": 9, "killed_high": 9, "claimed_by": "Armenian Defence Ministry", "article_id": "a3"}])
    assert df["incident_id"].nunique() == 3


def test_open_ended_claims_keep_the_incident_open() -> None:
    df = _reports([{"killed_low": 50, "killed_high": None, "claimed_by": "Armenian Defence Ministry"},
                   {"killed_low": 49, "killed_high": 49, "claimed_by": "Azerbaijan Defence Ministry",
                    "article_id": "a2"}])
    ev = incidents.collapse(df).iloc[0]
    assert ev["killed_low"] == 49 and pd.isna(ev["killed_high"])  # "49 to more than 50"


def test_no_place_or_no_date_is_never_merged_but_the_same_stated_year_is() -> None:
    df = _reports([
        {"lat": None, "lon": None, "gazetteer_id": None, "place_name": None},
        {"lat": None, "lon": None, "gazetteer_id": None, "place_name": None, "article_id": "a2"},
        {"date": None, "date_precision": None, "article_id": "a3"},
        {"date": None, "date_precision": None, "article_id": "a4"},
        {"date": "2020", "date_precision": "year", "article_id": "a5"},
        {"date": "2020", "date_precision": "year", "article_id": "a6"},
    ])
    assert df.groupby("incident_id").size().sort_values().tolist() == [1, 1, 1, 1, 2]


def test_collapse_of_an_unassigned_frame_is_one_event_per_report(events_frame: pd.DataFrame) -> None:
    df = filters.prepare(events_frame)
    assert len(incidents.collapse(df)) == len(df) == 12
    assigned = incidents.assign(df)
    assert assigned["incident_id"].nunique() == 12  # the synthetic store has no duplicates
    assert incidents.count(assigned) == 12 and incidents.competing(assigned).empty


def test_empty_frames(events_frame: pd.DataFrame) -> None:
    empty = incidents.assign(filters.prepare(events_frame.iloc[:0]))
    assert empty.empty and {"incident_id", "claim_id", "n_sources", "n_claims"} <= set(empty.columns)
    assert incidents.collapse(empty).empty
    assert incidents.summary(empty, incidents.collapse(empty))["events"] == 0
