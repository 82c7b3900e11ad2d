"""Render resources/icons/regulars.svg to the sizes each platform wants, with Qt's own SVG
renderer (no other tool needed): PNGs for Linux (hicolor) and the window, a .ico for
Windows and a .icns for macOS (both hold PNGs). Run from the project root after changing
the SVG: `python packaging/render_icons.py`; the results are committed."""
from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
WINDOWS_SIZES = (16, 24, 32, 48, 64, 256)
# .icns entry types holding PNGs, by pixel size (the @2x ones repeat a size).
MAC_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
             (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
             (b"ic14", 512))


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(QByteArray(buffer.data()).data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon whose images are PNGs (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in MAC_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "regulars.svg"))
    if not renderer.isValid():
        print("error: cannot read regulars.svg", file=sys.stderr)
        return 1
    sizes = sorted({*LINUX_SIZES, *WINDOWS_SIZES, *(size for _k, size in MAC_TYPES)})
    pngs = {size: render(renderer, size) for size in sizes}
    for size in LINUX_SIZES:
        (ICONS / f"regulars-{size}.png").write_bytes(pngs[size])
    (ICONS / "regulars.ico").write_bytes(ico({s: pngs[s] for s in WINDOWS_SIZES}))
    (ICONS / "regulars.icns").write_bytes(icns(pngs))
    print(f"wrote {len(LINUX_SIZES)} PNGs, regulars.ico and regulars.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
