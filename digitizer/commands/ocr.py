"""``digitizer ocr INPUT... -o OUT.pdf``: scans/images/PDFs -> one searchable PDF."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..model import DocumentResult
from ..progress import Progress


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ocr",
        help="make one searchable PDF from scans, images and PDFs",
        description="Import the inputs (in order, as one document), turn pages upright, deskew, "
        "flag blank pages, OCR in Vietnamese + English and write a searchable PDF.",
        epilog="Exit codes: 0 ok, 2 usage, 3 bad input file, 4 encrypted PDF, 5 signed PDF, "
        "6 missing tesseract/language pack, 7 OCR failed, 8 cannot write output, 130 cancelled.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="PDF, JPEG, PNG or TIFF files")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    p.add_argument("--sidecar", metavar="OUT.json", help="write text, word boxes, orientation "
                   "fixes and blank-page flags as JSON")
    p.add_argument("--lang", default="vie+eng", help="tesseract languages (default vie+eng)")
    p.add_argument("--jobs", type=int, default=None, help="parallel pages (default: CPU count)")
    p.add_argument("--drop-blank", action="store_true",
                   help="leave out pages detected blank (they are listed)")
    p.add_argument("--profile", choices=["archive", "compact"], default="archive",
                   help="image profile: archive (default; every page a colour image of at least "
                   "24 bits, 300 dpi asked of maps and drawings: Circular 05/2025 Art 8) or compact "
                   "(grey or bilevel where a page has no colour; not for archive records). "
                   "Recorded in the sidecar and the PDF's XMP")
    p.add_argument("--colour", choices=["auto", "colour", "grey", "bilevel"], default="auto",
                   help="image mode in the PDF, with --profile compact (auto: colour only for "
                   "pages with colour, e.g. seals)")
    p.add_argument("--output-type", choices=["pdfa", "pdfa-2", "pdf"], default="pdfa",
                   help="pdfa / pdfa-2 (default): PDF/A-2b, made before any signature; pdf: a "
                   "plain PDF (not for archive records)")
    p.add_argument("--jpeg-quality", type=int, default=75, metavar="Q")
    p.add_argument("--no-rotate", action="store_true", help="do not turn pages upright")
    p.add_argument("--no-deskew", action="store_true", help="do not straighten skewed pages")
    add_limit_arguments(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    from .metadata import add_meta_arguments

    add_meta_arguments(p)  # --meta KEY=VALUE / --meta-file: pre-fill, validate, embed as XMP
    p.set_defaults(func=run)


def add_limit_arguments(p: argparse.ArgumentParser, pages: bool = True) -> None:
    """--max-file-size (and --max-pages): the limits checked before any input is read."""
    from ..acquire.importer import MAX_FILE_BYTES, MAX_PAGES
    from ..fsutil import MB

    p.add_argument("--max-file-size", type=float, default=MAX_FILE_BYTES / MB, metavar="MB",
                   help=f"refuse input files larger than this, checked before reading "
                   f"(default {MAX_FILE_BYTES // MB} MB)")
    if pages:
        p.add_argument("--max-pages", type=int, default=MAX_PAGES, metavar="N",
                       help=f"refuse a document of more pages (PDF pages and TIFF frames), "
                       f"checked before any OCR (default {MAX_PAGES})")


def limit_options(args: argparse.Namespace) -> dict:
    """OcrOptions fields from the limit arguments (a usage error when out of range)."""
    from ..errors import UsageError
    from ..fsutil import MB

    if not args.max_file_size > 0:
        raise UsageError("--max-file-size must be more than 0 (MB)")
    out = {"max_file_bytes": round(args.max_file_size * MB)}
    if getattr(args, "max_pages", None) is not None:
        if args.max_pages < 1:
            raise UsageError("--max-pages must be at least 1")
        out["max_pages"] = args.max_pages
    return out


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..pipeline import OcrOptions, ocr_document

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if not 10 <= args.jpeg_quality <= 100:
        raise UsageError("--jpeg-quality must be between 10 and 100")
    drawing = False
    if args.meta or args.meta_file:  # maps, drawings, construction permits: 300 dpi (profiles)
        from ..imaging.profiles import is_drawing_record

        drawing = is_drawing_record(_meta_preview(args))
    opts = OcrOptions(
        profile=args.profile, output_type=args.output_type, drawing=drawing,
        lang=args.lang, jobs=args.jobs, drop_blank=args.drop_blank, colour=args.colour,
        jpeg_quality=args.jpeg_quality, rotate=not args.no_rotate, deskew=not args.no_deskew,
        **limit_options(args),
    )

    def progress(ev: Progress) -> None:
        if args.quiet or ev.extra.get("event") != "done":
            return
        x = ev.extra
        notes = []
        if x.get("rotation"):
            notes.append(f"turned {x['rotation']}°")
        if x.get("deskew"):
            notes.append(f"deskewed {x['deskew']:+.1f}°")
        if x.get("blank"):
            notes.append("blank")
        print(f"page {ev.page}: done ({ev.done}/{ev.total})" + (f" [{', '.join(notes)}]" if notes else ""),
              file=sys.stderr)

    from ..fsutil import refuse_output_over_inputs

    refuse_output_over_inputs(
        {"the output (-o)": args.output, "the sidecar (--sidecar)": args.sidecar,
         "the metadata sidecar (OUT.pdf.json)":
             f"{args.output}.json" if args.meta or args.meta_file else None},
        [*args.inputs, *([args.meta_file] if args.meta_file else [])],
    )
    if args.meta or args.meta_file:  # a malformed --meta fails before the OCR work, not after
        from ..metadata import load_schema

        schema = load_schema(args.schema)
        for item in args.meta:
            key, sep, _ = item.partition("=")
            if not sep or schema.field(key.strip()) is None:
                raise UsageError(f"--meta {item!r}: expected KEY=VALUE with a known field "
                                 f"({', '.join(schema.keys)})")
    result = ocr_document(args.inputs, Path(args.output), opts, progress=progress,
                          sidecar=args.sidecar)
    from .metadata import apply_meta_args

    record = apply_meta_args(args, Path(args.output), result)
    from .. import audit

    src = [audit.sha256_file(p) for p in args.inputs]
    audit.record("document.created", path=args.output, inputs=src, details={
        "sources": [{"path": os.path.abspath(p), "sha256": h} for p, h in zip(args.inputs, src)],
        "pages": len(result.pages), "command": "ocr"})
    audit.record("ocr.run", path=args.output, inputs=src, details={
        "language": result.language, "pages": len(result.pages),
        "pages_to_review": [i + 1 for i in result.pages_to_review],
        "metadata": bool(record)})
    if record is not None:
        audit.record("metadata.set", path=args.output, details={"old": {}, "new": record})
    _summary(result, quiet=args.quiet)
    if record is not None and not args.quiet:
        print(f"metadata embedded (XMP) and written beside the PDF: {args.output}.json",
              file=sys.stderr)
    return 0


def _meta_preview(args: argparse.Namespace) -> dict:
    """type_name / procedure_code from --meta-file and --meta, read before the OCR (for the
    drawing-type rule); the full record is built after the OCR by apply_meta_args."""
    rec: dict = {}
    if args.meta_file:
        from ..metadata import read_sidecar

        rec.update(read_sidecar(args.meta_file))
    for item in args.meta:
        key, _, value = item.partition("=")
        rec[key.strip()] = value.strip()
    return rec


def _summary(r: DocumentResult, quiet: bool) -> None:
    for w in r.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if r.dropped_blank:
        print("dropped blank pages: " + ", ".join(str(i + 1) for i in r.dropped_blank),
              file=sys.stderr)
    for p in r.pages:
        if p.needs_review:
            regions = "; ".join(f"x {x0}-{x1}, y {y0}-{y1}" for x0, y0, x1, y1 in p.unread_regions[:5])
            print(f"warning: page {p.index + 1}: text not fully read: {p.review_reason} "
                  f"(pixels {regions}); check the text layer there", file=sys.stderr)
    blank_kept = [p.index + 1 for p in r.pages if p.blank]
    if blank_kept:
        print("blank pages (kept; use --drop-blank to leave them out): "
              + ", ".join(map(str, blank_kept)), file=sys.stderr)
    if quiet:
        return
    size = Path(r.output).stat().st_size
    n = len(r.pages)
    kind = f"PDF/A-{r.pdfa}" if r.pdfa else "PDF (not PDF/A)"
    print(f"wrote {r.output} ({kind}, {r.profile} profile): {n} page(s), {size / 1024:.0f} KB "
          f"({size / 1024 / max(n, 1):.0f} KB/page), "
          f"OCR {r.timings.get('ocr_s', 0):.1f} s", file=sys.stderr)
