"""The Events, Sources and Ingest pages in a real Chromium, with no request leaving the machine.

An article written here in Vietnamese is uploaded on the Ingest page; its event then shows on the main map
and its extractions are highlighted in the Sources page's reader.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from playwright.sync_api import Page, expect

from lib.articles import read_file
from lib.uploads import read_upload

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "browser" / "artifacts"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

# Written for this test: a town (Mingachevir) and casualty figures, in Vietnamese.
VI_NAME = "mingachevir_vi.txt"
VI_TEXT = ("date 2020-10-05\n"
           "Pháo kích vào thành phố Mingachevir\n\n"
           "Bộ Quốc phòng Azerbaijan cho biết ngày 4/10, pháo kích vào thành phố Mingachevir đã khiến "
           "7 dân thường thiệt mạng và 12 người bị thương.\n"
           "Các quan chức địa phương nói rằng nhiều ngôi nhà đã bị phá hủy.\n")
SLOW_MS = 60_000  # for steps that wait on the server's work, not on rendering
NOT_TEXT = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def _wait_idle(page: Page) -> None:
    """The script has finished its run and no element of an earlier run is left."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    expect(page.locator('[data-stale="true"]')).to_have_count(0)


def _outside(requests: list[str]) -> list[str]:
    return sorted({u for u in requests
                   if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname not in LOCAL_HOSTS})


def _metric(page: Page, label: str):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]')


def _shot(page: Page, name: str) -> None:
    """A full-page screenshot under tests/browser/artifacts/, for looking at."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(1000, int(height) + 40), 8000)})
    _wait_idle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def _grid_rows(page: Page):
    """The rows of the first table, read from the grid's accessible mirror (the grid itself is a canvas)."""
    return page.locator('[data-testid="stDataFrame"]').first.locator("table[role=grid] tbody tr")


def test_events_page_table_exports_and_evidence_link(page: Page, server_url: str) -> None:
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server_url}/Events")
    _wait_idle(page)
    expect(page.get_by_text("of 12 events shown")).to_contain_text("10", timeout=SLOW_MS)
    rows = _grid_rows(page)
    expect(rows).to_have_count(10)
    expect(page.get_by_role("button", name="CSV", exact=True)).to_be_enabled()

    with page.expect_download() as dl:
        page.get_by_role("button", name="CSV", exact=True).click()
    csv = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    assert csv.count("\n") == 11 and "Ganja" in csv and "killed_low" in csv.splitlines()[0]
    with page.expect_download() as dl:
        page.get_by_role("button", name="GeoJSON", exact=True).click()
    geo = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert len(geo["features"]) == 9  # the 10 shown, less the one without a place
    with page.expect_download() as dl:
        page.get_by_role("button", name="JSON (contract)").click()
    doc = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert set(doc) == {"articles", "places", "events"} and len(doc["events"]) == 10
    _shot(page, "events.png")

    # follow the evidence of the Ganja claim that quotes <script>: the reader outlines it, as text
    evidence = [c for c in rows.locator("td").all_inner_texts() if c.startswith("./Sources?article=")]
    assert len(evidence) == 10
    ganja = next(e for e in doc["events"] if "<script>" in e["sentence"])
    link = next(e for e in evidence if ganja["id"] in e)
    page.goto(urljoin(page.url, link))
    _wait_idle(page)
    focus = page.locator(".reader .m-focus")
    expect(focus).to_have_count(1)
    expect(focus).to_contain_text("<script>alert('x')</script> 10 people were killed in Ganja.")
    expect(page.get_by_text("The claim you followed")).to_be_visible()
    assert not dialogs
    assert not _outside(requests), f"requests left the machine: {_outside(requests)}"


def test_sources_page_highlights_the_extractions_of_a_real_article(page: Page, sample_server_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    vi = read_file(ROOT / "data" / "articles" / "001_baf3c5232a40f7ce.txt")[0]
    page.goto(f"{sample_server_url}/Sources?article={vi.id}")
    _wait_idle(page)
    reader = page.locator(".reader").last
    reader.wait_for()
    places, figures = reader.locator("mark.m-place"), reader.locator("mark.m-figure")
    assert places.count() > 20 and figures.count() >= 1 and reader.locator("mark.m-date").count() >= 1
    title = places.filter(has_text="Barda").first.get_attribute("title")
    assert "→ Barda" in title and "geonames:" in title and "coordinates: 40." in title
    colour = places.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the reader's styles were applied
    expect(page.locator(".reader-legend")).to_contain_text("casualty figure")
    _shot(page, "sources.png")

    # another article, picked in the box: its page furniture is shown struck through, with the reason
    box = page.get_by_role("combobox", name="Article")
    expect(box).to_have_value(re.compile("^001_baf3c5232a40f7ce.txt"))
    box.click()
    page.get_by_role("option", name="000_3a30ae0f52db64eb.txt").click()
    _wait_idle(page)
    expect(page.locator(".reader del.m-removed").first).to_be_visible()
    expect(page.locator(".reader .m-removed-label").filter(has_text="removed: related stories")).to_have_count(1)
    assert "article=" in page.url and vi.id not in page.url
    assert not _outside(requests), f"requests left the machine: {_outside(requests)}"


def test_upload_a_vietnamese_article_then_see_it_on_the_map(page: Page, writable_server_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(writable_server_url)
    _wait_idle(page)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.ev-marker").first.wait_for(state="visible")
    expect(frame.locator(".leaflet-tooltip.place-name").filter(has_text="Mingachevir")).to_have_count(0)
    markers_before = frame.locator("path.ev-marker").count()

    page.goto(f"{writable_server_url}/Ingest")
    _wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([
        {"name": VI_NAME, "mimeType": "text/plain", "buffer": VI_TEXT.encode("utf-8")},
        {"name": "photo.txt", "mimeType": "text/plain", "buffer": NOT_TEXT},
    ])
    expect(page.get_by_text(VI_NAME)).to_be_visible()
    expect(page.get_by_text("photo.txt")).to_be_visible()
    page.get_by_role("button", name="Add to the store").click()
    # the first ingest of a server opens the gazetteer: wait on the server, with room for a slow machine
    expect(_metric(page, "Added")).to_have_text("1", timeout=SLOW_MS)
    expect(_metric(page, "Rejected")).to_have_text("1")
    expect(page.locator('[data-testid="stProgress"]')).to_contain_text("Done.")
    rows = _grid_rows(page)
    expect(rows).to_have_count(2)
    assert any("photo.txt" in t for t in rows.all_inner_texts())
    _shot(page, "ingest.png")

    # the main map now has the Vietnamese article's town, Mingachevir
    page.goto(writable_server_url)
    _wait_idle(page)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.ev-marker").first.wait_for(state="visible")
    expect(frame.locator("path.ev-marker")).to_have_count(markers_before + 1)  # one more place: Mingachevir
    expect(frame.locator(".leaflet-tooltip.place-name").filter(has_text="Mingachevir")).to_have_count(1)

    # and the reader marks its town, date, figures and claimant
    (art,) = read_upload(VI_NAME, VI_TEXT.encode("utf-8"))
    page.goto(f"{writable_server_url}/Sources?article={art.id}")
    _wait_idle(page)
    reader = page.locator(".reader").last
    town = reader.locator("mark.m-place").filter(has_text="Mingachevir").first
    expect(town).to_be_visible()
    expect(town).to_have_attribute("title", re.compile(r"→ Mingachevir \(town, AZ\)\ngazetteer: geonames:"))
    expect(reader.locator("mark.m-figure").filter(has_text="7 dân thường thiệt mạng")).to_have_count(1)
    claimant = reader.locator("mark.m-claimant")  # split in two around the place it names
    expect(claimant.first).to_have_attribute("title", re.compile("^Claimed by: Bộ Quốc phòng Azerbaijan"))
    expect(claimant.locator("mark.m-place")).to_have_text("Azerbaijan")
    expect(reader.locator("mark.m-date")).to_contain_text("4/10")
    expect(reader.locator("mark.m-date")).to_have_attribute("title", re.compile("→ 2020-10-04"))
    expect(reader.locator(".m-removed-label")).to_contain_text("removed: date line")
    _shot(page, "sources_upload.png")
    assert not _outside(requests), f"requests left the machine: {_outside(requests)}"
