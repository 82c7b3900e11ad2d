"""Rendered PDFs: every name prints exactly as stored, labels land where asked."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from core.kernel.jobs import Cancelled
from core.printing.formats import LABEL_SHEETS, PAGE_FORMATS, get_label_sheet, get_page_format
from core.printing.render import ItemsJob, render_items, render_items_bytes, render_labels
from core.printing.templates import DEFAULT_TEMPLATES

from tests.core.printing.helpers import PROFILE, page_texts, placed_text, recipient

NAMES = [
    ("Zoë", "Ångström-Łukasiewicz"),
    ("Ελένη", "Παπαδοπούλου"),
    ("Йосиф", "Сталёв"),
    ("美咲", "山田"),
    ("さくら", "佐藤"),
    ("민준", "김"),
    ("<b>Ann</b>", "Smith & Sons <Ltd>"),
    ("Ann &amp;", "<font name='x'>O'Brien</font>"),
]


def _job(format_name: str, names: list[tuple[str, str]], title: str = "For {full_name}",
         body: str = "Dear {full_name},\n\nThank you.") -> ItemsJob:
    return ItemsJob(title, body, get_page_format(format_name), PROFILE,
                    tuple(recipient(first, last) for first, last in names))


@pytest.mark.parametrize("format_name", ["a6-card", "letter-a4", "envelope-dl"])
def test_every_name_prints_exactly_as_stored(format_name: str) -> None:
    pages = page_texts(render_items_bytes(_job(format_name, NAMES)))
    assert len(pages) == len(NAMES)
    for (first, last), text in zip(NAMES, pages, strict=True):
        assert f"{first} {last}" in text


def test_arabic_names_print_joined_in_presentation_forms() -> None:
    pages = page_texts(render_items_bytes(_job("envelope-dl", [("محمد", "العلي")])))
    # The sender's address (street, town, postcode in Britain) comes first.
    address_line = next(line for line in pages[0].splitlines()
                        if any(not c.isascii() for c in line))
    assert any("FORM" in unicodedata.name(c) for c in address_line if not c.isspace())
    assert unicodedata.normalize("NFKC", address_line) == "محمد العلي"


def test_hebrew_names_print_complete() -> None:
    pages = page_texts(render_items_bytes(_job("envelope-10", [("דוד", "כהן")])))
    assert "דוד כהן" in pages[0]


def test_every_default_template_renders_on_every_format_it_allows() -> None:
    from core.printing.formats import formats_for

    for template in DEFAULT_TEMPLATES.values():
        for format_name in formats_for(template.kind):
            job = ItemsJob(template.title, template.body, get_page_format(format_name),
                           PROFILE, (recipient("Zoë", "Adams"),))
            text = "\n".join(page_texts(render_items_bytes(job)))
            fmt = PAGE_FORMATS[format_name]
            if fmt.kind != "envelope":
                assert "Hannah Bloom" in text, (template.name, format_name)
            assert ("Zoë" in text), (template.name, format_name)


def test_a_very_long_name_and_address_shrink_or_wrap_without_error() -> None:
    long_last = "Hohenzollern-Sigmaringen-Wittelsbach " * 8
    job = ItemsJob("Thank you", "Dear {full_name}, " * 40, get_page_format("a6-card"),
                   PROFILE, (recipient("Maximilianus", long_last.strip(),
                                       street="Flat 2\n" + "Long Street " * 30),))
    for name in ("a6-card", "letter-us", "envelope-10", "quarter-fold-letter"):
        job = ItemsJob(job.title, job.body, get_page_format(name), PROFILE, job.recipients)
        text = page_texts(render_items_bytes(job))[0].replace("\n", "")
        assert "Maximilianus" in text


def test_a_folded_card_puts_front_and_message_on_one_sheet_and_half_fold_on_two() -> None:
    quarter = render_items_bytes(_job("quarter-fold-a4", NAMES[:2]))
    half = render_items_bytes(_job("half-fold-a5", NAMES[:2]))
    assert len(page_texts(quarter)) == 2
    half_pages = page_texts(half)
    assert len(half_pages) == 4
    assert "Dear Zoë" in half_pages[1] and "Dear Zoë" not in half_pages[0]


@pytest.mark.parametrize(("sheet_name", "per_page"), [
    ("avery-5160", 30), ("avery-5161", 20), ("avery-5163", 10),
    ("avery-l7160", 21), ("avery-l7163", 14),
])
def test_label_sheets_hold_the_right_number_of_labels(
    tmp_path: Path, sheet_name: str, per_page: int
) -> None:
    sheet = get_label_sheet(sheet_name)
    assert sheet.per_page == per_page
    # Labels stay on the page, and neighbours do not overlap.
    last_x, last_y = sheet.origin(per_page - 1)
    assert last_x + sheet.label_width <= sheet.page_width + 0.5
    assert last_y >= -0.5
    if sheet.columns > 1:
        assert sheet.origin(1)[0] >= sheet.origin(0)[0] + sheet.label_width
    out = tmp_path / "labels.pdf"
    people = [recipient(f"Person{i:03d}", "Test") for i in range(per_page + 3)]
    report = render_labels(people, out, sheet=sheet)
    pages = page_texts(out)
    assert report.pages == len(pages) == 2
    assert pages[0].count("Test") == per_page and pages[1].count("Test") == 3


def test_labels_start_at_the_requested_position(tmp_path: Path) -> None:
    sheet = get_label_sheet("avery-5160")
    out = tmp_path / "labels.pdf"
    render_labels([recipient(f"Person{i}", "Test") for i in range(3)], out, sheet=sheet,
                  start=5)
    names = {text: (x, y) for text, x, y in placed_text(out) if text.startswith("Person")}
    # Position 5 is the middle of the second row, 6 its right, 7 the left of the third row.
    for index, position in enumerate((4, 5, 6)):
        x0, y0 = sheet.origin(position)
        x, y = names[f"Person{index} Test"]
        assert x0 <= x <= x0 + sheet.label_width and y0 <= y <= y0 + sheet.label_height


def test_label_start_outside_the_sheet_is_refused(tmp_path: Path) -> None:
    from core.printing.errors import InvalidStartPosition

    with pytest.raises(InvalidStartPosition):
        render_labels([recipient("A")], tmp_path / "x.pdf", sheet=LABEL_SHEETS["avery-5163"],
                      start=11)
    assert not (tmp_path / "x.pdf").exists()


def test_cancelling_leaves_no_pdf_and_keeps_an_old_one(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    out.write_bytes(b"previous batch")
    seen: list[int] = []
    with pytest.raises(Cancelled):
        render_items(_job("a6-card", NAMES), out, progress=lambda d, t: seen.append(d),
                     is_cancelled=lambda: len(seen) >= 3)
    assert out.read_bytes() == b"previous batch"
    assert [p.name for p in tmp_path.iterdir()] == ["cards.pdf"]
    assert seen == [1, 2, 3]


def test_progress_counts_every_item(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = render_items(_job("a6-card", NAMES[:3]), tmp_path / "c.pdf",
                          progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)] and report.pages == 3
