"""Extraction quality: the real pipeline on the sample corpus and the dev article, scored against the gold.

The gold annotations and the scorer are copies kept in ``tests/fixtures`` (see its README): the
project never reads ``../shared`` at test time. Each committed target is its own test, and a failure
lists the scorer's misses behind it.
"""
from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from lib.articles import ReadError
from lib.gazetteer import Gazetteer
from lib.pipeline import Extraction, contract_document, extract_paths

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEV = FIXTURES / "dev"

# The targets the project has committed to: (metric, lowest acceptable value).
SEED_TARGETS = [
    ("place_recall", 0.95),
    ("place_precision", 0.90),
    ("geocode_accuracy", 0.95),
    ("casualty_recall_exact", 0.90),
    ("casualty_precision", 0.95),
    ("event_date_accuracy", 0.90),
    ("victim_side_accuracy", 0.90),
]
DEV_TARGETS = [
    ("casualty_recall_exact", 0.90),
    ("casualty_precision", 0.90),
]

# The scorer's miss lines that explain each metric (it lists none for the victim side: the events are listed).
MISS_MARKERS = {
    "place_recall": ("place not found",),
    "place_precision": ("extra place",),
    "geocode_accuracy": ("geocoded to",),
    "historical_mapped": ("historical place mapped",),
    "casualty_recall_exact": ("figure not found", "no article in the prediction"),
    "casualty_precision": ("spurious figure",),
    "event_date_accuracy": (" dated ",),
    "victim_side_accuracy": ("figure not found",),
}

STEPANAKERT = (39.818, 46.753)
STEPANAKERT_TOLERANCE_KM = 25


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_score", FIXTURES / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()


def _gold(name: str) -> list[dict]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _extract(path: Path, gazetteer: Gazetteer) -> list[Extraction]:
    results = list(extract_paths([path], gazetteer))
    errors = [str(r) for r in results if isinstance(r, ReadError)]
    assert not errors, f"the reader rejected sample files: {errors}"
    return [r for r in results if isinstance(r, Extraction)]


def _explain(metric: str, scores: dict, doc: dict) -> str:
    """The scorer's misses behind ``metric`` (all of them when it has no specific ones)."""
    misses = scores.get("misses", [])
    markers = MISS_MARKERS.get(metric)
    relevant = [m for m in misses if any(k in m for k in markers)] if markers else misses
    lines = [f"{metric} = {scores.get(metric)!r}; counts {scores['counts']}", "scorer's misses:"]
    lines += [f"  - {m}" for m in relevant] or ["  (none listed)"]
    if metric == "victim_side_accuracy":
        lines.append("predicted events with figures (killed/wounded/missing low, victim_side, sentence):")
        sources = {a["id"]: os.path.basename(a["source"]) for a in doc["articles"]}
        for e in doc["events"]:
            figures = (e.get("killed_low"), e.get("wounded_low"), e.get("missing_low"))
            if any(f is not None for f in figures):
                lines.append(f"  - {sources.get(e['article_id'])}: {figures} {e.get('victim_side')}: "
                             f"{e['sentence'][:80]}")
    return "\n".join(lines)


def _assert_target(metric: str, target: float, scores: dict, doc: dict) -> None:
    value = scores.get(metric)
    assert value is not None, f"{metric} could not be judged (nothing to count)\n{_explain(metric, scores, doc)}"
    assert value >= target, f"{metric} {value:.3f} < target {target}\n{_explain(metric, scores, doc)}"


# --- fixtures: one gazetteer and one extraction per corpus for the whole module ------------------------


@pytest.fixture(scope="module")
def gazetteer() -> Iterator[Gazetteer]:
    gaz = Gazetteer.open()
    yield gaz
    gaz.close()


@pytest.fixture(scope="module")
def seed_doc(gazetteer: Gazetteer) -> dict:
    return contract_document(_extract(ARTICLES, gazetteer))


@pytest.fixture(scope="module")
def seed_scores(seed_doc: dict) -> dict:
    return scorer.score(_gold("gold_seeds.json"), seed_doc, verbose=True)


@pytest.fixture(scope="module")
def dev_doc(gazetteer: Gazetteer) -> dict:
    return contract_document(_extract(DEV, gazetteer))


@pytest.fixture(scope="module")
def dev_scores(dev_doc: dict) -> dict:
    return scorer.score(_gold("gold_dev.json"), dev_doc, verbose=True)


def _article_id(doc: dict, prefix: str) -> str:
    ids = [a["id"] for a in doc["articles"] if os.path.basename(a["source"]).startswith(prefix)]
    assert len(ids) == 1, f"expected one article {prefix}_*, got {ids}"
    return ids[0]


def _places(doc: dict, prefix: str, surface: str) -> list[dict]:
    aid = _article_id(doc, prefix)
    found = [p for p in doc["places"] if p["article_id"] == aid and p["surface"] == surface]
    assert found, f"no place mention {surface!r} extracted from article {prefix}"
    return found


# --- the committed targets -----------------------------------------------------------------------------


def test_every_gold_article_is_in_the_prediction(seed_scores: dict, dev_scores: dict) -> None:
    assert seed_scores["articles_missing"] == 0, _explain("articles_missing", seed_scores, {})
    assert dev_scores["articles_missing"] == 0, _explain("articles_missing", dev_scores, {})


@pytest.mark.parametrize(("metric", "target"), SEED_TARGETS, ids=[m for m, _ in SEED_TARGETS])
def test_seed_target(metric: str, target: float, seed_scores: dict, seed_doc: dict) -> None:
    _assert_target(metric, target, seed_scores, seed_doc)


def test_seed_historical_places_are_not_mapped(seed_scores: dict, seed_doc: dict) -> None:
    assert seed_scores["historical_mapped"] == 0, _explain("historical_mapped", seed_scores, seed_doc)


@pytest.mark.parametrize(("metric", "target"), DEV_TARGETS, ids=[m for m, _ in DEV_TARGETS])
def test_dev_target(metric: str, target: float, dev_scores: dict, dev_doc: dict) -> None:
    _assert_target(metric, target, dev_scores, dev_doc)


# --- specific traps in the sample corpus --------------------------------------------------------------


def test_no_event_comes_from_the_latest_stories_block(seed_doc: dict) -> None:
    aid = _article_id(seed_doc, "000")
    leaked = [e["sentence"] for e in seed_doc["events"]
              if e["article_id"] == aid and "road crash" in e["sentence"].casefold()]
    assert not leaked, f"events read from the 'Latest Stories' list of 000: {leaked}"


@pytest.mark.parametrize("name", ["Ghana", "Venezuela", "China"])
def test_no_place_from_the_latest_stories_block(name: str, seed_doc: dict) -> None:
    aid = _article_id(seed_doc, "000")
    leaked = [p for p in seed_doc["places"]
              if p["article_id"] == aid and name.casefold() in {str(p["name"]).casefold(), p["surface"].casefold()}]
    assert not leaked, f"{name} extracted from the 'Latest Stories' list of 000: {leaked}"


def test_soviet_union_is_never_mapped(seed_doc: dict) -> None:
    mentions = [p for p in seed_doc["places"] if "soviet union" in p["surface"].casefold()]
    assert mentions, "no 'Soviet Union' mention extracted from the sample corpus"
    mapped = [p for p in mentions if p["lat"] is not None or p["lon"] is not None]
    assert not mapped, f"'Soviet Union' given coordinates: {mapped}"


def test_barda_resolves_to_azerbaijan(seed_doc: dict) -> None:
    for p in _places(seed_doc, "001", "Barda"):
        assert p["country"] == "AZ", f"Barda resolved to {p['name']} in {p['country']} ({p['gazetteer_id']})"


def test_stepanakert_is_placed_at_stepanakert(seed_doc: dict) -> None:
    for p in _places(seed_doc, "001", "Stepanakert"):
        assert p["lat"] is not None and p["lon"] is not None, f"Stepanakert not mapped: {p}"
        dist = scorer.km(*STEPANAKERT, p["lat"], p["lon"])
        assert dist <= STEPANAKERT_TOLERANCE_KM, (
            f"Stepanakert placed at {p['name']} ({p['lat']}, {p['lon']}), {dist:.0f} km from {STEPANAKERT}")
