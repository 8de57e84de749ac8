"""Language detection on the bundled samples and on sentences in the languages the project covers."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.language import detect, ranked

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

SENTENCES = {
    "ru": ("Российские миротворцы сообщили, что в результате обстрела погибли три мирных жителя, ещё пятеро ранены."),
    "uk": ("Внаслідок обстрілу загинули троє мирних жителів, ще п'ятеро отримали поранення, повідомила адміністрація."),
    "hy": ("Պաշտպանության նախարարությունը հայտնում է, որ հակառակորդի կրակից զոհվել է երկու զինծառայող։"),
    "az": (
        "Müdafiə Nazirliyi bildirib ki, düşmən atəşi nəticəsində iki hərbçimiz şəhid olub, daha üç nəfər yaralanıb."
    ),
    "tr": (
        "Savunma Bakanlığı, sınır hattında çıkan çatışmada iki askerin "
        "hayatını kaybettiğini ve üç askerin yaralandığını bildirdi."
    ),
    "ka": (
        "თავდაცვის სამინისტროს ცნობით, სასაზღვრო ინციდენტის შედეგად ორი სამხედრო მოსამსახურე დაიღუპა, სამი კი დაიჭრა."
    ),
    "ar": ("قالت وزارة الدفاع إن جنديين قتلا وأصيب ثلاثة آخرون في هجوم على موقع عسكري قرب الحدود مساء الاثنين."),
    "fa": ("وزارت دفاع اعلام کرد که در این حمله دو سرباز کشته و سه نفر دیگر زخمی شدند و درگیری‌ها ادامه دارد."),
    "fr": (
        "Le ministère de la Défense a indiqué que deux soldats avaient "
        "été tués et trois autres blessés près de la frontière."
    ),
    "de": (
        "Das Verteidigungsministerium teilte mit, dass bei einem Angriff nahe der Grenze zwei Soldaten getötet wurden."
    ),
    "es": (
        "El Ministerio de Defensa informó que dos soldados murieron "
        "y otros tres resultaron heridos cerca de la frontera."
    ),
    "it": (
        "Il ministero della Difesa ha riferito che due soldati sono stati uccisi e altri tre feriti vicino al confine."
    ),
    "pt": (
        "O Ministério da Defesa informou que dois soldados morreram e outros três ficaram feridos perto da fronteira."
    ),
    "pl": (
        "Ministerstwo Obrony poinformowało, że w ataku w pobliżu "
        "granicy zginęło dwóch żołnierzy, a trzech jest rannych."
    ),
    "id": (
        "Kementerian Pertahanan menyatakan dua tentara tewas dan tiga "
        "lainnya luka-luka dalam serangan di dekat perbatasan."
    ),
    "vi": (
        "Bộ Quốc phòng cho biết hai binh sĩ thiệt mạng và ba người "
        "khác bị thương trong một cuộc tấn công gần biên giới."
    ),
}


@pytest.mark.parametrize(
    ("prefix", "expected"), [("000", "en"), ("001", "vi"), ("002", "en"), ("003", "id"), ("004", "en")]
)
def test_samples(prefix: str, expected: str) -> None:
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    assert detect(path.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(("lang", "sentence"), SENTENCES.items())
def test_own_sentences(lang: str, sentence: str) -> None:
    assert detect(sentence) == lang


@pytest.mark.parametrize(
    "text", ["", "   ", "Baku, 12 May", "12345 67890 !!!", "@MFAofArmenia https://example.com/a/b/c"]
)
def test_too_little_to_judge_gives_none(text: str) -> None:
    assert detect(text) is None


def test_urls_and_handles_are_ignored() -> None:
    noise = " https://www.example.com/news/world/armenia-azerbaijan-clashes @some_reporter #breaking "
    assert detect(noise * 5 + SENTENCES["fr"] + noise * 5) == "fr"


def test_candidates_restrict_the_choice_without_changing_the_default() -> None:
    assert detect(SENTENCES["az"], candidates=["tr", "az"]) == "az"
    assert detect(SENTENCES["ru"], candidates=["en", "fr"]) in {"en", "fr"}
    assert detect(SENTENCES["ru"]) == "ru"  # the shared identifier is untouched
    assert detect(SENTENCES["de"], candidates=["de", "xx-unknown"]) == "de"  # unknown codes are ignored


def test_candidates_none_known_is_an_error() -> None:
    with pytest.raises(ValueError, match="candidate languages"):
        detect(SENTENCES["de"], candidates=["xx", "yy"])


def test_prefer_settles_near_ties_only() -> None:
    indonesian = (
        "Kementerian Pertahanan Azerbaijan menyatakan dua tentara tewas dalam bentrokan di dekat perbatasan.\n"
        "Pihak Armenia membantah laporan itu dan menyebut situasi di perbatasan tetap tenang."
    )
    malay = (
        "Kementerian Pertahanan Malaysia berkata dua anggota tentera terbunuh dalam pertempuran berhampiran "
        "sempadan pada hari Isnin, manakala tiga lagi cedera."
    )
    dutch = "Het ministerie van Defensie meldde dat twee soldaten om het leven kwamen bij een aanval bij de grens."
    assert detect(indonesian, prefer=["id", "en"]) == "id"  # the model is torn between ms and id
    assert detect(malay, prefer=["id", "en"]) == "ms"  # clearly Malay: the preference does not override it
    assert detect(dutch, prefer=["id", "en", "de"]) == "nl"


def test_ranked_probabilities_sum_to_one() -> None:
    ranking = ranked(SENTENCES["ar"])
    assert ranking[0][0] == "ar" and abs(sum(p for _, p in ranking) - 1.0) < 1e-6
    assert "arz" not in dict(ranking)  # varieties are folded into their language
    assert ranked("too short") == []
