"""Pages drawn for the OCR tests: exact ground truth, unlike any corpus page."""

from __future__ import annotations

import re

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINE = "Dòng số {n}: Ủy ban nhân dân xã Sông Cầu cấp giấy chứng nhận hộ kinh doanh"
W, H, X0, Y0, PITCH = 2480, 3508, 200, 200, 80


def font():
    return ImageFont.truetype(FONT, 42)


def draw_lines(n: int = 40) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """A 300-dpi A4 page of ``n`` numbered lines on grey paper, and each line's box."""
    im = Image.new("L", (W, H), 235)
    d = ImageDraw.Draw(im)
    f = font()
    boxes = []
    for i in range(n):
        y = Y0 + i * PITCH
        t = LINE.format(n=i + 1)
        d.text((X0, y), t, fill=25, font=f)
        boxes.append(tuple(int(v) for v in d.textbbox((X0, y), t, font=f)))
    return im, boxes


def darken_lower_half(im: Image.Image) -> Image.Image:
    a = np.asarray(im, dtype=np.float32)
    yy = np.arange(a.shape[0])[:, None] / a.shape[0]
    light = np.where(yy < 0.5, 1.0, 1.0 - 1.3 * (yy - 0.5))
    return Image.fromarray(np.clip(a * light, 0, 255).astype(np.uint8))


def numbers_read(text: str) -> set[int]:
    """Numbers of the lines present in ``text``. A line counts when its label is there, marks
    misread or not ("Dong số 32"): the guarantee under test is that no line is lost."""
    return {int(m) for m in re.findall(r"D[oòóỏõọ]ng s[ốôo] ?(\d+)", text)}


KHMER_FONT = "/usr/share/fonts/truetype/noto/NotoSerifKhmer-Regular.ttf"
KHMER = "ព្រះរាជាណាចក្រកម្ពុជា ជាតិ សាសនា ព្រះមហាក្សត្រ"


def unreadable_lines_page(path):
    """12 lines of Vietnamese print, then, low on the page where the light fades, 4 lines in
    Khmer (a script the vie+eng models do not know): ink that is lines of text, that the first
    pass drops with the dark region and that no second reading turns into confident words."""
    im, _ = draw_lines(12)
    d = ImageDraw.Draw(im)
    f = ImageFont.truetype(KHMER_FONT, 44)
    top = y = int(H * 0.68)
    for _ in range(4):
        d.text((X0, y), KHMER, fill=25, font=f)
        y += 2 * PITCH
    darken_lower_half(im).save(path, dpi=(300, 300))
    return top, y
