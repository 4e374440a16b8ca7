"""States, checklist and the sign panel as the clerk sees them (issue 12, defect 6): the list
agrees with the checklist, checklist rows do not pile up after a wrong password, a page OCR
found blank is shown, and the sign button is on screen at 1440×900."""

from __future__ import annotations

import shutil

from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGroupBox, QLabel

from .clicks import Clicks, fill_record
from .conftest import corpus_file


def _ocr(qtbot, win, paths):
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        item_id = win.import_files(paths)
    assert blocker.args == [item_id, None]
    return win.model.find(item_id)


def _state_line(win, item) -> str:
    return win.model.data(win.model.index(win.model.items.index(item))).split("\n")[1]


def test_the_list_says_ready_only_when_the_checklist_is_green(qtbot, make_window, doc_pdf):
    win = make_window()
    clicks = Clicks(qtbot)
    item = _ocr(qtbot, win, [doc_pdf])
    rows = win.sign.checklist()
    assert any(ok is False for ok, _ in rows)  # suggestions not confirmed, dossier code missing
    assert not _state_line(win, item).startswith("Sẵn sàng ký"), _state_line(win, item)
    fill_record(clicks, win)
    assert all(ok is not False for ok, _ in win.sign.checklist()), win.sign.checklist()
    assert _state_line(win, item).startswith("Sẵn sàng ký")
    # a second, untouched document is judged on its own record, not on the open form's
    pdf2 = doc_pdf.with_name("second.pdf")
    shutil.copy2(doc_pdf, pdf2)
    other = _ocr(qtbot, win, [pdf2])
    assert not _state_line(win, other).startswith("Sẵn sàng ký")
    assert _state_line(win, item).startswith("Sẵn sàng ký")


def test_imported_files_are_not_called_scanned(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False)
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.import_files(sample_images[:1])
    line = win.model.data(win.model.index(0)).split("\n")[1]
    assert not line.startswith("Đã quét"), line


def test_a_blank_page_is_badged_in_the_strip_and_listed_in_the_checklist(
    qtbot, make_window, tmp_path
):
    page = tmp_path / "in" / "trang-1.jpg"
    page.parent.mkdir()
    shutil.copy2(corpus_file("dev-001", "p01.jpg"), page)
    blank = tmp_path / "in" / "trang-2.png"
    Image.new("L", (1654, 2339), 255).save(blank, dpi=(200, 200))  # the back of a sheet
    win = make_window()
    item = _ocr(qtbot, win, [page, blank])
    assert win.results[item.id].pages[1].blank, "OCR did not flag the white page blank"
    assert "trống" in win.strip.item(1).text() and "trống" not in win.strip.item(0).text()
    rows = [text for _ok, text in win.sign.checklist() if "trống" in text]
    assert rows and "2" in rows[0], win.sign.checklist()
    # the row leads to the page
    clicks = Clicks(qtbot)
    clicks.list_row(win.strip, 0)
    clicks.tab(win.tabs, win._sign_tab)
    row = next(lab for lab in win.sign.checks if "trống" in lab.text())
    clicks.click(row, what="checklist row")
    assert win.strip.currentRow() == 1


def test_a_red_record_row_leads_to_the_field_to_fill(qtbot, make_window, doc_pdf):
    win = make_window()
    clicks = Clicks(qtbot)
    _ocr(qtbot, win, [doc_pdf])  # the paper has no dossier code: the record row is red
    clicks.tab(win.tabs, win._sign_tab)
    row = next(lab for lab in win.sign.checks if "Thông tin hồ sơ" in lab.text())
    assert row.text().startswith("✘")
    clicks.click(row, what="checklist row")
    assert win.tabs.currentWidget() is win.meta
    qtbot.waitUntil(win.meta.editors["dossier_code"].hasFocus, timeout=3000)
    # once everything is typed but not confirmed, the row leads to Xác nhận
    qtbot.keyClicks(win.meta.editors["dossier_code"], "H15.50.05.13-210120-0007")
    win.meta.editors["issued_date"].setText("")
    clicks.type_into(win.meta.editors["issued_date"], "20/01/2021")
    clicks.tab(win.tabs, win._sign_tab)
    row = next(lab for lab in win.sign.checks if "Thông tin hồ sơ" in lab.text())
    clicks.click(row, what="checklist row")
    assert win.tabs.currentWidget() is win.meta
    target = win.meta.first_to_fix(win.current_item())
    want = win.meta.editors[target] if target else win.meta.confirm_btn
    qtbot.waitUntil(want.hasFocus, timeout=3000)


def test_a_wrong_password_does_not_duplicate_the_checklist(qtbot, make_window, tmp_path, doc_pdf):
    from testpki import self_signed_p12

    p12 = self_signed_p12(tmp_path / "ky.p12", b"dung-mat-khau")
    win = make_window(pkcs12_path=str(p12))
    clicks = Clicks(qtbot)
    _ocr(qtbot, win, [doc_pdf])
    fill_record(clicks, win)
    clicks.tab(win.tabs, win._sign_tab)
    box = next(g for g in win.sign.findChildren(QGroupBox) if g.title() == "Kiểm tra trước khi ký")
    expected = len(win.sign.checklist())
    counts: list[int] = []

    def on_dialog(dlg):
        def go():
            if not counts and not dlg.error.text():  # first ask: a wrong password
                counts.append(-1)
                qtbot.keyClicks(dlg.edit, "sai-mat-khau")
                clicks.click(dlg.ok)
                return
            counts.append(sum(1 for lab in box.findChildren(QLabel) if lab.isVisible()))
            clicks.click(next(b for b in dlg.findChildren(type(dlg.ok)) if b.text() == "Hủy"))

        QTimer.singleShot(50, go)

    win.pinDialogShown.connect(on_dialog)
    clicks.click(win.sign.sign_btn)
    qtbot.waitUntil(lambda: len(counts) == 2, timeout=60000)
    assert counts[1] == expected, (counts, expected)
    qtbot.wait(100)
    assert sum(1 for lab in box.findChildren(QLabel) if lab.isVisible()) == expected


def test_the_sign_button_is_on_screen_at_1440x900(qtbot, make_window, doc_pdf):
    win = make_window()
    win.resize(1440, 900)
    clicks = Clicks(qtbot)
    _ocr(qtbot, win, [doc_pdf])
    clicks.tab(win.tabs, win._sign_tab)
    qtbot.wait(200)
    btn = win.sign.sign_btn
    assert btn.isVisible()
    assert not btn.visibleRegion().isEmpty()
    assert btn.visibleRegion().boundingRect() == btn.rect(), (
        btn.visibleRegion().boundingRect(),
        btn.rect(),
    )


def test_a_refused_file_is_explained_in_vietnamese_in_the_list(
    qtbot, make_window, tmp_path, errors
):
    """A text file renamed .pdf: the document's tooltip was the importer's English message."""
    from PySide6.QtCore import Qt

    from digitizer.model import DocState
    from digitizer.ui.messages import MESSAGES

    fake = tmp_path / "ket-qua.pdf"
    fake.write_text("this is not a PDF at all\n", encoding="utf-8")
    win = make_window(ocr_auto=False)
    with qtbot.waitSignal(win.importFinished, timeout=20000) as blocker:
        win.import_files([fake])
    assert blocker.args[1] is not None
    item = win.model.find(blocker.args[0])
    assert item.state == DocState.ERROR
    tip = win.model.data(win.model.index(0), Qt.ItemDataRole.ToolTipRole)
    what, todo = MESSAGES[item.error_code]
    assert tip.startswith(what) and todo in tip, tip
    assert item.error_message not in tip


def test_thumbnails_show_the_page_as_it_will_be_saved(qtbot, make_window, tmp_path):
    """Issue 12, item 8 (as NAPS2 does): a page scanned sideways is shown upright in the strip
    once recognition has turned it, not only in the page view."""
    from PySide6.QtCore import QSize

    src = Image.open(corpus_file("dev-001", "p01.jpg"))
    sideways = tmp_path / "in" / "nam-ngang.jpg"
    sideways.parent.mkdir()
    src.rotate(90, expand=True).save(sideways, dpi=src.info.get("dpi", (300, 300)))
    win = make_window()

    def thumb_size():
        it = win.strip.item(0)
        return it.icon().pixmap(QSize(400, 400)).size() if win.strip.thumbnail_ready(0) else None

    item = _ocr(qtbot, win, [sideways])
    assert win.results[item.id].pages[0].rotation_applied in (90, 270), "OCR did not turn it"
    qtbot.waitUntil(lambda: thumb_size() is not None, timeout=20000)
    qtbot.waitUntil(lambda: thumb_size().height() > thumb_size().width(), timeout=20000)
