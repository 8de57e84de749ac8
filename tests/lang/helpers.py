"""What every per-language test file asks of the pipeline, for one language."""
from __future__ import annotations

from datetime import date

from lib.casualties import Grammar, find_figures
from lib.events import build_events
from lib.places import find_places
from lib.tokens import tokenize


class Language:
    def __init__(self, code: str, published: date | None):
        self.code, self.published = code, published

    def figs(self, sentence: str) -> list[tuple]:
        """(field, low, high, approximate) of every figure of one sentence."""
        found = find_figures(tokenize(sentence), Grammar.for_language(self.code))
        return [(f.field, f.low, f.high, f.approximate) for f in found]

    def places(self, gaz, text: str) -> dict:
        """The place mentions of a text by surface."""
        return {p.surface: p for p in find_places(text, "a1", self.code, gaz)}

    def all_events(self, gaz, text: str, published: date | None = ...) -> list:
        published = self.published if published is ... else published
        return build_events("a1", text, self.code, published, find_places(text, "a1", self.code, gaz))

    def events(self, gaz, text: str, published: date | None = ...) -> list:
        """The events with figures."""
        return [e for e in self.all_events(gaz, text, published) if e.has_figures]
