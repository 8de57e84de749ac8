"""Persian: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates
from lib.events import build_events
from lib.places import find_places

from .helpers import Language

LANG = "fa"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("در این حمله ۵ سرباز کشته و ۱۲ نفر زخمی شدند.", [("killed", 5, 5, False), ("wounded", 12, 12, False)]),
    ("دست‌کم ۱۴ غیرنظامی در حمله به بازار کشته شدند.", [("killed", 14, None, True)]),
    ("شش سرباز ارمنی کشته و سه نفر زخمی شدند.", [("killed", 6, 6, False), ("wounded", 3, 3, False)]),
    ("دو نظامی آذربایجانی جان باختند.", [("killed", 2, 2, False)]),
    ("حدود ۵,۶۰۰ نفر از آغاز جنگ کشته شده‌اند.", [("killed", 5600, 5600, True)]),
    ("ده‌ها غیرنظامی مفقود شدند.", [("missing", 20, 99, True)]),
    ("شمار کشته‌شدگان به ۴۵ تن رسید.", [("killed", 45, 45, False)]),
    ("بیش از ۲ هزار سرباز کشته شدند.", [("killed", 2000, None, True)]),
    ("اجساد ۲۰ سرباز در سردخانه شناسایی شد.", [("killed", 20, 20, False)]),
    ("صدها نفر در این حمله زخمی شدند.", [("wounded", 200, 999, True)]),
    ("بیست و پنج غیرنظامی زخمی شدند.", [("wounded", 25, 25, False)]),
    ("پنج هزار و ششصد نفر کشته شدند.", [("killed", 5600, 5600, False)]),
    ("۱۵ تن از سربازان کشته شدند.", [("killed", 15, 15, False)]),
    ("تا ۳۰ نفر کشته شدند.", [("killed", None, 30, True)]),
    ("یک سرباز کشته و دو غیرنظامی زخمی شدند.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "روسیه ۲۰۰۰ نیروی حافظ صلح را در منطقه مستقر کرد.",  # force size
    "ارتش ۲۰۰ تانک و ۳۰ پهپاد از دست داد اما در سال ۲۰۲۰ کسی کشته نشد.",  # equipment, a year
    "نبرد ۲۴ ساعت طول کشید و مناقشه ۲۶ سال است ادامه دارد.",  # durations
    "شب گذشته ۳ حمله ثبت شد.",  # counts of attacks
    "پلیس ۶ سرباز را بازداشت کرد.",  # arrests
    "۲۵۰۰ نفر از روستاهای مرزی تخلیه شدند.",  # evacuations
    "تیپ ۵ در ۲۸/۹/۲۰۲۰ ساعت ۱۰:۳۰ جابجا شد.",  # a unit's number, date, time
    "جنگی که جان بیش از ۳۰ هزار نفر را گرفت هنوز پایان نیافته است.",  # a conflict's running toll
    "سربازی ۲۰ ساله زخمی شد.",  # an age
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("درگیری‌ها در ۲۷ سپتامبر ۲۰۲۰ آغاز شد.", "2020-09-27", "day"),
    ("درگیری‌ها در 27 سپتامبر 2020 آغاز شد.", "2020-09-27", "day"),
    ("توافق در ۱۰ نوامبر امضا شد.", "2019-11-10", "day"),  # no year: the year before publication
    ("دیروز گلوله‌باران از سر گرفته شد.", "2020-10-06", "day"),
    ("روز گذشته سه غیرنظامی کشته شدند.", "2020-10-06", "day"),
    ("روز سه‌شنبه آتش‌بس نقض شد.", "2020-10-06", "day"),
    ("روز سه شنبه آتش‌بس نقض شد.", "2020-10-06", "day"),
    ("پریروز یک پهپاد سرنگون شد.", "2020-10-05", "day"),
    ("درگیری‌ها در سپتامبر ۲۰۲۰ آغاز شد.", "2020-09-01", "month"),
    ("ماه گذشته مذاکرات شکست خورد.", "2020-09-01", "month"),
    ("در سال 2016 جنگ چهار روزه رخ داد.", "2016-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_relative_week():
    week = find_dates("هفته گذشته درگیری‌ها از سر گرفته شد.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")


@pytest.mark.parametrize("text,surface,name", [
    ("جمهوری آذربایجان اعلام کرد ارمنستان شهر ترتر را گلوله‌باران کرده است.", "ترتر", "Tartar"),
    ("انفجار در گنجه و بردع، جمهوری آذربایجان اعلام کرد.", "گنجه", "Ganja"),
    ("انفجار در گنجه و بردع، جمهوری آذربایجان اعلام کرد.", "بردع", "Barda"),
    ("در خانکندی صدای انفجار شنیده شد، جمهوری آذربایجان اعلام کرد.", "خانکندی", "Khankendi"),
    ("درگیری‌ها در قره باغ ادامه دارد.", "قره باغ", "Nagorno-Karabakh"),
    ("مذاکرات در مسکو و تفلیس برگزار شد.", "مسکو", "Moscow"),
    ("مذاکرات در مسکو و تفلیس برگزار شد.", "تفلیس", "Tbilisi"),
    ("باکو و ایروان یکدیگر را متهم کردند.", "باکو", "Baku"),
    ("باکو و ایروان یکدیگر را متهم کردند.", "ایروان", "Yerevan"),
])
def test_place_names(gaz, text, surface, name):
    assert places(gaz, text)[surface].name == name


@pytest.mark.parametrize("text,surface,country", [
    ("نمایندگان روسیه، ترکیه، ایران، گرجستان و فرانسه دیدار کردند.", "روسیه", "RU"),
    ("نمایندگان روسیه، ترکیه، ایران، گرجستان و فرانسه دیدار کردند.", "ترکیه", "TR"),
    ("نمایندگان روسیه، ترکیه، ایران، گرجستان و فرانسه دیدار کردند.", "ایران", "IR"),
    ("نمایندگان روسیه، ترکیه، ایران، گرجستان و فرانسه دیدار کردند.", "گرجستان", "GE"),
    ("ارمنستان و جمهوری آذربایجان یکدیگر را متهم کردند.", "ارمنستان", "AM"),
    ("ارمنستان و جمهوری آذربایجان یکدیگر را متهم کردند.", "جمهوری آذربایجان", "AZ"),
])
def test_country_names(gaz, text, surface, country):
    assert places(gaz, text)[surface].country == country


def test_common_words_are_no_places(gaz):
    found = places(gaz, "در ترتر دو غیرنظامی کشته شدند و خبر آن را یکی از سربازان داد، جمهوری آذربایجان اعلام کرد.")
    assert set(found) == {"ترتر", "جمهوری آذربایجان"}


def test_karabakh_written_with_a_zero_width_non_joiner(gaz):
    assert places(gaz, "درگیری‌ها در قره‌باغ ادامه دارد.")["قره‌باغ"].name == "Nagorno-Karabakh"


def test_claimant_before_the_verb_and_victims_named_by_nationality(gaz):
    text = "وزارت دفاع جمهوری آذربایجان اعلام کرد که در قره باغ ۱۲ سرباز ارمنی کشته شدند."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "وزارت دفاع جمهوری آذربایجان"
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (12, "soldiers", "AM",
                                                                           "named with the victims")
    assert ev.place_name == "Nagorno-Karabakh"


def test_according_to_and_date_and_town(gaz):
    text = "به گزارش دادستانی کل جمهوری آذربایجان، دیروز در ترتر دو غیرنظامی کشته شدند."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "دادستانی کل جمهوری آذربایجان"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (2, "civilians", "AZ")
    assert ev.date == "2020-10-06" and ev.place_name == "Tartar"


def test_own_side(gaz):
    text = "وزارت دفاع ارمنستان اعلام کرد ۱۵ تن از سربازان خود کشته شدند."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "وزارت دفاع ارمنستان"
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (15, "soldiers", "AM",
                                                                           "the claimant's own side")


def test_hostile_victims_are_the_other_party(gaz):
    text = ("ارمنستان و جمهوری آذربایجان یکدیگر را به نقض آتش‌بس متهم کردند.\n"
            "وزارت دفاع جمهوری آذربایجان اعلام کرد ۳۰ تروریست کشته شدند.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (30, "fighters", "AM")


def test_anaphoric_claimant(gaz):
    text = ("وزارت دفاع روسیه اعلام کرد کاروانی در سوریه هدف قرار گرفت.\n"
            "به گفته این وزارتخانه، دو نظامی زخمی شدند.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "وزارت دفاع روسیه" and ev.victim_side == "RU"


def test_incident_without_figures(gaz):
    text = "روز یکشنبه نیروهای ارمنی گنجه را گلوله‌باران کردند، جمهوری آذربایجان اعلام کرد."
    evs = build_events("a1", text, LANG, PUB, find_places(text, "a1", LANG, gaz))
    assert len(evs) == 1 and evs[0].place_name == "Ganja" and evs[0].date == "2020-10-04"
