"""Regenerate the cached OCR fixtures in ``tests/metadata/data/`` from the dev corpus.

Not a test: a developer tool. Each corpus document goes through the project's OCR pipeline
(``digitizer.pipeline.ocr_document``: orientation, deskew, blank pages dropped, real tesseract
vie+eng) and its OCR sidecar (``DocumentResult.to_dict()``) is stored, so the unit tests of
extraction do not need to re-run OCR. With ``FIXTURES_RAW=1`` (or without the pipeline) pages are
instead turned upright with the manifest's known rotation and OCRed with plain tesseract.

    OMP_THREAD_LIMIT=1 .venv/bin/python tests/metadata/make_fixtures.py [/work/shared/eval/corpus/dev]
    OMP_THREAD_LIMIT=1 .venv/bin/python tests/metadata/make_fixtures.py --real [ID...]

``--real`` does the same for the real scans listed in ``data/real/manifest.json`` (sidecars
``data/real/<id>.ocr.json``): each page's scan image is taken out of the PDF losslessly
(``pdfimages -png``, the largest image of the page, its own resolution), or the image file is used
with the manifest's dpi when the file has none, and the images go through the pipeline.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

from PIL import Image, ImageSequence

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
import pytesseract

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from digitizer.model import DocumentResult, OcrWord, PageResult

CORPUS = Path(
    sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "--real" else "/work/shared/eval/corpus/dev"
)
OUT = Path(__file__).parent / "data"


def load_pages(corpus: Path, entry: dict) -> list[tuple[Image.Image, float, str]]:
    pages = []
    for rel in entry["inputs"]:
        p = corpus / rel
        if p.suffix == ".pdf":
            from pdf2image import convert_from_path

            for i, im in enumerate(convert_from_path(str(p), dpi=entry["dpi"])):
                pages.append((im, float(entry["dpi"]), f"{p.name}#{i + 1}"))
        else:
            im = Image.open(p)
            for i, fr in enumerate(ImageSequence.Iterator(im)):
                pages.append((fr.copy(), float(entry["dpi"]), f"{p.name}#{i + 1}"))
    return pages


def ocr_page(im: Image.Image, dpi: float, index: int, source: str, rot: int) -> PageResult:
    if rot:
        im = im.rotate(rot, expand=True)  # scan is turned `rot` cw; PIL rotates ccw
    im = im.convert("L")
    data = pytesseract.image_to_data(
        im, lang="vie+eng", config=f"--dpi {int(dpi)}", output_type=pytesseract.Output.DICT
    )
    words = []
    for i, t in enumerate(data["text"]):
        t = unicodedata.normalize("NFC", (t or "").strip())
        if not t:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(
            OcrWord(
                t,
                float(data["conf"][i]),
                (x, y, x + w, y + h),
                data["block_num"][i],
                data["par_num"][i],
                data["line_num"][i],
            )
        )
    blocks: list[str] = []
    cur_block = None
    lines: list[str] = []
    cur_line = None
    for w in words:
        if w.block != cur_block:
            if lines:
                blocks.append("\n".join(lines))
            lines, cur_block, cur_line = [], w.block, None
        key = (w.par, w.line)
        if key != cur_line:
            lines.append(w.text)
            cur_line = key
        else:
            lines[-1] += " " + w.text
    if lines:
        blocks.append("\n".join(lines))
    confs = [w.conf for w in words if w.conf >= 0]
    return PageResult(
        index=index,
        source=source,
        width_px=im.width,
        height_px=im.height,
        dpi=dpi,
        text="\n\n".join(blocks),
        words=tuple(words),
        rotation_applied=rot,
        orientation_method="manifest",
        orientation_confidence=1.0,
        deskew_angle=0.0,
        blank=not words,
        colour=False,
        low_resolution=dpi < 200,
        image_format="png",
        image_bytes=0,
        mean_conf=sum(confs) / len(confs) if confs else 0.0,
    )


def via_pipeline(entry: dict) -> bool:
    """Preferred: the project's own OCR pipeline (orientation, deskew, blank detection)."""
    try:
        from digitizer.pipeline import OcrOptions, ocr_document
    except ImportError:
        return False
    import tempfile

    with tempfile.TemporaryDirectory() as td:
        doc = ocr_document(
            [CORPUS / r for r in entry["inputs"]],
            Path(td) / f"{entry['id']}.pdf",
            OcrOptions(lang="vie+eng", drop_blank=True),
        )
    doc = DocumentResult(
        output=f"{entry['id']}.pdf",
        pages=doc.pages,
        inputs=tuple(entry["inputs"]),
        dropped_blank=doc.dropped_blank,
        warnings=doc.warnings,
    )
    (OUT / f"{entry['id']}.ocr.json").write_text(
        json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":"))
    )
    print(entry["id"], len(doc.pages), "pages (pipeline)", flush=True)
    return True


REAL = OUT / "real"
#: where ``--real`` writes the sidecars: the cached fixtures, or FIXTURES_REAL_OUT (a fresh run
#: to compare with ``metadata_bench.py --real-ocr DIR`` before replacing the fixtures)
REAL_OUT = Path(os.environ.get("FIXTURES_REAL_OUT") or REAL)


def _real_page_images(root: Path, doc: dict, td: Path) -> list[Path]:
    """The scan images of the listed pages as PNG files carrying their resolution."""
    import subprocess

    src = root / doc["file"]
    out = []
    for n in doc["pages"]:
        if src.suffix.lower() != ".pdf":
            im = Image.open(src)
            dst = td / f"p{n:02d}.png"
            im.convert("RGB" if im.mode not in ("1", "L") else im.mode).save(
                dst, dpi=(doc["dpi"], doc["dpi"])
            )
            out.append(dst)
            continue
        listing = subprocess.run(
            ["pdfimages", "-f", str(n), "-l", str(n), "-list", str(src)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.splitlines()[2:]
        rows = [r.split() for r in listing if r.strip()]
        best = max(range(len(rows)), key=lambda i: int(rows[i][3]) * int(rows[i][4]))
        dpi = float(rows[best][12])
        prefix = td / f"p{n:02d}"
        subprocess.run(
            ["pdfimages", "-f", str(n), "-l", str(n), "-png", str(src), str(prefix)],
            check=True,
            timeout=120,
        )
        got = sorted(td.glob(f"p{n:02d}-*.png"))[best]
        dst = td / f"p{n:02d}.png"
        Image.open(got).save(dst, dpi=(dpi, dpi))
        out.append(dst)
    return out


def make_real(only: set[str]) -> None:
    import tempfile

    from digitizer.pipeline import OcrOptions, ocr_document

    manifest = json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))
    root = Path(manifest["root"])
    REAL_OUT.mkdir(parents=True, exist_ok=True)
    for doc in manifest["documents"]:
        if only and doc["id"] not in only:
            continue
        with tempfile.TemporaryDirectory() as td:
            images = _real_page_images(root, doc, Path(td))
            res = ocr_document(images, Path(td) / f"{doc['id']}.pdf", OcrOptions(lang="vie+eng"))
        res = DocumentResult(
            output=f"{doc['id']}.pdf",
            pages=res.pages,
            inputs=tuple(f"{doc['file']}#{n}" for n in doc["pages"]),
            dropped_blank=res.dropped_blank,
            warnings=res.warnings,
        )
        (REAL_OUT / f"{doc['id']}.ocr.json").write_text(
            json.dumps(res.to_dict(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        print(doc["id"], len(res.pages), "pages (pipeline)", flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--real":
        make_real(set(sys.argv[2:]))
        return
    OUT.mkdir(exist_ok=True)
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    only = set(sys.argv[2:])
    use_pipeline = os.environ.get("FIXTURES_RAW") != "1"
    for entry in manifest:
        if only and entry["id"] not in only:
            continue
        if use_pipeline and via_pipeline(entry):
            continue
        pages = load_pages(CORPUS, entry)
        results = []
        for i, (im, dpi, src) in enumerate(pages):
            if i + 1 in entry.get("blank_pages", []):
                continue
            results.append(ocr_page(im, dpi, len(results), src, entry["rotations"][i]))
        doc = DocumentResult(
            output=f"{entry['id']}.pdf", pages=tuple(results), inputs=tuple(entry["inputs"])
        )
        (OUT / f"{entry['id']}.ocr.json").write_text(
            json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":"))
        )
        print(entry["id"], len(results), "pages", flush=True)


if __name__ == "__main__":
    main()
