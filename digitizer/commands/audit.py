"""CLI for the audit trail: ``digitizer audit verify|show|export|checkpoint``.

``digitizer archive audit`` (re-read every archived object against its SHA-256) is unchanged:
that is fixity of the archive; ``digitizer audit`` is the journal of who did what.

Exit codes: 0 ok; 34 the journal was edited, records deleted, reordered or inserted, or a
checkpoint does not verify; 3 DOC names nothing in the journal; 8 the journal cannot be opened.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("audit", help="audit trail: verify the journal, show a "
                              "document's history")
    sub = p.add_subparsers(dest="audit_cmd", metavar="ACTION", required=True)
    v = sub.add_parser("verify", help="check every record's hash, the chain and the checkpoints")
    v.add_argument("--json", action="store_true", help="machine-readable result")
    v.set_defaults(func=cmd_verify)
    s = sub.add_parser("show", help="the history of one document (file, SHA-256, id or path)")
    s.add_argument("doc", metavar="DOC", help="the document: a file (its SHA-256 is looked up), "
                   "a SHA-256, or the id/path recorded for it")
    s.add_argument("--json", action="store_true", help="print the history as JSON")
    s.set_defaults(func=cmd_show)
    e = sub.add_parser("export", help="write a document's history as JSON")
    e.add_argument("doc", metavar="DOC")
    e.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json")
    e.set_defaults(func=cmd_export)
    c = sub.add_parser("checkpoint", help="anchor the chain head now (RFC 3161 TSA or the "
                       "workstation key)")
    c.set_defaults(func=cmd_checkpoint)


def _history(doc: str):
    from .. import audit
    from ..errors import InputError

    journal = audit.open_journal()
    sha = None
    if re.fullmatch(r"[0-9a-fA-F]{64}", doc):
        sha = doc.lower()
    elif os.path.exists(doc):
        from ..fsutil import check_input_file

        check_input_file(doc)
        sha = audit.sha256_file(doc)
    recs = journal.history(doc=os.path.abspath(doc) if sha is None and os.path.exists(doc)
                           else doc, sha256=sha)
    if not recs:
        raise InputError("the audit journal has no record of this document", path=doc)
    return journal, recs


def cmd_show(args: argparse.Namespace) -> int:
    from .. import audit

    journal, recs = _history(args.doc)
    if args.json:
        print(json.dumps(audit.export_history(recs, journal), ensure_ascii=False, indent=2))
        return 0
    for r in recs:
        who = r.operator or "-"
        what = ", ".join(f"{k}={v}" for k, v in r.details.items() if v not in (None, "", []))
        print(f"{r.seq:>6}  {r.time}  {r.event:<16} {who} ({r.os_user}@{r.workstation})"
              f"  sha256 {(r.sha256 or '-')[:16]}  {what}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .. import audit
    from ..fsutil import write_atomic

    journal, recs = _history(args.doc)
    write_atomic(args.output, json.dumps(audit.export_history(recs, journal),
                                         ensure_ascii=False, indent=2) + "\n")
    print(args.output)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .. import audit

    journal = audit.open_journal()
    rep = journal.verify(audit.anchor_verifier())
    if args.json:
        print(json.dumps({
            "schema": "digitizer.audit-verify/1", "journal": str(journal.path),
            "records": rep.records, "checkpoints": rep.checkpoints,
            "anchored_upto": rep.anchored_upto, "ok": rep.ok,
            "problems": [{"seq": p.seq, "kind": p.kind, "message": p.message}
                         for p in rep.problems],
        }, ensure_ascii=False, indent=2))
    else:
        for p in rep.problems:
            print(f"{p.kind}: {p.message}")
        tail = rep.records - rep.anchored_upto
        print(f"{journal.path}: {rep.records} record(s), {rep.checkpoints} checkpoint(s), "
              f"anchored up to record {rep.anchored_upto}"
              + (f" ({tail} newer record(s) only chained)" if tail > 0 else ""),
              file=sys.stderr)
    if not rep.ok:
        raise audit.AuditIntegrityError(
            f"the audit journal does not verify: {len(rep.problems)} problem(s)",
            path=str(journal.path))
    return 0


def cmd_checkpoint(args: argparse.Namespace) -> int:
    from .. import audit

    done = audit.open_journal().checkpoint()
    if done is None:
        print("the journal is empty: nothing to anchor", file=sys.stderr)
    else:
        print(f"checkpoint at record {done[0]} ({done[1][:16]}...)")
    return 0
