"""Makes the app's icons for every OS from the one source image, resources/icons/softphone.svg.

Qt draws the SVG at each size (crisper than scaling one bitmap down); Pillow packs the Windows
.ico and the macOS .icns. The outputs are committed, so a build needs neither step:

    uv run --with pillow python packaging/icons/make_icons.py

Outputs in resources/icons/: softphone-<N>.png (16…1024; the hicolor sizes for Linux),
softphone.ico (16–256), softphone.icns (16–1024).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SOURCE = ICONS / "softphone.svg"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> Image.Image:
    """The SVG drawn by Qt at size×size, as a Pillow image with alpha."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SOURCE)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> None:
    drawn = {size: render(size) for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))}
    for size in PNG_SIZES:
        drawn[size].save(ICONS / f"softphone-{size}.png", optimize=True)
    largest = drawn[max(ICO_SIZES)]
    largest.save(ICONS / "softphone.ico", sizes=[(s, s) for s in ICO_SIZES])
    drawn[1024].save(ICONS / "softphone.icns", append_images=[drawn[s] for s in ICNS_SIZES])
    print(f"icons written to {ICONS}")


if __name__ == "__main__":
    main()
