"""Ingest: add articles to the store by uploading files (or a zip), pasting a text, or (where allowed) a folder."""
from __future__ import annotations

import streamlit as st

from lib import config, ui

ui.page_setup("Ingest")
store = ui.get_store(str(config.store_path()))

st.title("Add articles")
st.caption("Articles in any language: the pipeline finds their places, dates and casualty figures and stores "
           "them. An article already in the store is left as it is; a file that cannot be read is reported "
           "and the rest go on. " + ui.ingest_limits())
allowed = config.allow_server_paths()
if not allowed:
    st.caption("Reading a folder on the server is off (set `CONFLICT_ALLOW_SERVER_PATHS=1` where the server is "
               "yours).")
submitted = ui.ingest_form(allowed)
if submitted is not None:
    items, replace = submitted
    ui.ingest_report(ui.run_ingest(items, store, replace=replace))
counts = store.counts()
st.caption(f"The store now holds {counts['articles']:,} articles and {counts['events']:,} events.")
