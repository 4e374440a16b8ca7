"""Page analysis (no OCR): orientation in all four turns, skew, blank and colour detection."""

from __future__ import annotations

import numpy as np
import pytest
from corpus_util import CORPUS
from PIL import Image

from digitizer.imaging.analysis import analyse, detect_colour
from digitizer.ocr.page import _transform


@pytest.fixture(scope="module")
def upright_page() -> Image.Image:
    # dev-004 is scanned upside down (180) and skewed ~1 degree; undo the turn to get an upright page.
    img = Image.open(CORPUS / "dev-004" / "p01.jpg").convert("RGB")
    return img.transpose(Image.Transpose.ROTATE_180)


@pytest.mark.parametrize("turn_cw", [0, 90, 180, 270])
def test_orientation_every_turn(upright_page, turn_cw):
    # PIL rotates counter-clockwise: rotate(-turn) turns the page clockwise by `turn`.
    turned = upright_page.rotate(-turn_cw, expand=True)
    a = analyse(turned, 300)
    assert a.rotation_cw == (360 - turn_cw) % 360
    assert not a.blank


def test_bilevel_sideways_page_and_its_blank_back():
    front = analyse(Image.open(CORPUS / "dev-006" / "p01.png"), 300)
    back = analyse(Image.open(CORPUS / "dev-006" / "p02.png"), 300)
    assert front.rotation_cw == 90 and not front.blank  # scanned turned 270 clockwise
    assert back.blank


def test_page_with_two_lines_still_oriented():
    # dev-009 page 2 holds only a signature block: little text, still a layout.
    img = Image.open(CORPUS / "dev-009" / "dev-009.tif")
    img.seek(1)
    page = img.copy()
    for turn in (0, 180):
        a = analyse(page.rotate(turn, expand=True), 300)
        assert a.rotation_cw == turn
        assert not a.blank


def test_deskew_levels_the_lines(upright_page):
    a = analyse(upright_page, 300)
    assert 0.6 < a.skew_deg < 1.5  # ground truth skew of dev-004 is 1.03 degrees
    fixed = _transform(upright_page, 0, a.skew_deg)
    assert abs(analyse(fixed, 300).skew_deg) <= 0.2


def test_blank_page_with_dust_and_show_through():
    rng = np.random.default_rng(1)
    paper = np.full((1754, 1240), 236, np.uint8)
    paper[400:420, 200:1000] = 215  # faint show-through line from the other side
    for y, x in rng.integers(50, 1200, size=(25, 2)):
        paper[y : y + 3, x : x + 3] = 40  # dust specks
    a = analyse(Image.fromarray(paper, "L"), 150)
    assert a.blank
    text_like = paper.copy()
    for row in range(300, 1400, 40):  # lines of 2-px strokes, like small print at 150 dpi
        for x in range(150, 1100, 6):
            text_like[row : row + 12, x : x + 2] = 30
    assert not analyse(Image.fromarray(text_like, "L"), 150).blank


def test_colour_detection_red_seal_vs_tinted_paper():
    paper = Image.new("RGB", (1240, 1754), (238, 232, 215))  # yellowish paper
    assert detect_colour(paper)[0] is False
    arr = np.array(paper)
    yy, xx = np.ogrid[:1754, :1240]
    ring = np.abs(np.hypot(yy - 1400, xx - 900) - 120) < 8
    arr[ring] = (200, 30, 35)
    assert detect_colour(Image.fromarray(arr))[0] is True
    assert detect_colour(Image.new("L", (100, 100), 128))[0] is False
