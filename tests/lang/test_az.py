"""Azerbaijani: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates
from lib.events import build_events
from lib.places import find_places

from .helpers import Language

LANG = "az"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Atəş nəticəsində 5 hərbçi həlak olub, daha 12 nəfər yaralanıb.",
     [("killed", 5, 5, False), ("wounded", 12, 12, False)]),
    ("Bazara endirilən zərbə nəticəsində ən azı 14 dinc sakin öldürülüb.", [("killed", 14, None, True)]),
    ("Altı erməni hərbçisi həlak olub, üçü yaralanıb.", [("killed", 6, 6, False), ("wounded", 3, 3, False)]),
    ("İki azərbaycanlı əsgər şəhid olub.", [("killed", 2, 2, False)]),
    ("Təxminən 5 600 nəfər müharibədə həlak olub.", [("killed", 5600, 5600, True)]),
    ("Onlarla dinc sakin itkin düşüb.", [("missing", 20, 99, True)]),
    ("Həlak olanların sayı 45-ə çatıb.", [("killed", 45, 45, False)]),
    ("Yaralıların sayı 120 nəfərə çatıb.", [("wounded", 120, 120, False)]),
    ("Ən azı 2 min hərbçi şəhid olub.", [("killed", 2000, None, True)]),
    ("Ekspertizada 20 hərbçinin cəsədi tanınıb.", [("killed", 20, 20, False)]),
    ("Zərbə nəticəsində yüzlərlə insan xəsarət alıb.", [("wounded", 200, 999, True)]),
    ("İyirmi beş mülki şəxs yaralanıb.", [("wounded", 25, 25, False)]),
    ("5 nəfər hərbçi itkin düşüb.", [("missing", 5, 5, False)]),
    ("2783 şəhid var.", [("killed", 2783, 2783, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Rusiya bölgəyə 2000 sülhməramlı yerləşdirib.",  # force size
    "Ordu 200 tank və 30 PUA itirib, lakin 2020-ci ildə heç kim həlak olmayıb.",  # equipment, a year
    "Döyüşlər 24 saat davam edib, münaqişə isə 26 ildir sürür.",  # durations
    "Gecə ərzində 3 hücum qeydə alınıb.",  # counts of attacks
    "Polis fermerin qətlində ittiham olunan 6 hərbçini həbs edib.",  # arrests
    "Cəbhəyanı kəndlərdən 2500 nəfər təxliyə edilib.",  # evacuations
    "5 saylı məktəb 28.09.2020 saat 10:30-da atəşə tutulub.",  # a school's number, date, time
    "20 yaşlı hərbçi həlak olub.",  # an age
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Döyüşlər 27 sentyabr 2020-ci ildə başlayıb.", "2020-09-27", "day"),
    ("Döyüşlər sentyabrın 27-də başlayıb.", "2020-09-27", "day"),
    ("Noyabrın 10-da üçtərəfli bəyanat imzalanıb.", "2019-11-10", "day"),  # no year: the year before
    ("Dünən atəş yenidən başlayıb.", "2020-10-06", "day"),
    ("Çərşənbə axşamı üç dinc sakin həlak olub.", "2020-10-06", "day"),
    ("Bazar günü şəhər atəşə tutulub.", "2020-10-04", "day"),
    ("Srağagün PUA vurulub.", "2020-10-05", "day"),
    ("Sentyabrda döyüşlər başlayıb.", "2020-09-01", "month"),
    ("Keçən ay danışıqlar pozulub.", "2020-09-01", "month"),
    ("İyunun 5-də toqquşma olub.", "2020-06-05", "day"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_relative_week():
    week = find_dates("Keçən həftə döyüşlər yenidən başlayıb.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")


@pytest.mark.parametrize("text,surface,name", [
    ("Gəncəyə raket zərbəsi endirilib, Azərbaycan bildirib.", "Gəncəyə", "Ganja"),
    ("Gəncənin mərkəzi atəşə tutulub, Azərbaycan bildirib.", "Gəncənin", "Ganja"),
    ("Tərtərdə dinc sakinlər həlak olub, Azərbaycan bildirib.", "Tərtərdə", "Tartar"),
    ("Ermənistan silahlı qüvvələri Tərtərə atəş açıb, Azərbaycan bildirib.", "Tərtərə", "Tartar"),
    ("Bərdədə mülki şəxslər yaralanıb, Azərbaycan bildirib.", "Bərdədə", "Barda"),
    ("Xankəndidə döyüşlər gedir, Azərbaycan bildirib.", "Xankəndidə", "Khankendi"),
    ("Şuşada döyüşlər gedir, Azərbaycan bildirib.", "Şuşada", "Shusha"),
    ("Şuşaya hücum edilib, Azərbaycan bildirib.", "Şuşaya", "Shusha"),
    ("Qarabağda atəşkəs pozulub.", "Qarabağda", "Nagorno-Karabakh"),
    ("Dağlıq Qarabağda döyüşlər davam edir.", "Dağlıq Qarabağda", "Nagorno-Karabakh"),
    ("Bakıda və Moskvada danışıqlar keçirilib.", "Bakıda", "Baku"),
    ("Bakıda və Moskvada danışıqlar keçirilib.", "Moskvada", "Moscow"),
    ("Nümayəndə heyəti İrəvana gəlib.", "İrəvana", "Yerevan"),
    ("Tbilisidə və Ankarada da görüşlər olub.", "Tbilisidə", "Tbilisi"),
])
def test_inflected_place_names(gaz, text, surface, name):
    assert places(gaz, text)[surface].name == name


@pytest.mark.parametrize("text,surface,country", [
    ("Ermənistanın və Azərbaycanın nazirləri görüşüb.", "Ermənistanın", "AM"),
    ("Ermənistanın və Azərbaycanın nazirləri görüşüb.", "Azərbaycanın", "AZ"),
    ("Rusiyanın, Türkiyənin, İranın və Gürcüstanın nümayəndələri gəlib.", "Rusiyanın", "RU"),
    ("Rusiyanın, Türkiyənin, İranın və Gürcüstanın nümayəndələri gəlib.", "Türkiyənin", "TR"),
    ("Rusiyanın, Türkiyənin, İranın və Gürcüstanın nümayəndələri gəlib.", "İranın", "IR"),
    ("Rusiyanın, Türkiyənin, İranın və Gürcüstanın nümayəndələri gəlib.", "Gürcüstanın", "GE"),
    ("İranda, İrana, Fransaya və ABŞ-a müraciət edilib.", "İranda", "IR"),
    ("İranda, İrana, Fransaya və ABŞ-a müraciət edilib.", "Fransaya", "FR"),
    ("İranda, İrana, Fransaya və ABŞ-a müraciət edilib.", "ABŞ", "US"),
    ("Ermənistanla sərhəddə vəziyyət gərgindir.", "Ermənistanla", "AM"),
])
def test_inflected_country_names(gaz, text, surface, country):
    assert places(gaz, text)[surface].country == country


def test_claimant_before_the_verb_and_victims_named_by_nationality(gaz):
    text = "Azərbaycan Müdafiə Nazirliyi bildirib ki, Qarabağda 12 erməni hərbçisi məhv edilib."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Azərbaycan Müdafiə Nazirliyi"
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (12, "soldiers", "AM",
                                                                           "named with the victims")
    assert ev.place_name == "Nagorno-Karabakh"


def test_according_to_and_date_and_town(gaz):
    text = "Azərbaycan Baş Prokurorluğunun məlumatına görə, dünən Tərtərdə iki dinc sakin həlak olub."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Azərbaycan Baş Prokurorluğunun"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (2, "civilians", "AZ")
    assert ev.date == "2020-10-06" and ev.place_name == "Tartar"


def test_own_side(gaz):
    text = "Azərbaycan Müdafiə Nazirliyi bildirib ki, 15 hərbçimiz şəhid olub."
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (15, "soldiers", "AZ")


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Ermənistan və Azərbaycan bir-birini atəşkəsi pozmaqda ittiham edir.\n"
            "Azərbaycan Müdafiə Nazirliyi bildirib ki, 30 terrorçu məhv edilib.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (30, "fighters", "AM")


def test_anaphoric_claimant(gaz):
    text = ("Rusiya Müdafiə Nazirliyi bildirib ki, Suriyada karvan atəşə tutulub.\n"
            "Nazirlikdən bildiriblər ki, iki hərbçi yaralanıb.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Rusiya Müdafiə Nazirliyi" and ev.victim_side == "RU"


def test_incident_without_figures(gaz):
    text = "Bazar günü erməni qüvvələri Gəncəni atəşə tutub, Azərbaycan bildirib."
    evs = build_events("a1", text, LANG, PUB, find_places(text, "a1", LANG, gaz))
    assert len(evs) == 1 and evs[0].place_name == "Ganja" and evs[0].date == "2020-10-04"
