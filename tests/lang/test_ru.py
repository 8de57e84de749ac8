"""Russian: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates
from lib.events import build_events
from lib.places import find_places

from .helpers import Language

LANG = "ru"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("В результате обстрела погибли 5 военнослужащих, ещё 12 получили ранения.",
     [("killed", 5, 5, False), ("wounded", 12, 12, False)]),
    ("Не менее 14 мирных жителей были убиты при ударе по рынку.", [("killed", 14, None, True)]),
    ("Шесть армянских военнослужащих погибли, трое ранены.", [("killed", 6, 6, False), ("wounded", 3, 3, False)]),
    ("Двое мирных жителей погибли под завалами.", [("killed", 2, 2, False)]),
    ("Около 5 600 человек погибли с начала войны.", [("killed", 5600, 5600, True)]),
    ("Десятки мирных жителей числятся пропавшими без вести.", [("missing", 20, 99, True)]),
    ("Число погибших выросло до 45.", [("killed", 45, 45, False)]),
    ("Число раненых достигло 120 человек.", [("wounded", 120, 120, False)]),
    ("Погибли более 2 тысяч военнослужащих.", [("killed", 2000, None, True)]),
    ("В морге опознали тела 20 солдат.", [("killed", 20, 20, False)]),
    ("В результате удара пострадали сотни людей.", [("wounded", 200, 999, True)]),
    ("Двадцать пять пассажиров автобуса получили ранения.", [("wounded", 25, 25, False)]),
    ("По предварительным данным, погибли до 30 человек.", [("killed", None, 30, True)]),
    ("Пятеро бойцов пропали без вести после боя.", [("missing", 5, 5, False)]),
    ("Один военнослужащий погиб, двое ранены.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Россия развернула в регионе 2 000 миротворцев.",  # force size
    "Армия потеряла 200 танков и 30 беспилотников, но в 2020 году никто не погиб.",  # equipment, a year
    "Бои длились 24 часа, а конфликт продолжается 26 лет.",  # durations
    "За ночь было зафиксировано 3 атаки.",  # counts of attacks
    "Полиция задержала 6 военнослужащих, обвиняемых в убийстве фермера.",  # arrests
    "Из прифронтовых сел эвакуированы 2500 человек.",  # evacuations
    "5-я бригада была переброшена 28.09.2020 в 10:30.",  # ordinal, date, time
    "Конфликт, унесший жизни 30 тысяч человек, так и не урегулирован.",  # a conflict's running toll
    "Погиб 20-летний военнослужащий.",  # an age
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Бои начались 27 сентября 2020 года.", "2020-09-27", "day"),
    ("10 ноября было подписано трёхстороннее заявление.", "2019-11-10", "day"),  # no year: the year before
    ("Вчера обстрел возобновился.", "2020-10-06", "day"),
    ("Во вторник погибли трое мирных жителей.", "2020-10-06", "day"),
    ("В среду утром в городе звучали сирены.", "2020-10-07", "day"),
    ("В ночь на воскресенье город подвергся обстрелу.", "2020-10-04", "day"),
    ("Позавчера был сбит беспилотник.", "2020-10-05", "day"),
    ("Бои вспыхнули в сентябре 2020 года.", "2020-09-01", "month"),
    ("В прошлом месяце переговоры сорвались.", "2020-09-01", "month"),
    ("Апрельские бои шли в 2016 году.", "2016-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_relative_week():
    week = find_dates("На прошлой неделе бои возобновились.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")


@pytest.mark.parametrize("text,surface,name", [
    ("Бои в Карабахе продолжаются, сообщает Азербайджан.", "Карабахе", "Nagorno-Karabakh"),
    ("В Нагорном Карабахе возобновились бои, заявил Азербайджан.", "Карабахе", "Nagorno-Karabakh"),
    ("Азербайджан сообщил об обстреле Тертера.", "Тертера", "Tartar"),
    ("Снаряды упали в Тертере, сообщил Азербайджан.", "Тертере", "Tartar"),
    ("Обстрел по Тертеру продолжился, сообщил Азербайджан.", "Тертеру", "Tartar"),
    ("В Степанакерте звучали сирены, Азербайджан это отрицает.", "Степанакерте", "Khankendi"),
    ("Жители Степанакерта провели ночь в подвалах, сообщил Азербайджан.", "Степанакерта", "Khankendi"),
    ("Ракета попала в Гянджу, заявили в Азербайджане.", "Гянджу", "Ganja"),
    ("Жители Гянджи вышли на улицы, сообщил Азербайджан.", "Гянджи", "Ganja"),
    ("В Барде погибли мирные жители, заявил Азербайджан.", "Барде", "Barda"),
    ("В Москве прошли переговоры.", "Москве", "Moscow"),
    ("Делегации прибыли из Еревана в Анкару.", "Еревана", "Yerevan"),
    ("Делегации прибыли из Еревана в Анкару.", "Анкару", "Ankara"),
    ("Над Москвой и Арменией летали самолеты.", "Москвой", "Moscow"),
])
def test_inflected_place_names(gaz, text, surface, name):
    assert places(gaz, text)[surface].name == name


@pytest.mark.parametrize("text,surface,country", [
    ("Министры иностранных дел Армении и Азербайджана встретились.", "Армении", "AM"),
    ("Министры иностранных дел Армении и Азербайджана встретились.", "Азербайджана", "AZ"),
    ("Представители Турции, Ирана и Грузии выступили с заявлениями.", "Турции", "TR"),
    ("Представители Турции, Ирана и Грузии выступили с заявлениями.", "Ирана", "IR"),
    ("Представители Турции, Ирана и Грузии выступили с заявлениями.", "Грузии", "GE"),
    ("Россия и США призвали стороны к миру.", "США", "US"),
    ("Украину и Израиль тоже пригласили.", "Израиль", "IL"),
    ("Самолеты прилетели из Израиля и Франции.", "Израиля", "IL"),
    ("Самолеты прилетели из Израиля и Франции.", "Франции", "FR"),
])
def test_inflected_country_names(gaz, text, surface, country):
    assert places(gaz, text)[surface].country == country


def test_person_after_a_title_is_no_place(gaz):
    found = places(gaz, "Президент Азербайджана Ильхам Алиев выступил в Баку.")
    assert found["Азербайджана"].country == "AZ" and found["Баку"].name == "Baku"
    assert "Ильхам" not in found and "Алиев" not in found


def test_claimant_before_and_victims_named_by_nationality(gaz):
    text = "Министерство обороны Азербайджана сообщило, что в Карабахе погибли 12 армянских военнослужащих."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Министерство обороны Азербайджана"
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (12, "soldiers", "AM",
                                                                           "named with the victims")
    assert ev.place_name == "Nagorno-Karabakh"


def test_according_to_and_date_and_town(gaz):
    text = "По данным Генпрокуратуры Азербайджана, вчера в Тертере погибли двое мирных жителей."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Генпрокуратуры Азербайджана"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (2, "civilians", "AZ")
    assert ev.date == "2020-10-06" and ev.place_name == "Tartar"


def test_victims_side_from_a_country_after_the_noun(gaz):
    text = "Армения сообщила, что погибли 4 военнослужащих вооружённых сил Азербайджана."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (4, "AZ", "named with the victims")


def test_own_side(gaz):
    text = "Минобороны Армении сообщило о гибели ещё 15 своих военнослужащих."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (15, "soldiers", "AM")
    text = "Минобороны Армении сообщило, что погибли 15 военнослужащих с нашей стороны."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Армения и Азербайджан обвиняют друг друга в нарушении перемирия.\n"
            "Минобороны Азербайджана заявило, что уничтожено 30 боевиков противника.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (30, "fighters", "AM")
    assert ev.side_basis == "the claimant's adversary"


def test_anaphoric_claimant(gaz):
    text = ("Минобороны России сообщило, что колонна попала под обстрел в Сирии.\n"
            "В ведомстве уточнили, что двое военнослужащих ранены.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Минобороны России" and ev.victim_side == "RU"


def test_incident_without_figures(gaz):
    evs = build_events("a1", "В воскресенье армянские силы обстреляли Гянджу, сообщил Азербайджан.", LANG, PUB,
                       find_places("В воскресенье армянские силы обстреляли Гянджу, сообщил Азербайджан.", "a1",
                                   LANG, gaz))
    assert len(evs) == 1 and evs[0].place_name == "Ganja" and evs[0].date == "2020-10-04"
