"""Polish: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates

from .helpers import Language

LANG = "pl"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Co najmniej 10 ormiańskich żołnierzy zginęło, a 25 zostało rannych.",
     [("killed", 10, None, True), ("wounded", 25, 25, False)]),
    ("Trzech cywilów straciło życie w nocnym ostrzale.", [("killed", 3, 3, False)]),
    ("Dziesiątki żołnierzy zginęły w walkach o miasto.", [("killed", 20, 99, True)]),
    ("Liczba ofiar wzrosła do 45.", [("killed", 45, 45, False)]),
    ("Ponad 5 600 żołnierzy zginęło od początku wojny.", [("killed", 5600, None, True)]),
    ("Dwadzieścia jeden osób zostało rannych.", [("wounded", 21, 21, False)]),
    ("Kilkanaście osób uznano za zaginione.", [("missing", 11, 19, True)]),
    ("Jedna kobieta zginęła, a dwoje dzieci zostało rannych.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
    ("Ciała 12 żołnierzy przekazano rodzinom.", [("killed", 12, 12, False)]),
    ("Do 300 osób zostało rannych.", [("wounded", None, 300, True)]),
    ("Dwustu wrogich bojowników zostało zabitych.", [("killed", 200, 200, False)]),
    ("Dwóch żołnierzy zginęło na granicy.", [("killed", 2, 2, False)]),
    ("Dwaj żołnierze zginęli, a pięciu zostało rannych.", [("killed", 2, 2, False), ("wounded", 5, 5, False)]),
    ("Setki cywilów zostały ranne.", [("wounded", 200, 999, True)]),
    ("Ok. 5 tys. osób zginęło w ciągu miesiąca.", [("killed", 5000, 5000, True)]),
    ("Jeden żołnierz azerbejdżański zginął.", [("killed", 1, 1, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Rosja rozmieściła 2000 żołnierzy sił pokojowych w regionie.",  # force size
    "Armia straciła 20 czołgów i 30 dronów w 2020 roku.",  # equipment, a year
    "Walki trwały 24 godziny, a konflikt trwa od 26 lat.",  # durations
    "Odnotowano trzy ataki na pozycje wojska.",  # counts of attacks
    "Policja zatrzymała 6 żołnierzy oskarżonych o zabicie pasterza.",  # arrests
    "Dwa tysiące pięćset osób ewakuowano.",  # evacuations
    "5. brygada została przerzucona 28.09.2020 o 10:30.",  # ordinal, date, time
    "Zginął 27 września 2020 roku w wieku 40 lat.",  # date and age
    "12-letni chłopiec uciekł z domu.",  # age
    "Konflikt, który pochłonął około 30 tysięcy ofiar, nie zakończył się.",  # a conflict's running toll
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Walki rozpoczęły się 27 września 2020 roku.", "2020-09-27", "day"),
    ("Dnia 3 października miasto zostało ostrzelane.", "2020-10-03", "day"),  # the year of publication
    ("Wczoraj armia ostrzelała miasto.", "2020-10-06", "day"),
    ("We wtorek zginęło trzech cywilów.", "2020-10-06", "day"),
    ("W niedzielę wznowiono ostrzał.", "2020-10-04", "day"),
    ("Zeszłej nocy znów strzelano.", "2020-10-06", "day"),
    ("Przedwczoraj spadł dron.", "2020-10-05", "day"),
    ("Działania wojenne wybuchły we wrześniu 2020 roku.", "2020-09-01", "month"),
    ("W zeszłym miesiącu toczyły się ciężkie walki.", "2020-09-01", "month"),
    ("Wojna w 2020 roku trwała 44 dni.", "2020-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_week_and_span():
    week = find_dates("W zeszłym tygodniu walki wybuchły ponownie.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")
    span = find_dates("Od 27 września do 10 listopada 2020 roku trwała wojna.", LANG, date(2020, 12, 1))[0]
    assert (span.date, span.date_end) == ("2020-09-27", "2020-11-10")


def test_inflected_places(gaz):
    found = places(gaz, "W Moskwie, w Erywaniu i w Stepanakercie trwają rozmowy o Azerbejdżanie.")
    assert (found["Moskwie"].name, found["Erywaniu"].name, found["Stepanakercie"].name) == (
        "Moscow", "Yerevan", "Khankendi")
    assert found["Azerbejdżanie"].country == "AZ"
    found = places(gaz, "Wojska Armenii wycofały się z Szuszy i spod Tartaru w Azerbejdżanie.")
    assert (found["Armenii"].country, found["Szuszy"].name, found["Tartaru"].name) == ("AM", "Shusha", "Tartar")
    found = places(gaz, "Ostrzał Gandży i Bardy trwał, poinformował Azerbejdżan.")
    assert (found["Gandży"].name, found["Bardy"].name) == ("Ganja", "Barda")
    found = places(gaz, "Prezydent Alijew rozmawiał w Baku z Rosją, Turcją i Iranem.")
    assert (found["Baku"].name, found["Rosją"].country, found["Turcją"].country, found["Iranem"].country) == (
        "Baku", "RU", "TR", "IR")
    assert "Alijew" not in found


def test_mountainous_karabakh(gaz):
    found = places(gaz, "Walki w Górskim Karabachu trwają, poinformował Azerbejdżan.")
    assert found["Górskim Karabachu"].name == "Nagorno-Karabakh"


def test_claimant_and_side_named_with_the_victims(gaz):
    text = ("Według armeńskiego ministerstwa obrony, 12 żołnierzy azerbejdżańskich zginęło w Tartarze "
            "w Azerbejdżanie.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "armeńskiego ministerstwa obrony"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (12, "soldiers", "AZ")
    assert ev.side_basis == "named with the victims" and ev.place_name == "Tartar"


def test_claimant_before_the_verb_and_place(gaz):
    text = "Baku podało, że 30 cywilów zginęło w Gandży w Azerbejdżanie 11 października."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Baku" and (ev.killed_low, ev.victims, ev.victim_side) == (30, "civilians", "AZ")
    assert ev.date == "2020-10-11" and ev.place_name == "Ganja"


def test_own_side(gaz):
    text = "Ministerstwo Obrony Azerbejdżanu poinformowało, że zginęło 7 jego żołnierzy."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side) == (7, "AZ")
    ev = events(gaz, "Erywań poinformował, że wczoraj zginęło 15 żołnierzy po swojej stronie.")[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")
    assert ev.date == "2020-10-06"


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Armenia i Azerbejdżan oskarżają się nawzajem.\n"
            "Ministerstwo obrony Azerbejdżanu podało, że zginęło 20 wrogich bojowników.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (20, "fighters", "AM")


def test_incident_without_figures(gaz):
    evs = all_events(gaz, "Armia azerbejdżańska ostrzelała w niedzielę Stepanakert w Azerbejdżanie.")
    assert len(evs) == 1 and evs[0].place_name == "Khankendi" and evs[0].date == "2020-10-04"
    evs = all_events(gaz, "Ostrzał Gandży i Bardy trwał, poinformował Azerbejdżan.")
    assert len(evs) == 1 and evs[0].claimed_by == "Azerbejdżan" and evs[0].place_name == "Ganja"


def test_an_inflected_country_is_not_a_small_town_elsewhere(gaz):
    # "Armenię" folds to "armenie", an alternate name of the Colombian town Armenia; the stem is the country
    assert places(gaz, "Azerbejdżan oskarża Armenię o ostrzał.")["Armenię"].country == "AM"
