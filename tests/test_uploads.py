"""lib/uploads.py (uploads, zips, pasted text, the server-folder gate) and pipeline.ingest_articles (a bad
upload or a failure mid-batch never loses or corrupts what was stored)."""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lib import config, pipeline, uploads
from lib import store as store_module
from lib.articles import ReadError
from lib.gazetteer import Gazetteer
from lib.models import Article
from lib.pipeline import ingest_articles
from lib.store import Store

EN = ("Shelling hits Barda\n\n21 civilians were killed and 70 wounded on Wednesday when a missile struck the town "
      "of Barda, Azerbaijan's Prosecutor General said.\n")
VI = ("Pháo kích vào thành phố Mingachevir\n\nBộ Quốc phòng Azerbaijan cho biết ngày 4/10, pháo kích vào thành phố "
      "Mingachevir đã khiến 7 dân thường thiệt mạng và 12 người bị thương.\n")
RU = ("Обстрел Гянджи\n\nВ результате ракетного удара по Гяндже погибли десять мирных жителей, ещё 34 человека "
      "получили ранения, сообщила Генеральная прокуратура Азербайджана.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def _zip(members: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _ok(items: list) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _errors(items: list) -> dict[str, str]:
    return {e.source: e.message for e in items if isinstance(e, ReadError)}


# -- single files ----------------------------------------------------------------------------------------
def test_text_json_jsonl_and_html_uploads_are_read() -> None:
    record = {"url": "https://example.org/a", "title": "Barda", "published": "2020-10-28", "text": EN}
    html = f"<html><head><title>Barda</title></head><body><article><p>{EN}</p></article></body></html>"
    items = uploads.read_uploads([
        ("barda.txt", EN.encode()),
        ("feed.json", json.dumps([record, {**record, "text": VI, "url": "https://example.org/b"}]).encode()),
        ("feed.jsonl", (json.dumps({**record, "text": RU, "url": "https://example.org/c"}) + "\n").encode()),
        ("page.html", html.encode()),
    ])
    arts = _ok(items)
    assert not _errors(items)
    assert [a.source for a in arts][:4] == ["barda.txt", "https://example.org/a", "https://example.org/b",
                                            "https://example.org/c"]
    assert arts[1].published == "2020-10-28" and arts[1].title == "Barda"
    assert "Barda" in arts[-1].text


def test_russian_and_vietnamese_texts_are_read_with_their_language() -> None:
    arts = _ok(uploads.read_uploads([("gyandzha.txt", RU.encode()), ("mingachevir.txt", VI.encode("utf-8"))]))
    assert [(a.source, a.language) for a in arts] == [("gyandzha.txt", "ru"), ("mingachevir.txt", "vi")]
    assert arts[1].title == "Pháo kích vào thành phố Mingachevir"


def test_empty_binary_unsupported_and_too_big_files_are_rejected_with_a_reason(monkeypatch) -> None:
    monkeypatch.setattr(config, "MAX_FILE_BYTES", 1000)
    items = uploads.read_uploads([("empty.txt", b""), ("photo.txt", PNG), ("report.pdf", b"%PDF-1.4"),
                                  ("long.txt", b"word " * 400), ("good.txt", EN.encode())])
    errors = _errors(items)
    assert errors["empty.txt"] == "file is empty"
    assert "binary" in errors["photo.txt"] or "not text" in errors["photo.txt"]
    assert "unsupported file type '.pdf'" in errors["report.pdf"]
    assert "over the limit of 1000 bytes" in errors["long.txt"]
    assert [a.source for a in _ok(items)] == ["good.txt"]  # the rest of the batch goes on


def test_a_path_in_an_uploaded_name_is_dropped() -> None:
    (art,) = uploads.read_upload("../../etc/cron.d/x.txt", EN.encode())
    assert art.source == "x.txt"


# -- limits on the whole upload ----------------------------------------------------------------------------
def test_too_many_files_rejects_the_upload_with_a_clear_message(monkeypatch) -> None:
    monkeypatch.setattr(config, "MAX_UPLOAD_FILES", 3)
    items = uploads.read_uploads([(f"{i}.txt", EN.encode()) for i in range(4)])
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].source == "upload" and "4 files, over the limit of 3 per upload" in items[0].message


def test_too_many_bytes_rejects_the_upload(monkeypatch) -> None:
    monkeypatch.setattr(config, "MAX_UPLOAD_BYTES", 300)
    items = uploads.read_uploads([("a.txt", EN.encode()), ("b.txt", EN.encode())])
    assert len(items) == 1 and "over the limit of 300 bytes per upload" in items[0].message


def test_nothing_uploaded_is_nothing() -> None:
    assert uploads.read_uploads([]) == []


# -- zips ---------------------------------------------------------------------------------------------------
def test_a_zip_with_nested_folders_is_read_and_junk_skipped() -> None:
    data = _zip({"batch/en/barda.txt": EN, "batch/vi/mingachevir.txt": VI, "batch/README.md": "# notes",
                 "__MACOSX/batch/._barda.txt": b"\x00\x05", "batch/.DS_Store": b"\x00", "batch/empty/": b""})
    items = uploads.read_uploads([("batch.zip", data)])
    assert not _errors(items)
    assert [a.source for a in _ok(items)] == ["batch.zip/batch/en/barda.txt", "batch.zip/batch/vi/mingachevir.txt"]


def test_zip_path_traversal_is_rejected_and_the_rest_read() -> None:
    data = _zip({"../evil.txt": EN, "/etc/passwd.txt": EN, "C:\\windows\\x.txt": EN, "a/../../up.txt": EN,
                 "ok/fine.txt": VI})
    items = uploads.read_zip("batch.zip", data)
    errors = _errors(items)
    assert set(errors) == {"batch.zip/../evil.txt", "batch.zip//etc/passwd.txt", "batch.zip/C:\\windows\\x.txt",
                           "batch.zip/a/../../up.txt"}
    assert all("unsafe path" in m for m in errors.values())
    assert [a.source for a in _ok(items)] == ["batch.zip/ok/fine.txt"]


def test_zip_member_count_limit(monkeypatch) -> None:
    monkeypatch.setattr(config, "MAX_ZIP_MEMBERS", 5)
    items = uploads.read_zip("many.zip", _zip({f"{i}.txt": EN for i in range(6)}))
    assert [(e.source, e.message) for e in items] == [("many.zip", "6 files in the zip, over the limit of 5")]


def test_zip_bomb_is_stopped_by_the_uncompressed_size(monkeypatch) -> None:
    monkeypatch.setattr(config, "MAX_ZIP_BYTES", 1_000_000)
    bomb = _zip({"bomb.txt": b"a" * 5_000_000})
    assert len(bomb) < 20_000  # compresses to almost nothing
    items = uploads.read_zip("bomb.zip", bomb)
    assert len(items) == 1 and "unpacks to 4.8 MiB, over the limit of 976.6 KiB per zip" in items[0].message


def test_zip_member_over_the_file_limit(monkeypatch) -> None:
    monkeypatch.setattr(config, "MAX_FILE_BYTES", 2000)
    items = uploads.read_zip("b.zip", _zip({"big.txt": b"word " * 1000, "small.txt": EN}))
    assert "file is 4.9 KiB, over the limit of 2.0 KiB" in _errors(items)["b.zip/big.txt"]
    assert len(_ok(items)) == 1


def test_zip_in_zip_unsupported_members_empty_and_broken_zips() -> None:
    inner = _zip({"a.txt": EN})
    items = uploads.read_zip("outer.zip", _zip({"inner.zip": inner, "scan.pdf": b"%PDF", "b.txt": EN}))
    errors = _errors(items)
    assert "zip inside a zip" in errors["outer.zip/inner.zip"]
    assert "unsupported file type '.pdf'" in errors["outer.zip/scan.pdf"]
    assert len(_ok(items)) == 1
    assert "no article files in the zip" in _errors(uploads.read_zip("empty.zip", _zip({})))["empty.zip"]
    assert "not a readable zip" in _errors(uploads.read_upload("fake.zip", b"PK but not really"))["fake.zip"]


# -- pasted text and the server folder -------------------------------------------------------------------------
def test_pasted_text_with_a_date() -> None:
    art = uploads.read_pasted(VI, date(2020, 10, 5))
    assert isinstance(art, Article)
    assert art.published == "2020-10-05" and art.language == "vi" and art.source == uploads.PASTED_SOURCE
    assert art.raw_text == VI  # offsets into the pasted text are offsets into what is stored


def test_pasted_text_without_a_date_keeps_its_own_date_line() -> None:
    art = uploads.read_pasted("date 2020-10-28\n" + EN)
    assert art.published == "2020-10-28"
    assert uploads.read_pasted("date 2020-10-28\n" + EN, date(2021, 1, 2)).published == "2021-01-02"  # the form wins


def test_pasted_nothing_or_too_much(monkeypatch) -> None:
    assert uploads.read_pasted("  \n ").message == "nothing was pasted"
    monkeypatch.setattr(config, "MAX_FILE_BYTES", 100)
    assert "over the limit of 100 bytes" in uploads.read_pasted(EN).message


def test_server_folder_is_off_by_default(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CONFLICT_ALLOW_SERVER_PATHS", raising=False)
    assert config.allow_server_paths() is False
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (err,) = uploads.server_folder(str(tmp_path), allowed=config.allow_server_paths())
    assert isinstance(err, ReadError) and "switched off" in err.message
    monkeypatch.setenv("CONFLICT_ALLOW_SERVER_PATHS", "1")
    assert config.allow_server_paths() is True
    (art,) = uploads.server_folder(str(tmp_path), allowed=config.allow_server_paths())
    assert isinstance(art, Article) and art.source == str(tmp_path / "a.txt")


# -- into the store: one transaction per article ----------------------------------------------------------------
@pytest.fixture(scope="module")
def gazetteer() -> Iterator[Gazetteer]:
    gaz = Gazetteer.open()
    yield gaz
    gaz.close()


def _snapshot(store: Store) -> tuple:
    return (store.counts(), sorted(store.articles_frame()["id"]), sorted(store.events_frame()["id"]),
            len(store.places_frame()))


def test_ingesting_uploads_is_idempotent(tmp_path: Path, gazetteer: Gazetteer) -> None:
    store = Store(tmp_path / "s.sqlite")
    items = uploads.read_uploads([("batch.zip", _zip({"en.txt": EN, "vi.txt": VI})), ("bad.txt", b"")])
    calls: list[tuple] = []
    report = ingest_articles(items, store, gazetteer, progress=lambda *a: calls.append(a))
    assert report.added == ["batch.zip/en.txt", "batch.zip/vi.txt"] and len(report.rejected) == 1
    assert [c[:2] for c in calls] == [(1, 3), (2, 3), (3, 3)]
    events = store.events_frame()
    assert {"Barda", "Mingachevir"} <= set(events["place_name"].dropna())
    assert {21, 7} <= set(events["killed_low"].dropna().astype(int))
    before = _snapshot(store)
    again = ingest_articles(uploads.read_uploads([("other-name.txt", EN.encode())]), store, gazetteer)
    assert again.unchanged == ["other-name.txt"] and not again.added
    assert _snapshot(store) == before


def test_a_failure_mid_batch_leaves_that_article_out_and_the_others_intact(
        tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "s.sqlite")
    ingest_articles([uploads.read_pasted(RU)], store, gazetteer)  # stored before the bad batch
    before = _snapshot(store)
    real_insert = store_module._insert

    def insert(con, table, cols, rows):  # the disk fails while writing the Vietnamese article's events
        if table == "events" and any("Mingachevir" in (r.get("sentence") or "") for r in rows):
            raise RuntimeError("disk on fire")
        return real_insert(con, table, cols, rows)

    monkeypatch.setattr(store_module, "_insert", insert)
    items = uploads.read_uploads([("en.txt", EN.encode()), ("vi.txt", VI.encode()),
                                  ("en2.txt", (EN + "More.").encode())])
    report = ingest_articles(items, store, gazetteer)

    assert report.added == ["en.txt", "en2.txt"]
    assert [(e.source, e.message) for e in report.rejected] == [
        ("vi.txt", "could not be extracted or stored: RuntimeError: disk on fire")]
    vi_id = next(i.id for i in items if i.source == "vi.txt")
    assert not store.has_article(vi_id) and store.places_frame(vi_id).empty  # none of it was written
    after = _snapshot(store)
    assert after[0]["articles"] == before[0]["articles"] + 2
    assert set(before[1]) <= set(after[1]) and set(before[2]) <= set(after[2])  # what was there is still there
    assert (store.events_frame()["article_id"].isin(store.articles_frame()["id"])).all()  # no orphans


def test_an_extraction_crash_rejects_one_article_only(tmp_path: Path, gazetteer: Gazetteer,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "s.sqlite")
    real = pipeline.extract_article

    def extract(article, gaz, overrides=None):
        if article.language == "vi":
            raise ValueError("the grammar tripped")
        return real(article, gaz, overrides)

    monkeypatch.setattr(pipeline, "extract_article", extract)
    report = ingest_articles(uploads.read_uploads([("vi.txt", VI.encode()), ("en.txt", EN.encode())]), store, gazetteer)
    assert report.added == ["en.txt"] and "ValueError: the grammar tripped" in report.rejected[0].message
    assert store.counts()["articles"] == 1
