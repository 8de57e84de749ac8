"""Dates in article text, resolved against the publication date, with honest precision.

Month and weekday names come from CLDR through babel for the article's language (so every
language babel knows is covered), relative phrases and date markers from the ``[dates]`` table of
the lexicon. "Today" is never read here: the publication date is a parameter, and where there is
none, relative dates stay unresolved.

``date_precision`` says what is really known: ``day``, ``week``, ``month`` or ``year``. A day and month with
no year and nothing to take the year from is not a day: ``date`` stays empty and ``partial``
keeps ``--MM-DD`` (ISO 8601's notation for a date without a year).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import regex
from babel import Locale, UnknownLocaleError

from . import lexicon


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: str | None  # YYYY-MM-DD: the first day of what is known
    date_end: str | None  # the last day, for months, years and spans
    precision: str | None  # day | month | year | None
    partial: str | None = None  # --MM-DD or --MM where the year is unknown
    basis: str = "explicit"  # explicit | relative | year inferred from publication | ...


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@cache
def _names(lang: str | None) -> tuple[dict[str, int], dict[str, int]]:
    """Month names -> month number, weekday names -> weekday (Monday 0), from CLDR plus the lexicon."""
    months: dict[str, int] = {}
    days: dict[str, int] = {}
    locales = [lang] if lang else []
    for code in locales:
        try:
            loc = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for num, name in loc.months["format"][width].items():
                n = name.rstrip(".")
                if len(n) >= 3:
                    months.setdefault(n.casefold(), num)
            for num, name in loc.days["format"][width].items():
                if width == "wide":
                    days.setdefault(name.casefold(), num)
    extra = lexicon.section(lang, "dates")
    for name, num in extra.get("months", {}).items():
        months[name.casefold()] = num
    for name, num in extra.get("weekdays", {}).items():
        days[name.casefold()] = num
    if lang != "en":  # English month names appear in every language's press
        en_m, _ = _names("en")
        for name, num in en_m.items():
            months.setdefault(name, num)
    return months, days


def month_names(lang: str | None) -> dict[str, int]:
    """Month names (case-folded) of a language, from CLDR and the lexicon, to month numbers."""
    return _names(lang)[0]


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns(lang: str | None):
    months, days = _names(lang)
    conf = lexicon.section(lang, "dates")
    m = _alt(months)
    d = _alt(days)
    year_markers = _alt(conf.get("year_markers", [])) or "(?!)"
    year_after = _alt(conf.get("year_markers_after", [])) or "(?!)"
    # ordinal endings of days: English st/nd/rd/th everywhere, plus the language's ("1er", "1°", "1º")
    day_suffix = _alt({"st", "nd", "rd", "th", *conf.get("day_suffixes", [])})
    day_markers = _alt(conf.get("day_markers", [])) or "(?!)"
    rel = {**{k: ("day", v) for k, v in conf.get("relative_days", {}).items()},
           **{k: ("week", v) for k, v in conf.get("relative_weeks", {}).items()},
           **{k: ("month", v) for k, v in conf.get("relative_months", {}).items()}}
    flags = regex.IGNORECASE | regex.V1
    return {
        "iso": regex.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"),
        "numeric_y": regex.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d/])"),
        "numeric": regex.compile(r"(?<![\d/.\-])(\d{1,2})/(\d{1,2})(?![\d/])"),
        "numeric_dash": regex.compile(rf"(?:\b(?:{day_markers})\s+)(\d{{1,2}})-(\d{{1,2}})(?![\d\-])", flags),
        "named": regex.compile(
            rf"(?<![\p{{L}}])(?:(\d{{1,2}})(?:{day_suffix})?\.?\s+(?:of\s+)?)?({m})(?![\p{{L}}])\.?"
            rf"(?:\s+(\d{{1,2}})(?:{day_suffix})?(?!\d))?(?:,?\s+(?:(?:{year_markers})\s+)?(\d{{4}}))?", flags),
        "weekday": regex.compile(rf"(?<![\p{{L}}])({d})(?![\p{{L}}])", flags) if days else None,
        "relative": regex.compile(rf"(?<![\p{{L}}])({_alt(rel)})(?![\p{{L}}])", flags) if rel else None,
        "year": regex.compile(rf"(?<![\p{{L}}\d])(?:{year_markers})\s+((?:1[89]|20)\d\d)(?![\d\p{{L}}])", flags),
        # the year first, with its marker: "2020 թվականի սեպտեմբերի 27-ին", "2020 წლის 27 სექტემბერს"
        "year_first": regex.compile(
            rf"(?<![\p{{L}}\d])((?:1[89]|20)\d\d)\s*[-'’]?\s*(?:{year_after})\s+"
            rf"(?:({m})\s+(\d{{1,2}})|(\d{{1,2}})(?:{day_suffix})?\.?\s+({m}))(?![\p{{L}}\d])", flags),
        # a year marker after the number: Turkish "2020 yılında", "2020'de"
        "year_after": regex.compile(rf"(?<![\p{{L}}\d])((?:1[89]|20)\d\d)\s*[-'’]?\s*(?:{year_after})(?![\p{{L}}])",
                                    flags),
        "months": months, "days": days, "rel": rel, "order": conf.get("order", "dmy"),
        "span_to": regex.compile(
            rf"\s*(?:[-–—]|(?:{_alt(conf.get('span_to', [])) or '(?!)'}))\s*(?:(?:{day_markers})\s+)?", flags),
    }


def _valid(y: int | None, mo: int, d: int | None) -> bool:
    if not 1 <= mo <= 12:
        return False
    if d is None:
        return True
    return 1 <= d <= (calendar.monthrange(y or 2000, mo)[1])


def _day(y: int, mo: int, d: int) -> str:
    return date(y, mo, d).isoformat()


def _month_span(y: int, mo: int) -> tuple[str, str]:
    return date(y, mo, 1).isoformat(), date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()


def _infer_year(mo: int, d: int | None, published: date | None) -> tuple[int | None, str]:
    """The year of a date written without one: the publication's, or the year before when that
    would put the date more than a week after publication (said in ``basis``, never silently)."""
    if published is None:
        return None, "year unknown"
    y = published.year
    probe = date(y, mo, min(d or 1, calendar.monthrange(y, mo)[1]))
    if probe > published + timedelta(days=7):
        return y - 1, "year inferred: the year before publication"
    return y, "year inferred from publication"


def find_dates(text: str, lang: str | None, published: date | None) -> list[DateMention]:
    """Every date expression of ``text``, resolved where the publication date allows."""
    p = _patterns(lang)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: DateMention) -> None:
        if any(mention.start < e and s < mention.end for s, e in taken):
            return
        taken.append((mention.start, mention.end))
        out.append(mention)

    for mt in p["iso"].finditer(text):
        y, mo, d = map(int, mt.groups())
        if _valid(y, mo, d):
            add(DateMention(mt.start(), mt.end(), mt.group(), _day(y, mo, d), None, "day"))
    for mt in p["numeric_y"].finditer(text):
        a, b, y = int(mt.group(1)), int(mt.group(2)), int(mt.group(3))
        y = y + 2000 if y < 100 else y
        d, mo = (b, a) if p["order"] == "mdy" else (a, b)
        if not _valid(y, mo, d):
            d, mo = mo, d
        if _valid(y, mo, d):
            add(DateMention(mt.start(), mt.end(), mt.group(), _day(y, mo, d), None, "day"))
    for mt in p["year_first"].finditer(text):
        y, m1, d1, d2, m2 = mt.groups()
        mo = p["months"].get((m1 or m2).casefold())
        if mo is not None:
            _resolve(add, mt.start(), mt.end(), mt.group(), int(y), mo, int(d1 or d2), published)
    for mt in p["named"].finditer(text):
        d1, name, d2, y = mt.groups()
        mo = p["months"].get(name.casefold().rstrip("."))
        if mo is None or (not d1 and not d2 and not y and name[:1].islower() and lang in ("en", "de")):
            continue
        d = int(d1 or d2) if (d1 or d2) else None
        yy = int(y) if y else None
        surface = mt.group().rstrip().rstrip(".")  # a sentence's full stop is not part of the date
        _resolve(add, mt.start(), mt.start() + len(surface), surface, yy, mo, d, published)
    for key in ("numeric", "numeric_dash"):
        for mt in p[key].finditer(text):
            a, b = int(mt.group(1)), int(mt.group(2))
            d, mo = (b, a) if p["order"] == "mdy" else (a, b)
            if not _valid(None, mo, d):
                d, mo = mo, d
            if _valid(None, mo, d):
                _resolve(add, mt.start(1), mt.end(2), text[mt.start(1):mt.end(2)], None, mo, d, published)
    if p["relative"] is not None:
        for mt in p["relative"].finditer(text):
            unit, off = p["rel"].get(mt.group(1).casefold(), (None, None))
            if unit is None or published is None:
                continue
            add(_relative(mt, unit, off, published))
    if p["weekday"] is not None:
        for mt in p["weekday"].finditer(text):
            wd = p["days"].get(mt.group(1).casefold())
            if wd is None or mt.group(1)[:1].islower() and lang == "en":
                continue
            if published is None:
                add(DateMention(mt.start(), mt.end(), mt.group(), None, None, None, None,
                                "weekday, no publication date"))
                continue
            back = (published.weekday() - wd) % 7
            add(DateMention(mt.start(), mt.end(), mt.group(), (published - timedelta(days=back)).isoformat(), None,
                            "day", None, "weekday relative to publication"))
    for key in ("year", "year_after"):
        for mt in p[key].finditer(text):
            y = int(mt.group(1))
            add(DateMention(mt.start(1), mt.end(1), mt.group(1), f"{y}-01-01", f"{y}-12-31", "year"))
    out.sort(key=lambda m: m.start)
    return _spans(text, out, p["span_to"])


_DAY_RANGE = regex.compile(r"(\d{1,2})\s*[-–—]\s*$")


def _spans(text: str, found: list[DateMention], span_to) -> list[DateMention]:
    """'from 27 September to 10 November 2020', '27 September – 10 November', '27–29 September 2020':
    one mention from the first day to the last (``date_end``), at the coarser of the two precisions."""
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (b is not None and a.date and b.date and a.precision in rank and b.precision in rank
                and span_to.fullmatch(text[a.end:b.start]) and (b.date_end or b.date) >= a.date):
            prec = max(a.precision, b.precision, key=rank.__getitem__)
            out.append(DateMention(a.start, b.end, text[a.start:b.end], a.date, b.date_end or b.date, prec,
                                   None, "span"))
            i += 2
            continue
        day = _DAY_RANGE.search(text, max(0, a.start - 8), a.start)
        if a.precision == "day" and day and a.date and 0 < int(day.group(1)) < int(a.date[8:10]):
            first = f"{a.date[:8]}{int(day.group(1)):02d}"
            out.append(DateMention(day.start(1), a.end, text[day.start(1):a.end], first, a.date, "day", None, "span"))
        else:
            out.append(a)
        i += 1
    return out


def _resolve(add, start: int, end: int, surface: str, y: int | None, mo: int, d: int | None,
             published: date | None) -> None:
    basis = "explicit"
    if y is None:
        y, basis = _infer_year(mo, d, published)
    if not _valid(y, mo, d):
        return
    if y is None:
        partial = f"--{mo:02d}-{d:02d}" if d else f"--{mo:02d}"
        add(DateMention(start, end, surface, None, None, None, partial, basis))
    elif d is None:
        first, last = _month_span(y, mo)
        add(DateMention(start, end, surface, first, last, "month", None, basis))
    else:
        add(DateMention(start, end, surface, _day(y, mo, d), None, "day", None, basis))


def _relative(mt, unit: str, off, published: date) -> DateMention:
    s, e, t = mt.start(), mt.end(), mt.group()
    if unit == "day":
        return DateMention(s, e, t, (published + timedelta(days=int(off))).isoformat(), None, "day", None, "relative")
    if unit == "week":  # a span of at most seven days, said as such
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=int(off))
        last = min(monday + timedelta(days=6), published)
        return DateMention(s, e, t, monday.isoformat(), last.isoformat(), "week", None, "relative")
    if off == "year":
        return DateMention(s, e, t, f"{published.year}-01-01", published.isoformat(), "year", None, "relative")
    y, mo = published.year, published.month + int(off)
    while mo < 1:
        y, mo = y - 1, mo + 12
    first, last = _month_span(y, mo)
    return DateMention(s, e, t, first, last, "month", None, "relative")

