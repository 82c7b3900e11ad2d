"""Right-to-left paragraphs wrap in logical order and are reordered line by line."""
from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest

from core.printing.formats import get_page_format
from core.printing.render import ItemsJob, render_items

from tests.core.printing.helpers import PROFILE, placed_text, recipient

ARABIC = ("شكرا جزيلا لك على زيارتك الأولى لمتجرنا الصغير في وسط المدينة. نحن سعداء جدا "
          "بأنك اخترت زهورنا لهذه المناسبة الجميلة، ونتمنى أن تكون الباقة قد أسعدت من تحب. "
          "ننتظر زيارتك القادمة بفارغ الصبر.")
HEBREW = ("תודה רבה על הביקור הראשון שלך בחנות הקטנה שלנו במרכז העיר. אנחנו שמחים מאוד "
          "שבחרת בפרחים שלנו לאירוע המיוחד הזה, ומקווים שהזר שימח את מי שאתה אוהב. "
          "נשמח לראות אותך שוב בקרוב.")
RTL_BLOCKS = ("\u0590", "\u08ff")


def _logical(visual: str) -> str:
    """A visual line of Arabic or Hebrew (no numbers or Latin) back in logical order."""
    return unicodedata.normalize("NFKC", visual[::-1])


def _body(text: str, width: float, alignment: int | None = None):  # type: ignore[no-untyped-def]
    from reportlab.pdfgen.canvas import Canvas

    from core.printing import pdf

    flowable = pdf.paragraph(text, pdf.make_styles().body, alignment)
    flowable.wrapOn(Canvas(None), width, 1000)
    return flowable


def _width_of(line: str) -> float:
    """The width of one line set in the body style (10 pt on a card)."""
    from core.printing.fonts import font_runs, string_width
    from core.printing.text import visual_order

    return string_width(font_runs(visual_order(line)), 10)


def _body_lines(path: Path) -> list[str]:
    """The card's right-to-left lines, top first, as pypdf reads them (it reverses RTL runs
    back to logical order, with punctuation not always where it was)."""
    rows: dict[float, list[str]] = {}
    for text, _, y in placed_text(path):
        rows.setdefault(round(y, 1), []).append(unicodedata.normalize("NFKC", text))
    lines = [" ".join(rows[y]) for y in sorted(rows, reverse=True)]
    return [line for line in lines if any(RTL_BLOCKS[0] <= c <= RTL_BLOCKS[1] for c in line)]


def _assert_words_in_reading_order(lines: list[str], paragraph: str) -> None:
    """Each word of `paragraph` is found on the same line as the word before or a later one."""
    row = 0
    for word in paragraph.split():
        word = word.strip(".،,")
        found = next((i for i in range(row, len(lines)) if word in lines[i]), None)
        assert found is not None, f"{word!r} not on line {row} or below: {lines}"
        row = found


@pytest.mark.parametrize("paragraph", [ARABIC, HEBREW], ids=["arabic", "hebrew"])
def test_a_long_rtl_paragraph_prints_first_words_on_the_top_line(paragraph: str) -> None:
    job = ItemsJob("", paragraph, get_page_format("a6-card"), PROFILE, (recipient("Ann"),))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "card.pdf"
        render_items(job, out)
        lines = _body_lines(out)
    assert len(lines) >= 3
    words = paragraph.split()
    assert all(w.strip(".،,") in lines[0] for w in words[:3])
    assert all(w.strip(".،,") in lines[-1] for w in words[-2:])
    assert not any(w.strip(".،,") in lines[0] for w in words[-2:])
    _assert_words_in_reading_order(lines, paragraph)


@pytest.mark.parametrize("paragraph", [ARABIC, HEBREW], ids=["arabic", "hebrew"])
def test_rtl_lines_are_consecutive_pieces_of_the_paragraph_right_aligned(paragraph: str) -> None:
    from core.printing.pdf import RIGHT

    body = _body(paragraph, 220)
    assert body.style.alignment == RIGHT
    assert len(body.visual_lines) >= 3
    assert " ".join(_logical(v) for v in body.visual_lines) == paragraph
    # reportlab sets exactly the lines given; it never wraps them again.
    assert len(body._inner.blPara.lines) == len(body.visual_lines)


def test_a_mixed_line_keeps_numbers_and_latin_names_left_to_right() -> None:
    first = "ההזמנה של Ann Smith מספר 1234"
    body = _body(f"{first} מוכנה לאיסוף", _width_of(first) + 3)  # "מוכנה" does not fit
    assert body.visual_lines == ("1234 רפסמ Ann Smith לש הנמזהה", "ףוסיאל הנכומ")


def test_an_arabic_template_that_opens_with_a_latin_name_still_reads_right_to_left() -> None:
    from core.printing.pdf import RIGHT

    body = _body("Ann، " + ARABIC, 220)
    assert body.style.alignment == RIGHT
    assert body.visual_lines[0].endswith("Ann")  # the first word, at the right-hand end


def test_a_hebrew_name_in_latin_text_stays_in_place_and_left_aligned() -> None:
    from core.printing.pdf import LEFT

    body = _body("Dear דוד כהן, thank you for coming in.", 300)
    assert body.style.alignment == LEFT
    assert body.visual_lines == ("Dear ןהכ דוד, thank you for coming in.",)


def test_a_name_split_over_two_lines_keeps_its_words_in_order() -> None:
    first = "Thank you for your visit, דוד בן יוסף"
    body = _body(f"{first} כהן", _width_of(first) + 3)
    assert body.visual_lines == ("Thank you for your visit, ףסוי ןב דוד", "ןהכ")
    assert len(body._inner.blPara.lines) == 2


def test_a_long_rtl_word_is_cut_to_fit_and_nothing_is_lost() -> None:
    word = "אבגדהוזחטיכלמנסעפצקרשת" * 4
    body = _body(word, 60)
    assert len(body.visual_lines) > 2
    assert "".join(_logical(v) for v in body.visual_lines) == word
    assert len(body._inner.blPara.lines) == len(body.visual_lines)


def test_rtl_text_is_never_markup() -> None:
    body = _body('<b>שלום</b> & <font name="x">Co</font>', 300)
    frags = [frag for line in body._inner.blPara.lines for frag in line.words]
    assert body.visual_lines == ('<b>םולש</b> & <font name="x">Co</font>',)
    printed = "".join(frag.text for frag in frags).replace(" ", "")
    assert printed == '<b>םולש</b>&<fontname="x">Co</font>'
    assert all(frag.fontName.startswith("Regulars") for frag in frags)


def test_latin_paragraphs_stay_plain_paragraphs_and_headlines_stay_centred() -> None:
    from reportlab.platypus import Paragraph

    from core.printing import pdf

    styles = pdf.make_styles()
    assert type(pdf.paragraph("Dear Ann, thank you.", styles.body)) is Paragraph
    assert pdf.paragraph("شكرا Ann", styles.headline).style.alignment == pdf.CENTER
