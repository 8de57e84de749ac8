"""Language detection: an ISO 639-1 code for a text, using py3langid's model.

The model loads once, on first use. ``detect(text, candidates=...)`` restricts the choice to a set of
languages without touching the shared identifier; ``detect(text, prefer=...)`` keeps every language but
settles near-ties (Indonesian/Malay, say) in favour of the preferred ones, e.g. those with a lexicon file.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

MIN_LETTERS = 20  # below this many letters a text is too short to judge
MAX_CHARS = 20_000  # the model has made up its mind long before this
PREFER_MIN_SHARE = 0.2  # a preferred language wins when the model gives it at least this probability

# Labels of py3langid that are varieties of a language with an ISO 639-1 code.
_VARIETIES = {"arz": "ar", "ary": "ar", "uzs": "uz", "sdh": "ku", "wuu": "zh", "yue": "zh", "gug": "gn"}
_NO_LANGUAGE = {"zxx", "und"}

_NOISE_RE = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<!\w)[@#]\w+"  # handles and hashtags
)


@cache
def _base() -> Any:
    """The full py3langid identifier, loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def labels() -> list[str]:
    """Every label the model knows (mostly ISO 639-1, some ISO 639-3)."""
    return list(_base().labels)


@lru_cache(maxsize=32)
def _identifier(candidates: frozenset[str] | None) -> Any:
    """An identifier restricted to ``candidates`` (a shallow copy, so the shared one is never changed)."""
    base = _base()
    if candidates is None:
        return base
    known = set(base.labels)
    wanted = set(candidates) | {v for v, lang in _VARIETIES.items() if lang in candidates}
    langs = sorted(wanted & known)
    if not langs:
        raise ValueError(f"none of the candidate languages {sorted(candidates)} is known to the language model")
    restricted = copy.copy(base)
    restricted.set_languages(langs)
    return restricted


def clean_for_detection(text: str) -> str:
    """The text without URLs, e-mail addresses, handles and hashtags, which say nothing about the language."""
    return _NOISE_RE.sub(" ", text)


def ranked(text: str, candidates: Iterable[str] | None = None) -> list[tuple[str, float]]:
    """Every language with its probability, most likely first (empty when the text is too short to judge).

    Scores are calibrated as py3langid's ``norm_probs`` does (divided by the square root of the byte
    length, then softmax); varieties such as ``arz`` are added to their language (``ar``).
    """
    if not text:
        return []
    sample = clean_for_detection(text[:MAX_CHARS])
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return []
    key = None if candidates is None else frozenset(c.strip().lower() for c in candidates if c and c.strip())
    scores = _identifier(key).rank(sample)
    scale = 1.0 / math.sqrt(max(1, len(sample.encode("utf-8", "surrogatepass"))))
    top = max(score for _, score in scores) * scale
    merged: dict[str, float] = {}
    for label, score in scores:
        lang = _VARIETIES.get(label, label)
        merged[lang] = merged.get(lang, 0.0) + math.exp(score * scale - top)
    total = sum(merged.values())
    return sorted(((lang, w / total) for lang, w in merged.items()), key=lambda x: x[1], reverse=True)


def detect(text: str, candidates: Iterable[str] | None = None, prefer: Iterable[str] | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when there are fewer than 20 letters to judge.

    With ``candidates`` the answer is one of them (codes the model does not know are ignored). With
    ``prefer``, a preferred language the model finds nearly as likely as its favourite wins over it.
    """
    ranking = ranked(text, candidates)
    if not ranking or ranking[0][0] in _NO_LANGUAGE:
        return None
    best = ranking[0][0]
    preferred = set(prefer or ())
    if preferred and best not in preferred:
        lang, share = next(((lang, p) for lang, p in ranking if lang in preferred), (None, 0.0))
        if lang and share >= PREFER_MIN_SHARE:
            return lang
    return best
