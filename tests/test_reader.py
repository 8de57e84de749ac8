"""lib/reader.py: the article text with its extractions marked, as HTML that is safe whatever the article says."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pandas as pd

from lib import reader

TEXT = "Shelling hit Gəncə on 11 October, killing 10 civilians, the ministry said.\nRead more: unrelated story"
PLACE = {"surface": "Gəncə", "start": 13, "end": 18, "name": "Ganja", "country": "AZ", "lat": 40.6828,
         "lon": 46.3606, "precision": "town", "gazetteer_id": "geonames:587084", "confidence": 0.93,
         "names": ["Ganja", "Gəncə", "Gyandzha"]}
EVENT = {"id": "ev1", "article_id": "a1", "sentence": TEXT.split("\n")[0], "sentence_start": 0,
         "place_name": "Ganja", "date": "2020-10-11", "date_precision": "day", "date_basis": "explicit",
         "killed_low": 10, "killed_high": 10, "wounded_low": None, "wounded_high": None, "approximate": False,
         "victims": "civilians", "victim_side": "AZ", "claimed_by": "the ministry",
         "spans": [{"kind": "date", "start": 22, "end": 32, "label": "2020-10-11"},
                   {"kind": "figure", "start": 34, "end": 54, "label": "killed: 10"},
                   {"kind": "claimant", "start": 56, "end": 68, "label": "the ministry"}]}
REMOVED = [{"start": 75, "end": len(TEXT), "reason": "read-more"}]


class _Tags(HTMLParser):
    """Collects the elements and checks that they nest properly."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.seen.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] != "style":
            self.text.append(data)


def _parse(markup: str) -> _Tags:
    p = _Tags()
    p.feed(markup)
    p.close()
    assert not p.stack, f"unclosed: {p.stack}"
    return p


def _reader_text(markup: str) -> str:
    """The text the reader shows, without the removed-furniture badges."""
    no_badges = re.sub(r'<span class="m-removed-label"[^>]*>.*?</span>', "", markup)
    return "".join(_parse(no_badges.split("</style>", 1)[-1]).text)


def test_marks_each_kind_with_what_it_resolved_to() -> None:
    ms = {m.kind: m for m in reader.marks(TEXT, [PLACE], [EVENT], REMOVED)}
    assert set(ms) == {"place", "date", "figure", "claimant", "removed"}
    assert TEXT[ms["place"].start:ms["place"].end] == "Gəncə"
    assert "→ Ganja (town, AZ)" in ms["place"].title and "geonames:587084" in ms["place"].title
    assert "40.6828, 46.3606" in ms["place"].title and "Gyandzha" in ms["place"].title
    assert "→ 2020-10-11 (day)" in ms["date"].title
    assert "killed 10" in ms["figure"].title and "claimed by: the ministry" in ms["figure"].title
    assert ms["claimant"].title.startswith("Claimed by: the ministry")
    assert ms["removed"].title == "Removed: read-more link"
    assert ms["figure"].event_id == "ev1"


def test_html_keeps_the_text_and_marks_it() -> None:
    markup = reader.article_html(TEXT, [PLACE], [EVENT], REMOVED)
    assert _reader_text(markup) == html.unescape(html.escape(TEXT))  # every character, once, in order
    tags = _parse(markup)
    classes = [a.get("class") for _, a in tags.seen]
    assert {"m-place", "m-date", "m-figure", "m-claimant", "m-removed"} <= set(classes)
    assert 'dir="auto"' in markup and "unicode-bidi: plaintext" in markup
    assert "removed: read-more link" in markup  # the badge says why it was removed
    assert '<del class="m-removed"' in markup


def test_everything_from_the_article_is_escaped() -> None:
    evil = '<script>alert(1)</script> in "Gan<b>ja" & <img src=x onerror=alert(2)>'
    place = {**PLACE, "start": 0, "end": 8, "surface": evil[:8], "name": '"><script>alert(3)</script>',
             "names": ["<i>x</i>"]}
    event = {**EVENT, "claimed_by": "<b onmouseover=alert(4)>", "spans": [{"kind": "figure", "start": 10,
                                                                            "end": 30, "label": "<u>10</u>"}]}
    markup = reader.article_html(evil, [place], [event], [{"start": 31, "end": 40, "reason": "<svg onload=x>"}])
    body = markup.split("</style>", 1)[-1]
    assert "<script" not in body and "<img" not in body and "<b " not in body and "<svg" not in body
    assert "<u>" not in body and "<i>" not in body
    assert {t for t, _ in _parse(body).seen} <= {"div", "mark", "del", "span"}
    assert _reader_text(markup) == evil


def test_overlapping_marks_nest_and_split_cleanly() -> None:
    text = "Ten soldiers killed near Tartar town"
    ev = {**EVENT, "sentence": text, "spans": [{"kind": "figure", "start": 0, "end": 30, "label": "killed: 10"},
                                               {"kind": "claimant", "start": 20, "end": 36, "label": "odd"}]}
    place = {**PLACE, "surface": "Tartar", "start": 25, "end": 31}
    segs = reader.segments(text, reader.marks(text, [place], [ev]))
    assert "".join(s.text for s in segs) == text
    assert [s.text for s in segs] == ["Ten soldiers killed ", "near ", "Tarta", "r", " town"]
    assert [tuple(m.kind for m in s.marks) for s in segs] == [
        ("figure",), ("figure", "claimant"), ("figure", "claimant", "place"), ("claimant", "place"), ("claimant",)]
    markup = reader.article_html(text, [place], [ev])
    _parse(markup)  # nests properly
    assert _reader_text(markup) == text


def test_marks_of_one_kind_on_one_stretch_are_merged() -> None:
    twin = {**EVENT, "id": "ev2", "claimed_by": "the mayor"}
    ms = [m for m in reader.marks(TEXT, [PLACE, PLACE], [EVENT, twin]) if m.kind in ("figure", "place")]
    assert [m.kind for m in ms].count("figure") == 1 and [m.kind for m in ms].count("place") == 1
    figure = next(m for m in ms if m.kind == "figure")
    assert "the ministry" in figure.title and "the mayor" in figure.title


def test_bad_offsets_are_dropped_or_clipped() -> None:
    ev = {**EVENT, "spans": [{"kind": "figure", "start": 50, "end": 10, "label": "x"},
                             {"kind": "date", "start": None, "end": 3, "label": "x"},
                             {"kind": "claimant", "start": 70, "end": 9999, "label": "x"},
                             {"kind": "other", "start": 0, "end": 3, "label": "x"}]}
    ms = reader.marks(TEXT, [{**PLACE, "start": float("nan")}], [ev], [{"start": -5, "end": 4, "reason": "x"}])
    assert [(m.kind, m.start, m.end) for m in ms] == [("removed", 0, 4), ("claimant", 70, len(TEXT))]


def test_any_script_right_to_left_too() -> None:
    text = "قُتل 12 مدنيًا في غزة.\nУбиты 5 человек в Гяндже.\nTiếng nổ ở Tartar."
    places = [{"surface": "غزة", "start": text.index("غزة"), "end": text.index("غزة") + 3, "name": "Gaza"},
              {"surface": "Гяндже", "start": text.index("Гяндже"), "end": text.index("Гяндже") + 6, "name": "Ganja"}]
    markup = reader.article_html(text, places)
    assert _reader_text(markup) == text
    assert ">غزة</mark>" in markup and ">Гяндже</mark>" in markup


def test_the_followed_event_is_outlined_and_its_sentence_excerpted() -> None:
    markup = reader.article_html(TEXT, [PLACE], [EVENT], REMOVED, focus="ev1")
    assert '<span class="m-focus"' in markup and 'data-event="ev1"' in markup
    assert "m-focus" not in reader.article_html(TEXT, [PLACE], [EVENT], REMOVED, focus="other").split("</style>")[-1]
    excerpt = reader.excerpt_html(TEXT, 0, len(EVENT["sentence"]), [PLACE], [EVENT])
    assert _reader_text(excerpt) == EVENT["sentence"]
    assert 'class="m-place"' in excerpt and "Read more" not in excerpt


def test_a_stale_sentence_offset_is_found_in_the_text() -> None:
    ev = {**EVENT, "sentence_start": 40}
    focus = next(m for m in reader.marks(TEXT, [], [ev], focus="ev1") if m.kind == "focus")
    assert (focus.start, focus.end) == (0, len(EVENT["sentence"]))


def test_legend_and_tables() -> None:
    legend = reader.legend_html(("place", "removed"))
    assert "m-place" in legend and "m-removed" in legend and "m-focus" not in legend.split("</style>")[-1]
    places = reader.places_table(pd.DataFrame([PLACE]))
    assert places.iloc[0][["as written", "resolved to", "coordinates", "gazetteer entry"]].tolist() == [
        "Gəncə", "Ganja", "40.6828, 46.3606", "geonames:587084"]
    arts = pd.DataFrame([{"id": "a1", "source": "data/x/vi.txt", "language": "vi", "title": None, "published": None,
                          "outlet": None, "url": "javascript:x", "n_places": 3, "n_events": 2,
                          "warnings": ["no casualty lexicon for language 'xx'"]}])
    table = reader.articles_table(arts, pd.DataFrame([EVENT]))
    assert table.iloc[0][["file or URL", "places", "events", "with figures"]].tolist() == ["vi.txt", 3, 2, 1]
    assert table.iloc[0]["url"] is None and "no casualty lexicon" in table.iloc[0]["warnings"]
    assert reader.article_labels(arts) == ["vi.txt · vi · no date"]
