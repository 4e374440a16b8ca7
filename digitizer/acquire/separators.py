"""Separator sheets: split one feeder run into several documents.

A separator is either a sheet carrying *our* separator barcode (a QR code whose text starts
with :data:`SEPARATOR_TEXT`; print one with :func:`separator_sheet`) or, if asked for, a blank
sheet. Why not "any barcode": Vietnamese administrative results often carry their own QR code
(verification links), and treating those as separators would silently drop result pages.
Separator pages are removed from the output; they are counted and reported, never silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import MissingDependencyError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

SEPARATOR_TEXT = "DIGITIZER-SEPARATOR"
MODES = ("barcode", "blank", "barcode+blank", "any-barcode")

# Barcode search resolution: a separator QR is printed large, 100 dpi is plenty and fast.
_SEARCH_LONG_SIDE = 1400


@dataclass(frozen=True)
class SeparatorDetector:
    """Decides whether a scanned page is a separator sheet.

    ``barcode``: pages with a barcode whose text matches ``pattern`` (default: starts with
    SEPARATOR_TEXT); ``any_barcode``: any barcode at all; ``blank``: blank pages (careful with
    duplex: blank backs would split documents).
    """

    barcode: bool = True
    blank: bool = False
    any_barcode: bool = False
    pattern: str = "^" + re.escape(SEPARATOR_TEXT)

    @classmethod
    def from_mode(cls, mode: str) -> SeparatorDetector:
        if mode not in MODES:
            raise UsageError(f"unknown separator kind {mode!r}: use one of {', '.join(MODES)}")
        return cls(
            barcode=mode in ("barcode", "barcode+blank", "any-barcode"),
            blank=mode in ("blank", "barcode+blank"),
            any_barcode=mode == "any-barcode",
        )

    def barcode_texts(self, image: Image.Image) -> list[str]:
        try:
            import zxingcpp
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise MissingDependencyError(f"zxing-cpp is needed to read separator barcodes: {exc}")
        img = image.convert("L") if image.mode not in ("L", "RGB") else image
        long_side = max(img.size)
        if long_side > _SEARCH_LONG_SIDE:
            f = long_side / _SEARCH_LONG_SIDE
            img = img.resize((max(1, round(img.width / f)), max(1, round(img.height / f))))
        return [b.text for b in zxingcpp.read_barcodes(img)]

    def is_blank(self, image: Image.Image) -> bool:
        from ..imaging.analysis import analyse  # the project's single definition of "blank"

        dpi = image.info.get("dpi", (300, 300))[0] or 300
        return analyse(image, float(dpi)).blank

    def is_separator(self, image: Image.Image) -> bool:
        if self.barcode:
            texts = self.barcode_texts(image)
            if self.any_barcode and texts:
                return True
            if any(re.search(self.pattern, t) for t in texts):
                return True
        return bool(self.blank and self.is_blank(image))


def split_pages(pages: Sequence[Image.Image], detector: SeparatorDetector) -> list[list[int]]:
    """Group page indices (0-based) into documents, dropping separators and empty groups."""
    groups: list[list[int]] = [[]]
    for i, page in enumerate(pages):
        if detector.is_separator(page):
            groups.append([])
        else:
            groups[-1].append(i)
    return [g for g in groups if g]


def separator_sheet(
    text: str = SEPARATOR_TEXT, dpi: int = 300, size_mm: tuple[float, float] = (210.0, 297.0)
) -> Image.Image:
    """A printable separator page (white sheet, large QR code in the middle, caption)."""
    import numpy as np
    import zxingcpp
    from PIL import Image, ImageDraw

    if not text.startswith(SEPARATOR_TEXT):
        raise UsageError(f"separator text must start with {SEPARATOR_TEXT!r}")
    w, h = (round(s / 25.4 * dpi) for s in size_mm)
    page = Image.new("L", (w, h), 255)
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
    modules = np.asarray(zxingcpp.write_barcode_to_image(code)).shape[1]
    scale = max(1, (min(w, h) // 2) // modules)  # about half the page width
    qr = Image.fromarray(np.asarray(zxingcpp.write_barcode_to_image(code, scale=scale)))
    page.paste(qr.convert("L"), ((w - qr.width) // 2, (h - qr.height) // 3))
    draw = ImageDraw.Draw(page)
    draw.text(
        (w // 10, (h - qr.height) // 3 + qr.height + dpi // 4), "--- " + text + " ---", fill=0
    )
    page.info["dpi"] = (dpi, dpi)
    return page


def count_separators(pages: Iterable[Image.Image], detector: SeparatorDetector) -> int:
    return sum(1 for p in pages if detector.is_separator(p))
