"""Data passed between stages. Plain frozen dataclasses, JSON-serialisable via ``to_dict``.

The OCR sidecar JSON (``digitizer ocr --sidecar``) is ``DocumentResult.to_dict()``.
Coordinates of words are pixels of the *output* page image (after orientation fix and deskew),
origin top-left, with that image's ``dpi``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class DocState(str, Enum):
    """Lifecycle of a document in the workstation (GUI list, work-in-progress store)."""

    NEW = "new"
    SCANNED = "scanned"
    OCR_RUNNING = "ocr_running"
    READY_TO_SIGN = "ready_to_sign"
    SIGNED = "signed"
    QUEUED = "queued"
    UPLOADED = "uploaded"
    ERROR = "error"


@dataclass(frozen=True)
class OcrWord:
    text: str  # NFC
    conf: float  # 0..100 (tesseract), -1 when unknown
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1 in output-image pixels
    block: int
    par: int
    line: int


@dataclass(frozen=True)
class Barcode:
    text: str
    format: str  # "QRCode", "Code128", ...
    bbox: tuple[int, int, int, int]  # output-image pixels


@dataclass(frozen=True)
class PageResult:
    index: int  # 0-based position in the document
    source: str  # "file.pdf#3", "scan.tif#2", "p01.jpg"
    width_px: int
    height_px: int
    dpi: float
    text: str  # NFC, reading order, lines separated by "\n", blocks by "\n\n"
    words: tuple[OcrWord, ...]
    rotation_applied: int  # clockwise degrees applied to make the page upright (0/90/180/270)
    orientation_method: str  # "osd", "ocr-trial", "layout", "none"
    orientation_confidence: float
    deskew_angle: float  # degrees applied (counter-clockwise positive)
    blank: bool
    colour: bool  # stored in colour (has colour content such as a red seal)
    low_resolution: bool  # below 200 dpi
    image_format: str  # "jpeg", "ccitt-g4", "png"
    image_bytes: int  # bytes of the embedded image
    mean_conf: float
    warnings: tuple[str, ...] = ()
    barcodes: tuple[Barcode, ...] = ()  # QR/1D codes found on the page (e.g. the dossier code)
    # Text-line coverage (digitizer.ocr.coverage): line segments of text-like ink found on the
    # page, how the unread ones were read again, and the regions that stay unread after that
    # (ink with no recognised word: the page needs a human look there).
    segments_found: int = 0
    reread: str = ""  # strategy that recovered unread lines, "" when none was needed or none helped
    reread_words: int = 0  # words added by the re-read
    unread_regions: tuple[tuple[int, int, int, int], ...] = ()  # output-image pixels
    # where the page's text comes from: "ocr" (ours), "kept" (the PDF page's own text layer: a
    # born-digital page, or a scan OCRed before whose text reads as Vietnamese; the page is
    # copied as it is), "replaced" (a scan's earlier text layer judged garbage: dropped, OCRed)
    text_layer: str = "ocr"
    text_layer_reason: str = ""

    @property
    def needs_review(self) -> bool:
        return bool(self.unread_regions)

    @property
    def review_reason(self) -> str:
        if not self.unread_regions:
            return ""
        n = len(self.unread_regions)
        return (f"{n} line segment{'s' if n > 1 else ''} with ink and no recognised text "
                "after a second reading")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["words"] = [asdict(w) for w in self.words]
        d["barcodes"] = [asdict(b) for b in self.barcodes]
        d["unread_regions"] = [list(r) for r in self.unread_regions]
        d["needs_review"] = self.needs_review
        d["review_reason"] = self.review_reason
        return d

    @classmethod
    def from_dict(cls, d: dict) -> PageResult:
        d = dict(d)
        d["words"] = tuple(
            OcrWord(**{**w, "bbox": tuple(w["bbox"])}) for w in d.get("words", ())
        )
        d["warnings"] = tuple(d.get("warnings", ()))
        d["barcodes"] = tuple(
            Barcode(**{**b, "bbox": tuple(b["bbox"])}) for b in d.get("barcodes", ())
        )
        d["unread_regions"] = tuple(tuple(r) for r in d.get("unread_regions", ()))
        d.pop("needs_review", None)  # derived
        d.pop("review_reason", None)
        return cls(**d)


@dataclass(frozen=True)
class DocumentResult:
    output: str  # path of the searchable PDF
    pages: tuple[PageResult, ...]
    dropped_blank: tuple[int, ...] = ()  # 0-based indices of input pages dropped (only with --drop-blank)
    inputs: tuple[str, ...] = ()
    language: str = "vie+eng"
    pdfa: str | None = None  # e.g. "2b" when PDF/A output was requested and produced
    profile: str = "archive"  # image profile: archive (>= 24-bit colour) | compact (grey/bilevel)
    warnings: tuple[str, ...] = ()
    timings: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\f\n".join(p.text for p in self.pages)

    @property
    def pages_to_review(self) -> tuple[int, ...]:
        """0-based pages whose text layer misses ink the OCR could not read (coverage check)."""
        return tuple(i for i, p in enumerate(self.pages) if p.needs_review)

    def to_dict(self) -> dict:
        return {
            "schema": "digitizer.ocr/1",
            "output": self.output,
            "inputs": list(self.inputs),
            "language": self.language,
            "pdfa": self.pdfa,
            "profile": self.profile,
            "dropped_blank": list(self.dropped_blank),
            "warnings": list(self.warnings),
            "timings": self.timings,
            "pages_to_review": list(self.pages_to_review),
            "pages": [p.to_dict() for p in self.pages],
        }

    @classmethod
    def from_dict(cls, d: dict) -> DocumentResult:
        return cls(
            output=d["output"],
            pages=tuple(PageResult.from_dict(p) for p in d["pages"]),
            dropped_blank=tuple(d.get("dropped_blank", ())),
            inputs=tuple(d.get("inputs", ())),
            language=d.get("language", "vie+eng"),
            pdfa=d.get("pdfa"),
            profile=d.get("profile", "compact"),  # sidecars from before profiles: grey/bilevel
            warnings=tuple(d.get("warnings", ())),
            timings=d.get("timings", {}),
        )
