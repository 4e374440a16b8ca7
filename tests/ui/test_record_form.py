"""No silent edits in the record form (issue 12, defect 3): scrolling the form with the mouse
wheel over a combo box must not change it (it turned "Tình trạng vật lý" into "Hư hỏng nặng",
which was then signed into the XMP); a focused combo may be wheeled, and any change to a
confirmed record asks for the confirmation again."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea

from .clicks import Clicks


def wheel(widget, steps: int = -1) -> None:
    """One notch of the mouse wheel over the middle of ``widget`` (down when negative)."""
    pos = QPointF(widget.rect().center())
    ev = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos.toPoint())),
        QPoint(),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, ev)


def _record_row(win):
    return next(r for r in win.sign.checklist() if r[1].startswith("Thông tin hồ sơ"))


def _import(qtbot, win, paths):
    with qtbot.waitSignal(win.importFinished, timeout=20000) as blocker:
        item_id = win.import_files(paths)
    assert blocker.args[1] is None, blocker.args
    return win.model.find(item_id)


def test_wheel_over_the_form_scrolls_and_never_changes_a_combo(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False)
    item = _import(qtbot, win, sample_images[:1])
    clicks = Clicks(qtbot)
    clicks.tab(win.tabs, win.meta)
    scroll = win.meta.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    for key in ("format", "mode", "confidence_level"):
        combo = win.meta.editors[key]
        scroll.ensureWidgetVisible(combo)
        before, pos = combo.currentText(), bar.value()
        assert not combo.hasFocus()
        wheel(combo)
        wheel(combo)
        assert combo.currentText() == before, (
            f"{key}: the wheel changed it to {combo.currentText()}"
        )
        assert item.metadata.get(key) in (None, before)
        if bar.maximum() > 0 and pos < bar.maximum():
            assert bar.value() > pos, "the wheel over a combo should scroll the form instead"


def test_a_change_after_confirmation_reopens_it(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False)
    item = _import(qtbot, win, sample_images[:1])
    clicks = Clicks(qtbot)
    clicks.tab(win.tabs, win.meta)
    clicks.type_into(win.meta.editors["dossier_code"], "H15.50.05.13-210120-0007")
    clicks.click(win.meta.confirm_btn, what="Xác nhận")
    assert item.confirmed
    assert not win.meta.confirm_btn.isEnabled()
    # the clerk clicks the combo (focus) and wheels it on purpose: allowed, but the record is
    # no longer the one that was confirmed
    combo = win.meta.editors["format"]
    win.meta.findChild(QScrollArea).ensureWidgetVisible(combo)
    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    before = combo.currentText()
    wheel(combo)
    # schema v2 (Circular 05/2025): the physical state is coded, 01 tốt / 02 bình thường / 03 hỏng
    assert combo.currentText() != before
    assert item.metadata["format"] == combo.currentText()
    assert not item.confirmed
    assert win.meta.confirm_btn.isEnabled()
    assert "xác nhận" in win.meta.summary.text().lower()
    record_row = _record_row(win)
    assert record_row[0] is False and "chưa xác nhận" in record_row[1]
    clicks.click(win.meta.confirm_btn, what="Xác nhận")
    assert item.confirmed and "chưa xác nhận" not in _record_row(win)[1]
    # typing into a confirmed record re-opens it as well
    clicks.type_into(win.meta.editors["applicant_name"], "Nguyen Van An")
    assert not item.confirmed
