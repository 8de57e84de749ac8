"""Events: the filtered claims as a sortable table with their evidence, counts per filter, and exports."""
from __future__ import annotations

import streamlit as st

from lib import config, filters, ui

ui.page_setup("Events")
store = ui.get_store(str(config.store_path()))
ui.build_store_if_empty(store)  # a first visit may start here rather than on the map
all_events = ui.load_events(store)
events = filters.apply(all_events, ui.filter_controls(all_events))  # the main page's filters, same URL keys

st.title("Events")
st.caption("Every casualty claim the pipeline found, with the bounds of each figure and who claimed it. "
           "The filters in the sidebar and the date range are the main page's: a copied link carries them over.")

span = ui.date_range(filters.date_bounds(all_events))  # the main page's slider: same key, same URL state
shown = filters.select(events, span, include_undated=ui.undated_toggle(events))
st.markdown(f"**{len(shown):,}** of {len(all_events):,} events shown. Click a column header to sort; "
            "*evidence* opens the article with the claim highlighted.")
ui.events_table(shown)
ui.filter_counts(shown)
st.markdown("**Export what is shown**")
ui.export_buttons(shown, store)
