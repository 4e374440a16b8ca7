"""Synthetic OCR noise for robustness measurements (tests and benchmarks, not production).

Applies, with a seeded RNG, the faults tesseract makes on poor scans: diacritics dropped or
swapped (ă/â/a, ơ/ô/o, ư/u, đ/d), O/0 and l/1 confusions inside numbers, and the date printed as
"ngày 5 tháng 10 năm 2022" rewritten as "05/10/2022" or with unpadded digits.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import replace

from ..model import DocumentResult, OcrWord

_SWAP = {
    "ă": "â",
    "â": "a",
    "ơ": "ô",
    "ô": "o",
    "ư": "u",
    "đ": "d",
    "Đ": "D",
    "ê": "e",
    "Ă": "Â",
    "Â": "A",
    "Ơ": "Ô",
    "Ô": "O",
    "Ư": "U",
    "Ê": "E",
}


def strip_marks(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))


def _noisy_word(w: str, rng: random.Random, p_marks: float, p_digit: float) -> str:
    r = rng.random()
    if r < p_marks / 2:
        w = strip_marks(w)
    elif r < p_marks:
        w = "".join(_SWAP.get(c, c) if rng.random() < 0.5 else c for c in w)
    if re.fullmatch(r"[\d./-]{6,}", w) and rng.random() < p_digit:
        i = rng.choice([i for i, c in enumerate(w) if c in "01"] or [None])
        if i is not None:
            w = w[:i] + {"0": "O", "1": "l"}[w[i]] + w[i + 1 :]
    return w


def perturb(
    doc: DocumentResult,
    seed: int = 0,
    p_marks: float = 0.25,
    p_digit: float = 0.0,
    numeric_dates: bool = True,
) -> DocumentResult:
    """A noisier copy of ``doc`` (word boxes kept; page text rebuilt from the words)."""
    rng = random.Random(seed)
    pages = []
    for p in doc.pages:
        words = []
        for w in p.words:
            t = _noisy_word(w.text, rng, p_marks, p_digit)
            # tesseract is less sure of the words it gets wrong: cap their confidence
            words.append(replace(w, text=t, conf=min(w.conf, 60.0)) if t != w.text else w)
        if numeric_dates:
            words = _numeric_dates(words, rng)
        text = _text(words)
        pages.append(replace(p, words=tuple(words), text=text))
    return replace(doc, pages=tuple(pages))


def _numeric_dates(words: list[OcrWord], rng: random.Random) -> list[OcrWord]:
    out = list(words)
    i = 0
    while i + 5 < len(out):
        t = [w.text.lower() for w in out[i : i + 6]]
        if (
            strip_marks(t[0]) == "ngay"
            and strip_marks(t[2]) == "thang"
            and strip_marks(t[4]) == "nam"
            and t[1].isdigit()
            and t[3].isdigit()
            and t[5][:4].isdigit()
        ):
            style = rng.choice(["slash", "unpadded"])
            if style == "slash":
                new = f"{int(t[1]):02d}/{int(t[3]):02d}/{t[5][:4]}" + t[5][4:]
                first, last = out[i + 1], out[i + 5]
                merged = replace(
                    first, text=new, bbox=(first.bbox[0], first.bbox[1], last.bbox[2], last.bbox[3])
                )
                out[i + 1 : i + 6] = [merged]
            else:
                out[i + 1] = replace(out[i + 1], text=str(int(t[1])))
                out[i + 3] = replace(out[i + 3], text=str(int(t[3])))
        i += 1
    return out


def _text(words: list[OcrWord]) -> str:
    lines: list[str] = []
    key = None
    for w in words:
        k = (w.block, w.par, w.line)
        if k != key:
            lines.append(w.text)
            key = k
        else:
            lines[-1] += " " + w.text
    return "\n".join(lines)
