"""Every reason an import gives for a row is written in words, never as its code."""
from __future__ import annotations

from core.interchange import problems

from gui.interchange.texts import reason_text


def test_every_warning_an_import_gives_reads_as_a_phrase() -> None:
    for code in sorted(problems.WARNING_CODES):
        text = reason_text(code)
        assert text != code and "_" not in text, code
