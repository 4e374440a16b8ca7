"""Import -> OCR in the background (real tesseract) -> text view and metadata suggestions."""

from __future__ import annotations

import shutil

import pytest

from digitizer.model import DocState

from .conftest import corpus_file


@pytest.fixture
def one_page_pdf(tmp_path):
    dest = tmp_path / "in" / "dev-002.pdf"
    dest.parent.mkdir()
    shutil.copy2(corpus_file("dev-002", "dev-002.pdf"), dest)
    return dest


def test_import_runs_ocr_with_progress_and_prefills(qtbot, make_window, one_page_pdf):
    win = make_window()
    seen: list[str] = []
    win.model.dataChanged.connect(
        lambda a, b: seen.append(win.model.data(a).split("\n")[1]) if a.isValid() else None
    )
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        item_id = win.import_files([one_page_pdf])
    assert blocker.args == [item_id, None]
    item = win.model.find(item_id)
    assert item.state == DocState.READY_TO_SIGN
    assert any(s.startswith("Đang nhận dạng 0/1 trang") for s in seen), seen
    # OCR done, record suggested but not confirmed: the list does not claim "ready to sign"
    assert any(s.startswith("Cần hoàn tất trước khi ký") for s in seen), seen
    assert not any(s.startswith("Sẵn sàng ký") for s in seen), seen
    res = win.results[item_id]
    assert len(res.pages) == 1 and "CAM LÂM" in res.pages[0].text.upper()
    # the text view shows the page's words
    assert "CỘNG HÒA" in win.text.toPlainText().upper()
    # suggestions from the metadata extractor are marked until confirmed
    assert item.suggested, item.metadata
    assert all(
        win.meta.markers[k].isVisibleTo(win.meta) for k in item.suggested if k in win.meta.markers
    )
    assert item.ocr_current
    # the page view now shows what will be signed: the straightened OCR output
    assert win.view._key == f"{item.ocr_pdf}#0"
    qtbot.waitUntil(win.view.has_image, timeout=30000)
