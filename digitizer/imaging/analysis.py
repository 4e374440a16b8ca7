"""Cheap page analysis on a reduced copy of the page: ink mask, text-line direction, skew,
up/down orientation, blank and colour detection.

Why our own instead of tesseract OSD: OSD costs about as much as a second OCR pass per page and
gives up on pages with little text ("Too few characters"), which is exactly where orientation
goes wrong (a last page holding only a signature block). Text lines, even a few, give a strong
projection profile; ascenders and Vietnamese diacritics put more ink above the x-height band than
below it, which tells upright from upside-down. Pages where the evidence is weak are settled by
OCR confidence in the pipeline (see ``digitizer.ocr.page``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

ANALYSIS_DPI = 150.0
_MAX_POINTS = 80_000


@dataclass(frozen=True)
class PageAnalysis:
    rotation_cw: int  # clockwise rotation to apply to make the page upright (0/90/180/270)
    skew_deg: float  # counter-clockwise rotation (degrees) to apply after rotation_cw to level the lines
    orientation_confidence: float  # 0..1; below ~0.15 the up/down decision is weak
    line_confidence: float  # how clearly text lines are horizontal vs vertical (ratio - 1)
    n_lines: int
    ink_fraction: float
    blank: bool
    colour: bool
    colour_fraction: float


def _reduced_gray(img: Image.Image, dpi: float) -> tuple[np.ndarray, float]:
    scale = min(1.0, ANALYSIS_DPI / max(dpi, 1.0))
    g = img.convert("L") if img.mode != "L" else img
    if scale < 0.99:
        g = g.resize((max(1, round(g.width * scale)), max(1, round(g.height * scale))), Image.BOX)
    return np.asarray(g, dtype=np.float32), scale


def background(gray: np.ndarray, cell: int = 16) -> np.ndarray:
    """Local paper brightness: the bright envelope over cells of ``cell`` px, smoothed."""
    h, w = gray.shape
    small = Image.fromarray(gray.astype(np.uint8)).resize(
        (max(1, w // cell), max(1, h // cell)), Image.BOX
    )
    small = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.BoxBlur(2))
    bg = np.asarray(small.resize((w, h), Image.BILINEAR), dtype=np.float32)
    return np.maximum(bg, 40.0)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Ink = clearly darker than the local background (robust to uneven light and show-through)."""
    return gray / background(gray) < 0.62


def _despeckle(mask: np.ndarray) -> np.ndarray:
    """Drop isolated dots (dust, noise): keep pixels with >= 3 ink neighbours in a 3x3 box."""
    m = mask.astype(np.uint8)
    p = np.pad(m, 1)
    s = sum(
        p[1 + dy : 1 + dy + m.shape[0], 1 + dx : 1 + dx + m.shape[1]]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
    )
    return mask & (s >= 4)


def _profile_score(coord: np.ndarray) -> float:
    """Peakiness of a 1-px projection profile: squared coefficient of variation."""
    if coord.size == 0:
        return 0.0
    lo = int(np.floor(coord.min()))
    h = np.bincount((coord - lo).astype(np.int64))
    if h.size < 3:
        return 0.0
    m = h.mean()
    return float(h.var() / (m * m)) if m > 0 else 0.0


def _best_angle(x: np.ndarray, y: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    best = (0.0, -1.0)
    for a in angles:
        t = np.deg2rad(a)
        # y coordinate after rotating the page counter-clockwise by a (image coords, y down)
        yr = y * np.cos(t) + x * np.sin(t)
        s = _profile_score(yr)
        if s > best[1]:
            best = (float(a), s)
    return best


def _line_bands(yr: np.ndarray) -> list[tuple[int, int, np.ndarray]]:
    lo = int(np.floor(yr.min()))
    h = np.bincount((yr - lo).astype(np.int64)).astype(np.float64)
    if h.size == 0:
        return []
    thr = max(2.0, 0.08 * np.percentile(h[h > 0], 90)) if (h > 0).any() else 2.0
    on = h > thr
    bands = []
    i = 0
    n = h.size
    while i < n:
        if on[i]:
            j = i
            while j < n and on[j]:
                j += 1
            if j - i >= 4:
                bands.append((i, j, h[i:j]))
            i = j
        else:
            i += 1
    return bands


def _updown_score(yr: np.ndarray) -> tuple[float, int]:
    """> 0 when more ink sits above each line's x-height core than below it (upright text)."""
    bands = _line_bands(yr)
    if not bands:
        return 0.0, 0
    heights = np.array([b - a for a, b, _ in bands])
    med = float(np.median(heights))
    above = below = 0.0
    n = 0
    for a, b, prof in bands:
        if (b - a) > 3 * med or (b - a) < 0.4 * med:
            continue  # merged lines, pictures, rules, specks
        peak = prof.max()
        core = np.nonzero(prof >= 0.45 * peak)[0]
        if core.size == 0:
            continue
        c0, c1 = core[0], core[-1]
        above += prof[:c0].sum()
        below += prof[c1 + 1 :].sum()
        n += 1
    tot = above + below
    if tot <= 0:
        return 0.0, n
    return float((above - below) / tot), n


def analyse(img: Image.Image, dpi: float) -> PageAnalysis:
    gray, scale = _reduced_gray(img, dpi)
    h, w = gray.shape
    mask = _despeckle(ink_mask(gray))
    # Ignore a margin where scanner edges and punch holes live.
    my, mx = max(1, int(h * 0.03)), max(1, int(w * 0.03))
    inner = np.zeros_like(mask)
    inner[my : h - my, mx : w - mx] = mask[my : h - my, mx : w - mx]
    ink_fraction = float(inner.mean())

    colour, colour_fraction = detect_colour(img)

    ys, xs = np.nonzero(inner)
    if ys.size < 150:  # practically nothing on the page
        return PageAnalysis(0, 0.0, 0.0, 0.0, 0, ink_fraction, True, colour, colour_fraction)
    if ys.size > _MAX_POINTS:
        rng = np.random.default_rng(0)
        idx = rng.choice(ys.size, _MAX_POINTS, replace=False)
        ys, xs = ys[idx], xs[idx]
    x = xs.astype(np.float64)
    y = ys.astype(np.float64)

    coarse = np.arange(-8.0, 8.01, 0.5)
    a_h, s_h = _best_angle(x, y, coarse)  # lines horizontal
    a_v, s_v = _best_angle(y, -x, coarse)  # lines vertical (page turned 90/270)
    horizontal = s_h >= s_v
    line_conf = (max(s_h, s_v) / max(min(s_h, s_v), 1e-9)) - 1.0
    if horizontal:
        px, py, a0 = x, y, a_h
    else:
        # Rotate points 90 deg clockwise so the lines become horizontal: (x, y) -> (H - y, x)
        px, py, a0 = (h - y), x, a_v
    fine = np.arange(a0 - 0.5, a0 + 0.51, 0.1)
    angle, _ = _best_angle(px, py, fine)
    t = np.deg2rad(angle)
    yr = py * np.cos(t) + px * np.sin(t)
    ud, n_lines = _updown_score(yr)
    upright = ud >= 0
    base = 0 if horizontal else 90
    rotation = base if upright else (base + 180) % 360
    blank = _looks_blank(ink_fraction, n_lines, s_h, s_v)
    return PageAnalysis(
        rotation_cw=rotation,
        skew_deg=round(angle, 2),
        orientation_confidence=round(abs(ud), 3),
        line_confidence=round(line_conf, 3),
        n_lines=n_lines,
        ink_fraction=round(ink_fraction, 5),
        blank=blank,
        colour=colour,
        colour_fraction=round(colour_fraction, 5),
    )


def _looks_blank(ink_fraction: float, n_lines: int, s_h: float, s_v: float) -> bool:
    return ink_fraction < 0.0015 or (ink_fraction < 0.004 and n_lines < 2)


def detect_colour(img: Image.Image) -> tuple[bool, float]:
    """True when the page has real colour content (a red seal, coloured ink), not just tinted paper."""
    if img.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return False, 0.0
    small = img.convert("RGB")
    factor = max(1, int(max(small.size) / 800))
    if factor > 1:
        small = small.reduce(factor)
    a = np.asarray(small, dtype=np.int16)
    chroma = a.max(axis=2) - a.min(axis=2)
    # Paper tint and JPEG noise stay well below 50; seal ink is far above.
    strong = chroma > 60
    frac = float(strong.mean())
    return frac > 0.0008, frac
