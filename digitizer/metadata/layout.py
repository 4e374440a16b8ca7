"""Page geometry of the Decree 30/2020 layout: lines, columns and the header regions.

Decree 30/2020/NĐ-CP Annex I fixes where each part of an administrative document sits: the
agency block (parent body, then issuing body) top left; the national motto ("CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc") top right on the same rows; "Số: …/…" under the
agency block and the place-and-date line under the motto; the document type and its abstract
centred below (an official letter has no type: its abstract "V/v …" sits under the number); the
body; "Nơi nhận" bottom left and the signer block (authority "TM./KT./TL./TUQ./Q.", position,
signature, name) bottom right of the last page, before any attachment (Phụ lục, "Kèm theo …").

This module only finds those regions in the OCR words (their boxes and the page size); reading
values out of them is :mod:`digitizer.metadata.extract`'s job. Tesseract often merges the agency
block and the motto into one line, and stamps into a centred title line: lines are therefore
split at the column boundary (the left edge of the motto), and centred lines are trimmed of words
that pull them off the centre.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from ..model import OcrWord, PageResult
from .catalogue import fold


@dataclass(frozen=True)
class Line:
    """A run of words on one visual line, split at wide gaps (columns)."""

    text: str
    folded: str
    words: tuple[OcrWord, ...]
    bbox: tuple[int, int, int, int]
    page: int
    width: int
    height: int

    @property
    def conf(self) -> float:
        c = [w.conf for w in self.words if w.conf >= 0]
        return (sum(c) / len(c) / 100.0) if c else 0.85  # text layer without confidences

    @property
    def cx(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2 / self.width

    @property
    def top(self) -> float:
        return self.bbox[1] / self.height


def _mk_line(words: list[OcrWord], page: PageResult) -> Line:
    text = unicodedata.normalize("NFC", " ".join(w.text for w in words))
    x0 = min(w.bbox[0] for w in words)
    y0 = min(w.bbox[1] for w in words)
    x1 = max(w.bbox[2] for w in words)
    y1 = max(w.bbox[3] for w in words)
    return Line(
        text,
        fold(text),
        tuple(words),
        (x0, y0, x1, y1),
        page.index,
        max(1, page.width_px),
        max(1, page.height_px),
    )


def page_lines(page: PageResult) -> list[Line]:
    """Lines of a page in reading order, each split where a wide horizontal gap separates
    two columns (agency block | motto, "Nơi nhận" | signer block)."""
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in page.words:
        if w.text.strip():
            groups.setdefault((w.block, w.par, w.line), []).append(w)
    heights = [w.bbox[3] - w.bbox[1] for w in page.words if w.bbox[3] > w.bbox[1]]
    h = statistics.median(heights) if heights else 20
    gap_limit = max(3.0 * h, 0.05 * max(1, page.width_px))
    lines: list[Line] = []
    for ws in groups.values():
        ws = sorted(ws, key=lambda w: w.bbox[0])
        cur = [ws[0]]
        for w in ws[1:]:
            if w.bbox[0] - cur[-1].bbox[2] > gap_limit:
                lines.append(_mk_line(cur, page))
                cur = [w]
            else:
                cur.append(w)
        lines.append(_mk_line(cur, page))
    if not page.words and page.text.strip():  # text without boxes (e.g. a PDF text layer)
        n = max(1, len(page.text.splitlines()))
        for i, t in enumerate(page.text.splitlines()):
            if t.strip():
                y = int(i / n * page.height_px)
                lines.append(
                    Line(
                        t,
                        fold(t),
                        (),
                        (0, y, page.width_px, y + 1),
                        page.index,
                        max(1, page.width_px),
                        max(1, page.height_px),
                    )
                )
    lines.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    return lines


MOTTO = re.compile(r"CONG\s*HOA|XA\s*HOI\s*CHU|DOC\s*LAP|TU\s*DO|HANH\s*PHUC|VIET\s*NAM")
SO_START = re.compile(r"^\W{0,3}S[O0Ô6E]\s*[:;.,]")
#: a notation after "/": optional year, then a type or agency abbreviation with a dash
NOTATION_SHAPE = re.compile(r"/\s*(?:[0-9]{4}\s*/\s*)?[A-Z0-9]{1,8}[a-z]{0,2}\s*-\s*[A-Z]")
DATE_HINT = re.compile(
    r"N\s?G\s?[AÀ]\s?[YVX].{0,14}T\s?H\s?A\s?N\s?G|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
)
ATTACHMENT = re.compile(r"^\W{0,3}(?:PHU\s*LUC\b|\(?\s*KEM\s*THEO\b)")
SIGN_APPEARANCE = re.compile(r"NGUOI\s*KY|EMAIL|@|CO\s*QUAN\s*:|THOI\s*GIAN\s*KY|KY\s*BOI")


def _upper_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def split_at(line: Line, x: float, page: PageResult) -> list[Line]:
    """The line cut into its parts left and right of ``x`` (pixels)."""
    left = [w for w in line.words if (w.bbox[0] + w.bbox[2]) / 2 < x]
    right = [w for w in line.words if (w.bbox[0] + w.bbox[2]) / 2 >= x]
    if not left or not right:
        return [line]
    return [_mk_line(left, page), _mk_line(right, page)]


def trim_centred(line: Line, centre: float, page: PageResult, tol: float = 0.03) -> Line | None:
    """Drop words at the far end while the line is off ``centre`` (page fraction) by more than
    ``tol``: a stamp or a margin note printed on the same row as a centred title."""
    ws = sorted(line.words, key=lambda w: w.bbox[0])
    while ws:
        cx = (ws[0].bbox[0] + ws[-1].bbox[2]) / 2 / max(1, page.width_px)
        if abs(cx - centre) <= tol:
            return _mk_line(ws, page)
        if len(ws) == 1:
            return None
        ws = ws[1:] if cx < centre else ws[:-1]
    return None


@dataclass
class Header:
    """The Decree 30 header regions found on the first page (pixels; lists top to bottom)."""

    page: PageResult
    split_x: float  # column boundary: the left edge of the national motto
    motto: list[Line] = field(default_factory=list)
    agency: list[Line] = field(default_factory=list)  # parent body lines, then the issuer's
    number: Line | None = None  # "Số: 106/QĐ-UBND"
    date: Line | None = None  # "<place>, ngày … tháng … năm …"
    left: list[Line] = field(default_factory=list)  # left-column header lines (under the number)
    centred: list[Line] = field(default_factory=list)  # centred lines below number/date, trimmed
    line_h: float = 20.0

    @property
    def bottom(self) -> int:
        """Lowest pixel row of the number and date lines (where the title region starts)."""
        ys = [ln.bbox[3] for ln in (self.number, self.date) if ln is not None]
        ys += [ln.bbox[3] for ln in self.motto]
        return max(ys) if ys else 0


def find_header(page: PageResult, lines: list[Line]) -> Header:
    """Locate the header regions of a first page."""
    W, H = max(1, page.width_px), max(1, page.height_px)
    hs = [ln.bbox[3] - ln.bbox[1] for ln in lines if _letters(ln.text) >= 4]
    line_h = statistics.median(hs) if hs else 0.012 * H
    band = [ln for ln in lines if ln.top < 0.45]
    # the motto's left edge: the word "CỘNG" of "CỘNG HÒA XÃ HỘI …" (or the "Độc lập" line)
    split = None
    for ln in band:
        ws = list(ln.words)
        for i, w in enumerate(ws):
            nxt = " ".join(fold(x.text) for x in ws[i : i + 3])
            if re.match(r"\W?C[O0]NG\s*H[O0]A|\W?XA\s*H[O0]I\s*CHU", nxt):
                split = w.bbox[0] - 0.01 * W
                break
        if split is not None:
            break
    if split is None or not (0.25 * W < split < 0.65 * W):
        split = 0.45 * W
    hdr = Header(page, split, line_h=line_h)
    parts: list[Line] = []
    for ln in band:
        parts.extend(split_at(ln, split, page) if ln.top < 0.3 else [ln])
    parts.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    motto = [ln for ln in parts if ln.bbox[0] >= split - 2 and MOTTO.search(ln.folded)]
    motto_top = min((ln.bbox[1] for ln in motto), default=0)
    # the motto is two rows (three with the rule under it): later "Việt Nam" are body text
    hdr.motto = [ln for ln in motto if ln.bbox[1] <= motto_top + 3 * line_h]
    left = [ln for ln in parts if (ln.bbox[0] + ln.bbox[2]) / 2 < split and ln.top < 0.35]
    # "Số:" line: the first left line starting with "Số", else one shaped like a notation
    for ln in left:
        if SO_START.match(ln.folded) or (
            re.search(r"(?<![A-Z])S[O0Ô6E]\s*[:;]", ln.folded) and "/" in ln.text
        ):
            hdr.number = ln
            break
    if hdr.number is None:
        for ln in left:
            if ln.bbox[1] > motto_top and NOTATION_SHAPE.search(ln.folded) and ln.top < 0.3:
                hdr.number = ln
                break
    # agency block: capitalised left lines from the motto's first row down to the number
    limit = hdr.number.bbox[1] if hdr.number is not None else motto_top + 4 * line_h
    for ln in left:
        if ln.bbox[1] >= limit - 0.3 * line_h:
            break
        if ln.bbox[3] < motto_top - 1.5 * line_h or SIGN_APPEARANCE.search(ln.folded):
            continue
        if _letters(ln.text) < 2 or _upper_share(ln.text) < 0.7 or "/" in ln.text:
            continue
        hdr.agency.append(ln)
    if hdr.number is not None:
        hdr.left = [ln for ln in left if ln.bbox[1] > hdr.number.bbox[1] + 0.3 * line_h]
    # place-and-date line: right column, under the motto, in the header band
    for ln in parts:
        if ln.bbox[0] < split - 2 or ln.bbox[1] < motto_top or MOTTO.search(ln.folded):
            continue
        if ln.top > 0.3:
            break
        if DATE_HINT.search(ln.folded):
            hdr.date = ln
            break
    # centred lines under the number and date (type, abstract, issuing authority, recipients)
    start = hdr.bottom
    for ln in lines:
        if ln.bbox[1] <= start - 0.3 * line_h or ln.top > 0.5:
            continue
        t = trim_centred(ln, 0.5, page, tol=0.08) if abs(ln.cx - 0.5) > 0.08 else ln
        if t is not None and _letters(t.text) >= 2:
            hdr.centred.append(t)
    return hdr


def attachment_start(pages: list[PageResult], lines: dict[int, list[Line]]) -> int:
    """Index (in ``pages``) of the first page that begins an attachment: a later page whose top
    carries "PHỤ LỤC", "(Kèm theo …)" or a national motto of its own. The document's signer
    block is on the page before it."""
    for i, p in enumerate(pages):
        if i == 0:
            continue
        top = [ln for ln in lines[p.index] if ln.top < 0.3]
        if any(ATTACHMENT.search(ln.folded) for ln in top):
            return i
        if any(
            re.search(r"CONG\s*HOA\s*XA\s*HOI|DOC\s*LAP\s*-?\s*TU\s*DO", ln.folded) for ln in top
        ):
            return i
    return len(pages)


def signer_pages(pages: list[PageResult], lines: dict[int, list[Line]]) -> list[PageResult]:
    """Pages that may hold the signer block, last first (attachments left out)."""
    return list(reversed(pages[: attachment_start(pages, lines)]))


def split_gaps(line: Line, page: PageResult, factor: float = 1.5) -> list[Line]:
    """The line cut wherever two words are further apart than ``factor`` word heights: the
    "Nơi nhận" list and the signer block share rows but never a phrase (body text, justified,
    has gaps under one word height)."""
    ws = sorted(line.words, key=lambda w: w.bbox[0])
    if len(ws) < 2:
        return [line]
    hs = sorted(w.bbox[3] - w.bbox[1] for w in ws)
    h = hs[len(hs) // 2]
    out, cur = [], [ws[0]]
    for w in ws[1:]:
        if w.bbox[0] - cur[-1].bbox[2] > factor * h:
            out.append(_mk_line(cur, page))
            cur = [w]
        else:
            cur.append(w)
    out.append(_mk_line(cur, page))
    return out
