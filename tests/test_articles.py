"""Reading and cleaning articles: bad input, date lines, page furniture, JSON/JSONL/HTML, stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib import articles, config
from lib.articles import ReadError, decode, parse_html, parse_record, parse_text, read_file, read_paths
from lib.models import Article

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

EN_BODY = (
    "Azerbaijan's defence ministry said on Monday that two soldiers were killed when Armenian forces "
    "opened fire near the border village of Sotk, and that another three were wounded."
)
RU_TEXT = (
    "Российские миротворцы сообщили, что в результате обстрела в Карабахе погибли три мирных жителя, ещё пятеро ранены."
)
FR_TEXT = "Le ministère de la Défense a indiqué que deux soldats avaient été tués près de la frontière, à l'aube."


def sample(prefix: str) -> Path:
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    return path


def only_article(results: list[Article | ReadError]) -> Article:
    assert len(results) == 1 and isinstance(results[0], Article), results
    return results[0]


def only_error(results: list[Article | ReadError]) -> ReadError:
    assert len(results) == 1 and isinstance(results[0], ReadError), results
    return results[0]


def assert_offsets_kept(a: Article) -> None:
    """text has raw_text's length, and every character outside a removed span is unchanged."""
    assert a.raw_text is not None and len(a.text) == len(a.raw_text)
    removed = {i for s in a.removed for i in range(s.start, s.end)}
    for i, (t, r) in enumerate(zip(a.text, a.raw_text, strict=True)):
        if i in removed:
            assert t == ("\n" if r == "\n" else " ")
        else:
            assert t == r


# --- bad input -------------------------------------------------------------------------------------


def test_folder_with_bad_files_gives_one_error_each_and_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(EN_BODY, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blank.txt").write_text("  \n\t\n  ", encoding="utf-8")
    (tmp_path / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "e_russian.txt").write_bytes(RU_TEXT.encode("cp1251"))
    (tmp_path / "f_french.txt").write_bytes(FR_TEXT.encode("latin-1"))
    (tmp_path / "g_control.txt").write_bytes(b"\x01\x02\x03\x04\x05\x06abc" * 40)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # unsupported type in a folder: skipped silently
    (tmp_path / ".hidden.txt").write_text(EN_BODY, encoding="utf-8")
    (tmp_path / "README.md").write_text("# About these files", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "h_nested.txt").write_text(FR_TEXT, encoding="utf-8")

    results = list(read_paths([tmp_path]))
    by_name = {Path(r.source).name: r for r in results}
    assert sorted(by_name) == [
        "a_good.txt",
        "b_empty.txt",
        "c_blank.txt",
        "d_binary.txt",
        "e_russian.txt",
        "f_french.txt",
        "g_control.txt",
        "h_nested.txt",
    ]
    assert len(results) == len(by_name)  # exactly one result per file

    assert isinstance(by_name["a_good.txt"], Article) and by_name["a_good.txt"].warnings == []
    assert str(by_name["b_empty.txt"]) == f"{tmp_path / 'b_empty.txt'}: skipped: file is empty"
    assert by_name["c_blank.txt"].message == "file is empty"
    assert "binary" in by_name["d_binary.txt"].message
    assert "binary" in by_name["g_control.txt"].message

    ru = by_name["e_russian.txt"]
    assert isinstance(ru, Article) and ru.text == RU_TEXT and ru.language == "ru"
    assert len(ru.warnings) == 1 and ru.warnings[0].startswith("decoded as ") and "not UTF-8" in ru.warnings[0]
    fr = by_name["f_french.txt"]
    assert isinstance(fr, Article) and fr.text == FR_TEXT and fr.language == "fr"
    assert "not UTF-8" in fr.warnings[0]
    assert isinstance(by_name["h_nested.txt"], Article)


def test_missing_path_and_unsupported_file(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    good = tmp_path / "ok.txt"
    good.write_text(EN_BODY, encoding="utf-8")
    results = list(read_paths([tmp_path / "nope.txt", pdf, good]))
    assert [type(r).__name__ for r in results] == ["ReadError", "ReadError", "Article"]
    assert results[0].message == "no such file or folder"
    assert "unsupported file type '.pdf'" in results[1].message


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("x" * 250, encoding="utf-8")
    err = only_error(read_file(path))
    assert err.message == "file is 250 bytes, over the limit of 100 bytes"


def test_undetectable_encoding(tmp_path: Path) -> None:
    path = tmp_path / "mystery.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)
    assert only_error(read_file(path)).message == "not UTF-8 text and no encoding could be detected"


def test_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(("Border clashes\r\n" + EN_BODY + "\r\n").encode("utf-8-sig"))
    a = only_article(read_file(path))
    assert a.warnings == [] and a.raw_text == "Border clashes\n" + EN_BODY + "\n"
    assert a.title == "Border clashes"


def test_utf16_with_bom_is_read_with_a_warning() -> None:
    text, warnings = decode(FR_TEXT.encode("utf-16"), "x.txt")
    assert text == FR_TEXT and warnings == ["decoded as utf-16, not UTF-8"]


def test_no_exception_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(raw: str, source: str) -> Article:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(articles, "parse_text", boom)
    path = tmp_path / "a.txt"
    path.write_text(EN_BODY, encoding="utf-8")
    assert only_error(read_file(path)).message == "unexpected error: RuntimeError: parser bug"


# --- date line -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "published"),
    [
        (f" date 2024-04-02 {EN_BODY}", "2024-04-02"),  # the text goes on on the same line
        (f"date 2024-04-02\n\n{EN_BODY}", "2024-04-02"),
        (f"  Date 2023-11\n{EN_BODY}", "2023-11"),
        (EN_BODY, None),
    ],
)
def test_date_line_forms(raw: str, published: str | None) -> None:
    a = parse_text(raw, "x.txt")
    assert isinstance(a, Article)
    assert a.published == published and a.warnings == []
    assert a.text.strip() == EN_BODY and a.text.index(EN_BODY) == a.raw_text.index(EN_BODY)
    assert "date" not in a.text
    assert [s.reason for s in a.removed] == (["date-line"] if published else [])
    assert_offsets_kept(a)


def test_malformed_date_warns_and_leaves_published_empty() -> None:
    a = parse_text(f" date 2024-13-45 {EN_BODY}", "x.txt")
    assert isinstance(a, Article) and a.published is None
    assert a.warnings == ["malformed date '2024-13-45' in the date line; publication date left empty"]
    assert a.text.strip() == EN_BODY


@pytest.mark.parametrize(("prefix", "published"), [("002", "2024-04-02"), ("004", "2022-09-14"), ("001", None)])
def test_sample_dates(prefix: str, published: str | None) -> None:
    a = only_article(read_file(sample(prefix)))
    assert a.published == published
    assert a.source == str(sample(prefix))
    assert_offsets_kept(a)


# --- page furniture --------------------------------------------------------------------------------

# (language, body paragraphs that must stay, furniture lines that must go)
FURNITURE_CASES = [
    (
        "en",
        [EN_BODY, "Armenia's defence ministry denied the report and said the situation on the border was calm."],
        ["Listen to this article", "Read more: Armenia and Azerbaijan sign border deal", "ADVERTISEMENT"],
    ),
    (
        "vi",
        [
            "Bộ Quốc phòng Azerbaijan cho biết hai binh sĩ thiệt mạng trong cuộc đụng độ gần biên giới hôm thứ Hai.",
            "Phía Armenia bác bỏ thông tin này và cho rằng tình hình ở khu vực biên giới vẫn ổn định.",
        ],
        ["Nghe bài viết", "Xem thêm: Armenia và Azerbaijan ký thỏa thuận biên giới", "Quảng cáo"],
    ),
    (
        "id",
        [
            "Kementerian Pertahanan Azerbaijan menyatakan dua tentara tewas dalam bentrokan di dekat perbatasan.",
            "Pihak Armenia membantah laporan itu dan menyebut situasi di perbatasan tetap tenang.",
        ],
        ["Dengarkan artikel ini", "Baca juga: Armenia dan Azerbaijan Teken Perjanjian Perbatasan", "Iklan"],
    ),
    (
        "ru",
        [
            "Министерство обороны Азербайджана сообщило, что двое военнослужащих погибли в перестрелке у границы.",
            "В Ереване эти сведения опровергли и заявили, что обстановка на границе остаётся спокойной.",
        ],
        ["Прослушать статью", "Читайте также: Армения и Азербайджан подписали соглашение о границе", "Реклама"],
    ),
    (
        "fr",
        [FR_TEXT, "L'Arménie a démenti ces informations et affirmé que la situation restait calme à la frontière."],
        ["Écouter cet article", "Lire aussi : L'Arménie et l'Azerbaïdjan signent un accord", "Publicité"],
    ),
    (
        "de",
        [
            "Das aserbaidschanische Verteidigungsministerium teilte mit, zwei Soldaten seien getötet worden.",
            "Armenien wies die Darstellung zurück und erklärte, die Lage an der Grenze sei ruhig.",
        ],
        ["Artikel anhören", "Lesen Sie auch: Armenien und Aserbaidschan unterzeichnen Abkommen", "Anzeige"],
    ),
    (
        "ar",
        [
            "قالت وزارة الدفاع الأذربيجانية إن جنديين قتلا في اشتباك قرب الحدود مع أرمينيا يوم الاثنين.",
            "ونفت أرمينيا هذه الرواية وقالت إن الوضع على الحدود هادئ.",
        ],
        ["استمع إلى المقال", "اقرأ أيضاً: أرمينيا وأذربيجان توقعان اتفاقاً حدودياً", "إعلان"],
    ),
]


@pytest.mark.parametrize(("lang", "body", "furniture"), FURNITURE_CASES, ids=[c[0] for c in FURNITURE_CASES])
def test_furniture_lines_are_blanked(lang: str, body: list[str], furniture: list[str]) -> None:
    caption, read_more, advert = furniture
    raw = "\n".join([caption, body[0], read_more, "", advert, "", body[1]]) + "\n"
    a = parse_text(raw, f"{lang}.txt")
    assert isinstance(a, Article)
    assert_offsets_kept(a)
    for line in furniture:
        assert line not in a.text
    for paragraph in body:
        assert paragraph in a.text and a.text.index(paragraph) == raw.index(paragraph)
    assert [s.reason for s in a.removed] == ["audio-caption", "read-more", "advertisement"]
    assert [raw[s.start : s.end] for s in a.removed] == furniture
    assert a.language == lang


# (language, header, [(headline, timestamp), ...])
LIST_CASES = [
    (
        "en",
        "Related Stories",
        [("Ceasefire holds in Karabakh", "2 hours ago"), ("Talks resume in Washington", "3 hours ago")],
    ),
    (
        "vi",
        "Tin liên quan",
        [("Xung đột bùng phát ở biên giới", "3 giờ trước"), ("Nga kêu gọi ngừng bắn", "5 giờ trước")],
    ),
    (
        "id",
        "Berita Terkait",
        [("Bentrokan Pecah di Perbatasan", "2 jam lalu"), ("Rusia Serukan Gencatan Senjata", "4 jam lalu")],
    ),
    (
        "ru",
        "Читайте также",
        [("Перестрелка на границе", "5 минут назад"), ("Россия призвала к перемирию", "1 час назад")],
    ),
    ("fr", "À lire aussi", [("Affrontements à la frontière", "il y a 2 heures"), ("Moscou appelle au calme", "hier")]),
    (
        "tr",
        "İlgili Haberler",
        [("Sınırda çatışma çıktı", "2 saat önce"), ("Rusya ateşkes çağrısı yaptı", "3 saat önce")],
    ),
]


@pytest.mark.parametrize(("lang", "header", "items"), LIST_CASES, ids=[c[0] for c in LIST_CASES])
def test_related_story_list_after_a_header_is_blanked(lang: str, header: str, items: list[tuple[str, str]]) -> None:
    body = {c[0]: c[1][0] for c in FURNITURE_CASES}.get(lang, RU_TEXT if lang == "ru" else EN_BODY)
    if lang == "tr":
        body = "Savunma Bakanlığı, sınır hattında çıkan çatışmada iki askerin hayatını kaybettiğini bildirdi."
    lines = [body, header, "-"]
    for headline, stamp in items:
        lines += [headline, f"{stamp} -"]
    after = "Correction: an earlier version of this article misstated the date of the clashes."
    raw = "\n".join(lines) + "\n\n" + after
    a = parse_text(raw, f"{lang}.txt")
    assert isinstance(a, Article)
    assert_offsets_kept(a)
    assert a.text.startswith(body) and after in a.text
    for headline, _ in items:
        assert headline not in a.text
    (span,) = a.removed
    assert span.reason == "related-stories" and raw[span.start :].startswith(header)


def test_header_followed_by_a_paragraph_only_loses_the_header() -> None:
    raw = f"{EN_BODY}\nMost Read\n{FR_TEXT}"
    a = parse_text(raw, "x.txt")
    assert isinstance(a, Article)
    assert EN_BODY in a.text and FR_TEXT in a.text and "Most Read" not in a.text


def test_headerless_list_needs_three_headline_timestamp_pairs() -> None:
    pairs = [
        "Ceasefire holds in Karabakh",
        "18 minutes",
        "Talks resume in Washington",
        "1 hour",
        "Peacekeepers report a violation",
        "2 hours",
    ]
    three = parse_text(EN_BODY + "\n" + "\n".join(pairs), "x.txt")
    assert isinstance(three, Article) and three.text.strip() == EN_BODY
    assert [s.reason for s in three.removed] == ["related-stories"]
    two = parse_text(EN_BODY + "\n" + "\n".join(pairs[:4]), "x.txt")
    assert isinstance(two, Article) and "Talks resume in Washington" in two.text and two.removed == []


def test_headlines_carrying_their_timestamp_count_as_a_list() -> None:
    items = [
        "Ceasefire holds in Karabakh 2 jam lalu",
        "Talks resume in Washington 3 jam lalu",
        "Peacekeepers report a violation 5 jam lalu",
    ]
    a = parse_text(EN_BODY + "\n\n" + "\n".join(items), "x.txt")
    assert isinstance(a, Article) and a.text.strip() == EN_BODY


def test_subheadings_stay() -> None:
    a = only_article(read_file(sample("002")))
    assert "Background of the Conflict" in a.text and "Recent Developments and Accusations" in a.text
    assert "Advertisment" not in a.text
    assert [s.reason for s in a.removed] == ["date-line", "advertisement", "advertisement"]


def test_sample_000_latest_stories_block_is_blanked() -> None:
    a = only_article(read_file(sample("000")))
    assert_offsets_kept(a)
    assert "road crash" not in a.text and "Anyaa Market" not in a.text
    assert "Latest Stories" not in a.text and "Audio By Carbonatix" not in a.text
    assert "Tens of thousands of opposition supporters took to the streets" in a.text
    block = next(s for s in a.removed if s.reason == "related-stories")
    assert a.raw_text[block.start :].startswith("Latest Stories")
    assert a.raw_text[block.end :].strip() == ""  # runs to the end of the file
    assert a.text.rstrip().endswith("calling on their prime minister to resign.")
    assert a.language == "en"


def test_sample_003_baca_lines_are_blanked() -> None:
    a = only_article(read_file(sample("003")))
    assert_offsets_kept(a)
    baca = [line for line in a.raw_text.split("\n") if line.startswith("Baca:")]
    assert len(baca) == 4
    for line in baca:
        assert line not in a.text
    assert "Baca:" not in a.text and "Turki Pastikan" not in a.text
    assert "Prancis mendorong agar kedua negara ini segera melakukan genjatan senjata." in a.text
    assert [s.reason for s in a.removed] == ["read-more", "read-more"]  # two pairs of adjacent lines
    assert a.language == "id"


# --- titles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (f"Border clashes kill two soldiers\n{EN_BODY}", "Border clashes kill two soldiers"),
        (f"Advertisement\nBorder clashes kill two soldiers\n\n{EN_BODY}", "Border clashes kill two soldiers"),
        (f" date 2024-04-02\nBorder clashes kill two soldiers\n{EN_BODY}", "Border clashes kill two soldiers"),
        (f"Two soldiers were killed.\n{EN_BODY}", None),  # a sentence, not a title
        (EN_BODY, None),  # nothing follows
        (f"{EN_BODY}\n{EN_BODY}", None),  # too long
    ],
)
def test_title(raw: str, title: str | None) -> None:
    a = parse_text(raw, "x.txt")
    assert isinstance(a, Article) and a.title == title


# --- JSON, JSONL, HTML -----------------------------------------------------------------------------


def test_json_records_with_aliases_and_a_record_without_text(tmp_path: Path) -> None:
    records = [
        {"url": "https://example.com/a", "title": "Clashes", "published": "2024-04-02T10:00:00Z", "text": EN_BODY},
        {"content": RU_TEXT, "date": "2023-09-20", "lang": "ru-RU", "outlet": "Example News"},
        {"title": "No text here"},
        "not a record",
    ]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    a, b, c, d = read_file(path)
    assert isinstance(a, Article) and a.source == "https://example.com/a" and a.url == "https://example.com/a"
    assert a.title == "Clashes" and a.published == "2024-04-02" and a.language == "en"
    assert isinstance(b, Article) and b.source == f"{path}#2" and b.language == "ru" and b.outlet == "Example News"
    assert b.published == "2023-09-20" and b.text == RU_TEXT
    assert isinstance(c, ReadError) and c.source == f"{path}#3" and "record has no text" in c.message
    assert isinstance(d, ReadError) and "not an object" in d.message


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"text": "a"},\n  {"text": }\n]', encoding="utf-8")
    err = only_error(read_file(path))
    assert err.message.startswith("invalid JSON at line 3, column 12")


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": EN_BODY}), "{not json", "", json.dumps({"body": FR_TEXT, "source": "Le Monde"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    a, err, b = read_file(path)
    assert isinstance(a, Article) and a.source == f"{path}#1"
    assert isinstance(err, ReadError) and err.source == f"{path}#2" and "line 2" in err.message
    assert isinstance(b, Article) and b.source == f"{path}#4" and b.outlet == "Le Monde" and b.language == "fr"


def test_too_many_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "MAX_RECORDS_PER_FILE", 2)
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"{EN_BODY} {i}"}) for i in range(3)), encoding="utf-8")
    assert only_error(read_file(path)).message == "3 records, over the limit of 2 per file"


def test_parse_record_malformed_date_warns() -> None:
    a = parse_record({"text": EN_BODY, "published": "last Tuesday"}, "x.json#1")
    assert isinstance(a, Article) and a.published is None and "last Tuesday" in a.warnings[0]


HTML = """<html><head><title>Border clashes - Daily News</title>
<meta property="og:site_name" content="Daily News"><meta name="date" content="2024-04-02T10:00:00Z">
<script>alert(1)</script><style>p { color: red }</style></head>
<body><nav>Home | World | Sport</nav><article><h1>Border clashes</h1>
<p>Azerbaijan said on Monday that two soldiers were killed in an attack near the border town of Tovuz.
<img src=x onerror=alert(1)> The ministry said another three were wounded.</p>
<p>Armenia denied the claims <script>alert(2)</script> and accused Azerbaijan of firing first across the line.</p>
<p onclick="alert(3)">Both sides have traded accusations for weeks, and the peace talks remain stalled.</p>
</article><footer>Copyright Daily News</footer></body></html>"""


def test_html_main_text_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    a = only_article(read_file(path))
    assert "two soldiers were killed" in a.text and "peace talks remain stalled" in a.text
    for bad in ("alert", "onerror", "onclick", "<", "color: red"):
        assert bad not in a.text and bad not in (a.raw_text or "")
    assert a.title == "Border clashes" and a.published == "2024-04-02" and a.outlet == "Daily News"
    assert a.language == "en"


def test_html_without_article_text() -> None:
    err = parse_html("<html><body><script>alert(1)</script><nav>Home</nav></body></html>", "empty.html")
    assert isinstance(err, ReadError) and err.message == "no article text found in the HTML"


# --- ids -------------------------------------------------------------------------------------------


def test_same_content_same_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(f"{EN_BODY}\n{FR_TEXT}\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text(f"{EN_BODY}\nAdvertisement\n{FR_TEXT}", encoding="utf-8")
    (tmp_path / "three.txt").write_text(f"{EN_BODY}\n{RU_TEXT}", encoding="utf-8")
    one, two, three = read_paths([tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "three.txt"])
    assert one.id == two.id != three.id
    assert only_article(read_file(tmp_path / "one.txt")).id == one.id  # read again: same id
