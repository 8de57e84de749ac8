"""The records of the extraction contract (``../shared/extract-contract.md`` in the steering repo).

Three tables flow out of the pipeline: articles, place mentions and events. The field names are the
contract; extra fields are allowed. Every record turns into a plain ``dict`` with ``to_dict()``
so the command line, the store and the UI share one shape.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id derived from content, so the same input always gets the same id."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass
class Span:
    """A stretch of the original text that the reader removed as page furniture."""

    start: int
    end: int
    reason: str  # e.g. "related-stories", "read-more", "advertisement", "audio-caption"


@dataclass
class Article:
    id: str
    source: str
    text: str  # the article body the pipeline reads (page furniture already removed)
    language: str | None = None
    published: str | None = None  # YYYY-MM-DD or YYYY-MM
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    raw_text: str | None = None  # the text before cleaning, for the reader view
    removed: list[Span] = field(default_factory=list)  # offsets into raw_text
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "source": self.source,
            "language": self.language,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "warnings": list(self.warnings),
        }


@dataclass
class PlaceMention:
    article_id: str
    surface: str
    start: int
    end: int
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str | None  # town | region | country
    gazetteer_id: str | None
    kind: str | None = None  # town | region | country | historical
    confidence: float = 0.0
    names: list[str] = field(default_factory=list)  # other names of the same place

    def to_dict(self) -> dict:
        return asdict(self)


GEO_PRECISION = {"town": 1, "region": 2, "country": 3}


@dataclass
class Event:
    id: str
    article_id: str
    sentence: str
    sentence_start: int = 0
    place_surface: str | None = None
    place_name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None
    place_basis: str | None = None  # named in the sentence, named just before, the article's main place
    date: str | None = None
    date_end: str | None = None
    date_precision: str | None = None  # day | month | year | None
    date_text: str | None = None  # what the text said, e.g. "on Tuesday", "20/9"
    date_partial: str | None = None  # "--09-20" where the day and month are known but not the year
    date_basis: str | None = None  # how the date was resolved (explicit, relative to publication, ...)
    killed_low: int | None = None
    killed_high: int | None = None
    wounded_low: int | None = None
    wounded_high: int | None = None
    missing_low: int | None = None
    missing_high: int | None = None
    approximate: bool = False
    victims: str | None = None  # soldiers | civilians | peacekeepers | fighters | mixed | unknown
    victim_side: str | None = None
    side_basis: str | None = None  # how the side was read: named with the victims, the claimant's own side, ...
    claimed_by: str | None = None
    figure_text: str | None = None  # the words the figures were read from
    confidence: float = 0.0
    # where the evidence is in the article text: [{"kind": "figure"|"date"|"claimant", "start", "end", "label"}]
    spans: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def has_figures(self) -> bool:
        return any(
            getattr(self, f) is not None
            for f in ("killed_low", "killed_high", "wounded_low", "wounded_high", "missing_low", "missing_high")
        )
