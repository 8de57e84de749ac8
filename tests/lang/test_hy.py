"""Armenian: casualty figures, distractors, dates, places and events on sentences written for these tests.

Armenian ends a sentence with "։", which the sentence splitter does not know, so the texts of several
sentences put each on its own line.
"""
from __future__ import annotations

from datetime import date

import pytest

from lib.dates import find_dates
from lib.events import build_events
from lib.places import find_places

from .helpers import Language

LANG = "hy"
PUB = date(2020, 10, 7)  # a Wednesday


_L = Language(LANG, PUB)
figs, places, all_events, events = _L.figs, _L.places, _L.all_events, _L.events


@pytest.mark.parametrize("sentence,expected", [
    ("Հրետակոծության հետևանքով զոհվել է 5 զինծառայող, վիրավորվել է ևս 12-ը։",
     [("killed", 5, 5, False), ("wounded", 12, 12, False)]),
    ("Առնվազն 14 խաղաղ բնակիչ սպանվել է շուկայի վրա հարվածից։", [("killed", 14, None, True)]),
    ("Վեց հայ զինծառայող զոհվել է, երեքը վիրավորվել են։", [("killed", 6, 6, False), ("wounded", 3, 3, False)]),
    ("Երկու ադրբեջանցի զինծառայող զոհվել է։", [("killed", 2, 2, False)]),
    ("Մոտ 5 600 մարդ զոհվել է պատերազմի ընթացքում։", [("killed", 5600, 5600, True)]),
    ("Տասնյակ խաղաղ բնակիչներ անհետ կորած են համարվում։", [("missing", 20, 99, True)]),
    ("Զոհերի թիվը հասել է 45-ի։", [("killed", 45, 45, False)]),
    ("Զոհվել է ավելի քան 2 հազար զինծառայող։", [("killed", 2000, None, True)]),
    ("Դիահերձարանում նույնականացվել են 20 զինծառայողի աճյուններ։", [("killed", 20, 20, False)]),
    ("Հարվածի հետևանքով տուժել են հարյուրավոր մարդիկ։", [("wounded", 200, 999, True)]),
    ("Քսանհինգ զինծառայող վիրավորվել է։", [("wounded", 25, 25, False)]),
    ("Անհետ կորած է համարվում 7 զինծառայող։", [("missing", 7, 7, False)]),
    ("Մինչև 30 մարդ է զոհվել։", [("killed", None, 30, True)]),
])
def test_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Ռուսաստանը տարածաշրջանում տեղակայել է 2000 խաղաղապահ։",  # force size
    "Բանակը կորցրել է 200 տանկ և 30 անօդաչու, սակայն 2020 թվականին ոչ ոք չի զոհվել։",  # equipment, a year
    "Մարտերը տևել են 24 ժամ, իսկ հակամարտությունը շարունակվում է 26 տարի։",  # durations
    "Գիշերվա ընթացքում գրանցվել է 3 հարձակում։",  # counts of attacks
    "Ոստիկանությունը ձերբակալել է 6 զինծառայողի։",  # arrests
    "Սահմանամերձ գյուղերից տարհանվել է 2500 մարդ։",  # evacuations
    "5-րդ բրիգադը տեղափոխվել է 28.09.2020-ին՝ ժամը 10:30-ին։",  # ordinal, date, time
    "Պատերազմը, որը խլել է 30 հազար մարդու կյանք, չի ավարտվել։",  # a conflict's running toll
    "Զոհվել է 20-ամյա զինծառայող։",  # an age
])
def test_distractors_give_no_figure(sentence):
    assert figs(sentence) == []


@pytest.mark.parametrize("text,iso,precision", [
    ("Մարտերը սկսվել են սեպտեմբերի 27-ին։", "2020-09-27", "day"),
    ("Մարտերը սկսվել են 27 սեպտեմբերի 2020 թ.։", "2020-09-27", "day"),
    ("Նոյեմբերի 10-ին ստորագրվեց եռակողմ հայտարարությունը։", "2019-11-10", "day"),  # the year before
    ("Երեկ հրետակոծությունը վերսկսվել է։", "2020-10-06", "day"),
    ("Երեքշաբթի օրը զոհվել է երեք խաղաղ բնակիչ։", "2020-10-06", "day"),
    ("Կիրակի գիշերը քաղաքը հրետակոծվել է։", "2020-10-04", "day"),
    ("Սեպտեմբերին սկսվեցին մարտերը։", "2020-09-01", "month"),
    ("Անցյալ ամիս բանակցությունները ձախողվեցին։", "2020-09-01", "month"),
    ("27.09.2020-ին սկսվեց պատերազմը։", "2020-09-27", "day"),
])
def test_dates(text, iso, precision):
    found = find_dates(text, LANG, PUB)
    assert [(d.date, d.precision) for d in found] == [(iso, precision)]


def test_relative_week():
    week = find_dates("Անցյալ շաբաթ մարտերը վերսկսվեցին։", LANG, PUB)[0]
    assert (week.date, week.date_end, week.precision) == ("2020-09-28", "2020-10-04", "week")


def test_year_written_first():
    # "2020 թվականի սեպտեմբերի 27-ին": the year, its word, the month in the genitive, then the day
    day = find_dates("Մարտերը սկսվել են 2020 թվականի սեպտեմբերի 27-ին։", LANG, None)[0]
    assert (day.date, day.precision, day.basis) == ("2020-09-27", "day", "explicit")


@pytest.mark.parametrize("text,surface,name", [
    ("Ստեփանակերտում պայթյուններ են լսվել, հայտնում է Ադրբեջանը։", "Ստեփանակերտում", "Khankendi"),
    ("Ադրբեջանը հրետակոծել է Ստեփանակերտը։", "Ստեփանակերտը", "Khankendi"),
    ("Լեռնային Ղարաբաղում շարունակվում են մարտերը։", "Լեռնային Ղարաբաղում", "Nagorno-Karabakh"),
    ("Արցախում հայտարարվել է զորահավաք։", "Արցախում", "Nagorno-Karabakh"),
    ("Երևանից պատվիրակությունը մեկնել է Մոսկվա։", "Երևանից", "Yerevan"),
    ("Երեւանից պատվիրակությունը մեկնել է Մոսկվա։", "Երեւանից", "Yerevan"),
    ("Պատվիրակությունները հանդիպել են Մոսկվայում։", "Մոսկվայում", "Moscow"),
    ("Բաքվում և Գանձակում հնչել են ահազանգեր, հայտնում է Ադրբեջանը։", "Բաքվում", "Baku"),
    ("Բաքվում և Գանձակում հնչել են ահազանգեր, հայտնում է Ադրբեջանը։", "Գանձակում", "Ganja"),
    ("Շուշիում և Հադրութում մարտեր են ընթանում, հայտնում է Ադրբեջանը։", "Շուշիում", "Shusha"),
    ("Շուշիում և Հադրութում մարտեր են ընթանում, հայտնում է Ադրբեջանը։", "Հադրութում", "Hadrut"),
    ("Թարթառի բնակիչները լքել են տները, հայտնում է Ադրբեջանը։", "Թարթառի", "Tartar"),
    ("Թբիլիսիից ժամանել է պատվիրակություն։", "Թբիլիսիից", "Tbilisi"),
])
def test_inflected_place_names(gaz, text, surface, name):
    assert places(gaz, text)[surface].name == name


@pytest.mark.parametrize("text,surface,country", [
    ("Հայաստանում հայտարարվել է ռազմական դրություն։", "Հայաստանում", "AM"),
    ("Ադրբեջանի ՊՆ-ն հերքել է տեղեկությունը։", "Ադրբեջանի", "AZ"),
    ("Թուրքիայից, Իրանից, Ռուսաստանից և Ֆրանսիայից հնչել են կոչեր։", "Թուրքիայից", "TR"),
    ("Թուրքիայից, Իրանից, Ռուսաստանից և Ֆրանսիայից հնչել են կոչեր։", "Իրանից", "IR"),
    ("Թուրքիայից, Իրանից, Ռուսաստանից և Ֆրանսիայից հնչել են կոչեր։", "Ռուսաստանից", "RU"),
    ("Թուրքիայից, Իրանից, Ռուսաստանից և Ֆրանսիայից հնչել են կոչեր։", "Ֆրանսիայից", "FR"),
    ("Վրաստանի և ԱՄՆ-ի ներկայացուցիչները հանդիպել են։", "Վրաստանի", "GE"),
    ("Վրաստանի և ԱՄՆ-ի ներկայացուցիչները հանդիպել են։", "ԱՄՆ", "US"),
])
def test_inflected_country_names(gaz, text, surface, country):
    assert places(gaz, text)[surface].country == country


def test_sotk_in_the_genitive(gaz):
    found = places(gaz, "Ադրբեջանական զինուժը կրակ է բացել Սոթքի ուղղությամբ, հայտնում է Հայաստանը։")
    assert found["Սոթքի"].name == "Sotk"


def test_claimant_before_and_victims_named_by_nationality(gaz):
    text = "Ադրբեջանի ՊՆ-ն հայտնում է, որ Լեռնային Ղարաբաղում զոհվել է 12 հայ զինծառայող։"
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Ադրբեջանի ՊՆ-ն"
    assert (ev.killed_low, ev.victims, ev.victim_side, ev.side_basis) == (12, "soldiers", "AM",
                                                                           "named with the victims")
    assert ev.place_name == "Nagorno-Karabakh"


def test_according_to_and_date_and_town(gaz):
    text = "Ըստ Ադրբեջանի գլխավոր դատախազության՝ երեկ Թարթառում զոհվել է երկու խաղաղ բնակիչ։"
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "Ադրբեջանի գլխավոր դատախազության"
    assert (ev.killed_low, ev.victims, ev.victim_side) == (2, "civilians", "AZ")
    assert ev.date == "2020-10-06" and ev.place_name == "Tartar"


def test_own_side(gaz):
    text = "ՀՀ ՊՆ-ն հայտնել է, որ զոհվել է 15 զինծառայող մեր կողմից։"
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "ՀՀ ՊՆ-ն"
    assert (ev.killed_low, ev.victim_side, ev.side_basis) == (15, "AM", "the claimant's own side")


def test_hostile_victims_are_the_other_party(gaz):
    text = ("Հայաստանն ու Ադրբեջանը միմյանց մեղադրում են հրադադարի խախտման մեջ։\n"
            "Ադրբեջանի ՊՆ-ն հայտնել է, որ ոչնչացվել է 30 ահաբեկիչ։")
    ev = events(gaz, text)[0]
    assert (ev.killed_low, ev.victims, ev.victim_side) == (30, "fighters", "AM")


def test_anaphoric_claimant(gaz):
    text = ("ՌԴ ՊՆ-ն հայտնել է, որ Սիրիայում շարասյունը հրետակոծվել է։\n"
            "Գերատեսչությունից հայտնում են, որ վիրավորվել է երկու զինծառայող։")
    ev = events(gaz, text)[0]
    assert ev.claimed_by == "ՌԴ ՊՆ-ն" and ev.victim_side == "RU"


def test_incident_without_figures(gaz):
    text = "Կիրակի օրը հայկական ուժերը հրետակոծել են Գանձակը, հայտնում է Ադրբեջանը։"
    evs = build_events("a1", text, LANG, PUB, find_places(text, "a1", LANG, gaz))
    assert len(evs) == 1 and evs[0].place_name == "Ganja" and evs[0].date == "2020-10-04"
