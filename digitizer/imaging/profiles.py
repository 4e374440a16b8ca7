"""Image profiles: how page images are stored in the PDF.

``archive`` (the default) follows Circular 05/2025/TT-BNV Art 8 for digitised archive documents
(and Decree 30/2020 Annex I, "ảnh màu"): every page is a colour image of at least 24 bits
(8-bit RGB JPEG), whatever the paper looks like, at 100 % scale; at least 200 dpi, and 300 dpi
for maps and drawings. A page with no colour content is still stored in colour: the rule speaks
of the record's form, not of what our colour detector sees, and a faint red seal or a blue
signature that the detector misses would otherwise be lost for good. A bilevel (1-bit) scan is
stored as RGB too: no information is added, but the file is what the rule asks for.

``compact`` is the earlier behaviour, for copies that are not archive records and only when asked
for explicitly (``--profile compact``): grey JPEG for pages without colour, CCITT G4 for bilevel
scans, colour only for pages with colour content (seals, coloured ink). The profile used is
recorded in the OCR sidecar (``profile``) and in the PDF's XMP (``digitizer:ImageProfile``).

Resolution is not invented: a page is stored at the resolution it was captured at (upsampling adds
no detail). What the profile decides is the minimum the capture must have; a page below it is
flagged in the page's warnings, and the scanner is set to capture at it.

Drawing-type results (maps, drawings, plans, construction permits with their approved drawings) are
recognised from the document's type name or the procedure's field in the metadata catalogue
(``resources/imaging/drawing-types.json``, editable like the catalogue).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROFILES = ("archive", "compact")
DEFAULT_PROFILE = "archive"
MIN_DPI = 200  # Circular 05/2025 Art 8: at least 200 dpi
DRAWING_DPI = 300  # Circular 05/2025 Art 8: 300 dpi for maps and drawings
DRAWING_TYPES_PATH = Path(__file__).resolve().parents[2] / "resources" / "imaging" / "drawing-types.json"


@dataclass(frozen=True)
class ImageProfile:
    name: str
    always_colour: bool  # every page stored as >= 24-bit RGB
    min_dpi: int


def profile(name: str, drawing: bool = False) -> ImageProfile:
    if name not in PROFILES:
        raise ValueError(f"image profile {name!r}: expected one of {', '.join(PROFILES)}")
    return ImageProfile(name, name == "archive", DRAWING_DPI if drawing else MIN_DPI)


def store_mode(profile_name: str, colour_option: str, source_mode: str, has_colour: bool) -> str:
    """How one page is stored: "colour" (RGB JPEG), "grey" (grey JPEG) or "bilevel" (CCITT G4).

    ``colour_option`` is ``--colour`` (auto | colour | grey | bilevel); under the archive profile
    only auto and colour are accepted (see ``check_colour_option``)."""
    if profile_name == "archive":
        return "colour"
    if colour_option != "auto":
        return colour_option
    return "bilevel" if source_mode == "1" else ("colour" if has_colour else "grey")


def check_colour_option(profile_name: str, colour_option: str) -> str | None:
    """An error message when ``--colour`` contradicts the profile, else None."""
    if profile_name == "archive" and colour_option in ("grey", "bilevel"):
        return (f"--colour {colour_option} is not allowed with the archive profile (Circular "
                "05/2025 Art 8: colour images of at least 24 bits); use --profile compact")
    return None


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


@lru_cache(maxsize=4)
def _drawing_rules(path: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return (tuple(_fold(t) for t in data.get("type_name_contains", ())),
            tuple(_fold(f) for f in data.get("procedure_fields", ())),
            tuple(data.get("procedure_codes", ())))


def is_drawing(type_name: str | None = None, procedure_code: str | None = None,
               procedure_field: str | None = None, *, rules: Path | None = None) -> bool:
    """True for maps, drawings and construction permits (300 dpi), from the document's type
    name, the procedure code or the procedure's field (metadata catalogue)."""
    words, fields, codes = _drawing_rules(str(rules or DRAWING_TYPES_PATH))
    if type_name and any(w in _fold(type_name) for w in words):
        return True
    if procedure_field and _fold(procedure_field) in fields:
        return True
    if procedure_code:
        code = procedure_code.strip()
        if code in codes or code[:8] in codes:
            return True
        if procedure_field is None:
            from ..metadata.catalogue import load_catalogue

            proc = load_catalogue().by_code(code)
            if proc is not None and _fold(proc.field) in fields:
                return True
    return False


def is_drawing_record(record: dict | None) -> bool:
    """``is_drawing`` for a TTHC metadata record (``type_name``, ``procedure_code``)."""
    if not record:
        return False
    return is_drawing(record.get("type_name"), record.get("procedure_code"))


__all__ = ["DEFAULT_PROFILE", "DRAWING_DPI", "MIN_DPI", "PROFILES", "ImageProfile",
           "check_colour_option", "is_drawing", "is_drawing_record", "profile", "store_mode"]
