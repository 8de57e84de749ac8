"""Geocoding behind geopy's interface: the offline gazetteer first, manual overrides above it, and an
opt-in online geocoder (Nominatim) below it, rate-limited and cached on disk.

    geocoder = build_geocoder()                # overrides + local gazetteer; offline
    geocoder.geocode("Terter")                 # -> geopy.Location("Tartar, AZ", (40.342, 46.932))
    build_geocoder(online=True).geocode(...)   # also asks Nominatim, once per query, cached

Online lookups are off unless asked for (``online=True`` or ``CONFLICT_ONLINE_GEOCODER=1``); nothing
in the pipeline or the tests needs them.
"""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from . import config
from .gazetteer import Candidate, Gazetteer
from .places import _score
from .text import fold

OVERRIDES_PATH = config.GAZETTEER_DATA_DIR / "overrides.csv"
ONLINE_USER_AGENT = "conflict-news-map (newsroom dashboard; offline by default)"


def _location(c: Candidate) -> Location:
    address = ", ".join(x for x in (c.name, c.country) if x)
    raw = {"id": c.entry_id, "name": c.name, "country": c.country, "kind": c.kind, "population": c.population,
           "matched": c.matched}
    return Location(address, (c.lat, c.lon), raw)


class LocalGeocoder(Geocoder):
    """geopy's ``Geocoder`` over the offline gazetteer: no network, ever."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        super().__init__(user_agent="local")
        self.gazetteer = gazetteer or Gazetteer.open()

    def geocode(self, query: str, *, exactly_one: bool = True, language: str | None = None,
                country_codes: str | list[str] | None = None, limit: int = 5, **_: object):
        """Places named ``query``, best first (kind, population, country hint); ``None`` if none."""
        key = fold(query)
        codes = {country_codes} if isinstance(country_codes, str) else set(country_codes or ())
        codes = {c.upper() for c in codes}
        cands = [c for c in self.gazetteer.lookup([key]).get(key, [])
                 if c.mappable and (c.lang is None or language is None or c.lang == language)
                 and (not codes or c.country in codes)]
        best: dict[str, Candidate] = {}
        for c in sorted(cands, key=lambda c: _score(c, codes), reverse=True):
            best.setdefault(c.entry_id, c)
        locations = [_location(c) for c in list(best.values())[:limit]]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one: bool = True, radius_deg: float = 0.5, **_: object):
        """The nearest gazetteer towns to ``(lat, lon)`` within ``radius_deg``."""
        lat, lon = (query.latitude, query.longitude) if hasattr(query, "latitude") else map(float, query)
        rows = self.gazetteer.nearby(lat, lon, radius_deg)
        if not rows:
            return None
        locations = [_location(c) for c in rows]
        return locations[0] if exactly_one else locations


@dataclass(frozen=True)
class Override:
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str
    note: str


def load_overrides(path: Path = OVERRIDES_PATH) -> dict[str, Override]:
    """Manual corrections (``data/gazetteer/overrides.csv``): name -> where it really is. They win.

    Read once per change of the file (cached on its modification time)."""
    if not path.exists():
        return {}
    return _read_overrides(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _read_overrides(path: Path, _mtime: int) -> dict[str, Override]:
    out = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            out[fold(row["name"])] = Override(row["name"], float(row["lat"]), float(row["lon"]),
                                              row.get("country") or None, row.get("kind") or "town",
                                              row.get("note") or "")
    return out


class GeocodeCache:
    """A persistent query -> answer cache (SQLite), so an online service is asked once per query."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(path, check_same_thread=False)
        self._con.execute("CREATE TABLE IF NOT EXISTS cache(query TEXT PRIMARY KEY, answer TEXT)")
        self._lock = threading.Lock()

    def get(self, query: str) -> tuple[bool, dict | None]:
        with self._lock:
            row = self._con.execute("SELECT answer FROM cache WHERE query=?", (query,)).fetchone()
        return (False, None) if row is None else (True, json.loads(row[0]))

    def put(self, query: str, answer: dict | None) -> None:
        with self._lock, self._con:
            self._con.execute("INSERT OR REPLACE INTO cache VALUES(?, ?)", (query, json.dumps(answer)))


class ChainGeocoder(Geocoder):
    """Overrides, then the local gazetteer, then (only if given) an online geocoder through a cache."""

    def __init__(self, local: LocalGeocoder, overrides: dict[str, Override] | None = None,
                 online: Callable[..., Location | None] | None = None, cache: GeocodeCache | None = None):
        super().__init__(user_agent="chain")
        self.local, self.overrides, self.online, self.cache = local, overrides or {}, online, cache

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs):
        ov = self.overrides.get(fold(query))
        if ov is not None:
            loc = Location(ov.name, (ov.lat, ov.lon), {"override": True, "country": ov.country, "kind": ov.kind,
                                                        "note": ov.note})
            return loc if exactly_one else [loc]
        found = self.local.geocode(query, exactly_one=exactly_one, **kwargs)
        if found or self.online is None:
            return found
        return self._online(query, exactly_one)

    def _online(self, query: str, exactly_one: bool):
        key = fold(query)
        if self.cache is not None:
            hit, answer = self.cache.get(key)
            if hit:
                if answer is None:
                    return None
                loc = Location(answer["address"], (answer["lat"], answer["lon"]), answer.get("raw", {}))
                return loc if exactly_one else [loc]
        loc = self.online(query, exactly_one=True)
        if self.cache is not None:
            self.cache.put(key, None if loc is None else {"address": loc.address, "lat": loc.latitude,
                                                           "lon": loc.longitude, "raw": loc.raw})
        if loc is None:
            return None
        return loc if exactly_one else [loc]


def online_enabled() -> bool:
    return os.environ.get("CONFLICT_ONLINE_GEOCODER", "") in ("1", "true", "yes")


def build_geocoder(gazetteer: Gazetteer | None = None, *, online: bool | None = None,
                   online_geocoder: Geocoder | None = None, min_delay_seconds: float = 1.0) -> ChainGeocoder:
    """The project's geocoder. ``online`` (default: ``CONFLICT_ONLINE_GEOCODER``) adds Nominatim, called
    at most once a second (its usage policy) and never twice for the same query (cache under data/build)."""
    local = LocalGeocoder(gazetteer)
    online = online_enabled() if online is None else online
    fn = cache = None
    if online:
        if online_geocoder is None:
            from geopy.geocoders import Nominatim

            online_geocoder = Nominatim(user_agent=ONLINE_USER_AGENT, timeout=10)
        fn = RateLimiter(online_geocoder.geocode, min_delay_seconds=min_delay_seconds)
        cache = GeocodeCache(config.build_dir() / "geocode_cache.sqlite")
    return ChainGeocoder(local, load_overrides(), fn, cache)
