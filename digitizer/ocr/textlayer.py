"""PDF pages that already carry text: keep a real text layer, replace a scanner's garbage one.

A born-digital page (text drawn as text) is kept as it is: its text is exact and OCR of its
rendering could only be worse. A scanned page that was OCRed before (one full-page image with
invisible text over it) is kept when its text reads as Vietnamese, and OCRed again, with the old
layer dropped, when it does not: copiers and scanner drivers OCR with an English model, which
turns "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" into "CONG HOA XA HOI CHU NGHIA" or worse, and that text is
what the clerk would search and the metadata would be filled from.

The test is the one a reader applies: Vietnamese is written in syllables, most of which carry a
tone mark or a modified vowel (ă â ê ô ơ ư đ); an OCR made without the Vietnamese model has none,
and garbage text has tokens no syllable can be (letters mixed with digits or symbols, runs longer
than the longest syllable, "nghiêng", 7 letters).
"""

from __future__ import annotations

import re
import unicodedata

MIN_TOKENS = 15  # less text than this is a signature appearance or a stamp, not a text layer
MIN_MARKED = 0.25  # share of syllables with a Vietnamese mark below which the layer is not Vietnamese
MAX_JUNK = 0.3

_VN_MARKED = set("ăâêôơưđ" "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def judge(text: str, lang: str) -> tuple[bool, str]:
    """(keep the layer?, why) for a scanned page's existing text layer."""
    tokens = []
    for raw in _WORD.findall(unicodedata.normalize("NFC", text)):
        t = _EDGE.sub("", raw)
        if any(c.isalpha() for c in t):
            tokens.append(t.lower())
    if len(tokens) < MIN_TOKENS:
        return False, f"the existing text layer has only {len(tokens)} word(s)"
    junk = sum(1 for t in tokens if _junk(t)) / len(tokens)
    if junk > MAX_JUNK:
        return False, f"{junk:.0%} of the existing text layer's words are not words"
    if "vie" in lang or "Vietnamese" in lang:
        marked = sum(1 for t in tokens if any(c in _VN_MARKED for c in t)) / len(tokens)
        if marked < MIN_MARKED:
            return False, (f"the existing text layer is not Vietnamese ({marked:.0%} of its words "
                           "carry Vietnamese marks)")
    return True, "the existing text layer reads as text"


def _junk(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    if any(c.isdigit() for c in t) and letters and not re.fullmatch(r"[\w./-]+", t):
        return True
    if not re.fullmatch(r"[\w./-]+", t):  # symbols inside a word
        return True
    # Vietnamese syllables are at most 7 letters; a longer run of letters without a separator
    # (outside codes such as "TTr-UBND" or foreign names) is OCR noise
    return len(t) > 12 and "-" not in t and "/" not in t


__all__ = ["judge"]
