"""The geopy-compatible geocoder: local, overrides that win, and an online fallback that is cached."""
from __future__ import annotations

import pytest
from geopy.location import Location

from lib import config
from lib.gazetteer import Gazetteer
from lib.geocode import ChainGeocoder, GeocodeCache, LocalGeocoder, build_geocoder, load_overrides


@pytest.fixture(scope="module")
def gaz():
    g = Gazetteer.open()
    yield g
    g.close()


def test_local_geocoder_returns_geopy_locations(gaz):
    loc = LocalGeocoder(gaz).geocode("Terter")
    assert isinstance(loc, Location) and loc.raw["name"] == "Tartar"
    assert abs(loc.latitude - 40.34) < 0.05 and abs(loc.longitude - 46.93) < 0.05


def test_country_hint_and_all_candidates(gaz):
    g = LocalGeocoder(gaz)
    assert g.geocode("Barda", country_codes="RU").raw["country"] == "RU"
    both = g.geocode("Barda", exactly_one=False)
    assert {loc.raw["country"] for loc in both} >= {"AZ", "RU"}
    assert g.geocode("Nowhere-at-all-qqq") is None


def test_reverse_finds_the_nearest_town(gaz):
    assert LocalGeocoder(gaz).reverse((40.3425, 46.9316)).raw["name"] == "Tartar"


def test_overrides_win(gaz):
    chain = build_geocoder(gaz, online=False)
    loc = chain.geocode("Armenia–Azerbaijan border")
    assert loc.raw["override"] and loc.raw["kind"] == "region"
    assert "armenia azerbaijan border" in load_overrides()


class FakeOnline:
    def __init__(self):
        self.calls = 0

    def geocode(self, query, exactly_one=True):
        self.calls += 1
        return Location(f"{query} (online)", (1.0, 2.0), {"online": True})


def test_online_is_off_by_default_and_cached_when_on(gaz, tmp_path, monkeypatch):
    monkeypatch.delenv("CONFLICT_ONLINE_GEOCODER", raising=False)
    assert build_geocoder(gaz).online is None
    monkeypatch.setenv("CONFLICT_BUILD_DIR", str(tmp_path))
    fake = FakeOnline()
    chain = build_geocoder(gaz, online=True, online_geocoder=fake, min_delay_seconds=0)
    assert chain.geocode("Qqqzzz Village") .raw["online"]
    assert chain.geocode("Qqqzzz Village").address == "Qqqzzz Village (online)"
    assert fake.calls == 1  # the second answer came from the cache
    assert chain.geocode("Terter").raw["name"] == "Tartar" and fake.calls == 1  # local first
    assert (tmp_path / "geocode_cache.sqlite").exists() and config.build_dir() == tmp_path


def test_cache_remembers_misses(tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite")
    cache.put("x", None)
    assert cache.get("x") == (True, None) and cache.get("y") == (False, None)


def test_chain_without_online_never_calls_out(gaz):
    chain = ChainGeocoder(LocalGeocoder(gaz))
    assert chain.geocode("Qqqzzz Village") is None
