"""Italian: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates

from .helpers import Language

LANG = "it"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Almeno 10 soldati armeni sono stati uccisi e 25 sono rimasti feriti.",
     [("killed", 10, None, True), ("wounded", 25, 25, False)]),
    ("Tre civili hanno perso la vita nel bombardamento notturno.", [("killed", 3, 3, False)]),
    ("Decine di militari sono morti nei combattimenti.", [("killed", 20, 99, True)]),
    ("Il bilancio è salito a 45 morti.", [("killed", 45, 45, False)]),
    ("Oltre 5.600 soldati sono morti dall'inizio della guerra.", [("killed", 5600, None, True)]),
    ("Ventitré persone sono rimaste ferite.", [("wounded", 23, 23, False)]),
    ("Una decina di abitanti risultano dispersi.", [("missing", 10, 10, True)]),
    ("Una donna è morta e due bambini sono rimasti feriti.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
    ("I corpi di 12 soldati sono stati restituiti alle famiglie.", [("killed", 12, 12, False)]),
    ("Quasi 300 persone sono rimaste ferite.", [("wounded", None, 300, True)]),
    ("Duecento combattenti nemici sono stati uccisi.", [("killed", 200, 200, False)]),
    ("Un soldato azero è stato ucciso al confine.", [("killed", 1, 1, False)]),
    ("Centinaia di civili sono rimasti feriti.", [("wounded", 200, 999, True)]),
    ("Circa 1.200 uomini sono morti in una settimana.", [("killed", 1200, 1200, True)]),
    ("Un ragazzo di 12 anni è rimasto ferito.", [("wounded", 1, 1, False)]),
    ("Trentotto soldati sono caduti in battaglia.", [("killed", 38, 38, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "La Russia ha dispiegato 2.000 soldati di pace nella regione.",  # force size
    "L'esercito ha perso 20 carri armati e 30 droni nel 2020.",  # equipment, a year
    "I combattimenti sono durati 24 ore e il conflitto dura da 26 anni.",  # durations
    "Tre attacchi sono stati segnalati durante la notte.",  # counts of attacks
    "La polizia ha arrestato 6 soldati accusati di aver ucciso un pastore.",  # arrests
    "Duemila persone sono state evacuate.",  # evacuations
    "La 5ª brigata è stata schierata il 28/9/2020 alle 10:30.",  # ordinal, date, time
    "È stato ucciso il 27 settembre 2020 all'età di 40 anni.",  # date and age
    "Il conflitto, che ha causato circa 30.000 morti, non è finito.",  # a conflict's running toll
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("I combattimenti sono iniziati il 27 settembre 2020.", "2020-09-27", "day"),
    ("Il 3 ottobre la città è stata bombardata.", "2020-10-03", "day"),  # the year of publication
    ("Ieri l'esercito ha bombardato la città.", "2020-10-06", "day"),
    ("Martedì sono morti tre civili.", "2020-10-06", "day"),
    ("La notte scorsa sono ripresi gli spari.", "2020-10-06", "day"),
    ("L'altro ieri è caduto un drone.", "2020-10-05", "day"),
    ("Le ostilità sono scoppiate nel settembre 2020.", "2020-09-01", "month"),
    ("Il mese scorso ci sono stati duri combattimenti.", "2020-09-01", "month"),
    ("La guerra del 2020 è durata 44 giorni.", "2020-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_week_and_span():
    week = find_dates("La settimana scorsa sono ripresi i combattimenti.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")
    span = find_dates("Dal 27 settembre al 10 novembre 2020 è durata la guerra.", LANG, date(2020, 12, 1))[0]
    assert (span.date, span.date_end) == ("2020-09-27", "2020-11-10")


def test_places(gaz):
    found = places(gaz, "Sono ripresi i combattimenti nel Nagorno-Karabakh, secondo l'Azerbaigian.")
    assert found["Nagorno-Karabakh"].precision == "region" and found["Azerbaigian"].country == "AZ"
    found = places(gaz, "Sono caduti razzi su Stepanakert, nel Karabakh.")
    assert found["Stepanakert"].country == "AZ" and found["Karabakh"].name == "Nagorno-Karabakh"
    found = places(gaz, "L'esercito ha bombardato Ganja e Tartar, secondo l'Azerbaigian.")
    assert found["Ganja"].name == "Ganja" and found["Tartar"].name == "Tartar"
    found = places(gaz, "Il presidente Aliyev ha parlato a Baku con Russia, Turchia, Iran e Stati Uniti.")
    assert (found["Baku"].name, found["Turchia"].country, found["Stati Uniti"].country) == ("Baku", "TR", "US")
    assert "Il" not in found and "Aliyev" not in found
    found = places(gaz, "Erevan e Mosca hanno negoziato una tregua.")
    assert (found["Erevan"].name, found["Mosca"].name) == ("Yerevan", "Moscow")


def test_claimant_and_side_named_with_the_victims(gaz):
    text = "Secondo il ministero della Difesa armeno, 12 soldati azeri sono stati uccisi vicino a Tartar."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "il ministero della Difesa armeno"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (12, "soldiers", "AZ")
    assert ev.side_basis == "named with the victims"


def test_claimant_before_the_verb_and_place(gaz):
    text = "Baku ha affermato che 30 civili sono morti a Ganja, in Azerbaigian, l'11 ottobre."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Baku" and (ev.killed_low, ev.victims, ev.victim_side) == (30, "civilians", "AZ")
    assert ev.date == "2020-10-11" and ev.place_name == "Ganja"


def test_own_side(gaz):
    text = "Il ministero della Difesa dell'Azerbaigian ha detto che 7 dei suoi soldati sono morti."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side) == (7, "AZ")
    ev = events(gaz, "Erevan ha annunciato che 15 soldati tra le sue fila sono morti ieri nel Nagorno-Karabakh.")[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")
    assert ev.date == "2020-10-06" and ev.place_name == "Nagorno-Karabakh"


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Armenia e Azerbaigian si accusano a vicenda.\n"
            "Il ministero azero ha detto che 20 combattenti nemici sono stati uccisi.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (20, "fighters", "AM")


def test_incident_without_figures(gaz):
    evs = all_events(gaz, "L'esercito azero ha bombardato domenica la città di Stepanakert, nel Nagorno-Karabakh.")
    assert len(evs) == 1 and evs[0].place_name == "Khankendi" and evs[0].date == "2020-10-04"
