"""Text-line coverage: a page's text layer never loses a line silently.

tesseract's page layout analysis can drop whole regions of a page: on an unevenly lit or
low-resolution capture a block it classifies as an image, or a run of lines after a seal, is not
recognised at all, and nothing in its output says so. This module finds the *text-like ink* of the
page independently (background-normalised ink mask, connected components of character size,
joined into line segments) and subtracts what the OCR read (the boxes of words it recognised with
usable confidence). What remains are line segments with ink and no words: those are read again
with other strategies by :mod:`digitizer.ocr.page`, and what stays unread after that is reported
(``PageResult.coverage`` / ``needs_review``) instead of being lost without a word.

Non-text ink is left out by size and shape, not by position: components taller than three text
lines (seal rings, signatures, frames, pictures), long thin rules, solid blobs (scanner bands),
segments shorter than a few characters or not longer than tall, and runs of full-height strokes
(a 1D barcode the decoder could not read).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from ..imaging.analysis import ink_mask
from ..model import OcrWord

COVER_CONF = 50.0  # a re-read word counts only from this confidence up
ANALYSIS_DPI = 100.0


@dataclass(frozen=True)
class Segment:
    """A line segment of text-like ink, in page pixels (x0, y0, x1, y1)."""

    box: tuple[int, int, int, int]
    n_chars: int  # connected components (about characters) in it
    ink: int  # ink pixels at analysis resolution
    bars: float = 0.0  # share of its components that are thin strokes as tall as the segment


@dataclass(frozen=True)
class Coverage:
    segments: tuple[Segment, ...]  # every text-like line segment on the page
    unread: tuple[Segment, ...]  # segments with (almost) no recognised word over their ink
    char_height: float  # median character height in page pixels (0 when none)

    @property
    def unread_fraction(self) -> float:
        tot = sum(s.ink for s in self.segments)
        return sum(s.ink for s in self.unread) / tot if tot else 0.0


def _label(mask: np.ndarray):
    from scipy import ndimage

    lab, n = ndimage.label(mask, structure=np.ones((3, 3), bool))
    return lab, n, ndimage.find_objects(lab)


def text_ink(grey: Image.Image, dpi: float, exclude=()) -> tuple[np.ndarray, float, float]:
    """Mask of character-sized ink at ~100 dpi, the factor to page pixels and the median
    character height (mask pixels)."""
    f = max(1, round(dpi / ANALYSIS_DPI))
    g = grey.convert("L")
    if f > 1:
        g = g.reduce(f)
    a = np.asarray(g, dtype=np.float32)
    h, w = a.shape
    mask = ink_mask(a)
    # scanner edges, punch holes and the black band of a feeder live in the outer 2 %
    my, mx = max(1, int(h * 0.02)), max(1, int(w * 0.02))
    mask[:my] = mask[h - my :] = False
    mask[:, :mx] = mask[:, w - mx :] = False
    for x0, y0, x1, y1 in exclude:
        mask[max(0, y0 // f) : y1 // f + 1, max(0, x0 // f) : x1 // f + 1] = False
    lab, n, objs = _label(mask)
    if n == 0:
        return mask, f, 0.0
    hs = np.array([s[0].stop - s[0].start for s in objs])
    ws = np.array([s[1].stop - s[1].start for s in objs])
    mm = dpi / f / 25.4  # mask pixels per millimetre
    # character-sized: 1-8 mm tall (6-32 pt type, marks included), not a speck
    plausible = (hs >= 1.0 * mm) & (hs <= 8 * mm) & (ws <= 12 * mm)
    ch = float(np.median(hs[plausible])) if plausible.any() else 2.5 * mm
    keep = np.zeros(n + 1, bool)
    for i, (sl, hh, ww) in enumerate(zip(objs, hs, ws), start=1):
        if hh > 3.2 * ch or ww > 12 * ch:  # seal rings, signatures, frames, rules, pictures
            continue
        if hh < 0.25 * ch and ww < 0.25 * ch:  # dust
            continue
        if hh * ww > 16 * ch * ch and (lab[sl] == i).mean() > 0.6:  # solid blob
            continue
        keep[i] = True
    return keep[lab], f, ch


def _segments(mask: np.ndarray, f: float, ch: float) -> list[Segment]:
    from scipy import ndimage

    if ch <= 0 or not mask.any():
        return []
    # marks above and below a letter join it (Vietnamese diacritics), letters and words of a line
    # join each other; lines stay apart (line spacing exceeds the small vertical closing)
    vy = max(1, round(0.35 * ch))
    hx = max(2, round(1.2 * ch))
    m = ndimage.binary_closing(mask, structure=np.ones((vy, 1), bool))
    m = ndimage.binary_dilation(m, structure=np.ones((1, hx), bool))
    lab, _ = ndimage.label(m)
    objs = ndimage.find_objects(lab)
    clab, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    cobjs = ndimage.find_objects(clab)
    out = []
    for i, sl in enumerate(objs, start=1):
        ys, xs = sl
        seg_ink = mask[sl] & (lab[sl] == i)
        ink = int(seg_ink.sum())
        comps = np.unique(clab[sl][seg_ink])
        comps = comps[comps > 0]
        box = (int(xs.start * f), int(ys.start * f), int(xs.stop * f), int(ys.stop * f))
        seg_h = ys.stop - ys.start
        bars = 0
        for c in comps:
            cy, cx = cobjs[c - 1]
            hh = cy.stop - cy.start
            bars += hh >= 0.8 * seg_h
        out.append(Segment(box, int(comps.size), ink, bars / comps.size if comps.size else 0.0))
    return out


def _text_like(seg: Segment, ch_px: float) -> bool:
    """A line of print, not stray marks: several characters, a line's height, longer than tall,
    and not a 1D barcode (a run of strokes each as tall as the run: text has a few such letters,
    a barcode nothing else; an undecoded barcode is not text the OCR missed)."""
    x0, y0, x1, y1 = seg.box
    return (
        seg.n_chars >= 4
        and seg.bars < 0.8
        and (x1 - x0) >= 4 * ch_px
        and (y1 - y0) <= 3.5 * ch_px
        and (x1 - x0) >= 2 * (y1 - y0)
    )


def measure(
    grey: Image.Image,
    dpi: float,
    words: tuple[OcrWord, ...],
    exclude=(),
    min_conf: float = 0.0,
) -> Coverage:
    """Text-like line segments of the page, and the line segments of ink that no recognised word
    covers.

    ``grey`` is the upright page the OCR read (page pixels, ``dpi``); word boxes are in the same
    pixels. Words with confidence >= ``min_conf`` count as read: by default any word, because
    the failure this guards against is ink the OCR never tried (a region its layout analysis
    dropped); ink it read with low confidence (a stamp, handwriting) is already shown to the
    clerk as doubtful words. The unread ink is segmented like the page, so a lost line is found
    even where it touches a line that was read.
    """
    mask, f, ch = text_ink(grey, dpi, exclude)
    segs = [s for s in _segments(mask, f, ch) if _text_like(s, ch * f)]
    # ink the words cover (their boxes, a little padded: marks reach outside tesseract's box)
    read = np.zeros_like(mask)
    pad = 0.3 * ch
    h, w = mask.shape
    for wd in words:
        if wd.conf < min_conf or not wd.text.strip():
            continue
        x0, y0, x1, y1 = wd.bbox
        read[max(0, int(y0 / f - pad)) : min(h, int(y1 / f + pad) + 1),
             max(0, int(x0 / f - pad)) : min(w, int(x1 / f + pad) + 1)] = True
    unread = tuple(s for s in _segments(mask & ~read, f, ch) if _text_like(s, ch * f))
    return Coverage(tuple(segs), unread, ch * f)


__all__ = ["COVER_CONF", "Coverage", "Segment", "measure", "text_ink"]
