"""Portuguese: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates

from .helpers import Language

LANG = "pt"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Pelo menos 10 soldados armênios foram mortos e 25 ficaram feridos.",
     [("killed", 10, None, True), ("wounded", 25, 25, False)]),
    ("Três civis perderam a vida no bombardeio noturno.", [("killed", 3, 3, False)]),
    ("Dezenas de militares morreram nos combates.", [("killed", 20, 99, True)]),
    ("O número de mortos subiu para 45.", [("killed", 45, 45, False)]),
    ("Mais de 5.600 soldados morreram desde o início da guerra.", [("killed", 5600, None, True)]),
    ("Vinte e três pessoas ficaram feridas.", [("wounded", 23, 23, False)]),
    ("Duas mil e quinhentas pessoas morreram em um mês.", [("killed", 2500, 2500, False)]),
    ("Uma dezena de moradores estão desaparecidos.", [("missing", 10, 10, True)]),
    ("Uma mulher morreu e duas crianças ficaram feridas.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
    ("Os corpos de 12 soldados foram entregues às famílias.", [("killed", 12, 12, False)]),
    ("Quase 300 pessoas ficaram feridas.", [("wounded", None, 300, True)]),
    ("Duzentos combatentes inimigos foram mortos.", [("killed", 200, 200, False)]),
    ("Um soldado azerbaijano foi morto na fronteira.", [("killed", 1, 1, False)]),
    ("Centenas de civis ficaram feridos.", [("wounded", 200, 999, True)]),
    ("Cerca de 1.200 homens morreram em uma semana.", [("killed", 1200, 1200, True)]),
    ("Um menino de 12 anos ficou ferido.", [("wounded", 1, 1, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "A Rússia enviou 2.000 soldados da paz para a região.",  # force size
    "O exército perdeu 20 tanques e 30 drones em 2020.",  # equipment, a year
    "Os combates duraram 24 horas e o conflito dura há 26 anos.",  # durations
    "Três ataques foram registrados durante a noite.",  # counts of attacks
    "A polícia prendeu 6 soldados acusados de matar um pastor.",  # arrests
    "Duas mil pessoas foram evacuadas.",  # evacuations
    "A 5ª brigada foi enviada em 28/9/2020 às 10h30.",  # ordinal, date, time
    "Ele foi morto em 27 de setembro de 2020, aos 40 anos.",  # date and age
    "O conflito, que já deixou cerca de 30 mil mortos, não terminou.",  # a conflict's running toll
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Os combates começaram em 27 de setembro de 2020.", "2020-09-27", "day"),
    ("No dia 3 de outubro a cidade foi bombardeada.", "2020-10-03", "day"),  # the year of publication
    ("Ontem o exército bombardeou a cidade.", "2020-10-06", "day"),
    ("Na terça-feira morreram três civis.", "2020-10-06", "day"),
    ("Na noite passada os disparos recomeçaram.", "2020-10-06", "day"),
    ("Anteontem caiu um drone.", "2020-10-05", "day"),
    ("As hostilidades eclodiram em setembro de 2020.", "2020-09-01", "month"),
    ("No mês passado houve combates duros.", "2020-09-01", "month"),
    ("A guerra de 2020 durou 44 dias.", "2020-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_week_and_span():
    week = find_dates("Na semana passada os combates recomeçaram.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")
    span = find_dates("De 27 de setembro a 10 de novembro de 2020 durou a guerra.", LANG, date(2020, 12, 1))[0]
    assert (span.date, span.date_end) == ("2020-09-27", "2020-11-10")


def test_places(gaz):
    found = places(gaz, "Os combates recomeçaram em Nagorno-Karabakh, segundo o Azerbaijão.")
    assert found["Nagorno-Karabakh"].precision == "region" and found["Azerbaijão"].country == "AZ"
    found = places(gaz, "Caíram projéteis em Stepanakert, no Karabakh.")
    assert found["Stepanakert"].country == "AZ" and found["Karabakh"].name == "Nagorno-Karabakh"
    found = places(gaz, "O exército bombardeou Ganja e Tartar, segundo o Azerbaijão.")
    assert found["Ganja"].name == "Ganja" and found["Tartar"].name == "Tartar"
    found = places(gaz, "O presidente Aliyev falou em Baku com a Rússia, a Turquia, o Irã e os Estados Unidos.")
    assert (found["Baku"].name, found["Irã"].country, found["Estados Unidos"].country) == ("Baku", "IR", "US")
    assert "O" not in found and "Aliyev" not in found
    found = places(gaz, "Ierevan e Moscovo negociaram uma trégua, e Moscou confirmou.")
    assert (found["Ierevan"].name, found["Moscovo"].name, found["Moscou"].name) == ("Yerevan", "Moscow", "Moscow")


def test_claimant_and_side_named_with_the_victims(gaz):
    text = "Segundo o Ministério da Defesa da Armênia, 12 soldados azerbaijanos foram mortos perto de Tartar."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "o Ministério da Defesa da Armênia"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (12, "soldiers", "AZ")
    assert ev.side_basis == "named with the victims"


def test_claimant_before_the_verb_and_place(gaz):
    text = "Baku afirmou que 30 civis morreram em Ganja, no Azerbaijão, em 11 de outubro."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Baku" and (ev.killed_low, ev.victims, ev.victim_side) == (30, "civilians", "AZ")
    assert ev.date == "2020-10-11" and ev.place_name == "Ganja"


def test_own_side(gaz):
    text = "O Ministério da Defesa do Azerbaijão informou que 7 dos seus soldados morreram."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side) == (7, "AZ")
    ev = events(gaz, "Ierevan informou que 15 soldados próprios morreram ontem em Nagorno-Karabakh.")[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")
    assert ev.date == "2020-10-06" and ev.place_name == "Nagorno-Karabakh"


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Armênia e Azerbaijão se acusam mutuamente.\n"
            "O ministério azerbaijano disse que 20 combatentes inimigos foram mortos.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (20, "fighters", "AM")


def test_incident_without_figures(gaz):
    evs = all_events(gaz, "O exército azerbaijano bombardeou no domingo a cidade de Stepanakert, em Nagorno-Karabakh.")
    assert len(evs) == 1 and evs[0].place_name == "Khankendi" and evs[0].date == "2020-10-04"
