"""The coverage guarantee (issue 11): a page's text layer never loses a line silently.

Pages are drawn here so that the ground truth is exact: 40 numbered lines of Vietnamese print,
the lower half under light that darkens towards the bottom of the sheet (a copier with a lid
not closed, a phone photo). Plain tesseract's layout analysis drops the dark lines; our pipeline
must find them as unread ink, read them again and put them in the text layer. A page with a
run of glyph-like marks no recogniser can read must be flagged for review, with the region.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from pages_util import (
    PITCH,
    X0,
    Y0,
    darken_lower_half,
    draw_lines,
    numbers_read,
    unreadable_lines_page,
)
from PIL import Image

from digitizer.model import OcrWord
from digitizer.ocr import coverage
from digitizer.pipeline import OcrOptions, ocr_document


@pytest.fixture(scope="module")
def dark_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("cov") / "dark.png"
    im, _ = draw_lines()
    darken_lower_half(im).save(path, dpi=(300, 300))
    return path


def test_measure_finds_the_lines_no_word_covers():
    """Unit: words over the top 20 lines only -> the other 20 lines are unread, nothing above."""
    im, boxes = draw_lines()
    words = tuple(OcrWord("x", 95.0, b, 1, 1, i) for i, b in enumerate(boxes[:20]))
    cov = coverage.measure(im, 300.0, words)
    assert len(cov.segments) >= 40
    assert cov.unread, "the lower 20 lines have ink and no word"
    first_unread_top = boxes[20][1]
    assert all(s.box[1] >= first_unread_top - PITCH // 2 for s in cov.unread)
    # every lower line is covered by some unread segment
    for b in boxes[20:]:
        cy = (b[1] + b[3]) / 2
        assert any(s.box[1] <= cy <= s.box[3] for s in cov.unread), b
    assert 0.4 < cov.unread_fraction < 0.6
    # all words present -> nothing unread
    all_words = tuple(OcrWord("x", 95.0, b, 1, 1, i) for i, b in enumerate(boxes))
    assert coverage.measure(im, 300.0, all_words).unread == ()


def test_plain_tesseract_loses_the_dark_lower_half(dark_page, tmp_path):
    """The precondition of the next test, measured rather than assumed."""
    out = tmp_path / "plain"
    subprocess.run(["tesseract", str(dark_page), str(out), "-l", "vie+eng", "--psm", "3"],
                   check=True, capture_output=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
    got = numbers_read(out.with_suffix(".txt").read_text(encoding="utf-8"))
    assert len(got) <= 32, f"plain tesseract read {len(got)} of 40 lines; the test page no longer tests the re-read"


def test_lost_lower_half_is_read_again_and_complete(dark_page, tmp_path):
    out = tmp_path / "dark.pdf"
    side = tmp_path / "dark.ocr.json"
    res = ocr_document([dark_page], out, OcrOptions(jobs=1), sidecar=side)
    page = res.pages[0]
    assert page.reread, "the coverage check found no unread line"
    assert page.reread_words >= 20
    assert numbers_read(page.text) == set(range(1, 41))
    layer = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert numbers_read(layer) == set(range(1, 41)), "the re-read lines must be in the PDF text layer"
    assert not page.needs_review
    d = json.loads(side.read_text(encoding="utf-8"))
    assert d["pages"][0]["reread"] == page.reread and d["pages_to_review"] == []


def test_unreadable_line_is_flagged_with_its_region(tmp_path):
    src = tmp_path / "marks.png"
    top, bottom = unreadable_lines_page(src)
    side = tmp_path / "marks.ocr.json"
    res = ocr_document([src], tmp_path / "marks.pdf", OcrOptions(jobs=1), sidecar=side)
    page = res.pages[0]
    assert numbers_read(page.text) == set(range(1, 13))
    assert page.needs_review and page.unread_regions
    for x0, y0, x1, y1 in page.unread_regions:  # the flagged ink is the marks, not the print
        assert top - 40 <= y0 and y1 <= bottom + 40
    d = json.loads(side.read_text(encoding="utf-8"))
    assert d["pages_to_review"] == [0]
    p = d["pages"][0]
    assert p["needs_review"] is True and "no recognised text" in p["review_reason"]
    assert [tuple(r) for r in p["unread_regions"]] == list(page.unread_regions)


def test_cli_warns_about_a_page_not_fully_read(tmp_path, digitizer_cmd):
    src = tmp_path / "marks.png"
    unreadable_lines_page(src)
    r = subprocess.run([*digitizer_cmd, "ocr", str(src), "-o", str(tmp_path / "o.pdf")],
                       capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    assert "page 1: text not fully read" in r.stderr


def test_batch_report_counts_pages_not_fully_read(tmp_path, digitizer_cmd):
    src = tmp_path / "src"
    src.mkdir()
    # loose TIFF files, one document each
    unreadable_lines_page(tmp_path / "marks.png")
    Image.open(tmp_path / "marks.png").save(src / "marks.tif", dpi=(300, 300))
    im, _ = draw_lines(12)
    im.save(src / "clean.tif", dpi=(300, 300))
    out = tmp_path / "out"
    csv_path = tmp_path / "report.csv"
    r = subprocess.run([*digitizer_cmd, "batch", str(src), "-o", str(out), "--csv", str(csv_path)],
                       capture_output=True, text=True, timeout=600, check=False)
    assert "1 document(s) with text not fully read" in r.stdout, r.stdout + r.stderr
    assert "text not fully read: marks: page(s) 1" in r.stderr
    rows = csv_path.read_text(encoding="utf-8-sig").splitlines()
    header = rows[0].split(",")
    col = header.index("text_review_pages")
    by_id = {row.split(",")[0]: row.split(",") for row in rows[1:]}
    assert by_id["marks"][col] == "1"
    assert by_id["clean"][col] == ""


def test_an_undecoded_barcode_is_not_unread_text():
    """A 1D barcode the decoder could not read is a run of full-height strokes, not a line of
    text the OCR missed: it must not be flagged (found on a degraded page: a false alarm)."""
    import random

    from PIL import ImageDraw

    im, boxes = draw_lines(3)
    d = ImageDraw.Draw(im)
    rng = random.Random(5)
    x, y0 = X0, Y0 + 6 * PITCH
    while x < X0 + 900:
        w = rng.choice((3, 3, 6, 9))
        d.rectangle((x, y0, x + w - 1, y0 + 80), fill=0)  # about 2.5 text lines tall, as printed
        x += w + rng.choice((3, 6, 9))
    words = tuple(OcrWord("x", 95.0, b, 1, 1, i) for i, b in enumerate(boxes))
    cov = coverage.measure(im, 300.0, words)
    assert cov.unread == ()
    # nor is it counted among the lines of text on the page
    assert all(s.box[1] < y0 for s in cov.segments)
