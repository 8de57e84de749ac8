"""Ukrainian: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates
from lib.events import build_events
from lib.places import find_places

from .helpers import Language

LANG = "uk"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Унаслідок обстрілу загинули 5 військовослужбовців, ще 12 отримали поранення.",
     [("killed", 5, 5, False), ("wounded", 12, 12, False)]),
    ("Щонайменше 14 мирних жителів було вбито під час удару по ринку.", [("killed", 14, None, True)]),
    ("Шість вірменських військових загинули, троє поранені.", [("killed", 6, 6, False), ("wounded", 3, 3, False)]),
    ("П’ятеро цивільних загинули під завалами.", [("killed", 5, 5, False)]),
    ("П'ятеро цивільних загинули під завалами.", [("killed", 5, 5, False)]),
    ("Близько 5 600 людей загинули від початку війни.", [("killed", 5600, 5600, True)]),
    ("Десятки мирних мешканців зникли безвісти.", [("missing", 20, 99, True)]),
    ("Кількість загиблих зросла до 45.", [("killed", 45, 45, False)]),
    ("Загинули понад 2 тисячі військовослужбовців.", [("killed", 2000, None, True)]),
    ("У морзі впізнали тіла 20 солдатів.", [("killed", 20, 20, False)]),
    ("Внаслідок удару постраждали сотні людей.", [("wounded", 200, 999, True)]),
    ("Двадцять п’ять пасажирів автобуса отримали поранення.", [("wounded", 25, 25, False)]),
    ("За попередніми даними, загинули до 30 осіб.", [("killed", None, 30, True)]),
    ("Один військовий загинув, двоє поранені.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Росія розгорнула в регіоні 2 000 миротворців.",  # force size
    "Армія втратила 200 танків і 30 безпілотників, але у 2020 році ніхто не загинув.",  # equipment, a year
    "Бої тривали 24 години, а конфлікт триває 26 років.",  # durations
    "За ніч зафіксовано 3 атаки.",  # counts of attacks
    "Поліція затримала 6 військових, яких звинувачують у вбивстві фермера.",  # arrests
    "З прифронтових сіл евакуйовано 2500 людей.",  # evacuations
    "5-та бригада була перекинута 28.09.2020 о 10:30.",  # ordinal, date, time
    "Конфлікт, який забрав життя 30 тисяч людей, досі не врегульований.",  # a conflict's running toll
    "Загинув 20-річний військовослужбовець.",  # an age
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Бої почалися 27 вересня 2020 року.", "2020-09-27", "day"),
    ("10 листопада було підписано тристоронню заяву.", "2019-11-10", "day"),  # no year: the year before
    ("Вчора обстріл відновився.", "2020-10-06", "day"),
    ("У вівторок загинули троє мирних жителів.", "2020-10-06", "day"),
    ("Перемир’я було порушено у п’ятницю.", "2020-10-02", "day"),
    ("Перемир'я було порушено в суботу.", "2020-10-03", "day"),
    ("Позавчора було збито безпілотник.", "2020-10-05", "day"),
    ("Бої спалахнули у вересні 2020 року.", "2020-09-01", "month"),
    ("Минулого місяця переговори зірвалися.", "2020-09-01", "month"),
    ("Квітневі бої точилися у 2016 році.", "2016-01-01", "year"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_relative_week():
    week = find_dates("Минулого тижня бої відновилися.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")


@pytest.mark.parametrize("text,surface,name", [
    ("Азербайджан повідомив про обстріл Тертера.", "Тертера", "Tartar"),
    ("Снаряди впали в Тертері, повідомив Азербайджан.", "Тертері", "Tartar"),
    ("Мешканці Степанакерта провели ніч у підвалах, повідомив Азербайджан.", "Степанакерта", "Khankendi"),
    ("У Степанакерті лунали вибухи, Азербайджан це заперечує.", "Степанакерті", "Khankendi"),
    ("Ракета влучила в Гянджу, заявили в Азербайджані.", "Гянджу", "Ganja"),
    ("Снаряди впали в Гянджі, повідомив Азербайджан.", "Гянджі", "Ganja"),
    ("У Барді загинули мирні жителі, заявив Азербайджан.", "Барді", "Barda"),
    ("У Москві відбулися переговори.", "Москві", "Moscow"),
    ("Делегації прибули з Єревана до Анкари.", "Єревана", "Yerevan"),
    ("Делегації прибули з Єревана до Анкари.", "Анкари", "Ankara"),
    ("Мітинги пройшли у Харкові та Львові.", "Харкові", "Kharkiv"),
    ("Мітинги пройшли у Харкові та Львові.", "Львові", "Lviv"),
])
def test_inflected_place_names(gaz, text, surface, name):
    assert places(gaz, text)[surface].name == name


@pytest.mark.parametrize("text,surface,country", [
    ("Міністри закордонних справ Вірменії та Азербайджану зустрілися.", "Вірменії", "AM"),
    ("Міністри закордонних справ Вірменії та Азербайджану зустрілися.", "Азербайджану", "AZ"),
    ("Представники Туреччини, Ірану та Грузії виступили із заявами.", "Туреччини", "TR"),
    ("Представники Туреччини, Ірану та Грузії виступили із заявами.", "Ірану", "IR"),
    ("Представники Туреччини, Ірану та Грузії виступили із заявами.", "Грузії", "GE"),
    ("Делегація зустрілася в Ізраїлі.", "Ізраїлі", "IL"),
    ("Росія та США закликали сторони до миру.", "США", "US"),
])
def test_inflected_country_names(gaz, text, surface, country):
    assert places(gaz, text)[surface].country == country


@pytest.mark.parametrize("text,surface", [
    ("Бої в Карабаху тривають, повідомляє Азербайджан.", "Карабаху"),
    ("Бої в Нагірному Карабаху тривають, повідомляє Азербайджан.", "Нагірному Карабаху"),
])
def test_karabakh_in_the_locative(gaz, text, surface):
    assert places(gaz, text)[surface].name == "Nagorno-Karabakh"


def test_claimant_before_and_victims_named_by_nationality(gaz):
    text = "Міністерство оборони Азербайджану повідомило, що біля Тертера загинули 12 вірменських військових."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Міністерство оборони Азербайджану"
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (12, "soldiers", "AM",
                                                                           "named with the victims")
    assert ev.place_name == "Tartar"


def test_according_to_and_date_and_town(gaz):
    text = "За даними Генпрокуратури Азербайджану, вчора у Тертері загинули двоє мирних жителів."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Генпрокуратури Азербайджану"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (2, "civilians", "AZ")
    assert ev.date == "2020-10-06" and ev.place_name == "Tartar"


def test_victims_side_from_a_country_after_the_noun(gaz):
    text = "Вірменія повідомила, що загинули 4 військовослужбовці збройних сил Азербайджану."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (4, "AZ", "named with the victims")


def test_own_side(gaz):
    text = "Міноборони Вірменії повідомило про загибель ще 15 своїх військовослужбовців."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (15, "soldiers", "AM")
    text = "Міноборони Вірменії повідомило, що загинули 15 військовослужбовців з нашого боку."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Вірменія та Азербайджан звинувачують одне одного в порушенні перемир’я.\n"
            "Міноборони Азербайджану заявило, що знищено 30 бойовиків противника.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (30, "fighters", "AM")


def test_anaphoric_claimant(gaz):
    text = ("Міноборони Росії повідомило, що колона потрапила під обстріл у Сирії.\n"
            "У відомстві уточнили, що двоє військовослужбовців поранені.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Міноборони Росії" and ev.victim_side == "RU"


def test_incident_without_figures(gaz):
    text = "У неділю вірменські сили обстріляли Гянджу, повідомив Азербайджан."
    evs = build_events("a1", text, LANG, PUB, find_places(text, "a1", LANG, gaz))
    assert len(evs) == 1 and evs[0].place_name == "Ganja" and evs[0].date == "2020-10-04"
