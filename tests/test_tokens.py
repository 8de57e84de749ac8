from __future__ import annotations

import pytest

from lib.tokens import PhraseMatcher, parse_number, tokenize


@pytest.mark.parametrize("text,value", [
    ("5,600", 5600), ("5.600", 5600), ("5 600", 5600), ("2\u00a0700", 2700), ("1,234,567", 1234567),
    ("49", 49), ("2.5", 2.5), ("2,5", 2.5),
])
def test_numbers_keep_their_grouping(text, value):
    toks = tokenize(f"about {text} people")
    nums = [t for t in toks if t.kind == "num"]
    assert len(nums) == 1 and nums[0].value == value
    assert parse_number(text) == value


def test_ordinals_and_codes_are_not_numbers():
    assert [t.kind for t in tokenize("1st 2nd Mi-24")] == ["word", "word", "word", "punct", "num"]


def test_offsets_point_into_the_text():
    text = "Azerbaijan’s 50 soldiers"
    for t in tokenize(text, offset=10):
        assert text[t.start - 10:t.end - 10] == t.text


def test_phrase_matcher_longest_match_and_prefix_wildcard():
    m = PhraseMatcher()
    m.add("more than", "lower")
    m.add("more", "other")
    m.add("погиб*", "killed")
    found = m.scan(tokenize("more than 20 погибших"))
    assert [(x.category, x.end - x.start) for x in found] == [("lower", 2), ("killed", 1)]


def test_wildcards_at_either_end_of_a_word():
    m = PhraseMatcher()
    m.add("*قتل", "killed")
    m.add("ранен* в", "wounded")
    m.add("*bomb*", "x")
    assert [x.category for x in m.scan(tokenize("وقتل 5 ранены в бою carbombing"))] == ["killed", "wounded", "x"]
