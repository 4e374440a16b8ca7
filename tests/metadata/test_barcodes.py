"""Barcodes: generated codes on a synthetic page (any rotation) and the real corpus scans."""

from __future__ import annotations

import json

import pytest
import zxingcpp
from PIL import Image

from digitizer.errors import InputError
from digitizer.metadata.barcodes import pdf_page_images, read_barcodes, read_barcodes_pages


def page_with(code_text: str, fmt, rotate: int = 0) -> Image.Image:
    bc = zxingcpp.create_barcode(code_text, fmt)
    sym = Image.fromarray(bc.to_image(scale=4)).convert("L")
    page = Image.new("L", (1654, 2339), 245)
    page.paste(sym, (200, 1900))
    return page.rotate(rotate, expand=True) if rotate else page


@pytest.mark.parametrize("fmt", [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128])
@pytest.mark.parametrize("rotate", [0, 90, 180])
def test_generated_codes_any_orientation(fmt, rotate):
    code = "H15.50.05.13-261008-0975"
    found = read_barcodes(page_with(code, fmt, rotate), page=2)
    assert [(b.text, b.page) for b in found] == [(code, 2)]
    assert len(found[0].position) == 4


def test_blank_page_has_no_codes(tmp_path):
    assert read_barcodes(Image.new("L", (800, 1000), 255)) == []
    bad = tmp_path / "x.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(InputError):
        read_barcodes(bad)


def test_codes_inside_a_pdf(tmp_path):
    import img2pdf

    im = page_with("000.00.23.H39-221005-0001", zxingcpp.BarcodeFormat.QRCode)
    png = tmp_path / "p.png"
    im.save(png, dpi=(200, 200))
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(img2pdf.convert(str(png)))
    codes = read_barcodes_pages(pdf_page_images(pdf))
    assert [b.text for b in codes] == ["000.00.23.H39-221005-0001"]


def test_corpus_barcodes_carry_the_dossier_code(corpus, corpus_barcodes):
    """Every corpus document whose ground truth has a dossier code yields it from a barcode
    (rotated, blurred, bilevel and JPEG pages included)."""
    for did, codes in corpus_barcodes.items():
        truth = json.loads((corpus / "gt" / f"{did}.json").read_text())["metadata"]["dossier_code"]
        if truth:
            assert truth in {b.text for b in codes}, did


def test_progress_and_cancel():
    from digitizer.errors import CancelledError
    from digitizer.progress import CancelToken

    pages = [
        page_with("H15.50.05.13-261008-0975", zxingcpp.BarcodeFormat.QRCode),
        Image.new("L", (400, 400), 255),
    ]
    events = []
    codes = read_barcodes_pages(pages, progress=events.append)
    assert [b.page for b in codes] == [0]
    assert [(e.stage, e.done, e.total) for e in events] == [("barcodes", 1, 2), ("barcodes", 2, 2)]
    tok = CancelToken()
    tok.cancel()
    with pytest.raises(CancelledError):
        read_barcodes_pages(pages, cancel=tok)


@pytest.mark.parametrize(
    "payload",
    [
        "000.00.23.H39-221001-0001|1.004873.000.00.00.H14",
        "MaHS:000.00.23.H39-221001-0001;MaTTHC:1.004873.000.00.00.H14",
    ],
)
def test_one_qr_with_both_codes_gives_both(payload):
    """Issue 13: the QR is read completely, dossier code and procedure code together."""
    from digitizer.metadata import extract
    from digitizer.model import DocumentResult

    codes = read_barcodes(page_with(payload, zxingcpp.BarcodeFormat.QRCode))
    rec = extract(DocumentResult(output="", pages=()), barcodes=codes).record()
    assert rec["dossier_code"] == "000.00.23.H39-221001-0001"
    assert rec["procedure_code"] == "1.004873.000.00.00.H14"
