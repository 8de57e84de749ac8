"""The Streamlit side of the dashboard: caching, widgets and rendering. The only lib module importing streamlit.

Pages read widgets and render through these helpers; everything they show is computed by the pure modules
(``filters``, ``maps``, ``charts``). Widgets bound to the URL (``bind="query-params"``) make a copied link
reopen the same view.
"""
from __future__ import annotations

import importlib
from datetime import date, timedelta
from pathlib import Path

import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit_folium import st_folium

from . import assets, config, filters, maps
from .store import Store

DATE_KEY, UNDATED_KEY, TILES_KEY, MEASURE_KEY, MAP_KEY = "dates", "undated", "tiles", "figure", "event_map"


# -- resources (cached at the boundary) --------------------------------------------------------------
def page_setup(title: str = "Conflict events") -> None:
    """Page config and the offline map assets (vendored Leaflet, borders), prepared once per process."""
    st.set_page_config(page_title=title, layout="wide")
    borders()


@st.cache_resource(show_spinner=False)
def borders() -> dict:
    """Vendored Leaflet in place and the borders FeatureCollection, once per process."""
    assets.ensure_assets()
    return assets.load_borders()


@st.cache_resource(show_spinner=False)
def get_store(path: str | None = None) -> Store:
    """The event store at ``path`` (default ``config.store_path()``)."""
    return Store(path or config.store_path())


@st.cache_resource(show_spinner="Opening the gazetteer…")
def get_gazetteer():
    """The offline gazetteer (``lib.gazetteer.Gazetteer.open()``)."""
    return importlib.import_module("lib.gazetteer").Gazetteer.open()


@st.cache_data(show_spinner=False, max_entries=4)
def _events(path: str, version: str) -> pd.DataFrame:
    return filters.prepare(Store(path).events_frame())


def load_events(store: Store) -> pd.DataFrame:
    """The prepared events frame, cached on the store's content version."""
    return _events(str(store.path), store.version())


# -- first start ---------------------------------------------------------------------------------
def build_store_if_empty(store: Store, articles_dir: Path = config.ARTICLES_DIR) -> None:
    """Fill an empty store from ``articles_dir`` with a visible progress bar (not cached: a side effect)."""
    if store.counts()["articles"]:
        return
    if not articles_dir.is_dir() or not any(p.is_file() for p in articles_dir.rglob("*")):
        st.info(f"The store is empty and there are no articles in {articles_dir}.")
        return
    try:
        pipeline = importlib.import_module("lib.pipeline")
        gazetteer = get_gazetteer()
    except Exception as exc:  # the pipeline or the gazetteer is missing or broken: say what to fix
        st.warning(f"The event store is empty and cannot be built yet: {exc}. "
                   "Build it with `python -m lib` or `make`, then reload.")
        return
    bar = st.progress(0.0, text=f"First start: reading the articles in {articles_dir.name}/…")

    def progress(done: int, total: int, label: str) -> None:
        name = Path(label).name if label else ""
        bar.progress(min(done / total, 1.0) if total else 1.0, text=f"Reading articles: {done}/{total} · {_md(name)}")

    report = pipeline.ingest([articles_dir], store, gazetteer, progress=progress)  # the reader skips READMEs
    bar.empty()
    rejected = getattr(report, "rejected", None) or []
    if rejected:
        st.caption(f"{len(rejected)} file{'s' * (len(rejected) != 1)} could not be read: "
                   + "; ".join(_md(getattr(r, "source", r)) for r in rejected[:5]))


# -- widgets -------------------------------------------------------------------------------------
FILTER_KEYS = {"languages": "lang", "sources": "source", "claimants": "claimant", "victims": "victims",
               "sides": "side", "countries": "country", "precisions": "precision"}
FILTER_LABELS = {"languages": "Language", "sources": "Source", "claimants": "Claimed by", "victims": "Victims",
                 "sides": "Victims' side", "countries": "Country of the place", "precisions": "Place precision"}


def filter_controls(events: pd.DataFrame) -> filters.Filters:
    """The shared filters, in the sidebar, bound to the URL: every page that calls this shares its state.

    The URL carries the option labels, so they stay plain (counts go in the help text); a value in a
    copied link that this store does not have is dropped by Streamlit.
    """
    opts = filters.options(events)
    n = filters.counts(events)
    chosen: dict[str, tuple] = {}
    with st.sidebar.expander("Filters", expanded=False):
        for name, key in FILTER_KEYS.items():
            values = opts[name]
            if name == "precisions":
                values = [filters.PRECISION_LABELS[v] for v in values if v in filters.PRECISION_LABELS]
            if not values:
                chosen[name] = ()
                continue
            counts = n[name] if name != "precisions" else {filters.PRECISION_LABELS.get(int(k), k): v
                                                           for k, v in n[name].items()}
            help_text = ", ".join(f"{v}: {counts.get(v, 0)}" for v in values[:12])
            picked = st.multiselect(FILTER_LABELS[name], values, default=[], key=key, bind="query-params",
                                    help=f"Events per value: {help_text}")
            if name == "precisions":
                back = {label: code for code, label in filters.PRECISION_LABELS.items()}
                picked = [back[p] for p in picked]
            chosen[name] = tuple(picked)
    return filters.Filters(**chosen)
def sidebar(summary: dict[str, int], store_path: Path, n_articles: int) -> dict:
    """The "About the data" block and the view options; returns ``{"tiles": bool, "measure": str}``."""
    with st.sidebar:
        st.subheader("About the data")
        c1, c2 = st.columns(2)
        c1.metric("Articles", f"{n_articles:,}")
        c2.metric("Events", f"{summary['events']:,}")
        c1.metric("Dated", f"{summary['dated']:,}")
        c2.metric("Undated", f"{summary['undated']:,}")
        st.caption(f"Store: `{store_path}`")
        st.divider()
        measure = st.segmented_control("Figure on the charts", ["killed", "wounded", "missing"], default="killed",
                                       required=True, key=MEASURE_KEY, bind="query-params")
        tiles = st.toggle("OpenStreetMap tiles (online)", value=False, key=TILES_KEY,
                          help="Off: the map loads nothing from outside this machine.")
    return {"tiles": tiles, "measure": measure}


def date_range(bounds: tuple[date, date] | None) -> tuple[date, date] | None:
    """The date range slider over the dated events, or ``None`` when nothing is dated."""
    if bounds is None:
        st.caption("No event has a full date yet.")
        return None
    lo, hi = bounds
    hi = max(hi, lo + timedelta(days=1))  # a slider needs two distinct ends
    cur = st.session_state.get(DATE_KEY)
    if cur is not None and not (lo <= cur[0] <= cur[1] <= hi):
        del st.session_state[DATE_KEY]  # the store changed under a stale range
    start, end = st.slider("Dates", min_value=lo, max_value=hi, value=(lo, hi), step=timedelta(days=1),
                           format="YYYY-MM-DD", key=DATE_KEY, bind="query-params")
    return start, end


def undated_block(df: pd.DataFrame) -> bool:
    """Count and list the events without a full date; returns whether to put them on the map."""
    n = int((~df["dated"]).sum())
    if not n:
        return False
    label = f"{n} event{'s' * (n != 1)} without a full date (no date, or a year only)"
    with st.expander(label):
        st.dataframe(filters.undated_table(df), hide_index=True)
    return st.checkbox("Include undated events on the map", value=False, key=UNDATED_KEY, bind="query-params")


# -- output ---------------------------------------------------------------------------------------
def headline(shown: dict[str, int], total: int, span: tuple[date, date] | None, measure: str) -> None:
    """Metrics of what the current view shows."""
    c = st.columns(4)
    c[0].metric("Events shown", f"{shown['events']:,}", help=f"of {total:,} in the store")
    c[1].metric("On the map", f"{shown['mappable']:,}")
    c[2].metric(f"{measure.capitalize()} (lower figures)", f"{shown[f'{measure}_low']:,}",
                help="The sum of the firm lower figures; ranges and 'more than' claims add only their lower bound.")
    c[3].metric("Articles", f"{shown['articles']:,}")
    if span:
        st.caption(f"Showing {shown['events']:,} of {total:,} events, {span[0]:%d %b %Y} – {span[1]:%d %b %Y}.")


def event_map(m: folium.Map, places: pd.DataFrame) -> pd.Series | None:
    """Render the map (quiet: only a click on a marker reruns); return the clicked place, if any."""
    out = st_folium(m, key=MAP_KEY, height=520, use_container_width=True, returned_objects=["last_object_clicked"])
    clicked = (out or {}).get("last_object_clicked")
    if not clicked:
        return None
    return maps.place_at(places, clicked["lat"], clicked["lng"])


def place_events(place: pd.Series | None, df: pd.DataFrame) -> None:
    """The events of the clicked place as a table."""
    ev = filters.by_ids(df, place["event_ids"]) if place is not None else df.iloc[:0]
    if ev.empty:
        st.caption("Click a circle on the map to list its events here.")
        return
    st.markdown(f"Events at **{_md(place['name'])}**: {len(ev)}")
    st.dataframe(pd.DataFrame({
        "date": ev["date"], "figures": ev.apply(maps.claim_figures, axis=1), "victims": ev["victims"],
        "side": ev["victim_side"].map(lambda s: maps.side_label(maps.side_key(s))), "claimed by": ev["claimed_by"],
        "sentence": ev["sentence"], "source": ev["source"],
    }), hide_index=True)


def _md(text: object) -> str:
    """Plain text made inert for st.markdown (article text is untrusted)."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in str(text))


def chart(fig: go.Figure, key: str) -> None:
    """A plotly figure at full width, without the plotly logo."""
    st.plotly_chart(fig, key=key, config={"displaylogo": False})
