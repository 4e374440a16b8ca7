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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from ..errors import CancelledError
from ..model import DocumentResult
from ..progress import CancelToken, Progress, ProgressFn, no_progress
from .barcodes import Barcode, read_barcodes_pages
from .catalogue import Catalogue, Vocabulary, fold, load_catalogue, load_vocabulary
from .layout import (
    SO_START,
    Header,
    Line,
    _mk_line,
    _upper_share,
    find_header,
    page_lines,
    signer_pages,
    split_gaps,
    trim_centred,
)
from .schema import Schema, load_schema
from .validate import DOSSIER_RE, PROCEDURE_RE, check_citizen_id, check_dossier_code

SOURCES = ("ocr", "barcode", "catalogue", "manual", "default", "document")
PREFILL_THRESHOLD = 0.5  # suggestions below this are hints, not pre-filled values


#: Header facts read from the layout that are not fields of the record (the schema): the
#: parent body of the agency block and the signer's authority ("KT. CHỦ TỊCH"). They are
#: suggestions like the others (``get``), shown by ``header()`` and ``to_json()["_header"]``,
#: never part of ``record()``.
HEADER_FIELDS = ("parent_organ", "signer_authority")


#: Why a value is only a hint (or a remark on a pre-filled one): a stable reason code (the key
#: the GUI translates, ``digitizer/ui/metaform.py`` ``HINT_REASONS``) -> the English sentence of
#: the CLI and the logs, formatted with the suggestion's ``params``. Codes are a contract: add new
#: ones, never rename or re-use one for another meaning.
REASONS: dict[str, str] = {
    "low_ocr_confidence": "low OCR confidence ({conf})",
    "notation_unknown_part": "notation part not in the vocabulary: {part}",
    "number_handwritten_seen_elsewhere": "filled in by hand; the same number/notation is printed "
    "elsewhere",
    "number_handwritten": "filled in by hand in the blank before '/' (OCR read {read!r})",
    "date_in_future": "date in the future",
    "date_handwritten": "day/month not clearly printed (read {read}; handwritten?)",
    "organ_no_known_type": "agency block does not start with a known organ type",
    "organ_block_too_long": "agency block longer than 3 lines",
    "unmarked_unknown_words": "words without diacritics not found in the vocabulary",
    "type_unclear": "title read as {read!r}, not clearly a document type",
    "type_official_letter": "no type line; abstract 'V/v' under the number",
    "subject_low_confidence": "{low} of {total} words read with low confidence ({words})",
    "authority_unreadable": "authority line partly unreadable",
    "position_marker_lost": "the heading above it ({heading!r}) has no readable KT./TM./TL. "
    "marker (seal?): the position may be a deputy's",
    "position_not_deputy": "position read {read!r}, but under 'KT. {authority}' signs a deputy",
    "position_unclear": "position line partly unreadable ({read!r})",
    "position_from_kt": "position line unreadable (seal?); under 'KT. {authority}' signs a deputy "
    "(inferred from KT.)",
    "position_from_tm": "inferred from TM. (position line unreadable)",
    "name_partly_hidden": "name partly hidden (seal/signature): {words}",
    "name_without_heading": "no authority or position line above it",
    "dossier_code_no_label": "no label",
    "barcode": "{format} page {page}",
    "catalogue_procedure_name": "procedure name from catalogue",
    "catalogue_guess": "guessed from title: {name}",
    "in_force_from_signing": "in force from signing",
    "date_before_received": "before the dossier was received ({received})",
    "organ_id_from_dossier_code": "agency part of the dossier code (the receiving agency)",
    "secrecy_mark": "secrecy mark {read!r}",
}


def reason_text(code: str, params: dict | None = None) -> str:
    """The English sentence of a reason code (``REASONS``), for the CLI and logs."""
    if not code:
        return ""
    try:
        return REASONS[code].format(**(params or {}))
    except (KeyError, IndexError):
        return code


@dataclass(frozen=True)
class Suggestion:
    """One proposed value for one field.

    ``reason`` is a stable code (``REASONS``) saying why the value is a *hint* (below the pre-fill
    threshold), for example ``number_handwritten`` with ``params`` ``{"read": "445"}``, or
    ``position_from_kt`` with ``{"authority": "CHỦ TỊCH"}``; the GUI shows its own translated text
    for the code, the CLI ``note`` (the English sentence). Pre-filled values have no reason unless
    something about them is worth saying (``barcode``: which code and page)."""

    field: str
    value: Any
    confidence: float  # 0..1
    source: str  # one of SOURCES
    page: int | None = None  # 0-based page the value was read from
    bbox: tuple[int, int, int, int] | None = None  # pixels on that page
    reason: str = ""  # a key of REASONS, or ""
    params: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def note(self) -> str:
        """The reason as an English sentence (CLI, logs)."""
        return reason_text(self.reason, self.params)


@dataclass(frozen=True)
class Suggestions:
    """All suggestions for a document; the best per field is what the GUI pre-fills.

    Confidence is calibrated on real scans (BENCHMARKS.md, "Metadata extraction"): values at
    or above ``PREFILL_THRESHOLD`` are pre-filled, the others are hints with a reason."""

    items: tuple[Suggestion, ...]

    def get(self, key: str) -> Suggestion | None:
        best = [s for s in self.items if s.field == key]
        return max(best, key=lambda s: s.confidence) if best else None

    def alternatives(self, key: str) -> list[Suggestion]:
        return sorted((s for s in self.items if s.field == key), key=lambda s: -s.confidence)

    def record(self, min_confidence: float = PREFILL_THRESHOLD) -> dict:
        """Field -> value for suggestions confident enough to pre-fill (record fields only)."""
        out = {}
        for key in dict.fromkeys(s.field for s in self.items):
            if key in HEADER_FIELDS:
                continue
            s = self.get(key)
            if s is not None and s.confidence >= min_confidence:
                out[key] = s.value
        return out

    def hints(self, min_confidence: float = PREFILL_THRESHOLD) -> dict[str, Suggestion]:
        """Field -> best suggestion below the threshold (not pre-filled); ``.reason`` says why."""
        out = {}
        for key in dict.fromkeys(s.field for s in self.items):
            s = self.get(key)
            if key not in HEADER_FIELDS and s is not None and s.confidence < min_confidence:
                out[key] = s
        return out

    def header(self) -> dict[str, Suggestion]:
        """The header facts outside the record (``HEADER_FIELDS``) that were found."""
        return {k: s for k in HEADER_FIELDS if (s := self.get(k)) is not None}

    def to_json(self, min_confidence: float = PREFILL_THRESHOLD) -> dict:
        """The record plus ``_sources``/``_confidence``, ``_hints`` (value, source, confidence,
        ``note`` = the reason) and ``_header`` (``digitizer extract --json``)."""
        rec = self.record(min_confidence)
        out: dict[str, Any] = dict(rec)
        out["_sources"] = {k: self.get(k).source for k in rec}
        out["_confidence"] = {k: round(self.get(k).confidence, 3) for k in rec}
        hints = {
            k: {
                "value": s.value,
                "source": s.source,
                "confidence": round(s.confidence, 3),
                "reason": s.reason,
                "params": dict(s.params),
                "note": s.note,
            }
            for k, s in self.hints(min_confidence).items()
        }
        if hints:
            out["_hints"] = hints
        head = {
            k: {
                "value": s.value,
                "confidence": round(s.confidence, 3),
                "reason": s.reason,
                "params": dict(s.params),
                "note": s.note,
            }
            for k, s in self.header().items()
        }
        if head:
            out["_header"] = head
        return out


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


def _sentence_case(s: str) -> str:
    s = s.strip().lower()
    return s[:1].upper() + s[1:]


def _title_case(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _strip_junk(s: str) -> str:
    """Drop what OCR puts before the first letter of a line (seal strokes, "_.", "/ ")."""
    return re.sub(r"^[^A-Za-zÀ-ỹĐđ]+", "", s)


_CONFUSABLE = "OoQDIlL|iSsBZzg"


def _clean_digits(raw: str) -> str | None:
    """The digits of a number read by OCR, or None when it is not clearly printed: at least one
    real digit, at most one O/0-style confusion, nothing else but the template's dots."""
    s = raw.strip(" .…_-—–,:;")
    if not s or not any(c.isdigit() for c in s):
        return None
    bad = [c for c in s if not c.isdigit()]
    if any(c not in _CONFUSABLE for c in bad) or len(bad) > 1:
        return None
    return _digits(s)


def _from_sentence_start(line: Line, page) -> Line | None:
    """The abstract starts with a capitalised word in sentence case ("Về", "Phê", "Ban"): drop
    what a stamp or seal put before it on the same row."""
    ws = list(line.words)
    for i, w in enumerate(ws):
        t = w.text.strip("\"'“”‘’([")
        if len(t) >= 2 and t[0].isupper() and t[1:].islower() and t.isalpha():
            return _mk_line(ws[i:], page) if i else line
        if i >= 6:
            break
    return line


def _position_case(p: str) -> str:
    """'PHÓ CHỦ TỊCH' -> 'Phó chủ tịch'; unit abbreviations stay in capitals ('CTSV')."""
    ws = p.split()
    out = [
        w
        if (
            i
            and re.fullmatch(r"[A-Z]{2,6}", w)
            and not _has_marks(w)
            and fold(w) not in ("TICH", "PHONG", "TRUONG", "GIAM", "DOC", "THU", "PHO", "CUC")
        )
        else w.lower()
        for i, w in enumerate(ws)
    ]
    s = " ".join(out)
    return s[:1].upper() + s[1:]


def _unmarked_unknown(name: str, vocab, raw: str, forms: dict[str, set[str]] | None = None) -> bool:
    """OCR dropped the marks of a capitalised line ("TINH QUANG NGAI": the organ words were
    restored from the vocabulary, so the place name after them probably lost its marks too)
    and a word of the value is still without any diacritic and unknown. A place name that is
    legitimately unmarked ("CAM", "LONG AN") on a line read with its marks is fine, and so is
    one the rest of the document (``forms``: folded word -> spellings seen) only ever spells
    without marks ("Cam Lâm" in the body)."""
    raw_words = raw.split()
    dropped = any(
        _has_marks(w) == 0 and _has_marks(vocab.organ_words.get(fold(w).strip(".,:;"), "")) > 0
        for w in raw_words
    )
    if not dropped:
        return False
    for w in name.split():
        w = w.strip(".,:;-()")
        if len(w) < 2 or not w.isalpha() or _has_marks(w):
            continue
        known = vocab.organ_words.get(fold(w))
        seen = (forms or {}).get(fold(w), set())
        if known is None and not (seen and not any(_has_marks(x) for x in seen)):
            return True
    return False


_NG = r"N\s?G\s?[AÀ]\s?[YVX]"
_TH = r"T\s?H\s?A\s?N\s?G"
_NA = r"N\s?[AĂ]\s?M"
_D12 = r"([0-9OIL|]{1,2})"
_Y4 = r"([0-9OIL|]{4}|[0-9]{2}\s[0-9]{2})"
DATE_WORDS = re.compile(
    rf"{_NG}\s*[:.,]?\s*{_D12}\s*[,.]?\s*{_TH}\s*{_D12}\s*[,.]?\s*{_NA}\s*{_Y4}"
)
DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")


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
        reason: str = "",
        **params: Any,
    ) -> None:
        assert not reason or reason in REASONS, reason
        conf = max(0.0, min(1.0, conf))
        if conf < PREFILL_THRESHOLD and not reason:  # a hint always says why it is one
            reason, params = "low_ocr_confidence", {"conf": f"{conf:.2f}"}
        self.out.append(
            Suggestion(
                key,
                value,
                round(conf, 3),
                source,
                line.page if line else None,
                line.bbox if line else None,
                reason,
                {k: str(v) for k, v in params.items()},
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

    # ---- header regions of page 1 (Decree 30 Annex I), see layout.py
    @property
    def hdr(self) -> Header | None:
        if self._hdr is None and self.pages:
            self._hdr = find_header(self.pages[0], self.first)
        return self._hdr

    _hdr: Header | None = None

    # ---- "Số: 106/QĐ-UBND" (the number line under the agency block, never a cited number)
    def number(self) -> Line | None:
        ln = self.hdr.number if self.hdr else None
        if ln is None:
            return None
        words = list(ln.words)
        slash = next((i for i, w in enumerate(words) if "/" in w.text), None)
        if slash is None:
            return None
        head = words[slash].text.split("/", 1)[0]
        glued = bool(re.search(r"[0-9OIl|]", head))  # "3722/VPCP-CN": typed with the notation
        num_words = words[:slash] + ([words[slash]] if head else [])
        raw_num = " ".join(w.text for w in num_words)
        raw_num = raw_num.split("/", 1)[0]
        raw_num = re.sub(r"^\W*\w{0,2}\W{0,2}[:;]\s*", "", raw_num)  # "Số:" / "S6:" label
        if SO_START.match(fold(raw_num)):
            raw_num = re.sub(r"^\W{0,3}\S{1,3}?\s*[:;.,]\s*", "", raw_num)
        num = _clean_digits(raw_num)
        tail = "".join(w.text for w in words[slash:])
        tail = "/" + tail.split("/", 1)[1]
        tail = re.split(r"\s", tail)[0]
        notation, known, why = self._notation(tail.strip("/._-—–~"))
        conf_line = ln.conf
        nconf = [w.conf for w in words[slash : slash + 2] if w.conf >= 0]
        conf_notation = (sum(nconf) / len(nconf) / 100.0) if nconf else conf_line
        if notation:
            conf = conf_notation * (0.95 if known else 0.8)
            self.add(
                "code_notation",
                notation,
                conf,
                line=ln,
                **({} if known else {"reason": "notation_unknown_part", "part": why}),
            )
        if num is None:
            # not digits ("70%", "g6€..", "0 &"): a value repaired out of that would be a
            # guess, so there is no suggestion at all; the clerk types the number
            return ln
        if not glued:
            seen = notation and re.search(
                rf"(?<![0-9]){num}\s*/\s*{re.escape(fold(notation))}(?![A-Z])",
                self._ffold_outside(ln),
            )
            if seen:
                self.add(
                    "code_number",
                    num,
                    0.8,
                    line=ln,
                    reason="number_handwritten_seen_elsewhere",
                )
            else:
                self.add(
                    "code_number",
                    num,
                    0.35,
                    line=ln,
                    reason="number_handwritten",
                    read=raw_num.strip(),
                )
        else:
            self.add("code_number", num, conf_line * 0.97, line=ln)
        return ln

    def _ffold_outside(self, ln: Line) -> str:
        """The folded document text without the given line (to find other mentions)."""
        return "\n".join(x.folded for p in self.pages for x in self.lines[p.index] if x is not ln)

    def _notation(self, raw: str) -> tuple[str, bool, str]:
        """Decree 30 Annex III notation: ``[year/]TYPE-AGENCY[-UNIT]`` (an official letter has
        no type part). Each part is snapped to the abbreviations (type abbreviations, known agency
        abbreviations), to the initials of the issuing body, or to a spelling with marks seen
        elsewhere in the document ("DHDL" -> "ĐHĐL"). Returns (notation, all parts known, the
        unknown parts)."""
        raw = re.sub(r"\s+", "", raw)
        year = ""
        m = re.match(r"(\d{4})/(.*)", raw)
        if m:
            year, raw = m.group(1) + "/", m.group(2)
        parts = [p for p in re.split(r"[-–—]", raw) if p]
        fixed, unknown = [], []
        for p in parts:
            p = p.strip(".,:;'\"`")
            if not p:
                continue
            fp = fold(p).replace("0", "O")
            if fp in self.vocab.notation_parts:
                fixed.append(self.vocab.notation_parts[fp])
                continue
            alt = self._abbr_from_document(p)
            if alt:
                fixed.append(alt)
                continue
            if not re.fullmatch(r"[A-ZĐ0-9][A-Za-zĐđ0-9]{0,9}", p):
                return "", False, p
            fixed.append(p.upper() if not re.search(r"[a-z]$", p) else p)
            unknown.append(p)
        if not fixed:
            return "", False, raw
        return year + "-".join(fixed), not unknown, ", ".join(unknown)

    def _abbr_from_document(self, part: str) -> str | None:
        """An agency abbreviation with its marks: the initials of the issuing body or its
        parent, or the same abbreviation printed with "Đ" elsewhere in the document."""
        fp = fold(part)
        if len(fp) < 2:
            return None
        names = [s.value for s in self.out if s.field in ("organ_name", "parent_organ")]
        for name in names:
            ini = "".join(
                ("Đ" if w[0] in "đĐ" else fold(w[0])) for w in name.split() if w[0].isalpha()
            )
            k = fold(ini).find(fp)
            if len(fp) >= 3 and k >= 0:
                return ini[k : k + len(fp)]
        spellings = Counter(
            t for t in re.findall(r"[A-ZĐ]{2,10}", self.flat) if fold(t) == fp and "Đ" in t
        )
        return spellings.most_common(1)[0][0] if spellings else None

    # ---- "<place>, ngày 05 tháng 10 năm 2022" (the line under the motto, never the body)
    def issued_date(self, so_line: Line | None = None) -> None:
        ln = self.hdr.date if self.hdr else None
        if ln is None:  # no motto found: the "<Place>, ngày …" pattern in the header band
            for x in self.first:
                if x.top > 0.3:
                    break
                if re.match(r"^\W{0,2}[A-Z][A-Z .]{1,30},\s*N\s?G\s?[AÀ]\s?[YVX]", x.folded) or (
                    re.match(r"^\W{0,2}[A-Z][A-Z .]{1,30},\s*\d{1,2}\s*/", x.folded)
                ):
                    ln = x
                    break
        if ln is None:
            return
        for rx, base in ((DATE_WORDS, 0.93), (DATE_NUM, 0.85)):
            m = rx.search(ln.folded)
            if not m:
                continue
            d = _mkdate(m.group(1), m.group(2), m.group(3), self.today)
            raw = [ln.text[m.start(i) : m.end(i)] for i in (1, 2, 3)]
            problems = [r for r in raw[:2] if _clean_digits(r) is None]
            glued = rx is DATE_WORDS and not re.match(r"\s", ln.folded[m.start(1) - 1 : m.start(1)])
            weak = [
                w.text
                for w in ln.words
                if w.conf < 80
                and re.search(r"\d", w.text)
                and any(
                    ln.text.find(w.text) <= m.start(i) < ln.text.find(w.text) + len(w.text) + 1
                    for i in (1, 2)
                )
            ]
            if d is None:
                return
            if d > self.today:
                self.add("issued_date", d.isoformat(), 0.2, line=ln, reason="date_in_future")
                return
            if problems:  # "#3", "L": no date is proposed from a repaired scribble
                return
            if glued or weak:
                what = weak or [raw[0]]
                self.add(
                    "issued_date",
                    d.isoformat(),
                    0.35,
                    line=ln,
                    reason="date_handwritten",
                    read=", ".join(map(repr, what)),
                )
                return
            self.add("issued_date", d.isoformat(), base * (0.6 + 0.4 * ln.conf), line=ln)
            return

    # ---- agency block (top-left, above "Số:"): parent body, then the issuing body
    ADMIN_UNITS = ("TINH", "HUYEN", "XA", "THANH PHO", "QUAN", "PHUONG", "THI XA", "THI TRAN", "TP")

    def organ(self, so_line: Line | None = None) -> None:
        block = list(self.hdr.agency) if self.hdr else []
        if not block:
            return
        texts = [self._organ_words(ln.text) for ln in block]
        starts = [
            i
            for i, t in enumerate(texts)
            if self._is_organ_start(t) and not (i and fold(texts[i - 1]).endswith(" MOI"))
        ]
        start = starts[-1] if starts else 0
        name = self._restore_organ(" ".join(texts[start:]).strip(" .,:;-"))
        conf = statistics.mean(ln.conf for ln in block[start:]) * (0.95 if starts else 0.6)
        note = "" if starts else "organ_no_known_type"
        if len(block) - start > 3:
            conf, note = min(conf, 0.4), "organ_block_too_long"
        forms: dict[str, set[str]] = defaultdict(set)
        for p in self.pages:
            for x in self.lines[p.index]:
                if x.page == self.pages[0].index and x.top < 0.2:
                    continue  # the header itself is what is being checked
                for t in re.findall(r"[^\W\d_]+", x.text):
                    forms[fold(t)].add(t)
        if _unmarked_unknown(name, self.vocab, " ".join(ln.text for ln in block[start:]), forms):
            conf, note = min(conf, 0.45), "unmarked_unknown_words"
        self.add("organ_name", name, conf, line=block[start], reason=note)
        if start > 0:
            parent = self._restore_organ(" ".join(texts[:start]).strip(" .,:;-"))
            pconf = statistics.mean(ln.conf for ln in block[:start]) * 0.95
            pnote = ""
            if _unmarked_unknown(
                parent, self.vocab, " ".join(ln.text for ln in block[:start]), forms
            ):
                pconf, pnote = min(pconf, 0.45), "unmarked_unknown_words"
            self.add("parent_organ", parent, pconf, line=block[0], reason=pnote)

    def _restore_organ(self, name: str) -> str:
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
        return self._organ_words(name)

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
            # OCR drops marks far more often than it invents them: when some mention carries
            # marks, the vote is among those ("Trường Dai học" in the body does not undo the
            # header's "ĐẠI"; "QUANG NGAI" in the header takes the body's "Quảng Ngãi")
            marked = {k: v for k, v in counts.items() if _has_marks(k)}
            pool = marked or counts
            best = max(pool, key=lambda s: (round(pool[s], 6), _has_marks(s)))
            out.append(
                best if w.isupper() else best.capitalize() if w[:1].isupper() else best.lower()
            )
        return " ".join(out)

    # ---- document type (centred capitals under the number and date) and abstract
    def _best_type(self, words: list) -> tuple[str | None, float, int, int]:
        """The document type best matching a contiguous run of the words (junk from stamps or
        seals around the title is left out): (name, ratio, first, end)."""
        best: tuple[str | None, float, int, int] = (None, 0.0, 0, 0)
        fw = [fold(w.text).strip(" .:;,()") for w in words]
        types = [(name, fold(name)) for name, _abbr in self.vocab.document_types]
        for i in range(len(fw)):
            for j in range(i + 1, min(len(fw), i + 9) + 1):
                span = " ".join(fw[i:j])
                for name, ft in types:
                    # the ratio cannot exceed 2·min/(sum) of the lengths: skip what cannot win
                    if 2 * min(len(span), len(ft)) / (len(span) + len(ft)) < best[1]:
                        continue
                    r = _ratio(span, ft)
                    if r > best[1] or (r == best[1] and j - i > best[3] - best[2]):
                        best = (name, r, i, j)
        return best

    def title(self, so_line: Line | None = None) -> str | None:
        self.type_lines: list[Line] = []
        cands = self.hdr.centred if self.hdr else []
        for k, ln in enumerate(cands[:6]):
            if _upper_share(ln.text) < 0.7 or sum(c.isalpha() for c in ln.text) < 4:
                continue
            if re.match(r"\s*KINH\s*GUI", ln.folded):
                break
            words = list(ln.words)
            nxt = cands[k + 1] if k + 1 < len(cands) else None
            two = (
                nxt is not None
                and _upper_share(nxt.text) >= 0.8
                and nxt.bbox[1] - ln.bbox[3] < 1.0 * (ln.bbox[3] - ln.bbox[1])
            )
            name, r, _i, _j = self._best_type(words)
            if two:
                name2, r2, _i2, _j2 = self._best_type(words + list(nxt.words))
                if r2 >= 0.85 and name2 and len(name2) > len(name or "") and r2 >= r - 0.03:
                    name, r = name2, r2
                    self.type_lines = [ln, nxt]
            if not self.type_lines:
                self.type_lines = [ln]
            conf = statistics.mean(x.conf for x in self.type_lines)
            if name and r >= 0.85:
                self.add("type_name", name, min(0.98, 0.5 + 0.5 * r) * (0.7 + 0.3 * conf), line=ln)
                return name
            value = _sentence_case(" ".join(x.text for x in self.type_lines).strip(" .:;,"))
            self.add(
                "type_name",
                name if name and r >= 0.7 else value,
                0.3,
                line=ln,
                reason="type_unclear",
                read=ln.text,
            )
            return name if name and r >= 0.7 else value
        if self._vv_lines():
            # Decree 30 Annex I: an official letter has no type line; its abstract "V/v …" sits
            # under the number instead
            self.add(
                "type_name",
                "Công văn",
                0.85,
                line=self._vv_lines()[0],
                reason="type_official_letter",
            )
            return "Công văn"
        return None

    def _vv_lines(self) -> list[Line]:
        left = self.hdr.left if self.hdr else []
        out: list[Line] = []
        for ln in left:
            if not out:
                if re.match(r"^\W{0,2}V\s*[/I1l|]\s*V\b", ln.folded):
                    out.append(ln)
                elif len(out) == 0 and ln.top > (self.hdr.bottom / ln.height) + 0.05:
                    break
                continue
            if re.match(r"\s*KINH\s*GUI", ln.folded) or _upper_share(ln.text) > 0.7:
                break
            if ln.bbox[1] - out[-1].bbox[3] > 1.2 * (out[-1].bbox[3] - out[-1].bbox[1]):
                break
            out.append(ln)
        return out

    STOP_ABSTRACT = re.compile(
        r"^\W{0,2}(?:CAN\s*CU|XET|THEO\s*DE\s*NGHI|KINH\s*GUI|THUC\s*HIEN|TREN\s*CO\s*SO)"
    )

    def subject(self) -> None:
        lines = self._vv_lines()
        if not lines and getattr(self, "type_lines", None):
            cands = self.hdr.centred
            last = self.type_lines[-1]
            centre = sum(x.cx for x in self.type_lines) / len(self.type_lines)
            page = self.pages[0]
            for ln in cands:
                if ln.bbox[1] <= last.bbox[1]:
                    continue
                t = trim_centred(ln, centre, page, tol=0.035)
                if t is None or self.STOP_ABSTRACT.match(t.folded):
                    break
                if _upper_share(t.text) >= 0.7:
                    break
                prev = lines[-1] if lines else last
                pitch = (t.bbox[1] + t.bbox[3]) / 2 - (prev.bbox[1] + prev.bbox[3]) / 2
                if pitch > 1.6 * self.hdr.line_h:  # the rule and blank line under the abstract
                    break
                if not lines:
                    t = _from_sentence_start(t, page)
                    if t is None:
                        break
                lines.append(t)
                if len(lines) == 6:
                    break
        if not lines:
            return
        words = [w for ln in lines for w in ln.words]
        text = " ".join(" ".join(ln.text.split()) for ln in lines).strip(" .;")
        text = re.sub(r"^\W+", "", text)
        low = [w.text for w in words if 0 <= w.conf < 85]
        share = len(low) / max(1, len(words))
        conf = 0.9 * (0.6 + 0.4 * statistics.mean(ln.conf for ln in lines))
        if share > 0.05:
            conf = 0.4
            self.add(
                "subject",
                text,
                conf,
                line=lines[0],
                reason="subject_low_confidence",
                low=len(low),
                total=len(words),
                words=", ".join(low[:4]),
            )
            return
        self.add("subject", text, conf, line=lines[0])

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
        # a name OCR cut short ("ông Nguyễn Mạnh } Hùng") is the same person as the full
        # mention ("ông Nguyễn Mạnh Hùng"): its weight goes to the full one
        for key in sorted(clusters, key=len):
            longer = [k for k in clusters if k != key and k.startswith(key + " ")]
            if longer:
                clusters[max(longer, key=lambda k: sum(h[0] for h in clusters[k]))] += clusters.pop(
                    key
                )
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
        n = max(len(v.split()) for v in variants)
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

    # ---- signer block (right column of the last page before any attachment)
    signer_name_value: str | None = None
    AUTH = re.compile(r"^\s*(TM|KT|TL|TUQ|Q)\s*[.,]\s*(\S.*)$")

    def signer(self) -> None:
        """Decree 30 Annex I signer block: authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ
        TỊCH", "TL. HIỆU TRƯỞNG"), the position ("PHÓ CHỦ TỊCH"), the signature and seal, the
        name. Only printed values are pre-filled: a position hidden by the seal is a *hint*
        (what "KT." implies), never a value; a name line that is not a Vietnamese name (family
        name first, 2-5 syllables) is left out."""
        for page in signer_pages(self.pages, self.lines):
            lines = [part for ln in self.lines[page.index] for part in split_gaps(ln, page, 2.5)]
            lines.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
            floor = (
                (self.hdr.bottom / page.height_px + 0.12)
                if page is self.pages[0] and self.hdr
                else 0
            )
            # Decree 30: the body ends with "./." and "Nơi nhận" (bottom left) starts on the row
            # of the signer block's first line: the block is at or below those rows
            ends = [
                ln
                for ln in lines
                if re.search(r"\.\s?/(?:\s?\.|\s*\S?$)", ln.text) and ln.top >= floor
            ]
            ends += [
                ln
                for ln in lines
                if re.match(r"\W{0,2}N[O0]I\s*NHAN\b", ln.folded) and ln.top >= floor
            ]
            body_end = min(ends, key=lambda x: x.bbox[1]) if ends else None
            if body_end is not None:
                floor = max(floor, body_end.top - 0.01)
            side = [
                ln
                for ln in lines
                if ln.cx >= 0.55
                and ln.top >= floor
                and _upper_share(ln.text) >= 0.7
                and sum(c.isalpha() for c in ln.text) >= 3
            ]
            auth, pos_line, position, pos_r = [], None, None, 0.0
            for ln in side:
                f = _strip_junk(ln.folded)
                if self.AUTH.match(f) and (
                    not auth or ln.bbox[1] - auth[-1].bbox[3] < 2.5 * (ln.bbox[3] - ln.bbox[1])
                ):
                    auth.append(ln)
                    continue
                if auth:
                    if ln.bbox[1] - auth[-1].bbox[3] < 2.5 * (ln.bbox[3] - ln.bbox[1]):
                        p, r = self._position(f)
                        if p:
                            pos_line, position, pos_r = ln, p, r
                    break
            lost_marker = None
            if not auth:
                # the heading lines of the block: consecutive capitalised lines; the position is
                # the last one that reads as a position. Lines above it without a KT./TM./TL.
                # marker are an authority whose marker the seal hid ("THU TƯỚNG" over "TƯỚNG")
                group: list[Line] = []
                for ln in side:
                    h = ln.bbox[3] - ln.bbox[1]
                    if group and ln.bbox[1] - group[-1].bbox[3] > 2.5 * h:
                        break
                    group.append(ln)
                found = []
                for i, ln in enumerate(group):
                    if "," in ln.text:
                        continue  # "BỘ TRƯỞNG, CHỦ NHIỆM" is an authority's object, not a position
                    p, r = self._position(_strip_junk(ln.folded))
                    if p and r >= 0.75:
                        found.append((i, ln, p, r))
                if found:
                    i, ln, p, r = found[-1]
                    named = self._signer_name_line(lines, ln) is not None
                    if named or (r >= 0.9 and body_end is not None):
                        pos_line, position, pos_r = ln, p, r
                        if i > 0:
                            lost_marker = group[0]
                        elif i < len(group) - 1 and not self._is_name(group[i + 1].text):
                            # another heading line follows: this one is an authority whose
                            # marker is lost, the position below it is unreadable
                            lost_marker = ln
            anchor = pos_line or (auth[-1] if auth else None)
            if anchor is None:
                if body_end is not None:  # heading hidden by the seal: the name line alone
                    name_line = self._signer_name_line(lines, body_end, reach=0.35)
                    if name_line is not None:
                        self._signer_name(name_line, "name_without_heading")
                        return
                continue
            self._signer_fields(auth, pos_line, position, pos_r, lost_marker)
            name_line = self._signer_name_line(lines, anchor)
            if name_line is not None:
                self._signer_name(name_line)
            return

    def _signer_fields(
        self,
        auth: list[Line],
        pos_line: Line | None,
        position: str | None,
        r: float,
        lost_marker: Line | None = None,
    ) -> None:
        heads = []  # (marker, object) per authority line
        for ln in auth:
            m = self.AUTH.match(_strip_junk(ln.folded))
            obj_raw = _strip_junk(ln.text)[m.start(2) :].strip(" .:;|_")
            heads.append((m.group(1), obj_raw, ln))
        # authority: marker + its object snapped to positions / organ types
        if heads:
            parts, ok = [], True
            for marker, obj, _ln in heads:
                snapped = []
                for piece in [x.strip() for x in obj.split(",") if x.strip()]:
                    s = self._snap_upper(piece)
                    ok &= s is not None
                    snapped.append(s or piece.upper())
                parts.append(f"{marker}. " + ", ".join(snapped))
            value = " ".join(parts)
            conf = statistics.mean(x[2].conf for x in heads) * (0.9 if ok else 0.4)
            self.add(
                "signer_authority",
                value,
                conf,
                line=heads[0][2],
                reason="" if ok else "authority_unreadable",
            )
        kt = None
        for marker, obj, _ln in reversed(heads):
            if marker == "KT":
                pieces = [self._snap_upper(x) for x in obj.split(",") if x.strip()]
                kt = ", ".join(pieces) if pieces and all(pieces) else None
                break
        expected = None
        if kt:
            expected = (self.vocab.deputy_of or {}).get(kt) or ("PHÓ " + kt.split(",")[-1].strip())
        if position is not None and lost_marker is not None:
            self.add(
                "signer_position",
                _position_case(position),
                0.4,
                line=pos_line,
                reason="position_marker_lost",
                heading=lost_marker.text,
            )
            return
        if position is not None:
            value = position
            if r >= 0.9 and (expected is None or fold(value).startswith(fold(expected))):
                self.add(
                    "signer_position", _position_case(value), 0.9 * pos_line.conf, line=pos_line
                )
                return
            if expected is not None and not fold(value).startswith(fold(expected)):
                why = {"reason": "position_not_deputy", "read": pos_line.text, "authority": kt}
                if fold(value) == fold(kt.split(",")[-1].strip()):
                    value = expected  # the seal hid "PHÓ": propose the deputy, as a hint
            else:
                why = {"reason": "position_unclear", "read": pos_line.text}
            self.add("signer_position", _position_case(value), 0.4, line=pos_line, **why)
            return
        if heads and heads[-1][0] == "Q":
            # "Q. GIÁM ĐỐC": the acting head signs; "Q." is printed and means "quyền"
            head = self._snap_upper(heads[-1][1])
            if head:
                self.add(
                    "signer_position",
                    _position_case("QUYỀN " + head),
                    0.9 * heads[-1][2].conf,
                    line=heads[-1][2],
                )
                return
        if expected is not None:
            self.add(
                "signer_position",
                _position_case(expected),
                0.4,
                line=heads[-1][2],
                reason="position_from_kt",
                authority=kt,
            )
            return
        if heads and heads[-1][0] == "TM" and re.match(r"(?:UY\s*BAN|UBND)", fold(heads[-1][1])):
            self.add(
                "signer_position",
                "Chủ tịch",
                0.4,
                line=heads[-1][2],
                reason="position_from_tm",
            )

    def _snap_upper(self, piece: str) -> str | None:
        """A capitalised phrase of a signer block snapped to a position or an organ name."""
        fp = " ".join(fold(piece).strip(" .:;|_").split())
        best, score = None, 0.0
        cands = list(self.vocab.signer_positions) + list(self.vocab.organ_prefixes)
        cands += [s.value for s in self.out if s.field in ("organ_name", "parent_organ")]
        for c in cands:
            rr = _ratio(fp, fold(c))
            if rr > score:
                best, score = c.upper(), rr
        return best if score >= 0.85 else None

    def _position(self, folded: str, allow_fuzzy: bool = True) -> tuple[str | None, float]:
        """Best known position at the start of a capitalised line, with the unit abbreviation
        printed after it kept ("TRƯỞNG PHÒNG CTSV")."""
        body = re.sub(r"^\s*(?:TM|KT|TL|TUQ|Q|1M|IM)\s*[.,]\s*", "", folded).strip(" .:;`'\"“|_")
        toks = body.split()
        best, score, used = None, 0.0, 0
        for p in self.vocab.signer_positions:
            n = len(p.split())
            for k in (n - 1, n, n + 1):
                if k <= 0 or k > len(toks):
                    continue
                rr = _ratio(" ".join(toks[:k]), fold(p))
                if rr > score or (rr == score and best and len(p) > len(best)):
                    best, score, used = p, rr, k
        if best is None or score < (0.75 if allow_fuzzy else 0.9):
            return None, score
        rest = toks[used:]
        if rest and all(re.fullmatch(r"[A-Z]{2,6}", t) for t in rest) and len(rest) <= 2:
            best = best + " " + " ".join(rest)
        elif rest and score >= 0.9:
            score = min(score, 0.85)  # more words than the position: maybe not a position line
        return best, score

    def _signer_name_line(
        self, lines: list[Line], anchor: Line, reach: float = 0.25
    ) -> Line | None:
        """The name under the signature: the first right-column line within ~25 % of the page
        below the anchor that reads as a Vietnamese name (family name first)."""
        for ln in lines:
            if ln.bbox[1] <= anchor.bbox[3] or ln.cx < 0.5:
                continue
            if (ln.bbox[1] - anchor.bbox[3]) / ln.height > reach:
                break
            if self._is_name(ln.text):
                return ln
        return None

    def _signer_name(self, ln: Line, why: str = "") -> None:
        words = [w for w in ln.words if any(c.isalpha() for c in w.text)]
        # the start is counted on these words: debris without letters is not among them
        words = words[self._name_start(" ".join(w.text for w in words)) :]
        name = " ".join(w.text.strip(".,;:`'\"") for w in words)
        name = self._fix_name(name, [w.conf for w in words])
        self.signer_name_value = name
        weak = [
            w.text
            for w in words
            if 0 <= w.conf < 60
            and self.vocab.name_syllables.get(fold(w.text).lower().strip(".,"))
            != w.text.strip(".,")
            and fold(w.text).strip(".,") not in self.vocab.surnames
        ]
        if weak:
            self.add(
                "signer_name",
                name,
                0.35,
                line=ln,
                reason="name_partly_hidden",
                words=", ".join(weak),
            )
        else:
            confs = [w.conf for w in words if w.conf >= 0]
            c = sum(confs) / len(confs) / 100.0 if confs else ln.conf
            self.add("signer_name", name, (0.75 if why else 0.9) * c, line=ln, reason=why)

    def _is_surname(self, tok: str) -> bool:
        """A Vietnamese family name; a word read with marks must carry the family name's own
        marks ("Trường" is not "Trương")."""
        forms = self.vocab.surnames
        if not _has_marks(tok) or tok[:1] == "Đ":
            return fold(tok) in forms and (
                not _has_marks(tok) or unicodedata.normalize("NFC", tok) in self.vocab.surname_forms
            )
        return unicodedata.normalize("NFC", tok) in self.vocab.surname_forms

    def _name_start(self, text: str) -> int:
        """Index of the first word of a name at the end of the line (OCR often puts seal or
        signature strokes before it): the last word that is a family name with 1-4 name-like
        words after it; 0 when the line is the name alone."""
        toks = text.split()
        for i in range(len(toks)):
            rest = toks[i:]
            if 2 <= len(rest) <= 5 and self._is_name(" ".join(rest), strict=True):
                return i
        return 0

    def _is_name(self, text: str, strict: bool = False) -> bool:
        toks = [
            self._fix_syllable(t.strip(".,;:`'\""), 0.0)
            for t in text.split()
            if t.strip(".,;:`'\"")
        ]
        toks = [t for t in toks if t]
        if not strict and len(toks) > 2 and self._name_start(text):
            return True
        if not (2 <= len(toks) <= 5):
            return False
        if not all(
            t[0].isupper() and (len(t) == 1 or t[1:].islower()) and t.isalpha() for t in toks
        ):
            return False
        return not self.vocab.surnames or self._is_surname(toks[0])

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
                self.add("dossier_code", code, 0.6, line=self.line_for(m.start()), reason="dossier_code_no_label")

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
                    "dossier_code",
                    t,
                    0.99,
                    source="barcode",
                    reason="barcode",
                    format=b.format,
                    page=b.page + 1,
                )
            elif m and check_dossier_code(m.group(0)):
                self.add(
                    "dossier_code",
                    m.group(0),
                    0.95,
                    source="barcode",
                    reason="barcode",
                    format=b.format,
                    page=b.page + 1,
                )
            # one QR often carries both codes ("MaHS:…;MaTTHC:1.004873…"): the procedure code
            # is looked for in the rest of the text, outside the dossier code
            rest = t[: m.start()] + " " + t[m.end() :] if m else t
            pm = re.search(r"(?<![\d.])\d\.\d{6}(?:\.[0-9A-Z]+)*", rest)
            if pm and PROCEDURE_RE.match(pm.group(0)):
                self.add(
                    "procedure_code",
                    pm.group(0),
                    0.95,
                    source="barcode",
                    reason="barcode",
                    format=b.format,
                    page=b.page + 1,
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
                    reason="catalogue_procedure_name",
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
                reason="catalogue_guess",
                name=p.name,
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
                    "valid_from", s.value, min(s.confidence, 0.7), reason="in_force_from_signing"
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
                    "date_before_received",
                    {"received": received.isoformat()},
                )
        agency = m["agency"]
        self.add(
            "organ_id",
            agency,
            0.45,
            source=dossier.source,
            reason="organ_id_from_dossier_code",
        )

    def classified(self) -> None:
        for ln in self.first[:12] + [
            ln for p in self.pages for ln in self.lines[p.index] if ln.top < 0.2
        ]:
            f = ln.folded.strip(" .:;|")
            if re.fullmatch(r"(?:DO\s*)?(?:TOI\s*|TUYET\s*)?MAT", f) and ln.conf > 0.5:
                self.add("classified", True, 0.8, line=ln, reason="secrecy_mark", read=ln.text)
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
            Barcode(
                b.text,
                b.format,
                i,
                (
                    (b.bbox[0], b.bbox[1]),
                    (b.bbox[2], b.bbox[1]),
                    (b.bbox[2], b.bbox[3]),
                    (b.bbox[0], b.bbox[3]),
                ),
            )
            for i, p in enumerate(doc.pages)
            for b in p.barcodes
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
        x.organ()
        so = x.number()
        x.issued_date(so)
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
