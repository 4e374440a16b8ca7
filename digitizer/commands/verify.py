"""CLI for verification: ``digitizer verify`` and the trust store ``digitizer trust``.

``verify`` exit codes: 0 all PASSED, 1 any FAILED, 2 any INDETERMINATE (none FAILED), 3 input
error (missing file, a file that is not a PDF at all, not a regular file, over --max-file-size,
bad policy file); 2 is also a usage error (a --report/--csv over or inside an input). A damaged PDF is not
an input error: its structural trouble is a finding inside the verdict (FAILED/FORMAT_FAILURE, or
INDETERMINATE where the signed revision is sound). ``trust``: 0 ok, 41 trust-store error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from ..errors import UsageError


def _files(paths: list[Path], listing: Path | None = None, max_bytes: int | None = None) -> list[Path]:
    out = []
    if listing is not None:
        # an archive listing: one path per line (relative paths are relative to the listing)
        from ..fsutil import check_input_file

        check_input_file(listing, max_bytes)  # a FIFO would block the read below
        try:
            text = listing.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{listing}: cannot read the listing ({exc.strerror})") from None
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                q = Path(line)
                out.append(q if q.is_absolute() else listing.parent / q)
    for p in paths:
        if p.is_dir():
            # every *.pdf entry that is not a folder: a FIFO or a link to a device is listed too,
            # so that verify_pdf refuses it by name (it is never read), instead of vanishing
            out.extend(
                sorted(q for q in p.rglob("*") if q.suffix.lower() == ".pdf" and not q.is_dir())
            )
        else:
            out.append(p)
    return out


def _printable_report(r):
    """The report as printed and written: its file name with undecodable bytes as ``\\xNN``."""
    from dataclasses import replace

    from ..fsutil import printable

    name = printable(r.path)
    return r if name == str(r.path) else replace(r, path=Path(name))


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _audit_verdict(path: Path, rep) -> None:
    from .. import audit

    audit.record("verified", doc=os.path.abspath(path), sha256=rep.sha256, details={
        "indication": rep.indication.value,
        "signatures": len(getattr(rep, "signatures", ()) or ()),
    })


def _verify(args) -> int:
    from signing.errors import InputPdfError, VerificationSetupError
    from signing.policy import load_policy
    from signing.report import to_csv, to_dict, to_html, to_pdf, to_text
    from signing.trust import TrustStore
    from signing.verify import Indication, verify_pdf

    if not args.verbose:  # pyHanko logs every failed path at WARNING: the report says it better
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        policy = load_policy(args.policy)
    except VerificationSetupError as exc:
        print(f"digitizer: error: {exc}", file=sys.stderr)
        return 3
    if args.online:
        from dataclasses import replace

        policy = replace(policy, allow_fetching=True)
    from ..fsutil import MB, printable, refuse_output_over_inputs

    if not args.max_file_size > 0:
        raise UsageError("--max-file-size must be more than 0 (MB)")
    inputs = [*args.files, *([args.list] if args.list else [])]
    outputs = {"--report": args.report, "--csv": args.csv}
    refuse_output_over_inputs(outputs, inputs)  # before any verification, nothing written
    store = TrustStore(args.trust)
    roots = store.certificates()
    max_bytes = round(args.max_file_size * MB)
    files = _files(args.files, args.list, max_bytes)
    if not files:
        raise UsageError("no PDF files found")
    refuse_output_over_inputs(outputs, files)  # a listing's entries are inputs too
    from .. import audit

    reports, errors = [], []
    for f in files:
        try:
            rep = verify_pdf(f, policy, trust_roots=roots, max_bytes=max_bytes)
            reports.append(_printable_report(rep))
            _audit_verdict(f, rep)
        except InputPdfError as exc:
            errors.append((f, printable(str(exc))))
            audit.record("failed", doc=os.path.abspath(f), details={
                "command": "verify", "code": getattr(exc, "code", "bad_input"),
                "message": printable(str(exc))})
            print(f"digitizer: error: {printable(str(exc))}", file=sys.stderr)
    if args.json:
        doc = [to_dict(r) for r in reports]
        print(
            json.dumps(
                doc[0]
                if len(doc) == 1 and not errors and len(files) == 1
                else {
                    "schema": "digitizer.verify-batch/1",
                    "files": doc,
                    "errors": [{"file": printable(f), "error": m} for f, m in errors],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for i, r in enumerate(reports):
            if i:
                print()
            print(to_text(r, args.lang, details=not args.brief))
        if len(files) > 1:
            print()
            counts = {k: sum(1 for r in reports if r.indication == k) for k in Indication}
            print(
                " | ".join(f"{k.value}: {v}" for k, v in counts.items())
                + (f" | ERROR: {len(errors)}" if errors else "")
            )
    if args.report:
        suffix = args.report.suffix.lower()
        if suffix in (".html", ".htm"):
            _write(args.report, to_html(reports, args.lang))
        elif suffix == ".xml":
            # ETSI TS 119 102-2 validation report; one file per verified PDF
            from signing.etsi import to_etsi_xml

            if len(reports) == 1:
                _write(args.report, to_etsi_xml(reports[0]))
            else:
                names = [args.report.with_name(f"{args.report.stem}-{i}.xml")
                         for i in range(1, len(reports) + 1)]
                refuse_output_over_inputs({f"--report ({n.name})": n for n in names}, files)
                for n, r in zip(names, reports):
                    _write(n, to_etsi_xml(r))
        elif suffix == ".pdf":
            tmp = args.report.with_name(f".{args.report.name}.part")
            tmp.write_bytes(to_pdf(reports, args.lang))
            tmp.replace(args.report)
        else:
            raise UsageError("--report must end in .pdf, .html or .xml")
    if args.csv:
        _write(args.csv, to_csv(reports))
    inds = {r.indication for r in reports}
    if Indication.FAILED in inds:
        return 1
    if errors:
        return 3
    if Indication.INDETERMINATE in inds:
        return 2
    return 0


def _trust(args) -> int:
    from signing.trust import TrustStore

    store = TrustStore(args.trust)
    if args.action == "list":
        entries = store.entries()
        if args.json:
            print(
                json.dumps(
                    [{"file": str(e.path), **e.info.to_dict()} for e in entries],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return 0
        print(f"{store.folder}: {len(entries)}")
        for e in entries:
            i = e.info
            print(
                f"  {i.fingerprint_sha256[:23]}…  {i.subject}  "
                f"({i.not_before:%Y-%m-%d} .. {i.not_after:%Y-%m-%d})"
            )
        return 0
    if args.action == "add":
        if args.vn_bundle:
            added = store.add_vn_bundle()
        elif args.items:
            added = [i for p in args.items for i in store.add(p)]
        else:
            raise UsageError("give certificate FILE(s) or --vn-bundle")
        for i in added:
            print(f"added {i.fingerprint_sha256}  {i.subject}")
        return 0
    if not args.items:
        raise UsageError("give the fingerprint (or its first 8+ hex digits) to remove")
    for key in args.items:
        for i in store.remove(key):
            print(f"removed {i.fingerprint_sha256}  {i.subject}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "verify",
        help="verify the signatures of PDFs (PASSED / FAILED / INDETERMINATE)",
        description="Verify every signature of each FILE (folders are searched for *.pdf). "
        "Offline by default, using the validation data in the document; --online allows "
        "OCSP/CRL fetching. Exit 0 all PASSED, 1 any FAILED, 2 any INDETERMINATE, 3 input error.",
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE")
    p.add_argument(
        "--list",
        type=Path,
        metavar="LISTING",
        help="text file with one PDF path per line (e.g. an archive listing)",
    )
    p.add_argument(
        "--trust",
        type=Path,
        metavar="DIR",
        help="trust store folder (default: $DIGITIZER_TRUST_DIR or platform data dir)",
    )
    p.add_argument("--policy", type=Path, metavar="FILE", help="validation policy TOML")
    p.add_argument("--online", action="store_true", help="allow fetching OCSP/CRL")
    p.add_argument("--json", action="store_true", help="machine format (digitizer.verify/1)")
    p.add_argument(
        "--report",
        type=Path,
        metavar="OUT.pdf|OUT.html|OUT.xml",
        help="printable report (PDF or HTML), or the ETSI TS 119 102-2 validation report (XML)",
    )
    p.add_argument("--csv", type=Path, metavar="OUT.csv", help="summary table as CSV")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--brief", action="store_true", help="one line per signature, no details")
    from .ocr import add_limit_arguments

    add_limit_arguments(p, pages=False)  # --max-file-size MB: larger files are refused unread
    p.set_defaults(func=_verify)

    t = subparsers.add_parser(
        "trust",
        help="manage the trust store (CA certificates that anchor verification)",
        description="list | add FILE... | add --vn-bundle | remove FINGERPRINT. The demo "
        "certificate is never trusted unless added here.",
    )
    t.add_argument("action", choices=["list", "add", "remove"])
    t.add_argument("items", nargs="*", metavar="FILE|FINGERPRINT")
    t.add_argument(
        "--vn-bundle",
        action="store_true",
        help="add the Vietnam National Root CA and RootCA G2 bundle",
    )
    t.add_argument("--trust", type=Path, metavar="DIR", help="trust store folder")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=_trust)
