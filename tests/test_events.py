"""Events from composed articles: claimant, victims' side, date and place of each figure."""
from __future__ import annotations

from datetime import date

import pytest

from lib.events import build_events
from lib.gazetteer import Gazetteer
from lib.places import find_places


@pytest.fixture(scope="module")
def gaz():
    g = Gazetteer.open()
    yield g
    g.close()


def events(gaz, text, lang, published=None):
    places = find_places(text, "a1", lang, gaz)
    return build_events("a1", text, lang, published, places)


def with_figures(evs):
    return [e for e in evs if e.killed_low is not None or e.wounded_low is not None or e.killed_high is not None]


def test_claimant_and_own_side(gaz):
    text = ("Clashes broke out on the border between Armenia and Azerbaijan on Tuesday.\n"
            "Armenia's defence ministry said 15 of its soldiers were killed. "
            "According to Azerbaijan's defence ministry, 7 Azerbaijani servicemen died.")
    evs = with_figures(events(gaz, text, "en", date(2022, 9, 14)))
    assert [(e.killed_low, e.victim_side) for e in evs] == [(15, "AM"), (7, "AZ")]
    assert "Armenia" in evs[0].claimed_by and "Azerbaijan" in evs[1].claimed_by
    # the figures' sentences have no date: the story's lead date (Tuesday before publication) holds
    assert {e.date for e in evs} == {"2022-09-13"}
    assert all(e.date_basis.startswith("inherited") for e in evs)


def test_hostile_victims_are_the_other_party(gaz):
    text = "Azerbaijan and Armenia traded fire. Azerbaijani officials said 4 attackers were killed near Terter."
    ev = with_figures(events(gaz, text, "en"))[0]
    assert ev.victim_side == "AM" and ev.victims == "fighters"
    assert ev.place_name == "Tartar" and ev.geo_precision == 1


def test_anaphoric_claimant(gaz):
    text = ("Russia's Defence Ministry said on Monday that its convoy was attacked in Syria.\n"
            '"Two servicemen were wounded," the ministry said.')
    ev = with_figures(events(gaz, text, "en"))[0]
    assert ev.claimed_by == "Russia's Defence Ministry" and ev.victim_side == "RU"


def test_place_falls_back_to_the_main_place_at_a_coarser_precision(gaz):
    text = ("Fighting continued in Nagorno-Karabakh, Azerbaijan said.\n\n"
            "Separately, 3 civilians were killed by a mine.")
    ev = with_figures(events(gaz, text, "en"))[0]
    assert ev.place_name == "Nagorno-Karabakh" and ev.geo_precision == 3
    assert ev.place_basis == "article's main place"


def test_vietnamese_side_from_the_country_after_the_noun(gaz):
    text = "Bộ Quốc phòng Azerbaijan cho biết 12 binh sĩ Armenia thiệt mạng tại Stepanakert."
    ev = with_figures(events(gaz, text, "vi"))[0]
    assert (ev.killed_low, ev.victim_side) == (12, "AM")
    assert ev.claimed_by == "Bộ Quốc phòng Azerbaijan"
    assert ev.place_name.startswith("Stepanakert") or ev.place_name == "Khankendi"


def test_indonesian_date_and_bound(gaz):
    text = "Azerbaijan dan Armenia bentrok pada 28/9/2020. Setidaknya 15 orang tewas di kota Terter."
    ev = with_figures(events(gaz, text, "id"))[0]
    assert (ev.killed_low, ev.killed_high, ev.approximate) == (15, None, True)
    assert ev.date == "2020-09-28" and ev.place_name == "Tartar"


def test_incident_without_figures_is_an_event(gaz):
    evs = events(gaz, "Azerbaijan said Armenian forces shelled Barda on Sunday.", "en", date(2020, 10, 29))
    assert len(evs) == 1 and evs[0].killed_low is None and evs[0].place_name == "Barda"
    assert evs[0].date == "2020-10-25"


def test_digest_paragraphs_do_not_lend_each_other_dates(gaz):
    text = "Biểu tình ở Yerevan ngày 20/9.\nHai binh sĩ Azerbaijan thiệt mạng ở Terter."
    ev = with_figures(events(gaz, text, "vi"))[0]
    assert ev.date is None and ev.date_partial is None


def test_numbers_of_a_date_are_not_figures_and_evidence_spans_point_into_the_text(gaz):
    text = ("Clashes broke out on Tuesday. Armenia's defence ministry said 15 of its soldiers were killed "
            "in Hadrut on 13 September.")
    evs = with_figures(events(gaz, text, "en", date(2022, 9, 14)))
    assert [(e.killed_low, e.date) for e in evs] == [(15, "2022-09-13")]
    spans = {s["kind"]: text[s["start"]:s["end"]] for s in evs[0].spans}
    assert spans == {"figure": "15 of its soldiers were killed", "date": "13 September",
                     "claimant": "Armenia's defence ministry"}
