"""Pre-fill a TTHC record from OCR text, word boxes and barcodes.

Works on the standard Vietnamese administrative layout (Decree 30/2020 Annex I): agency block
top-left, national motto top-right, "Số: 106/QĐ-UBND" and "<place>, ngày 05 tháng 10 năm 2022"
below them, the centred title, the body, and the signer block bottom-right. Every value is a
:class:`Suggestion` with a source and a confidence; the GUI shows it as a suggestion until the
clerk confirms it. Matching happens on *folded* text (upper case, no diacritics) so OCR diacritic
confusions do not break the patterns; values are then snapped to the vocabulary or repaired by
consensus across the repeated mentions in the document.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from ..errors import CancelledError
from ..model import DocumentResult, OcrWord, PageResult
from ..progress import CancelToken, Progress, ProgressFn, no_progress
from .barcodes import Barcode, read_barcodes_pages
from .catalogue import Catalogue, Vocabulary, fold, load_catalogue, load_vocabulary
from .schema import Schema, load_schema
from .validate import DOSSIER_RE, PROCEDURE_RE, check_citizen_id, check_dossier_code

SOURCES = ("ocr", "barcode", "catalogue", "manual", "default", "document")
PREFILL_THRESHOLD = 0.5  # suggestions below this are hints, not pre-filled values


@dataclass(frozen=True)
class Suggestion:
    """One proposed value for one field."""

    field: str
    value: Any
    confidence: float  # 0..1
    source: str  # one of SOURCES
    page: int | None = None  # 0-based page the value was read from
    bbox: tuple[int, int, int, int] | None = None  # pixels on that page
    note: str = ""


@dataclass(frozen=True)
class Suggestions:
    """All suggestions for a document; the best per field is what the GUI pre-fills."""

    items: tuple[Suggestion, ...]

    def get(self, key: str) -> Suggestion | None:
        best = [s for s in self.items if s.field == key]
        return max(best, key=lambda s: s.confidence) if best else None

    def alternatives(self, key: str) -> list[Suggestion]:
        return sorted((s for s in self.items if s.field == key), key=lambda s: -s.confidence)

    def record(self, min_confidence: float = PREFILL_THRESHOLD) -> dict:
        """Field -> value for suggestions confident enough to pre-fill."""
        out = {}
        for key in dict.fromkeys(s.field for s in self.items):
            s = self.get(key)
            if s is not None and s.confidence >= min_confidence:
                out[key] = s.value
        return out

    def to_json(self, min_confidence: float = PREFILL_THRESHOLD) -> dict:
        """The record plus ``_sources``/``_confidence`` (``digitizer extract --json``)."""
        rec = self.record(min_confidence)
        out: dict[str, Any] = dict(rec)
        out["_sources"] = {k: self.get(k).source for k in rec}
        out["_confidence"] = {k: round(self.get(k).confidence, 3) for k in rec}
        hints = {
            s.field: {
                "value": s.value,
                "source": s.source,
                "confidence": round(s.confidence, 3),
                "note": s.note,
            }
            for s in self.items
            if s.field not in rec and s.confidence < min_confidence
        }
        if hints:
            out["_hints"] = hints
        return out


# --------------------------------------------------------------------------- layout


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


# --------------------------------------------------------------------------- helpers

_DIGITISH = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "Q": "0",
        "D": "0",
        "I": "1",
        "l": "1",
        "L": "1",
        "|": "1",
        "i": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "g": "9",
    }
)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s.translate(_DIGITISH))


def _has_marks(s: str) -> int:
    return (
        sum(1 for ch in unicodedata.normalize("NFD", s) if unicodedata.combining(ch))
        + s.count("đ")
        + s.count("Đ")
    )


def _mostly_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.7


def _sentence_case(s: str) -> str:
    s = s.strip().lower()
    return s[:1].upper() + s[1:]


def _title_case(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


MOTTO = re.compile(r"CONG\s*HOA|XA\s*HOI\s*CHU|DOC\s*LAP|TU\s*DO|HANH\s*PHUC|VIET\s*NAM")
SO_RE = re.compile(
    r"(?<![A-Z])S[O0Ô6E]\s*[:;.,]?\s*([0-9OIl|]{1,5})\s*/\s*((?:[0-9]{4}\s*/\s*)?[A-Z0-9][A-Z0-9.\-\s]{0,28})"
)
_NG = r"N\s?G\s?[AÀ]\s?[YVX]"
_TH = r"T\s?H\s?A\s?N\s?G"
_NA = r"N\s?[AĂ]\s?M"
_D12 = r"([0-9OIL|]{1,2})"
_Y4 = r"([0-9OIL|]{4}|[0-9]{2}\s[0-9]{2})"
DATE_WORDS = re.compile(
    rf"{_NG}\s*[:.,]?\s*{_D12}\s*[,.]?\s*{_TH}\s*{_D12}\s*[,.]?\s*{_NA}\s*{_Y4}"
)
DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
BAD_DATE_CONTEXT = re.compile(
    r"CAN\s*CU|SINH|LAN\s*DAU|CAP\s*NGAY|HIEU\s*LUC|KE\s*TU|DANG\s*KY|NGHI\s*DINH|LUAT|TO\s*TRINH"
)


def _mkdate(d: str, m: str, y: str, today: _dt.date) -> _dt.date | None:
    try:
        dd, mm, yy = int(_digits(d)), int(_digits(m)), int(_digits(y))
        date = _dt.date(yy, mm, dd)
    except ValueError:
        return None
    if not (1945 <= yy <= today.year + 1):
        return None
    return date


# --------------------------------------------------------------------------- extractors


class _Extractor:
    def __init__(
        self,
        doc: DocumentResult,
        vocab: Vocabulary,
        catalogue: Catalogue,
        schema: Schema,
        today: _dt.date,
    ):
        self.doc = doc
        self.vocab = vocab
        self.cat = catalogue
        self.schema = schema
        self.today = today
        self.pages = [p for p in doc.pages if not p.blank and (p.words or p.text.strip())]
        self.lines = {p.index: page_lines(p) for p in self.pages}
        self.out: list[Suggestion] = []
        # flat text of the whole document (lines joined by "\n") with a folded twin
        parts, self.line_at = [], []
        pos = 0
        for p in self.pages:
            for ln in self.lines[p.index]:
                parts.append(ln.text)
                self.line_at.append((pos, ln))
                pos += len(ln.text) + 1
        self.flat = "\n".join(parts)
        self.ffold = fold(self.flat)

    def add(
        self,
        key: str,
        value: Any,
        conf: float,
        source: str = "ocr",
        line: Line | None = None,
        note: str = "",
    ) -> None:
        conf = max(0.0, min(1.0, conf))
        self.out.append(
            Suggestion(
                key,
                value,
                round(conf, 3),
                source,
                line.page if line else None,
                line.bbox if line else None,
                note,
            )
        )

    def line_for(self, offset: int) -> Line | None:
        best = None
        for pos, ln in self.line_at:
            if pos <= offset:
                best = ln
            else:
                break
        return best

    @property
    def first(self) -> list[Line]:
        return self.lines[self.pages[0].index] if self.pages else []

    # ---- "Số: 106/QĐ-UBND"
    def number(self) -> Line | None:
        for ln in self.first:
            if ln.top > 0.45:
                break
            m = SO_RE.search(ln.folded)
            if not m:
                continue
            num = _digits(m.group(1))
            raw = ln.text[m.start(2) : m.end(2)]
            raw = re.split(r"\s{1,}(?=[A-ZĐ][a-zà-ỹđ])|,", raw)[0]  # stop before "Khánh Vĩnh, ngày"
            raw = re.sub(r"\s+", "", raw).strip(".-")
            notation, known = self._notation(raw)
            if not num or not notation:
                continue
            conf = ln.conf * (0.97 if known else 0.8)
            self.add("code_number", num, conf, line=ln)
            self.add("code_notation", notation, conf, line=ln)
            return ln
        return None

    def _notation(self, raw: str) -> tuple[str, bool]:
        year = ""
        m = re.match(r"(\d{4})/(.*)", raw)
        if m:
            year, raw = m.group(1) + "/", m.group(2)
        parts = [p for p in raw.split("-") if p]
        fixed, known = [], True
        for p in parts:
            fp = fold(p).replace("0", "O")
            if fp in self.vocab.notation_parts:
                fixed.append(self.vocab.notation_parts[fp])
            elif fold(p) in self.vocab.notation_parts:
                fixed.append(self.vocab.notation_parts[fold(p)])
            else:
                fixed.append(p.upper() if p.isupper() or not p.isalpha() else p)
                known = False
        return year + "-".join(fixed), known

    # ---- "<place>, ngày 05 tháng 10 năm 2022"
    def issued_date(self, so_line: Line | None) -> None:
        cands = []
        for ln in self.first:
            if ln.top > 0.5:
                break
            for rx, base in ((DATE_WORDS, 1.0), (DATE_NUM, 0.7)):
                for m in rx.finditer(ln.folded):
                    d = _mkdate(m.group(1), m.group(2), m.group(3), self.today)
                    if d is None:
                        continue
                    score = base
                    before = ln.folded[: m.start()]
                    if BAD_DATE_CONTEXT.search(before):
                        score -= 0.8  # "Căn cứ Luật ... ngày", "sinh ngày", "cấp ngày"
                    same_row = so_line is not None and abs(ln.bbox[1] - so_line.bbox[1]) < 2 * (
                        so_line.bbox[3] - so_line.bbox[1]
                    )
                    if not same_row and ln.top > 0.22:
                        score -= 0.5  # below the header: a date from the body
                    if re.search(r"[,.]\s*$", before) and len(before.strip()) > 2:
                        score += 0.3  # "Khánh Hòa, ngày ..."
                    if same_row:
                        score += 0.5  # same row as "Số:"
                    if ln.cx > 0.5:
                        score += 0.1
                    if d > self.today:
                        score -= 0.5
                    cands.append((score, d, ln))
        if not cands:
            return
        score, d, ln = max(cands, key=lambda t: t[0])
        if score < 0.5:
            return
        self.add(
            "issued_date",
            d.isoformat(),
            min(0.98, 0.55 + 0.3 * score) * (0.6 + 0.4 * ln.conf),
            line=ln,
        )

    # ---- agency block (top-left)
    def organ(self, so_line: Line | None) -> None:
        limit = (
            so_line.bbox[1]
            if so_line is not None
            else 0.2 * (self.first[0].height if self.first else 1)
        )
        block = []
        for ln in self.first:
            if ln.bbox[3] > limit + 5:
                continue
            if MOTTO.search(ln.folded):  # agency and motto merged into one line: keep the left part
                left = [w for w in ln.words if (w.bbox[0] + w.bbox[2]) / 2 < 0.45 * ln.width]
                if not left or MOTTO.search(fold(" ".join(w.text for w in left))):
                    continue
                ln = _mk_line(left, next(p for p in self.pages if p.index == ln.page))
            if ln.cx < 0.5 and re.search(r"[A-Z]{2}", ln.folded):
                block.append(ln)
        block = [ln for ln in block if not re.match(r"\s*S[O0]\s*[:;]", ln.folded)]
        if not block:
            return
        texts = [self._organ_words(ln.text) for ln in block]
        starts = [i for i, t in enumerate(texts) if self._is_organ_start(t)]
        start = starts[-1] if starts else 0
        # a line that is only an organ type ("ỦY BAN NHÂN DÂN") continues on the next line
        name = " ".join(texts[start:]).strip(" .,:;-")
        name = self._consensus(name)
        # the place name after the last administrative unit ("XÃ CAM THÀNH BẮC") recurs in the
        # place-and-date line and the body: repair it from those mentions too
        ws = name.split()
        units = [
            i
            for i, w in enumerate(ws)
            if fold(w) in ("XA", "HUYEN", "TINH", "PHUONG", "QUAN", "TRAN", "PHO")
        ]
        if units and units[-1] + 1 < len(ws):
            k = units[-1] + 1
            name = " ".join(ws[:k] + self._consensus(" ".join(ws[k:])).split())
        name = self._organ_words(name)  # the vocabulary has the last word on organ-type words
        conf = statistics.mean(ln.conf for ln in block[start:]) * (0.95 if starts else 0.7)
        self.add("organ_name", name, conf, line=block[start])

    def _is_organ_start(self, text: str) -> bool:
        f = fold(text)
        return any(f.startswith(fold(p)) for p in self.vocab.organ_prefixes)

    def _organ_words(self, text: str) -> str:
        """Snap the organ-type prefix ("ỦY BAN NHÂN DẪN" -> "ỦY BAN NHÂN DÂN") and restore marks
        on organ words OCR read without any ("PHONG" -> "PHÒNG")."""
        text = " ".join(text.replace(" :", "").split()).strip(" :;|-–—.,_~`'\"")
        for prefix in sorted(self.vocab.organ_prefixes, key=len, reverse=True):
            n = len(prefix.split())
            head = " ".join(text.split()[:n])
            if len(prefix) > 4 and fold(head) == fold(prefix) and text.isupper():
                text = " ".join([prefix] + text.split()[n:])
                break
        out = []
        for w in text.split():
            fw = fold(w).strip(":;,.")
            if w.isupper() and _has_marks(w) == 0 and fw in self.vocab.organ_words:
                out.append(self.vocab.organ_words[fw])
            else:
                out.append(w)
        return " ".join(out)

    def _consensus(self, phrase: str) -> str:
        """Repair a phrase word by word using its other mentions in the document (case-insensitive):
        each word takes the spelling seen most often, ties going to the one with more marks."""
        words = phrase.split()
        if not words:
            return phrase
        fw = [fold(w) for w in words]
        pat = re.compile(r"\b" + r"\s+".join(re.escape(f) for f in fw) + r"\b")
        variants: list[tuple[list[str], dict[str, float]]] = []
        for m in pat.finditer(self.ffold):
            orig = self.flat[m.start() : m.end()].split()
            if len(orig) == len(words):
                confs: dict[str, float] = {}
                for off in (m.start(), m.end() - 1):
                    ln = self.line_for(off)
                    for wd in ln.words if ln else ():
                        confs.setdefault(wd.text.upper(), wd.conf if wd.conf >= 0 else 85.0)
                variants.append((orig, confs))
        if len(variants) < 2:
            return phrase
        out = []
        for i, w in enumerate(words):
            counts: Counter = Counter()
            for v, confs in variants:  # each mention votes with its OCR confidence
                counts[v[i].upper()] += confs.get(v[i].upper(), 85.0) / 100.0
            best = max(counts, key=lambda s: (round(counts[s], 6), _has_marks(s)))
            out.append(
                best if w.isupper() else best.capitalize() if w[:1].isupper() else best.lower()
            )
        return " ".join(out)

    # ---- title ("QUYẾT ĐỊNH", "GIẤY PHÉP XÂY DỰNG", two-line titles)
    def title(self, so_line: Line | None) -> str | None:
        start_y = so_line.bbox[3] if so_line is not None else 0
        picked: list[Line] = []
        for ln in self.first:
            if ln.bbox[1] < start_y - 2 or MOTTO.search(ln.folded):
                continue
            letters = [c for c in ln.text if c.isalpha()]
            upper = letters and sum(c.isupper() for c in letters) / len(letters) >= 0.8
            centred = abs(ln.cx - 0.5) < 0.18
            if DATE_WORDS.search(ln.folded):
                continue
            if not picked:
                if upper and centred and len(letters) >= 4:
                    picked.append(ln)
                elif ln.top > 0.45:
                    break
                continue
            gap = ln.bbox[1] - picked[-1].bbox[3]
            if upper and centred and gap < 1.5 * (picked[-1].bbox[3] - picked[-1].bbox[1]):
                picked.append(ln)
            else:
                break
        if not picked:
            return None
        raw = " ".join(ln.text for ln in picked).strip(" .:;,")
        if fold(raw).startswith("QUYET DINH") and len(picked) > 1:
            raw = picked[0].text
        fr = fold(raw)
        best, score = None, 0.0
        for name, _abbr in self.vocab.document_types:
            r = _ratio(fr, fold(name).upper())
            if r > score:
                best, score = name, r
        conf = statistics.mean(ln.conf for ln in picked)
        if best and score >= 0.85:
            self.add(
                "type_name", best, min(0.98, 0.5 + 0.5 * score) * (0.7 + 0.3 * conf), line=picked[0]
            )
            return best
        value = _sentence_case(raw)
        self.add("type_name", value, 0.6 * conf, line=picked[0], note="not in vocabulary")
        return value

    # ---- trích yếu ("Về việc ...")
    def subject(self) -> None:
        for i, ln in enumerate(self.first):
            if ln.top > 0.5:
                return
            if re.match(r"\s*V[EÊ]\s*V[IÍ]?E?C\b", ln.folded):
                parts = [ln.text]
                for nxt in self.first[i + 1 : i + 4]:
                    letters = [c for c in nxt.text if c.isalpha()]
                    if not letters or sum(c.isupper() for c in letters) / len(letters) > 0.6:
                        break
                    if re.match(r"\s*CAN\s*CU", nxt.folded):
                        break
                    parts.append(nxt.text)
                self.add("subject", " ".join(parts).strip(" ."), 0.85 * ln.conf, line=ln)
                return

    # ---- applicant
    NAME_TRIGGERS = (
        (
            re.compile(
                r"HO\s*,?\s*CHU\s*[.,]?\s*DEM\s*,?\s*(?:VA\s*)?TEN\s*(?:NGUOI\s*(?:DUOC\s*CAP|YEU\s*CAU|DANG\s*KY|DUOC\s*KHAI\s*SINH))?\s*:\s*"
            ),
            3.0,
        ),
        (
            re.compile(
                r"HO\s*(?:VA)?\s*TEN\s*(?:NGUOI\s*(?:DUOC\s*CAP|YEU\s*CAU|DANG\s*KY))?\s*:\s*"
            ),
            3.0,
        ),
        (re.compile(r"CAP\s*[.,]?\s*CHO\s*:?\s*(?:ONG|BA|HO\s*ONG|HO\s*BA)?\s*"), 3.0),
        (re.compile(r"CHU\s*HO(?:\s*KINH\s*DOANH)?\s*:\s*(?:ONG|BA)?\s*"), 2.5),
        (
            re.compile(
                r"(?:DE\s*NGHI\s*CUA|DOI\s*VOI|CHO\s*PHEP(?:\s*HO)?|CONG\s*NHAN\s*CHO)\s+(?:ONG|BA|HO\s*ONG|HO\s*BA)\s+"
            ),
            2.0,
        ),
        (re.compile(r"(?<![A-Z])(?:ONG|BA)\s+(?=[A-Z])"), 0.7),
    )
    STOP = frozenset(
        {
            "GIOI",
            "SINH",
            "NGAY",
            "DAN",
            "QUOC",
            "SO",
            "NOI",
            "DIA",
            "NAM",
            "NU",
            "CCCD",
            "CMND",
            "VE",
            "LA",
            "TAI",
            "THUONG",
            "CU",
            "DIEN",
            "MA",
            "CAN",
            "CHUC",
            "CO",
            "TRU",
            "HO",
        }
    )

    def _name_at(self, pos: int) -> tuple[str, int, int] | None:
        text = self.flat[pos : pos + 80].replace("\n", " ")
        toks = re.findall(r"\S+", text)
        if not toks:
            return None
        words, all_caps = [], None
        for t in toks:
            w = t.strip(",.;:()`'\"")
            if not w or not w[0].isalpha() or not w[0].isupper() or not all(c.isalpha() for c in w):
                break
            caps = w.isupper() and len(w) > 1
            if all_caps is None:
                all_caps = caps or (len(w) == 1)
            elif all_caps and not caps and len(w) > 1:
                break
            if not all_caps and fold(w) in self.STOP and len(words) >= 2:
                break
            if not all_caps and not w[1:].islower() and len(w) > 1:
                break
            words.append(w)
            if t != w and t.rstrip(",.;:") != w:
                break
            if re.search(r"[,.;:]$", t):
                break
            if len(words) == 5:
                break
        if not (2 <= len(words) <= 5):
            return None
        return " ".join(words), pos, pos + len(" ".join(words))

    def applicant(self) -> None:
        clusters: dict[str, list[tuple[float, str, int]]] = defaultdict(list)
        for rx, weight in self.NAME_TRIGGERS:
            for m in rx.finditer(self.ffold):
                # exclude parents/spouse lines ("tên người mẹ:", "tên người cha:")
                if re.search(
                    r"NGUOI\s*(?:ME|CHA|VO|CHONG)\b", self.ffold[max(0, m.start() - 5) : m.end()]
                ):
                    continue
                got = self._name_at(m.end())
                if not got:
                    continue
                name, start, _ = got
                key = " ".join(fold(name).split())
                clusters[key].append((weight, name, start))
        if not clusters:
            return
        signer = self.signer_name_value
        scored = []
        for key, hits in clusters.items():
            if signer and key == " ".join(fold(signer).split()):
                continue
            scored.append((sum(h[0] for h in hits), min(h[2] for h in hits), key, hits))
        if not scored:
            return
        scored.sort(key=lambda t: (-t[0], t[1]))
        total, first_pos, _key, hits = scored[0]
        variants = [_title_case(h[1]) for h in hits]
        # per word: the spelling seen most often, ties to more marks; then the syllable table
        n = len(variants[0].split())
        words = []
        for i in range(n):
            opts = Counter(v.split()[i] for v in variants if len(v.split()) == n)
            best = max(opts, key=lambda s: (_has_marks(s) > 0, opts[s], _has_marks(s)))
            words.append(self._fix_syllable(best, self._word_conf(hits, i)))
        value = " ".join(words)
        ln = self.line_for(first_pos)
        conf = min(0.97, 0.45 + 0.15 * total) * (0.6 + 0.4 * (ln.conf if ln else 0.8))
        self.applicant_pos = first_pos
        self.add("applicant_name", value, conf, line=ln)

    applicant_pos: int | None = None

    # ---- personal ID number
    ID_TRIGGER = re.compile(
        r"(?:DINH\s*DANH\s*CA\s*NHAN|CAN\s*CUOC(?:\s*CONG\s*DAN)?|CCCD|CMND|CHUNG\s*MINH\s*NHAN\s*DAN|"
        r"GIAY\s*TO\s*PHAP\s*LY\s*CUA\s*CA\s*NHAN|SO\s*GIAY\s*TO\s*TUY\s*THAN|SO\s*DDCN)"
    )
    ID_RUN = re.compile(r"(?<![0-9A-Z])([0-9OIL|](?:[ .]?[0-9OIL|]){11}|[0-9]{9})(?![0-9A-Z])")

    def citizen_id(self) -> None:
        cands = []
        for m in self.ID_RUN.finditer(self.ffold):
            raw = self.flat[m.start() : m.end()]
            if sum(c.isdigit() for c in raw) < len(_digits(raw)) - 2:
                continue  # mostly letters: not a number
            digits = _digits(raw)
            if len(digits) not in (9, 12):
                continue
            if not check_citizen_id(digits, self.schema.province_codes):
                continue
            before = self.ffold[max(0, m.start() - 60) : m.start()]
            trig = self.ID_TRIGGER.search(before)
            if len(digits) == 9 and not trig:
                continue
            if re.search(r"(?:DIEN\s*THOAI|DT|SDT|MA\s*SO)\s*[:.]?\s*$", before):
                continue
            score = (2.0 if trig else 0.6) + (0.2 if " " not in raw.strip() else 0.0)
            if self.applicant_pos is not None:
                d = m.start() - self.applicant_pos
                score += 0.5 if 0 <= d < 600 else 0.0
            cands.append((score, m.start(), digits))
        if not cands:
            return
        cands.sort(key=lambda t: (-t[0], t[1]))
        score, pos, digits = cands[0]
        ln = self.line_for(pos)
        self.add(
            "citizen_id",
            digits,
            min(0.97, 0.4 + 0.25 * score) * (0.7 + 0.3 * (ln.conf if ln else 0.8)),
            line=ln,
        )

    # ---- address
    ADDR = re.compile(
        r"(?:NOI\s*CU\s*TRU|DIA\s*CHI(?:\s*THUONG\s*TRU)?|THUONG\s*TRU\s*TAI|CU\s*TRU\s*TAI)\s*:?\s*"
    )

    def address(self) -> None:
        best = None
        for m in self.ADDR.finditer(self.ffold):
            if self.applicant_pos is not None and m.start() < self.applicant_pos:
                continue
            best = m
            break
        if best is None:
            return
        chunk = self.flat[best.end() : best.end() + 220]
        # stop at ";" / "." / a following label ("Ngày cấp:", "Họ, chữ đệm ...:") / "được ..."
        chunk = re.split(r"[;]|\.(?:\s|$)|\n(?=[^\n:]{1,40}:)|,\s*(?:được|có|sinh)\b", chunk)[0]
        value = " ".join(chunk.split()).strip(" ,.:")
        if len(value) < 8:
            return
        self.add(
            "address",
            value,
            0.65 * (self.line_for(best.start()) or self.first[0]).conf,
            line=self.line_for(best.start()),
        )

    # ---- signer block (last page, right column)
    signer_name_value: str | None = None
    AUTH = re.compile(r"^\s*(?:TM|KT|TL|TUQ|Q)\s*[.,]\s*\S")

    def signer(self) -> None:
        """Signer block, right column of the last page that has one: authority line ("TM. ỦY BAN
        NHÂN DÂN", "KT. CHỦ TỊCH"), position ("PHÓ CHỦ TỊCH"), then the name below the signature.
        Lines hidden by the seal or signature are inferred from the authority line (lower
        confidence): KT. X -> "Phó X"; TM. <collective body> alone -> "Chủ tịch" (hint)."""
        for page in reversed(self.pages):
            lines = self.lines[page.index]
            auth_i = None
            for i, ln in enumerate(lines):
                f = re.sub(r"^\s*[1I]M\s*\.", "TM.", ln.folded)
                if ln.cx > 0.45 and self.AUTH.match(f):
                    auth_i = i
            pos_i, position = None, None
            for i in range(auth_i + 1 if auth_i is not None else 0, len(lines)):
                ln = lines[i]
                if ln.cx < 0.45 or not _mostly_upper(ln.text):
                    continue  # positions are printed in capitals; a name is not a position
                p, _score = self._position(ln.folded, allow_fuzzy=auth_i is not None and i > auth_i)
                if p:
                    pos_i, position = i, p
                    break
            name_line = self._signer_name_line(lines, pos_i if pos_i is not None else auth_i)
            if auth_i is None and pos_i is None and name_line is None:
                continue
            auth_line = lines[auth_i] if auth_i is not None else None
            anchor = lines[pos_i] if pos_i is not None else auth_line
            conf, note = (0.8 * anchor.conf if anchor else 0.0), ""
            if auth_line is not None and re.match(r"\s*KT\s*[.,]", auth_line.folded):
                head, _ = self._position(auth_line.folded, allow_fuzzy=True)
                if head and (position is None or position == head):
                    position = head if head.startswith("PHÓ") else "PHÓ " + head
                    conf, note = 0.55, "inferred from KT."
            elif (
                position is None
                and auth_line is not None
                and re.match(
                    r"\s*TM\s*[.,]\s*(?:UY\s*BAN|UBND)",
                    re.sub(r"^\s*[1I]M", "TM", auth_line.folded),
                )
            ):
                position, conf, note = (
                    "CHỦ TỊCH",
                    0.4,
                    "inferred from TM. (position line unreadable)",
                )
            if position:
                self.add("signer_position", _sentence_case(position), conf, line=anchor, note=note)
            if name_line is not None:
                words = [w for w in name_line.words if any(c.isalpha() for c in w.text)]
                name = " ".join(w.text.strip(".,;:`'\"") for w in words)
                name = self._fix_name(name, [w.conf for w in words])
                self.signer_name_value = name
                c = 0.85 * name_line.conf if anchor is not None else 0.5 * name_line.conf
                self.add(
                    "signer_name",
                    name,
                    c,
                    line=name_line,
                    note="" if anchor is not None else "no signer block heading found",
                )
            return

    def _signer_name_line(self, lines: list[Line], anchor_i: int | None) -> Line | None:
        """The name under the signature: the lowest name-like right-column line within ~18 % of
        the page below the anchor; without an anchor, one in the lower half of the page just above
        the codes ("Mã hồ sơ") or the page end."""
        if anchor_i is not None:
            anchor = lines[anchor_i]
            found = None
            for ln in lines:
                if ln.bbox[1] <= anchor.bbox[1] or ln.cx < 0.45:
                    continue
                if (ln.bbox[1] - anchor.bbox[3]) / ln.height > 0.18:
                    break
                if self._is_name(ln.text):
                    found = ln
            return found
        cands = [ln for ln in lines if ln.cx >= 0.5 and ln.top > 0.5 and self._is_name(ln.text)]
        return cands[-1] if len(cands) == 1 else None

    def _position(self, folded: str, allow_fuzzy: bool) -> tuple[str | None, float]:
        body = re.sub(r"^\s*(?:TM|KT|TL|TUQ|Q|1M|IM)\s*[.,]\s*", "", folded).strip(" .:;`'\"“")
        best, score = None, 0.0
        for p in self.vocab.signer_positions:
            r = _ratio(body, fold(p))
            if r > score:
                best, score = p, r
        if score >= 0.9 or (allow_fuzzy and score >= 0.7):
            return best, score
        return None, score

    def _is_name(self, text: str) -> bool:
        toks = [t.strip(".,;:`'\"") for t in text.split()]
        toks = [t for t in toks if t]
        if not (2 <= len(toks) <= 5):
            return False
        return all(t[0].isupper() and t[1:].islower() and t.isalpha() for t in toks if len(t) > 1)

    def _fix_name(self, name: str, confs: list[float] | None = None) -> str:
        ws = name.split()
        return " ".join(
            self._fix_syllable(w, confs[i] if confs and i < len(confs) else 100.0)
            for i, w in enumerate(ws)
        )

    def _fix_syllable(self, w: str, conf: float) -> str:
        """Restore a name syllable from the table when OCR dropped all its marks, or dropped some
        of them on a word tesseract itself was unsure of (conf < 80). A rarer name with fewer
        marks than the common one ("Thăng" vs "Thắng") read with confidence stays as read."""
        if "w" in w.lower():  # no "w" in Vietnamese: OCR's reading of "ư" ("Trwong")
            w, conf = re.sub("w", "ư", re.sub("W", "Ư", w)), 0.0
        form = self.vocab.name_syllables.get(fold(w).lower())
        if not form or form == w:
            return w
        if _has_marks(w) == 0 or (_has_marks(w) < _has_marks(form) and conf < 80):
            return form if w[:1].isupper() else form.lower()
        return w

    def _word_conf(self, hits: list, i: int) -> float:
        """Lowest OCR confidence of the i-th name word over its mentions (100 if unknown)."""
        confs = []
        for _w, name, start in hits:
            ln = self.line_for(start)
            if ln is None:
                continue
            target = fold(name.split()[i]) if i < len(name.split()) else None
            for word in ln.words:
                if target and fold(word.text).strip(",.;:") == target:
                    confs.append(word.conf)
        return min(confs) if confs else 100.0

    # ---- codes printed as text ("Mã hồ sơ: …", "Mã thủ tục: …")
    def codes_from_text(self) -> None:
        for m in re.finditer(
            r"MA\s*HO\s*S[O0]\s*[:;.]?\s*([0-9A-Z][0-9A-Z.\-\s]{14,40})", self.ffold
        ):
            raw = self.flat[m.start(1) : m.end(1)].split("\n")[0]
            code = self._repair_dossier(raw)
            ln = self.line_for(m.start())
            if code:
                self.add(
                    "dossier_code", code, 0.88 * (0.7 + 0.3 * (ln.conf if ln else 0.8)), line=ln
                )
        for m in re.finditer(
            r"M[A]\s*(?:THU\s*TUC|TTHC)\s*[:;.]?\s*([0-9OIL]\s*[.,]\s*[0-9OIL]{6}(?:\.[0-9A-Z.]+)?)",
            self.ffold,
        ):
            raw = re.sub(r"\s", "", self.flat[m.start(1) : m.end(1)]).replace(",", ".")
            head, _, rest = raw.partition(".")
            code = _digits(head) + "." + _digits(rest[:6]) + rest[6:].rstrip(".")
            if PROCEDURE_RE.match(code):
                ln = self.line_for(m.start())
                self.add(
                    "procedure_code", code, 0.9 * (0.7 + 0.3 * (ln.conf if ln else 0.8)), line=ln
                )
        # bare dossier codes anywhere in the text
        for m in DOSSIER_LOOSE.finditer(self.flat):
            code = self._repair_dossier(m.group(0))
            if code:
                self.add("dossier_code", code, 0.6, line=self.line_for(m.start()), note="no label")

    def _repair_dossier(self, raw: str) -> str | None:
        s = re.sub(r"\s+", "", raw).strip(".-")
        parts = s.split("-")
        if len(parts) < 3:
            return None
        agency, date, seq = "-".join(parts[:-2]), parts[-2], parts[-1]
        date = _digits(date)
        seq = _digits(seq) if not re.match(r"[A-Z]{2}", seq) else seq
        # legacy agency: ddd.dd.dd.Xdd
        m = re.match(
            r"^([0-9OIl]{3})\.([0-9OIl]{2})\.([0-9OIl]{2})\.([A-Z0-9])([0-9OIl]{2})$", agency
        )
        if m:
            letter = m.group(4).replace("0", "O").replace("1", "I").replace("8", "B")
            agency = (
                ".".join((_digits(m.group(1)), _digits(m.group(2)), _digits(m.group(3))))
                + "."
                + letter
                + _digits(m.group(5))
            )
        code = f"{agency}-{date}-{seq}"
        return code if check_dossier_code(code) else None

    # ---- barcodes
    def barcodes(self, codes: Iterable[Barcode]) -> None:
        for b in codes:
            t = b.text.strip()
            m = re.search(DOSSIER_RE.pattern.strip("^$"), t)
            if check_dossier_code(t):
                self.add(
                    "dossier_code", t, 0.99, source="barcode", note=f"{b.format} page {b.page + 1}"
                )
            elif m and check_dossier_code(m.group(0)):
                self.add(
                    "dossier_code",
                    m.group(0),
                    0.95,
                    source="barcode",
                    note=f"{b.format} page {b.page + 1}",
                )
            pm = re.search(r"(?<![\d.])\d\.\d{6}(?:\.[0-9A-Z]+)*", t)
            if pm and not m and PROCEDURE_RE.match(pm.group(0)):
                self.add(
                    "procedure_code",
                    pm.group(0),
                    0.95,
                    source="barcode",
                    note=f"{b.format} page {b.page + 1}",
                )

    # ---- catalogue
    def procedure_guess(self, title: str | None) -> None:
        have = [s for s in self.out if s.field == "procedure_code"]
        if have:
            best = max(have, key=lambda s: s.confidence)
            p = self.cat.by_code(best.value)
            if p:
                self.add(
                    "description",
                    f"{p.code} {p.name}",
                    0.3,
                    source="catalogue",
                    note="procedure name from catalogue",
                )
            return
        if not title:
            return
        guesses = self.cat.guess(title, self.ffold)
        if guesses:
            p, score = guesses[0]
            ambiguous = len(guesses) > 1 and guesses[1][1] >= score - 0.05
            self.add(
                "procedure_code",
                p.code,
                0.35 * score * (0.5 if ambiguous else 1.0),
                source="catalogue",
                note=f"guessed from title: {p.name}",
            )

    # ---- validity ("có giá trị sử dụng đến hết ngày 01/09/2022", "có hiệu lực kể từ ngày ký")
    VALID_TO = re.compile(
        r"(?:CO\s*G[A-Z]{1,2}\s*TR[A-Z]|CO\s*HIEU\s*LUC)[A-Z\s]{0,20}?DEN\s*(?:HET\s*)?(?:NGAY\s*)?"
    )

    def validity(self) -> None:
        for m in self.VALID_TO.finditer(self.ffold):
            tail = self.ffold[m.end() : m.end() + 40]
            d = None
            dm = DATE_NUM.match(tail) or re.match(rf"{_D12}\s*{_TH}\s*{_D12}\s*{_NA}\s*{_Y4}", tail)
            if dm:
                d = _mkdate(dm.group(1), dm.group(2), dm.group(3), _dt.date(9999, 1, 1))
            if d:
                self.add("valid_to", d.isoformat(), 0.75, line=self.line_for(m.start()))
                break
        if re.search(r"CO\s*HIEU\s*LUC\s*(?:THI\s*HANH\s*)?KE\s*TU\s*NGAY\s*KY", self.ffold):
            s = next((x for x in self.out if x.field == "issued_date"), None)
            if s is not None:
                self.add(
                    "valid_from", s.value, min(s.confidence, 0.7), note="in force from signing"
                )

    def cross_check(self) -> None:
        """A result is issued on or after the day its dossier was received (the dossier code's
        YYMMDD): an earlier issue date is suspicious, so lower its confidence."""
        dossier = max(
            (x for x in self.out if x.field == "dossier_code"),
            key=lambda x: x.confidence,
            default=None,
        )
        if dossier is None:
            return
        m = DOSSIER_RE.match(dossier.value)
        if not m:
            return
        yymmdd = m["date"]
        received = _dt.date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
        for i, x in enumerate(self.out):
            if x.field == "issued_date" and _dt.date.fromisoformat(x.value) < received:
                self.out[i] = Suggestion(
                    x.field,
                    x.value,
                    round(max(0.0, x.confidence - 0.3), 3),
                    x.source,
                    x.page,
                    x.bbox,
                    f"before the dossier was received ({received.isoformat()})",
                )
        agency = m["agency"]
        self.add(
            "organ_id",
            agency,
            0.45,
            source=dossier.source,
            note="agency part of the dossier code (the receiving agency)",
        )

    def classified(self) -> None:
        for ln in self.first[:12] + [
            ln for p in self.pages for ln in self.lines[p.index] if ln.top < 0.2
        ]:
            f = ln.folded.strip(" .:;|")
            if re.fullmatch(r"(?:DO\s*)?(?:TOI\s*|TUYET\s*)?MAT", f) and ln.conf > 0.5:
                self.add("classified", True, 0.8, line=ln, note=f"secrecy mark {ln.text!r}")
                return


DOSSIER_LOOSE = re.compile(
    r"(?<![0-9A-Z.])[0-9OIl]{3}\.[0-9OIl]{2}\.[0-9OIl]{2}\.[A-Z][0-9OIl]{2}\s*-\s*[0-9OIl]{6}\s*-\s*[0-9OIl]{4,}"
    r"|(?<![0-9A-Z.])[A-Y][0-9]{2}(?:\.[0-9A-Z]+)+-[0-9]{6}-(?:[0-9]{4,}|[A-Z]{2}[0-9A-Z]{4})"
)


def extract(
    doc: DocumentResult,
    images: Iterable[Image.Image | str | Path] | None = None,
    *,
    barcodes: Iterable[Barcode] | None = None,
    vocabulary: Vocabulary | None = None,
    catalogue: Catalogue | None = None,
    schema: Schema | None = None,
    today: _dt.date | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Suggestions:
    """Suggest record values from an OCR result (and page images for barcodes).

    ``images``: page images in document order (PIL images or paths); when omitted and
    ``doc.output`` is an existing PDF, its page images are used for barcodes. Pass
    ``barcodes`` to reuse codes already read. Never raises for odd OCR text: missing fields are
    simply absent.
    """
    vocab = vocabulary or load_vocabulary()
    cat = catalogue or load_catalogue()
    schema = schema or load_schema()
    x = _Extractor(doc, vocab, cat, schema, today or _dt.date.today())
    if barcodes is None and images is None and any(p.barcodes for p in doc.pages):
        # The OCR pipeline already read the codes on each upright page: reuse them rather
        # than rendering the PDF again (~0.3 s per page).
        barcodes = [
            Barcode(b.text, b.format, i,
                    ((b.bbox[0], b.bbox[1]), (b.bbox[2], b.bbox[1]),
                     (b.bbox[2], b.bbox[3]), (b.bbox[0], b.bbox[3])))
            for i, p in enumerate(doc.pages) for b in p.barcodes
        ]
    if barcodes is None:
        barcodes = []
        if images is not None:
            barcodes = read_barcodes_pages(images, progress, cancel)
        elif (
            doc.output and Path(doc.output).is_file() and Path(doc.output).suffix.lower() == ".pdf"
        ):
            from .barcodes import pdf_page_images

            try:
                barcodes = read_barcodes_pages(pdf_page_images(doc.output), progress, cancel)
            except CancelledError:
                raise
            except Exception:  # noqa: BLE001 - barcodes are a bonus; OCR fields still come
                barcodes = []
    x.barcodes(barcodes)
    if cancel is not None:
        cancel.check()
    if x.pages:
        so = x.number()
        x.issued_date(so)
        x.organ(so)
        title = x.title(so)
        x.subject()
        x.signer()
        x.applicant()
        x.citizen_id()
        x.address()
        x.codes_from_text()
        x.classified()
        x.validity()
        x.cross_check()
        x.procedure_guess(title)
        x.add("page_amount", len(x.pages), 1.0, source="document")
        progress(Progress("metadata", 1, 1, "fields extracted"))
    else:
        x.procedure_guess(None)
    return Suggestions(tuple(x.out))
