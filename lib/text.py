"""Text helpers shared by the gazetteer and the extractors."""
from __future__ import annotations

import re
import unicodedata

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"
_APOSTROPHES = "'\u2019\u02bc\u02bb\u2018`\u00b4"
_SEP_RE = re.compile(f"[{re.escape(_DASHES + _APOSTROPHES)}.,()\\[\\]\"/\u200c\u200d]+")  # ZWNJ: Persian
_WS_RE = re.compile(r"\s+")


def strip_marks(s: str) -> str:
    """Drop combining marks (accents, Arabic harakat) after canonical decomposition."""
    decomposed = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(s: str, keep_marks: bool = False) -> str:
    """The lookup key of a name: case-, accent-, hyphen- and space-insensitive.

    ``fold("Nagorno -Karabakh") == fold("nagorno karabakh") == "nagorno karabakh"`` and
    ``fold("Tərtər") == "tərtər"``: letters that carry no combining mark but are distinct letters
    (``ə``, ``ı``, ``ø``) are kept; only marks are dropped.
    With ``keep_marks`` the marks stay: languages where a mark changes the word (Vietnamese
    ``Mỹ`` is not ``my``) match on that key instead.
    """
    s = unicodedata.normalize("NFKC", s).casefold()
    if not keep_marks:
        s = strip_marks(s)
    s = _SEP_RE.sub(" ", s)
    return _WS_RE.sub(" ", s).strip()
