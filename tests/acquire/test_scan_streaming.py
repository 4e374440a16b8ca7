"""Scan -> OCR streaming with the real SANE test device and real tesseract.

Pages enter OCR while the scanner is still feeding; faults keep what was scanned; separator
sheets split documents. Overlap is asserted from progress-event timestamps, never by sleeping.
"""

from __future__ import annotations

import json
import time

import pytest
from pypdf import PdfReader

from digitizer.acquire.scanner import ScanSettings, scan_to_pdf
from digitizer.acquire.separators import SeparatorDetector
from digitizer.errors import CancelledError, PaperJamError
from digitizer.pipeline import OcrOptions

pytestmark = pytest.mark.slow

GRID = (("test-picture", "Grid"),)
OPTS = OcrOptions(jobs=2)


class Recorder:
    """Progress callback that stamps every event with the time it arrived."""

    def __init__(self, hooks=None):
        self.events: list[tuple[float, object]] = []
        self.hooks = hooks or {}

    def __call__(self, ev):
        self.events.append((time.monotonic(), ev))
        hook = self.hooks.get((ev.stage, ev.message))
        if hook:
            hook()

    def t(self, stage, page, pred):
        times = [t for t, e in self.events if e.stage == stage and e.page == page and pred(e)]
        assert times, f"no {stage} event for page {page}"
        return times[0]


def test_ocr_of_page_one_starts_while_the_feeder_is_still_scanning(sane_device, tmp_path):
    # Page 3 is a slow sheet (0.2 s per data buffer, ~7 s in all): a scan-then-OCR design would
    # queue page 1 for OCR only after it; streaming queues it within a fraction of a second.
    def slow_last_sheet():
        sane_device.set_option("read-delay", True)
        sane_device.set_option("read-delay-duration", 200000)

    rec = Recorder({("scan", "page 2 scanned"): slow_last_sheet})
    out = tmp_path / "out.pdf"
    run = scan_to_pdf(
        sane_device,
        ScanSettings(batch=True, max_pages=3, mode="gray", resolution=200, device_options=GRID),
        out,
        OPTS,
        progress=rec,
        sidecar=True,
    )
    last_scanned = rec.t("scan", 3, lambda e: e.extra.get("scanned"))
    ocr1_started = rec.t("ocr", 1, lambda e: e.extra.get("event") == "queued")
    ocr1_done = rec.t("ocr", 1, lambda e: e.extra.get("event") == "done")
    assert ocr1_started < last_scanned
    assert ocr1_done > ocr1_started
    # and the result is a real 3-page PDF with the scan's geometry and a sidecar
    (_doc,) = run.documents
    assert run.outcome.pages == 3 and run.outcome.ended == "max_pages"
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    assert abs(float(reader.pages[0].mediabox.width) - 200 / 25.4 * 72) < 2
    side = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [p["source"] for p in side["pages"]] == [f"scan:test:0#{i}" for i in (1, 2, 3)]


def test_jam_mid_run_still_writes_the_pages_scanned_before(sane_device, tmp_path):
    def jam():
        sane_device.set_option("read-return-value", "SANE_STATUS_JAMMED")

    out = tmp_path / "kept.pdf"
    with pytest.raises(PaperJamError) as ei:
        scan_to_pdf(
            sane_device,
            ScanSettings(batch=True, mode="gray", resolution=200, device_options=GRID),
            out,
            OPTS,
            progress=Recorder({("scan", "page 2 scanned"): jam}),
        )
    assert ei.value.details["documents"] == [str(out)]
    assert "2 page(s) already scanned were kept" in str(ei.value)
    assert len(PdfReader(out).pages) == 2


def test_blank_separator_sheet_splits_the_run(sane_device, tmp_path):
    def picture(name):
        return lambda: sane_device.set_option("test-picture", name)

    rec = Recorder(
        {
            ("scan", "page 1 scanned"): picture("Solid white"),  # sheet 2 is a separator
            ("scan", "page 2 scanned"): picture("Grid"),
        }
    )
    out = tmp_path / "ho-so.pdf"
    run = scan_to_pdf(
        sane_device,
        ScanSettings(batch=True, max_pages=4, mode="gray", resolution=200, device_options=GRID),
        out,
        OPTS,
        separators=SeparatorDetector.from_mode("blank"),
        progress=rec,
    )
    assert run.separators == 1
    assert [d.output.name for d in run.documents] == ["ho-so-001.pdf", "ho-so-002.pdf"]
    assert [d.pages for d in run.documents] == [
        ("scan:test:0#1",),
        ("scan:test:0#3", "scan:test:0#4"),
    ]
    assert [len(PdfReader(d.output).pages) for d in run.documents] == [1, 2]
    assert not out.exists()


def test_cancel_mid_run_stops_scanner_and_writes_nothing(sane_device, tmp_path):
    from digitizer.progress import CancelToken

    token = CancelToken()
    out = tmp_path / "c.pdf"
    with pytest.raises(CancelledError):
        scan_to_pdf(
            sane_device,
            ScanSettings(batch=True, mode="gray", resolution=200),
            out,
            OPTS,
            cancel=token,
            progress=Recorder({("scan", "page 2 scanned"): token.cancel}),
        )
    assert not out.exists()
