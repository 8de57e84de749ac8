"""lib/export.py: the Events page's table and the CSV, GeoJSON and contract JSON exports of what is filtered."""
from __future__ import annotations

import importlib.util
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import geopandas as gpd
import pandas as pd
import pytest

from lib import export, filters
from lib.gazetteer import Gazetteer
from lib.pipeline import contract_document, extract_paths, ingest
from lib.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# The names of ../shared/extract-contract.md: an export must carry every one of them.
CONTRACT = {
    "articles": {"id", "source", "language", "published", "title"},
    "places": {"article_id", "surface", "start", "end", "name", "country", "lat", "lon", "precision", "gazetteer_id"},
    "events": {"id", "article_id", "sentence", "place_surface", "place_name", "country", "lat", "lon", "geo_precision",
               "date", "date_end", "date_precision", "killed_low", "killed_high", "wounded_low", "wounded_high",
               "missing_low", "missing_high", "approximate", "victims", "victim_side", "claimed_by", "confidence"},
}


@pytest.fixture
def events(events_frame: pd.DataFrame) -> pd.DataFrame:
    return filters.prepare(events_frame)


def _row(table: pd.DataFrame, place: str) -> pd.Series:
    return table[table["place"] == place].iloc[0]


# -- the table ----------------------------------------------------------------------------------------
def test_table_shows_figures_as_bounds_and_dates_with_their_precision(events: pd.DataFrame) -> None:
    table = export.events_table(events)
    assert list(table.columns) == export.TABLE_COLUMNS and len(table) == 12
    assert _row(table, "Fuzuli District (region)")["killed"] == "≈ 24–99"
    assert _row(table, "Ganja (town)")[["killed", "wounded", "missing"]].tolist() == ["10", "34", ""]
    stepanakert = table[table["place"] == "Stepanakert (town)"]
    assert "more than 10" in stepanakert["killed"].tolist()
    assert _row(table, "Shusha (town)")["date"] == "2020-11 (month)"
    assert _row(table, "Azerbaijan (country)")["date"] == "2020 (year)"
    assert _row(table, "Martuni (town)")["date"] == "—"
    assert _row(table, "—")["side"] == "Side not stated"  # the event with no place
    assert _row(table, "Armenia (country)")[["side", "claimed by"]].tolist() == ["Armenia", "Armenian Defence Ministry"]
    assert table["killed, lower figure"].dtype == "Int64"
    assert "<script>" in " ".join(table["sentence"])  # text stays text: the grid never renders it as HTML


def test_every_row_links_to_its_evidence_in_the_sources_page(events: pd.DataFrame) -> None:
    table = export.events_table(events)
    for link, (aid, eid) in zip(table["evidence"], zip(events["article_id"], events["id"])):
        url = urlparse(link)
        assert url.path == "./Sources"
        assert parse_qs(url.query) == {"article": [aid], "event": [eid]}


def test_only_web_urls_become_article_links() -> None:
    assert export.web_url("https://example.org/a") == "https://example.org/a"
    assert export.web_url("javascript:alert(1)") is None
    assert export.web_url("data/articles/a.txt") is None
    assert export.web_url(float("nan")) is None


# -- CSV -----------------------------------------------------------------------------------------------
def test_csv_round_trips_with_whole_numbers_and_any_script(events: pd.DataFrame) -> None:
    data = export.to_csv(events)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheet programs read it as UTF-8
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == 12
    assert CONTRACT["events"] <= set(back.columns)
    assert {"source", "url", "language", "published"} <= set(back.columns)
    assert "spans" not in back.columns
    text = data.decode("utf-8-sig")
    assert ",772,772," in text and "772.0" not in text  # figures are whole numbers, not floats
    assert back["approximate"].sum() == 2


def test_csv_of_nothing_has_the_header_only(events: pd.DataFrame) -> None:
    back = pd.read_csv(io.BytesIO(export.to_csv(events.iloc[:0])), encoding="utf-8-sig")
    assert back.empty and "killed_low" in back.columns


# -- GeoJSON -------------------------------------------------------------------------------------------
def test_geojson_has_a_point_per_mappable_event(events: pd.DataFrame) -> None:
    doc = json.loads(export.to_geojson(events))
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == len(filters.mappable(events)) == 11
    ganja = next(f for f in doc["features"] if f["properties"]["place_name"] == "Ganja")
    assert ganja["geometry"] == {"type": "Point", "coordinates": [46.3606, 40.6828]}  # lon, lat
    assert ganja["properties"]["killed_low"] == 10 and ganja["properties"]["missing_low"] is None
    assert ganja["id"] == ganja["properties"]["id"]
    back = gpd.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326")
    assert len(back) == 11 and back.geometry.geom_type.eq("Point").all()


def test_geojson_keeps_text_in_any_script(tmp_path: Path) -> None:
    from lib.models import Article, Event, stable_id

    store = Store(tmp_path / "s.sqlite")
    text = "Обстрел Гянджи: погибли 10 человек."
    art = Article(id=stable_id(text), source="ru.txt", text=text, language="ru")
    store.add(art, [], [Event(id="e1", article_id=art.id, sentence=text, place_name="Гянджа", lat=40.68, lon=46.36,
                              killed_low=10, killed_high=10)])
    doc = json.loads(export.to_geojson(filters.prepare(store.events_frame())).decode("utf-8"))
    assert doc["features"][0]["properties"]["sentence"] == text


# -- JSON in the contract's schema -----------------------------------------------------------------------
def test_json_has_the_contract_names_and_only_the_filtered_articles(synthetic_store: Store,
                                                                    events: pd.DataFrame) -> None:
    vi = events[events["language"] == "vi"]
    doc = json.loads(export.to_json(vi, synthetic_store.articles_frame(), synthetic_store.places_frame()))
    assert set(doc) == {"articles", "places", "events"}
    assert [a["language"] for a in doc["articles"]] == ["vi"]
    assert len(doc["events"]) == len(vi)
    for table, names in CONTRACT.items():
        for rec in doc[table]:
            assert names <= set(rec), (table, names - set(rec))
    ev = doc["events"][0]
    assert set(ev) == set(export.EVENT_FIELDS)
    assert isinstance(ev["approximate"], bool) and isinstance(ev["spans"], list)
    json.dumps(doc, allow_nan=False)  # no NaN leaks into the JSON


@pytest.fixture(scope="module")
def gazetteer() -> Iterator[Gazetteer]:
    gaz = Gazetteer.open()
    yield gaz
    gaz.close()


def test_json_export_of_the_sample_scores_like_the_extract_command(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """The exported document is what ``python -m lib extract`` prints: the scorer gives both the same scores."""
    spec = importlib.util.spec_from_file_location("gold_score", FIXTURES / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = json.loads((FIXTURES / "gold_seeds.json").read_text(encoding="utf-8"))

    store = Store(tmp_path / "sample.sqlite")
    ingest([ROOT / "data" / "articles"], store, gazetteer)
    exported = json.loads(export.to_json(store.events_frame(), store.articles_frame(), store.places_frame()))
    extracted = contract_document(x for x in extract_paths([ROOT / "data" / "articles"], gazetteer))
    assert len(exported["events"]) == len(extracted["events"]) and len(exported["places"]) == len(extracted["places"])

    ours, theirs = scorer.score(gold, exported), scorer.score(gold, extracted)
    for metric in ("place_recall", "place_precision", "geocode_accuracy", "casualty_recall_exact",
                   "casualty_precision", "event_date_accuracy"):
        assert ours[metric] == theirs[metric], metric
