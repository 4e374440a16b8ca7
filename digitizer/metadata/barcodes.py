"""Read barcodes/QR codes (dossier code, procedure code) from page images with zxing-cpp."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..errors import CorruptFileError, EncryptedPdfError, InputError, MissingDependencyError
from ..progress import CancelToken, Progress, ProgressFn, no_progress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Barcode:
    text: str
    format: str  # "QRCode", "Code128", ...
    page: int  # 0-based page index
    position: tuple[tuple[int, int], ...] = ()  # corner points in image pixels


def _zxing():
    try:
        import zxingcpp
    except ImportError:  # pragma: no cover - installed with the project
        raise MissingDependencyError("zxing-cpp is not installed (pip install zxing-cpp)") from None
    return zxingcpp


def read_barcodes(image: Image.Image | str | Path, page: int = 0) -> list[Barcode]:
    """All barcodes on one page image. Tries the image as is, then at half size (blurred scans)."""
    zx = _zxing()
    if not isinstance(image, Image.Image):
        try:
            image = Image.open(image)
            image.load()
        except OSError as exc:
            raise InputError(f"cannot read image: {exc}", path=str(image)) from None
    gray = image.convert("L")
    found: dict[str, Barcode] = {}
    for scale in (1.0, 0.5):
        im = (
            gray
            if scale == 1.0
            else gray.resize((max(1, gray.width // 2), max(1, gray.height // 2)))
        )
        try:
            results = zx.read_barcodes(im)
        except Exception as exc:  # noqa: BLE001 - zxing raises plain RuntimeError on odd input
            log.warning("barcode reading failed on page %d: %s", page + 1, exc)
            results = []
        for r in results:
            text = r.text.strip()
            if not text or text in found:
                continue
            pos = r.position
            pts = tuple(
                (int(p.x / scale), int(p.y / scale))
                for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
            )
            fmt = str(r.format).split(".")[-1]
            found[text] = Barcode(text, fmt, page, pts)
        if found:
            break
    return list(found.values())


def read_barcodes_pages(
    images: Iterable[Image.Image | str | Path],
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> list[Barcode]:
    """Barcodes of every page image, in page order (``page`` = position in ``images``)."""
    images = list(images)
    out: list[Barcode] = []
    for i, im in enumerate(images):
        if cancel is not None:
            cancel.check()
        out.extend(read_barcodes(im, i))
        progress(Progress("barcodes", i + 1, len(images), page=i + 1))
    return out


def pdf_page_images(pdf: str | Path, dpi: int = 200) -> list[Image.Image]:
    """The largest embedded image of each page (our OCR output is one image per page), falling
    back to rendering with poppler for pages without one."""
    import pikepdf
    from pikepdf import PdfImage

    try:
        doc = pikepdf.open(pdf)
    except pikepdf.PasswordError:
        raise EncryptedPdfError("PDF is encrypted", path=pdf) from None
    except (pikepdf.PdfError, OSError) as exc:
        raise CorruptFileError(f"cannot open PDF: {exc}", path=pdf) from None
    images: list[Image.Image] = []
    with doc:
        for n, page in enumerate(doc.pages):
            best = None
            try:
                imgs = page.get_images() if hasattr(page, "get_images") else page.images
                for raw in imgs.values():
                    pi = PdfImage(raw)
                    if best is None or pi.width * pi.height > best.width * best.height:
                        best = pi
                im = best.as_pil_image() if best is not None else None
            except Exception:  # noqa: BLE001 - undecodable filter: render instead
                im = None
            if im is None:
                im = _render_page(pdf, n, dpi)
            images.append(im)
    return images


def _render_page(pdf: str | Path, index: int, dpi: int) -> Image.Image:
    import subprocess

    try:
        out = subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-f",
                str(index + 1),
                "-l",
                str(index + 1),
                "-gray",
                "-png",
                str(pdf),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        ).stdout
    except FileNotFoundError:
        raise MissingDependencyError("pdftoppm (poppler-utils) is not installed") from None
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise CorruptFileError(f"cannot render page {index + 1}: {exc}", path=pdf) from None
    return Image.open(io.BytesIO(out))
