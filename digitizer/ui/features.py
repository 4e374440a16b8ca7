"""Which parts of the core are installed: the GUI disables what is missing, with a reason.

Each probe imports only the piece's PUBLIC module; an ImportError means "not available in this
build" and the matching action is shown disabled with a Vietnamese explanation.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from types import ModuleType

log = logging.getLogger(__name__)

_cache: dict[str, ModuleType | None] = {}
_lock = threading.RLock()
_ready = threading.Event()

# Imported once in a worker at start-up (numpy, pikepdf, pyHanko... take a second or more): the
# GUI thread must never stall on a first import while the clerk works.
WARM = (
    "digitizer.pipeline",
    "digitizer.metadata",
    "signing",
    "digitizer.archive.outbox",
    "digitizer.archive.worker",
    "digitizer.archive.config",
    "digitizer.acquire.scanner",
    "digitizer.acquire.importer",
    "pdf2image",
)


def _probe(name: str) -> ModuleType | None:
    with _lock:
        if name not in _cache:
            try:
                _cache[name] = importlib.import_module(name)
            except ImportError as exc:
                log.info("optional module %s unavailable: %s", name, exc)
                _cache[name] = None
        return _cache[name]


def _shutting_down() -> bool:
    return sys.is_finalizing() or bool(getattr(threading, "_SHUTTING_DOWN", False))


def warm_up() -> None:
    """Worker: import every optional piece so later probes on the GUI thread are instant.
    Stops quietly when the app is closed before it is done (imports then fail with "can't
    register atexit after shutdown", which is not an error worth a traceback)."""
    for name in WARM:
        if _shutting_down():
            return
        try:
            _probe(name)
        except RuntimeError:
            if _shutting_down():
                return
            raise
    _ready.set()


def ready() -> bool:
    return _ready.is_set()


def pipeline() -> ModuleType | None:
    mod = _probe("digitizer.pipeline")
    return mod if mod is not None and hasattr(mod, "ocr_document") else None


def outbox() -> ModuleType | None:
    mod = _probe("digitizer.archive.outbox")
    return mod if mod is not None and hasattr(mod, "Outbox") else None


def metadata_extractor():
    """The metadata package's public extraction function, or None while it is not there."""
    mod = _probe("digitizer.metadata")
    return getattr(mod, "extract", None) if mod is not None else None


def signing() -> ModuleType | None:
    """The signing package when it offers sign_pdf (its public API)."""
    mod = _probe("signing")
    return mod if mod is not None and hasattr(mod, "sign_pdf") else None


def verification() -> ModuleType | None:
    mod = _probe("signing")
    return mod if mod is not None and hasattr(mod, "verify_pdf") else None


def xmp_embedder():
    mod = _probe("digitizer.metadata")
    return getattr(mod, "embed_xmp", None) if mod is not None else None


def known_ca_certs(extra_roots: tuple[str, ...] | list[str]) -> list:
    """CA certificates the user has said they know: the signing trust store plus the extra
    root files named in the settings. Signing uses them to complete the chain of a token that
    carries only the signer (and perhaps the intermediate); verifying uses them as anchors.
    An unreadable extra file is skipped with a log line: the check that needs it says so."""
    from pathlib import Path

    import signing
    from signing.certs import load_cert_file

    certs = list(signing.TrustStore().certificates())
    for r in extra_roots:
        try:
            certs.extend(load_cert_file(Path(r)))
        except (OSError, ValueError) as exc:
            log.warning("cannot read the trusted certificate %s: %s", r, exc)
    return certs
