"""``digitizer scan``: scan (flatbed page or whole feeder) -> prepare -> OCR -> searchable PDF.

Pages enter OCR as soon as they leave the scanner. ``digitizer scan --list`` shows scanners and
what they offer; profiles save a set of options under a name.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import DigitizerError, NoScannerError, UsageError
from ..progress import Progress

EPILOG = (
    "Exit codes: 0 ok, 2 usage, 6 missing dependency (python-sane, tesseract), 7 OCR failed, "
    "8 cannot write output, 50 scanner error, 51 no scanner / device not found, 52 scanner busy, "
    "53 paper jam, 54 cover open, 55 feeder empty at start, 56 scanner I/O error, "
    "57 scanner disconnected or driver crashed, 130 cancelled. After a fault in a feeder run, the "
    "pages scanned before it are still OCRed and written."
)


def register(sub: argparse._SubParsersAction) -> None:
    from ..acquire.scanner import MODES, SOURCES
    from ..acquire.separators import MODES as SEP_MODES

    p = sub.add_parser(
        "scan",
        help="scan pages (flatbed or feeder) into a searchable PDF",
        description="Scan through SANE and OCR while scanning: each page goes to preparation and "
        "OCR the moment it leaves the scanner. With --batch the document feeder is emptied "
        "without a prompt per page.",
        epilog=EPILOG,
    )
    p.add_argument("--list", action="store_true", help="list scanners and their options, then exit")
    p.add_argument("--device", metavar="ID", help="scanner id from --list (default: the first one)")
    p.add_argument(
        "--source",
        choices=SOURCES,
        help="paper source (default auto: flatbed for one page, feeder with --batch)",
    )
    p.add_argument("--resolution", type=int, metavar="N", help="dpi (default 300, minimum 200)")
    p.add_argument("--mode", choices=MODES, help="colour mode (default color)")
    p.add_argument(
        "--page-size",
        metavar="SIZE",
        help="A4 (default), A5, A3, B5, Letter, Legal, max, or WxH in mm",
    )
    p.add_argument(
        "--batch", action="store_true", default=None, help="scan from the feeder until it is empty"
    )
    p.add_argument("--max-pages", type=int, metavar="N", help="stop a batch after N pages")
    p.add_argument(
        "--separator",
        choices=SEP_MODES,
        help="split a batch into documents on "
        "separator sheets (outputs OUT-001.pdf, OUT-002.pdf, ...)",
    )
    p.add_argument(
        "--print-separator",
        metavar="SHEET.pdf",
        help="write a printable separator sheet (QR code) and exit",
    )
    p.add_argument(
        "--device-option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a raw driver option (as scanimage shows it), e.g. test-picture=Grid",
    )
    p.add_argument("--profile", metavar="NAME", help="start from a saved scan profile")
    p.add_argument(
        "--save-profile",
        metavar="NAME",
        help="save the resulting options as a profile (no scan unless -o is given)",
    )
    p.add_argument("--list-profiles", action="store_true", help="list scan profiles, then exit")
    p.add_argument("-o", "--output", metavar="OUT.pdf", help="searchable PDF to write")
    p.add_argument("--sidecar", action="store_true", help="also write OUT.json (OCR sidecar)")
    p.add_argument("--lang", default="vie+eng", help="tesseract languages (default vie+eng)")
    p.add_argument("--jobs", type=int, default=None, help="parallel OCR pages (default: CPUs)")
    p.add_argument("--drop-blank", action="store_true", help="leave out blank pages (listed)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=run)


def _parse_device_options(items: list[str]) -> tuple[tuple[str, str], ...]:
    out = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--device-option needs NAME=VALUE, got {item!r}")
        out.append((name.strip(), value))
    return tuple(out)


def _profile_from_args(args: argparse.Namespace):  # -> ScanProfile
    from ..acquire.profiles import ScanProfile, get_profile

    base = get_profile(args.profile) if args.profile else ScanProfile("(command line)")
    changes = {
        k: v
        for k, v in {
            "source": args.source,
            "resolution": args.resolution,
            "mode": args.mode,
            "page_size": args.page_size,
            "batch": args.batch,
            "max_pages": args.max_pages,
        }.items()
        if v is not None
    }
    extra = _parse_device_options(args.device_option)
    if extra:
        changes["device_options"] = base.settings.device_options + extra
    if changes.get("batch") and "source" not in changes and base.settings.source == "flatbed":
        changes["source"] = "auto"
    settings = base.settings.with_changes(**changes)
    return ScanProfile(
        args.save_profile or base.name,
        settings,
        args.device or base.device,
        args.separator or base.separator,
    )


def _list_devices(quiet: bool) -> int:
    from ..acquire.scanner import available_devices, get_backend
    from ..errors import MissingDependencyError

    probe = available_devices()
    if not probe.devices:
        if probe.reason_code == MissingDependencyError.code:
            raise MissingDependencyError(probe.reason)
        raise NoScannerError(probe.reason)
    for d in probe.devices:
        print(f"{d.id}\t{d.label} ({d.kind}) [{d.backend}]")
        if quiet:
            continue
        try:
            with_caps = get_backend(d.backend).open(d.id)
        except DigitizerError as exc:
            print(f"    (cannot open: {exc})")
            continue
        try:
            c = with_caps.capabilities()
        finally:
            with_caps.close()
        dpi = ", ".join(map(str, c.dpi_choices)) if c.dpi_choices else f"{c.min_dpi}-{c.max_dpi}"
        area = f"{c.max_area_mm[0]:g}x{c.max_area_mm[1]:g} mm" if c.max_area_mm else "unknown"
        print(
            f"    sources: {', '.join(c.sources)}; modes: {', '.join(c.modes)}; "
            f"resolution: {dpi} dpi; max area: {area}"
        )
    for problem in probe.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def _list_profiles() -> int:
    from ..acquire.profiles import load_profiles, profiles_path

    for name, p in load_profiles().items():
        s = p.settings
        print(
            f"{name}\n    source={s.source} resolution={s.resolution} mode={s.mode} "
            f"page_size={s.page_size} batch={s.batch}"
            + (f" separator={p.separator}" if p.separator else "")
            + (f" device={p.device}" if p.device else "")
        )
    print(f"(saved profiles: {profiles_path()})", file=sys.stderr)
    return 0


def _print_separator(path: Path) -> int:
    from ..acquire.separators import separator_sheet

    sheet = separator_sheet()
    try:
        sheet.save(path, "PDF", resolution=300)
    except OSError as exc:
        from ..errors import OutputError

        raise OutputError(f"cannot write ({exc.strerror or exc})", path=path) from None
    print(f"wrote {path}: print it and put it between documents in the feeder", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.list:
        return _list_devices(args.quiet)
    if args.list_profiles:
        return _list_profiles()
    if args.print_separator:
        return _print_separator(Path(args.print_separator))

    profile = _profile_from_args(args)
    if args.save_profile:
        from ..acquire.profiles import save_profile

        path = save_profile(profile)
        print(f"saved scan profile {profile.name!r} in {path}", file=sys.stderr)
        if not args.output:
            return 0
    if not args.output:
        raise UsageError("give -o OUT.pdf (or --list / --list-profiles / --save-profile NAME)")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")

    from ..acquire.scanner import ScannerError, scan_to_pdf
    from ..acquire.separators import SeparatorDetector
    from ..pipeline import OcrOptions

    output = Path(args.output)
    opts = OcrOptions(lang=args.lang, jobs=args.jobs, drop_blank=args.drop_blank)
    detector = SeparatorDetector.from_mode(profile.separator) if profile.separator else None

    def progress(ev: Progress) -> None:
        if args.quiet:
            return
        if ev.stage == "scan" and (
            ev.extra.get("scanned") or ev.extra.get("warning") or ev.extra.get("separator")
        ):
            print(f"scan: {ev.message}", file=sys.stderr)
        elif ev.stage == "ocr" and ev.extra.get("event") in ("done", "error"):
            print(f"ocr: {ev.message} ({ev.done}/{ev.total})", file=sys.stderr)

    try:
        run_result = scan_to_pdf(
            profile.device,
            profile.settings,
            output,
            opts,
            separators=detector,
            progress=progress,
            sidecar=args.sidecar,
        )
    except ScannerError as exc:
        written = exc.details.get("documents") or []
        if written:
            print(
                "digitizer: pages scanned before the fault were written to: " + ", ".join(written),
                file=sys.stderr,
            )
        raise
    o = run_result.outcome
    for doc in run_result.documents:
        r = doc.result
        for w in r.warnings:
            print(f"warning: {w}", file=sys.stderr)
        if not args.quiet:
            size = os.path.getsize(doc.output)
            print(
                f"wrote {doc.output}: {len(r.pages)} page(s), {size / 1024:.0f} KB", file=sys.stderr
            )
    if not args.quiet and o is not None:
        how = {
            "feeder_empty": "feeder empty",
            "max_pages": "page limit reached",
            "single": "single page",
        }.get(o.ended, o.ended)
        sep = (
            f", {run_result.separators} separator sheet(s) removed" if run_result.separators else ""
        )
        print(
            f"scanned {o.pages} page(s) from {o.device.id} at {o.applied.resolution} dpi "
            f"{o.applied.mode} ({how}{sep})",
            file=sys.stderr,
        )
    if not run_result.documents:
        raise UsageError("no document was written: every scanned page was a separator sheet")
    return 0
