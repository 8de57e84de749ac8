"""Casualty figures on sentences written for these tests (not the sample articles), distractors included."""
from __future__ import annotations

import pytest

from lib.casualties import Grammar, find_figures
from lib.tokens import tokenize


def figs(sentence: str, lang: str):
    return [(f.field, f.low, f.high, f.approximate, f.victims) for f in find_figures(tokenize(sentence),
                                                                                       Grammar.for_language(lang))]


@pytest.mark.parametrize("lang,sentence,expected", [
    # English
    ("en", "Three soldiers were killed and 12 wounded near the border.",
     [("killed", 3, 3, False, "soldiers"), ("wounded", 12, 12, False, "unknown")]),
    ("en", "The shelling killed at least 14 civilians, officials said.", [("killed", 14, None, True, "civilians")]),
    ("en", "Up to 40 people are missing after the strike.", [("missing", None, 40, True, "unknown")]),
    ("en", "About 200 fighters died in the offensive.", [("killed", 200, 200, True, "fighters")]),
    ("en", "Scores of villagers were injured.", [("wounded", 40, 99, True, "civilians")]),
    ("en", "Two peacekeepers lost their lives.", [("killed", 2, 2, False, "peacekeepers")]),
    ("en", "The bodies of 20 soldiers were recovered.", [("killed", 20, 20, False, "soldiers")]),
    ("en", "The death toll rose to 45 on Sunday.", [("killed", 45, 45, False, "unknown")]),
    ("en", "Two hundred people were killed.", [("killed", 200, 200, False, "unknown")]),
    ("en", "Twenty-one civilians were killed in the shelling.", [("killed", 21, 21, False, "civilians")]),
    # Vietnamese
    ("vi", "Ít nhất 7 dân thường thiệt mạng và 20 người bị thương.",
     [("killed", 7, None, True, "civilians"), ("wounded", 20, 20, False, "unknown")]),
    ("vi", "Hai binh sĩ hy sinh trong vụ pháo kích.", [("killed", 2, 2, False, "soldiers")]),
    ("vi", "Hàng chục người mất tích sau trận động đất.", [("missing", 20, 99, True, "unknown")]),
    # Indonesian
    ("id", "Sedikitnya 9 warga sipil tewas dan 30 lainnya luka-luka.",
     [("killed", 9, None, True, "civilians"), ("wounded", 30, 30, False, "unknown")]),
    ("id", "Puluhan tentara dilaporkan gugur.", [("killed", 20, 99, True, "soldiers")]),
    ("id", "Dua puluh orang hilang setelah serangan itu.", [("missing", 20, 20, False, "unknown")]),
])
def test_figures(lang, sentence, expected):
    assert figs(sentence, lang) == expected


@pytest.mark.parametrize("lang,sentence", [
    ("en", "Russia deployed 2,000 peacekeepers to the region."),  # force size
    ("en", "The army lost 200 tanks and 30 drones, but no one was killed in 2020."),  # equipment, a year
    ("en", "Fighting lasted 24 hours and the war 26 years; 3 attacks were reported."),  # durations, attacks
    ("en", "Police arrested 6 soldiers who were accused of killing a farmer."),  # arrests
    ("en", "The 5th brigade was deployed on 28/9/2020 at 10:30."),  # ordinal, date, time
    ("en", "The conflict, which has left some 30,000 people dead, is far from over."),  # a conflict's running toll
    ("vi", "Iran triển khai 200 xe tăng tới biên giới trong 24 tiếng."),
    ("vi", "Quân đội bắt 6 binh sĩ đối phương."),
    ("vi", "Có 2 vụ tấn công trong năm 2020."),
    ("id", "Pemerintah mengerahkan 3.000 tentara ke perbatasan selama 2 minggu."),
    ("id", "Polisi menangkap 12 orang dalam unjuk rasa itu."),
])
def test_distractors_give_no_figure(lang, sentence):
    assert figs(sentence, lang) == []


def test_one_figure_for_several_kinds_keeps_its_scope():
    out = find_figures(tokenize("More than 100 servicemen were killed and injured."), Grammar.for_language("en"))
    assert len(out) == 1 and out[0].scope == ["killed", "wounded"] and out[0].low == 100


def test_side_cues_are_reported():
    g = Grammar.for_language("en")
    own = find_figures(tokenize("The ministry said 50 people from their side had been killed."), g)[0]
    enemy = find_figures(tokenize("They said all six attackers were dead."), g)[0]
    both = find_figures(tokenize("Dozens of civilians on both sides died."), g)[0]
    assert own.self_ref and not own.hostile
    assert enemy.hostile and not enemy.self_ref
    assert both.both_sides


def test_a_language_without_a_lexicon_has_no_grammar():
    assert Grammar.for_language("xx") is None
    assert Grammar.for_language(None) is None
