"""Scanner backends behind one small interface, plus the batch loop the CLI and GUI share.

Why an interface: SANE (Linux/macOS) is implemented today; WIA/TWAIN (Windows) or eSCL
(driverless network scanners) only need a new :class:`ScannerBackend` registered in
:data:`BACKENDS`. Nothing downstream (pipeline, CLI, GUI) knows which backend produced a page.

Public entry points:

* :func:`available_devices` -- probe every backend; never raises for "no scanner", it returns a
  :class:`DeviceProbe` whose ``reason_code``/``reason`` explain why the list is empty so a GUI
  can disable *Scan* with an explanation.
* :func:`scan_batch` -- scan one page (flatbed) or a whole feeder run, handing every page to
  ``on_page`` the moment it arrives. Device faults raise :mod:`digitizer.errors` scanner errors;
  pages already handed over stay with the caller.
* :func:`scan_to_pdf` -- scan and stream pages into the OCR pipeline (``OcrSession``), optionally
  split on separator sheets.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import (
    CancelledError,
    FeederEmptyError,
    MissingDependencyError,
    NoScannerError,
    ScannerError,
    UsageError,
)
from ..progress import CancelToken, Progress, ProgressFn, no_progress

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

log = logging.getLogger(__name__)

# Canonical option values. Backends translate them to whatever their driver calls them.
SOURCES = ("auto", "flatbed", "adf", "adf-duplex")
MODES = ("color", "gray", "lineart")
MIN_ARCHIVE_DPI = 200
DEFAULT_DPI = 300

#: Named page sizes in millimetres (width, height). "max" = the device's whole area.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B5": (176.0, 250.0),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
}
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$")


def parse_page_size(value: str) -> tuple[float, float] | None:
    """``"A4"`` / ``"210x297"`` (mm) -> (w, h); ``"max"`` -> None (whole scan area)."""
    if value.lower() == "max":
        return None
    for name, size in PAGE_SIZES.items():
        if name.lower() == value.lower():
            return size
    m = _SIZE_RE.match(value)
    if m:
        w, h = float(m.group(1)), float(m.group(2))
        if w > 0 and h > 0:
            return (w, h)
    raise UsageError(
        f"unknown page size {value!r}: use one of {', '.join(PAGE_SIZES)}, 'max' or WIDTHxHEIGHT in mm"
    )


@dataclass(frozen=True)
class ScanSettings:
    """What the user asked for, in backend-neutral words (validated on construction)."""

    source: str = "auto"  # auto | flatbed | adf | adf-duplex
    resolution: int = DEFAULT_DPI
    mode: str = "color"  # color | gray | lineart
    page_size: str = "A4"  # a PAGE_SIZES key, "max", or "WxH" in mm
    batch: bool = False  # keep scanning until the feeder is empty
    max_pages: int | None = None  # stop a batch after this many pages
    #: raw backend options applied after the canonical ones, e.g. (("test-picture", "Grid"),)
    device_options: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise UsageError(f"unknown source {self.source!r}: use one of {', '.join(SOURCES)}")
        if self.mode not in MODES:
            raise UsageError(f"unknown mode {self.mode!r}: use one of {', '.join(MODES)}")
        if not isinstance(self.resolution, int) or isinstance(self.resolution, bool):
            raise UsageError(f"resolution must be a whole number of dpi, got {self.resolution!r}")
        if self.resolution < MIN_ARCHIVE_DPI:
            raise UsageError(
                f"resolution {self.resolution} dpi is below {MIN_ARCHIVE_DPI} dpi, the minimum for "
                "archive copies"
            )
        if self.max_pages is not None and self.max_pages < 1:
            raise UsageError(f"max_pages must be at least 1, got {self.max_pages}")
        if self.batch and self.source == "flatbed":
            raise UsageError("a batch needs the document feeder: use source 'adf' or 'adf-duplex'")
        parse_page_size(self.page_size)

    def with_changes(self, **changes: Any) -> ScanSettings:
        return replace(self, **changes)


@dataclass(frozen=True)
class DeviceInfo:
    """One scanner as a backend reports it. ``id`` is what ``--device`` takes."""

    id: str
    vendor: str
    model: str
    kind: str
    backend: str

    @property
    def label(self) -> str:
        return f"{self.vendor} {self.model}".strip() or self.id


@dataclass(frozen=True)
class DeviceCapabilities:
    """What a device offers, in canonical words (for pickers and validation)."""

    sources: tuple[str, ...]  # canonical sources available (subset of SOURCES minus "auto")
    modes: tuple[str, ...]
    min_dpi: int
    max_dpi: int
    dpi_choices: tuple[int, ...] | None  # None = any value in [min_dpi, max_dpi]
    max_area_mm: tuple[float, float] | None  # (width, height); None if unknown
    raw_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppliedSettings:
    """What was really set on the device (may differ from the request: clamped area etc.)."""

    source: str  # canonical
    raw_source: str | None
    resolution: int
    mode: str
    area_mm: tuple[float, float] | None
    warnings: tuple[str, ...] = ()

    @property
    def is_feeder(self) -> bool:
        return self.source in ("adf", "adf-duplex")


@dataclass(frozen=True)
class ScannedPage:
    """A page as it left the scanner. ``scanned_at`` is ``time.monotonic()`` at arrival."""

    index: int  # 1-based within the run
    image: Image.Image
    source: str  # e.g. "scan:test:0#3", used as PageResult.source
    dpi: int
    mode: str
    scanned_at: float


@dataclass(frozen=True)
class ScanOutcome:
    pages: int
    ended: str  # "single" | "feeder_empty" | "max_pages"
    applied: AppliedSettings
    device: DeviceInfo


class ScannerDevice(Protocol):
    """An open device. One thread drives it; only :meth:`cancel` may be called from another."""

    info: DeviceInfo

    def capabilities(self) -> DeviceCapabilities: ...

    def configure(self, settings: ScanSettings) -> AppliedSettings: ...

    def set_option(self, name: str, value: Any) -> None: ...

    def scan_page(self) -> Image.Image:
        """Scan one page. Raises FeederEmptyError when the feeder has no (more) paper."""
        ...

    def end_batch(self) -> None: ...

    def cancel(self) -> None: ...

    def close(self) -> None: ...


class ScannerBackend(Protocol):
    name: str

    def list_devices(self) -> tuple[DeviceInfo, ...]:
        """Raises MissingDependencyError if the backend cannot run on this machine."""
        ...

    def open(self, device_id: str) -> ScannerDevice:
        """Raises NoScannerError if the device is not there (unplugged, wrong id)."""
        ...


def _sane_factory() -> ScannerBackend:
    from .sane_backend import SaneBackend

    return SaneBackend()


#: name -> factory. Add "wia", "twain" or "escl" here; nothing else needs to change.
BACKENDS: dict[str, Callable[[], ScannerBackend]] = {"sane": _sane_factory}


def get_backend(name: str = "sane") -> ScannerBackend:
    try:
        factory = BACKENDS[name]
    except KeyError:
        raise UsageError(
            f"unknown scanner backend {name!r}; implemented: {', '.join(BACKENDS)}"
        ) from None
    return factory()


@dataclass(frozen=True)
class DeviceProbe:
    """Result of looking for scanners. Empty ``devices`` comes with a reason the GUI can show.

    ``reason_code`` is one of ``"no_scanner"`` (backends work, nothing attached) or
    ``"missing_dependency"`` (no backend could run, e.g. libsane / python-sane missing) or
    ``"scanner_error"`` (a backend failed while listing); ``None`` when devices were found.
    """

    devices: tuple[DeviceInfo, ...]
    reason_code: str | None = None
    reason: str = ""
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return bool(self.devices)


def available_devices(backends: Iterable[str] | None = None) -> DeviceProbe:
    """List scanners of every (or the named) backend. Never raises for 'no scanner attached'."""
    names = list(backends) if backends is not None else list(BACKENDS)
    devices: list[DeviceInfo] = []
    problems: list[str] = []
    codes: list[str] = []
    for name in names:
        try:
            devices.extend(get_backend(name).list_devices())
        except MissingDependencyError as exc:
            problems.append(f"{name}: {exc}")
            codes.append(MissingDependencyError.code)
        except ScannerError as exc:
            problems.append(f"{name}: {exc}")
            codes.append(exc.code)
    if devices:
        return DeviceProbe(tuple(devices), None, "", tuple(problems))
    if codes and all(c == MissingDependencyError.code for c in codes):
        code = MissingDependencyError.code
        reason = "no scanner backend can run here: " + "; ".join(problems)
    elif codes:
        code = ScannerError.code
        reason = "looking for scanners failed: " + "; ".join(problems)
    else:
        code = NoScannerError.code
        reason = (
            "no scanner found: check that it is switched on and connected, and that its SANE "
            "driver is installed (scanimage -L should list it)"
        )
    return DeviceProbe((), code, reason, tuple(problems))


def _open_device(device: str | DeviceInfo | None, backend: str | None) -> ScannerDevice:
    if isinstance(device, DeviceInfo):
        return get_backend(device.backend).open(device.id)
    if device:
        return get_backend(backend or "sane").open(device)
    probe = available_devices([backend] if backend else None)
    if not probe.devices:
        raise NoScannerError(probe.reason)
    first = probe.devices[0]
    return get_backend(first.backend).open(first.id)


def _with_pages(exc: ScannerError, pages: int) -> ScannerError:
    """Same error class, message saying how many pages were kept (nothing is lost)."""
    if pages == 0:
        return exc
    new = type(exc)(
        f"{exc.message} (after {pages} page(s); the {pages} page(s) already scanned were kept)",
        **exc.details,
    )
    new.details["pages_scanned"] = pages
    return new


def _safe_progress(progress: ProgressFn) -> ProgressFn:
    """A broken progress display must not stop the scanner halfway through a feeder run."""

    def call(event: Progress) -> None:
        try:
            progress(event)
        except Exception:
            log.exception("progress callback failed")

    return call


def scan_batch(
    device: str | DeviceInfo | ScannerDevice | None,
    settings: ScanSettings,
    on_page: Callable[[ScannedPage], None],
    cancel: CancelToken | None = None,
    progress: ProgressFn = no_progress,
    *,
    backend: str | None = None,
) -> ScanOutcome:
    """Scan one page, or with ``settings.batch`` every page until the feeder is empty.

    ``on_page`` runs on this thread as soon as each page arrives; keep it quick (queue the page)
    so the scanner is never held up. An empty feeder after at least one page ends the batch
    cleanly; at the start it raises FeederEmptyError. Other faults raise the matching
    ScannerError subclass with ``details["pages_scanned"]``; pages passed to ``on_page`` before
    the fault remain valid. Cancelling (also mid-page) raises CancelledError.
    ``device`` may be an id, a DeviceInfo, an already open ScannerDevice (left open), or None
    for the first device found.
    """
    cancel = cancel or CancelToken()
    progress = _safe_progress(progress)
    owned = not hasattr(device, "scan_page")
    dev: ScannerDevice = _open_device(device, backend) if owned else device  # type: ignore[arg-type,assignment]
    pages = 0
    stop_watch = threading.Event()

    def watch_cancel() -> None:  # a cancel must also stop a page being read
        while not stop_watch.wait(0.1):
            if cancel.cancelled:
                try:
                    dev.cancel()
                except Exception:
                    log.debug("cancel request to %s failed", dev.info.id, exc_info=True)
                return

    watcher = threading.Thread(target=watch_cancel, name="scan-cancel-watch", daemon=True)
    try:
        cancel.check()
        applied = dev.configure(settings)
        for w in applied.warnings:
            progress(Progress("scan", 0, 0, w, extra={"warning": True}))
        if settings.batch and not applied.is_feeder:
            raise UsageError("a batch needs the document feeder: use source 'adf' or 'adf-duplex'")
        watcher.start()
        ended = "single"
        while True:
            cancel.check()
            progress(Progress("scan", pages, 0, f"scanning page {pages + 1}", page=pages + 1))
            try:
                image = dev.scan_page()
            except FeederEmptyError as exc:
                if pages and applied.is_feeder:
                    ended = "feeder_empty"
                    break
                raise FeederEmptyError(
                    f"the document feeder of {dev.info.id} is empty: load the pages and scan again",
                    device=dev.info.id,
                ) from exc
            cancel.check()
            pages += 1
            image.info["dpi"] = (applied.resolution, applied.resolution)
            page = ScannedPage(
                index=pages,
                image=image,
                source=f"scan:{dev.info.id}#{pages}",
                dpi=applied.resolution,
                mode=applied.mode,
                scanned_at=time.monotonic(),
            )
            progress(
                Progress(
                    "scan",
                    pages,
                    0,
                    f"page {pages} scanned",
                    page=pages,
                    extra={"t": page.scanned_at, "scanned": True},
                )
            )
            on_page(page)
            if not (settings.batch and applied.is_feeder):
                break
            if settings.max_pages is not None and pages >= settings.max_pages:
                ended = "max_pages"
                break
        return ScanOutcome(pages, ended, applied, dev.info)
    except CancelledError:
        raise CancelledError(
            f"scan cancelled after {pages} page(s)",
            pages_scanned=pages,
        ) from None
    except ScannerError as exc:
        raise _with_pages(exc, pages) from exc
    finally:
        stop_watch.set()
        try:
            dev.end_batch()
        except ScannerError as exc:  # the batch result matters more than a failed cleanup
            log.debug("end_batch failed: %s", exc)
        if owned:
            dev.close()


# ---------------------------------------------------------------------------------------------
# Scan -> OCR streaming


@dataclass(frozen=True)
class ScanDocument:
    """One output document of a scan run (several when separator sheets split the run)."""

    output: Path
    pages: tuple[str, ...]  # page sources, in order
    result: Any  # digitizer.model.DocumentResult


@dataclass(frozen=True)
class ScanRun:
    documents: tuple[ScanDocument, ...]
    outcome: ScanOutcome | None
    separators: int  # separator sheets removed
    error: BaseException | None = None  # the fault that ended the run early, if any


def _document_path(output: Path, number: int, numbered: bool) -> Path:
    if not numbered:
        return output
    return output.with_name(f"{output.stem}-{number:03d}{output.suffix or '.pdf'}")


def scan_to_pdf(
    device: str | DeviceInfo | ScannerDevice | None,
    settings: ScanSettings,
    output: Path,
    ocr_options: Any = None,
    *,
    separators: Any = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    sidecar: bool = False,
    backend: str | None = None,
) -> ScanRun:
    """Scan and OCR at the same time: each page enters an ``OcrSession`` the moment it arrives.

    Scanning runs on its own thread and never waits for OCR. With ``separators`` (a
    :class:`~digitizer.acquire.separators.SeparatorDetector`) each separator sheet closes the
    current document; outputs are then ``OUT-001.pdf``, ``OUT-002.pdf``... On a device fault the
    pages scanned so far are still OCRed and written, then the fault is re-raised (its message
    names the kept pages). Returns what was written.
    """
    from ..errors import OutputError
    from ..ocr import tesseract
    from ..pipeline import OcrOptions, OcrSession  # lazy: the scanner works without OCR deps

    cancel = cancel or CancelToken()
    opts = ocr_options if ocr_options is not None else OcrOptions()
    # Fail before paper moves: a missing language pack or output folder found after a feeder
    # run would mean scanning the whole stack again.
    tesseract.check_languages(opts.lang)
    output = Path(output)
    if not output.parent.is_dir():
        raise OutputError("the output folder does not exist", path=output.parent)
    if not os.access(output.parent, os.W_OK):
        raise OutputError("the output folder is not writable", path=output.parent)
    pages_q: queue.Queue[tuple[str, Any]] = queue.Queue()
    outcome: list[ScanOutcome] = []

    def producer() -> None:
        try:
            outcome.append(
                scan_batch(
                    device,
                    settings,
                    lambda p: pages_q.put(("page", p)),
                    cancel,
                    progress,
                    backend=backend,
                )
            )
            pages_q.put(("done", None))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer thread
            pages_q.put(("error", exc))

    scanner_thread = threading.Thread(target=producer, name="scanner", daemon=True)
    scanner_thread.start()

    numbered = separators is not None
    documents: list[ScanDocument] = []
    removed = 0
    session: Any = None
    current: list[str] = []
    error: BaseException | None = None

    def close_document() -> None:
        nonlocal session, current
        if session is None:
            return
        s, names = session, tuple(current)
        session, current = None, []
        out = _document_path(output, len(documents) + 1, numbered)
        side = out.with_suffix(".json") if sidecar else None
        try:
            result = s.finish(out, sidecar=side)
        finally:
            s.__exit__(None, None, None)
        documents.append(ScanDocument(out, names, result))

    try:
        while True:
            kind, item = pages_q.get()
            if kind == "done":
                break
            if kind == "error":
                error = item
                break
            page: ScannedPage = item
            if separators is not None and separators.is_separator(page.image):
                removed += 1
                progress(
                    Progress(
                        "scan",
                        page.index,
                        0,
                        f"page {page.index} is a separator sheet",
                        page=page.index,
                        extra={"separator": True},
                    )
                )
                close_document()
                continue
            if session is None:
                session = OcrSession(opts, progress=progress, cancel=cancel)
                session.__enter__()
            session.add_image(page.image, source=page.source)
            current.append(page.source)
        if isinstance(error, CancelledError):
            raise error
        close_document()
    except BaseException:
        if session is not None:
            session.__exit__(None, None, None)
        cancel.cancel()  # stop the scanner if we failed on our side
        scanner_thread.join(timeout=30)
        raise
    scanner_thread.join(timeout=30)
    run = ScanRun(tuple(documents), outcome[0] if outcome else None, removed, error)
    if error is not None:
        if isinstance(error, ScannerError):  # say where the kept pages went
            error.details["documents"] = [str(d.output) for d in documents]
        raise error
    return run
