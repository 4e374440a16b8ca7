"""The recipe: import -> prepare (orient, deskew, blank, colour) -> OCR -> assemble.

``ocr_document`` does a whole document from files. ``OcrSession`` is the streaming form used by
the scanner and the GUI: pages are submitted to a process pool as they arrive, and ``finish``
assembles the PDF once all have come back. Both take a progress callback and a cancel token.
Progress events for finished pages may arrive from a helper thread (the pool's), so a GUI must
hop to its own thread before touching widgets (``digitizer.ui`` does this in ``run_task``).
"""

from __future__ import annotations

import atexit
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .acquire.importer import MAX_FILE_BYTES, MAX_PAGES, PageRef, scan_inputs
from .errors import CancelledError, DigitizerError, OcrEngineError, OutputError, UsageError
from .fsutil import printable_tree, refuse_output_over_inputs, write_atomic
from .model import DocumentResult
from .ocr import tesseract
from .imaging.profiles import PROFILES, check_colour_option, profile
from .ocr.assemble import assemble_pdf
from .ocr.pdfa import OUTPUT_TYPES, wants_pdfa
from .ocr.page import PageJob, PageOutcome, image_to_ref, process_page
from .progress import CancelToken, Progress, ProgressFn, no_progress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OcrOptions:
    lang: str = "vie+eng"
    jobs: int | None = None  # worker processes; default: number of CPUs
    drop_blank: bool = False  # drop pages detected blank (reported, never silent)
    psm: int = 3
    jpeg_quality: int = 75
    colour: str = "auto"  # auto | colour | grey | bilevel (grey/bilevel: compact profile only)
    # image profile (digitizer.imaging.profiles): archive = >= 24-bit colour for every page
    # (Circular 05/2025 Art 8); compact = grey/bilevel where the page has no colour
    profile: str = "archive"
    drawing: bool = False  # a map/drawing-type result: 300 dpi asked of the capture
    output_type: str = "pdfa"  # pdfa (= pdfa-2, PDF/A-2b) | pdfa-2 | pdf (OCRmyPDF's names)
    rotate: bool = True
    deskew: bool = True
    timeout: float = 180.0  # per tesseract call
    title: str | None = None
    max_pages: int = MAX_PAGES  # per document (PDF pages + TIFF frames), checked before any work
    max_file_bytes: int | None = MAX_FILE_BYTES  # per input file, checked from os.stat


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _pool_init() -> None:
    tesseract.limit_threads()
    # Workers must not take the terminal's Ctrl-C: the parent cancels them.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_POOLS: dict[int, ProcessPoolExecutor] = {}
_POOL_USERS: dict[int, int] = {}  # id(pool) -> open sessions using it
_POOLS_LOCK = threading.Lock()


def _shared_pool(jobs: int) -> ProcessPoolExecutor:
    """One warm worker pool per size, reused by every session in this process: starting
    workers (forkserver, importing numpy/PIL) costs ~0.5 s, which a batch of small documents
    would otherwise pay again and again."""
    with _POOLS_LOCK:
        pool = _POOLS.get(jobs)
        if pool is None or getattr(pool, "_broken", False) or getattr(pool, "_shutdown_thread", False):
            ctx = multiprocessing.get_context("forkserver")
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_pool_init)
            _POOLS[jobs] = pool
        _POOL_USERS[id(pool)] = _POOL_USERS.get(id(pool), 0) + 1
        return pool


def _release_pool(pool: ProcessPoolExecutor) -> None:
    with _POOLS_LOCK:
        n = _POOL_USERS.get(id(pool), 0) - 1
        if n > 0:
            _POOL_USERS[id(pool)] = n
        else:
            _POOL_USERS.pop(id(pool), None)


def _discard_pool(pool: ProcessPoolExecutor) -> None:
    with _POOLS_LOCK:
        for k, v in list(_POOLS.items()):
            if v is pool:
                del _POOLS[k]


def shutdown_pools() -> None:
    """Stop the warm worker pools (called at exit; the GUI may call it when idle)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for p in pools:
        p.shutdown(wait=False, cancel_futures=True)


atexit.register(shutdown_pools)


class OcrSession:
    """Streaming OCR of one document. Use as a context manager; call ``finish`` once."""

    def __init__(
        self,
        options: OcrOptions | None = None,
        progress: ProgressFn = no_progress,
        cancel: CancelToken | None = None,
        workdir: str | os.PathLike | None = None,
    ) -> None:
        self.options = options or OcrOptions()
        _check_output_options(self.options)
        tesseract.check_languages(self.options.lang)
        self._progress = progress or no_progress
        self._cancel = cancel or CancelToken()
        self._tmp = Path(tempfile.mkdtemp(prefix="digitizer-", dir=workdir))
        jobs = self.options.jobs or default_jobs()
        self._pool = _shared_pool(jobs)
        self._futures: list[Future] = []
        self._sources: list[str] = []
        self._lock = threading.Lock()
        self._done = 0
        self._t0 = time.monotonic()
        self._closed = False
        self._spooled = 0  # pages that exist only in our work folder (scanned, not files)
        self._finished = False
        self.recovered_dir: Path | None = None

    # -- feeding pages -------------------------------------------------------------------
    def add_ref(self, ref: PageRef, split: int = 1, rotate: bool | None = None) -> int:
        """Queue one page for preparation + OCR; returns its 0-based index. Does not block.
        ``split`` > 1 lets the page's OCR use that many cores (for documents shorter than the
        pool, where cores would otherwise sit idle). ``rotate`` overrides the session's
        auto-orientation for this page (False: a page the user turned by hand stays as turned)."""
        self._cancel.check()
        index = len(self._futures)
        job = PageJob(
            index=index,
            ref=ref,
            workdir=str(self._tmp),
            lang=self.options.lang,
            psm=self.options.psm,
            jpeg_quality=self.options.jpeg_quality,
            colour=self.options.colour,
            profile=self.options.profile,
            min_dpi=float(profile(self.options.profile, self.options.drawing).min_dpi),
            timeout=self.options.timeout,
            deskew=self.options.deskew,
            rotate=self.options.rotate if rotate is None else rotate,
            split=max(1, split),
        )
        fut = self._pool.submit(process_page, job)
        self._futures.append(fut)
        self._sources.append(ref.source)
        self._emit("ocr", f"page {index + 1} queued", page=index + 1, extra={"event": "queued",
                                                                             "t": time.monotonic()})
        fut.add_done_callback(lambda f, i=index: self._page_done(i, f))
        return index

    def add_image(self, image: Image.Image, source: str | None = None, dpi: float | None = None) -> int:
        """Queue an in-memory page (e.g. just scanned). The image is saved losslessly first."""
        index = len(self._futures)
        ref = image_to_ref(image, self._tmp, index, source or f"page {index + 1}", dpi)
        self._spooled += 1
        return self.add_ref(ref)

    def add_files(self, paths: Iterable[str | os.PathLike]) -> list[int]:
        o = self.options
        refs = scan_inputs(paths, max_pages=o.max_pages, max_file_bytes=o.max_file_bytes)
        return [self.add_ref(r) for r in refs]

    # -- progress --------------------------------------------------------------------------
    def _emit(self, stage: str, message: str, page: int | None = None, extra: dict | None = None) -> None:
        try:
            self._progress(Progress(stage, self._done, len(self._futures), message, page, extra or {}))
        except Exception:
            log.exception("progress callback failed")

    def _page_done(self, index: int, fut: Future) -> None:
        if fut.cancelled():
            return
        with self._lock:
            self._done += 1
        exc = fut.exception()
        if exc is not None:
            self._emit("ocr", f"page {index + 1} failed: {exc}", page=index + 1,
                       extra={"event": "error", "t": time.monotonic()})
            return
        r = fut.result().result
        self._emit("ocr", f"page {index + 1} done", page=index + 1, extra={
            "event": "done", "t": time.monotonic(), "rotation": r.rotation_applied,
            "deskew": r.deskew_angle, "blank": r.blank, "mean_conf": r.mean_conf,
        })

    # -- finishing -------------------------------------------------------------------------
    def results(self) -> list[PageOutcome]:
        """Wait for every queued page (cancellable) and return their outcomes in order."""
        outcomes: list[PageOutcome] = []
        for i, fut in enumerate(self._futures):
            while True:
                if self._cancel.cancelled:
                    self._abort()
                    raise CancelledError()
                try:
                    outcomes.append(fut.result(timeout=0.1))
                    break
                except TimeoutError:
                    continue
                except BrokenProcessPool as exc:
                    raise OcrEngineError(
                        f"the OCR worker for page {i + 1} ({self._sources[i]}) died "
                        "(out of memory or killed)"
                    ) from exc
                except DigitizerError:
                    self._abort()
                    raise
        return outcomes

    def finish(self, output: str | os.PathLike, sidecar: str | os.PathLike | None = None) -> DocumentResult:
        try:
            result = self._finish(output, sidecar)
        except DigitizerError as exc:
            kept = self._keep_spooled_pages()
            if kept is not None:  # a scan must not be lost because OCR or writing failed
                exc.message += f"; the {self._spooled} scanned page(s) were kept in {kept}"
                exc.args = (f"{exc.path}: {exc.message}" if exc.path else exc.message,)
            raise
        self._finished = True
        return result

    def _keep_spooled_pages(self) -> Path | None:
        if not self._spooled or self._cancel.cancelled or self.recovered_dir is not None:
            return self.recovered_dir
        from .paths import data_dir

        dest = data_dir() / "recovered" / time.strftime("%Y%m%d-%H%M%S")
        try:
            dest.mkdir(parents=True, exist_ok=True)
            for f in sorted(self._tmp.glob("in-*.png")):
                shutil.copy2(f, dest / f.name)
        except OSError:
            log.exception("could not keep scanned pages")
            return None
        log.warning("kept %d scanned page(s) in %s", self._spooled, dest)
        self.recovered_dir = dest
        return dest

    def _finish(self, output: str | os.PathLike, sidecar: str | os.PathLike | None) -> DocumentResult:
        if not self._futures:
            raise UsageError("no pages to write")
        output = Path(output)
        if not output.parent.exists():
            raise OutputError("the output folder does not exist", path=output.parent)
        outcomes = self.results()
        t_ocr = time.monotonic() - self._t0
        dropped: list[int] = []
        keep = outcomes
        if self.options.drop_blank:
            keep = [o for o in outcomes if not o.result.blank]
            dropped = [o.result.index for o in outcomes if o.result.blank]
            if not keep:
                raise UsageError("every page is blank; nothing to write (run without --drop-blank to keep them)")
        self._cancel.check()
        self._emit("assemble", "writing PDF")
        t1 = time.monotonic()
        written = assemble_pdf(keep, output, title=self.options.title,
                               tesseract_version=tesseract.probe().version,
                               pdfa=wants_pdfa(self.options.output_type),
                               image_profile=self.options.profile)
        pages = tuple(o.result for o in keep)
        warnings = tuple(f"page {p.index + 1} ({p.source}): {w}" for p in pages for w in p.warnings)
        warnings += written.warnings
        result = DocumentResult(
            output=str(output),
            pages=pages,
            dropped_blank=tuple(dropped),
            inputs=tuple(dict.fromkeys(s.split("#")[0] for s in self._sources)),
            language=self.options.lang,
            pdfa=written.pdfa,
            profile=self.options.profile,
            warnings=warnings,
            timings={"ocr_s": round(t_ocr, 3), "assemble_s": round(time.monotonic() - t1, 3)},
        )
        if sidecar is not None:
            write_json_atomic(Path(sidecar), result.to_dict())
        self._emit("done", f"wrote {output}")
        return result

    def _abort(self) -> None:
        for f in self._futures:
            f.cancel()
        with _POOLS_LOCK:
            shared = _POOL_USERS.get(id(self._pool), 0) > 1
        if shared:
            # Another document is being read on these workers: killing them would fail it too.
            # Our queued pages are dropped; a page already running finishes and is ignored.
            return
        procs = list((getattr(self._pool, "_processes", None) or {}).values())
        _discard_pool(self._pool)
        self._pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:  # stop pages already running, too
            try:
                p.terminate()
            except Exception:  # noqa: BLE001
                pass

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if not self._finished:
            self._keep_spooled_pages()
        if self._cancel.cancelled:
            self._abort()
        for f in self._futures:  # the pool is shared: only drop what this session queued
            f.cancel()
        _release_pool(self._pool)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> OcrSession:
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            self._abort()
        self.close()


def _check_output_options(o: OcrOptions) -> None:
    """Profile, colour and output type checked before any work (UsageError, exit 2)."""
    if o.profile not in PROFILES:
        raise UsageError(f"unknown image profile {o.profile!r} (expected {' or '.join(PROFILES)})")
    if o.output_type not in OUTPUT_TYPES:
        raise UsageError(f"unknown output type {o.output_type!r} (expected {', '.join(OUTPUT_TYPES)})")
    msg = check_colour_option(o.profile, o.colour)
    if msg:
        raise UsageError(msg)


def write_json_atomic(path: Path, data: dict) -> None:
    try:
        # names that are not UTF-8 (POSIX names are bytes) are written escaped, never a crash
        write_atomic(path, json.dumps(printable_tree(data), ensure_ascii=False, indent=1))
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", path=path) from None


def ocr_document(
    inputs: Sequence[str | os.PathLike],
    output: str | os.PathLike,
    options: OcrOptions | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    sidecar: str | os.PathLike | None = None,
) -> DocumentResult:
    """Make one searchable PDF from the given files, pages in the order given."""
    output = Path(output)
    in_paths = [Path(p) for p in inputs]
    # no output may be an input, a link to one, or the other output: refused before any work
    refuse_output_over_inputs({"the output (-o)": output, "the sidecar (--sidecar)": sidecar}, in_paths)
    o = options or OcrOptions()
    # validate everything (kinds, sizes, page count) before starting any work
    refs = scan_inputs(in_paths, max_pages=o.max_pages, max_file_bytes=o.max_file_bytes)
    with OcrSession(options, progress, cancel) as session:
        jobs = session.options.jobs or default_jobs()
        # Fewer pages than cores (most results are one or two pages): split each page's OCR.
        split = jobs // len(refs) if len(refs) < jobs else 1
        for ref in refs:
            session.add_ref(ref, split=split)
        return session.finish(output, sidecar)
