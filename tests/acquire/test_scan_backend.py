"""Scanner backend against SANE's real ``test`` device: devices, options, pages, faults, cancel."""

from __future__ import annotations

import itertools
import os
import signal

import pytest

from digitizer.acquire.scanner import ScanSettings, available_devices, scan_batch
from digitizer.errors import (
    CancelledError,
    CoverOpenError,
    FeederEmptyError,
    NoScannerError,
    PaperJamError,
    ScannerBusyError,
    ScannerDisconnectedError,
    ScannerIOError,
    UsageError,
)
from digitizer.progress import CancelToken

GRID = (("test-picture", "Grid"),)


def px(mm: float, dpi: int) -> int:
    return int(mm / 25.4 * dpi)  # the test backend truncates


def test_available_devices_lists_sane_test_devices():
    probe = available_devices()
    assert probe.ok and probe.reason_code is None
    ids = [d.id for d in probe.devices]
    assert ids == ["test:0", "test:1"]
    assert probe.devices[0].backend == "sane"
    assert probe.devices[0].kind == "virtual device"


def test_no_scanner_is_reported_not_raised(empty_sane_config_dir, monkeypatch):
    monkeypatch.setenv("SANE_CONFIG_DIR", str(empty_sane_config_dir))
    probe = available_devices()
    assert probe.devices == ()
    assert not probe.ok
    assert probe.reason_code == "no_scanner"
    assert "no scanner found" in probe.reason


def test_unknown_device_is_no_scanner_error(sane_backend):
    with pytest.raises(NoScannerError) as ei:
        sane_backend.open("test:9")
    assert ei.value.exit_code == 51
    assert "test:9" in str(ei.value) and "unplugged" in str(ei.value)


def test_capabilities_in_canonical_words(sane_device):
    caps = sane_device.capabilities()
    assert caps.sources == ("flatbed", "adf")
    assert set(caps.modes) == {"color", "gray", "lineart"}
    assert (caps.min_dpi, caps.max_dpi) == (1, 1200)
    assert caps.max_area_mm == (200.0, 200.0)
    assert "Automatic Document Feeder" in caps.raw_sources


@pytest.mark.parametrize(("mode", "pil_mode"), [("color", "RGB"), ("gray", "L"), ("lineart", "1")])
def test_flatbed_page_in_each_mode(sane_device, mode, pil_mode):
    pages = []
    out = scan_batch(
        sane_device, ScanSettings(mode=mode, resolution=200, device_options=GRID), pages.append
    )
    assert out.pages == 1 and out.ended == "single"
    assert out.applied.source == "flatbed" and out.applied.raw_source == "Flatbed"
    (page,) = pages
    assert page.image.mode == pil_mode
    # A4 does not fit the 200x200 mm test scanner: clamped, and said so
    assert page.image.size == (px(200, 200), px(200, 200))
    assert any("larger than the scan area" in w for w in out.applied.warnings)
    assert page.image.info["dpi"] == (200, 200)
    assert page.source == "scan:test:0#1"


def test_colour_pattern_really_is_colour_and_grid_is_grey(sane_device):
    pages = []
    scan_batch(
        sane_device,
        ScanSettings(
            mode="color", resolution=200, device_options=(("test-picture", "Color pattern"),)
        ),
        pages.append,
    )
    scan_batch(
        sane_device, ScanSettings(mode="gray", resolution=200, device_options=GRID), pages.append
    )
    r, g, b = pages[0].image.split()
    assert r.tobytes() != g.tobytes() or g.tobytes() != b.tobytes()
    lo, hi = pages[1].image.getextrema()
    assert lo < 50 and hi > 200  # black grid lines on white


def test_resolution_and_page_size_are_applied(sane_device):
    pages = []
    out = scan_batch(
        sane_device, ScanSettings(resolution=250, page_size="A5", mode="gray"), pages.append
    )
    # A5 = 148 x 210 mm; the height is clamped to the 200 mm of the test device
    assert out.applied.area_mm == (148.0, 200.0)
    assert pages[0].image.size == (px(148, 250), px(200, 250))


def test_feeder_batch_until_empty(sane_device):
    pages, events = [], []
    out = scan_batch(
        sane_device,
        ScanSettings(batch=True, mode="gray", resolution=200),
        pages.append,
        progress=events.append,
    )
    # the test backend's feeder holds 10 sheets; "out of documents" ends the batch cleanly
    assert out.pages == 10 and out.ended == "feeder_empty"
    assert out.applied.source == "adf"
    assert [p.index for p in pages] == list(range(1, 11))
    assert all(a.scanned_at <= b.scanned_at for a, b in itertools.pairwise(pages))
    assert [e.page for e in events if e.extra.get("scanned")] == list(range(1, 11))


def test_batch_page_limit(sane_device):
    pages = []
    out = scan_batch(
        sane_device,
        ScanSettings(batch=True, max_pages=4, resolution=200, mode="gray"),
        pages.append,
    )
    assert (out.pages, out.ended, len(pages)) == (4, "max_pages", 4)


def test_empty_feeder_at_start_is_an_error(sane_device):
    settings = ScanSettings(
        batch=True,
        resolution=200,
        mode="gray",
        device_options=(("read-return-value", "SANE_STATUS_NO_DOCS"),),
    )
    pages = []
    with pytest.raises(FeederEmptyError) as ei:
        scan_batch(sane_device, settings, pages.append)
    assert ei.value.exit_code == 55 and "empty" in str(ei.value)
    assert pages == []


@pytest.mark.parametrize(
    ("status", "cls", "exit_code", "words"),
    [
        ("SANE_STATUS_JAMMED", PaperJamError, 53, "paper jam"),
        ("SANE_STATUS_COVER_OPEN", CoverOpenError, 54, "cover"),
        ("SANE_STATUS_IO_ERROR", ScannerIOError, 56, "I/O error"),
        ("SANE_STATUS_DEVICE_BUSY", ScannerBusyError, 52, "busy"),
    ],
)
def test_device_fault_mid_batch_keeps_scanned_pages(sane_device, status, cls, exit_code, words):
    pages = []

    def on_page(page):
        pages.append(page)
        if page.index == 2:  # the device fails on the third sheet
            sane_device.set_option("read-return-value", status)

    with pytest.raises(cls) as ei:
        scan_batch(
            sane_device,
            ScanSettings(batch=True, resolution=200, mode="gray", device_options=GRID),
            on_page,
        )
    err = ei.value
    assert err.exit_code == exit_code
    assert words in str(err) and "2 page(s) already scanned were kept" in str(err)
    assert err.details["pages_scanned"] == 2
    assert [p.image.size for p in pages] == [(px(200, 200), px(200, 200))] * 2
    assert pages[1].image.getextrema() == (0, 255)  # intact image data, not a partial page


def test_fault_on_first_flatbed_page(sane_device):
    settings = ScanSettings(
        resolution=200, device_options=(("read-return-value", "SANE_STATUS_COVER_OPEN"),)
    )
    with pytest.raises(CoverOpenError) as ei:
        scan_batch(sane_device, settings, lambda p: None)
    assert "pages_scanned" not in ei.value.details


def test_cancel_between_pages(sane_device):
    token, pages = CancelToken(), []

    def on_page(page):
        pages.append(page)
        if page.index == 3:
            token.cancel()

    with pytest.raises(CancelledError) as ei:
        scan_batch(
            sane_device, ScanSettings(batch=True, resolution=200, mode="gray"), on_page, token
        )
    assert len(pages) == 3 and ei.value.details["pages_scanned"] == 3


@pytest.mark.timeout(20)
def test_cancel_aborts_the_page_being_read(sane_device):
    """Page 2 is made so slow (0.2 s per buffer, 1200 dpi colour: ~40 s) that only a real
    mid-page abort through sane_cancel lets this test finish before its timeout."""
    token, pages = CancelToken(), []

    def on_page(page):
        pages.append(page)
        sane_device.set_option("read-delay", True)
        sane_device.set_option("read-delay-duration", 200000)
        sane_device.set_option("resolution", 1200)

    def progress(ev):
        if ev.message == "scanning page 2":
            token.cancel()  # the watcher aborts the read in progress

    with pytest.raises(CancelledError):
        scan_batch(
            sane_device,
            ScanSettings(batch=True, resolution=200, mode="color"),
            on_page,
            token,
            progress,
        )
    assert len(pages) == 1


def test_driver_crash_is_reported_and_pages_kept(sane_device):
    pages = []

    def on_page(page):
        pages.append(page)
        if page.index == 2:  # the driver process dies (like an unplugged USB scanner)
            os.kill(sane_device._w.proc.pid, signal.SIGKILL)

    with pytest.raises(ScannerDisconnectedError) as ei:
        scan_batch(sane_device, ScanSettings(batch=True, resolution=200, mode="gray"), on_page)
    assert ei.value.exit_code == 57
    assert "unplugged" in str(ei.value) and ei.value.details["pages_scanned"] == 2
    assert len(pages) == 2


def test_scan_batch_by_device_id_opens_and_closes(sane_config_dir):
    pages = []
    out = scan_batch("test:1", ScanSettings(resolution=200, mode="gray"), pages.append)
    assert out.device.id == "test:1" and len(pages) == 1


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"resolution": 150}, "below 200 dpi"),
        ({"source": "flatbed", "batch": True}, "feeder"),
        ({"mode": "sepia"}, "unknown mode"),
        ({"source": "tray"}, "unknown source"),
        ({"page_size": "A9"}, "unknown page size"),
    ],
)
def test_bad_settings_are_usage_errors(kwargs, words):
    with pytest.raises(UsageError, match=words):
        ScanSettings(**kwargs)


def test_duplex_not_offered_is_a_clear_error(sane_device):
    with pytest.raises(UsageError, match="no adf-duplex source.*flatbed, adf"):
        scan_batch(sane_device, ScanSettings(source="adf-duplex", batch=True), lambda p: None)


def test_bad_raw_options_are_usage_errors(sane_device):
    with pytest.raises(UsageError, match="no option 'no-such-option'"):
        sane_device.set_option("no-such-option", 1)
    with pytest.raises(UsageError, match="does not accept 'Plaid'"):
        sane_device.set_option("test-picture", "Plaid")
    with pytest.raises(UsageError, match="invalid value"):
        sane_device.set_option("read-delay", "maybe")


def test_missing_python_sane_is_reported_as_missing_dependency(tmp_path, monkeypatch):
    """A machine without libsane: the worker cannot import _sane. The probe explains it."""
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "_sane.py").write_text(
        "raise ImportError('libsane.so.1: cannot open shared object file')\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(shadow))
    probe = available_devices()
    assert probe.devices == () and probe.reason_code == "missing_dependency"
    assert "libsane.so.1" in probe.reason and "python-sane" in probe.reason


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Flatbed", "flatbed"),
        ("FlatBed", "flatbed"),
        ("Platen", "flatbed"),
        ("Automatic Document Feeder", "adf"),
        ("Automatic Document Feeder(left aligned)", "adf"),
        ("Automatic Document Feeder(centrally aligned,Duplex)", "adf-duplex"),
        ("ADF", "adf"),
        ("ADF Front", "adf"),
        ("ADF Back", None),
        ("ADF Duplex", "adf-duplex"),
        ("Duplex", "adf-duplex"),
        ("Transparency Adapter", None),
    ],
)
def test_source_names_of_real_drivers(raw, canonical):
    """Source strings as epson2, fujitsu, brother, hpaio, canon and airscan report them."""
    from digitizer.acquire.sane_backend import _classify_source

    assert _classify_source(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Color", "color"),
        ("24bit Color[Fast]", "color"),
        ("Gray", "gray"),
        ("True Gray", "gray"),
        ("Lineart", "lineart"),
        ("Binary", "lineart"),
        ("Black & White", "lineart"),
        ("Halftone", None),
    ],
)
def test_mode_names_of_real_drivers(raw, canonical):
    from digitizer.acquire.sane_backend import _classify_mode

    assert _classify_mode(raw) == canonical
