"""Error table coverage, the report dialog for unexpected errors, and keyboard shortcuts."""

from __future__ import annotations

import inspect

from PySide6.QtCore import Qt

import digitizer.errors as derrors


def test_every_core_and_signing_error_code_has_vietnamese_text():
    from digitizer.ui.messages import MESSAGES

    codes = {
        c.code
        for _n, c in inspect.getmembers(derrors, inspect.isclass)
        if issubclass(c, derrors.DigitizerError)
    }
    import signing.errors as serrors

    codes |= {
        c.code
        for _n, c in inspect.getmembers(serrors, inspect.isclass)
        if issubclass(c, serrors.SigningError)
    }
    missing = sorted(codes - set(MESSAGES))
    assert not missing, missing


def test_signing_error_is_explained_not_reported(qtbot, errors):
    from digitizer.ui.dialogs import show_error
    from signing.errors import PinIncorrectError

    show_error(None, PinIncorrectError("C_Login failed"))
    assert errors[-1][:4] == (
        "error",
        "pin_incorrect",
        "Mã PIN không đúng.",
        "Nhập lại mã PIN; chú ý số lần thử còn lại của token.",
    )


def test_unexpected_exception_goes_to_report_dialog_and_log(qtbot, errors, env_dirs, caplog):
    from digitizer.ui.dialogs import ReportDialog, show_error

    try:
        {}["missing"]
    except KeyError as exc:
        show_error(None, exc)
        dlg = ReportDialog(exc, "/tmp/digitizer.log")
        qtbot.addWidget(dlg)
    assert errors[-1][0] == "report" and errors[-1][1] == "KeyError"
    assert "unexpected error" in caplog.text
    assert "KeyError" in dlg.details and "Traceback" in dlg.details
    assert dlg.windowTitle() == "Lỗi ngoài dự kiến"


def test_keyboard_shortcuts(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False)
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        item_id = win.import_files(sample_images)
    item = win.model.find(item_id)
    win.strip.setFocus()
    win.strip.setCurrentRow(0)
    qtbot.keyClick(win, Qt.Key.Key_PageDown)
    assert win.strip.currentRow() == 1
    qtbot.keyClick(win, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert item.pages[1].rotation == 90
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert item.pages[1].rotation == 0
    qtbot.keyClick(win, Qt.Key.Key_PageUp)
    assert win.strip.currentRow() == 0
    qtbot.keyClick(win, Qt.Key.Key_Delete)
    assert len(item.pages) == 2
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(item.pages) == 3
    shortcuts = {
        a.text(): a.shortcut().toString()
        for a in (win.act_scan, win.act_import, win.act_sign, win.act_verify, win.act_delete)
    }
    assert shortcuts == {
        "Quét": "F2",
        "Nhập tệp": "Ctrl+O",
        "Ký số": "F9",
        "Kiểm tra chữ ký": "Ctrl+Shift+V",
        "Xóa trang": "Del",
    }
