"""Scan button: probe for scanners in the background, scan pages into a new document.

Uses only :mod:`digitizer.acquire.scanner`'s public functions (``available_devices``,
``scan_batch``, ``ScanSettings``). Without a scanner the action is disabled with the reason.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from digitizer.model import DocState
from digitizer.progress import CancelToken

from .dialogs import show_error
from .tasks import run_task
from .workitem import PageRef

log = logging.getLogger(__name__)

REASONS = {
    "probing": QT_TRANSLATE_NOOP("Scanning", "Đang tìm máy quét…"),
    "no_module": QT_TRANSLATE_NOOP(
        "Scanning", "Bản cài đặt này chưa có mô-đun máy quét; hãy dùng Nhập tệp."
    ),
    "no_scanner": QT_TRANSLATE_NOOP(
        "Scanning", "Không tìm thấy máy quét: hãy cắm và bật máy quét, hoặc dùng Nhập tệp."
    ),
    "missing_dependency": QT_TRANSLATE_NOOP(
        "Scanning",
        "Thiếu trình điều khiển máy quét (SANE); báo bộ phận kỹ thuật hoặc dùng Nhập tệp.",
    ),
    "scanner_error": QT_TRANSLATE_NOOP(
        "Scanning", "Không dò được máy quét; kiểm tra kết nối rồi mở lại chương trình."
    ),
    "busy": QT_TRANSLATE_NOOP("Scanning", "Đang quét…"),
}

_state: dict = {"probe": None, "probing": False, "busy": False}


def _t(s: str) -> str:
    return QCoreApplication.translate("Scanning", s)


def _module():
    try:
        from digitizer.acquire import scanner
    except ImportError:
        return None
    return scanner


def reset() -> None:
    _state.update(probe=None, probing=False, busy=False)


def probe(win) -> None:
    """Look for scanners off the GUI thread; the Scan action updates when the answer comes."""
    mod = _module()
    if mod is None or _state["probing"]:
        return
    _state["probing"] = True

    def done(result, err):
        _state["probing"] = False
        _state["probe"] = result if err is None else err
        win._update_scan_action()

    run_task(mod.available_devices, done)


def availability() -> tuple[bool, str]:
    from . import features

    if not features.ready():
        return False, _t(REASONS["probing"])
    if _module() is None:
        return False, _t(REASONS["no_module"])
    if _state["busy"]:
        return False, _t(REASONS["busy"])
    p = _state["probe"]
    if p is None:
        return False, _t(REASONS["probing"])
    if isinstance(p, BaseException) or not getattr(p, "ok", False):
        code = getattr(p, "reason_code", None) or "scanner_error"
        return False, _t(REASONS.get(code, REASONS["scanner_error"]))
    return True, ""


def scan_into_new_item(win) -> None:
    """Scan with the settings' defaults into a new document."""
    scan_pages(win)


def scan_pages(win, item=None, at: int | None = None, replace: bool = False) -> None:
    """Scan; each page is saved (PNG, lossless) as it arrives.

    Without ``item`` the pages form a new document (shown as they arrive); with ``item`` they
    are inserted at ``at`` (or replace the page there) as one undoable edit when the run ends.
    """
    import time

    mod = _module()
    ok, _ = availability()
    if mod is None or not ok:
        return
    from .workitem import new_item

    s = win.settings
    try:
        settings = mod.ScanSettings(
            source=s.scanner_source,
            resolution=s.scanner_dpi,
            mode=s.scanner_mode,
            batch=s.scanner_source.startswith("adf"),
        )
    except Exception as exc:  # noqa: BLE001 - UsageError from bad settings
        show_error(win, exc)
        return
    new = item is None
    if new:
        item = new_item(QCoreApplication.translate("Scanning", "Bản quét") + " " + item_time())
        win.model.add(item)
        win._stack(item.id)
        win.select_item(item.id)
        win.persist(item)
    wd = win.store.work_dir(item.id) / "scan"
    wd.mkdir(parents=True, exist_ok=True)
    run_id = time.strftime("%H%M%S")
    tok = CancelToken()
    _state["busy"] = True
    win._update_scan_action()
    device = s.scanner_device or None
    arrived: list[PageRef] = []

    # A new document is OCRed while the scanner runs: every page enters an OcrSession the
    # moment it arrives (the pipeline's streaming API); the run ends with the searchable PDF.
    from . import features

    pl = features.pipeline() if new and win.settings.ocr_auto else None
    job = win.begin_ocr(item, total=0) if pl is not None else None

    def work(progress):
        def save(page) -> str:
            path = wd / f"scan-{run_id}-{page.index:03d}.png"
            tmp = path.with_suffix(".part.png")
            page.image.save(tmp, dpi=(page.dpi, page.dpi))
            tmp.replace(path)
            progress(("page", str(path), page.source))
            return str(path)

        if job is None:
            return mod.scan_batch(device, settings, save, tok), None, None
        from .mainwindow import suggest_metadata

        fault = None
        added = [0]
        with pl.OcrSession(
            job.options, progress=lambda ev: progress(("ocr", ev)), cancel=job.token
        ) as sess:

            def feed(page) -> None:
                sess.add_files([save(page)])  # returns at once; OCR runs in the process pool
                added[0] += 1

            try:
                outcome = mod.scan_batch(device, settings, feed, tok)
            except Exception as exc:
                if not getattr(exc, "code", None) or not added[0]:
                    raise
                outcome, fault = None, exc
            res = sess.finish(job.out, job.sidecar)
        job.token.check()
        return outcome, (res, suggest_metadata(res)), fault

    def on_page(ev):
        if ev[0] == "ocr":
            if job is not None:
                win.ocr_progress(job, ev[1])
            return
        _kind, path, source = ev
        ref = PageRef(file=path, index=0, label=source)
        arrived.append(ref)
        if not new:
            return
        item.pages.append(ref)
        item.state = DocState.SCANNED
        win.persist(item)
        if win.current_item() is item:
            win.strip.set_pages(item.pages)
            win.strip.setCurrentRow(len(item.pages) - 1)

    def done(res, err):
        _state["busy"] = False
        win._update_scan_action()
        if err is None and res[2] is not None:
            err = res[2]  # a device fault after some pages: those pages were kept and OCRed
        if job is not None:
            if res is not None and res[1] is not None:
                win.finish_ocr(job, None, res[1], None)
            elif err is not None:
                win.finish_ocr(job, None, None, err if not item.pages else _cancelled())
        if err is not None:
            show_error(win, err)  # pages already scanned are kept
        if not new:
            if arrived:
                win.add_pages_to_item(
                    item,
                    arrived,
                    at,
                    replace,
                    win.tr("Thay trang") if replace else win.tr("Chèn trang"),
                )
        elif item.pages and win.settings.ocr_auto and job is None:
            win.start_ocr(item)
        elif not item.pages and err is not None:
            item.state = DocState.ERROR
            item.error_code = getattr(err, "code", "scanner_error")
            item.error_message = str(err)
            win.persist(item)
        win.scanFinished.emit(item.id, err)

    run_task(work, done, on_progress=on_page)


def _cancelled():
    from digitizer.errors import CancelledError

    return CancelledError("scan ended early; the pages scanned are kept")


def item_time() -> str:
    import time

    return time.strftime("%H:%M:%S")
