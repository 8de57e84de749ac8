"""Sources: the stored articles, and a reader showing what was extracted from each, marked in the text."""
from __future__ import annotations

import streamlit as st

from lib import config, ui

ui.page_setup("Sources")
store = ui.get_store(str(config.store_path()))
ui.build_store_if_empty(store)  # a first visit may start here rather than on the map
articles = ui.load_articles(store)
events = ui.load_events(store)

st.title("Sources")
st.caption("The articles in the store: language, outlet, date, what was found in each and any warnings. "
           "Pick one to read it with its places, dates, casualty figures and claimants marked.")
ui.articles_list(articles, events)
picked = ui.article_picker(articles)
if picked:
    ui.article_reader(store, picked, events)
