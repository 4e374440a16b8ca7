"""PDF pages that already carry text (issue 11): a born-digital page keeps its own text and is
copied as it is; a scan OCRed before keeps its layer when it reads as Vietnamese, and is OCRed
again, the old layer dropped, when it was made with a model that cannot read Vietnamese."""

from __future__ import annotations

import json
import subprocess

import pikepdf
import pytest
from fpdf import FPDF
from pages_util import draw_lines, numbers_read

from digitizer.ocr import textlayer
from digitizer.pipeline import OcrOptions, ocr_document

TTF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINES = [f"Dòng số {i}: Ủy ban nhân dân xã Sông Cầu cấp giấy chứng nhận hộ kinh doanh" for i in range(1, 13)]


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def scan_png(tmp_path_factory):
    p = tmp_path_factory.mktemp("layer") / "scan.png"
    im, _ = draw_lines(12)
    im.save(p, dpi=(300, 300))
    return p


def _tesseract_pdf(png, out_base, lang):
    subprocess.run(["tesseract", str(png), str(out_base), "-l", lang, "--psm", "3", "pdf"],
                   check=True, capture_output=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
    return out_base.with_suffix(".pdf")


def test_born_digital_page_keeps_its_text_and_is_copied(tmp_path):
    src = tmp_path / "digital.pdf"
    doc = FPDF(format="A4")
    doc.add_page()
    doc.add_font("DejaVu", fname=TTF)
    doc.set_font("DejaVu", size=12)
    for line in LINES:
        doc.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    doc.output(str(src))
    out, side = tmp_path / "out.pdf", tmp_path / "out.ocr.json"
    res = ocr_document([src], out, OcrOptions(jobs=1), sidecar=side)
    page = res.pages[0]
    assert page.text_layer == "kept" and "born-digital" in page.text_layer_reason
    assert numbers_read(page.text) == set(range(1, 13))
    assert "Ủy ban nhân dân xã Sông Cầu" in page.text  # exact, not re-recognised
    assert numbers_read(_text(out)) == set(range(1, 13))
    with pikepdf.open(out) as pdf:  # the page itself, not a picture of it
        res_ = pdf.pages[0].Resources
        assert "/Font" in res_ and "/XObject" not in res_
    assert json.loads(side.read_text(encoding="utf-8"))["pages"][0]["text_layer"] == "kept"


def test_scan_with_an_english_ocr_layer_is_read_again(scan_png, tmp_path):
    src = _tesseract_pdf(scan_png, tmp_path / "eng", "eng")
    old = _text(src)
    assert "Dòng" not in old  # the precondition: English-model text without Vietnamese marks
    keep, why = textlayer.judge(old, "vie+eng")
    assert not keep and "not Vietnamese" in why
    out = tmp_path / "out.pdf"
    page = ocr_document([src], out, OcrOptions(jobs=1)).pages[0]
    assert page.text_layer == "replaced" and "not Vietnamese" in page.text_layer_reason
    assert numbers_read(page.text) == set(range(1, 13))
    layer = _text(out)
    assert numbers_read(layer) == set(range(1, 13))
    # the old layer is gone: its unmarked readings ("Uy ban nhan dan") are not in the output
    assert old.count("nhan dan") >= 10
    assert "nhan dan" not in layer
    assert layer.count("Sông Cầu") == 12


def test_scan_with_a_vietnamese_ocr_layer_is_kept(scan_png, tmp_path):
    src = _tesseract_pdf(scan_png, tmp_path / "vie", "vie")
    out = tmp_path / "out.pdf"
    page = ocr_document([src], out, OcrOptions(jobs=1)).pages[0]
    assert page.text_layer == "kept" and "reads as text" in page.text_layer_reason
    assert numbers_read(page.text) == set(range(1, 13))
    assert _text(out).count("Sông Cầu") == 12  # one layer, not two


@pytest.mark.parametrize("text, keep", [
    (("CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc So 12 UBND "
      "QUYET DINH ve viec cap giay chung nhan dang ky ho kinh doanh"), False),
    (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc Số 12 UBND "
      "QUYẾT ĐỊNH về việc cấp giấy chứng nhận đăng ký hộ kinh doanh"), True),
    ("Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", False),  # a signature appearance only
    ("~~##@@ ||Il1 ;;:: " * 6 + "x%y&z a$b c^d e*f g+h i=j k<l m>n o?p q!r", False),
])
def test_judge(text, keep):
    assert textlayer.judge(text, "vie+eng")[0] is keep
