"""lib/maps.py (and the borders of lib/assets.py): the map as rendered HTML, asserted as data."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lib import assets, filters, maps

REMOTE_ASSET = re.compile(r"""<(?:script|link)\b[^>]*(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def borders(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return assets.load_borders(tmp_path_factory.mktemp("build") / "borders.geojson")


@pytest.fixture
def events(events_frame: pd.DataFrame) -> pd.DataFrame:
    return filters.prepare(events_frame)


def _render(m) -> str:
    return m.get_root().render()


def _place_features(m) -> list[dict]:
    layers = [c for c in m._children.values() if isinstance(c, maps.PlaceLayer)]
    assert len(layers) == 1
    return layers[0].data["features"]


def test_assets_are_local_and_nothing_is_fetched(events: pd.DataFrame, borders: dict) -> None:
    html = _render(maps.build_map(events, borders=borders))
    assert '<script src="/app/static/vendor/leaflet/leaflet.js"></script>' in html
    assert 'href="/app/static/vendor/leaflet/leaflet.css"' in html
    assert not REMOTE_ASSET.search(html)
    assert "openstreetmap" not in html.lower()  # no tiles unless asked
    for lib in ("jquery", "bootstrap", "awesome-markers", "d3.js", "d3.v", "d3.min"):
        assert lib not in html.lower()


def test_asset_prefix_is_a_parameter_and_tiles_are_optional(events: pd.DataFrame) -> None:
    html = _render(maps.build_map(events, asset_prefix="/static/x/", tiles=True))
    assert '<script src="/static/x/leaflet/leaflet.js"></script>' in html
    assert "tile.openstreetmap.org" in html  # only with the toggle on
    assert not REMOTE_ASSET.search(html)


def test_one_marker_per_place(events: pd.DataFrame) -> None:
    m = maps.build_map(events)
    features = _place_features(m)
    mappable = filters.mappable(events)
    assert len(features) == mappable[["lat", "lon"]].drop_duplicates().shape[0] == 9
    html = _render(m)
    assert len(re.findall(r"\"className\": ?\"ev-marker", html)) == 9
    tartar = [f for f in features if f["properties"]["tooltip"].startswith("Tartar")]
    assert len(tartar) == 1 and "2 events" in tartar[0]["properties"]["tooltip"]


def test_marker_size_colour_and_precision(events: pd.DataFrame) -> None:
    places = maps.aggregate_places(filters.mappable(events)).set_index("name")
    style = {name: maps.marker_style(p) for name, p in places.iterrows()}
    assert style["Ganja"]["fillColor"] == maps.side_colour("AZ")
    assert style["Stepanakert"]["fillColor"] == maps.side_colour("AM")
    assert style["Ganja"]["radius"] > style["Tartar"]["radius"] > 5  # by killed + wounded
    assert places.loc["Ganja", "total_low"] == 44
    # the event without figures still gets a visible dot
    assert maps.marker_style({**places.loc["Tartar"], "total_low": 0})["radius"] == 5
    # country-level: a faint dashed ring, not a pin; region-level: a larger translucent disc
    assert style["Armenia"]["dashArray"] and style["Armenia"]["fillOpacity"] <= 0.1
    assert "ev-country" in style["Armenia"]["className"]
    assert style["Fuzuli District"]["fillOpacity"] < style["Barda"]["fillOpacity"]
    assert style["Fuzuli District"]["radius"] > maps.marker_style({**places.loc["Fuzuli District"],
                                                                   "precision": 1})["radius"]
    # countries are drawn first (under), towns last (on top)
    assert places["precision"].tolist() == sorted(places["precision"], reverse=True)


def test_popup_lists_each_claim_with_bounds_claimant_and_source(events: pd.DataFrame) -> None:
    places = maps.aggregate_places(filters.mappable(events))
    step = places[places["name"] == "Stepanakert"].iloc[0]
    html = maps.place_popup(step, filters.by_ids(events, step["event_ids"]))
    assert "2 events" in html and "2020-09-27 – 2020-10-02" in html
    assert "killed more than 10" in html and "no figures" in html
    assert "claimed by Nagorno-Karabakh ombudsman" in html and "civilians (Armenia)" in html
    assert "Outlet VI" in html or "Outlet EN" in html or "Outlet ID" in html
    fuz = places[places["name"] == "Fuzuli District"].iloc[0]
    assert "killed ≈ 24–99" in maps.place_popup(fuz, filters.by_ids(events, fuz["event_ids"]))


def test_article_text_is_escaped(events: pd.DataFrame) -> None:
    html = _render(maps.build_map(events))
    assert "<script>alert" not in html
    assert "alert(" in html  # the sentence is there, escaped
    features = _place_features(maps.build_map(events))
    ganja = next(f for f in features if f["properties"]["tooltip"].startswith("Ganja"))
    popup = ganja["properties"]["popup"]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in popup and "<script" not in popup


def test_hostile_strings_cannot_break_out(events: pd.DataFrame) -> None:
    evil = "`${alert(1)}` </script><img src=x onerror=alert(2)> \" '"
    df = events.copy()
    df.loc[df.index[:3], "place_name"] = evil
    df.loc[df.index[:3], "claimed_by"] = evil
    df.loc[df.index[:3], "url"] = "javascript:alert(3)"
    html = _render(maps.build_map(df))
    assert "</script><img" not in html and "<img src=x" not in html
    assert "javascript:alert(3)" not in html  # only http(s) links become links
    data = json.loads(re.search(r"L\.geoJSON\((\{.*?\}), \{\n", html, re.DOTALL).group(1))
    popups = " ".join(f["properties"]["popup"] for f in data["features"])
    assert "&lt;img src=x" in popups and "<img" not in popups


def test_many_places_are_pooled_on_a_grid(events: pd.DataFrame) -> None:
    rng = np.random.default_rng(0)
    n = 6000
    base = events[events["place_name"] == "Ganja"].iloc[[0] * n].reset_index(drop=True)
    base["id"] = [f"ev{i}" for i in range(n)]
    base["lat"] = rng.uniform(38.5, 41.5, n)
    base["lon"] = rng.uniform(44.0, 49.0, n)
    places = maps.aggregate_places(base, max_places=500)
    assert 0 < len(places) <= 500 and (places["grid"] > 0).all()
    assert places["n_events"].sum() == n
    m = maps.build_map(base, max_places=500, max_claims=3)
    assert len(_place_features(m)) == len(places)
    assert len(_render(m)) < 4_000_000  # bounded: never one element per event


def test_legend_is_html_in_the_map_not_a_colormap(events: pd.DataFrame) -> None:
    m = maps.build_map(events)
    legends = [c for c in m._children.values() if isinstance(c, maps.MapControl)]
    assert len(legends) == 1
    assert "Armenia" in legends[0].html and "Azerbaijan" in legends[0].html and "Victim side" in legends[0].html
    assert "Side not stated" not in legends[0].html  # the side-less event has no place


def test_empty_frame_gives_a_quiet_default_map(events: pd.DataFrame, borders: dict) -> None:
    m = maps.build_map(events.iloc[:0], borders=borders)
    html = _render(m)
    assert "ev-marker" not in html and "Armenia" in html  # borders still drawn


def test_place_at_finds_the_clicked_place(events: pd.DataFrame) -> None:
    places = maps.aggregate_places(filters.mappable(events))
    assert maps.place_at(places, 40.6828, 46.3606)["name"] == "Ganja"
    assert maps.place_at(places, 10.0, 10.0) is None
    assert maps.place_at(places.iloc[:0], 40.0, 46.0) is None


@pytest.mark.parametrize(("low", "high", "approx", "text"), [
    (5, 5, False, "5"), (24, 99, True, "≈ 24–99"), (50, None, True, "more than 50"),
    (None, 10, False, "up to 10"), (None, None, False, ""), (1200, 1200, False, "1,200"),
])
def test_format_range(low, high, approx, text) -> None:
    assert maps.format_range(low, high, approx) == text


def test_borders_layer(borders: dict, tmp_path: Path) -> None:
    names = {f["properties"]["name"]: f for f in borders["features"]}
    assert {"Armenia", "Azerbaijan", "Georgia", "Iran"} <= set(names)
    am = names["Armenia"]
    assert am["properties"]["iso2"] == "AM" and len(am["bbox"]) == 4 and len(am["properties"]["label"]) == 2
    coords = json.dumps(am["geometry"]["coordinates"])
    assert all(len(c.split(".")[-1]) <= 3 for c in re.findall(r"-?\d+\.\d+", coords))  # rounded
    near = maps.borders_in(borders, (38.0, 43.0, 42.5, 50.5))  # the South Caucasus
    near_names = {f["properties"]["name"] for f in near["features"]}
    assert "Armenia" in near_names and "Brazil" not in near_names
    html = _render(maps.build_map(pd.DataFrame(columns=["lat", "lon"]).pipe(filters.prepare), borders=borders))
    assert '"Azerbaijan"' in html and "Brazil" in html  # nothing to fit to: the whole world, no region by default


def test_vendor_copy_is_idempotent(tmp_path: Path) -> None:
    out = assets.ensure_vendor(tmp_path)
    js = out / "leaflet.js"
    assert js.stat().st_size > 100_000 and (out / "leaflet.css").exists() and (out / "images" / "layers.png").exists()
    mtime = js.stat().st_mtime_ns
    assets.ensure_vendor(tmp_path)
    assert js.stat().st_mtime_ns == mtime


def test_busiest_places_are_named_as_text(events: pd.DataFrame) -> None:
    m = maps.build_map(events, max_labels=3)
    labels = [c for c in m._children.values() if isinstance(c, maps.TextLabels) and c.css_class == "place-name"]
    assert len(labels) == 1
    assert [lbl[2] for lbl in labels[0].labels] == ["Barda", "Ganja", "Fuzuli District"]  # by casualties
    df = events.copy()
    df.loc[df["place_name"] == "Barda", "place_name"] = "<b onmouseover=alert(1)>Barda</b>"
    evil = [c for c in maps.build_map(df, max_labels=1)._children.values() if isinstance(c, maps.TextLabels)]
    assert evil[-1].labels[0][2] == "&lt;b onmouseover=alert(1)&gt;Barda&lt;/b&gt;"  # escaped: Leaflet sets HTML
    assert not [c for c in maps.build_map(events, max_labels=0)._children.values()
                if isinstance(c, maps.TextLabels) and c.css_class == "place-name"]


def test_sides_have_names_and_stable_colours() -> None:
    assert maps.side_key(" am ") == "AM" and maps.side_key(None) == maps.side_key("") == "unknown"
    assert [maps.side_label(k) for k in ("AM", "AZ", "FR", "unknown", "XX")] == \
        ["Armenia", "Azerbaijan", "France", "Side not stated", "XX"]
    assert maps.side_colour("FR") == maps.side_colour("FR") and maps.side_colour("AM") != maps.side_colour("AZ")


# -- the main page's map: safe elements, layers swapped under a fixed base, selection, popups by incident --------
def test_article_text_is_never_read_as_a_template(events: pd.DataFrame, borders: dict) -> None:
    import streamlit_folium as sf

    df = events.copy()
    df.loc[df.index[:6], "sentence"] = "Shelling {{ 'PW' ~ 'NED' }} and {% for x in range(3) %}LOOP{% endfor %} {#c#}"
    df.loc[df.index[:6], "place_name"] = "{{ 'ZQ' * 3 }}"
    m = maps.build_map(df, borders=borders)
    html = _render(m)
    assert "PWNED" not in html and "ZQZQZQ" not in html and "LOOPLOOP" not in html
    assert "Shelling \\u007b{ " in html  # the text is there, its braces spelt so that nothing evaluates them
    base = maps.base_map(borders=borders, bounds=maps.extent(df), sides=["AM"])
    layer = maps.place_layer(maps.aggregate_places(filters.mappable(df)), filters.mappable(df), df)
    base.get_root().render()
    sent = sf._get_map_string(base) + sf._get_feature_group_string(layer, map=base, idx=0)
    assert "{{" not in sent and "{%" not in sent and "PWNED" not in sent


def test_the_base_stays_put_while_the_places_layer_changes(events: pd.DataFrame, borders: dict) -> None:
    import streamlit_folium as sf

    def base_script(df: pd.DataFrame) -> str:
        m = maps.base_map(borders=borders, bounds=maps.extent(events), sides=maps.side_keys(events["victim_side"]))
        m.get_root().render()
        return sf._get_map_string(m)

    # the base (borders, legend, view) depends on the filtered events, not on the dates shown
    assert sf.generate_js_hash(base_script(events), "k") == sf.generate_js_hash(base_script(events.iloc[:3]), "k")
    base = maps.base_map(borders=borders, bounds=maps.extent(events), sides=["AZ", "AM", "unknown"])
    html = _render(base)
    assert "ev-marker" not in html and "ViewMemory" not in html  # elements render as plain script
    assert 'searchParams.get(key)' in html and '"view"' in html and "replaceState" in html
    assert "interactive: false" in html and "ev-border" in html  # a click on a country does not rerun the app
    legend = [c for c in base._children.values() if isinstance(c, maps.MapControl)][0]
    assert legend.position == "topright" and legend.html.index("Armenia") < legend.html.index("Side not stated")
    places = maps.aggregate_places(filters.mappable(events))
    layer = maps.place_layer(places, filters.mappable(events), events, selected=(40.6828, 46.3606))
    kinds = [type(c).__name__ for c in layer._children.values()]
    assert kinds == ["PlaceLayer", "TextLabels", "SelectedRing"]
    ring = [c for c in layer._children.values() if isinstance(c, maps.SelectedRing)][0]
    assert ring.location == [40.6828, 46.3606] and ring.style["interactive"] is False
    assert not [c for c in maps.place_layer(places, events, selected=(10.0, 10.0))._children.values()
                if isinstance(c, maps.SelectedRing)]


def test_popups_group_the_reports_of_an_incident(events: pd.DataFrame) -> None:
    from lib import incidents

    extra = events[events["place_name"] == "Ganja"].assign(id="dup", article_id="another", outlet="Outlet XX",
                                                         url="https://example.org/ganja")
    rival = events[events["place_name"] == "Ganja"].assign(id="rival", article_id="third", killed_low=3.0,
                                                         killed_high=3.0, claimed_by="Armenian Foreign Ministry")
    reports = incidents.assign(pd.concat([events, extra, rival], ignore_index=True))
    ev = incidents.collapse(reports)
    places = maps.aggregate_places(filters.mappable(ev))
    ganja = places[places["name"] == "Ganja"].iloc[0]
    assert ganja["n_events"] == 1 and ganja["killed_low"] == 3  # counted once, the lower claim
    popup = maps.place_popup(ganja, reports[reports["incident_id"].isin(ganja["event_ids"])])
    assert popup.count("<li>") == 1 and popup.count('class="claim"') == 2
    assert "2 articles" in popup and "claimed by Armenian Foreign Ministry" in popup
    assert "claimed by Azerbaijan Foreign Ministry" in popup and 'href="https://example.org/ganja"' in popup
    features = maps.place_features(places, filters.mappable(ev), reports)
    assert [f["properties"]["popup"] for f in features if "Ganja" in f["properties"]["tooltip"]] == [popup]


def test_rows_of_and_place_keys(events: pd.DataFrame) -> None:
    df = filters.mappable(events)
    places = maps.aggregate_places(df)
    rows = maps.rows_of(df, places)
    assert (rows >= 0).all()
    for name, row in zip(df["place_name"], rows):
        assert places.loc[row, "name"] == name
    assert (maps.rows_of(events, places) >= 0).sum() == len(df)  # the unplaced event maps to -1
    key = maps.place_key(places.iloc[0])
    assert maps.parse_place_key(key) == (places.iloc[0]["lat"], places.iloc[0]["lon"], places.iloc[0]["precision"])
    assert maps.parse_place_key("40.6828,46.3606") == (40.6828, 46.3606, None)
    for bad in ("", "x,y", "91,10", "1,2,7", "1,2,3,4", None):
        assert maps.parse_place_key(bad) is None


def test_places_sharing_a_point_are_told_apart(events: pd.DataFrame) -> None:
    df = filters.mappable(events).copy()
    region = df[df["place_name"] == "Ganja"].assign(id="region", geo_precision=2.0, place_name="Ganja District")
    places = maps.aggregate_places(pd.concat([df, region]))
    both = places[places["name"].str.startswith("Ganja")]
    assert len(both) == 2 and set(both["precision"]) == {1, 2}
    assert maps.place_at(places, 40.6828, 46.3606, 2)["name"] == "Ganja District"
    assert maps.place_at(places, 40.6828, 46.3606, 1)["name"] == "Ganja"
    tip = maps.marker_tooltip(both[both["precision"] == 2].iloc[0])
    assert tip.endswith("(region)") and maps.place_at(places, 40.6828, 46.3606, tooltip=tip)["name"] == "Ganja District"
    assert maps.place_at(places, 40.6828, 46.3606, 3) is None


@pytest.mark.parametrize(("row", "text"), [
    ({"date": "2020-10-02", "date_precision": "day"}, "2020-10-02"),
    ({"date": "2020-10-01", "date_end": "2020-10-10", "date_precision": "day"}, "2020-10-01 – 2020-10-10"),
    ({"date": "2020-11", "date_precision": "month"}, "2020-11 (month only)"),
    ({"date": "2020-11-01", "date_precision": "month"}, "2020-11 (month only)"),
    ({"date": "2020", "date_precision": "year"}, "2020 (year only)"),
    ({"date": None, "date_partial": "--09-20"}, "20 September (year not stated)"),
    ({"date": None, "date_partial": "--09"}, "September (year not stated)"),
    ({"date": None}, "no date"),
])
def test_date_label_says_the_precision(row: dict, text: str) -> None:
    assert maps.date_label(row) == text


def test_map_bytes_stop_growing_past_the_aggregation_threshold(events: pd.DataFrame) -> None:
    rng = np.random.default_rng(1)

    def frame(n: int) -> pd.DataFrame:
        base = events[events["place_name"] == "Ganja"].iloc[[0] * n].reset_index(drop=True)
        base["id"] = [f"ev{i}" for i in range(n)]
        base["lat"], base["lon"] = rng.uniform(38.5, 41.5, n).round(3), rng.uniform(44.0, 49.0, n).round(3)
        return base

    sizes = []
    for n in (5_000, 40_000):
        df = frame(n)
        places = maps.aggregate_places(df)
        assert len(places) <= maps.MAX_PLACES
        sizes.append(len(maps.safe_json(maps.place_features(places, df, max_claims=maps.POPUP_EVENTS))))
    assert sizes[1] < sizes[0] * 1.25, sizes
