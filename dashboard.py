"""The main page: the event map, the date slider and the casualty charts, linked."""
from __future__ import annotations

import streamlit as st

from lib import charts, config, filters, maps, ui

ui.page_setup()
store = ui.get_store(str(config.store_path()))
ui.build_store_if_empty(store)
all_events = ui.load_events(store)
view = ui.sidebar(filters.summary(all_events), config.store_path(), store.counts()["articles"])
events = filters.apply(all_events, ui.filter_controls(all_events))

st.title("Conflict events: map and casualties")
st.caption("Casualty claims extracted from news articles, placed on a map and a timeline. "
           "Figures are claims by the parties and the press, not verified counts.")

span = ui.date_range(filters.date_bounds(all_events))
include_undated = ui.undated_block(events)
shown = filters.select(events, span, include_undated=include_undated)
ui.headline(filters.summary(shown), len(events), span, view["measure"])

places = maps.aggregate_places(filters.mappable(shown))
picked = ui.event_map(maps.build_map(shown, places=places, borders=ui.borders(), tiles=view["tiles"]), places)
ui.place_events(picked, shown)

left, right = st.columns([3, 2])
with left:
    ui.chart(charts.casualties_over_time(shown, view["measure"]), key="over_time")
with right:
    ui.chart(charts.casualties_by_place(shown, view["measure"]), key="by_place")
st.caption("Bars: the firm lower figures, summed. Whiskers and faint bars: the upper bounds of ranges "
           "(\"dozens\": 24–99). Triangles: claims with no upper bound (\"more than 50\").")
