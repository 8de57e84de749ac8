"""The embedded event store: one SQLite file holding articles, place mentions and events.

Writes are keyed by content (an article's id is a hash of its text), so ingesting the same article
twice changes nothing, and each article is written in one transaction: a crash or a bad file in the
middle of a batch leaves what was stored before intact.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .models import Article, Event, PlaceMention

SCHEMA_VERSION = 1

_ARTICLE_COLS = ["id", "source", "language", "published", "title", "url", "outlet", "text", "raw_text",
                 "removed", "warnings", "extractor", "ingested_at"]
_PLACE_COLS = [f.name for f in fields(PlaceMention)]
_EVENT_COLS = [f.name for f in fields(Event)]
_JSON_COLS = {"removed", "warnings", "names", "spans"}


def _ddl() -> str:
    def cols(names: list[str], pk: str | None) -> str:
        return ", ".join(f'"{n}"' + (" PRIMARY KEY" if n == pk else "") for n in names)

    return f"""
    CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE IF NOT EXISTS articles({cols(_ARTICLE_COLS, "id")});
    CREATE TABLE IF NOT EXISTS places({cols(_PLACE_COLS, None)});
    CREATE TABLE IF NOT EXISTS events({cols(_EVENT_COLS, "id")});
    CREATE INDEX IF NOT EXISTS places_article ON places(article_id);
    CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
    CREATE INDEX IF NOT EXISTS events_date ON events(date);
    """


class Store:
    """A SQLite file of articles, places and events. Cheap to construct; one connection per call."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.executescript(_ddl())
            con.execute("INSERT OR IGNORE INTO meta VALUES('schema_version', ?)", (str(SCHEMA_VERSION),))
            _add_missing_columns(con)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=30)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA foreign_keys=ON")
            yield con
        finally:
            con.close()

    # -- writing -------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self._connect() as con:
            return con.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def add(self, article: Article, places: Iterable[PlaceMention], events: Iterable[Event],
            *, extractor: str = "", replace: bool = False) -> str:
        """Store one article with what was extracted from it, all or nothing.

        Returns ``"added"``, ``"unchanged"`` (already stored, nothing written) or ``"replaced"``
        (``replace=True``: the article's earlier extraction is swapped for this one).
        """
        places, events = list(places), list(events)
        with self._connect() as con:
            exists = con.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone() is not None
            if exists and not replace:
                return "unchanged"
            try:
                con.execute("BEGIN IMMEDIATE")
                if exists:
                    for table, key in (("places", "article_id"), ("events", "article_id"), ("articles", "id")):
                        con.execute(f"DELETE FROM {table} WHERE {key}=?", (article.id,))
                row = {
                    **article.to_dict(),
                    "text": article.text,
                    "raw_text": article.raw_text if article.raw_text is not None else article.text,
                    "removed": json.dumps([vars(s) for s in article.removed]),
                    "warnings": json.dumps(article.warnings, ensure_ascii=False),
                    "extractor": extractor,
                    "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
                }
                _insert(con, "articles", _ARTICLE_COLS, [row])
                _insert(con, "places", _PLACE_COLS, [p.to_dict() for p in places])
                _insert(con, "events", _EVENT_COLS, [e.to_dict() for e in events])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return "replaced" if exists else "added"

    # -- reading -------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self._connect() as con:
            return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "places", "events")}

    def version(self) -> str:
        """Changes whenever stored content changes: a cache key for the UI."""
        with self._connect() as con:
            row = con.execute("SELECT COUNT(*), MAX(ingested_at) FROM articles").fetchone()
            n_ev = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return f"{row[0]}:{n_ev}:{row[1]}"

    def articles_frame(self) -> pd.DataFrame:
        """One row per article (without its text), with its counts of places and events."""
        cols = [c for c in _ARTICLE_COLS if c not in ("text", "raw_text", "removed")]
        q = (f"SELECT {', '.join('a.' + c for c in cols)}, "
             "(SELECT COUNT(*) FROM places p WHERE p.article_id=a.id) AS n_places, "
             "(SELECT COUNT(*) FROM events e WHERE e.article_id=a.id) AS n_events "
             "FROM articles a ORDER BY a.published, a.source")
        with self._connect() as con:
            df = pd.read_sql_query(q, con)
        df["warnings"] = df["warnings"].map(lambda s: json.loads(s) if s else [])
        return df

    def events_frame(self) -> pd.DataFrame:
        """Every event with the fields of its article that the UI filters on."""
        q = ("SELECT e.*, a.source AS source, a.language AS language, a.published AS published, "
             "a.title AS title, a.url AS url, a.outlet AS outlet "
             "FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.date, e.id")
        with self._connect() as con:
            df = pd.read_sql_query(q, con)
        df["approximate"] = df["approximate"].astype(bool)
        df["spans"] = df["spans"].map(lambda s: json.loads(s) if s else [])
        return df

    def places_frame(self, article_id: str | None = None) -> pd.DataFrame:
        q, args = "SELECT * FROM places", ()
        if article_id is not None:
            q, args = q + " WHERE article_id=?", (article_id,)
        with self._connect() as con:
            df = pd.read_sql_query(q + " ORDER BY article_id, start", con, params=args)
        df["names"] = df["names"].map(lambda s: json.loads(s) if s else [])
        return df

    def article(self, article_id: str) -> dict | None:
        """One article with its text, raw text and the spans the reader removed."""
        with self._connect() as con:
            con.row_factory = sqlite3.Row
            row = con.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        for k in ("removed", "warnings"):
            out[k] = json.loads(out[k]) if out[k] else []
        return out


def _add_missing_columns(con: sqlite3.Connection) -> None:
    """A store written by an older version gains the columns added since (empty for its rows)."""
    for table, cols in (("articles", _ARTICLE_COLS), ("places", _PLACE_COLS), ("events", _EVENT_COLS)):
        have = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
        for col in cols:
            if col not in have:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{col}"')


def _insert(con: sqlite3.Connection, table: str, cols: list[str], rows: list[dict]) -> None:
    if not rows:
        return
    sql = f"INSERT INTO {table}({', '.join(chr(34) + c + chr(34) for c in cols)}) VALUES({', '.join('?' * len(cols))})"
    con.executemany(sql, [tuple(_cell(r.get(c), c) for c in cols) for r in rows])


def _cell(value, col: str):
    if col in _JSON_COLS and not isinstance(value, str):
        return json.dumps(value or [], ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value
