"""Separator sheets: our QR code or a blank page split a feeder run; foreign QR codes do not."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageDraw

from digitizer.acquire.scanner import ScanSettings, scan_batch
from digitizer.acquire.separators import (
    SEPARATOR_TEXT,
    SeparatorDetector,
    separator_sheet,
    split_pages,
)
from digitizer.errors import UsageError


def _page(qr_text: str | None = None, text_lines: int = 30) -> Image.Image:
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for i in range(text_lines):
        draw.text((200, 700 + i * 80), "UY BAN NHAN DAN - GIAY CHUNG NHAN " * 3, fill=0)
    if qr_text:
        code = zxingcpp.create_barcode(qr_text, zxingcpp.BarcodeFormat.QRCode)
        qr = Image.fromarray(np.asarray(zxingcpp.write_barcode_to_image(code, scale=12)))
        page.paste(qr, (1800, 150))
    page.info["dpi"] = (300, 300)
    return page


def _blank() -> Image.Image:
    img = Image.new("L", (2480, 3508), 250)
    img.info["dpi"] = (300, 300)
    return img


def test_printed_separator_sheet_is_recognised():
    sheet = separator_sheet()
    det = SeparatorDetector.from_mode("barcode")
    assert det.barcode_texts(sheet) == [SEPARATOR_TEXT]
    assert det.is_separator(sheet)
    # also when scanned in colour
    assert det.is_separator(sheet.convert("RGB"))


def test_result_page_with_its_own_qr_code_is_not_a_separator():
    page = _page("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.00.12.H49")
    assert not SeparatorDetector.from_mode("barcode").is_separator(page)
    assert not SeparatorDetector.from_mode("barcode+blank").is_separator(page)
    assert SeparatorDetector.from_mode("any-barcode").is_separator(page)  # only if asked for


def test_blank_pages_only_separate_when_asked():
    assert not SeparatorDetector.from_mode("barcode").is_separator(_blank())
    assert SeparatorDetector.from_mode("blank").is_separator(_blank())
    assert not SeparatorDetector.from_mode("blank").is_separator(_page())


def test_split_pages_groups_and_drops_separators():
    sheet = separator_sheet()
    pages = [sheet, _page(), _page(), sheet, _page(), sheet, sheet, _page()]
    groups = split_pages(pages, SeparatorDetector.from_mode("barcode"))
    assert groups == [[1, 2], [4], [7]]


def test_unknown_mode_and_foreign_text_rejected():
    with pytest.raises(UsageError):
        SeparatorDetector.from_mode("staple")
    with pytest.raises(UsageError):
        separator_sheet("HELLO")


def test_blank_sheet_from_the_real_scanner_is_a_separator(sane_device):
    """The SANE test device's 'Solid white' picture is a real blank scan; 'Grid' is not."""
    pages = []
    for picture in ("Solid white", "Grid"):
        scan_batch(
            sane_device,
            ScanSettings(resolution=200, mode="gray", device_options=(("test-picture", picture),)),
            pages.append,
        )
    det = SeparatorDetector.from_mode("blank")
    assert [det.is_separator(p.image) for p in pages] == [True, False]
