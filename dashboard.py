"""The main page: the event map, the date slider and the casualty charts, linked, shareable and presentable.

Every step is a call into lib: filters (sidebar, URL) → dates (slider, play) → incidents (each counted once)
→ a chart's pick → places on the map → the selected place → charts. The URL carries all of it.
"""
from __future__ import annotations

from lib import config, filters, incidents, maps, ui, view

ui.page_setup()
store = ui.get_store(str(config.store_path()))
ui.build_store_if_empty(store)
present = ui.page_header(
    "Conflict events: map and casualties",
    "Casualty claims extracted from news articles, placed on a map and a timeline. Figures are claims by the "
    "parties and the press, not verified counts; each event counts once, however many articles report it.")
all_reports, settings = ui.dashboard_sidebar(store)
reports = filters.apply(all_reports, ui.filter_controls(all_reports))
measure = settings["measure"]

span = ui.timeline(filters.date_bounds(all_reports))
include_undated = ui.undated_block(reports)
shown = filters.select(reports, span, include_undated=include_undated)
events = incidents.collapse(shown)
pick = ui.chart_pick()
on_map = view.apply_pick(filters.mappable(events), pick)
ui.headline({**incidents.summary(shown, events), "mappable": len(on_map)}, incidents.count(all_reports), span,
            measure)
ui.pick_note(pick, len(on_map), len(events), present)
places = maps.aggregate_places(on_map)
base = maps.base_map(borders=ui.borders(), tiles=settings["tiles"], bounds=maps.extent(reports),
                     sides=maps.side_keys(reports["victim_side"]).unique(), large_type=present)
other_names = ui.place_names(store)
layer = maps.place_layer(places, on_map, shown, names=other_names, selected=ui.selected_place())
place = ui.linked_map(base, layer, places, shown, present=present, names_of=other_names, measure=measure)

ui.linked_charts(events, shown, measure, pick, place, split=settings["split"])
