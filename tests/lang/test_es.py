"""Spanish: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates

from .helpers import Language

LANG = "es"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Al menos 10 soldados armenios murieron y 25 resultaron heridos.",
     [("killed", 10, None, True), ("wounded", 25, 25, False)]),
    ("Tres civiles perdieron la vida en el bombardeo nocturno.", [("killed", 3, 3, False)]),
    ("Decenas de militares murieron en los combates.", [("killed", 20, 99, True)]),
    ("La cifra de muertos ascendió a 45.", [("killed", 45, 45, False)]),
    ("Más de 5.600 soldados han muerto desde el inicio de la guerra.", [("killed", 5600, None, True)]),
    ("Treinta y dos personas resultaron heridas.", [("wounded", 32, 32, False)]),
    ("Veintiún civiles murieron en el ataque.", [("killed", 21, 21, False)]),
    ("Una decena de vecinos siguen desaparecidos.", [("missing", 10, 10, True)]),
    ("Una mujer murió y dos niños resultaron heridos.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
    ("Los cuerpos de 12 soldados fueron entregados a sus familias.", [("killed", 12, 12, False)]),
    ("Cerca de 300 personas resultaron heridas.", [("wounded", None, 300, True)]),
    ("Doscientos combatientes enemigos fueron abatidos.", [("killed", 200, 200, False)]),
    ("Un soldado azerbaiyano murió en la frontera.", [("killed", 1, 1, False)]),
    ("Cientos de civiles resultaron heridos.", [("wounded", 200, 999, True)]),
    ("Unos 1.200 hombres murieron en una semana.", [("killed", 1200, 1200, True)]),
    ("Un niño de 12 años resultó herido.", [("wounded", 1, 1, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Rusia desplegó 2.000 soldados de paz en la región.",  # force size
    "El ejército perdió 20 tanques y 30 drones en 2020.",  # equipment, a year
    "Los combates duraron 24 horas y el conflicto lleva 26 años.",  # durations
    "Tres ataques fueron registrados durante la noche.",  # counts of attacks
    "La policía detuvo a 6 soldados acusados de matar a un pastor.",  # arrests
    "Dos mil quinientas personas fueron evacuadas.",  # evacuations
    "La 5.ª brigada fue desplegada el 28/9/2020 a las 10:30.",  # ordinal, date, time
    "Murió el 27 de septiembre de 2020 a los 40 años.",  # date and age
    "El conflicto, que ha dejado unos 30.000 muertos, no ha terminado.",  # a conflict's running toll
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Los combates comenzaron el 27 de septiembre de 2020.", "2020-09-27", "day"),
    ("El 3 de octubre fue bombardeada la ciudad.", "2020-10-03", "day"),  # the year of publication
    ("Ayer el ejército bombardeó la ciudad.", "2020-10-06", "day"),
    ("El martes murieron tres civiles.", "2020-10-06", "day"),
    ("Anoche se reanudaron los disparos.", "2020-10-06", "day"),
    ("Anteayer cayó un dron.", "2020-10-05", "day"),
    ("Las hostilidades estallaron en septiembre de 2020.", "2020-09-01", "month"),
    ("El mes pasado hubo duros combates.", "2020-09-01", "month"),
    ("La guerra de 2020 duró 44 días.", "2020-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_week_and_span():
    week = find_dates("La semana pasada se reanudaron los combates.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")
    span = find_dates("Del 27 de septiembre al 10 de noviembre de 2020 duró la guerra.", LANG, date(2020, 12, 1))[0]
    assert (span.date, span.date_end) == ("2020-09-27", "2020-11-10")


def test_places(gaz):
    found = places(gaz, "Se reanudaron los combates en Nagorno Karabaj, según Azerbaiyán.")
    assert found["Nagorno Karabaj"].name == "Nagorno-Karabakh" and found["Azerbaiyán"].country == "AZ"
    found = places(gaz, "Cayeron proyectiles en Stepanakert, en el Alto Karabaj.")
    assert found["Stepanakert"].country == "AZ" and found["Alto Karabaj"].name == "Nagorno-Karabakh"
    found = places(gaz, "El ejército bombardeó Ganja y Tartar, según Azerbaiyán.")
    assert found["Ganja"].name == "Ganja" and found["Tartar"].name == "Tartar"
    found = places(gaz, "El presidente Aliyev habló en Bakú con Rusia, Turquía, Irán y Estados Unidos.")
    assert (found["Bakú"].name, found["Rusia"].country, found["Estados Unidos"].country) == ("Baku", "RU", "US")
    assert "El" not in found and "Aliyev" not in found
    found = places(gaz, "Ereván y Moscú negociaron una tregua en Karabaj.")
    assert (found["Ereván"].name, found["Moscú"].name, found["Karabaj"].name) == (
        "Yerevan", "Moscow", "Nagorno-Karabakh")


def test_claimant_and_side_named_with_the_victims(gaz):
    text = "Según el Ministerio de Defensa de Armenia, 12 soldados azerbaiyanos murieron cerca de Tartar."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "el Ministerio de Defensa de Armenia"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (12, "soldiers", "AZ")
    assert ev.side_basis == "named with the victims"


def test_claimant_before_the_verb_and_place(gaz):
    text = "Bakú aseguró que 30 civiles murieron en Ganja, Azerbaiyán, el 11 de octubre."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Bakú" and (ev.killed_low, ev.victims, ev.victim_side) == (30, "civilians", "AZ")
    assert ev.date == "2020-10-11" and ev.place_name == "Ganja"


def test_own_side(gaz):
    text = "El Ministerio de Defensa de Azerbaiyán informó que 7 de sus soldados murieron."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side) == (7, "AZ")
    ev = events(gaz, "Ereván informó que 15 soldados propios murieron ayer en el Alto Karabaj.")[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")
    assert ev.date == "2020-10-06" and ev.place_name == "Nagorno-Karabakh"


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Armenia y Azerbaiyán se acusan mutuamente.\n"
            "El ministerio azerbaiyano dijo que 20 combatientes enemigos fueron abatidos.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (20, "fighters", "AM")


def test_incident_without_figures(gaz):
    evs = all_events(gaz, "El ejército azerbaiyano bombardeó el domingo la ciudad de Stepanakert, en Nagorno Karabaj.")
    assert len(evs) == 1 and evs[0].place_name == "Khankendi" and evs[0].date == "2020-10-04"
