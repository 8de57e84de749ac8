"""The pipeline: article -> places, dates, figures -> events -> store.

Collaborators are passed in (the gazetteer, the store), so a test hands in small ones. Nothing here
reads the clock: dates are resolved against each article's publication date.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon
from .articles import ReadError, read_paths
from .casualties import Grammar
from .dates import parse_published
from .events import build_events
from .gazetteer import Gazetteer
from .geocode import Override, load_overrides
from .models import Article, Event, PlaceMention
from .places import find_places
from .store import Store
from .text import fold

# Bump when extraction changes in a way that makes stored results stale; `ingest --replace` redoes them.
EXTRACTOR_VERSION = "1"
MAX_NAMES = 8


@dataclass
class Extraction:
    article: Article
    places: list[PlaceMention]
    events: list[Event]


def extract_article(article: Article, gazetteer: Gazetteer, overrides: dict[str, Override] | None = None) -> Extraction:
    """Places and events of one article (pure: no I/O beyond gazetteer lookups)."""
    lang = article.language
    if Grammar.for_language(lang) is None:
        note = f"no casualty lexicon for language {lang!r}: places and dates read, figures not extracted"
        if note not in article.warnings:
            article.warnings.append(note)
    places = find_places(article.text, article.id, lang, gazetteer)
    _add_names(places, gazetteer, lang)
    _apply_overrides(places, overrides if overrides is not None else load_overrides())
    events = build_events(article.id, article.text, lang, parse_published(article.published), places)
    return Extraction(article, places, events)


def _apply_overrides(places: list[PlaceMention], overrides: dict[str, Override]) -> None:
    """The newsroom's manual corrections (data/gazetteer/overrides.csv) win over the gazetteer."""
    for p in places:
        ov = overrides.get(fold(p.surface)) or (overrides.get(fold(p.name)) if p.name else None)
        if ov is not None:
            p.lat, p.lon, p.country = ov.lat, ov.lon, ov.country
            p.precision = ov.kind if ov.kind in ("town", "region", "country") else p.precision
            p.gazetteer_id, p.confidence = f"override:{fold(ov.name)}", 1.0


def _add_names(places: list[PlaceMention], gazetteer: Gazetteer, lang: str | None) -> None:
    """Give each mention the place's other names (English, the article's language, unscoped), a few."""
    cache: dict[str, list[str]] = {}
    for p in places:
        if not p.gazetteer_id:
            continue
        if p.gazetteer_id not in cache:
            names = [n for n, nl in gazetteer.names_of(p.gazetteer_id) if nl in (None, "en", lang)]
            seen, out = set(), []
            for n in [p.name or "", *names]:
                if n and n.casefold() not in seen:
                    seen.add(n.casefold())
                    out.append(n)
            cache[p.gazetteer_id] = out[:MAX_NAMES]
        p.names = cache[p.gazetteer_id]


def extract_paths(paths: Iterable[str | Path], gazetteer: Gazetteer) -> Iterator[Extraction | ReadError]:
    for item in read_paths(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield extract_article(item, gazetteer)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    rejected: list[ReadError] = field(default_factory=list)
    events: int = 0

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.unchanged)} already stored, {len(self.replaced)} re-extracted, "
                f"{len(self.rejected)} rejected; {self.events} events extracted")


def ingest(paths: Iterable[str | Path], store: Store, gazetteer: Gazetteer, *, replace: bool = False,
           progress: Callable[[int, int, str], None] | None = None) -> IngestReport:
    """Read, extract and store articles, one transaction per article; returns what happened to each.

    An article already in the store (same text, same id) is left as it is unless ``replace``.
    ``progress(done, total, label)`` is called after each article (total counts files, then records).
    """
    return ingest_articles(read_paths(paths), store, gazetteer, replace=replace, progress=progress)


def ingest_articles(items: Iterable[Article | ReadError], store: Store, gazetteer: Gazetteer, *,
                    replace: bool = False, progress: Callable[[int, int, str], None] | None = None) -> IngestReport:
    """Extract and store articles already read (uploads, pasted text), one transaction per article.

    A :class:`ReadError` in ``items`` is reported as rejected. An article whose extraction or storing fails
    is rejected with the error and leaves the store as it was; the rest of the batch goes on.
    """
    items = list(items)
    report = IngestReport()
    total = len(items)
    for n, item in enumerate(items, 1):
        if isinstance(item, ReadError):
            report.rejected.append(item)
        elif not replace and store.has_article(item.id):
            report.unchanged.append(item.source)
        else:
            try:
                ex = extract_article(item, gazetteer)
                status = store.add(ex.article, ex.places, ex.events, extractor=EXTRACTOR_VERSION, replace=replace)
            except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
                report.rejected.append(ReadError(item.source, f"could not be extracted or stored: "
                                                              f"{type(exc).__name__}: {exc}"))
            else:
                getattr(report, status).append(item.source)
                report.events += len(ex.events)
        if progress is not None:
            progress(n, total, item.source)
    return report


def contract_document(extractions: Iterable[Extraction]) -> dict:
    """The JSON document of the extraction contract: articles, places, events."""
    doc: dict[str, list] = {"articles": [], "places": [], "events": []}
    for ex in extractions:
        doc["articles"].append(ex.article.to_dict())
        doc["places"].extend(p.to_dict() for p in ex.places)
        doc["events"].extend(e.to_dict() for e in ex.events)
    return doc


def casualty_languages() -> list[str]:
    """Languages with a casualty lexicon: figures are extracted for these only."""
    return [lang for lang in lexicon.languages() if Grammar.for_language(lang) is not None]
