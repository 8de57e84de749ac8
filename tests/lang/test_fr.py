"""French: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates
from lib.events import build_events
from lib.places import find_places

from .helpers import Language

LANG = "fr"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Au moins 10 soldats arméniens ont été tués et 25 blessés.",
     [("killed", 10, None, True), ("wounded", 25, 25, False)]),
    ("Trois civils ont perdu la vie dans le bombardement de la nuit.", [("killed", 3, 3, False)]),
    ("Des dizaines de militaires sont morts au cours des combats.", [("killed", 20, 99, True)]),
    ("Le bilan s'élève désormais à 45 morts.", [("killed", 45, 45, False)]),
    ("Plus de 5 600 soldats ont été tués depuis le début de la guerre.", [("killed", 5600, None, True)]),
    ("Vingt et une personnes ont été blessées par les éclats.", [("wounded", 21, 21, False)]),
    ("Une dizaine d'habitants sont portés disparus.", [("missing", 10, 10, True)]),
    ("Quatre-vingt-dix soldats ont été tués en une semaine.", [("killed", 90, 90, False)]),
    ("Deux cents combattants ennemis ont été tués.", [("killed", 200, 200, False)]),
    ("Le nombre de morts est passé à 72 dimanche.", [("killed", 72, 72, False)]),
    ("Une femme a été tuée et deux enfants ont été blessés.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
    ("Trois soldats sont morts et 4 autres ont été blessés.", [("killed", 3, 3, False), ("wounded", 4, 4, False)]),
    ("Les corps de 12 soldats ont été rapatriés.", [("killed", 12, 12, False)]),
    ("Près de 300 personnes ont été blessées.", [("wounded", None, 300, True)]),
    ("Des centaines de civils ont été blessés lors des frappes.", [("wounded", 200, 999, True)]),
    ("L'ennemi a perdu quelque 1 200 hommes.", [("killed", 1200, 1200, True)]),
    ("Un garçon de 12 ans a été blessé.", [("wounded", 1, 1, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "La Russie a déployé 2 000 soldats de la paix dans la région.",  # force size
    "L'armée a perdu 20 chars et 30 drones en 2020.",  # equipment, a year
    "Les combats ont duré 24 heures ; le conflit dure depuis 26 ans.",  # durations
    "Trois attaques ont été signalées dans la nuit.",  # counts of attacks
    "La police a arrêté 6 soldats accusés d'avoir tué un berger.",  # arrests
    "Deux mille cinq cents personnes ont été évacuées.",  # evacuations
    "La 5e brigade a été déployée le 28/9/2020 à 10 h 30.",  # ordinal, date, time
    "Le conflit, qui a fait quelque 30 000 morts, n'est pas terminé.",  # a conflict's running toll
    "Il a été tué le 27 septembre 2020 à l'âge de 40 ans.",  # date and age
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Les combats ont repris le 27 septembre 2020.", "2020-09-27", "day"),
    ("Le 10 novembre, un accord a été signé.", "2019-11-10", "day"),  # no year: the year before publication
    ("Hier, l'armée a bombardé la ville.", "2020-10-06", "day"),
    ("Mardi, trois civils ont été tués.", "2020-10-06", "day"),
    ("La nuit dernière, les tirs ont repris.", "2020-10-06", "day"),
    ("Avant-hier, un drone a été abattu.", "2020-10-05", "day"),
    ("Les hostilités ont éclaté en septembre 2020.", "2020-09-01", "month"),
    ("Le mois dernier, les combats ont fait rage.", "2020-09-01", "month"),
    ("La guerre de 2020 a duré 44 jours.", "2020-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_week_and_span():
    week = find_dates("La semaine dernière, les combats ont repris.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")
    span = find_dates("Du 27 septembre au 10 novembre 2020, la guerre a fait rage.", LANG, date(2020, 12, 1))[0]
    assert (span.date, span.date_end) == ("2020-09-27", "2020-11-10")


def test_places(gaz):
    found = places(gaz, "De violents combats ont éclaté au Haut-Karabakh, selon l'Azerbaïdjan.")
    assert found["Haut-Karabakh"].name == "Nagorno-Karabakh" and found["Azerbaïdjan"].country == "AZ"
    found = places(gaz, "Des obus sont tombés à Stepanakert, en Azerbaïdjan.")
    assert found["Stepanakert"].country == "AZ" and found["Stepanakert"].precision == "town"
    found = places(gaz, "L'armée a bombardé Gandja et Tartar, d'après l'Azerbaïdjan.")
    assert found["Gandja"].name == "Ganja" and found["Tartar"].name == "Tartar"
    found = places(gaz, "Le Premier ministre Pachinian a reçu à Erevan les envoyés de Moscou et des États-Unis.")
    assert (found["Erevan"].name, found["Moscou"].name, found["États-Unis"].country) == ("Yerevan", "Moscow", "US")
    assert "Pachinian" not in found


def test_claimant_and_side_named_with_the_victims(gaz):
    text = "Selon le ministère arménien de la Défense, 12 soldats azerbaïdjanais ont été tués près de Tartar."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "le ministère arménien de la Défense"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (12, "soldiers", "AZ")
    assert ev.side_basis == "named with the victims"


def test_country_after_the_victims(gaz):
    text = "Au moins 4 civils de l'Arménie ont été blessés hier à Stepanakert, au Haut-Karabakh, selon Bakou."
    ev = events(gaz, text)[0]
    assert (ev.wounded_low, ev.wounded_high, ev.victim_side) == (4, None, "AM")
    assert ev.date == "2020-10-06" and ev.place_name == "Khankendi"


def test_own_side(gaz):
    text = "Le ministère azerbaïdjanais de la Défense a annoncé que 7 de ses soldats avaient été tués."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side) == (7, "AZ")
    text = "Erevan a indiqué que 15 soldats de son côté avaient été tués mardi au Haut-Karabakh."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")
    assert ev.date == "2020-10-06" and ev.place_name == "Nagorno-Karabakh"


def test_hostile_victims_are_the_other_party(gaz):
    text = ("L'Arménie et l'Azerbaïdjan s'accusent mutuellement.\n"
            "Le ministère azerbaïdjanais a déclaré que 20 combattants ennemis avaient été tués.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (20, "fighters", "AM")


def test_incident_without_figures(gaz):
    evs = build_events("a1", "Dimanche, l'armée arménienne a bombardé Gandja, en Azerbaïdjan.", LANG, PUB,
                       find_places("Dimanche, l'armée arménienne a bombardé Gandja, en Azerbaïdjan.", "a1", LANG, gaz))
    assert len(evs) == 1 and evs[0].place_name == "Ganja" and evs[0].date == "2020-10-04"
