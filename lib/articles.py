"""Reading and cleaning articles: files and folders in, :class:`~lib.models.Article` records out.

I/O happens only in :func:`iter_paths`, :func:`read_file` and :func:`read_paths`; the parsers
(:func:`read_bytes`, :func:`decode`, :func:`parse_text`, :func:`parse_html`, :func:`parse_record`)
are pure.

Every problem with an input becomes one :class:`ReadError` (one line saying what to fix) and the rest
of the batch goes on; no exception escapes :func:`read_file` or :func:`read_paths`.

Offsets: ``Article.raw_text`` is the text as read (decoded, line ends made ``\\n``, Unicode NFC; for
HTML the text trafilatura extracted). ``Article.text`` has exactly the same length: every character
of removed material (the date prefix, page furniture) is a space there, newlines stay newlines, so an
offset into ``text`` is an offset into ``raw_text``. ``Article.removed`` lists what was removed.

Page furniture is described by the ``[furniture]`` tables of ``lib/lexicon/*.toml`` (keys explained in
``en.toml``); the tables of all languages are merged because reading happens before language detection.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from lib import config, lexicon
from lib.language import detect
from lib.models import Article, Span, stable_id
from lib.text import fold

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

HEADLINE_MAX_WORDS = 25  # a line in a related-stories list is at most this long
TITLE_MAX_WORDS = 20
MIN_HEADERLESS_PAIRS = 3  # headline/timestamp pairs that make a list without a recognised header
MIN_HTML_LETTERS = 20  # less than this from a page is navigation left over, not an article
CONTROL_SHARE = 0.05  # a file with more control characters than this is binary

# Field names accepted in JSON records, first match wins.
TEXT_FIELDS = ("text", "content", "body")
HTML_FIELDS = ("html",)
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "date", "published_at")
LANGUAGE_FIELDS = ("language", "lang")
OUTLET_FIELDS = ("outlet", "source", "sitename")
URL_FIELDS = ("url", "link")
LIST_FIELDS = ("articles", "records", "items", "data")

_BULLETS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022\u00b7\u25aa\u25cf\u203a\u00bb|*>"
_BULLET_LINE_RE = re.compile(f"[\\s{re.escape(_BULLETS)}]+")
_EDGE_BULLETS_RE = re.compile(f"^[\\s{re.escape(_BULLETS)}]+|[\\s{re.escape(_BULLETS)}]+$")
_EDGE_PUNCT_RE = re.compile(r"^[\W_]+|[\W_]+$")
_DATE_LINE_RE = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{1,2}(?:-\d{1,2})?)(?![\d-])[ \t]*", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"\A\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*\Z")
_SENTENCE_END_RE = re.compile(r"(?<!\.)[.。।۔։]$")
_CLOSERS = "\"'”’»)]"
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f\ufffd]")
_CONTROL_BYTES = bytes([*range(9), 11, *range(14, 32), 127])
_UTF_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class ReadError:
    """One input that could not be read, with what went wrong (``source`` is the path or record)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: skipped: {self.message}"


# --- paths -----------------------------------------------------------------------------------------


def _skipped_in_folder(path: Path) -> bool:
    """Files a folder walk ignores: hidden files, READMEs and unsupported types."""
    name = path.name
    return name.startswith(".") or name.split(".")[0].upper() == "README" or path.suffix.lower() not in SUFFIXES


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """The article files named by ``paths``; folders are walked recursively in sorted order.

    In folders, hidden files and folders, README files and unsupported types are skipped silently;
    a missing path or an explicitly named file of an unsupported type is a :class:`ReadError`.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if not _skipped_in_folder(child) and child.is_file():
                        yield child
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                kinds = ", ".join(sorted(SUFFIXES))
                yield ReadError(str(given), f"unsupported file type {path.suffix or '(none)'!r} (expected {kinds})")
        elif path.exists():
            yield ReadError(str(given), "not a regular file or folder")
        else:
            yield ReadError(str(given), "no such file or folder")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | ReadError]:
    """Every article in ``paths`` (files or folders), with one :class:`ReadError` per unreadable input."""
    for item in iter_paths(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item)


def size_label(n: int) -> str:
    """``512 bytes``, ``3.2 KiB``, ``5.0 MiB``."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / (1024 * 1024):.1f} MiB"


def read_file(path: str | Path) -> list[Article | ReadError]:
    """The articles in one file (several for JSON and JSONL), or the errors that stopped them."""
    source = str(path)
    try:
        return _read_file(Path(path), source)
    except Exception as exc:  # noqa: BLE001 - the batch must go on, whatever one file does
        return [ReadError(source, f"unexpected error: {type(exc).__name__}: {exc}")]


def _read_file(path: Path, source: str) -> list[Article | ReadError]:
    suffix = path.suffix.lower()
    limit = config.MAX_FILE_BYTES
    try:
        if path.is_dir():
            return [ReadError(source, "is a folder, not a file (use read_paths for folders)")]
        size = path.stat().st_size
        if suffix not in SUFFIXES:
            return [ReadError(source, f"unsupported file type {suffix or '(none)'!r}")]
        if size > limit:
            return [ReadError(source, f"file is {size_label(size)}, over the limit of {size_label(limit)}")]
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        return [ReadError(source, "no such file or folder")]
    except OSError as exc:
        return [ReadError(source, f"cannot read the file: {exc.strerror or exc}")]
    return _parse_bytes(data, source, suffix)


def read_bytes(data: bytes, source: str, suffix: str | None = None) -> list[Article | ReadError]:
    """The articles in one file's bytes (pure: an upload, a zip member); ``suffix`` defaults to ``source``'s.

    Like :func:`read_file`, every problem is a :class:`ReadError` and no exception escapes.
    """
    try:
        return _parse_bytes(data, source, (suffix if suffix is not None else Path(source).suffix).lower())
    except Exception as exc:  # noqa: BLE001 - the batch must go on, whatever one file does
        return [ReadError(source, f"unexpected error: {type(exc).__name__}: {exc}")]


def _parse_bytes(data: bytes, source: str, suffix: str) -> list[Article | ReadError]:
    limit = config.MAX_FILE_BYTES
    if suffix not in SUFFIXES:
        kinds = ", ".join(sorted(SUFFIXES))
        return [ReadError(source, f"unsupported file type {suffix or '(none)'!r} (expected {kinds})")]
    if len(data) > limit:
        return [ReadError(source, f"file is over the limit of {size_label(limit)}")]
    decoded = decode(data, source)
    if isinstance(decoded, ReadError):
        return [decoded]
    text, warnings = decoded
    if suffix in JSON_SUFFIXES:
        results = parse_json(text, source)
    elif suffix in JSONL_SUFFIXES:
        results = parse_jsonl(text, source)
    elif suffix in HTML_SUFFIXES:
        results = [parse_html(text, source)]
    else:
        results = [parse_text(text, source)]
    for item in results:
        if isinstance(item, Article):
            item.warnings[:0] = warnings
    return results


# --- decoding --------------------------------------------------------------------------------------


def _control_share(text: str) -> float:
    """The share of control characters (other than whitespace) in ``text``."""
    return len(_CONTROL_RE.findall(text)) / len(text) if text else 0.0


def _normalise_text(text: str) -> str:
    """Line ends made ``\\n``, BOM dropped, Unicode NFC: the form every offset refers to."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(data: bytes, source: str) -> tuple[str, list[str]] | ReadError:
    """The text of a file's bytes and any warnings, or a :class:`ReadError` when it is not text.

    UTF-8 (with or without BOM) first; UTF-16/32 with a BOM; UTF-8 with a few broken bytes (replaced);
    otherwise the encoding charset_normalizer finds, with a warning naming it.
    """
    if not data.strip():
        return ReadError(source, "file is empty")
    warnings: list[str] = []
    for bom, encoding in _UTF_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return ReadError(source, f"starts with a {encoding} byte-order mark but is not {encoding} text")
            warnings.append(f"decoded as {encoding}, not UTF-8")
            return _checked(text, warnings, source)
    if b"\x00" in data:
        return ReadError(source, "binary file (contains NUL bytes), not text")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > CONTROL_SHARE * len(data):
        return ReadError(source, "binary file (too many control characters), not text")
    try:
        return _checked(data.decode("utf-8-sig"), warnings, source)
    except UnicodeDecodeError:
        pass
    # Mostly valid UTF-8 with a few broken sequences: keep UTF-8 rather than guess a legacy encoding.
    replaced = data.decode("utf-8", errors="replace")
    broken = replaced.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = len(_NON_ASCII_RE.findall(replaced))
    if multibyte >= 10 * broken:
        warnings.append(f"not valid UTF-8: {broken} broken byte sequence(s) replaced with \ufffd")
        return _checked(replaced.lstrip("\ufeff"), warnings, source)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return ReadError(source, "not UTF-8 text and no encoding could be detected")
    warnings.append(f"decoded as {best.encoding}, not UTF-8")
    return _checked(str(best), warnings, source)


def _checked(text: str, warnings: list[str], source: str) -> tuple[str, list[str]] | ReadError:
    if not text.strip():
        return ReadError(source, "file is empty")
    if _control_share(text) > CONTROL_SHARE:
        return ReadError(source, "binary file (too many control characters), not text")
    return _normalise_text(text), warnings


# --- furniture -------------------------------------------------------------------------------------


def _line_key(line: str) -> str:
    """A line as compared with the ``lines`` and ``list_headers`` entries: folded, edge punctuation off."""
    return " ".join(_EDGE_PUNCT_RE.sub("", fold(line)).split())


def _prefix_pattern(prefix: str) -> str | None:
    key = fold(prefix).strip()
    colon = key.endswith((":", "：", "՝"))
    words = key.rstrip(":：՝ ").split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return body + (r"\s*[:：՝]" if colon else r"(?!\w)")


def _union(patterns: Iterable[str], key: str) -> str:
    parts = []
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"bad regex in lexicon [furniture] {key}: {p!r}: {exc}") from exc
        parts.append(f"(?:{p})")
    return "|".join(parts) or r"(?!)"


@dataclass(frozen=True)
class _Furniture:
    prefix_re: re.Pattern[str]
    lines: frozenset[str]
    headers: frozenset[str]
    caption_re: re.Pattern[str]
    time_re: re.Pattern[str]
    headline_time_re: re.Pattern[str]


@cache
def _furniture() -> _Furniture:
    """The ``[furniture]`` tables of every language, compiled once."""
    prefixes = sorted(filter(None, (_prefix_pattern(p) for p in lexicon.merged("furniture", "line_prefixes"))))
    times = _union(lexicon.merged("furniture", "time_ago"), "time_ago")
    sep = re.escape(_BULLETS)
    return _Furniture(
        prefix_re=re.compile(rf"^[\W_]*(?:{'|'.join(prefixes) or '(?!)'})"),
        lines=frozenset(k for k in map(_line_key, lexicon.merged("furniture", "lines")) if k),
        headers=frozenset(k for k in map(_line_key, lexicon.merged("furniture", "list_headers")) if k),
        caption_re=re.compile(
            _union(lexicon.merged("furniture", "caption_patterns"), "caption_patterns"), re.IGNORECASE
        ),
        time_re=re.compile(times, re.IGNORECASE),
        headline_time_re=re.compile(rf"(?P<head>.*?\S)[\s,({sep}]+(?:{times})[\s){sep}]*", re.IGNORECASE),
    )


def _is_headline(line: str) -> bool:
    """A short line that does not end a sentence with a period: a headline or a subheading."""
    words = line.split()
    return (
        0 < len(words) <= HEADLINE_MAX_WORDS and len(line) <= 300 and not _SENTENCE_END_RE.search(line.rstrip(_CLOSERS))
    )


# Line kinds for related-story lists.
_TAKEN, _BLANK, _BULLET, _TIME = "taken", "blank", "bullet", "time"
_HEADLINE_TIME, _HEADLINE, _OTHER = "headline+time", "headline", "other"


def _kind(line: str, f: _Furniture) -> str:
    stripped = line.strip()
    if not stripped:
        return _BLANK
    if _BULLET_LINE_RE.fullmatch(stripped):
        return _BULLET
    if f.time_re.fullmatch(_EDGE_BULLETS_RE.sub("", stripped)):
        return _TIME
    if not _is_headline(stripped):
        return _OTHER
    m = f.headline_time_re.fullmatch(stripped)
    if m and _is_headline(m.group("head")) and any(c.isalpha() for c in m.group("head")):
        return _HEADLINE_TIME
    return _HEADLINE


def _line_reason(line: str, f: _Furniture) -> str | None:
    """Why a single line is furniture on its own, or None."""
    stripped = line.strip()
    if not stripped:
        return None
    key = _line_key(stripped)
    if key in f.lines:
        return "advertisement"
    if f.caption_re.fullmatch(stripped):
        return "audio-caption"
    if key in f.headers:
        return None  # a list header: _mark_lists removes it with its list
    if f.prefix_re.match(fold(stripped)):
        return "read-more"
    return None


def _mark_lists(lines: list[str], reasons: list[str | None], f: _Furniture) -> None:
    """Mark related-story lists: a header and its run of items, or a long enough run without a header."""
    kinds = [_kind(line, f) if reasons[i] is None else _TAKEN for i, line in enumerate(lines)]
    items = (_TAKEN, _BLANK, _BULLET, _TIME, _HEADLINE_TIME, _HEADLINE)
    n = len(lines)
    i = 0
    while i < n:
        if kinds[i] in (_HEADLINE, _OTHER) and _line_key(lines[i]) in f.headers:
            last = i
            j = i + 1
            while j < n and kinds[j] in items and not (kinds[j] != _TAKEN and _line_key(lines[j]) in f.headers):
                if kinds[j] not in (_TAKEN, _BLANK):
                    last = j
                j += 1
            for k in range(i, last + 1):
                reasons[k] = reasons[k] or "related-stories"
                kinds[k] = _TAKEN
            i = last + 1
        else:
            i += 1
    _mark_headerless_runs(kinds, reasons)


def _mark_headerless_runs(kinds: list[str], reasons: list[str | None]) -> None:
    """Mark stretches where headlines alternate with timestamps (or carry one) at least three times."""
    stretch: list[int] = []  # lines of the current stretch that belong to a complete headline/timestamp pair
    first = -1  # first line of the current stretch
    pairs = 0
    pending: str | None = None  # a headline waiting for its timestamp, or the other way round

    def close() -> None:
        if pairs >= MIN_HEADERLESS_PAIRS:
            for k in range(first, stretch[-1] + 1):
                reasons[k] = reasons[k] or "related-stories"

    for i, kind in enumerate(kinds):
        if kind in (_TAKEN, _BLANK, _BULLET):
            continue
        if kind in (_OTHER, pending) or kind == _HEADLINE_TIME and pending == _HEADLINE:
            close()
            stretch, first, pairs, pending = [], -1, 0, None
            if kind == _OTHER:
                continue
        if first < 0:
            first = i
        if kind == _HEADLINE_TIME:
            pairs, pending = pairs + 1, None
            stretch.append(i)
        elif pending is None:
            pending = kind
        else:
            pairs, pending = pairs + 1, None
            stretch.append(i)
    close()


def find_furniture(raw: str, start: int = 0) -> list[Span]:
    """The page furniture in ``raw`` (from offset ``start`` on), as whole-line spans with a reason."""
    f = _furniture()
    lines: list[str] = []
    offsets: list[int] = []
    pos = start
    for line in raw[start:].split("\n"):
        lines.append(line)
        offsets.append(pos)
        pos += len(line) + 1
    reasons = [_line_reason(line, f) for line in lines]
    _mark_lists(lines, reasons, f)
    spans: list[Span] = []
    for i, reason in enumerate(reasons):
        if reason is None or not lines[i].strip() and (i + 1 == len(lines) or reasons[i + 1] != reason):
            continue
        end = offsets[i] + len(lines[i])
        if spans and spans[-1].reason == reason and spans[-1].end == offsets[i] - 1:
            spans[-1].end = end
        else:
            spans.append(Span(offsets[i], end, reason))
    for span in spans:  # no span starts or ends on blank space
        chunk = raw[span.start : span.end]
        span.start += len(chunk) - len(chunk.lstrip())
        span.end -= len(chunk) - len(chunk.rstrip())
    return [s for s in spans if s.end > s.start]


def blank_out(raw: str, spans: Iterable[Span]) -> str:
    """``raw`` with every character inside ``spans`` made a space, newlines kept: same length, same offsets."""
    chars = list(raw)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# --- dates and titles ------------------------------------------------------------------------------


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` from an ISO-like date (a datetime's time part is dropped); None if invalid."""
    if value is None:
        return None
    m = _ISO_DATE_RE.match(str(value))
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
    try:
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return date(year, month, int(day)).isoformat()
    except ValueError:
        return None


def _date_line(raw: str) -> tuple[int, str | None, list[str]]:
    """The length of a leading ``date YYYY-MM-DD`` prefix (0 if none), the date and any warning."""
    m = _DATE_LINE_RE.match(raw)
    if not m:
        return 0, None, []
    published = normalise_date(m.group(1))
    warnings = [] if published else [f"malformed date {m.group(1)!r} in the date line; publication date left empty"]
    return m.end(), published, warnings


def guess_title(text: str) -> str | None:
    """The first non-empty line of the cleaned text when it looks like a title and more text follows."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first.split()) > TITLE_MAX_WORDS or _SENTENCE_END_RE.search(first.rstrip(_CLOSERS)):
        return None
    return first if any(c.isalpha() for c in first) else None


# --- parsers ---------------------------------------------------------------------------------------


def _article(
    raw: str,
    source: str,
    *,
    date_line: bool = False,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    warnings: list[str] | None = None,
) -> Article | ReadError:
    """Clean ``raw`` (date prefix, furniture) and build the article, or say why there is none."""
    raw = _normalise_text(raw)
    warnings = list(warnings or [])
    removed: list[Span] = []
    start = 0
    if date_line:
        start, line_date, date_warnings = _date_line(raw)
        warnings += date_warnings
        published = published or line_date
        if start:
            removed.append(Span(0, start, "date-line"))
    removed += find_furniture(raw, start)
    text = blank_out(raw, removed)
    if not text.strip():
        if not raw.strip():
            return ReadError(source, "no article text")
        return ReadError(source, "no article text left after removing the date line and page furniture")
    return Article(
        id=stable_id(" ".join(text.split())),
        source=source,
        text=text,
        language=language or detect(text, prefer=lexicon.languages()),
        published=published,
        title=title or guess_title(text),
        url=url,
        outlet=outlet,
        raw_text=raw,
        removed=removed,
        warnings=warnings,
    )


def parse_text(raw: str, source: str) -> Article | ReadError:
    """A plain-text article: an optional ``date YYYY-MM-DD`` prefix, then the text."""
    return _article(raw, source, date_line=True)


def _get(document: Any, name: str) -> Any:
    return document.get(name) if isinstance(document, dict) else getattr(document, name, None)


def parse_html(html: str, source: str) -> Article | ReadError:
    """An HTML page: trafilatura finds the main text, title, date and site name (no tag-stripping here)."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=True, include_tables=False
        )
    except Exception as exc:  # noqa: BLE001 - a page trafilatura chokes on is one bad file
        return ReadError(source, f"could not parse the HTML: {type(exc).__name__}: {exc}")
    text = _get(document, "text") if document is not None else None
    if not text or sum(c.isalpha() for c in str(text)) < MIN_HTML_LETTERS:
        return ReadError(source, "no article text found in the HTML")
    published = normalise_date(_get(document, "date"))
    return _article(
        str(text),
        source,
        published=published,
        title=_str(_get(document, "title")),
        url=_str(_get(document, "url")),
        outlet=_str(_get(document, "sitename")),
    )


def _str(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _field(rec: dict, names: tuple[str, ...]) -> Any:
    for name in names:
        value = rec.get(name)
        if value is not None and value != "":
            return value
    return None


def parse_record(rec: dict, source: str) -> Article | ReadError:
    """One JSON record (``url``, ``title``, ``published``, ``text`` and their aliases).

    ``source`` is where the record came from (``path#n``); a record's ``url`` replaces it.
    """
    if not isinstance(rec, dict):
        return ReadError(source, f"record is a JSON {type(rec).__name__}, not an object")
    url = _str(_field(rec, URL_FIELDS))
    text = _field(rec, TEXT_FIELDS)
    html = _field(rec, HTML_FIELDS)
    if text is None and html is None:
        return ReadError(source, f"record has no text (expected one of: {', '.join(TEXT_FIELDS)})")
    if text is not None and not isinstance(text, str):
        return ReadError(source, f"record's text is a JSON {type(text).__name__}, not a string")
    warnings: list[str] = []
    raw_date = _field(rec, DATE_FIELDS)
    published = normalise_date(raw_date)
    if raw_date is not None and published is None:
        warnings.append(f"unrecognised publication date {raw_date!r}; left empty")
    language = _str(_field(rec, LANGUAGE_FIELDS))
    language = re.split(r"[-_]", language.lower())[0] if language else None
    meta = {"title": _str(_field(rec, TITLE_FIELDS)), "url": url, "outlet": _str(_field(rec, OUTLET_FIELDS))}
    if text is None:
        page = parse_html(str(html), source)
        if isinstance(page, ReadError):
            return page
        return _article(
            page.raw_text or page.text,
            url or source,
            published=published or page.published,
            title=meta["title"] or page.title,
            url=url or page.url,
            outlet=meta["outlet"] or page.outlet,
            language=language,
            warnings=warnings,
        )
    return _article(text, url or source, published=published, language=language, warnings=warnings, **meta)


def _records_error(n: int, source: str) -> ReadError:
    return ReadError(source, f"{n} records, over the limit of {config.MAX_RECORDS_PER_FILE} per file")


def parse_json(text: str, source: str) -> list[Article | ReadError]:
    """A JSON file: one record, a list of records, or an object holding a list under ``articles``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects, one per line: read it as JSON Lines
            return parse_jsonl(text, source)
        return [ReadError(source, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
    if isinstance(data, dict):
        lists = [data[k] for k in LIST_FIELDS if isinstance(data.get(k), list)]
        if _field(data, TEXT_FIELDS + HTML_FIELDS) is None and lists:
            data = lists[0]
        else:
            return [parse_record(data, source)]
    if not isinstance(data, list):
        return [ReadError(source, f"JSON holds a {type(data).__name__}, not an article record or a list of them")]
    if len(data) > config.MAX_RECORDS_PER_FILE:
        return [_records_error(len(data), source)]
    if not data:
        return [ReadError(source, "JSON list holds no records")]
    return [parse_record(rec, f"{source}#{i}") for i, rec in enumerate(data, start=1)]


def parse_jsonl(text: str, source: str) -> list[Article | ReadError]:
    """A JSON Lines file: one record per line (blank lines ignored); ``path#n`` names line n."""
    numbered = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    if len(numbered) > config.MAX_RECORDS_PER_FILE:
        return [_records_error(len(numbered), source)]
    out: list[Article | ReadError] = []
    for n, line in numbered:
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(ReadError(f"{source}#{n}", f"invalid JSON on line {n}, column {exc.colno}: {exc.msg}"))
            continue
        out.append(parse_record(rec, f"{source}#{n}"))
    return out
