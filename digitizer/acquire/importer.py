"""Import: turn input files (PDF, JPEG, PNG, TIFF) into an ordered list of page references, and
load one referenced page as an image.

Validation happens up front, by content (magic bytes), so a bad file is refused with its name and
the reason before any OCR starts. Originals are only ever opened for reading.
"""

from __future__ import annotations

import io
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    ImageTooLargeError,
    InputError,
    NotRegularFileError,
    SignedPdfError,
    TooManyPagesError,
    UnsupportedFileError,
)
from ..fsutil import MB, check_input_file, printable

log = logging.getLogger(__name__)

# A4 at 600 dpi is 35 MP, A3 at 600 dpi 70 MP. Anything above this is a mistake or a bomb.
MAX_PIXELS = 120_000_000
DEFAULT_DPI = 300.0
TEXT_PDF_DPI = 300.0
# Limits checked before any work (issue 19), each raised by an option (--max-file-size MB,
# --max-pages N): a one-stop-shop result is a few pages of a few MB.
MAX_FILE_BYTES = 500 * MB  # per input file, from os.stat before the file is opened
MAX_PAGES = 2000  # per document, PDF pages and TIFF frames together
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # PIL's own guard (it raises at 2x) for any other path

_KINDS = {
    b"%PDF": "pdf",
    b"\xff\xd8\xff": "jpeg",
    b"\x89PNG\r\n\x1a\n": "png",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
}


@dataclass(frozen=True)
class PageRef:
    """One page of an input file. Picklable: sent to worker processes, which load it themselves."""

    path: str
    kind: str  # "pdf", "jpeg", "png", "tiff", "image" (a temporary file made from a scan)
    index: int  # page (PDF) or frame (TIFF) number, 0-based
    dpi: float  # native resolution (image-only PDF: from the embedded image)
    source: str  # human label, e.g. "scan.pdf#2"
    gray: bool = False  # PDF page whose image is greyscale: rasterise as grey
    dpi_assumed: bool = False  # the file did not say its resolution
    px_size: tuple[int, int] | None = None  # image-only PDF page: render to the scan's exact pixels
    # PDF page with a text layer: "digital" (text drawn on the page: born-digital) or "scan"
    # (one full-page image with text over it: a scan OCRed before, by a scanner or other tool)
    text_layer: str = ""


def sniff(path: Path, max_bytes: int | None = MAX_FILE_BYTES) -> str:
    """Return the file kind decided by content; raise a clear InputError otherwise. Only a
    regular file within ``max_bytes`` is opened (``fsutil.check_input_file``)."""
    st = check_input_file(path, max_bytes)
    if st.st_size == 0:
        raise EmptyFileError("the file is empty (0 bytes)", path=printable(path))
    try:  # O_NONBLOCK: a file swapped for a FIFO since the check does not block the open
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise NotRegularFileError("not a regular file; it is not read", path=printable(path))
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=printable(path)) from None
    for magic, kind in _KINDS.items():
        if head.startswith(magic):
            return kind
    if b"%PDF-" in head:  # PDFs may have junk before the header
        return "pdf"
    raise UnsupportedFileError(
        "unsupported file type (by content); use PDF, JPEG, PNG or TIFF", path=printable(path)
    )


def scan_inputs(
    paths: Iterable[str | os.PathLike],
    *,
    max_pages: int = MAX_PAGES,
    max_file_bytes: int | None = MAX_FILE_BYTES,
) -> list[PageRef]:
    """Validate every input and list its pages in order. Raises on the first bad file, and as
    soon as the document would have more than ``max_pages`` pages (before any page is read)."""
    refs: list[PageRef] = []
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no input files given")
    for path in paths:
        kind = sniff(path, max_file_bytes)
        budget = _PageBudget(max_pages, len(refs), path)
        if kind == "pdf":
            refs.extend(_pdf_pages(path, budget))
        else:
            refs.extend(_image_pages(path, kind, budget))
    return refs


@dataclass(frozen=True)
class _PageBudget:
    """Pages one input may still add to the document (``--max-pages``)."""

    limit: int
    before: int  # pages of the inputs before this one
    path: Path

    def check(self, n: int, what: str = "the file", at_least: bool = False) -> None:
        """Refuse when this input has ``n`` pages (or at least ``n``) and that is too many."""
        if self.before + n <= self.limit:
            return
        if self.before:
            msg = (f"with the {self.before} page(s) before it, {what} makes the document more "
                   f"than {self.limit} pages")
        else:
            msg = f"{what} has {'at least ' if at_least else ''}{n} pages"
        raise TooManyPagesError(
            f"{msg}, over the limit of {self.limit} pages per document "
            f"(raise it with --max-pages N)",
            path=printable(self.path), limit=self.limit,
        )


def _image_pages(path: Path, kind: str, budget: _PageBudget) -> list[PageRef]:
    name = printable(path.name)
    try:
        with Image.open(path) as im:
            w, h = im.size
            if w * h > MAX_PIXELS or w <= 0 or h <= 0:
                raise ImageTooLargeError(
                    f"image dimensions {w}x{h} are implausible for a scanned page "
                    f"(limit {MAX_PIXELS // 1_000_000} megapixels)",
                    path=printable(path),
                )
            # Frames are walked one by one, never counted first (n_frames walks every frame of
            # a TIFF): the page limit stops a 100,000-frame file at its first frame too many.
            frames = []
            i = 0
            while True:
                if i:
                    try:
                        im.seek(i)
                    except EOFError:
                        break
                    budget.check(i + 1, f"the {kind.upper()}", at_least=True)
                fw, fh = im.size
                if fw * fh > MAX_PIXELS:
                    raise ImageTooLargeError(
                        f"page {i + 1}: dimensions {fw}x{fh} are implausible for a scanned page",
                        path=printable(path),
                    )
                dpi, assumed = _image_dpi(im)
                frames.append((i, dpi, assumed))
                if i == 0:
                    budget.check(1)
                i += 1
            n = len(frames)
            return [
                PageRef(str(path), kind, i, dpi, f"{name}#{i + 1}" if n > 1 else name,
                        dpi_assumed=assumed)
                for i, dpi, assumed in frames
            ]
    except (ImageTooLargeError, InputError):
        raise
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(
            f"image dimensions are implausible for a scanned page ({exc})", path=printable(path)
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptFileError(f"the {kind.upper()} image is damaged or unreadable ({exc})",
                               path=printable(path)) from None


def _image_dpi(im: Image.Image) -> tuple[float, bool]:
    dpi = im.info.get("dpi")
    try:
        d = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        d = 0.0
    if d < 50 or d > 2400:
        return DEFAULT_DPI, True
    return round(d, 1), False


def _pdf_pages(path: Path, budget: _PageBudget) -> list[PageRef]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            raise EncryptedPdfError(
                "the PDF is encrypted (password-protected); remove the protection and import again",
                path=printable(path),
            )
        _refuse_signed(reader, path)
        budget.check(len(reader.pages), "the PDF")  # the page tree's count: nothing read yet
        pages = list(reader.pages)
    except (EncryptedPdfError, SignedPdfError, TooManyPagesError):
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise CorruptFileError(f"the PDF is damaged or unreadable ({exc})", path=printable(path)) from None
    if not pages:
        raise CorruptFileError("the PDF has no pages", path=printable(path))
    refs = []
    for i, page in enumerate(pages):
        try:
            dpi, gray, px, layer = _native_dpi(page)
            w_in = float(page.mediabox.width) / 72.0
            h_in = float(page.mediabox.height) / 72.0
        except Exception as exc:  # noqa: BLE001 - malformed page objects come in many shapes
            raise CorruptFileError(f"page {i + 1} is damaged ({exc})", path=printable(path)) from None
        if w_in <= 0 or h_in <= 0 or (w_in * dpi) * (h_in * dpi) > MAX_PIXELS:
            raise ImageTooLargeError(
                f"page {i + 1} is {w_in:.1f}x{h_in:.1f} inches, implausible for a scanned page",
                path=printable(path),
            )
        refs.append(PageRef(str(path), "pdf", i, dpi, f"{printable(path.name)}#{i + 1}", gray=gray, px_size=px,
                            text_layer=layer))
    return refs


def _refuse_signed(reader, path: Path) -> None:
    root = reader.trailer["/Root"]
    acro = root.get("/AcroForm")
    signed = False
    if acro is not None:
        acro = acro.get_object()
        stack = list(acro.get("/Fields", []) or [])
        seen = 0
        while stack and seen < 10_000:
            seen += 1
            f = stack.pop().get_object()
            if f.get("/FT") == "/Sig" and f.get("/V") is not None:
                signed = True
                break
            stack.extend(f.get("/Kids", []) or [])
    if not signed and root.get("/Perms") is not None:
        signed = True
    if signed:
        raise SignedPdfError(
            "the PDF is digitally signed; OCR would rewrite it and destroy the signature. "
            "Verify it instead (digitizer verify), or OCR the unsigned original",
            path=printable(path),
        )


def _native_dpi(page) -> tuple[float, bool, tuple[int, int] | None, str]:
    """Resolution of the page's scan image, when the page is one full-page image, and what text
    layer the page has ("", "digital" or "scan"; see PageRef.text_layer)."""
    try:
        images = list(page.images)
    except Exception:  # noqa: BLE001 - pypdf may fail on exotic image streams
        images = []
    has_text = False
    try:
        has_text = bool(page.extract_text(extraction_mode="plain").strip())
    except Exception:  # noqa: BLE001
        pass
    w_in = float(page.mediabox.width) / 72.0
    if len(images) == 1 and w_in > 0:
        obj = images[0]
        try:
            px_w = int(obj.indirect_reference.get_object()["/Width"]) if obj.indirect_reference else obj.image.width
            px_h = int(obj.indirect_reference.get_object()["/Height"]) if obj.indirect_reference else obj.image.height
            cs = obj.indirect_reference.get_object().get("/ColorSpace") if obj.indirect_reference else None
        except Exception:  # noqa: BLE001
            return TEXT_PDF_DPI, False, None, "digital" if has_text else ""
        h_in = float(page.mediabox.height) / 72.0
        rot = int(page.get("/Rotate", 0) or 0) % 180
        if rot:
            px_w, px_h = px_h, px_w
        dpi = round(max(px_w / w_in, px_h / h_in), 1) if h_in > 0 else px_w / w_in
        gray = str(cs) in ("/DeviceGray", "/CalGray")
        if 50 <= dpi <= 1200:
            return dpi, gray, (px_w, px_h), "scan" if has_text else ""
    return TEXT_PDF_DPI, False, None, "digital" if has_text else ""


def load_page(ref: PageRef) -> Image.Image:
    """Decode one page into a PIL image (in the calling process). Raises CorruptFileError."""
    path = Path(ref.path)
    try:
        if ref.kind == "pdf":
            from pdf2image import convert_from_path
            from pdf2image.exceptions import PDFPageCountError, PDFSyntaxError

            try:
                imgs = convert_from_path(
                    str(path),
                    dpi=ref.dpi,
                    size=ref.px_size,
                    first_page=ref.index + 1,
                    last_page=ref.index + 1,
                    grayscale=ref.gray,
                    timeout=300,
                )
            except (PDFPageCountError, PDFSyntaxError) as exc:
                raise CorruptFileError(f"page {ref.index + 1} cannot be rendered ({exc})", path=printable(path)) from None
            if not imgs:
                raise CorruptFileError(f"page {ref.index + 1} cannot be rendered", path=printable(path))
            img = imgs[0]
            img.info["dpi"] = (ref.dpi, ref.dpi)
            return img
        with open(path, "rb") as fh:
            data = fh.read()
        im = Image.open(io.BytesIO(data))
        if ref.index:
            im.seek(ref.index)
        im.load()
        if ref.index:
            im = im.copy()
        im.info["dpi"] = (ref.dpi, ref.dpi)
        return im
    except CorruptFileError:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(
            f"image dimensions are implausible for a scanned page ({exc})", path=printable(path)
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptFileError(
            f"page {ref.index + 1} is damaged or truncated and cannot be decoded ({exc})", path=printable(path)
        ) from None
