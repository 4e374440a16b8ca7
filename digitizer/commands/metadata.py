"""``digitizer extract`` and ``digitizer metadata {validate,embed,show,schema}``.

Also exports :func:`add_meta_arguments` / :func:`meta_from_args` so other commands (``ocr``,
``sign``, ``process``) accept ``--meta KEY=VALUE`` and ``--meta-file FILE.json`` the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from ..errors import InputError, MetadataError, UsageError

EXIT_HELP = (
    "Exit codes: 0 ok, 2 usage, 3 bad input file, 4 encrypted PDF, 5 PDF already signed, "
    "8 cannot write output, 10 metadata invalid, 11 classified document refused."
)


# ----------------------------------------------------------------------------- shared options


def add_meta_arguments(p: argparse.ArgumentParser) -> None:
    """Add ``--meta KEY=VALUE`` (repeatable), ``--meta-file FILE.json`` and ``--schema FILE``."""
    p.add_argument(
        "--meta",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set or override a metadata field (repeatable), e.g. --meta "
        "dossier_code=000.00.23.H39-221005-0001",
    )
    p.add_argument(
        "--meta-file",
        type=Path,
        metavar="FILE.json",
        help="metadata record (or sidecar) to start from; --meta overrides it",
    )
    p.add_argument(
        "--schema", type=Path, metavar="FILE", help="record schema (default: built-in v1)"
    )


def meta_from_args(args: argparse.Namespace, base: dict | None = None) -> dict:
    """Record from ``base`` + ``--meta-file`` + ``--meta``, coerced and validated.

    Raises UsageError for a malformed ``--meta`` and MetadataError naming each bad field/rule."""
    from ..metadata import check, load_schema, read_sidecar

    schema = load_schema(getattr(args, "schema", None))
    rec = dict(base or {})
    if getattr(args, "meta_file", None):
        rec.update(read_sidecar(args.meta_file))
    for item in getattr(args, "meta", []) or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--meta {item!r}: expected KEY=VALUE")
        if schema.field(key) is None:
            raise UsageError(f"--meta {key}: unknown field (known: {', '.join(schema.keys)})")
        rec[key] = value
    return check(rec, schema)


def apply_meta_args(args: argparse.Namespace, pdf: Path, ocr_result=None) -> dict | None:
    """For ``ocr``/``sign``/``process``: when ``--meta``/``--meta-file`` were given, build the
    record (schema defaults < extraction from ``ocr_result`` < --meta-file < --meta), validate it,
    embed it into ``pdf`` in place (before signing) and write the sidecar. Returns the record, or
    None when no metadata option was used."""
    if not (getattr(args, "meta", None) or getattr(args, "meta_file", None)):
        return None
    from ..metadata import embed_xmp, extract, load_schema, write_sidecar

    schema = load_schema(getattr(args, "schema", None))
    base = schema.defaults()
    sugg = None
    if ocr_result is not None:
        sugg = extract(ocr_result, schema=schema)
        base.update(sugg.record())
    rec = meta_from_args(args, base)
    embed_xmp(pdf, rec, pdf, schema=schema)
    write_sidecar(pdf, rec, suggestions=sugg, schema=schema)
    return rec


# ----------------------------------------------------------------------------- register


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="suggest TTHC metadata from OCR results, searchable PDFs or scans",
        description="Read the document (OCR sidecar JSON, searchable PDF, or images/PDF scans which "
        "are OCRed first) and its barcodes, and print the suggested metadata record.",
        epilog=EXIT_HELP,
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="OCR sidecar .json, searchable PDF, or scans (PDF/JPEG/PNG/TIFF, one document)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print the record as JSON with _sources/_confidence (default: a table)",
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="META.json", help="also write the JSON here"
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=0.5,
        metavar="X",
        help="pre-fill only suggestions at least this confident (default 0.5)",
    )
    p.add_argument("--catalogue", type=Path, metavar="FILE", help="procedure catalogue (JSON/CSV)")
    p.add_argument("--vocabulary", type=Path, metavar="FILE", help="OCR-repair vocabulary")
    p.add_argument(
        "--images",
        nargs="+",
        type=Path,
        metavar="IMG",
        help="page images for barcode reading (default: the images in the PDF)",
    )
    p.add_argument("--lang", default="vie+eng", help="tesseract languages when OCR is needed")
    p.set_defaults(func=run_extract)

    m = sub.add_parser(
        "metadata",
        help="validate, embed and show TTHC metadata",
        description="Work with the TTHC metadata record.",
        epilog=EXIT_HELP,
    )
    msub = m.add_subparsers(dest="metadata_command", metavar="ACTION")
    m.set_defaults(func=lambda a: (m.print_help(), 2)[1])

    v = msub.add_parser("validate", help="check a record against the schema", epilog=EXIT_HELP)
    v.add_argument("record", type=Path, metavar="META.json")
    v.add_argument("--schema", type=Path, metavar="FILE")
    v.add_argument("--lang", choices=["vi", "en"], default="en", help="language of field labels")
    v.set_defaults(func=run_validate)

    e = msub.add_parser(
        "embed", help="write the record into a PDF (XMP + info) before signing", epilog=EXIT_HELP
    )
    e.add_argument("pdf", type=Path, metavar="IN.pdf")
    e.add_argument("record", type=Path, nargs="?", metavar="META.json")
    e.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.pdf",
        help="output PDF (default: a name from the metadata, --name-template)",
    )
    e.add_argument(
        "--name-template",
        default="{dossier_code}.{ordinal}.pdf",
        help="output file name from metadata fields (default {dossier_code}.{ordinal}.pdf)",
    )
    e.add_argument("--ordinal", type=int, default=1)
    e.add_argument("--no-sidecar", action="store_true", help="do not write OUT.pdf.json")
    e.add_argument("--meta", action="append", default=[], metavar="KEY=VALUE")
    e.add_argument("--schema", type=Path, metavar="FILE")
    e.set_defaults(func=run_embed)

    s = msub.add_parser("show", help="print the record embedded in a PDF", epilog=EXIT_HELP)
    s.add_argument("pdf", type=Path, metavar="PDF")
    s.add_argument("--json", action="store_true")
    s.add_argument("--schema", type=Path, metavar="FILE")
    s.add_argument("--lang", choices=["vi", "en"], default="en")
    s.set_defaults(func=run_show)

    sc = msub.add_parser("schema", help="list the record's fields and rules")
    sc.add_argument("--schema", type=Path, metavar="FILE")
    sc.add_argument("--lang", choices=["vi", "en"], default="en")
    sc.set_defaults(func=run_schema)


# ----------------------------------------------------------------------------- handlers


def _load_document(args: argparse.Namespace, tmpdir: Path):
    """(DocumentResult, images or None) from the inputs."""
    from ..model import DocumentResult

    inputs = [Path(i) for i in args.inputs]
    for i in inputs:
        if not i.is_file():
            raise InputError("input not found", path=i)
    if len(inputs) == 1 and inputs[0].suffix.lower() == ".json":
        try:
            doc = DocumentResult.from_dict(json.loads(inputs[0].read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"not an OCR sidecar (digitizer ocr --sidecar): {exc}", path=inputs[0]
            ) from None
        return doc
    if len(inputs) == 1 and inputs[0].suffix.lower() == ".pdf":
        from ..metadata.pdftext import pdf_text_document

        doc = pdf_text_document(inputs[0])
        if any(p.words for p in doc.pages):
            return doc
    try:
        from ..pipeline import OcrOptions, ocr_document
    except ImportError:
        raise InputError("inputs need OCR but the OCR pipeline is not available") from None
    out = tmpdir / "ocr.pdf"
    return ocr_document(inputs, out, OcrOptions(lang=args.lang))


def run_extract(args: argparse.Namespace) -> int:
    from ..metadata import extract, load_catalogue, load_vocabulary

    if not 0 <= args.min_confidence <= 1:
        raise UsageError("--min-confidence must be between 0 and 1")
    with tempfile.TemporaryDirectory(prefix="digitizer-extract-") as td:
        doc = _load_document(args, Path(td))
        sug = extract(
            doc,
            images=args.images,
            catalogue=load_catalogue(args.catalogue) if args.catalogue else None,
            vocabulary=load_vocabulary(args.vocabulary) if args.vocabulary else None,
        )
    data = sug.to_json(args.min_confidence)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if args.output:
        try:
            args.output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            from ..errors import OutputError

            raise OutputError(f"cannot write: {exc.strerror}", path=args.output) from None
    if args.json:
        print(text)
    else:
        for k, v in data.items():
            if not k.startswith("_"):
                print(f"{k:16} {v!s:50} {data['_sources'][k]:9} {data['_confidence'][k]:.2f}")
        for k, h in data.get("_hints", {}).items():
            print(
                f"{k:16} {h['value']!s:50} {h['source']:9} {h['confidence']:.2f} (hint: {h['note']})"
            )
    return 0


def _print_errors(errs, schema, lang: str) -> None:
    for e in errs:
        spec = schema.field(e.field)
        label = spec.label_for(lang) if spec else e.field
        print(f"{e.field} ({label}): {e.message} [{e.code}]", file=sys.stderr)


def run_validate(args: argparse.Namespace) -> int:
    from ..metadata import coerce, load_schema, read_sidecar, validate

    schema = load_schema(args.schema)
    rec = coerce(read_sidecar(args.record), schema)
    errs = validate(rec, schema)
    if errs:
        _print_errors(errs, schema, args.lang)
        raise MetadataError(f"{len(errs)} field error(s)", path=args.record)
    print(f"{args.record}: valid (schema v{schema.version})")
    return 0


def run_embed(args: argparse.Namespace) -> int:
    from ..metadata import embed_xmp, load_schema, output_name, read_xmp, write_sidecar

    schema = load_schema(args.schema)
    ns = argparse.Namespace(meta=args.meta, meta_file=args.record, schema=args.schema)
    rec = meta_from_args(ns, base=schema.defaults())
    out = args.output or args.pdf.with_name(
        output_name(rec, args.name_template, ordinal=args.ordinal)
    )
    try:
        old = read_xmp(args.pdf, schema=schema)
    except Exception:  # noqa: BLE001 - the old values are for the audit trail only
        old = {}
    embed_xmp(args.pdf, rec, out, schema=schema)
    from .. import audit

    changed = sorted(k for k in {*old, *rec} if old.get(k) != rec.get(k))
    audit.record("metadata.set", path=out, inputs=[audit.sha256_file(args.pdf)], details={
        "old": {k: old.get(k) for k in changed}, "new": {k: rec.get(k) for k in changed}})
    print(out)
    if not args.no_sidecar:
        print(write_sidecar(out, rec, schema=schema))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..metadata import load_schema, read_xmp

    schema = load_schema(args.schema)
    rec = read_xmp(args.pdf, schema=schema)
    if args.json:
        print(json.dumps(rec, ensure_ascii=False, indent=2))
        return 0
    if not rec:
        print(f"{args.pdf}: no TTHC metadata", file=sys.stderr)
        return 0
    for spec in schema.fields:
        if spec.key in rec:
            print(f"{spec.label_for(args.lang):40} {rec[spec.key]}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from ..metadata import load_schema

    schema = load_schema(args.schema)
    print(f"schema v{schema.version} ({schema.source})")
    for f in schema.fields:
        rules = [f.type]
        if f.max_length:
            rules.append(f"<= {f.max_length} chars")
        if f.rule:
            rules.append(f"rule {f.rule}")
        if f.pattern:
            rules.append(f"pattern {f.pattern}")
        if f.default is not None:
            rules.append(f"default {f.default!r}")
        print(f"{f.key:18} {f.label_for(args.lang):45} {', '.join(rules)}")
    return 0
