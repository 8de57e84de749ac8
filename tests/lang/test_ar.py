"""Arabic: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.casualties import Grammar, find_figures
from lib.dates import find_dates
from lib.events import build_events
from lib.places import find_places
from lib.tokens import tokenize

from .helpers import Language

LANG = "ar"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("قتل 5 جنود في القصف وأصيب 12 آخرون.", [("killed", 5, 5, False), ("wounded", 12, 12, False)]),
    ("قتل ما لا يقل عن 14 مدنيا في ضربة على السوق.", [("killed", 14, None, True)]),
    ("قتل ستة جنود أرمن وأصيب ثلاثة آخرون.", [("killed", 6, 6, False), ("wounded", 3, 3, False)]),
    ("لقي جنديان أذربيجانيان حتفهما في القصف.", [("killed", 2, 2, False)]),
    ("قتل نحو 5,600 شخص منذ بداية الحرب.", [("killed", 5600, 5600, True)]),
    ("بات عشرات المدنيين في عداد المفقودين.", [("missing", 20, 99, True)]),
    ("ارتفعت حصيلة القتلى إلى 45.", [("killed", 45, 45, False)]),
    ("قتل أكثر من ألفي جندي.", [("killed", 2000, None, True)]),
    ("تم التعرف على جثث 20 جنديا في المشرحة.", [("killed", 20, 20, False)]),
    ("أصيب مئات الأشخاص في الهجوم.", [("wounded", 200, 999, True)]),
    ("أصيب خمسة وعشرون مدنيا.", [("wounded", 25, 25, False)]),
    ("خمسة آلاف وستمائة شخص قتلوا.", [("killed", 5600, 5600, False)]),
    ("قتل ما يصل إلى 30 شخصا.", [("killed", None, 30, True)]),
    ("سقوط 10 قتلى وجرحى.", [("killed", 10, 10, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


def test_killed_and_wounded_share_one_figure():
    out = find_figures(tokenize("سقوط 10 قتلى وجرحى."), Grammar.for_language(LANG))
    assert len(out) == 1 and out[0].scope == ["killed", "wounded"]


@pytest.mark.parametrize("sentence", [
    "نشرت روسيا 2000 جندي من قوات حفظ السلام في المنطقة.",  # force size
    "خسر الجيش 200 دبابة و30 طائرة مسيرة، لكن لم يقتل أحد في عام 2020.",  # equipment, a year
    "استمرت المعارك 24 ساعة، ويستمر النزاع منذ 26 عاما.",  # durations
    "سجلت 3 هجمات خلال الليل.",  # counts of attacks
    "اعتقلت الشرطة 6 جنود متهمين بقتل مزارع.",  # arrests
    "تم إجلاء 2500 شخص من القرى الحدودية.",  # evacuations
    "نقل اللواء 5 في 28/9/2020 عند الساعة 10:30.",  # a unit's number, date, time
    "الحرب التي أودت بحياة أكثر من 30 ألف شخص لم تنته بعد.",  # a conflict's running toll
    "أصيب جندي يبلغ من العمر 20 عاما.",  # an age
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("بدأت المعارك في 27 سبتمبر 2020.", "2020-09-27", "day"),
    ("بدأت المعارك في 27 أيلول 2020.", "2020-09-27", "day"),
    ("وقع الاتفاق في 10 تشرين الثاني.", "2019-11-10", "day"),  # no year: the year before publication
    ("تجدد القصف أمس.", "2020-10-06", "day"),
    ("قتل ثلاثة مدنيين يوم الثلاثاء.", "2020-10-06", "day"),
    ("قصفت المدينة يوم الأحد.", "2020-10-04", "day"),
    ("أسقطت طائرة مسيرة أول أمس.", "2020-10-05", "day"),
    ("اندلعت المعارك في سبتمبر 2020.", "2020-09-01", "month"),
    ("فشلت المفاوضات الشهر الماضي.", "2020-09-01", "month"),
    ("في عام 2016 اندلعت معارك.", "2016-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_relative_week():
    week = find_dates("تجددت الاشتباكات الأسبوع الماضي.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")


@pytest.mark.parametrize("text,surface,name", [
    ("قالت أذربيجان إن أرمينيا قصفت مدينة ترتر.", "ترتر", "Tartar"),
    ("قصفت أرمينيا خانكندي، بحسب أذربيجان.", "خانكندي", "Khankendi"),
    ("تستمر المعارك في إقليم ناغورني قره باغ.", "ناغورني قره باغ", "Nagorno-Karabakh"),
    ("تستمر المعارك في قره باغ.", "قره باغ", "Nagorno-Karabakh"),
    ("وصل الوفد إلى باكو.", "باكو", "Baku"),
    ("وصل الوفد وباكو ترحب.", "وباكو", "Baku"),
    ("سافر الوزير إلى يريفان وبباكو.", "وبباكو", "Baku"),
    ("جرت محادثات في موسكو وتبليسي.", "وتبليسي", "Tbilisi"),
    ("جرت محادثات في موسكو وتبليسي.", "موسكو", "Moscow"),
])
def test_place_names_and_clitics(gaz, text, surface, name):
    assert places(gaz, text)[surface].name == name


@pytest.mark.parametrize("text,surface,country", [
    ("اجتمع ممثلو روسيا وتركيا وإيران وجورجيا وفرنسا.", "روسيا", "RU"),
    ("اجتمع ممثلو روسيا وتركيا وإيران وجورجيا وفرنسا.", "وتركيا", "TR"),
    ("اجتمع ممثلو روسيا وتركيا وإيران وجورجيا وفرنسا.", "وإيران", "IR"),
    ("اجتمع ممثلو روسيا وتركيا وإيران وجورجيا وفرنسا.", "وجورجيا", "GE"),
    ("اجتمع ممثلو روسيا وتركيا وإيران وجورجيا وفرنسا.", "وفرنسا", "FR"),
    ("دعت الولايات المتحدة أرمينيا وأذربيجان إلى الهدوء.", "الولايات المتحدة", "US"),
    ("دعت الولايات المتحدة أرمينيا وأذربيجان إلى الهدوء.", "وأذربيجان", "AZ"),
    ("قدمت فرنسا دعما لأرمينيا.", "لأرمينيا", "AM"),
])
def test_country_names_and_clitics(gaz, text, surface, country):
    assert places(gaz, text)[surface].country == country


def test_common_words_are_no_places(gaz):
    found = places(gaz, "وإن كان القصف في آب يوم الخميس على ترتر، بحسب بيان أذربيجان.")
    assert set(found) == {"ترتر", "أذربيجان"}


def test_verb_first_claimant_and_victims_named_by_nationality(gaz):
    text = "قالت وزارة الدفاع الأذربيجانية إن 12 جنديا أرمنيا قتلوا في قره باغ."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "وزارة الدفاع الأذربيجانية"
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (12, "soldiers", "AM",
                                                                           "named with the victims")
    assert ev.place_name == "Nagorno-Karabakh"


def test_according_to_and_date_and_town(gaz):
    text = "وفقا لمكتب المدعي العام في أذربيجان، قتل أمس مدنيان اثنان في ترتر."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "لمكتب المدعي العام في أذربيجان"
    assert (ev.killed_low, ev.victim_side) == (2, "AZ")
    assert ev.date == "2020-10-06" and ev.place_name == "Tartar"


def test_side_named_in_the_ranks_after_the_noun(gaz):
    text = "أعلنت أرمينيا مقتل 4 جنود في صفوف الجيش الأذربيجاني."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (4, "AZ", "named with the victims")


def test_own_side(gaz):
    text = "قالت وزارة الدفاع الأرمينية إن 15 جنديا قتلوا في صفوفها."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (15, "soldiers", "AM",
                                                                           "the claimant's own side")


def test_hostile_victims_are_the_other_party(gaz):
    text = ("تبادلت أرمينيا وأذربيجان الاتهامات بخرق وقف إطلاق النار.\n"
            "وقالت وزارة الدفاع الأذربيجانية إن 30 مرتزقا قتلوا.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (30, "fighters", "AM")


def test_anaphoric_claimant(gaz):
    text = ("قالت وزارة الدفاع الروسية إن قافلة تعرضت للقصف في سوريا.\n"
            "وأضافت الوزارة أن جنديين أصيبا.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "وزارة الدفاع الروسية" and ev.victim_side == "RU"


def test_incident_without_figures(gaz):
    text = "قصفت القوات الأرمينية مدينة ترتر يوم الأحد، بحسب أذربيجان."
    evs = build_events("a1", text, LANG, PUB, find_places(text, "a1", LANG, gaz))
    assert len(evs) == 1 and evs[0].place_name == "Tartar" and evs[0].date == "2020-10-04"
