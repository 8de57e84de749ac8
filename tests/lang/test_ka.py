"""Georgian: casualty figures, distractors, dates, places and events on sentences written for these tests.

Since Unicode 11 the Mkhedruli letters have Mtavruli capitals, so Python sees Georgian text as lower case:
the place finder takes no Georgian word for a name and the sentence splitter starts no sentence with one.
Place tests are therefore expected failures, and texts of several sentences put each on its own line.
"""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates

from .helpers import Language

LANG = "ka"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("დაბომბვის შედეგად დაიღუპა 5 ჯარისკაცი, კიდევ 12 დაიჭრა.",
     [("killed", 5, 5, False), ("wounded", 12, 12, False)]),
    ("ბაზარზე დარტყმისას სულ მცირე 14 მშვიდობიანი მოქალაქე მოკლეს.", [("killed", 14, None, True)]),
    ("ექვსი სომეხი ჯარისკაცი დაიღუპა, სამი დაიჭრა.", [("killed", 6, 6, False), ("wounded", 3, 3, False)]),
    ("ორი აზერბაიჯანელი სამხედრო მოსამსახურე დაიღუპა.", [("killed", 2, 2, False)]),
    ("დაახლოებით 5 600 ადამიანი დაიღუპა ომის დროს.", [("killed", 5600, 5600, True)]),
    ("ათეულობით მშვიდობიანი მცხოვრები უგზო-უკვლოდ დაკარგულად ითვლება.", [("missing", 20, 99, True)]),
    ("დაღუპულთა რიცხვმა 45-ს მიაღწია.", [("killed", 45, 45, False)]),
    ("სულ მცირე 2 ათასი ჯარისკაცი დაიღუპა.", [("killed", 2000, None, True)]),
    ("მორგში 20 ჯარისკაცის ცხედარი ამოიცნეს.", [("killed", 20, 20, False)]),
    ("დარტყმის შედეგად ასობით ადამიანი დაშავდა.", [("wounded", 200, 999, True)]),
    ("ოცდახუთი მშვიდობიანი მცხოვრები დაიჭრა.", [("wounded", 25, 25, False)]),
    ("ორმოცდაათი ჯარისკაცი დაიღუპა.", [("killed", 50, 50, False)]),
    ("თითქმის 30 ადამიანი დაიღუპა.", [("killed", None, 30, True)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "რუსეთმა რეგიონში 2000 სამშვიდობო განალაგა.",  # force size
    "არმიამ 200 ტანკი და 30 დრონი დაკარგა, თუმცა 2020 წელს არავინ დაღუპულა.",  # equipment, a year
    "ბრძოლა 24 საათს გაგრძელდა, კონფლიქტი კი 26 წელია გრძელდება.",  # durations
    "ღამით 3 თავდასხმა დაფიქსირდა.",  # counts of attacks
    "პოლიციამ 6 ჯარისკაცი დააკავა.",  # arrests
    "მოსაზღვრე სოფლებიდან 2500 ადამიანის ევაკუაცია მოხდა.",  # evacuations
    "მე-5 ბრიგადა 28.09.2020-ს 10:30-ზე გადაისროლეს.",  # ordinal, date, time
    "ომმა, რომელმაც 30 ათასზე მეტი ადამიანის სიცოცხლე შეიწირა, ჯერ არ დასრულებულა.",  # a running toll
    "დაიღუპა 20 წლის ჯარისკაცი.",  # an age
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("ბრძოლები 27 სექტემბერს დაიწყო.", "2020-09-27", "day"),
    ("ბრძოლები 2020 წლის 27 სექტემბერს დაიწყო.", "2020-09-27", "day"),  # the year is the publication's
    ("10 ნოემბერს სამმხრივ განცხადებას მოეწერა ხელი.", "2019-11-10", "day"),  # the year before
    ("გუშინ დაბომბვა განახლდა.", "2020-10-06", "day"),
    ("სამშაბათს სამი მშვიდობიანი მოქალაქე დაიღუპა.", "2020-10-06", "day"),
    ("პარასკევს ცეცხლის შეწყვეტა დაირღვა.", "2020-10-02", "day"),
    ("გუშინწინ დრონი ჩამოაგდეს.", "2020-10-05", "day"),
    ("ბრძოლები სექტემბერში დაიწყო.", "2020-09-01", "month"),
    ("გასულ თვეს მოლაპარაკებები ჩაიშალა.", "2020-09-01", "month"),
    ("27.09.2020-ს ომი დაიწყო.", "2020-09-27", "day"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_relative_week():
    week = find_dates("გასულ კვირას ბრძოლები განახლდა.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")


@pytest.mark.parametrize("text,surface,name", [
    ("თბილისში მოლაპარაკებები გაიმართა.", "თბილისში", "Tbilisi"),
    ("ბაქოში და ერევანში დელეგაციები ჩავიდნენ.", "ბაქოში", "Baku"),
    ("ბაქოში და ერევანში დელეგაციები ჩავიდნენ.", "ერევანში", "Yerevan"),
    ("სტეფანაკერტში აფეთქებები ისმის, იუწყება აზერბაიჯანი.", "სტეფანაკერტში", "Khankendi"),
    ("განჯის დაბომბვის შესახებ აზერბაიჯანმა განაცხადა.", "განჯის", "Ganja"),
    ("ყარაბაღში ბრძოლები გრძელდება.", "ყარაბაღში", "Nagorno-Karabakh"),
    ("ერევნის პოზიცია ცნობილია.", "ერევნის", "Yerevan"),
    ("სომხეთის და აზერბაიჯანის წარმომადგენლები შეხვდნენ.", "სომხეთის", "Armenia"),
    ("მოსკოვიდან და ანკარიდან მოწოდებები გაისმა.", "მოსკოვიდან", "Moscow"),
])
def test_inflected_place_names(gaz, text, surface, name):
    assert places(gaz, text)[surface].name == name


def test_claimant_and_victims_named_by_nationality(gaz):
    text = "აზერბაიჯანის თავდაცვის სამინისტრომ განაცხადა, რომ დაიღუპა 12 სომეხი ჯარისკაცი."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "აზერბაიჯანის თავდაცვის სამინისტრომ"
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (12, "soldiers", "AM",
                                                                           "named with the victims")


def test_according_to_and_date(gaz):
    text = "აზერბაიჯანის გენერალური პროკურატურის ცნობით, გუშინ ორი მშვიდობიანი მოქალაქე დაიღუპა."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "აზერბაიჯანის გენერალური პროკურატურის"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (2, "civilians", "AZ")
    assert ev.date == "2020-10-06"


def test_own_side(gaz):
    text = "სომხეთის თავდაცვის სამინისტრომ განაცხადა, რომ დაიღუპა 15 ჯარისკაცი ჩვენი მხრიდან."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")


def test_hostile_victims_are_the_other_party(gaz):
    text = ("სომხური და აზერბაიჯანული მხარეები ერთმანეთს ადანაშაულებენ.\n"
            "აზერბაიჯანის თავდაცვის სამინისტრომ განაცხადა, რომ განადგურდა 30 ტერორისტი.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims) == (30, "fighters")
    # the adversary comes from the article's two main countries, which need places: none are found in Georgian
    assert ev.victim_side is None


def test_anaphoric_claimant(gaz):
    text = ("რუსეთის თავდაცვის სამინისტრომ განაცხადა, რომ სირიაში კოლონა დაბომბეს.\n"
            "სამინისტროს ცნობით, ორი სამხედრო მოსამსახურე დაიჭრა.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "რუსეთის თავდაცვის სამინისტრომ" and ev.victim_side == "RU"
