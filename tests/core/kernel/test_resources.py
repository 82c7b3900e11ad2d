"""The files that ship with Regulars are found through one function, the way the packaged
app finds them too."""
from __future__ import annotations

from core.kernel.resources import resource_path
from core.printing.fonts import FONT_DIR


def test_fonts_help_translations_and_icons_are_found_where_the_engine_looks() -> None:
    assert FONT_DIR == resource_path("fonts")
    assert (resource_path("fonts") / "NotoSerif-Regular.ttf").is_file()
    assert (resource_path("help") / "getting-started.html").is_file()
    assert (resource_path("translations") / "regulars_en.qm").is_file()
    for name in ("regulars.svg", "regulars-256.png", "regulars.ico", "regulars.icns"):
        assert (resource_path("icons") / name).stat().st_size > 500, name


def test_the_icon_files_hold_every_size_each_platform_asks_for() -> None:
    ico = (resource_path("icons") / "regulars.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") == 6
    icns = (resource_path("icons") / "regulars.icns").read_bytes()
    assert icns[:4] == b"icns" and int.from_bytes(icns[4:8], "big") == len(icns)
    assert b"ic10" in icns  # the 1024-pixel image macOS uses on Retina screens
