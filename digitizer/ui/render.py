"""Page pictures for the strip and the page view, and per-page files for re-OCR after edits.

Runs in worker threads (through ``run_task``): only PIL, poppler and ``QImage`` (which is
safe off the GUI thread) are used here, never widgets.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps
from PySide6.QtGui import QImage

from digitizer.errors import CorruptFileError

from .workitem import PageRef

Image.MAX_IMAGE_PIXELS = 200_000_000


def list_pages(path: Path) -> list:
    """Validate a file by content and list its pages (the importer's refs; clear core errors)."""
    from digitizer.acquire.importer import scan_inputs

    return scan_inputs([Path(path)])


def count_pages(path: Path) -> int:
    return len(list_pages(path))


def page_image(page: PageRef, max_px: int | None = None, dpi: int = 150) -> Image.Image:
    """The page as a PIL image with the clerk's rotation applied (``max_px`` bounds the long side)."""
    path = Path(page.file)
    from digitizer.acquire.importer import sniff

    if sniff(path) == "pdf":
        from pdf2image import convert_from_path
        from pdf2image.exceptions import PDFPageCountError, PDFSyntaxError

        try:
            ims = convert_from_path(
                str(path), dpi=dpi, first_page=page.index + 1, last_page=page.index + 1
            )
        except (PDFPageCountError, PDFSyntaxError, OSError) as exc:
            raise CorruptFileError(
                f"cannot render page {page.index + 1}: {exc}", path=path
            ) from exc
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
    """Page picture WITHOUT the clerk's rotation (apply it with :func:`rotated`, cheap)."""
    base = PageRef(file=page.file, index=page.index, rotation=0, label=page.label, id=page.id)
    return to_qimage(page_image(base, max_px=max_px, dpi=72 if max_px <= 400 else 150))


def rotated(img: QImage, degrees: int) -> QImage:
    if not degrees % 360:
        return img
    from PySide6.QtGui import QTransform

    return img.transformed(QTransform().rotate(degrees))


def ocr_inputs(pages: list[PageRef], work_dir: Path) -> list[Path]:
    """Files to hand to the OCR pipeline, in page order (see :func:`ocr_inputs_turned`)."""
    return [p for p, _turned in ocr_inputs_turned(pages, work_dir)]


def ocr_inputs_turned(pages: list[PageRef], work_dir: Path) -> list[tuple[Path, bool]]:
    """Files to hand to the OCR pipeline, in page order, each with whether the clerk turned
    that page by hand (its auto-orientation is then off: the clerk's rotation wins).

    Untouched whole files go as they are (the pipeline does its own import); a page that was
    rotated, or taken out of a multi-page file, is decoded by the importer at its native
    resolution and written once as a lossless PNG with the clerk's rotation applied.
    """
    from digitizer.acquire.importer import load_page

    refs_cache: dict[str, list] = {}

    def refs(file: str) -> list:
        if file not in refs_cache:
            refs_cache[file] = list_pages(Path(file))
        return refs_cache[file]

    uses: dict[str, int] = {}
    for p in pages:
        uses[p.file] = uses.get(p.file, 0) + 1
    out: list[tuple[Path, bool]] = []
    i = 0
    while i < len(pages):
        p = pages[i]
        n = len(refs(p.file))
        seq = pages[i : i + n]
        if (
            uses[p.file] == n
            and len(seq) == n
            and all(
                q.file == p.file and q.index == k and q.rotation == 0 for k, q in enumerate(seq)
            )
        ):
            out.append((Path(p.file), False))
            i += n
            continue
        target = work_dir / "pages" / f"{Path(p.file).stem}-{p.index:03d}-r{p.rotation}.png"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            ref = refs(p.file)[p.index]
            im = load_page(ref)
            if im.mode not in ("RGB", "L", "1"):
                im = im.convert("RGB")
            if p.rotation:
                im = im.rotate(-p.rotation, expand=True)
            tmp = target.with_name(target.stem + ".part.png")
            im.save(tmp, dpi=(ref.dpi, ref.dpi))
            tmp.replace(target)
        out.append((target, p.rotation != 0))
        i += 1
    return out
