"""Shared fixtures: a small synthetic event store, so UI tests do not depend on the extraction pipeline."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from lib.models import Article, Event, stable_id
from lib.store import Store

XSS = "<script>alert('x')</script>"

# (place, lat, lon, geo_precision, date, date_precision, killed low/high, wounded low/high, approx, side, victims,
#  claimed_by)
_EVENTS = [
    ("Tartar", 40.3419, 46.9307, 1, "2020-09-27", "day", 2, 2, 5, 5, False, "AZ", "civilians",
     "Azerbaijan Prosecutor General"),
    ("Stepanakert", 39.8153, 46.7519, 1, "2020-09-27", "day", None, None, None, None, False, "AM", "civilians", None),
    ("Tartar", 40.3419, 46.9307, 1, "2020-09-28", "day", 1, 1, None, None, False, "AZ", "civilians", None),
    ("Stepanakert", 39.8153, 46.7519, 1, "2020-10-02", "day", 10, None, None, None, True, "AM", "civilians",
     "Nagorno-Karabakh ombudsman"),
    ("Ganja", 40.6828, 46.3606, 1, "2020-10-11", "day", 10, 10, 34, 34, False, "AZ", "civilians",
     "Azerbaijan Foreign Ministry"),
    ("Fuzuli District", 39.6, 47.15, 2, "2020-10-17", "day", 24, 99, None, None, True, "AM", "soldiers", None),
    ("Armenia", 40.0691, 45.0382, 3, "2020-10-20", "day", 772, 772, None, None, False, "AM", "soldiers",
     "Armenian Defence Ministry"),
    ("Barda", 40.3744, 47.1267, 1, "2020-10-28", "day", 21, 21, 70, 70, False, "AZ", "civilians", None),
    ("Shusha", 39.7583, 46.7489, 1, "2020-11-01", "month", 5, 5, None, None, False, "AM", "soldiers", None),
    ("Martuni", 39.79, 47.11, 1, None, None, 3, 3, None, None, False, "AM", "civilians", None),
    ("Azerbaijan", 40.1431, 47.5769, 3, "2020", "year", 2783, 2783, None, None, False, "AZ", "soldiers",
     "Azerbaijan Defence Ministry"),
    (None, None, None, None, "2020-10-12", "day", 4, 4, None, None, False, None, "unknown", None),
]


def synthetic_articles() -> list[tuple[Article, list[Event]]]:
    """Three articles (en, vi, id) with the events above spread over them."""
    langs = ["en", "vi", "id"]
    out: list[tuple[Article, list[Event]]] = []
    for a, lang in enumerate(langs):
        rows = [r for i, r in enumerate(_EVENTS) if i % 3 == a]
        sentences = [f"Report {a}-{i}: shelling hit {r[0] or 'somewhere'}." for i, r in enumerate(rows)]
        if a == 1:
            sentences[1] = f"Officials said {XSS} 10 people were killed in Ganja."
        text = "\n".join(sentences)
        art = Article(id=stable_id(text), source=f"data/articles/synthetic_{lang}.txt", text=text, language=lang,
                      published="2020-11-02", title=f"Synthetic {lang}", outlet=f"Outlet {lang.upper()}")
        events = []
        for (place, lat, lon, prec, d, dp, kl, kh, wl, wh, approx, side, victims, claimant), s in zip(rows, sentences):
            events.append(Event(
                id=stable_id(art.id, s), article_id=art.id, sentence=s, place_surface=place, place_name=place,
                country=side, lat=lat, lon=lon, geo_precision=prec, date=d, date_precision=dp, killed_low=kl,
                killed_high=kh, wounded_low=wl, wounded_high=wh, approximate=approx, victims=victims,
                victim_side=side, claimed_by=claimant, confidence=0.8))
        out.append((art, events))
    return out


def fill_store(path: Path) -> Store:
    """A store at ``path`` holding the synthetic articles and events."""
    store = Store(path)
    for art, events in synthetic_articles():
        store.add(art, [], events)
    return store


@pytest.fixture(scope="session")
def make_store() -> Callable[[Path], Store]:
    """``fill_store`` as a fixture, for fixtures that need their own filled store."""
    return fill_store


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A filled store, shared by the whole session (read-only)."""
    return fill_store(tmp_path_factory.mktemp("store") / "store.sqlite")


@pytest.fixture
def events_frame(synthetic_store: Store) -> pd.DataFrame:
    """The synthetic store's events frame, as the dashboard reads it (not yet prepared)."""
    return synthetic_store.events_frame()
