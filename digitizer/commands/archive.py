"""CLI for archive upload: ``upload``, ``queue status|list|run|retry``, ``archive targets|fetch|audit``.

Exit codes: 0 ok; 3 unreadable input file; 10 bad metadata; 11 classified document refused;
30 some deliveries failed (see ``queue list --state failed``); 31 a target was unreachable (items
stay queued); 32 audit found missing/altered objects, or a fetched object failed its checksum;
33 bad archive configuration or credentials rejected; 130 cancelled.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..errors import (
    ArchiveConfigError,
    ArchiveError,
    ArchiveIntegrityError,
    ArchiveUnavailableError,
    InputError,
    MetadataError,
)
from ..progress import CancelToken, Progress


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        type=Path,
        help="settings TOML (default: $DIGITIZER_CONFIG or the platform config dir)",
    )
    p.add_argument(
        "--outbox",
        type=Path,
        help="outbox directory (default: $DIGITIZER_OUTBOX or the platform data dir)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    up = subparsers.add_parser(
        "upload",
        help="queue signed PDFs for the archive targets",
        description="Copy each FILE into the outbox and queue it for the "
        "targets (default: archive.default_targets). Use --run to upload now.",
    )
    up.add_argument("files", nargs="+", type=Path, metavar="FILE")
    up.add_argument(
        "--metadata",
        type=Path,
        help="metadata JSON object for all FILEs (default: FILE with .json suffix beside it)",
    )
    up.add_argument(
        "--target",
        action="append",
        dest="targets",
        metavar="NAME",
        help="archive target (repeatable)",
    )
    up.add_argument("--run", action="store_true", help="drain the queue once after enqueueing")
    _common(up)
    up.set_defaults(func=cmd_upload)

    q = subparsers.add_parser("queue", help="show and drain the archive outbox")
    qs = q.add_subparsers(dest="queue_cmd", metavar="ACTION", required=True)
    st = qs.add_parser("status", help="counts per target and state, reachability")
    st.add_argument("--check", action="store_true", help="probe each target")
    _common(st)
    st.set_defaults(func=cmd_status)
    ls = qs.add_parser("list", help="list queued items")
    ls.add_argument("--state", choices=["pending", "uploading", "done", "failed"])
    ls.add_argument("--target")
    ls.add_argument("--json", action="store_true")
    _common(ls)
    ls.set_defaults(func=cmd_list)
    rn = qs.add_parser("run", help="upload queued items")
    rn.add_argument(
        "--once",
        action="store_true",
        help="deliver what is due now and exit (default: keep running until Ctrl+C)",
    )
    rn.add_argument("--target", action="append", dest="targets", metavar="NAME")
    _common(rn)
    rn.set_defaults(func=cmd_run)
    rt = qs.add_parser("retry", help="re-queue failed items")
    rt.add_argument("ids", nargs="*", type=int, metavar="ID")
    rt.add_argument("--all-failed", action="store_true")
    rt.add_argument("--target")
    _common(rt)
    rt.set_defaults(func=cmd_retry)

    a = subparsers.add_parser("archive", help="archive targets: list, fetch, audit")
    as_ = a.add_subparsers(dest="archive_cmd", metavar="ACTION", required=True)
    tg = as_.add_parser("targets", help="list configured targets (and probe them with --check)")
    tg.add_argument("--check", action="store_true")
    _common(tg)
    tg.set_defaults(func=cmd_targets)
    fe = as_.add_parser("fetch", help="download an archived object, verifying its SHA-256")
    fe.add_argument("key")
    fe.add_argument("-o", "--output", type=Path)
    fe.add_argument("--target")
    _common(fe)
    fe.set_defaults(func=cmd_fetch)
    cr = as_.add_parser(
        "credentials",
        help="store a target's secrets in the OS keyring (prompted, or read from stdin)",
    )
    cr.add_argument("target")
    _common(cr)
    cr.set_defaults(func=cmd_credentials)
    au = as_.add_parser("audit", help="re-read every object and compare with its SHA-256")
    au.add_argument("--target", action="append", dest="targets", metavar="NAME")
    au.add_argument("--json", action="store_true")
    _common(au)
    au.set_defaults(func=cmd_audit)


def _load_settings(args: argparse.Namespace):
    from ..archive import load_settings

    return load_settings(args.config)


def _ctx(args: argparse.Namespace):
    from ..archive import Outbox, default_outbox_path

    settings = _load_settings(args)
    return settings, Outbox(args.outbox or default_outbox_path(settings))


def _pick(settings, names: list[str] | None):
    if names:
        return {n: settings.get(n) for n in names}
    if not settings.targets:
        raise ArchiveConfigError(
            "no archive targets configured (add [archive.targets.NAME] to the settings file)"
        )
    return dict(settings.targets)


def _load_meta(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MetadataError("metadata file not found", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read metadata: {exc}", path=path) from None
    except json.JSONDecodeError as exc:
        raise MetadataError(f"metadata is not valid JSON: {exc}", path=path) from None
    if not isinstance(data, dict):
        raise MetadataError("metadata must be a JSON object", path=path)
    return data


def cmd_upload(args: argparse.Namespace) -> int:
    settings, outbox = _ctx(args)
    targets = args.targets or list(settings.default_targets)
    for t in targets:
        settings.get(t)
    if not targets:
        raise ArchiveConfigError("no archive target: pass --target or set archive.default_targets")
    shared = _load_meta(args.metadata) if args.metadata else None
    for f in args.files:
        meta = shared if shared is not None else _load_meta(f.with_suffix(".json"))
        item_id = outbox.enqueue(f, meta, targets)
        item = outbox.get(item_id)
        print(f"queued #{item_id} {f} -> {', '.join(targets)} ({item.object_key})")
    if args.run:
        return _run(outbox, {t: settings.get(t) for t in targets}, once=True)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from ..archive import check_reachable

    settings, outbox = _ctx(args)
    counts = outbox.counts()
    names = sorted(set(counts) | set(settings.targets))
    if not names:
        print("outbox empty, no targets configured")
    for name in names:
        c = counts.get(name, {})
        line = (
            f"{name}: pending {c.get('pending', 0) + c.get('uploading', 0)}, "
            f"done {c.get('done', 0)}, failed {c.get('failed', 0)}"
        )
        if args.check and name in settings.targets:
            line += ", reachable" if check_reachable(settings.targets[name]) else ", UNREACHABLE"
        elif name not in settings.targets:
            line += " (not configured)"
        print(line)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    _, outbox = _ctx(args)
    items = outbox.items(state=args.state, target=args.target)
    if args.json:
        out = [
            {
                **{k: v for k, v in it.__dict__.items() if k != "deliveries"},
                "state": it.state,
                "deliveries": [d.__dict__ for d in it.deliveries],
            }
            for it in items
        ]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for it in items:
        print(f"#{it.id} {it.state:9} {it.object_key} ({it.size} B) from {it.source_path}")
        for d in it.deliveries:
            if args.target and d.target != args.target:
                continue
            extra = ""
            if d.state == "done" and d.remote:
                extra = f" -> {d.remote.get('location')}"
            elif d.last_error:
                extra = f" attempts {d.attempts}: {d.last_error}"
            print(f"    {d.target}: {d.state}{extra}")
    return 0


def _run(outbox, targets, once: bool) -> int:
    from ..archive import run_worker

    def show(ev: Progress) -> None:
        print(f"  {ev.message}", file=sys.stderr)

    cancel = CancelToken()
    try:
        report = run_worker(outbox, targets, show, cancel, once=once)
    except KeyboardInterrupt:
        cancel.cancel()
        raise
    for t in report.targets:
        line = (
            f"{t.target}: uploaded {t.uploaded}, already present {t.already_present}, "
            f"retry later {t.retried_later}, failed {t.failed}"
        )
        if t.paused:
            line += f"; PAUSED: {t.paused}"
        print(line)
    if report.failed:
        return ArchiveError.exit_code
    if report.paused:
        if any(t.paused_code == ArchiveConfigError.code for t in report.targets):
            return ArchiveConfigError.exit_code
        return ArchiveUnavailableError.exit_code
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    settings, outbox = _ctx(args)
    return _run(outbox, _pick(settings, args.targets), once=args.once)


def cmd_retry(args: argparse.Namespace) -> int:
    _, outbox = _ctx(args)
    if args.all_failed:
        n = outbox.retry_failed(args.target)
    elif args.ids:
        n = sum(outbox.retry(i, args.target) for i in args.ids)
    else:
        raise ArchiveError("give item IDs or --all-failed")
    print(f"re-queued {n} deliveries")
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    from ..archive import check_reachable

    settings = _load_settings(args)
    for name, t in sorted(settings.targets.items()):
        where = {"folder": t.path, "http": t.base_url}.get(
            t.kind, f"{t.endpoint_url} bucket {t.bucket}"
        )
        flag = "*" if name in settings.default_targets else " "
        state = ""
        if args.check:
            state = "  reachable" if check_reachable(t) else "  UNREACHABLE"
        print(f"{flag} {name:16} {t.kind:6} {where}{state}")
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from ..archive import fetch

    settings = _load_settings(args)
    name = args.target or (settings.default_targets[0] if settings.default_targets else None)
    if not name:
        raise ArchiveConfigError("pass --target")
    out = args.output or Path(args.key.rsplit("/", 1)[-1])
    from ..archive import Outbox, default_outbox_path

    ob_path = args.outbox if getattr(args, "outbox", None) else default_outbox_path(settings)
    outbox = Outbox(ob_path) if Path(ob_path, "outbox.sqlite3").exists() else None
    fetch(settings.get(name), args.key, out, outbox)
    print(f"fetched {args.key} -> {out} (sha256 verified)")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from ..archive import audit

    settings, outbox = _ctx(args)
    bad = 0
    started = time.monotonic()
    results = []
    for t in _pick(settings, args.targets).values():
        rep = audit(t, outbox)
        results.append(rep)
        bad += len(rep.problems)
    if args.json:
        json.dump(
            [{"target": r.target, "entries": [e.__dict__ for e in r.entries]} for r in results],
            sys.stdout,
            indent=2,
        )
        print()
    else:
        for r in results:
            ok = sum(1 for e in r.entries if e.status == "ok")
            print(f"{r.target}: {ok} ok, {len(r.problems)} problem(s)")
            for e in r.problems:
                print(
                    f"  {e.status.upper()}: {e.key} expected {e.expected_sha256} got "
                    f"{e.actual_sha256} {e.detail}".rstrip()
                )
            for e in r.strays:
                print(f"  STRAY: {e.key} {e.detail}")
        print(f"audit took {time.monotonic() - started:.1f} s", file=sys.stderr)
    if bad:
        raise ArchiveIntegrityError(f"audit found {bad} missing or altered object(s)")
    return 0


def cmd_credentials(args: argparse.Namespace) -> int:
    """Why stdin: lets an installer script pipe secrets in without them showing in ``ps``."""
    import getpass

    from ..archive.credentials import FIELDS, keyring_service, store

    settings = _load_settings(args)
    target = settings.get(args.target)
    names = FIELDS.get(target.kind, ())
    if not names:
        raise ArchiveConfigError(f"archive target {target.name!r} ({target.kind}) needs no secrets")
    values = {}
    for n in names:
        if sys.stdin.isatty():
            values[n] = getpass.getpass(f"{n.replace('_', ' ')} for {target.name}: ").strip()
        else:
            values[n] = sys.stdin.readline().strip()
    store(target, values)
    print(
        f"stored {', '.join(names)} for {target.name} in the OS keyring "
        f"(service {keyring_service(target)!r})"
    )
    return 0
