"""Words with boxes from a PDF's text layer (poppler ``pdftotext -bbox-layout``).

Lets ``digitizer extract`` work on an already searchable PDF without re-running OCR. Boxes are
in PDF points (72 dpi), which is what the resulting PageResult says in ``dpi``.
"""

from __future__ import annotations

import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import CorruptFileError, MissingDependencyError
from ..model import DocumentResult, OcrWord, PageResult

_NS = "{http://www.w3.org/1999/xhtml}"


def pdf_text_document(pdf: str | Path, timeout: float = 120, page: int | None = None) -> DocumentResult:
    """A DocumentResult built from the PDF's text layer (pages without text come out blank).
    ``page`` (0-based) reads that page only."""
    rng = [] if page is None else ["-f", str(page + 1), "-l", str(page + 1)]
    try:
        out = subprocess.run(
            ["pdftotext", "-bbox-layout", *rng, str(pdf), "-"],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise MissingDependencyError("pdftotext (poppler-utils) is not installed") from None
    except subprocess.TimeoutExpired:
        raise CorruptFileError(f"pdftotext took longer than {timeout:.0f} s", path=pdf) from None
    if out.returncode != 0:
        msg = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CorruptFileError(
            f"cannot read text layer: {msg[-1] if msg else out.returncode}", path=pdf
        )
    try:
        root = ET.fromstring(out.stdout)
    except ET.ParseError as exc:
        raise CorruptFileError(f"unreadable pdftotext output: {exc}", path=pdf) from None
    pages = []
    for i, pg in enumerate(root.iter(_NS + "page")):
        w_pt, h_pt = float(pg.get("width", 595)), float(pg.get("height", 842))
        words: list[OcrWord] = []
        lines_txt: list[str] = []
        for b, block in enumerate(pg.iter(_NS + "block"), 1):
            for ln_no, line in enumerate(block.iter(_NS + "line"), 1):
                texts = []
                for w in line.iter(_NS + "word"):
                    t = unicodedata.normalize("NFC", (w.text or "").strip())
                    if not t:
                        continue
                    box = tuple(round(float(w.get(k, 0))) for k in ("xMin", "yMin", "xMax", "yMax"))
                    words.append(OcrWord(t, -1.0, box, b, 1, ln_no))
                    texts.append(t)
                if texts:
                    lines_txt.append(" ".join(texts))
        pages.append(
            PageResult(
                index=i,
                source=f"{Path(pdf).name}#{i + 1 + (page or 0)}",
                width_px=int(w_pt),
                height_px=int(h_pt),
                dpi=72.0,
                text="\n".join(lines_txt),
                words=tuple(words),
                rotation_applied=0,
                orientation_method="none",
                orientation_confidence=0.0,
                deskew_angle=0.0,
                blank=not words,
                colour=False,
                low_resolution=False,
                image_format="",
                image_bytes=0,
                mean_conf=-1.0,
            )
        )
    return DocumentResult(output=str(pdf), pages=tuple(pages), inputs=(str(pdf),))
