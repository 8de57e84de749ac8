"""The dashboard in a real Chromium: the map draws offline, the charts render, the slider drives both."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshot.png"  # the README's picture: the bundled sample
ARTIFACTS = ROOT / "tests" / "browser" / "artifacts"  # screenshots of the synthetic store, for looking at
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def _wait_idle(page: Page) -> None:
    """Wait until the script has finished its run (Streamlit marks the app element)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def _events_shown(page: Page):
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Events shown")
    return metric.locator('[data-testid="stMetricValue"]')


def test_dashboard_offline_map_charts_and_screenshot(page: Page, server_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server_url)
    _wait_idle(page)

    frame = page.frame_locator(MAP_FRAME)
    markers = frame.locator("path.ev-marker")
    markers.first.wait_for(state="visible")
    expect(markers).to_have_count(7)  # 7 places with dated events in the synthetic store
    expect(frame.locator(".ev-legend")).to_contain_text("Victim side")
    expect(frame.locator(".leaflet-tooltip.country-name").filter(has_text="Armenia")).to_have_count(1)
    assert frame.locator("path.leaflet-interactive").count() > 7  # borders drawn too
    plots = page.locator(".js-plotly-plot")
    expect(plots).to_have_count(2)
    plots.first.locator(".bars").first.wait_for()
    expect(_events_shown(page)).to_have_text("10")

    # the whole app, not just the first screen: grow the viewport to the content before the shot
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, int(height) + 40)})
    markers.first.wait_for(state="visible")
    expect(frame.locator(".leaflet-zoom-anim")).to_have_count(0)  # the map has settled
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "synthetic.png"), full_page=True)

    outside = sorted({u for u in requests
                      if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname not in LOCAL_HOSTS})
    assert not outside, f"requests left the machine: {outside}"
    assert any(u.endswith("/app/static/vendor/leaflet/leaflet.js") for u in requests)


def test_slider_keyboard_changes_map_and_count(page: Page, server_url: str) -> None:
    page.goto(server_url)
    _wait_idle(page)
    frame = page.frame_locator(MAP_FRAME)
    markers = frame.locator("path.ev-marker")
    expect(markers).to_have_count(7)
    expect(_events_shown(page)).to_have_text("10")

    start_thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first  # the start thumb
    start_thumb.focus()
    start_thumb.press("End")  # the start thumb runs up to the end: only the last day is left

    expect(_events_shown(page)).to_have_text("1")
    expect(frame.locator("path.ev-marker")).to_have_count(1)


def test_clicking_a_marker_lists_its_events(page: Page, server_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server_url)
    _wait_idle(page)
    frame = page.frame_locator(MAP_FRAME)
    towns = frame.locator("path.ev-town")
    expect(towns).to_have_count(5)
    expect(page.get_by_text("Events at")).to_have_count(0)
    texts = []
    for i in range(5):  # open every town's popup: the one quoting <script> must show it as text
        towns.nth(i).dispatch_event("click")
        popup = frame.locator(".leaflet-popup-content").last
        expect(popup).to_be_visible()
        texts.append(popup.inner_text())
    assert any("<script>alert('x')</script>" in t for t in texts)
    assert not dialogs
    expect(page.get_by_text("Events at")).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]').last).to_be_visible()


def test_first_start_builds_the_sample_and_the_readme_screenshot(page: Page, sample_server_url: str) -> None:
    """A newcomer's first start: the empty store is built from data/articles (progress bar), then the
    sample's events are on the map offline: Terter, Barda, Stepanakert, Hadrut, Nakhchivan among them."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(sample_server_url)
    _wait_idle(page)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.ev-marker").first.wait_for(state="visible")
    # include the events whose year the text leaves open, as a reader exploring the sample would
    page.get_by_text("Include undated events on the map").click()
    expect(page.locator('[data-testid="stCheckbox"] input:checked')).to_have_count(1)
    _wait_idle(page)
    expect(page.locator(MAP_FRAME)).to_have_count(1)  # the map of the previous run is gone
    labels = frame.locator(".leaflet-tooltip.place-name")
    for name in ("Tartar", "Barda", re.compile("Stepanakert|Khankendi"), "Hadrut", "Nakhchivan"):
        expect(labels.filter(has_text=name).first).to_be_attached()
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, int(height) + 40)})
    frame.locator("path.ev-marker").first.wait_for(state="visible")
    expect(frame.locator(".leaflet-zoom-anim")).to_have_count(0)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    outside = sorted({u for u in requests
                      if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname not in LOCAL_HOSTS})
    assert not outside, f"requests left the machine: {outside}"
