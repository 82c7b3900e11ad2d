"""Names in any script get a face that has their glyphs, and customer text is never markup."""
from __future__ import annotations

import sys
import unicodedata

from core.printing.fonts import font_runs
from core.printing.text import clean_text, to_markup, visual_order


def _fonts_for(text: str) -> list[str]:
    return [run.font_name for run in font_runs(text)]


def test_each_script_is_set_in_a_face_that_covers_it() -> None:
    assert _fonts_for("Zoë Ångström Παπαδοπούλου Сталёв") == ["RegularsSerif"]
    assert _fonts_for("山田 美咲") == ["RegularsCJK"]
    assert _fonts_for("김민준") == ["RegularsKorean"]
    assert _fonts_for("שלום") == ["RegularsHebrew"]
    assert _fonts_for(visual_order("محمد")) == ["RegularsArabic"]


def test_a_japanese_name_stays_in_one_face_and_latin_around_it_in_another() -> None:
    runs = font_runs("Dear さくら山田, thanks")
    cjk = [r.text for r in runs if r.font_name == "RegularsCJK"]
    assert len(cjk) == 1 and cjk[0].startswith("さくら山田")
    assert runs[0] == font_runs("Dear ")[0]
    assert "".join(r.text for r in runs) == "Dear さくら山田, thanks"


def test_emoji_print_monochrome_or_not_at_all_never_as_boxes() -> None:
    runs = font_runs(clean_text("Ann 👩‍👩‍👧 🫠"))
    printed = "".join(r.text for r in runs)
    assert printed.startswith("Ann ")
    assert "\U0001FAE0" not in printed  # melting face: no bundled glyph, so dropped
    assert "\u200d" not in printed


def test_markup_in_names_is_escaped_text() -> None:
    markup = to_markup("<b>Ann</b> & Smith <Ltd>")
    assert "<b>" not in markup and "&lt;b&gt;Ann&lt;/b&gt; &amp; Smith &lt;Ltd&gt;" in markup
    assert '<font name="Evil">' not in to_markup('"><font name="Evil">x')


def test_arabic_is_joined_and_drawn_right_to_left() -> None:
    shown = visual_order("محمد")
    assert shown != "محمد"
    assert all(unicodedata.name(c).startswith("ARABIC LETTER") and "FORM" in unicodedata.name(c)
               for c in shown)
    assert unicodedata.normalize("NFKC", shown)[::-1] == "محمد"


def test_hebrew_is_reversed_for_drawing_and_latin_is_untouched() -> None:
    assert visual_order("דוד כהן") == "ןהכ דוד"
    assert visual_order("Ann Smith") == "Ann Smith"
    assert visual_order("Dear דוד,") == "Dear דוד,"


def test_control_characters_are_removed_but_lines_kept() -> None:
    assert clean_text("Ann\x00\x07\tSmith\r\nFlat 2") == "Ann Smith\nFlat 2"


def test_importing_the_engine_does_not_load_reportlab() -> None:
    import subprocess

    code = ("import sys, core.printing.batches, core.printing.templates, core.printing.render;"
            "print('reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
