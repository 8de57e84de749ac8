"""dashboard.py under Streamlit's AppTest, over a synthetic store (widgets looked up by key)."""
from __future__ import annotations

import sys
import types
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import ui
from lib.store import Store

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture
def app(synthetic_store: Store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CONFLICT_STORE", str(synthetic_store.path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_renders_with_map_charts_and_sidebar(app: AppTest) -> None:
    assert _metric(app, "Events shown") == "10"
    assert _metric(app, "On the map") == "9"
    assert _metric(app, "Killed (lower figures)") == "849"
    assert {m.label: m.value for m in app.sidebar.metric} == {"Articles": "3", "Events": "12", "Dated": "10",
                                                               "Undated": "2"}
    assert any("store.sqlite" in c.value for c in app.sidebar.caption)
    assert app.toggle(key=ui.TILES_KEY).value is False  # no online tiles by default
    assert len(app.get("plotly_chart")) == 3  # over time, by place, cumulative


def test_slider_filters_the_view(app: AppTest) -> None:
    slider = app.slider(key=ui.DATE_KEY)
    assert slider.value == (date(2020, 9, 27), date(2020, 11, 1))
    slider.set_value((date(2020, 9, 27), date(2020, 9, 28))).run()
    assert not app.exception
    assert _metric(app, "Events shown") == "3"
    assert _metric(app, "Killed (lower figures)") == "3"
    assert any("Showing 3 of 12 events" in c.value for c in app.caption)


def test_date_range_is_restored_from_the_url(synthetic_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICT_STORE", str(synthetic_store.path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params[ui.DATE_KEY] = ["2020-09-27", "2020-09-28"]
    at.run()
    assert not at.exception
    assert at.slider(key=ui.DATE_KEY).value == (date(2020, 9, 27), date(2020, 9, 28))
    assert _metric(at, "Events shown") == "3"


def test_a_bad_url_falls_back_to_the_full_range(synthetic_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICT_STORE", str(synthetic_store.path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params[ui.DATE_KEY] = ["2019-01-01", "2019-02-01"]  # outside the data
    at.query_params[ui.MEASURE_KEY] = "<script>"
    at.run()
    assert not at.exception
    assert _metric(at, "Events shown") == "10"


def test_undated_events_are_listed_and_can_be_mapped(app: AppTest) -> None:
    exp = [e for e in app.expander if "without a full date" in e.label]
    assert len(exp) == 1 and exp[0].label.startswith("2 events")
    table = exp[0].dataframe[0].value
    assert sorted(table["place"]) == ["Azerbaijan", "Martuni"]
    box = app.checkbox(key=ui.UNDATED_KEY)
    assert box.value is False
    box.check().run()
    assert _metric(app, "Events shown") == "12"
    assert _metric(app, "On the map") == "11"


def test_measure_switch(app: AppTest) -> None:
    app.segmented_control(key=ui.MEASURE_KEY).set_value("wounded").run()
    assert not app.exception
    assert _metric(app, "Wounded (lower figures)") == "109"


def test_first_start_builds_the_store_with_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    make_store) -> None:
    store_path = tmp_path / "store.sqlite"
    calls: list[tuple[int, int, str]] = []

    def ingest(paths, store, gazetteer, progress=None):
        assert gazetteer == "GAZ" and isinstance(store, Store) and paths
        for i, p in enumerate(paths, 1):
            progress(i, len(paths), Path(p).name)
            calls.append((i, len(paths), Path(p).name))
        make_store(store.path)

    gazetteer_mod = types.ModuleType("lib.gazetteer")
    gazetteer_mod.Gazetteer = types.SimpleNamespace(open=lambda: "GAZ")
    monkeypatch.setitem(sys.modules, "lib.pipeline", types.SimpleNamespace(ingest=ingest))
    monkeypatch.setitem(sys.modules, "lib.gazetteer", gazetteer_mod)
    monkeypatch.setenv("CONFLICT_STORE", str(store_path))
    ui.get_gazetteer.clear()
    try:
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        at.run()
    finally:
        ui.get_gazetteer.clear()
    assert not at.exception, at.exception
    assert calls and calls[-1][0] == calls[-1][1]
    assert Store(store_path).counts()["events"] == 12
    assert _metric(at, "Events shown") == "10"


def test_first_start_without_a_pipeline_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lib.pipeline", None)  # import fails
    monkeypatch.setenv("CONFLICT_STORE", str(tmp_path / "store.sqlite"))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert any("cannot be built yet" in w.value for w in at.warning)
    assert _metric(at, "Events shown") == "0"


def test_language_filter_narrows_the_view(app: AppTest) -> None:
    app.multiselect(key="lang").set_value(["vi"]).run()
    assert not app.exception
    assert int(_metric(app, "Events shown")) < 10


def test_filters_are_restored_from_the_url(synthetic_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICT_STORE", str(synthetic_store.path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["lang"] = ["vi"]
    at.query_params["precision"] = ["town", "<b>9</b>"]  # a stray value from another store is dropped
    at.run()
    assert not at.exception
    assert at.multiselect(key="lang").value == ["vi"]
    assert at.multiselect(key="precision").value == ["town"]
    assert int(_metric(at, "Events shown")) < 10


# -- the linked, shareable view: everything in the URL, counted once, presentable -------------------------------
GANJA = "40.6828,46.3606"


def _dashboard(store_path: Path, monkeypatch: pytest.MonkeyPatch, **params) -> AppTest:
    monkeypatch.setenv("CONFLICT_STORE", str(store_path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _details(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html") if "ev-popup" in h.proto.body)


def test_a_copied_link_restores_the_whole_view(synthetic_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _dashboard(synthetic_store.path, monkeypatch, dates=["2020-09-27", "2020-10-31"], figure="wounded",
                    names="gazetteer", split="claimant", step="day", lang=["en", "vi", "id"],
                    place=GANJA, pick_days="2020-10-01,2020-10-31", present="1", view="40.3,46.9,9")
    assert at.slider(key=ui.DATE_KEY).value == (date(2020, 9, 27), date(2020, 10, 31))
    assert at.segmented_control(key=ui.MEASURE_KEY).value == "wounded"
    assert at.radio(key=ui.NAMES_KEY).value == "gazetteer"
    assert at.segmented_control(key=ui.SPLIT_KEY).value == "claimant"
    assert at.segmented_control(key=ui.STEP_KEY).value == "day"
    assert at.multiselect(key="lang").value == ["en", "vi", "id"]
    assert at.toggle(key=ui.PRESENT_KEY).value is True
    assert any("stSidebar" in h.proto.body for h in at.get("html"))  # presentation mode's style
    details = _details(at)
    assert "<h4>Ganja</h4>" in details and "killed 10, wounded 34" in details
    assert at.button(key="clear_place")  # the selected place's panel, with the way back
    assert any("01 Oct – 31 Oct 2020" in i.value for i in at.info)  # the chart's pick, said
    assert _metric(at, "Events shown") == "9" and _metric(at, "On the map") == "5"  # October's mapped events
    assert at.query_params["view"] == "40.3,46.9,9"  # the map's own view is left for the map to read


def test_interactions_write_the_url(synthetic_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _dashboard(synthetic_store.path, monkeypatch, place=GANJA, pick_days="2020-10-01,2020-10-31")
    at.button(key="clear_pick").click().run()
    assert "pick_days" not in at.query_params and _metric(at, "On the map") == "9"
    at.button(key="clear_place").click().run()
    assert "place" not in at.query_params and not _details(at)
    places = next(d.value for d in at.dataframe if "level" in d.value.columns)
    assert places["place"].iloc[0] == "Armenia" and set(places["level"]) == {"town", "region", "country"}
    # (bound widgets write the URL in the browser: the browser tests check those; these are written here)
    at.toggle(key=ui.PRESENT_KEY).set_value(True).run()
    assert not at.exception and at.query_params["present"] == "1"
    at.toggle(key=ui.PRESENT_KEY).set_value(False).run()
    assert "present" not in at.query_params


def test_contested_names_are_shown_both_ways_or_as_the_gazetteer_has_them(app: AppTest) -> None:
    def place_names() -> list[str]:
        return next(d.value for d in app.dataframe if "level" in d.value.columns)["place"].tolist()

    assert "Stepanakert / Khankendi" in place_names() and "Shusha / Shushi" in place_names()
    app.radio(key=ui.NAMES_KEY).set_value("gazetteer").run()
    assert "Khankendi" in place_names() and "Shusha" in place_names()
    assert not [n for n in place_names() if " / " in n]


def test_a_hostile_or_stale_url_falls_back(synthetic_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _dashboard(synthetic_store.path, monkeypatch, place="<script>alert(1)</script>", pick_days="a,b",
                    pick_place=["{{7*7}}"], names="<b>", split="x", step="century", present="0")
    assert _metric(at, "Events shown") == "10" and _metric(at, "On the map") == "0"  # no place is called {{7*7}}
    assert not _details(at) and at.radio(key=ui.NAMES_KEY).value == "both"
    assert at.toggle(key=ui.PRESENT_KEY).value is False
    at = _dashboard(synthetic_store.path, monkeypatch, place="10.0,10.0")  # a place not on the map (any more)
    assert any("no events in this view" in c.value for c in at.caption)


def test_playing_starts_from_the_first_step(app: AppTest) -> None:
    app.toggle(key=ui.PLAY_KEY).set_value(True).run()
    assert not app.exception
    assert app.slider(key=ui.DATE_KEY).value == (date(2020, 9, 27), date(2020, 10, 3))  # a week shown, then on
    assert _metric(app, "Events shown") == "4"


@pytest.fixture(scope="module")
def duplicate_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The synthetic store plus two more articles: one repeats Barda's report, one disputes Ganja's toll."""
    from lib.models import Article, Event, stable_id
    from tests.conftest import fill_store

    store = fill_store(tmp_path_factory.mktemp("dups") / "store.sqlite")
    for name, claim in (("repeat", {"killed_low": 21, "killed_high": 21, "wounded_low": 70, "wounded_high": 70,
                                    "place": ("Barda", 40.3744, 47.1267), "date": "2020-10-29", "claimed_by": None}),
                        ("rival", {"killed_low": 1, "killed_high": 1, "wounded_low": None, "wounded_high": None,
                                   "place": ("Ganja", 40.6828, 46.3606), "date": "2020-10-11",
                                   "claimed_by": "Armenian Foreign Ministry"})):
        text = f"{name}: an article about {claim['place'][0]}."
        art = Article(id=stable_id(text), source=f"data/articles/{name}.txt", text=text, language="en",
                      published="2020-11-02", title=name, outlet=f"Outlet {name}")
        place, lat, lon = claim.pop("place")
        store.add(art, [], [Event(id=stable_id(art.id, text), article_id=art.id, sentence=text, place_name=place,
                                  place_surface=place, country="AZ", lat=lat, lon=lon, geo_precision=1,
                                  date_precision="day", victim_side="AZ", victims="civilians", **claim)])
    return store


def test_an_incident_reported_twice_counts_once(duplicate_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _dashboard(duplicate_store.path, monkeypatch)
    assert {m.label: m.value for m in at.sidebar.metric}["Events"] == "12"  # 14 reports, 12 events
    assert _metric(at, "Events shown") == "10" and _metric(at, "Articles") == "5"
    assert _metric(at, "Killed (lower figures)") == str(849 - 10 + 1)  # Barda once; Ganja: 1 to 10, not 11
    competing = next(d.value for d in at.dataframe if "claims" in d.value.columns)
    assert competing["place"].tolist() == ["Ganja"]
    assert "killed 1 (Armenian Foreign Ministry)" in competing["claims"].iloc[0]
    assert "killed 10, wounded 34 (Azerbaijan Foreign Ministry)" in competing["claims"].iloc[0]
    at = _dashboard(duplicate_store.path, monkeypatch, place="40.3744,47.1267")
    assert "2 articles" in _details(at) and _details(at).count("<li>") == 1
