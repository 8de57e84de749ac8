"""Turkish: casualty figures, distractors, dates, places and events on sentences written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates

from .helpers import Language

LANG = "tr"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("En az 10 Ermeni askeri öldürüldü, 25 asker yaralandı.",
     [("killed", 10, None, True), ("wounded", 25, 25, False)]),
    ("Saldırıda üç sivil hayatını kaybetti.", [("killed", 3, 3, False)]),
    ("Çatışmalarda onlarca asker şehit oldu.", [("killed", 20, 99, True)]),
    ("Ölü sayısı 45'e yükseldi.", [("killed", 45, 45, False)]),
    ("Savaşın başından bu yana 5.600 asker hayatını kaybetti.", [("killed", 5600, 5600, False)]),
    ("Yirmi bir kişi yaralandı.", [("wounded", 21, 21, False)]),
    ("On kişiden haber alınamıyor.", [("missing", 10, 10, False)]),
    ("Bir kadın öldü, iki çocuk yaralandı.", [("killed", 1, 1, False), ("wounded", 2, 2, False)]),
    ("12 askerin cenazesi ailelerine teslim edildi.", [("killed", 12, 12, False)]),
    ("Yaklaşık 300 kişi yaralandı.", [("wounded", 300, 300, True)]),
    ("İki yüz düşman askeri etkisiz hale getirildi.", [("killed", 200, 200, False)]),
    ("Bir Azerbaycan askeri şehit oldu.", [("killed", 1, 1, False)]),
    ("Çatışmalarda 2 bin 425 asker hayatını kaybetti.", [("killed", 2425, 2425, False)]),
    ("Saldırıda 100'den fazla kişi yaralandı.", [("wounded", 100, None, True)]),
    ("300'e yakın asker öldü.", [("killed", None, 300, True)]),
    ("Yüzlerce sivil yaralandı.", [("wounded", 200, 999, True)]),
    ("Beş bin altı yüz asker öldü.", [("killed", 5600, 5600, False)]),
    ("12 yaşındaki bir çocuk yaralandı.", [("wounded", 1, 1, False)]),
    ("10 askerimiz şehit oldu.", [("killed", 10, 10, False)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


def test_a_bound_after_the_number_is_read_as_a_bound():
    # "100'den fazla" (more than 100): Turkish puts the bound after the number
    assert figs("Çatışmalarda 100'den fazla asker hayatını kaybetti.") == [("killed", 100, None, True)]


@pytest.mark.parametrize("sentence", [
    "Rusya bölgeye 2.000 barış gücü askeri konuşlandırdı.",  # force size
    "Ordu 2020'de 20 tank ve 30 İHA kaybetti.",  # equipment, a year
    "Çatışmalar 24 saat sürdü, sorun 26 yıldır devam ediyor.",  # durations
    "Üç saldırı kaydedildi.",  # counts of attacks
    "Polis bir çobanı öldürmekle suçlanan 6 askeri gözaltına aldı.",  # arrests
    "Beş bin kişi tahliye edildi.",  # evacuations
    "5. Tugay 28.09.2020 saat 10:30'da konuşlandırıldı.",  # ordinal, date, time
    "27 Eylül 2020'de 40 yaşında öldürüldü.",  # date and age
    "Savaş bugüne kadar yaklaşık 30 bin kişinin ölümüne yol açtı.",  # a conflict's running toll
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Çatışmalar 27 Eylül 2020'de başladı.", "2020-09-27", "day"),
    ("3 Ekim'de kent bombalandı.", "2020-10-03", "day"),  # the year of publication
    ("Dün ordu kenti bombaladı.", "2020-10-06", "day"),
    ("Salı günü üç sivil öldü.", "2020-10-06", "day"),
    ("Dün gece ateş açıldı.", "2020-10-06", "day"),
    ("Önceki gün bir İHA düşürüldü.", "2020-10-05", "day"),
    ("Çatışmalar Eylül 2020'de başladı.", "2020-09-01", "month"),
    ("Geçen ay şiddetli çatışmalar yaşandı.", "2020-09-01", "month"),
    ("Saldırılar Eylülde yoğunlaştı.", "2020-09-01", "month"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_week_and_span():
    week = find_dates("Geçen hafta çatışmalar yeniden başladı.", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")
    span = find_dates("27 Eylül'den 10 Kasım 2020'ye kadar süren savaş", LANG, date(2020, 12, 1))[0]
    assert (span.date, span.date_end) == ("2020-09-27", "2020-11-10")


def test_places_with_endings_after_the_apostrophe(gaz):
    found = places(gaz, "Ermeni güçleri Dağlık Karabağ'da Hankendi'yi ve Gence'yi bombaladı.")
    assert found["Dağlık Karabağ"].name == "Nagorno-Karabakh" and found["Hankendi"].name == "Khankendi"
    assert found["Gence"].name == "Ganja"
    found = places(gaz, "Cumhurbaşkanı Aliyev Bakü'de Rusya, Türkiye, İran ve ABD temsilcileriyle görüştü.")
    assert (found["Bakü"].name, found["Rusya"].country, found["İran"].country, found["ABD"].country) == (
        "Baku", "RU", "IR", "US")
    assert "Aliyev" not in found
    found = places(gaz, "Azerbaycan'ın Terter ve Berde kentleri Erivan'dan atılan füzelerle vuruldu.")
    assert (found["Terter"].name, found["Berde"].name, found["Erivan"].name) == ("Tartar", "Barda", "Yerevan")
    found = places(gaz, "Salı günü Moskova'da görüşme yapıldı, Çarşamba günü Ordu ateşkese uydu.")
    assert found["Moskova"].name == "Moscow" and "Çarşamba" not in found and "Ordu" not in found


def test_claimant_and_side_named_with_the_victims(gaz):
    text = "Ermenistan Savunma Bakanlığı'na göre 12 Azerbaycan askeri Terter yakınlarında öldürüldü."
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Ermenistan Savunma Bakanlığı'na"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (12, "soldiers", "AZ")
    assert ev.side_basis == "named with the victims" and ev.place_name == "Tartar"


def test_claimant_of_a_statement_and_place(gaz):
    text = ("Azerbaycan Savunma Bakanlığından yapılan açıklamada, Ermeni ordusunun Gence'ye düzenlediği "
            "saldırıda dün 30 sivilin hayatını kaybettiği belirtildi.")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Azerbaycan Savunma Bakanlığından"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (30, "civilians", "AZ")
    assert ev.date == "2020-10-06" and ev.place_name == "Ganja"


def test_own_side(gaz):
    ev = events(gaz, "Azerbaycan Savunma Bakanlığı'na göre 7 askerimiz şehit oldu.")[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (7, "soldiers", "AZ")
    ev = events(gaz, "Erivan'a göre dün 15 asker kendi saflarından hayatını kaybetti.")[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")
    assert ev.date == "2020-10-06"


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Ermenistan ve Azerbaycan birbirini suçluyor.\n"
            "Azerbaycan Savunma Bakanlığı'na göre 20 düşman askeri etkisiz hale getirildi.")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (20, "AM", "the claimant's adversary")


def test_incident_without_figures(gaz):
    evs = all_events(gaz, "Ermeni güçleri Pazar günü Dağlık Karabağ'da Hankendi'yi bombaladı.")
    assert len(evs) == 1 and evs[0].place_name == "Khankendi" and evs[0].date == "2020-10-04"
    evs = all_events(gaz, "Azerbaycan'a göre çatışmalar Dağlık Karabağ'da sürüyor.")
    assert len(evs) == 1 and evs[0].claimed_by == "Azerbaycan'a" and evs[0].place_name == "Nagorno-Karabakh"
