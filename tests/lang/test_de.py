"""German: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates

from .helpers import Language

LANG = "de"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Mindestens 10 armenische Soldaten wurden getötet und 25 verletzt.",
     [("killed", 10, None, True), ("wounded", 25, 25, False)]),
    ("Drei Zivilisten kamen bei dem Angriff ums Leben.", [("killed", 3, 3, False)]),
    ("Dutzende Soldaten starben in den Kämpfen um die Stadt.", [("killed", 24, 99, True)]),
    ("Die Zahl der Toten stieg auf 45.", [("killed", 45, 45, False)]),
    ("Mehr als 5.600 Soldaten wurden seit Beginn des Krieges getötet.", [("killed", 5600, None, True)]),
    ("Einundzwanzig Menschen wurden verletzt.", [("wounded", 21, 21, False)]),
    ("Rund ein Dutzend Dorfbewohner werden vermisst.", [("missing", 12, 12, True)]),
    ("Eine Frau wurde getötet und zwei Kinder wurden verletzt.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
    ("Es gab 12 Tote und 30 Verletzte.", [("killed", 12, 12, False), ("wounded", 30, 30, False)]),
    ("Die Leichen von 12 Soldaten wurden übergeben.", [("killed", 12, 12, False)]),
    ("Bis zu 300 Menschen wurden verwundet.", [("wounded", None, 300, True)]),
    ("Zweihundert feindliche Kämpfer wurden getötet.", [("killed", 200, 200, False)]),
    ("Ein aserbaidschanischer Soldat wurde getötet.", [("killed", 1, 1, False)]),
    ("Hunderte Zivilisten wurden bei den Angriffen verletzt.", [("wounded", 200, 999, True)]),
    ("Etwa 1 200 Menschen gelten als vermisst.", [("missing", 1200, 1200, True)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Russland hat 2.000 Friedenssoldaten in die Region entsandt.",  # force size
    "Die Armee verlor 20 Panzer und 30 Drohnen im Jahr 2020.",  # equipment, a year
    "Die Kämpfe dauerten 24 Stunden, der Konflikt dauert seit 26 Jahren an.",  # durations
    "Drei Angriffe wurden am Morgen gemeldet.",  # counts of attacks
    "Die Polizei nahm 6 Soldaten fest, die einen Hirten getötet haben sollen.",  # arrests
    "2500 Menschen wurden evakuiert.",  # evacuations
    "Die 5. Brigade wurde am 28.9.2020 um 10:30 Uhr verlegt.",  # ordinal, date, time
    "Er wurde am 27. September 2020 im Alter von 40 Jahren getötet.",  # date and age
    "Ein 12-Jähriger rannte davon.",  # age
    "Der Konflikt, der bislang etwa 30.000 Menschen das Leben kostete, ist nicht beendet.",  # running toll
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Am 27. September 2020 begannen die Kämpfe.", "2020-09-27", "day"),
    ("Die Waffenruhe trat am 10.10.2020 in Kraft.", "2020-10-10", "day"),
    ("Gestern wurde die Stadt beschossen.", "2020-10-06", "day"),
    ("Am Dienstag wurden drei Zivilisten getötet.", "2020-10-06", "day"),
    ("Am Sonntagabend heulten die Sirenen.", "2020-10-04", "day"),
    ("Vorgestern stürzte eine Drohne ab.", "2020-10-05", "day"),
    ("Die Kämpfe brachen im September 2020 aus.", "2020-09-01", "month"),
    ("Im vergangenen Monat wurde heftig gekämpft.", "2020-09-01", "month"),
    ("Der Krieg im Jahr 2020 dauerte 44 Tage.", "2020-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_week_and_span():
    week = find_dates("Vergangene Woche flammten die Kämpfe wieder auf.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")
    span = find_dates("Vom 27. September bis zum 10. November 2020 tobte der Krieg.", LANG, date(2020, 12, 1))[0]
    assert (span.date, span.date_end) == ("2020-09-27", "2020-11-10")


def test_places(gaz):
    found = places(gaz, "In Bergkarabach wird wieder gekämpft, meldet Aserbaidschan.")
    assert found["Bergkarabach"].name == "Nagorno-Karabakh" and found["Aserbaidschan"].country == "AZ"
    found = places(gaz, "Aserbaidschan meldete Beschuss aus Tartar und von Stepanakert.")
    assert found["Tartar"].name == "Tartar" and found["Stepanakert"].country == "AZ"
    # the genitive "-s" of names
    found = places(gaz, "Die Armee Aserbaidschans und die Regierung Russlands sprachen über Berg-Karabach.")
    assert (found["Aserbaidschans"].country, found["Russlands"].country) == ("AZ", "RU")
    assert found["Berg-Karabach"].name == "Nagorno-Karabakh"
    found = places(gaz, "Präsident Alijew empfing in Baku Gesandte aus Eriwan und Moskau.")
    assert (found["Baku"].name, found["Eriwan"].name, found["Moskau"].name) == ("Baku", "Yerevan", "Moscow")
    assert "Alijew" not in found


def test_claimant_and_side_named_with_the_victims(gaz):
    text = ("Nach Angaben des armenischen Verteidigungsministeriums wurden 12 aserbaidschanische Soldaten "
            "bei Tartar getötet.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "des armenischen Verteidigungsministeriums"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (12, "soldiers", "AZ")


def test_claimant_after_the_verb_in_v2_order(gaz):
    text = "Am Dienstag erklärte das Verteidigungsministerium in Baku, 30 Zivilisten seien in Ganja getötet worden."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "das Verteidigungsministerium in Baku"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (30, "civilians", "AZ")
    assert ev.date == "2020-10-06" and ev.place_name == "Ganja"


def test_own_side(gaz):
    text = "Das aserbaidschanische Verteidigungsministerium teilte mit, sieben eigene Soldaten seien getötet worden."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side) == (7, "AZ")
    ev = events(gaz, "Laut Eriwan wurden gestern 15 Soldaten auf eigener Seite in Bergkarabach getötet.")[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")
    assert ev.date == "2020-10-06" and ev.place_name == "Nagorno-Karabakh"


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Armenien und Aserbaidschan werfen sich gegenseitig Angriffe vor.\n"
            "Das Ministerium in Baku sagte, 20 feindliche Kämpfer seien getötet worden.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (20, "fighters", "AM")


def test_incident_without_figures(gaz):
    evs = all_events(gaz, "Artilleriefeuer traf am Sonntag das Zentrum von Stepanakert in Bergkarabach.")
    assert len(evs) == 1 and evs[0].place_name == "Khankendi" and evs[0].date == "2020-10-04"
