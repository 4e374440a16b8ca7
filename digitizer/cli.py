"""The ``digitizer`` command. Sub-commands live in ``digitizer/commands/<name>.py``; each module
exposes ``register(subparsers)`` which adds its parser and sets ``func(args) -> int``.

This is one of the two places where errors become words (the other is the GUI message table):
any :class:`~digitizer.errors.DigitizerError` (or an exception carrying ``exit_code``, such as
``signing.errors.SigningError``) is printed as ``digitizer: error: <message>`` and its exit code
returned. Unexpected exceptions print a short message (traceback only with ``--debug``) and exit 1.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from . import __version__
from .errors import CancelledError, DigitizerError
from .fsutil import printable

# Order = order in --help. A module that fails to import is reported, not fatal for the others.
COMMAND_MODULES = [
    "digitizer.commands.ocr",
    "digitizer.commands.metadata",
    "digitizer.commands.sign",
    "digitizer.commands.verify",
    "digitizer.commands.archive",
    "digitizer.commands.scan",
    "digitizer.commands.batch",
    "digitizer.commands.audit",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digitizer",
        description="Turn scanned results of administrative procedures into signed, searchable, "
        "archived PDFs.",
    )
    parser.add_argument("--version", action="version", version=f"digitizer {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # command not built yet
                continue
            raise
        mod.register(sub)
    return parser


def _printable_streams() -> None:
    """POSIX names are bytes: a name that is not UTF-8 reaches Python as surrogate escapes, and
    printing it to a strict UTF-8 stream would end in UnicodeEncodeError. Every print of the
    command goes through the ``digitizer.printable`` handler instead (``\\xNN``)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="digitizer.printable")
        except (AttributeError, ValueError):  # not a text stream we can reconfigure
            pass


def _audit_failure(args: argparse.Namespace, exc: DigitizerError) -> None:
    """A refused or failed command is an audit event (not usage errors, nor the audit command
    itself: its own failure is the journal's, it cannot be recorded in it)."""
    if exc.exit_code == 2 or args.command == "audit":
        return
    from . import audit

    audit.record("failed", doc=exc.path, details={
        "command": args.command, "code": exc.code, "exit_code": exc.exit_code,
        "message": printable(str(exc)),
    })


def main(argv: list[str] | None = None) -> int:
    _printable_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("digitizer: cancelled", file=sys.stderr)
        return CancelledError.exit_code
    except DigitizerError as exc:
        print(f"digitizer: error: {printable(str(exc))}", file=sys.stderr)
        _audit_failure(args, exc)
        return exc.exit_code
    except Exception as exc:
        code = getattr(exc, "exit_code", None)
        if isinstance(code, int) and args.debug is False:
            print(f"digitizer: error: {printable(str(exc))}", file=sys.stderr)
            return code
        if args.debug:
            raise
        print(
            f"digitizer: internal error: {type(exc).__name__}: {printable(str(exc))} "
            "(run with --debug for details)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
