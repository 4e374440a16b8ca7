"""Assemble the searchable PDF: one page per image at its physical size (100 % scale, from the
image's dpi), with tesseract's invisible text layer laid over it; PDF/A-2b by default
(``digitizer.ocr.pdfa``: OutputIntent, PDF/A identification in the XMP, PDF 1.7).

img2pdf embeds JPEG and CCITT G4 data without re-encoding; pikepdf (qpdf) overlays the text-only
pages and writes the file. The output is written to a temporary file, fsynced and renamed, so a
crash never leaves a half-written PDF under the final name.
"""

from __future__ import annotations

import datetime as _dt
import errno
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import img2pdf
import pikepdf

from .. import __version__
from ..errors import DiskFullError, OutputError
from ..fsutil import replace_durably
from . import pdfa as _pdfa
from .page import PageOutcome


@dataclass(frozen=True)
class Assembled:
    bytes: int
    pdfa: str | None  # "2b" when the file was written and can be claimed as PDF/A-2b
    warnings: tuple[str, ...] = ()


def _layout(dpis: Sequence[float]):
    it = iter(dpis)

    def fun(imgwidthpx, imgheightpx, ndpi):
        d = next(it)
        return (img2pdf.px_to_pt(imgwidthpx, d), img2pdf.px_to_pt(imgheightpx, d),
                img2pdf.px_to_pt(imgwidthpx, d), img2pdf.px_to_pt(imgheightpx, d))

    return fun


def _interleave_kept(pdf: pikepdf.Pdf, outcomes: Sequence[PageOutcome], opened: list) -> None:
    """Put the pages kept as they are (their own text layer) among the scanned pages, in order."""
    sources: dict[str, pikepdf.Pdf] = {}
    scanned_pages = list(pdf.pages)
    for _ in range(len(pdf.pages)):
        del pdf.pages[0]
    it = iter(scanned_pages)
    for o in outcomes:
        if o.keep_page is None:
            pdf.pages.append(next(it))
            continue
        path, index = o.keep_page
        if path not in sources:
            sources[path] = pikepdf.open(path)
            opened.append(sources[path])
        pdf.pages.append(sources[path].pages[index])


def assemble_pdf(
    outcomes: Sequence[PageOutcome],
    output: Path,
    *,
    title: str | None = None,
    tesseract_version: str = "",
    pdfa: bool = True,
    image_profile: str | None = None,
) -> Assembled:
    """Write the PDF (PDF/A-2b unless ``pdfa`` is False); return its size and PDF/A level.

    A page kept as it is whose fonts are not embedded cannot be PDF/A: the file is then written
    without the PDF/A claim (no identification, no OutputIntent) and a warning says why."""
    output = Path(output)
    scanned = [o for o in outcomes if o.keep_page is None]
    # Rotation.none: an EXIF orientation tag must not turn the page under its text layer; the
    # page was already turned upright by content. The image pages go to a file in the work
    # folder, not to memory: a backlog document of a thousand pages would otherwise hold every
    # page image in RAM at once.
    fd, tmp = tempfile.mkstemp(prefix=".digitizer-", suffix=".pdf.part", dir=output.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    image_pdf = Path(scanned[0].text_parts[0][0]).parent / "images.pdf" if scanned else tmp_path
    try:
        if scanned:
            with open(image_pdf, "wb") as fh:
                img2pdf.convert([o.image_path for o in scanned],
                                layout_fun=_layout([o.result.dpi for o in scanned]),
                                rotation=img2pdf.Rotation.none, outputstream=fh)
    except OSError as exc:
        tmp_path.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFullError("the disk holding the work folder is full", path=image_pdf) from None
        raise OutputError(f"cannot build the PDF pages ({exc})", path=output) from exc
    except Exception as exc:  # noqa: BLE001 - img2pdf raises plain exceptions
        tmp_path.unlink(missing_ok=True)
        raise OutputError(f"cannot build the PDF pages ({exc})", path=output) from exc
    opened: list[pikepdf.Pdf] = []
    try:
        with (pikepdf.open(image_pdf) if scanned else pikepdf.new()) as pdf:
            for page, o in zip(pdf.pages, scanned):
                x0, y0, x1, y1 = (float(v) for v in page.mediabox)
                k = 72.0 / o.result.dpi
                for part, top_px, bottom_px in o.text_parts:
                    # a few KB each, read into memory: no open file per page (fd limits)
                    text = pikepdf.open(io.BytesIO(Path(part).read_bytes()))
                    opened.append(text)
                    # the band's text page laid exactly over its band of the image
                    rect = pikepdf.Rectangle(x0, y1 - bottom_px * k, x1, y1 - top_px * k)
                    page.add_overlay(text.pages[0], rect)
            if len(scanned) < len(outcomes):
                _interleave_kept(pdf, outcomes, opened)
            warnings: list[str] = []
            level = None
            if pdfa:
                kept = [i for i, o in enumerate(outcomes) if o.keep_page is not None]
                why_not = _pdfa.blockers(pdf, kept)
                if why_not:
                    warnings += [f"not written as PDF/A-2b: {w}" for w in why_not]
                else:
                    removed = _pdfa.strip_forbidden(pdf) if kept else []
                    warnings += [f"removed for PDF/A-2b: {r}" for r in removed]
                    _pdfa.add_output_intent(pdf)
                    level = _pdfa.LABEL
            now = _dt.datetime.now(_dt.UTC).astimezone()
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["xmp:CreatorTool"] = f"digitizer {__version__}"
                meta["pdf:Producer"] = f"digitizer {__version__}; tesseract {tesseract_version}".strip()
                meta["xmp:CreateDate"] = now.isoformat(timespec="seconds")
                meta["xmp:ModifyDate"] = now.isoformat(timespec="seconds")
                meta["dc:language"] = ["vi"]
                if title:
                    meta["dc:title"] = title
                if level:
                    _pdfa.mark_pdfa(meta)
                if image_profile:
                    _pdfa.set_image_profile(meta, image_profile)
            if image_profile:
                _pdfa.describe_ocr_namespace(pdf)
            pdf.save(tmp_path, min_version="1.7", compress_streams=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.generate)
        replace_durably(tmp_path, output)
    except OSError as exc:
        tmp_path.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFullError("the disk is full; free some space and run again", path=output) from None
        raise OutputError(f"cannot write the PDF ({exc.strerror or exc})", path=output) from None
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    finally:
        for t in opened:
            t.close()
        if scanned:
            image_pdf.unlink(missing_ok=True)
    return Assembled(output.stat().st_size, level, tuple(warnings))
