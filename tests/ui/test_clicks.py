"""The clerk's controls, clicked: the sign button, F9, the toolbar and the menu; every enabled
action of the window once. Issue 12: the pytest-qt suite used to call panel methods directly,
so the crash of the "Ký số (F9)" button itself went unseen."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from digitizer.model import DocState

from .clicks import Clicks, answer_open_dialog, answer_password, fill_record
from .test_clerk_flow import _configure

signing = pytest.importorskip("signing")


def _ocr(qtbot, win, pdf):
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        item_id = win.import_files([pdf])
    assert blocker.args == [item_id, None]
    return win.model.find(item_id)


def test_sign_button_click_signs_and_the_actions_follow_the_checklist(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf
):
    archive = tmp_path / "archive"
    archive.mkdir()
    settings = replace(_configure(tmp_path, monkeypatch, pki, archive), pkcs12_path="")
    win = make_window(settings)
    clicks = Clicks(qtbot)
    item = _ocr(qtbot, win, doc_pdf)
    fill_record(clicks, win)
    # record done, no certificate yet: the button and the action agree (Ký asks which one)
    clicks.tab(win.tabs, win._sign_tab)
    assert win.sign.sign_btn.isEnabled() == win.act_sign.isEnabled()

    # the clerk picks the .p12 from the panel: the button AND the toolbar/menu action wake up
    p12 = tmp_path / "certs" / "to-chuc.p12"
    p12.parent.mkdir()
    shutil.copy2(pki.p12_path("signer"), p12)
    answer_open_dialog(clicks, p12)
    clicks.click(win.sign.choose_btn)
    qtbot.waitUntil(lambda: win.settings.pkcs12_path == str(p12), timeout=20000)
    assert win.sign.sign_btn.isEnabled()
    assert win.act_sign.isEnabled(), "toolbar/menu 'Ký số' still greyed after the checklist is ✔"

    # while signing runs, the action is greyed too (no second signing from the toolbar)
    seen: list[tuple[bool, bool]] = []
    win.act_sign.changed.connect(lambda: seen.append((win.act_sign.isEnabled(), win.sign._busy)))
    answer_password(clicks, pki.password)
    with qtbot.waitSignal(win.signFinished, timeout=120000) as blocker:
        clicks.click(win.sign.sign_btn)  # used to raise TypeError: clicked(False) -> error=False
    assert blocker.args == [item.id, None]
    assert (False, True) in seen, seen
    assert item.locked and Path(item.signed_pdf).exists()
    assert not win.act_sign.isEnabled() and not win.sign.sign_btn.isEnabled()
    qtbot.waitUntil(lambda: item.state == DocState.UPLOADED, timeout=60000)


def test_sign_by_f9_by_the_toolbar_and_by_the_menu(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf, errors
):
    archive = tmp_path / "archive"
    archive.mkdir()
    win = make_window(_configure(tmp_path, monkeypatch, pki, archive))
    clicks = Clicks(qtbot)
    items = []
    for n in range(3):
        pdf = doc_pdf.with_name(f"ket-qua-{n}.pdf")
        shutil.copy2(doc_pdf, pdf)
        items.append(_ocr(qtbot, win, pdf))
    how = {
        0: lambda: qtbot.keyClick(win, Qt.Key.Key_F9),
        1: lambda: clicks.toolbar(win, win.act_sign),
        2: lambda: clicks.menu(win, win.act_sign),
    }
    for n, item in enumerate(items):
        clicks.list_row(win.docs, win.model.items.index(item))
        assert win.current_item() is item
        fill_record(clicks, win, dossier=f"H15.50.05.13-210120-000{n + 1}")
        assert win.act_sign.isEnabled()
        answer_password(clicks, pki.password)
        with qtbot.waitSignal(win.signFinished, timeout=120000) as blocker:
            how[n]()
        assert blocker.args == [item.id, None], n
        assert item.locked
    assert [e for e in errors if e[0] == "report"] == []


def _walk_menus(qtbot, win, clicks, errors, skip=()):
    """Click every enabled entry of every menu once (as a user: open the menu, click the entry);
    any dialog an entry opens is closed again with Esc/Hủy. Returns the texts clicked."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    def close_modal():
        w = QApplication.activeModalWidget()
        if isinstance(w, QDialog):
            w.reject()
        elif w is not None:
            w.close()

    closer = QTimer(win, interval=50)
    closer.timeout.connect(close_modal)
    closer.start()
    done = []
    try:
        for top in win.menuBar().actions():
            for action in list(top.menu().actions()):
                if action.isSeparator() or not action.isEnabled() or action in skip:
                    continue
                clicks.menu(win, action)
                qtbot.wait(100)
                done.append(action.text())
                reports = [e for e in errors if e[0] == "report"]
                assert not reports, (action.text(), reports)
    finally:
        closer.stop()
    return done


def test_every_enabled_action_once_without_an_unexpected_error(qtbot, make_window, doc_pdf, errors):
    win = make_window()
    clicks = Clicks(qtbot)
    from digitizer.ui import features

    qtbot.waitUntil(features.ready, timeout=60000)
    quit_action = next(a for a in win.findChildren(type(win.act_sign)) if a.text() == "Thoát")
    # a fresh window: nothing open yet
    first = _walk_menus(qtbot, win, clicks, errors, skip=(quit_action,))
    assert "Nhập tệp" in first and "Cài đặt" in first and "Kiểm tra chữ ký" in first
    # with a recognised document open: page, view and document actions come alive
    item = _ocr(qtbot, win, doc_pdf)
    second = _walk_menus(qtbot, win, clicks, errors, skip=(quit_action,))
    print("walked:", first, second)
    for text in ("Xoay trái", "Xoay phải", "Phóng to", "Vừa khung", "Bỏ tài liệu"):
        assert text in second, second
    assert win.model.find(item.id) is item  # "Bỏ tài liệu" was answered "Giữ lại"
    # and last, Thoát closes the window cleanly
    clicks.menu(win, quit_action)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=10000)
    assert [e for e in errors if e[0] == "report"] == []


def test_document_name_comes_from_the_record_and_matches_the_queue(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf
):
    """Issue 12, defect 5: every document was called "p01" (its first file), so the list and the
    archive queue could not be matched."""
    archive = tmp_path / "archive"
    archive.mkdir()
    win = make_window(_configure(tmp_path, monkeypatch, pki, archive))
    clicks = Clicks(qtbot)
    p01 = doc_pdf.with_name("p01.pdf")  # what a scanner folder is full of
    doc_pdf.rename(p01)
    item = _ocr(qtbot, win, p01)

    def list_name():
        return win.model.data(win.model.index(win.model.items.index(item))).split("\n")[0]

    suggested = item.metadata
    if suggested.get("type_name") and suggested.get("code_number"):
        assert list_name().startswith(suggested["type_name"] + " số " + suggested["code_number"])
    fill_record(clicks, win, dossier="H15.50.05.13-210120-0042")
    name = list_name()
    assert name != "p01" and "p01" not in name, name
    if not (item.metadata.get("type_name") and item.metadata.get("code_number")):
        assert name == "H15.50.05.13-210120-0042"
    clicks.tab(win.tabs, win._sign_tab)
    answer_password(clicks, pki.password)
    with qtbot.waitSignal(win.signFinished, timeout=120000):
        clicks.click(win.sign.sign_btn)
    qtbot.waitUntil(lambda: win.queue.table.rowCount() >= 1, timeout=30000)
    assert {win.queue.table.item(r, 0).text() for r in range(win.queue.table.rowCount())} == {name}


def test_without_a_record_a_document_is_named_after_its_source_file(
    qtbot, make_window, sample_images
):
    win = make_window(ocr_auto=False)
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.import_files(sample_images[:1])
    assert win.model.data(win.model.index(0)).split("\n")[0] == "dev-001-p01.jpg"
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.import_files(sample_images[1:])
    assert win.model.data(win.model.index(1)).split("\n")[0] == "dev-006-p01.png (+1)"


def test_first_run_guide_and_the_help_menu(qtbot, make_window):
    from digitizer.ui.dialogs import ShortcutsDialog

    from .clicks import button_in, when_modal

    win = make_window(ocr_auto=False)
    clicks = Clicks(qtbot)
    assert win.empty_hint.isVisible() and "ba bước" in win.empty_hint.text()
    for step in ("1. Nhập tệp", "2. Thông tin hồ sơ", "3. Ký số (F9)"):
        assert step in win.empty_hint.text()
    rows: list = []

    def read(dlg):
        t = dlg.table
        rows.extend((t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount()))
        clicks.click(button_in(dlg, "Đóng"))

    when_modal(read, ShortcutsDialog)
    clicks.menu(win, win.act_shortcuts)
    qtbot.waitUntil(lambda: bool(rows), timeout=10000)
    assert ("Ký số", "F9") in rows and ("Nhập tệp", "Ctrl+O") in rows
    assert ("Lưu bản sao…", "Ctrl+S") in rows and ("Hướng dẫn nhanh", "F1") in rows


def test_zoom_does_not_carry_over_and_the_last_page_cannot_be_deleted(
    qtbot, make_window, sample_images
):
    """Issue 12, item 8: zoom carried over between documents; deleting the last page left a
    document with 0 pages."""
    win = make_window(ocr_auto=False)
    clicks = Clicks(qtbot)
    for paths in (sample_images[:1], sample_images[1:2]):
        with qtbot.waitSignal(win.importFinished, timeout=20000):
            win.import_files(paths)
    clicks.list_row(win.docs, 0)
    qtbot.waitUntil(win.view.has_image, timeout=20000)
    fitted = win.view.zoom
    clicks.toolbar(win, win.act_zoom_in)
    clicks.toolbar(win, win.act_zoom_in)
    assert win.view.zoom > fitted * 1.5
    clicks.list_row(win.docs, 1)
    qtbot.waitUntil(win.view.has_image, timeout=20000)
    qtbot.wait(300)
    assert win.view.zoom < fitted * 1.5, "the zoom of the first document carried over"
    # one page: Delete does nothing and the action says why
    item = win.current_item()
    win.strip.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_Delete)
    assert len(item.pages) == 1
    assert not win.act_delete.isEnabled() and "Bỏ tài liệu" in win.act_delete.toolTip()


def test_drop_files_from_the_file_manager_imports_them(qtbot, make_window, sample_images):
    """Drag-and-drop as from a file manager: a drag-enter then a drop of file URLs on the
    window (the events Qt delivers), two files become one document of two pages."""
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    win = make_window(ocr_auto=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in sample_images[1:]])
    pos = QPoint(win.width() // 2, win.height() // 2)
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(win.importFinished, timeout=20000) as blocker:
        QApplication.sendEvent(win, drop)
    assert blocker.args[1] is None
    item = win.model.find(blocker.args[0])
    assert [p.label for p in item.pages] == ["dev-006-p01.png", "dev-006-p02.png"]
    assert win.model.data(win.model.index(0)).split("\n")[0] == "dev-006-p01.png (+1)"
    # a drop of something that is not a file is refused
    text = QMimeData()
    text.setText("không phải tệp")
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        text,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(win, enter)
    assert not enter.isAccepted()
