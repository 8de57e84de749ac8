from __future__ import annotations

from lib.sentences import split


def texts(t, lang="en"):
    return [s.text for s in split(t, lang)]


def test_does_not_break_at_abbreviations_or_initials():
    t = "Gen. Smith said 5 were killed. H. Hacıyev told TP.HCM reporters. U.S. forces left."
    assert texts(t) == ["Gen. Smith said 5 were killed.", "H. Hacıyev told TP.HCM reporters.", "U.S. forces left."]


def test_no_space_after_the_point_is_no_boundary():
    assert texts("H.Hacıyev met 5.600 people. Then left.") == ["H.Hacıyev met 5.600 people.", "Then left."]


def test_lines_and_quotes():
    t = '"Six were killed," the ministry said. "It is over."\nNext paragraph here'
    out = split(t, "en")
    assert [s.text for s in out] == ['"Six were killed," the ministry said.', '"It is over."', "Next paragraph here"]
    assert [s.paragraph for s in out] == [0, 0, 1]


def test_offsets_are_exact_and_blank_furniture_is_skipped():
    t = "First one.   \n          \nSecond one! Third?"
    for s in split(t, "en"):
        assert t[s.start:s.end] == s.text
    assert texts(t) == ["First one.", "Second one!", "Third?"]


def test_vietnamese_abbreviation_from_the_lexicon():
    assert texts("Tại TP. Hồ Chí Minh có mưa. Trời lạnh.", "vi") == ["Tại TP. Hồ Chí Minh có mưa.", "Trời lạnh."]
