"""Page pictures for the strip and the page view, and per-page files for re-OCR after edits.

Runs in worker threads (through ``run_task``): only PIL, poppler and ``QImage`` (which is
safe off the GUI thread) are used here, never widgets.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps
from PySide6.QtGui import QImage

from digitizer.errors import CorruptFileError, EmptyFileError, UnsupportedFileError

from .workitem import PageRef

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp"}
PDF_SUFFIXES = {".pdf"}
ACCEPTED_SUFFIXES = IMAGE_SUFFIXES | PDF_SUFFIXES

Image.MAX_IMAGE_PIXELS = 200_000_000


def count_pages(path: Path) -> int:
    """Number of pages in an importable file; raises the core's input errors."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise UnsupportedFileError(f"unsupported file type {suffix or '(none)'}", path=path)
    if path.stat().st_size == 0:
        raise EmptyFileError("file is empty", path=path)
    if suffix in PDF_SUFFIXES:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                from digitizer.errors import EncryptedPdfError

                raise EncryptedPdfError("PDF is encrypted", path=path)
            n = len(reader.pages)
        except (PdfReadError, OSError, ValueError) as exc:
            raise CorruptFileError(f"cannot read PDF: {exc}", path=path) from exc
    else:
        try:
            with Image.open(path) as im:
                n = getattr(im, "n_frames", 1)
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise CorruptFileError(f"cannot read image: {exc}", path=path) from exc
    if n < 1:
        raise EmptyFileError("file has no pages", path=path)
    return n


def page_image(page: PageRef, max_px: int | None = None, dpi: int = 150) -> Image.Image:
    """The page as a PIL image with the clerk's rotation applied (``max_px`` bounds the long side)."""
    path = Path(page.file)
    if path.suffix.lower() in PDF_SUFFIXES:
        from pdf2image import convert_from_path
        from pdf2image.exceptions import PDFPageCountError, PDFSyntaxError

        try:
            ims = convert_from_path(
                str(path), dpi=dpi, first_page=page.index + 1, last_page=page.index + 1
            )
        except (PDFPageCountError, PDFSyntaxError, OSError) as exc:
            raise CorruptFileError(f"cannot render page {page.index + 1}: {exc}", path=path) from exc
        if not ims:
            raise CorruptFileError(f"page {page.index + 1} missing", path=path)
        im = ims[0]
    else:
        try:
            with Image.open(path) as src:
                if page.index:
                    src.seek(page.index)
                if max_px:
                    src.draft("RGB", (max_px, max_px))
                im = ImageOps.exif_transpose(src.copy()) if not page.index else src.copy()
        except (OSError, ValueError, EOFError) as exc:
            raise CorruptFileError(f"cannot read image: {exc}", path=path) from exc
    if im.mode not in ("RGB", "L"):
        im = im.convert("RGB")
    if max_px:
        im.thumbnail((max_px, max_px))
    if page.rotation:
        im = im.rotate(-page.rotation, expand=True)
    return im


def to_qimage(im: Image.Image) -> QImage:
    """Copy a PIL image into a QImage (safe in a worker thread)."""
    if im.mode == "L":
        data = im.tobytes()
        q = QImage(data, im.width, im.height, im.width, QImage.Format.Format_Grayscale8)
    else:
        im = im.convert("RGB")
        data = im.tobytes()
        q = QImage(data, im.width, im.height, im.width * 3, QImage.Format.Format_RGB888)
    return q.copy()


def render(page: PageRef, max_px: int) -> QImage:
    return to_qimage(page_image(page, max_px=max_px, dpi=72 if max_px <= 400 else 150))


def ocr_inputs(pages: list[PageRef], work_dir: Path) -> list[Path]:
    """Files to hand to the OCR pipeline, in page order.

    Untouched whole files go as they are (the pipeline does its own import); a page that was
    rotated, or taken out of a multi-page file, is written once as a lossless PNG at its
    native resolution with the rotation applied.
    """
    by_file: dict[str, list[PageRef]] = {}
    for p in pages:
        by_file.setdefault(p.file, []).append(p)
    out: list[Path] = []
    i = 0
    while i < len(pages):
        p = pages[i]
        n = count_pages(Path(p.file))
        seq = pages[i : i + n]
        if (
            len(seq) == n
            and all(q.file == p.file and q.index == k and q.rotation == 0 for k, q in enumerate(seq))
            and len(by_file[p.file]) == n
        ):
            out.append(Path(p.file))
            i += n
            continue
        target = work_dir / "pages" / f"{Path(p.file).stem}-{p.index:03d}-r{p.rotation}.png"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            im = page_image(p, max_px=None, dpi=300)
            dpi = 300
            if Path(p.file).suffix.lower() not in PDF_SUFFIXES:
                with Image.open(p.file) as src:
                    d = src.info.get("dpi")
                    if d:
                        dpi = int(round(float(d[0])))
            tmp = target.with_suffix(".part.png")
            im.save(tmp, dpi=(dpi, dpi))
            tmp.replace(target)
        out.append(target)
        i += 1
    return out
