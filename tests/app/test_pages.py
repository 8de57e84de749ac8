"""The Events, Sources and Ingest pages under AppTest, over the synthetic store and a real small one."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import store as store_module
from lib import ui
from lib.gazetteer import Gazetteer
from lib.models import Article, Span, stable_id
from lib.pipeline import ingest
from lib.store import Store

ROOT = Path(__file__).resolve().parents[2]
EVENTS, SOURCES, INGEST = (str(ROOT / "pages" / p) for p in ("1_Events.py", "2_Sources.py", "3_Ingest.py"))
VI = ("Pháo kích vào thành phố Mingachevir\n\nBộ Quốc phòng Azerbaijan cho biết ngày 4/10, pháo kích vào thành phố "
      "Mingachevir đã khiến 7 dân thường thiệt mạng và 12 người bị thương.\n")


def _run(page: str, store: Path, monkeypatch: pytest.MonkeyPatch, **params: str | list[str]) -> AppTest:
    monkeypatch.setenv("CONFLICT_STORE", str(store))
    at = AppTest.from_file(page, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real small store: the bundled sample through the real pipeline and gazetteer."""
    path = tmp_path_factory.mktemp("sample") / "store.sqlite"
    gaz = Gazetteer.open()
    try:
        report = ingest([ROOT / "data" / "articles"], Store(path), gaz)
    finally:
        gaz.close()
    assert report.added and not report.rejected
    return path


@pytest.fixture
def writable_store(tmp_path: Path, make_store) -> Iterator[Path]:
    """A synthetic store of this test's own, for the ingest page to write into."""
    path = tmp_path / "store.sqlite"
    make_store(path)
    yield path


# -- Events -----------------------------------------------------------------------------------------------
def test_events_page_lists_the_dated_events_with_exports_and_counts(synthetic_store: Store, monkeypatch) -> None:
    at = _run(EVENTS, synthetic_store.path, monkeypatch)
    table = at.dataframe[0].value
    assert len(table) == 10 and "evidence" in table.columns
    assert any("**10** of 12 events shown" in m.value for m in at.markdown)
    assert {b.key for b in at.get("download_button")} == {"export_csv", "export_geojson", "export_json"}
    counts = [e for e in at.expander if e.label.startswith("Counts per filter")]
    assert counts and counts[0].label == "Counts per filter (10 events)"
    langs = next(d.value for d in counts[0].dataframe if "Language" in d.value.columns)
    assert dict(zip(langs["Language"], langs["events"])) == {"en": 3, "vi": 3, "id": 4}


def test_events_page_shares_the_main_pages_filters_and_dates_through_the_url(synthetic_store: Store,
                                                                             monkeypatch) -> None:
    at = _run(EVENTS, synthetic_store.path, monkeypatch, lang=["vi"], dates=["2020-09-27", "2020-10-12"])
    assert at.multiselect(key="lang").value == ["vi"]
    assert at.slider(key=ui.DATE_KEY).value == (date(2020, 9, 27), date(2020, 10, 12))
    table = at.dataframe[0].value
    assert len(table) == 2 and set(table["language"]) == {"vi"}


def test_events_page_widgets_by_key(synthetic_store: Store, monkeypatch) -> None:
    at = _run(EVENTS, synthetic_store.path, monkeypatch)
    at.checkbox(key=ui.UNDATED_KEY).check().run()
    assert len(at.dataframe[0].value) == 12
    at.multiselect(key="precision").set_value(["country"]).run()
    assert not at.exception
    assert sorted(at.dataframe[0].value["place"]) == ["Armenia (country)", "Azerbaijan (country)"]
    at.slider(key=ui.DATE_KEY).set_value((date(2020, 11, 1), date(2020, 11, 1))).run()
    at.checkbox(key=ui.UNDATED_KEY).uncheck().run()
    assert any("No events match" in i.value for i in at.info)


def test_events_page_over_a_real_store(sample_store: Path, monkeypatch) -> None:
    at = _run(EVENTS, sample_store, monkeypatch)
    at.checkbox(key=ui.UNDATED_KEY).check().run()
    table = at.dataframe[0].value
    assert len(table) == Store(sample_store).counts()["events"]
    assert {"vi", "id", "en"} <= set(table["language"])
    assert table["evidence"].str.startswith("./Sources?article=").all()


# -- Sources ------------------------------------------------------------------------------------------------
def test_sources_page_lists_articles_and_reads_the_first(synthetic_store: Store, monkeypatch) -> None:
    at = _run(SOURCES, synthetic_store.path, monkeypatch)
    arts = at.dataframe[0].value
    assert len(arts) == 3 and set(arts["language"]) == {"en", "vi", "id"}
    first = synthetic_store.articles_frame()["id"].iloc[0]
    assert at.selectbox(key=ui.ARTICLE_KEY).value == first
    assert at.query_params[ui.ARTICLE_KEY] == first  # the URL names what is open
    assert 'class="reader"' in _html(at)


def test_sources_page_opens_the_evidence_link_and_escapes_the_article(synthetic_store: Store, monkeypatch) -> None:
    events = synthetic_store.events_frame()
    ev = events[events["sentence"].str.contains("<script>")].iloc[0]
    at = _run(SOURCES, synthetic_store.path, monkeypatch, article=ev["article_id"], event=ev["id"])
    assert at.selectbox(key=ui.ARTICLE_KEY).value == ev["article_id"]
    assert any("The claim you followed" in m.value for m in at.markdown)
    body = _html(at)
    assert 'class="m-focus"' in body and f'data-event="{ev["id"]}"' in body
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in body and "<script>" not in body


def test_picking_another_article_updates_the_url_and_drops_the_event(synthetic_store: Store, monkeypatch) -> None:
    ids = synthetic_store.articles_frame()["id"].tolist()
    ev = synthetic_store.events_frame().query("article_id == @ids[0]").iloc[0]
    at = _run(SOURCES, synthetic_store.path, monkeypatch, article=ids[0], event=ev["id"])
    at.selectbox(key=ui.ARTICLE_KEY).set_value(ids[1]).run()
    assert not at.exception
    assert at.query_params[ui.ARTICLE_KEY] == ids[1] and ui.EVENT_KEY not in at.query_params
    assert "m-focus" not in _html(at).split("</style>")[-1]


def test_sources_page_shows_warnings_and_removed_furniture(tmp_path: Path, monkeypatch) -> None:
    raw = "Breaking news from Ganja\nRead more: an unrelated story\n"
    text = raw.replace("Read more: an unrelated story", " " * 29)
    art = Article(id=stable_id(text), source="upload/xx.txt", text=text, raw_text=raw, language="xx",
                  removed=[Span(25, 54, "read-more")],
                  warnings=["no casualty lexicon for language 'xx': places and dates read, figures not extracted"])
    Store(tmp_path / "s.sqlite").add(art, [], [])
    at = _run(SOURCES, tmp_path / "s.sqlite", monkeypatch)
    assert any("no casualty lexicon for language 'xx'" in w.value for w in at.warning)
    assert "no casualty lexicon" in at.dataframe[0].value["warnings"].iloc[0]
    body = _html(at)
    assert '<del class="m-removed" title="Removed: read-more link">Read more: an unrelated story</del>' in body


def test_sources_page_over_a_real_store_and_an_unknown_article(sample_store: Path, monkeypatch) -> None:
    at = _run(SOURCES, sample_store, monkeypatch, article="not-an-id")
    assert len(at.dataframe[0].value) == 5
    body = _html(at)
    assert 'class="m-place"' in body and 'class="m-figure"' in body
    vi = Store(sample_store).articles_frame().query("language == 'vi'")["id"].iloc[0]
    at.selectbox(key=ui.ARTICLE_KEY).set_value(vi).run()
    assert not at.exception and "Nagorno-Karabakh" in _html(at)


def test_a_first_visit_to_the_sources_page_builds_the_sample(tmp_path: Path, monkeypatch) -> None:
    at = _run(SOURCES, tmp_path / "empty.sqlite", monkeypatch)  # as the main page does on a first start
    assert len(at.dataframe[0].value) == 5
    assert 'class="m-place"' in _html(at)


# -- Ingest --------------------------------------------------------------------------------------------------
def _paste(at: AppTest, text: str, published: date | None = None) -> AppTest:
    at.text_area(key=ui.PASTE_KEY).input(text)
    if published:
        at.date_input(key=ui.PASTE_DATE_KEY).set_value(published)
    at.button(key=ui.INGEST_KEY).click().run()
    assert not at.exception, at.exception
    return at


def test_ingest_page_pastes_an_article_and_reports_it(writable_store: Path, monkeypatch) -> None:
    at = _run(INGEST, writable_store, monkeypatch)
    with pytest.raises(KeyError):
        at.text_input(key=ui.SERVER_PATH_KEY)  # no server path box unless allowed
    _paste(at, VI, date(2020, 10, 5))
    assert _metric(at, "Added") == "1" and _metric(at, "Rejected") == "0"
    assert int(_metric(at, "Events extracted")) >= 1
    store = Store(writable_store)
    art = store.articles_frame().query("language == 'vi' and published == '2020-10-05'")
    assert len(art) == 1
    events = store.events_frame()
    assert ((events["place_name"] == "Mingachevir") & (events["killed_low"] == 7)).any()
    assert any("4 articles" in c.value for c in at.caption)

    _paste(at, VI, date(2020, 10, 5))  # again: already there, nothing written
    assert _metric(at, "Added") == "0" and _metric(at, "Already there") == "1"
    assert Store(writable_store).counts() == store.counts()


def test_ingest_page_says_when_there_is_nothing_to_add(writable_store: Path, monkeypatch) -> None:
    at = _run(INGEST, writable_store, monkeypatch)
    at.button(key=ui.INGEST_KEY).click().run()
    assert any("Nothing to add" in w.value for w in at.warning)


def test_a_failing_upload_leaves_the_store_as_it_was(writable_store: Path, monkeypatch) -> None:
    before = Store(writable_store)
    snapshot = (before.counts(), before.version(), sorted(before.events_frame()["id"]))
    real = store_module._insert

    def insert(con, table, cols, rows):
        if table == "events":
            raise RuntimeError("disk on fire")
        return real(con, table, cols, rows)

    monkeypatch.setattr(store_module, "_insert", insert)
    at = _paste(_run(INGEST, writable_store, monkeypatch), VI)
    assert _metric(at, "Added") == "0" and _metric(at, "Rejected") == "1"
    report = at.dataframe[0].value
    assert report["reason"].iloc[0] == "could not be extracted or stored: RuntimeError: disk on fire"
    after = Store(writable_store)
    assert (after.counts(), after.version(), sorted(after.events_frame()["id"])) == snapshot


def test_ingest_page_reads_a_server_folder_only_when_allowed(writable_store: Path, tmp_path: Path,
                                                             monkeypatch) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "mingachevir.txt").write_text("date 2020-10-05\n" + VI, encoding="utf-8")
    monkeypatch.setenv("CONFLICT_ALLOW_SERVER_PATHS", "1")
    at = _run(INGEST, writable_store, monkeypatch)
    at.text_input(key=ui.SERVER_PATH_KEY).input(str(folder))
    at.button(key=ui.INGEST_KEY).click().run()
    assert not at.exception
    assert _metric(at, "Added") == "1"
    assert Store(writable_store).counts()["articles"] == 4


def test_ingest_page_then_the_events_page_shows_the_new_event(writable_store: Path, monkeypatch) -> None:
    _paste(_run(INGEST, writable_store, monkeypatch), VI, date(2020, 10, 5))
    at = _run(EVENTS, writable_store, monkeypatch)
    assert "Mingachevir (town)" in set(at.dataframe[0].value["place"])


def test_a_real_store_copy_takes_an_upload_too(sample_store: Path, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "copy.sqlite"
    shutil.copy(sample_store, path)
    at = _paste(_run(INGEST, path, monkeypatch), VI, date(2020, 10, 5))
    assert _metric(at, "Added") == "1"
    assert Store(path).counts()["articles"] == 6


def test_ingest_page_without_a_gazetteer_says_what_to_do(writable_store: Path, monkeypatch) -> None:
    def missing():
        raise FileNotFoundError("no gazetteer at data/build/gazetteer.sqlite")

    monkeypatch.setattr(ui, "get_gazetteer", missing)
    before = Store(writable_store).counts()
    at = _paste(_run(INGEST, writable_store, monkeypatch), VI)
    assert any("Build the gazetteer" in e.value for e in at.error)
    assert Store(writable_store).counts() == before
