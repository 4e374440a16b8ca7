"""``digitizer batch SOURCE -o OUT_DIR`` and ``digitizer batch status OUT_DIR``.

Chains OCR -> metadata -> (sign) -> (enqueue) over a backlog with a resumable journal
(``digitizer.batch``). Option names are those of ``digitizer ocr`` and ``digitizer sign``.

Exit codes: 0 every document done; 12 the batch ran to its end but some documents failed or need
review (see ``batch status``); 2 usage; 6 tesseract/language pack missing; 8 cannot write the
output folder, disk full (or another batch runs on it); 20-29 the signing credential could not
be opened or was refused mid-batch (the batch stops; documents keep their stage); 33 unknown
archive target; 130 cancelled (run the same
command again to resume).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

from ..errors import UsageError
from ..progress import Progress

EPILOG = (
    "Resume: run the same command again; finished documents are skipped (redone when their "
    "input files changed), an interrupted document restarts the stage it was in. "
    "Exit codes: 0 all done, 12 some documents failed or need review (digitizer batch status "
    "OUT_DIR), 2 usage, 6 missing tesseract, 8 cannot write OUT_DIR, 20-29 signing credential, "
    "33 unknown archive target, 130 cancelled."
)


def register(sub: argparse._SubParsersAction) -> None:
    from .metadata import add_meta_arguments
    from .ocr import add_limit_arguments
    from .sign import _credential_args

    p = sub.add_parser(
        "batch",
        help="process a backlog: OCR, metadata, sign, enqueue (resumable)",
        description="Process every document of SOURCE (a folder: each sub-folder is one "
        "document, its files in name order, each loose PDF, TIFF, JPEG or PNG file is one "
        "document; every other entry is listed as skipped with its reason; or a CSV/JSON "
        "manifest) into OUT_DIR, with a journal (OUT_DIR/.batch/journal.sqlite3) that makes the "
        "run resumable. 'digitizer batch status OUT_DIR [--csv FILE] [--report FILE.html]' "
        "shows the journal.",
        epilog=EPILOG,
    )
    p.add_argument("source", metavar="SOURCE", help="folder or manifest.csv/.json; or 'status'")
    p.add_argument(
        "status_dir",
        nargs="?",
        metavar="OUT_DIR",
        help="(only with 'status') the batch output folder",
    )
    p.add_argument("-o", "--output", type=Path, metavar="OUT_DIR", help="output folder")
    p.add_argument("--lang", default="vie+eng", help="tesseract languages (default vie+eng)")
    p.add_argument("--jobs", type=int, default=None, help="parallel pages (default: CPU count)")
    p.add_argument(
        "--drop-blank", action="store_true", help="leave out pages detected blank (they are listed)"
    )
    p.add_argument("--colour", choices=["auto", "colour", "grey", "bilevel"], default="auto")
    p.add_argument(
        "--require",
        action="append",
        metavar="FIELD",
        help="metadata field that must be filled, else the document needs review "
        "(repeatable; default: dossier_code, type_name, issued_date, organ_name)",
    )
    p.add_argument(
        "--retry-failed",
        action="store_true",
        help="process documents that failed in an earlier run again",
    )
    p.add_argument(
        "--sequential",
        action="store_true",
        help="one document at a time (default: two documents OCR at once, sharing "
        "the page workers, and are finished in order; 1.3x faster on the dev corpus)",
    )
    add_meta_arguments(p)  # --meta KEY=VALUE, --meta-file, --schema (applied to every document)
    add_limit_arguments(p)  # --max-file-size MB, --max-pages N (per document)
    _credential_args(p, demo=False)
    p.add_argument(
        "--level",
        default="B-LT",
        choices=["B-B", "B-T", "B-LT", "B-LTA"],
        help="PAdES level when signing (default B-LT)",
    )
    p.add_argument(
        "--tsa",
        metavar="URL",
        default=os.environ.get("DIGITIZER_TSA_URL"),
        help="RFC 3161 timestamp server (default: $DIGITIZER_TSA_URL)",
    )
    p.add_argument("--invisible", action="store_true", help="no visible signature block")
    from .sign import add_stamp_arguments

    # --copy-agency, --stamp-form, --copy-form, --rsa-pss, --pin-confirm-risk (as on sign)
    add_stamp_arguments(p)
    p.add_argument(
        "--chain",
        type=Path,
        action="append",
        metavar="FILE",
        help="extra CA certificates for the chain (repeatable)",
    )
    p.add_argument("--trust", type=Path, metavar="DIR", help="trust store folder")
    p.add_argument(
        "--enqueue",
        action="append",
        default=[],
        metavar="TARGET",
        help="queue each finished document for this archive target (repeatable; "
        "classified documents are never queued)",
    )
    p.add_argument(
        "--outbox",
        type=Path,
        metavar="DIR",
        help="archive outbox (default: $DIGITIZER_OUTBOX or the settings)",
    )
    p.add_argument("--csv", type=Path, metavar="FILE", help="write the per-document report as CSV")
    p.add_argument(
        "--report",
        type=Path,
        metavar="FILE.html",
        help="write the morning report: one self-contained HTML page (counts, every document "
        "with its state, pages, text not fully read, metadata to review and why, signature, "
        "archive delivery, and the skipped files with their reasons)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="only the summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.source == "status" and args.status_dir:
        return status(args)
    if args.status_dir:
        raise UsageError(f"unexpected argument {args.status_dir!r} (did you mean -o OUT_DIR?)")
    if args.output is None:
        raise UsageError("give the output folder with -o OUT_DIR")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    _check_report_name(args)  # before a night's work, not after it
    from ..batch import DEFAULT_REQUIRED, BatchOptions, run_batch
    from ..pipeline import OcrOptions
    from .ocr import limit_options

    meta: dict = {}
    if args.meta or args.meta_file:
        from ..metadata import read_sidecar

        meta = dict(read_sidecar(args.meta_file)) if args.meta_file else {}
        for item in args.meta:
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                raise UsageError(f"--meta {item!r}: expected KEY=VALUE")
            meta[key.strip()] = value
    signer = None
    if args.pkcs12 or args.pkcs11_lib or args.csc_url:
        from .sign import open_signer

        signer = open_signer(args)  # prompts once, before any work; secrets never in argv
    elif args.password_env or args.pin_env:
        raise UsageError("--password-env/--pin-env need --pkcs12 FILE or --pkcs11-lib LIB")
    elif args.csc_credential or args.csc_auth_env:
        raise UsageError("--csc-credential/--csc-auth-env need --csc-url URL")
    stamp = None
    if signer is not None:
        from .sign import stamp_for_records

        stamp = stamp_for_records(args)  # each document's form from its type (signing.toml)
    opts = BatchOptions(
        ocr=OcrOptions(
            lang=args.lang, jobs=args.jobs, drop_blank=args.drop_blank, colour=args.colour,
            **limit_options(args),
        ),
        meta=meta,
        schema=args.schema,
        required=tuple(args.require) if args.require else DEFAULT_REQUIRED,
        signer=signer,
        level=args.level,
        tsa_url=args.tsa,
        stamp=stamp,
        pss=bool(args.pss),
        enqueue=tuple(dict.fromkeys(args.enqueue)),
        outbox=args.outbox,
        retry_failed=args.retry_failed,
        overlap=not args.sequential,
    )

    live = ProgressLine(sys.stderr) if not args.quiet and sys.stderr.isatty() else None
    printing = live.lock if live is not None else threading.RLock()  # OCR threads report too

    def progress(ev: Progress) -> None:
        with printing:
            _print_event(ev, live)

    def _print_event(ev: Progress, live: ProgressLine | None) -> None:
        x = ev.extra
        if live is not None:
            live.clear()
        if x.get("event") == "document":
            if not args.quiet:
                line = f"[{ev.done + 1}/{ev.total}] {ev.message}"
                if x.get("skipped"):
                    line += " (unchanged since an earlier run, skipped)"
                print(line, flush=True)
        elif x.get("event") == "warning":
            print(f"  warning: {ev.message}", file=sys.stderr, flush=True)
        if live is not None:
            live.update(ev)

    try:
        report = run_batch(args.source, args.output, opts, progress=progress)
    except BaseException:
        if live is not None:
            live.clear()
        # a stopped batch (cancel, refused certificate ...) still leaves its reports behind
        _write_reports(args, args.output, quiet=True)
        raise
    finally:
        if signer is not None:
            signer.close()
    if live is not None:
        live.clear()
    c = report.counts()
    print(
        f"batch: {len(report.documents)} document(s): {c.get('done', 0)} done, "
        f"{c.get('failed', 0)} failed, {c.get('needs_review', 0)} need review; "
        f"{report.pages_processed} page(s) OCRed in {report.seconds:.1f} s; "
        f"journal {report.journal}"
    )
    if report.skipped:
        print(f"batch: {len(report.skipped)} file(s) in SOURCE skipped (not documents); "
              "see the list below")
    if report.text_review:
        print(f"batch: {len(report.text_review)} document(s) with text not fully read "
              "(coverage check); see the notes below")
    for d in report.documents:
        if d.state == "failed":
            print(f"  failed: {d.id}: {d.error} [{d.error_code}]", file=sys.stderr)
        elif d.state == "needs_review":
            print(f"  needs review: {d.id}: {d.error}", file=sys.stderr)
        if d.text_review_pages:
            print(f"  text not fully read: {d.id}: page(s) "
                  + ", ".join(map(str, d.text_review_pages)), file=sys.stderr)
    _print_skipped(report.skipped, args.source, file=sys.stderr)
    _write_reports(args, args.output)
    return report.exit_code


class ProgressLine:
    """One live line on the terminal while a batch runs: documents, pages OCRed, rate, ETA.

    Written to a terminal only (the caller checks ``isatty``), so logs and pipes stay clean;
    no dependency: a carriage return and an erase-line code. The ETA is the mean time of the
    documents worked on in this run times the documents left (unchanged documents are skipped
    in no time and do not count). Events arrive from the OCR threads too, hence the lock."""

    def __init__(self, stream, clock=time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.t0 = clock()
        self.lock = threading.RLock()  # held by the caller around a whole event too
        self.docs = self.worked = self.pages = self.total = 0
        self.shown = False

    def update(self, ev: Progress) -> None:
        x = ev.extra
        with self.lock:
            self.total = max(self.total, ev.total)
            if x.get("event") == "page":
                self.pages += 1
            elif x.get("event") == "document":
                self.docs += 1
                self.worked += 0 if x.get("skipped") else 1
            self.stream.write("\r\x1b[K" + self.text())
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        with self.lock:
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self.shown = False

    def text(self) -> str:
        elapsed = max(self.clock() - self.t0, 1e-9)
        left = max(self.total - self.docs, 0)
        if not left:
            eta = "0:00"
        elif self.worked:
            eta = _clock_text(elapsed / self.worked * left)
        else:
            eta = "--:--"
        return (f"batch: {self.docs}/{self.total} documents, {self.pages} page(s) OCRed, "
                f"{self.pages / elapsed * 60:.1f} pages/min, ETA {eta}")


def _clock_text(seconds: float) -> str:
    s = round(seconds)
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


SKIPPED_SHOWN = 20  # more are counted, and listed in full by the report


def _print_skipped(skipped, source, file=None) -> None:
    from ..fsutil import printable  # a name that is not UTF-8 is shown with \xNN escapes

    base = Path(source) if source else None
    for s in skipped[:SKIPPED_SHOWN]:
        p = Path(s.path)
        shown = p.relative_to(base) if base and p.is_relative_to(base) else p
        print(f"  skipped: {printable(shown)}: {printable(s.reason)}", file=file)
    if len(skipped) > SKIPPED_SHOWN:
        print(f"  ... and {len(skipped) - SKIPPED_SHOWN} more skipped file(s): see "
              "'digitizer batch status OUT_DIR --report FILE.html'", file=file)


def _check_report_name(args: argparse.Namespace) -> None:
    if args.report is not None and args.report.suffix.lower() not in (".html", ".htm"):
        raise UsageError("--report must end in .html (the morning report is an HTML page)")


def _write_reports(args: argparse.Namespace, out_dir, quiet: bool = False) -> None:
    """The CSV and HTML reports from the journal (``quiet``: after a stop, best effort)."""
    if not (args.csv or args.report):
        return
    from ..batch import batch_status, export_csv, journal_path
    from ..batch_report import export_html

    if quiet and not journal_path(out_dir).is_file():
        return  # stopped before anything was journalled: nothing to report
    try:
        st = batch_status(out_dir)
        if args.csv:
            export_csv(st, args.csv)
        if args.report:
            export_html(st, args.report)
            print(f"report written: {args.report}")
    except Exception as exc:
        if not quiet:
            raise
        print(f"  warning: reports not written: {exc}", file=sys.stderr)


def status(args: argparse.Namespace) -> int:
    from ..batch import batch_status, export_csv

    _check_report_name(args)
    st = batch_status(args.status_dir)
    order = ("done", "running", "pending", "needs_review", "failed")
    parts = [f"{k}: {st.counts[k]}" for k in order if k in st.counts]
    print(f"{len(st.documents)} document(s) — " + ", ".join(parts))
    for row in st.documents:
        if row.get("output_altered") and row["state"] != "failed":
            print(f"  altered: {row['id']}: {row['output_altered']}")
        if row["state"] == "failed":
            print(f"  failed: {row['id']}: {row['error']} [{row['error_code']}]")
        elif row["state"] == "needs_review":
            print(f"  needs review: {row['id']}: {row['field_errors']}")
        elif row["state"] in ("running", "pending"):
            print(f"  {row['state']}: {row['id']} (stage reached: {row['stage'] or 'none'})")
    if st.skipped:
        print(f"{len(st.skipped)} file(s) in SOURCE skipped (not documents):")
        _print_skipped(st.skipped, st.info.get("source", ""))
    if args.csv:
        export_csv(st, args.csv)
        print(f"report written: {args.csv}")
    if args.report:
        from ..batch_report import export_html

        export_html(st, args.report)
        print(f"report written: {args.report}")
    bad = any(r["state"] != "done" for r in st.documents)
    return 12 if bad else 0
