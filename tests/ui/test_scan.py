"""Scan action against SANE's real ``test`` backend (private SANE_CONFIG_DIR), and without one."""

from __future__ import annotations

from pathlib import Path

import pytest

from digitizer.model import DocState

TEST_CONF = 'number_of_devices 1\nmode Gray\ndepth 8\nresolution 200.0\ntest-picture "Grid"\n'


@pytest.fixture
def sane_test_backend(env_dirs, tmp_path, monkeypatch):
    pytest.importorskip("sane")
    d = tmp_path / "sane-test"
    d.mkdir()
    (d / "dll.conf").write_text("test\n")
    (d / "test.conf").write_text(TEST_CONF)
    monkeypatch.setenv("SANE_CONFIG_DIR", str(d))
    return d


def test_no_scanner_disables_scan_with_reason(qtbot, make_window):
    win = make_window(ocr_auto=False)
    qtbot.waitUntil(
        lambda: "máy quét" in win.act_scan.toolTip() and "Đang tìm" not in win.act_scan.toolTip(),
        timeout=30000,
    )
    assert not win.act_scan.isEnabled()
    assert win.act_scan.toolTip().startswith("Không tìm thấy máy quét")


def test_scan_one_page_into_a_new_document(qtbot, make_window, sane_test_backend):
    win = make_window(
        ocr_auto=False, scanner_mode="gray", scanner_dpi=200, scanner_source="flatbed"
    )
    qtbot.waitUntil(win.act_scan.isEnabled, timeout=30000)
    with qtbot.waitSignal(win.scanFinished, timeout=120000) as blocker:
        win.act_scan.trigger()
    item_id, err = blocker.args
    assert err is None, err
    item = win.model.find(item_id)
    assert item.state == DocState.SCANNED and len(item.pages) == 1
    page = Path(item.pages[0].file)
    assert page.exists() and page.suffix == ".png"
    from PIL import Image

    with Image.open(page) as im:
        assert round(im.info["dpi"][0]) == 200
    assert win.strip.count() == 1
    assert win.act_scan.isEnabled()  # ready for the next document


def test_rescan_replaces_the_current_page_and_undo_restores_it(
    qtbot, make_window, sane_test_backend, sample_images
):
    win = make_window(
        ocr_auto=False, scanner_mode="gray", scanner_dpi=200, scanner_source="flatbed"
    )
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        item_id = win.import_files(sample_images[:2])
    item = win.model.find(item_id)
    qtbot.waitUntil(win.act_scan_replace.isEnabled, timeout=30000)
    win.strip.setCurrentRow(1)
    before = [p.id for p in item.pages]
    with qtbot.waitSignal(win.scanFinished, timeout=120000) as blocker:
        win.act_scan_replace.trigger()
    assert blocker.args[1] is None
    assert len(item.pages) == 2 and item.pages[0].id == before[0]
    assert item.pages[1].id != before[1] and item.pages[1].label.startswith("scan")
    with qtbot.waitSignal(win.scanFinished, timeout=120000):
        win.act_scan_insert.trigger()  # after the current page (page 2)
    assert len(item.pages) == 3
    win.act_undo.trigger()
    win.act_undo.trigger()
    assert [p.id for p in item.pages] == before


def test_scanned_pages_are_ocred_while_the_feeder_runs(qtbot, make_window, sane_test_backend):
    """ADF run of 3 pages with auto-OCR: one OcrSession fed page by page, one searchable PDF."""
    win = make_window(scanner_mode="gray", scanner_dpi=200, scanner_source="adf")
    qtbot.waitUntil(win.act_scan.isEnabled, timeout=30000)
    events = []
    win.model.dataChanged.connect(lambda a, b: events.append(win.model.data(a).split("\n")[1]))
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        win.act_scan.trigger()
    item_id, err = blocker.args
    assert err is None, err
    item = win.model.find(item_id)
    assert item.state == DocState.READY_TO_SIGN and item.ocr_current
    assert len(item.pages) == len(win.results[item_id].pages) >= 2
    assert any(e.startswith("Đang nhận dạng") for e in events), events
    assert Path(item.ocr_pdf).read_bytes().startswith(b"%PDF")
