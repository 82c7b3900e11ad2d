"""1,000 thank-you cards against a same-run bare reportlab platypus baseline (on demand).

    .venv/bin/python -m pytest tests/benchmarks/bench_printing.py -s -m benchmark_run
    .venv/bin/python tests/benchmarks/bench_printing.py [CARDS]

Ours: the real engine (bundled TTF fonts chosen per word, escaping, bidi check, logo,
ornament, note lines, fitted blocks) on A6 cards. Baseline: SimpleDocTemplate with the
built-in Helvetica laying out the same merged text, one card per page. Bytes per page is
the growth of the file per extra card, so the embedded font subsets and logo (paid once)
are not counted.
"""
from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

CARDS = 1000
FIRST = ["Ann", "José", "Zoë", "Ólafur", "Chloé", "Peter", "María", "Jürgen", "Noah", "Seán"]
LAST = ["Smith", "Müller", "O'Brien", "García", "Nguyen", "Dubois", "Rossi", "de Vries"]
LIBREOFFICE_PAGES_PER_S = 68.0  # headless conversion of a 1,000-page document, plus 1 s start


def _logo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (360, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 116, 116), outline=(47, 93, 87, 255), width=6)
    draw.rectangle((140, 50, 350, 70), fill=(47, 93, 87, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _job(count: int):  # type: ignore[no-untyped-def]
    import dataclasses

    from core.printing.formats import get_page_format
    from core.printing.recipients import _SampleCustomer, recipient_from
    from core.printing.render import ItemsJob
    from core.printing.templates import DEFAULT_TEMPLATES
    from core.settings.profile import BusinessProfileData

    profile = BusinessProfileData(name="Bloom & Co. Florist", street="4 Market Street",
                                  city="Bristol", postal_code="BS1 4DJ",
                                  signature_name="Hannah Bloom", logo_png=_logo_png(),
                                  locale="en_GB")
    today = dt.date(2026, 11, 22)
    recipients = tuple(
        recipient_from(dataclasses.replace(_SampleCustomer(), first_name=FIRST[i % 10],
                                           last_name=LAST[i % 8]), profile, today)
        for i in range(count))
    template = DEFAULT_TEMPLATES["thank-you"]
    return ItemsJob(template.title, template.body, get_page_format("a6-card"), profile,
                    recipients)


def _ours(job, out: Path) -> float:  # type: ignore[no-untyped-def]
    from core.printing.render import render_items

    started = time.perf_counter()
    render_items(job, out)
    return time.perf_counter() - started


def _baseline(job, out: Path) -> float:  # type: ignore[no-untyped-def]
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from core.printing.templates import merge

    styles = getSampleStyleSheet()
    started = time.perf_counter()
    story = []
    for recipient in job.recipients:
        values = recipient.value_map()
        story.append(Paragraph(escape(merge(job.title, values)), styles["Title"]))
        for block in merge(job.body, values).split("\n\n"):
            story.append(Paragraph(escape(block), styles["BodyText"]))
        story.append(Paragraph(escape(job.profile.signature_name), styles["Italic"]))
        story.append(Paragraph(escape(job.profile.name), styles["BodyText"]))
        story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=job.fmt.page_size).build(story)
    return time.perf_counter() - started


def run(count: int, folder: Path, repeats: int = 3) -> dict[str, float]:
    job = _job(count)
    one = _job(1)
    _ours(one, folder / "warm.pdf")  # fonts registered, caches warm: a GUI session's state
    ours = statistics.median(_ours(job, folder / "ours.pdf") for _ in range(repeats))
    base = statistics.median(_baseline(job, folder / "base.pdf") for _ in range(repeats))
    _ours(one, folder / "one.pdf")
    size, single = (folder / "ours.pdf").stat().st_size, (folder / "one.pdf").stat().st_size
    return {
        "cards": count, "ours_s": ours, "baseline_s": base, "ratio": ours / base,
        "ours_pages_per_s": count / ours, "baseline_pages_per_s": count / base,
        "bytes_per_page": (size - single) / max(count - 1, 1), "file_bytes": size,
        "libreoffice_s": 1 + count / LIBREOFFICE_PAGES_PER_S,
    }


def _print(figures: dict[str, float]) -> None:
    print(f"\n== printing: {int(figures['cards']):,} thank-you cards (A6, TTF fonts, logo) ==")
    print(f"  ours      {figures['ours_s']:.2f} s  {figures['ours_pages_per_s']:.0f} pages/s")
    print(f"  baseline  {figures['baseline_s']:.2f} s  "
          f"{figures['baseline_pages_per_s']:.0f} pages/s (bare platypus, Helvetica)")
    print(f"  ratio     {figures['ratio']:.2f}x (budget 1.5x)")
    print(f"  LibreOffice headless mail merge for the same pages: ~{figures['libreoffice_s']:.1f} s"
          f" -> ours is {figures['libreoffice_s'] / figures['ours_s']:.1f}x faster")
    print(f"  size      {figures['file_bytes'] / 1024:.0f} KiB, "
          f"{figures['bytes_per_page']:.0f} bytes per extra page (budget ~2048)")


@pytest.mark.benchmark_run
def test_thank_you_cards_against_bare_platypus(tmp_path: Path) -> None:
    figures = run(CARDS, tmp_path)
    _print(figures)
    assert figures["bytes_per_page"] <= 2048
    assert figures["ratio"] <= 1.5


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    with tempfile.TemporaryDirectory() as folder:
        _print(run(int(sys.argv[1]) if len(sys.argv) > 1 else CARDS, Path(folder)))
