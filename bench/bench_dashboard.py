"""Dashboard benchmark: the server-side rerun after a slider change, and the bytes sent for the map, at 1k,
10k and 100k synthetic events, beside baselines measured in the same run.

    python bench/bench_dashboard.py [--sizes 1000,10000,100000] [--apptest 10000] [--baseline 1000,10000]

For each size: the load (prepare + incident grouping, cached once per store version), then the rerun a
slider change causes, step by step, with the functions dashboard.py calls (filters, dates, incidents,
summary, place aggregation, the map's base and places layer as streamlit-folium serialises them, the three
charts as plotly JSON), best of three. Map bytes: what st_folium sends (base script + header + places
layer) and the whole map as one HTML page. Baselines: one folium ``CircleMarker`` with a ``Popup`` per
event (how maps are usually built), and all events in one ``GeoJson`` layer. ``--apptest`` runs
dashboard.py under Streamlit's AppTest over a store of that size and times a slider change end to end.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import charts, filters, incidents, maps, names, view  # noqa: E402
from lib.store import _EVENT_COLS, Store, _insert  # noqa: E402

SIDES = np.array(["AM", "AZ", "RU", None], dtype=object)
CLAIMANTS = np.array(["Azerbaijan Defence Ministry", "Armenian Defence Ministry", "Nagorno-Karabakh ombudsman",
                      "Azerbaijan Prosecutor General", "Armenian PM Nikol Pashinyan", "Russian Defence Ministry",
                      None, None], dtype=object)
VICTIMS = np.array(["soldiers", "civilians", "mixed", "unknown"], dtype=object)
LANGS = np.array(["en", "ru", "az", "hy", "tr", "vi", "id"], dtype=object)


def synthetic_events(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` reports shaped like ``Store.events_frame()``: a place pool of n/8 points over the South Caucasus
    (85% towns, 10% regions, 5% country-level), two years of dates (5% undated, 3% month, 2% year only),
    sides, claimants, bounds ("dozens", "more than"), and a quarter of the reports repeating an earlier
    one in another article (the same incident reported twice)."""
    rng = np.random.default_rng(seed)
    n_places = max(50, n // 8)
    plat, plon = rng.uniform(38.4, 41.8, n_places), rng.uniform(44.0, 49.8, n_places)
    pprec = rng.choice([1, 2, 3], n_places, p=[0.85, 0.10, 0.05])
    place = rng.integers(0, n_places, n)
    day = pd.Timestamp("2020-09-27") + pd.to_timedelta(rng.integers(0, 730, n), unit="D")
    kind = rng.choice(["day", "month", "year", "none"], n, p=[0.90, 0.03, 0.02, 0.05])
    date = np.where(kind == "day", day.strftime("%Y-%m-%d"), np.where(kind == "month", day.strftime("%Y-%m"),
                                                                       np.where(kind == "year", day.strftime("%Y"),
                                                                                None)))
    low = np.where(rng.random(n) < 0.6, rng.integers(1, 60, n), -1).astype(float)
    shape = rng.choice(["exact", "range", "open"], n, p=[0.7, 0.15, 0.15])
    high = np.where(shape == "exact", low, np.where(shape == "range", low * 4, np.nan))
    low[low < 0], high[low != low] = np.nan, np.nan
    high[np.isnan(low)] = np.nan
    wounded = np.where(rng.random(n) < 0.3, rng.integers(1, 90, n), np.nan)
    ids = [f"e{seed}-{i:07d}" for i in range(n)]
    df = pd.DataFrame({
        "id": ids, "article_id": [f"a{seed}-{i // 3:07d}" for i in range(n)],
        "sentence": [f"Report {i}: shelling hit place {p} <b>overnight</b>, officials said & more." * 2
                     for i, p in enumerate(place)],
        "sentence_start": 0, "place_surface": [f"Place {p}" for p in place],
        "place_name": [f"Place {p}" for p in place],
        "country": np.where(plon[place] < 45.5, "AM", "AZ"), "lat": plat[place], "lon": plon[place],
        "geo_precision": pprec[place], "gazetteer_id": [f"synthetic:{p}" for p in place], "place_basis": "named",
        "date": date, "date_end": None, "date_precision": np.where(kind == "none", None, kind), "date_text": None,
        "date_partial": None, "date_basis": "explicit",
        "killed_low": low, "killed_high": high, "wounded_low": wounded, "wounded_high": wounded,
        "missing_low": np.nan, "missing_high": np.nan, "approximate": shape != "exact",
        "victims": rng.choice(VICTIMS, n), "victim_side": rng.choice(SIDES, n, p=[0.4, 0.4, 0.05, 0.15]),
        "side_basis": "named", "claimed_by": rng.choice(CLAIMANTS, n), "figure_text": None, "confidence": 0.8,
        "spans": [[] for _ in range(n)],
    })
    # a quarter of the reports repeat an earlier report (same place, day, side, figures) in another article
    dup = np.flatnonzero(rng.random(n) < 0.25)
    dup = dup[dup > 0]
    src = (dup * rng.random(len(dup))).astype(int)
    cols = ["place_surface", "place_name", "country", "lat", "lon", "geo_precision", "gazetteer_id", "date",
            "date_precision", "killed_low", "killed_high", "wounded_low", "wounded_high", "approximate",
            "victims", "victim_side", "claimed_by"]
    df.loc[dup, cols] = df.loc[src, cols].to_numpy()
    arts = df["article_id"].str.slice(1).map(lambda a: int(a.split("-")[1]))
    df["source"] = [f"https://news{a % 40}.example.org/story/{a}" for a in arts]
    df["url"] = df["source"]
    df["outlet"] = [f"Outlet {a % 40}" for a in arts]
    df["language"] = LANGS[arts.to_numpy() % len(LANGS)]
    df["published"] = "2022-10-01"
    df["title"] = [f"Story {a}" for a in arts]
    return df


def write_store(df: pd.DataFrame, path: Path) -> Store:
    """A store holding the synthetic reports (bulk insert, one transaction)."""
    store = Store(path)
    arts = df.drop_duplicates("article_id")
    with store._connect() as con:
        con.execute("BEGIN")
        _insert(con, "articles", ["id", "source", "language", "published", "title", "url", "outlet", "text",
                                  "raw_text", "removed", "warnings", "extractor", "ingested_at"],
                [{"id": a.article_id, "source": a.source, "language": a.language, "published": a.published,
                  "title": a.title, "url": a.url, "outlet": a.outlet, "text": "", "raw_text": "", "removed": "[]",
                  "warnings": "[]", "extractor": "bench", "ingested_at": "2026-01-01T00:00:00"}
                 for a in arts.itertuples()])
        rows = df[[c for c in _EVENT_COLS if c in df.columns]].astype(object).where(df.notna(), None)
        _insert(con, "events", _EVENT_COLS, rows.to_dict("records"))
        con.execute("COMMIT")
    return store


def best(fn, repeat: int = 3):
    """(best seconds, last result)."""
    out, times = None, []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def _st_folium_payload(base, layer) -> int:
    """The bytes st_folium sends for this map: its script, header and html, plus the places layer."""
    import streamlit_folium as sf

    base.get_root().render()
    html, header, script = sf._get_html(base), sf._get_header(base), sf._get_map_string(base)
    group = sf._get_feature_group_string(layer, map=base, idx=0)
    return sum(len(s.encode("utf-8")) for s in (html, header, script, group))


def rerun(reports: pd.DataFrame, bounds, borders: dict) -> dict:
    """One rerun after moving the slider's start a month in: each step timed, as dashboard.py runs it."""
    t0 = time.perf_counter()
    steps = {}

    def step(name, fn):
        t = time.perf_counter()
        out = fn()
        steps[name] = time.perf_counter() - t
        return out

    span = (bounds[0] + timedelta(days=30), bounds[1])
    chosen = step("filters", lambda: filters.apply(reports, filters.Filters()))
    shown = step("dates", lambda: filters.select(chosen, span))
    events = step("incidents", lambda: incidents.collapse(shown))
    step("summary", lambda: incidents.summary(shown, events))
    on_map = step("pick", lambda: view.apply_pick(filters.mappable(events), view.Pick()))
    places = step("aggregate", lambda: maps.aggregate_places(on_map))
    base = step("base map", lambda: maps.base_map(borders=borders, bounds=maps.extent(chosen),
                                                  sides=maps.side_keys(chosen["victim_side"]).unique()))
    layer = step("places layer", lambda: maps.place_layer(places, on_map, shown))
    nbytes = step("serialise map", lambda: _st_folium_payload(base, layer))
    step("charts", lambda: [f.to_json() for f in (charts.casualties_over_time(events),
                                                  charts.casualties_by_place(events),
                                                  charts.cumulative(events))])
    return {"total": time.perf_counter() - t0, "steps": steps, "map_bytes": nbytes, "places": len(places),
            "events": len(events), "reports": len(shown)}


def baseline_markers(df: pd.DataFrame) -> tuple[float, int]:
    """One folium CircleMarker with a Popup per event, rendered."""
    import folium

    t = time.perf_counter()
    m = folium.Map(location=maps.DEFAULT_CENTER, zoom_start=7, tiles=None)
    ok = df[df["lat"].notna()]
    for r in ok.itertuples():
        folium.CircleMarker([r.lat, r.lon], radius=5, popup=folium.Popup(f"{r.place_name}: {r.sentence}")).add_to(m)
    html = m.get_root().render()
    return time.perf_counter() - t, len(html.encode("utf-8"))


def baseline_geojson(df: pd.DataFrame) -> tuple[float, int]:
    """All events in one folium GeoJson layer with their sentence as a property, rendered."""
    import folium

    t = time.perf_counter()
    ok = df[df["lat"].notna()]
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
         "properties": {"name": r.place_name, "sentence": r.sentence}} for r in ok.itertuples()]}
    m = folium.Map(location=maps.DEFAULT_CENTER, zoom_start=7, tiles=None)
    folium.GeoJson(fc).add_to(m)
    html = m.get_root().render()
    return time.perf_counter() - t, len(html.encode("utf-8"))


def apptest(n: int, tmp: Path) -> dict:
    """dashboard.py under AppTest over a store of ``n`` synthetic events: first run, then a slider change."""
    import os

    from streamlit.testing.v1 import AppTest

    path = tmp / f"store_{n}.sqlite"
    t = time.perf_counter()
    write_store(synthetic_events(n, seed=1), path)
    written = time.perf_counter() - t
    os.environ["CONFLICT_STORE"] = str(path)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    assert not at.exception, at.exception
    slider = at.slider(key="dates")
    lo, hi = slider.value
    times = []
    for days in (30, 60, 90):
        t = time.perf_counter()
        slider.set_value((lo + timedelta(days=days), hi)).run()
        times.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    return {"write": written, "first": first, "slider": min(times)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--apptest", default="10000", help="sizes to run end to end under AppTest ('' for none)")
    ap.add_argument("--baseline", default="1000,10000", help="sizes for the folium-markers baseline")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    from lib import assets

    borders = assets.load_borders()
    rows = []
    print(f"{'events':>8} {'load s':>7} {'rerun s':>8} {'map KB':>8} {'places':>7} {'full HTML KB':>13}   "
          "slowest steps")
    for n in sizes:
        raw = synthetic_events(n)
        t = time.perf_counter()
        reports = names.apply(incidents.assign(filters.prepare(raw)))
        load = time.perf_counter() - t
        bounds = filters.date_bounds(reports)
        rerun(reports, bounds, borders)  # warm-up (imports, caches)
        secs, res = best(lambda: rerun(reports, bounds, borders))  # noqa: B023
        events = incidents.collapse(reports)
        html = maps.build_map(events, reports=reports, borders=borders).get_root().render()
        slow = sorted(res["steps"].items(), key=lambda kv: -kv[1])[:4]
        print(f"{n:>8,} {load:>7.2f} {secs:>8.3f} {res['map_bytes'] / 1e3:>8.0f} {res['places']:>7,} "
              f"{len(html.encode()) / 1e3:>13.0f}   " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in slow))
        rows.append((n, load, secs, res))
        print(f"{'':>8} ({len(reports):,} reports → {incidents.count(reports):,} events counted once)")
    print()
    for n in [int(s) for s in args.baseline.split(",") if s]:
        secs, nbytes = baseline_markers(synthetic_events(n))
        print(f"baseline: {n:>7,} folium CircleMarkers with Popups   {secs:7.2f} s  {nbytes / 1e6:7.1f} MB")
    big = max(sizes) if sizes else 0
    if big:
        secs, nbytes = baseline_geojson(synthetic_events(big))
        print(f"baseline: {big:>7,} events in one folium GeoJson layer  {secs:7.2f} s  {nbytes / 1e6:7.1f} MB")
    if args.apptest:
        print()
        with tempfile.TemporaryDirectory() as tmp:
            for n in [int(s) for s in args.apptest.split(",") if s]:
                r = apptest(n, Path(tmp))
                print(f"AppTest dashboard.py at {n:,} events: first run {r['first']:.2f} s (load included), "
                      f"slider change {r['slider']:.3f} s end to end (store written in {r['write']:.1f} s)")


if __name__ == "__main__":
    main()
