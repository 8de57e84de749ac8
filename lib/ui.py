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
    """Fill an empty store from ``articles_dir`` with a visible progress bar (not cached: a side effect),
    then run the page again, so it is drawn once, from the filled store."""
    note = st.session_state.pop("_first_start_note", None)
    if note:
        st.caption(note)
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
        st.session_state["_first_start_note"] = (
            f"{len(rejected)} file{'s' * (len(rejected) != 1)} could not be read: "
            + "; ".join(_md(getattr(r, "source", r)) for r in rejected[:5]))
    if store.counts()["articles"]:
        st.rerun()


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
    n = incidents.count(df[~df["dated"]])
    if not n:
        return False
    label = f"{n} event{'s' * (n != 1)} without a full date (no date, or a year only)"
    with st.expander(label):
        table = filters.undated_table(df)
        if len(table) > 1000:  # a long list is for the Events page; this is a reminder that they exist
            st.caption(f"The first 1,000 of {len(table):,} reports; the Events page lists them all.")
        st.dataframe(table.head(1000), hide_index=True)
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


def _md(text: object) -> str:
    """Plain text made inert for st.markdown (article text is untrusted)."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in str(text))


def chart(fig: go.Figure, key: str) -> None:
    """A plotly figure at full width, without the plotly logo."""
    st.plotly_chart(fig, key=key, config={"displaylogo": False})


# -- the main page: linked map, timeline and charts, shareable, presentable -------------------------------
# dashboard.py composes these. Widgets are bound to the URL where Streamlit can; the selected place, a
# chart's pick and presentation mode are written to st.query_params by hand (lib/view.py names them); the
# map writes its own view to the URL in the browser (maps.ViewMemory), so panning never reruns the app.
from . import charts, incidents, names, view  # noqa: E402

PLAY_KEY, STEP_KEY, NAMES_KEY, SPLIT_KEY, PRESENT_KEY = "play", "step", "names", "split", "present_toggle"
SELECTED_KEY, PICK_KEY, PLACES_TABLE_KEY = "_selected_place", "_chart_pick", "places_table"
OVER_TIME_KEY, BY_PLACE_KEY = "over_time", "by_place"
PLAY_SECONDS = 1.0
MAP_HEIGHT, MAP_HEIGHT_PRESENT = 520, 620
_DETAILS_CSS = """<style>
.ev-popup h4 {margin: 0 0 2px; font-size: 1.05rem;} .ev-popup .muted {color: #666; font-size: .85rem;}
.ev-popup ol {padding-left: 1.1rem; margin: .4rem 0 0;} .ev-popup li {margin-bottom: .6rem; font-size: .9rem;}
.ev-popup blockquote {margin: 3px 0; padding-left: 6px; border-left: 3px solid #ddd; color: #333;}
</style>"""
_PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
[data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: 1.2rem 2.2rem 2rem !important;}
[data-testid="stMain"] p, [data-testid="stMain"] label, [data-testid="stMain"] li {font-size: 1.2rem !important;}
[data-testid="stMain"] h1 {font-size: 2.8rem !important;}
[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricValue"] * {
  font-size: 3.2rem !important; line-height: 1.1 !important;}
[data-testid="stMain"] [data-testid="stMetricLabel"] p {font-size: 1.25rem !important;}
[data-testid="stMain"] [data-testid="stCaptionContainer"] {display: none;}
[data-testid="stSliderThumbValue"], [data-testid="stSliderTickBar"] {font-size: 1.15rem !important;}
</style>"""


@st.cache_resource(show_spinner="Preparing the events…", max_entries=2)
def _reports(path: str, version: str) -> pd.DataFrame:
    return incidents.assign(filters.prepare(Store(path).events_frame()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _named_reports(path: str, version: str, mode: str) -> pd.DataFrame:
    return names.apply(_reports(path, version), mode)


@st.cache_resource(show_spinner=False, max_entries=2)
def _store_counts(path: str, version: str) -> dict[str, int]:
    every = incidents.collapse(_reports(path, version))
    return {"events": len(every), "reports": len(_reports(path, version)), "dated": int(every["dated"].sum()),
            "undated": int((~every["dated"]).sum()), "articles": Store(path).counts()["articles"]}


@st.cache_resource(show_spinner=False, max_entries=2)
def _other_names(path: str, version: str) -> dict[str, list[str]]:
    return names.other_names(Store(path).places_frame())


def load_reports(store: Store, mode: str = names.BOTH) -> pd.DataFrame:
    """The prepared reports with their incidents (``incidents.assign``) and contested names shown in ``mode``.

    Cached as a resource (shared, not copied per rerun: at 100k rows a copy costs more than the rest of the
    rerun); nothing downstream modifies it. Also sets this run's side colours (map and charts agree).
    """
    reports = _named_reports(str(store.path), store.version(), mode)
    maps.use_side_palette(_side_palette(str(store.path), store.version()))
    return reports


@st.cache_data(show_spinner=False, max_entries=4)
def _side_palette(path: str, version: str) -> dict[str, str]:
    reports = _reports(path, version)
    return maps.side_palette(list(reports["victim_side"].map(maps.side_key).value_counts().index))


def place_names(store: Store) -> dict[str, list[str]]:
    """The other names of each place (gazetteer id → names), for the map's popups."""
    return _other_names(str(store.path), store.version())


def page_header(title: str, caption: str) -> bool:
    """The title, the presentation toggle beside it and the caption; returns whether presentation mode is on:
    ``?present=1`` or the toggle, for no sidebar, large type and a full-width view on a projector."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get(view.PRESENT) in ("1", "true", "yes")

    def sync() -> None:
        if st.session_state[PRESENT_KEY]:
            st.query_params[view.PRESENT] = "1"
        elif view.PRESENT in st.query_params:
            del st.query_params[view.PRESENT]

    left, right = st.columns([5, 1], vertical_alignment="center")
    left.title(title)
    on = right.toggle("Presentation", key=PRESENT_KEY, on_change=sync,
                      help="Full width, large type, no sidebar: for a projector. The link carries `present=1`.")
    st.caption(caption)
    if on:
        st.html(_PRESENT_CSS)
    return on


def dashboard_sidebar(store: Store) -> tuple[pd.DataFrame, dict]:
    """The sidebar of the main page: about the data, then the view settings. Returns the reports (contested
    names shown as set) and ``{"tiles", "measure", "names", "split"}``."""
    with st.sidebar:
        about = st.container()
        st.divider()
        measure = st.segmented_control("Figure on the charts", list(charts.MEASURES), default="killed",
                                       required=True, key=MEASURE_KEY, bind="query-params")
        split = st.segmented_control("Bars over time by", list(charts.SPLITS), default="side", required=True,
                                     key=SPLIT_KEY, bind="query-params",
                                     help="By claimant: what each party claimed, side by side (an event counts "
                                          "once per claimant)")
        mode = st.radio("Contested place names", list(names.MODES), key=NAMES_KEY, bind="query-params",
                        captions=names.mode_captions(),
                        help="How places with two names in use are labelled on the map, the charts and the tables.")
        tiles = st.toggle("OpenStreetMap tiles (online)", value=False, key=TILES_KEY,
                          help="Off: the map loads nothing from outside this machine.")
    version = store.version()
    reports = _named_reports(str(store.path), version, mode or names.BOTH)
    n = _store_counts(str(store.path), version)
    with about:
        st.subheader("About the data")
        c1, c2 = st.columns(2)
        c1.metric("Articles", f"{n['articles']:,}")
        c2.metric("Events", f"{n['events']:,}", help=f"{n['reports']:,} reports: an event reported by several "
                                                     "articles counts once")
        c1.metric("Dated", f"{n['dated']:,}")
        c2.metric("Undated", f"{n['undated']:,}")
        st.caption(f"Store: `{store.path}`")
    return reports, {"tiles": tiles, "measure": measure or "killed", "names": mode or names.BOTH,
                     "split": split or "side"}


# -- the timeline and its play control ---------------------------------------------------------------
def _start_play(bounds: tuple[date, date]) -> None:
    if st.session_state.get(PLAY_KEY):
        span = st.session_state.get(DATE_KEY) or bounds
        st.session_state[DATE_KEY] = view.play_from(tuple(span), bounds, st.session_state.get(STEP_KEY) or "week")


def timeline(bounds: tuple[date, date] | None) -> tuple[date, date] | None:
    """The play control (▶ and its step, day or week) beside the date range slider; returns the range.

    Playing moves the range's end one step a second (a fragment that reruns the app) and stops at the end.
    """
    if bounds is None:
        return date_range(None)
    lo, hi = bounds[0], max(bounds[1], bounds[0] + timedelta(days=1))
    pending = st.session_state.pop("_play_next", None)
    if pending is not None:
        st.session_state[DATE_KEY] = pending
    if st.session_state.pop("_play_stop", False):
        st.session_state[PLAY_KEY] = False
    c_play, c_step, c_slider = st.columns([1.3, 1.6, 9], vertical_alignment="center")
    c_step.segmented_control("Step", list(view.STEPS), default="week", required=True, key=STEP_KEY,
                             bind="query-params", label_visibility="collapsed",
                             help="How far each step of the playback moves the end of the range")
    playing = c_play.toggle("Play", key=PLAY_KEY, on_change=_start_play, args=((lo, hi),),
                            help="Step through time: the range's end moves on each second, events appear as "
                                 "they happened")
    with c_slider:
        span = date_range(bounds)
    if playing and span is not None:
        st.session_state["_play_full_run"] = True
        _play_ticker((lo, hi))
    return span


def _play_ticker(bounds: tuple[date, date]) -> None:
    @st.fragment(run_every=PLAY_SECONDS)
    def tick() -> None:
        if st.session_state.pop("_play_full_run", False):
            return  # the call inside a full run: the timer's calls are the ticks
        if not st.session_state.get(PLAY_KEY):
            return
        cur = st.session_state.get(DATE_KEY) or bounds
        nxt = view.next_span(tuple(cur), bounds, st.session_state.get(STEP_KEY) or "week")
        if nxt is None:
            st.session_state["_play_stop"] = True
        else:
            st.session_state["_play_next"] = nxt
        st.rerun(scope="app")

    tick()


# -- selection: a place (map click, table row, URL) and a chart's pick -----------------------------------
def selected_place() -> tuple[float, float] | None:
    """The selected place's coordinates, from the session or, on a fresh page, from ``?place=lat,lon``."""
    if SELECTED_KEY not in st.session_state:
        st.session_state[SELECTED_KEY] = maps.parse_place_key(st.query_params.get(view.PLACE))
    return st.session_state[SELECTED_KEY]


def _table_key() -> str:
    """The places table's key: a new one after each selection, so no row stays ticked when the list is back."""
    return f"{PLACES_TABLE_KEY}_{st.session_state.get('_table_round', 0)}"


def _select(key: str | None) -> None:
    st.session_state["_table_round"] = st.session_state.get("_table_round", 0) + 1
    st.session_state[SELECTED_KEY] = maps.parse_place_key(key) if key else None
    if key:
        st.query_params[view.PLACE] = key
    elif view.PLACE in st.query_params:
        del st.query_params[view.PLACE]


def _on_map_click() -> None:
    value = st.session_state.get(MAP_KEY) or {}
    clicked, places = value.get("last_object_clicked") or {}, st.session_state.get("_map_places")
    if "lat" in clicked and "lng" in clicked and places is not None:
        # the layer reports the marker's own point; its tooltip tells apart places sharing a point
        hit = maps.place_at(places, float(clicked["lat"]), float(clicked["lng"]),
                            tooltip=value.get("last_object_clicked_tooltip"))
        if hit is not None:  # a place, not the sea
            _select(maps.place_key(hit))


def _on_table_pick() -> None:
    rows = ((st.session_state.get(_table_key()) or {}).get("selection") or {}).get("rows") or []
    keys = st.session_state.get("_table_keys") or []
    if rows and rows[0] < len(keys):
        _select(keys[rows[0]])


def chart_pick() -> view.Pick:
    """What a chart selection narrowed the map to (session, else the URL), with a note and a way back."""
    if PICK_KEY not in st.session_state:
        st.session_state[PICK_KEY] = view.Pick.from_params(st.query_params.get(view.PICK_DAYS),
                                                           st.query_params.get_all(view.PICK_PLACES))
    return st.session_state[PICK_KEY]


def _set_pick(pick: view.Pick) -> None:
    st.session_state[PICK_KEY] = pick
    params = pick.to_params()
    for k in (view.PICK_DAYS, view.PICK_PLACES):
        if k in params:
            st.query_params[k] = params[k]
        elif k in st.query_params:
            del st.query_params[k]


def _on_chart_select(key: str) -> None:
    sel = (st.session_state.get(key) or {}).get("selection") or {}
    if key == OVER_TIME_KEY:  # the latest selection wins: days from this chart, or places from the other
        days = charts.selected_days(sel)
        _set_pick(view.Pick((view.parse_day(days[0]), view.parse_day(days[1])) if days else None))
    else:
        _set_pick(view.Pick(places=charts.selected_places(sel)))


def pick_note(pick: view.Pick, n_on_map: int, n_shown: int, present: bool = False) -> None:
    """Say that the map shows a chart's pick, and offer to show everything again (a hint when there is none)."""
    if not pick.active():
        if not present:
            st.caption("Click a bar in the charts below (shift-click for more, or the box tool for a range) to show "
                       "only those days or places on the map; click a circle on the map to see its events.")
        return
    c1, c2 = st.columns([6, 1], vertical_alignment="center")
    c1.info(f"The map shows the chart selection: **{_md(pick.describe())}** ({n_on_map:,} of {n_shown:,} "
            "events).", icon=":material/filter_alt:")
    c2.button("Show all", key="clear_pick", on_click=_set_pick, args=(view.Pick(),), icon=":material/close:")


# -- the map and the details beside it ----------------------------------------------------------------
def linked_map(base: folium.Map, layer: folium.FeatureGroup, places: pd.DataFrame, reports: pd.DataFrame,
               present: bool = False, names_of: dict[str, list[str]] | None = None,
               measure: str = "killed") -> pd.Series | None:
    """The map (quiet: only a click on a place reruns, and the places layer is swapped without rebuilding the
    map) with the details of the selected place beside it. Returns the selected place, if it is on the map."""
    st.session_state["_map_places"] = places[["lat", "lon", "precision", "name", "n_events", "first_day", "last_day",
                                              "killed_low", "wounded_low", "missing_low"]]
    sel = selected_place()
    place = maps.place_at(places, *sel) if sel else None
    left, right = st.columns([2, 1] if present else [3, 2])
    with left:
        st_folium(base, feature_group_to_add=layer, key=MAP_KEY, height=MAP_HEIGHT_PRESENT if present else MAP_HEIGHT,
                  use_container_width=True,
                  returned_objects=["last_object_clicked", "last_object_clicked_count", "last_object_clicked_tooltip"],
                  on_change=_on_map_click)
    with right:
        details_panel(place, places, reports, missing=sel is not None and place is None, names_of=names_of,
                      height=MAP_HEIGHT_PRESENT if present else MAP_HEIGHT, measure=measure)
    return place


def details_panel(place: pd.Series | None, places: pd.DataFrame, reports: pd.DataFrame, *, missing: bool = False,
                  names_of: dict[str, list[str]] | None = None, height: int = MAP_HEIGHT,
                  measure: str = "killed") -> None:
    """The selected place: each event with its date, and each claim with bounds, claimant, evidence and source.
    With nothing selected: the places on the map, busiest first; picking a row selects the place."""
    box = st.container(height=height, border=True)
    if place is None:
        if missing:
            box.caption("The selected place has no events in this view.")
        box.markdown("**Places on the map**")
        top = places.sort_values(["total_low", "n_events"], ascending=False).head(200)
        st.session_state["_table_keys"] = [maps.place_key(p) for p in top.to_dict("records")]
        box.dataframe(pd.DataFrame({"place": top["name"],
                                    "level": top["precision"].map(maps.PRECISION_NAMES).fillna(""),
                                    "events": top["n_events"], measure: top[f"{measure}_low"]}),
                      hide_index=True, key=_table_key(), on_select=_on_table_pick, selection_mode="single-row",
                      width="stretch", height=min(36 + 35 * len(top), height - 90),
                      column_config={"place": st.column_config.TextColumn(width=140),
                                     "level": st.column_config.TextColumn(width=55),
                                     "events": st.column_config.NumberColumn(width=48, format="localized"),
                                     measure: st.column_config.NumberColumn(width=58, format="localized")})
        box.caption("Select a row, or click a circle on the map, to see a place's events and claims.")
        return
    ids = set(place["event_ids"])
    key = "incident_id" if "incident_id" in reports.columns else "id"
    rows = reports[reports[key].isin(ids)]
    gid = rows["gazetteer_id"].dropna()
    other = (names_of or {}).get(gid.iloc[0], []) if len(gid) and not place["grid"] else []
    box.button("All places", key="clear_place", on_click=_select, args=(None,), icon=":material/arrow_back:")
    box.html(_DETAILS_CSS + maps.place_popup(place, rows, max_claims=100, names=other))


# -- the charts ---------------------------------------------------------------------------------------
def linked_charts(events: pd.DataFrame, reports: pd.DataFrame, measure: str, pick: view.Pick,
                  place: pd.Series | None, split: str = "side") -> None:
    """Casualties over time (by victim side or by claimant), by place, cumulative, and the competing claims.
    A click or a drag on the first two narrows the map (``pick``); the selected place is ringed in both."""
    highlight = events[events["id"].isin(set(place["event_ids"]))] if place is not None else None
    hname = str(place["name"]) if place is not None else ""
    left, right = st.columns([3, 2])
    with left:
        if split == "claimant":
            rows = incidents.collapse(reports, by="claimed_by")
            hl = rows[rows["id"].isin(set(place["event_ids"]))] if place is not None else None
            fig = charts.casualties_over_time(rows, measure, split="claimant", highlight=hl, highlight_name=hname,
                                              picked=pick.days)
        else:
            fig = charts.casualties_over_time(events, measure, highlight=highlight, highlight_name=hname,
                                              picked=pick.days)
        _linked_chart(fig, OVER_TIME_KEY)
    with right:
        on_chart = place is not None and int(place["precision"]) < 3  # national claims are not on this chart
        _linked_chart(charts.casualties_by_place(events, measure, highlight=hname if on_chart else None,
                                                 picked=pick.places), BY_PLACE_KEY)
    st.caption("Each event counts once, however many articles report it; where claims differ, the bar is the "
               "lowest claim and the whisker reaches the highest. Bars: the firm lower figures, summed. Whiskers "
               "and faint bars: the upper bounds of ranges (\"dozens\": 24–99). Triangles: claims with no upper "
               "bound (\"more than 50\").")
    left, right = st.columns([3, 2])
    with left:
        chart(charts.cumulative(events, measure), key="cumulative")
    with right:
        competing_claims(reports)


def _linked_chart(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, key=key, on_select=lambda: _on_chart_select(key), selection_mode=("points", "box"),
                    config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d"]})


def competing_claims(reports: pd.DataFrame) -> None:
    """The events whose claims differ, each claim beside the others."""
    table = incidents.competing(reports)
    st.markdown("**Competing claims**")
    if table.empty:
        st.caption("No event in this view has claims that differ.")
        return
    st.dataframe(table, hide_index=True, key="competing", height=min(36 + 35 * len(table), 320),
                 column_config={"claims": st.column_config.TextColumn(width="large")})


# -- pages: events, sources, ingest ------------------------------------------------------------------
# The Events, Sources and Ingest pages (pages/). The same filter and date keys as the main page, so a link
# carries over; the Sources page reads ``?article=<id>&event=<id>`` (the Events page's evidence links).
from . import export, reader, uploads  # noqa: E402

ARTICLE_KEY, EVENT_KEY = "article", "event"
UPLOAD_KEY, PASTE_KEY, PASTE_DATE_KEY, SERVER_PATH_KEY = "upload_files", "paste_text", "paste_date", "server_path"
REPLACE_KEY, INGEST_KEY = "replace", "ingest_submit"


@st.cache_data(show_spinner=False, max_entries=4)
def _articles(path: str, version: str) -> pd.DataFrame:
    return Store(path).articles_frame()


def load_articles(store: Store) -> pd.DataFrame:
    """The articles frame (with counts of places and events), cached on the store's content version."""
    return _articles(str(store.path), store.version())


def undated_toggle(df: pd.DataFrame) -> bool:
    """The main page's "include undated events" switch (same key, same URL state), for the Events page."""
    n = int((~df["dated"]).sum())
    if not n:
        return False
    return st.checkbox(f"Include the {n} event{'s' * (n != 1)} without a full date", value=False, key=UNDATED_KEY,
                       bind="query-params")


def filter_counts(df: pd.DataFrame) -> None:
    """How many of the events shown each filter value has, one small table per filter."""
    counts = filters.counts(df)
    with st.expander(f"Counts per filter ({len(df):,} events)"):
        cols = st.columns(4)
        for i, (name, label) in enumerate(FILTER_LABELS.items()):
            values = counts.get(name, {})
            if name == "precisions":
                values = {filters.PRECISION_LABELS.get(int(k), str(k)): v for k, v in values.items()}
            cols[i % 4].dataframe(pd.DataFrame({label: [str(k) for k in values], "events": list(values.values())}),
                                  hide_index=True)


def _event_columns() -> dict:
    """How the columns of ``export.events_table`` show: widths, links, help."""
    bounds = "A stated figure, a range (\"dozens\": 24–99) or a bound (\"more than 50\"); ≈ where it is vague"
    return {
        "date": st.column_config.TextColumn(width=110),
        "place": st.column_config.TextColumn(width=160),
        "killed": st.column_config.TextColumn(width=95, help=bounds),
        "wounded": st.column_config.TextColumn(width=95, help=bounds),
        "missing": st.column_config.TextColumn(width=80, help=bounds),
        "claimed by": st.column_config.TextColumn(width=170),
        "evidence": st.column_config.LinkColumn(display_text="evidence", width=75, pinned=True,
                                                help="The article in the Sources page, this claim highlighted"),
        "sentence": st.column_config.TextColumn(width="large", help="The evidence sentence, exact text"),
        "article link": st.column_config.LinkColumn(display_text=r"https?://(?:www\.)?([^/]+)",
                                                    help="The article's URL, where it has one"),
        "killed, lower figure": st.column_config.NumberColumn(help="The firm lower figure killed, to sort by"),
    }


def events_table(df: pd.DataFrame) -> None:
    """The events as a sortable table: figures as bounds, a link to the article and one to the evidence."""
    if df.empty:
        st.info("No events match the filters and dates.")
        return
    st.dataframe(export.events_table(df), hide_index=True, key="events_table", column_config=_event_columns())


def export_buttons(df: pd.DataFrame, store: Store) -> None:
    """Download what is filtered: CSV, GeoJSON (mappable events) and JSON in the extraction contract's schema."""
    row = st.container(horizontal=True)
    row.download_button("CSV", lambda: export.to_csv(df), file_name="events.csv", mime="text/csv",
                        icon=":material/download:", key="export_csv", disabled=df.empty, on_click="ignore")
    n_map = len(filters.mappable(df))
    row.download_button("GeoJSON", lambda: export.to_geojson(df), file_name="events.geojson",
                        mime="application/geo+json", icon=":material/download:", key="export_geojson",
                        disabled=not n_map, on_click="ignore",
                        help=f"{n_map:,} of {len(df):,} events have coordinates; only they are in the GeoJSON")
    row.download_button("JSON (contract)", lambda: export.to_json(df, store.articles_frame(), store.places_frame()),
                        file_name="events.json", mime="application/json", icon=":material/download:",
                        key="export_json", disabled=df.empty, on_click="ignore",
                        help="{articles, places, events} with the extraction contract's field names")


def articles_list(articles: pd.DataFrame, events: pd.DataFrame) -> None:
    """Every stored article: language, outlet, date, places, events and figures found, warnings."""
    if articles.empty:
        st.info("The store holds no articles yet: add some on the Ingest page.")
        return
    st.dataframe(reader.articles_table(articles, events), hide_index=True, key="articles_table", column_config={
        "url": st.column_config.LinkColumn(display_text=r"https?://(?:www\.)?([^/]+)"),
        "warnings": st.column_config.TextColumn(width="large"),
    })


def article_picker(articles: pd.DataFrame) -> str | None:
    """Pick an article; bound to ``?article=<id>`` by hand (the URL carries the id, the box shows the title)."""
    ids = articles["id"].astype(str).tolist()
    if not ids:
        return None
    labels = dict(zip(ids, reader.article_labels(articles)))
    wanted = st.query_params.get(ARTICLE_KEY)
    if wanted in labels and st.session_state.get(ARTICLE_KEY) != wanted:  # a followed link wins
        st.session_state[ARTICLE_KEY] = wanted
    elif st.session_state.get(ARTICLE_KEY) not in labels:
        st.session_state[ARTICLE_KEY] = ids[0]

    def follow() -> None:
        st.query_params[ARTICLE_KEY] = st.session_state[ARTICLE_KEY]
        if EVENT_KEY in st.query_params:
            del st.query_params[EVENT_KEY]  # the highlighted event belongs to the article left

    picked = st.selectbox("Article", ids, format_func=lambda i: labels.get(i, i), key=ARTICLE_KEY, on_change=follow)
    if st.query_params.get(ARTICLE_KEY) != picked:
        st.query_params[ARTICLE_KEY] = picked
    return picked


def article_reader(store: Store, article_id: str, events: pd.DataFrame) -> None:
    """One article: its details and warnings, the text with its extractions marked, its places and events."""
    art = store.article(article_id)
    if art is None:
        st.warning("This article is no longer in the store.")
        return
    places = store.places_frame(article_id)
    evs = events[events["article_id"] == article_id]
    focus = st.query_params.get(EVENT_KEY)
    focus = focus if focus in set(evs["id"]) else None
    st.subheader(art.get("title") or Path(str(art["source"])).name)
    meta = [f"source {_md(art['source'])}", f"language **{_md(art.get('language') or '?')}**",
            f"published **{_md(art.get('published') or 'not stated')}**"]
    if art.get("outlet"):
        meta.append(f"outlet **{_md(art['outlet'])}**")
    st.markdown(" · ".join(meta))
    if export.web_url(art.get("url")):
        st.link_button("Open the original", str(art["url"]), icon=":material/open_in_new:")
    for w in art.get("warnings") or []:
        st.warning(str(w), icon=":material/warning:")
    text = art.get("raw_text") or art.get("text") or ""
    place_rows, ev_rows = places.to_dict("records"), evs.to_dict("records")
    if focus:
        ev = evs[evs["id"] == focus].iloc[0]
        start = int(ev["sentence_start"]) if pd.notna(ev["sentence_start"]) else max(text.find(ev["sentence"]), 0)
        st.markdown("**The claim you followed** (outlined in red in the text below): "
                    f"{_md(maps.claim_figures(ev))}")
        st.html(reader.excerpt_html(text, start, start + len(str(ev["sentence"])), place_rows, ev_rows))
    st.html(reader.legend_html(("place", "date", "figure", "claimant", "removed", *(("focus",) if focus else ()))))
    st.caption("Hover a mark to see what it was resolved to: the gazetteer entry and coordinates of a place, "
               "the date a phrase was read as, the bounds of a figure and who claimed it.")
    st.html(reader.article_html(text, place_rows, ev_rows, art.get("removed") or [], focus=focus))
    st.markdown(f"**Places** ({len(places)})")
    st.dataframe(reader.places_table(places), hide_index=True, key="article_places")
    st.markdown(f"**Events** ({len(evs)})")
    if len(evs):
        st.dataframe(export.events_table(evs).drop(columns=["evidence", "language", "source", "article link"]),
                     hide_index=True, key="article_events", column_config=_event_columns())


def ingest_limits() -> str:
    """The upload limits, in words."""
    return (f"Up to {config.MAX_UPLOAD_FILES} files or {uploads.size_label(config.MAX_UPLOAD_BYTES)} per upload, "
            f"{uploads.size_label(config.MAX_FILE_BYTES)} per file; a zip may hold {config.MAX_ZIP_MEMBERS} files, "
            f"{uploads.size_label(config.MAX_ZIP_BYTES)} unpacked.")


def ingest_form(allow_server_paths: bool) -> tuple[list, bool] | None:
    """Files, pasted text (with an optional date) and, where allowed, a server folder; read on submit.

    Returns ``(items, replace)`` once submitted: the articles read and the errors met, for the pipeline.
    """
    with st.form("ingest", clear_on_submit=False, border=True):
        files = st.file_uploader("Article files: .txt, .json, .jsonl, .html, or a .zip of them",
                                 type=uploads.UPLOAD_TYPES, accept_multiple_files=True, key=UPLOAD_KEY,
                                 max_upload_size=max(1, -(-config.MAX_UPLOAD_BYTES // (1024 * 1024))),
                                 help=ingest_limits())
        text = st.text_area("Or paste an article", key=PASTE_KEY, height=180,
                            placeholder="The headline on the first line, then the text, in any language")
        published = st.date_input("Publication date of the pasted article (optional: relative dates are read "
                                  "against it)", value=None, min_value=date(1900, 1, 1), max_value=date(2100, 12, 31),
                                  format="YYYY-MM-DD", key=PASTE_DATE_KEY)
        folder = ""
        if allow_server_paths:
            folder = st.text_input("Or a file or folder on the server", key=SERVER_PATH_KEY,
                                   help="Allowed here by CONFLICT_ALLOW_SERVER_PATHS")
        replace = st.checkbox("Re-extract articles already in the store", value=False, key=REPLACE_KEY)
        submitted = st.form_submit_button("Add to the store", type="primary", key=INGEST_KEY,
                                          icon=":material/upload:")
    if not submitted:
        return None
    items = uploads.read_uploads((f.name, f.getvalue()) for f in files or [])
    if text and text.strip():
        items.append(uploads.read_pasted(text, published))
    if folder and folder.strip():
        items.extend(uploads.server_folder(folder, allowed=allow_server_paths))
    if not items:
        st.warning("Nothing to add: choose files, paste a text" + (" or give a folder." if allow_server_paths else "."))
        return None
    return items, replace


def run_ingest(items: list, store: Store, *, replace: bool = False):
    """Extract and store ``items`` with a progress bar (one transaction per article); returns the report, or
    ``None`` (and says what to fix) when the pipeline or the gazetteer cannot be opened."""
    try:
        pipeline = importlib.import_module("lib.pipeline")
        gazetteer = get_gazetteer()
    except Exception as exc:  # the gazetteer is not built yet, or is broken: say what to fix
        st.error(f"Articles cannot be read yet: {exc}. Build the gazetteer with `make` (or "
                 "`python -m lib build-gazetteer`), then try again. Nothing was stored.")
        return None
    bar = st.progress(0.0, text=f"Reading {len(items)} article{'s' * (len(items) != 1)}…")

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0,
                     text=f"Reading articles: {done}/{total} · {_md(Path(label).name if label else '')}")

    try:
        report = pipeline.ingest_articles(items, store, gazetteer, replace=replace, progress=progress)
    finally:
        _events.clear()  # the store changed: the map and the tables read it afresh
        _articles.clear()
    bar.progress(1.0, text="Done.")
    return report


def ingest_report(report) -> None:
    """What happened to each article: added, already there (nothing written), re-extracted, rejected and why."""
    if report is None:
        return
    c = st.columns(5)
    c[0].metric("Added", len(report.added))
    c[1].metric("Already there", len(report.unchanged), help="The same text is stored already: nothing changed")
    c[2].metric("Re-extracted", len(report.replaced))
    c[3].metric("Rejected", len(report.rejected))
    c[4].metric("Events extracted", report.events)
    for err in report.rejected:
        if err.source == "upload":
            st.error(err.message, icon=":material/block:")
    if report.added or report.replaced:
        n = len(report.added) + len(report.replaced)
        st.success(f"{n} article{'s' * (n != 1)} stored with {report.events} event{'s' * (report.events != 1)}: "
                   "[the map](./), [Events](./Events) and [Sources](./Sources) show them now.",
                   icon=":material/check_circle:")
    rows = ([{"what": "added", "article": a, "reason": ""} for a in report.added]
            + [{"what": "re-extracted", "article": a, "reason": ""} for a in report.replaced]
            + [{"what": "already there", "article": a, "reason": "the same text is stored already"}
               for a in report.unchanged]
            + [{"what": "rejected", "article": e.source, "reason": e.message} for e in report.rejected])
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, key="ingest_report",
                     column_config={"reason": st.column_config.TextColumn(width="large")})
