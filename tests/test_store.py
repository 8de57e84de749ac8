"""The event store: idempotent adds, replacement, the joined events frame, all-or-nothing writes,
several handles on one file, and ``pipeline.ingest`` with bad files in the batch."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from lib import store as store_module
from lib.articles import ReadError
from lib.gazetteer import Gazetteer
from lib.models import Article, Event, PlaceMention, stable_id
from lib.pipeline import ingest
from lib.store import Store

GOOD_TEXT = (
    "Shelling hits Barda\n\n"
    "21 civilians were killed and 70 wounded on Wednesday when a missile struck the town of Barda, "
    "Azerbaijan's Prosecutor General said.\n"
)


def make_article(text: str, **fields: object) -> Article:
    values: dict = {"source": f"feed/{stable_id(text)}.txt", "language": "en", "published": "2020-10-28",
                    "title": text.split(".")[0][:40], "url": f"https://example.org/{stable_id(text)}",
                    "outlet": "Example News"}
    values.update(fields)
    return Article(id=stable_id(text), text=text, raw_text=text, **values)


def make_place(article: Article, surface: str = "Barda") -> PlaceMention:
    start = article.text.find(surface)
    return PlaceMention(article.id, surface, start, start + len(surface), surface, "AZ", 40.376, 47.126, "town",
                        "geonames:587057", kind="town", confidence=0.9, names=[surface, "Bərdə"])


def make_event(article: Article, n: int, killed: int | None, approximate: bool = False) -> Event:
    return Event(id=stable_id(article.id, n), article_id=article.id, sentence=f"Sentence {n} of {article.title}.",
                 place_surface="Barda", place_name="Barda", country="AZ", lat=40.376, lon=47.126, geo_precision=1,
                 date="2020-10-28", date_precision="day", killed_low=killed, killed_high=killed,
                 approximate=approximate, victims="civilians", victim_side="AZ", confidence=0.8)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store.sqlite")


@pytest.fixture
def art_a() -> Article:
    return make_article("Missile strike on Barda. Twenty-one civilians were killed in Barda.")


@pytest.fixture
def art_b() -> Article:
    return make_article("Shelling of Tartar. Two civilians were killed in Tartar.", language="id",
                        published=None, url=None, outlet="Another Outlet")


def snapshot(store: Store) -> tuple:
    """Everything a reader of the store can see, to compare before and after."""
    frames = (store.articles_frame(), store.places_frame(), store.events_frame())
    # NaN != NaN: make missing values None so that equal contents compare equal
    return (store.counts(), store.version(),
            *(df.astype(object).where(df.notna(), None).to_dict("records") for df in frames))


# --- add, unchanged, replaced --------------------------------------------------------------------------


def test_add_then_unchanged_then_replaced(store: Store, art_a: Article) -> None:
    assert store.counts() == {"articles": 0, "places": 0, "events": 0}
    assert store.add(art_a, [make_place(art_a)], [make_event(art_a, 1, 21), make_event(art_a, 2, 3)],
                     extractor="1") == "added"
    assert store.has_article(art_a.id)
    assert store.counts() == {"articles": 1, "places": 1, "events": 2}
    before = snapshot(store)

    # the same article again, even with other results, writes nothing
    assert store.add(art_a, [], [make_event(art_a, 9, 99)], extractor="2") == "unchanged"
    assert snapshot(store) == before

    # replace swaps the earlier extraction for the new one, without duplicating rows
    assert store.add(art_a, [make_place(art_a)], [make_event(art_a, 3, 22)], extractor="2", replace=True) == "replaced"
    assert store.counts() == {"articles": 1, "places": 1, "events": 1}
    events = store.events_frame()
    assert events["killed_low"].tolist() == [22]
    assert store.article(art_a.id)["extractor"] == "2"
    assert store.version() != before[1]


def test_replace_of_an_article_not_stored_adds_it(store: Store, art_a: Article) -> None:
    assert store.add(art_a, [], [make_event(art_a, 1, 21)], replace=True) == "added"
    assert store.counts() == {"articles": 1, "places": 0, "events": 1}


def test_article_keeps_its_text_and_lists(store: Store, art_a: Article) -> None:
    art_a.warnings.append("a warning with ə")
    store.add(art_a, [make_place(art_a)], [])
    row = store.article(art_a.id)
    assert row is not None and row["text"] == art_a.text and row["raw_text"] == art_a.text
    assert row["warnings"] == ["a warning with ə"] and row["removed"] == []
    assert store.places_frame(art_a.id)["names"].tolist() == [["Barda", "Bərdə"]]
    assert store.article("no-such-id") is None


# --- the events frame ----------------------------------------------------------------------------------


def test_events_frame_joins_article_fields(store: Store, art_a: Article, art_b: Article) -> None:
    store.add(art_a, [], [make_event(art_a, 1, 21, approximate=True)])
    store.add(art_b, [], [make_event(art_b, 1, 2), make_event(art_b, 2, None)])
    df = store.events_frame()
    assert len(df) == 3
    for art in (art_a, art_b):
        rows = df[df["article_id"] == art.id]
        assert len(rows) == (1 if art is art_a else 2)
        for col in ("source", "language", "published", "title", "url", "outlet"):
            expected = getattr(art, col)
            for value in rows[col]:  # a NULL comes back as None or NaN, depending on the column
                assert value == expected or (expected is None and pd.isna(value)), (col, value, expected)
    assert df["approximate"].dtype == bool
    assert df.loc[df["article_id"] == art_a.id, "approximate"].tolist() == [True]
    assert set(df.loc[df["article_id"] == art_b.id, "approximate"]) == {False}
    assert {"sentence", "place_name", "lat", "lon", "killed_low", "victim_side", "date"} <= set(df.columns)


# --- all or nothing --------------------------------------------------------------------------------------


def _raising_on_events(real):
    """``_insert`` that fails on the events table, after the article and its places were written."""

    def insert(con, table, cols, rows):
        if table == "events":
            raise RuntimeError("disk on fire")
        return real(con, table, cols, rows)

    return insert


def test_failure_while_adding_leaves_the_store_as_before(
    store: Store, art_a: Article, art_b: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(art_a, [make_place(art_a)], [make_event(art_a, 1, 21)])
    before = snapshot(store)
    monkeypatch.setattr(store_module, "_insert", _raising_on_events(store_module._insert))

    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add(art_b, [make_place(art_b, "Tartar")], [make_event(art_b, 1, 2)])
    assert snapshot(store) == before
    assert not store.has_article(art_b.id) and store.article(art_b.id) is None
    assert store.places_frame(art_b.id).empty

    # the store still works afterwards
    monkeypatch.undo()
    assert store.add(art_b, [make_place(art_b, "Tartar")], [make_event(art_b, 1, 2)]) == "added"
    assert store.counts() == {"articles": 2, "places": 2, "events": 2}


def test_failure_while_replacing_keeps_the_earlier_extraction(
    store: Store, art_a: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(art_a, [make_place(art_a)], [make_event(art_a, 1, 21), make_event(art_a, 2, 3)])
    before = snapshot(store)
    monkeypatch.setattr(store_module, "_insert", _raising_on_events(store_module._insert))

    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add(art_a, [], [make_event(art_a, 3, 99)], replace=True)
    assert snapshot(store) == before

    monkeypatch.undo()
    assert store.add(art_a, [], [make_event(art_a, 3, 99)], replace=True) == "replaced"
    assert store.counts() == {"articles": 1, "places": 0, "events": 1}


# --- several handles on one file ---------------------------------------------------------------------


def test_two_store_objects_see_each_others_writes(tmp_path: Path, art_a: Article, art_b: Article) -> None:
    path = tmp_path / "shared.sqlite"
    first, second = Store(path), Store(path)
    assert first.add(art_a, [make_place(art_a)], [make_event(art_a, 1, 21)]) == "added"
    assert second.has_article(art_a.id)
    assert second.counts() == {"articles": 1, "places": 1, "events": 1}
    assert second.add(art_a, [], []) == "unchanged"
    assert second.add(art_b, [], [make_event(art_b, 1, 2)]) == "added"
    assert first.counts() == {"articles": 2, "places": 1, "events": 2}
    assert first.version() == second.version()
    assert sorted(first.events_frame()["article_id"]) == sorted(second.events_frame()["article_id"])
    # opening the file again (schema creation is idempotent) keeps what is stored
    assert Store(path).counts() == first.counts()


# --- pipeline.ingest with bad input ------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer() -> Iterator[Gazetteer]:
    gaz = Gazetteer.open()
    yield gaz
    gaz.close()


def test_ingest_reports_rejected_files_and_stores_the_rest(tmp_path: Path, store: Store, gazetteer: Gazetteer) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / "a_good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    calls: list[tuple[int, int, str]] = []

    report = ingest([folder, missing], store, gazetteer, progress=lambda *a: calls.append(a))

    assert report.added == [str(good)]
    assert all(isinstance(err, ReadError) for err in report.rejected)
    assert sorted(Path(err.source).name for err in report.rejected) == ["b_empty.txt", "c_binary.txt", "missing.txt"]
    assert report.unchanged == [] and report.replaced == []
    counts = store.counts()
    assert counts["articles"] == 1 and counts["events"] == report.events >= 1 and counts["places"] >= 1
    events = store.events_frame()
    assert 21 in events["killed_low"].tolist() and "Barda" in events["place_name"].tolist()
    assert [c[:2] for c in calls] == [(n, 4) for n in range(1, 5)]
    assert "3 rejected" in report.summary() and "1 added" in report.summary()

    # again: the good article is already stored, the bad files are reported again, nothing changes
    again = ingest([folder, missing], store, gazetteer)
    assert again.added == [] and again.unchanged == [str(good)] and len(again.rejected) == 3
    assert store.counts() == counts
