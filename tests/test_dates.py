"""Dates resolved against the publication date with honest precision; 'today' is never read."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates, parse_published


def one(text, lang, published):
    found = find_dates(text, lang, published)
    assert len(found) == 1, found
    return found[0]


def test_weekday_is_the_last_such_day_before_publication():
    m = one("Clashes broke out on Tuesday.", "en", date(2022, 9, 14))  # a Wednesday
    assert (m.date, m.precision) == ("2022-09-13", "day")


def test_weekday_without_publication_date_stays_unresolved():
    m = one("The ministry said on Monday.", "en", None)
    assert m.date is None and m.precision is None


def test_relative_day_week_month():
    pub = date(2020, 10, 7)
    assert one("Shelling resumed yesterday.", "en", pub).date == "2020-10-06"
    week = one("Fighting intensified last week.", "en", pub)
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")
    month = one("He died earlier this month.", "en", pub)
    assert (month.date, month.date_end, month.precision) == ("2020-10-01", "2020-10-31", "month")
    assert one("Giao tranh nổ ra hôm qua.", "vi", pub).date == "2020-10-06"
    assert one("Serangan terjadi kemarin.", "id", pub).date == "2020-10-06"


def test_day_month_without_year_is_not_a_day():
    m = one("Biểu tình nổ ra vào ngày 20/9 tại Yerevan.", "vi", None)
    assert m.date is None and m.precision is None and m.partial == "--09-20"


def test_day_month_takes_the_publication_year_and_says_so():
    m = one("On December 12, new clashes were reported.", "en", date(2020, 12, 30))
    assert (m.date, m.precision) == ("2020-12-12", "day") and "publication" in m.basis


def test_a_date_after_publication_goes_to_the_year_before_and_says_so():
    m = one("On December 12, new clashes were reported.", "en", date(2021, 1, 5))
    assert m.date == "2020-12-12" and "year before" in m.basis


@pytest.mark.parametrize("lang,text,iso", [
    ("id", "Keduanya bentrok, Senin pagi, (28/9/2020).", "2020-09-28"),
    ("vi", "Ngày 20 tháng 11 năm 2020 quân đội rút.", "2020-11-20"),
    ("ru", "Бои начались 27 сентября 2020 года.", "2020-09-27"),
    ("fr", "Les combats ont repris le 27 septembre 2020.", "2020-09-27"),
    ("de", "Am 27. September 2020 begannen die Kämpfe.", "2020-09-27"),
    ("tr", "Çatışmalar 27 Eylül 2020 tarihinde başladı.", "2020-09-27"),
    ("en", "The ministry reported on April 1, 2024 that troops fired.", "2024-04-01"),
])
def test_explicit_dates_in_many_languages(lang, text, iso):
    days = [m for m in find_dates(text, lang, None) if m.precision == "day"]
    assert [m.date for m in days] == [iso]


def test_year_and_month_precision():
    year = one("In 2020, the two countries fought a war.", "en", None)
    assert (year.date, year.date_end, year.precision) == ("2020-01-01", "2020-12-31", "year")
    month = one("Heavy fighting erupted in September 2020.", "en", None)
    assert (month.date, month.date_end, month.precision) == ("2020-09-01", "2020-09-30", "month")


def test_years_in_names_and_decades_are_not_dates():
    assert find_dates("Konvensi Jenewa 1949 dilanggar.", "id", None) == []
    assert find_dates("two wars in the 1990s", "en", None) == []


def test_numbers_with_hyphens_need_a_date_word():
    assert find_dates("Tochka-U and 2-3 soldiers", "vi", None) == []
    assert one("vào ngày 20-11 tại Washington", "vi", None).partial == "--11-20"


def test_parse_published():
    assert parse_published("2024-04-02") == date(2024, 4, 2)
    assert parse_published("2024-04") == date(2024, 4, 1)
    assert parse_published("nonsense") is None and parse_published(None) is None


@pytest.mark.parametrize("lang,text,start,end", [
    ("en", "Fighting raged from 27 September to 10 November 2020.", "2020-09-27", "2020-11-10"),
    ("en", "Talks were held 27–29 September 2020.", "2020-09-27", "2020-09-29"),
    ("vi", "Giao tranh từ ngày 27/9/2020 đến ngày 10/11/2020.", "2020-09-27", "2020-11-10"),
    ("id", "Pertempuran 27 September hingga 10 November 2020.", "2020-09-27", "2020-11-10"),
])
def test_spans_keep_both_ends(lang, text, start, end):
    m = one(text, lang, date(2020, 12, 1))
    assert (m.date, m.date_end, m.precision) == (start, end, "day")
