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
    assert len(app.get("plotly_chart")) == 2


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
