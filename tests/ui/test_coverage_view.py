"""A page whose text the OCR could not read completely (issue 11's coverage check) is shown to
the clerk: the unread regions are outlined in orange on the page view and the OCR text view says
that text is missing there."""

from __future__ import annotations

from pages_util import draw_lines, unreadable_lines_page
from PySide6.QtCore import Qt


def test_unread_regions_are_outlined_and_announced(qtbot, make_window, tmp_path):
    src = tmp_path / "in" / "khmer-lines.png"
    src.parent.mkdir()
    unreadable_lines_page(src)
    win = make_window()
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        item_id = win.import_files([src])
    assert blocker.args == [item_id, None]
    page = win.results[item_id].pages[0]
    assert page.needs_review and page.unread_regions
    # the clerk clicks the page's thumbnail
    strip = win.strip
    rect = strip.visualItemRect(strip.item(0))
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(win.view.has_image, timeout=30000)
    qtbot.waitUntil(lambda: win.view.mark_count() == len(page.unread_regions), timeout=10000)
    assert "chưa đọc được" in win.text.toPlainText()
    # another document without unread ink shows no frame, and back again
    clean = tmp_path / "in" / "clean.png"
    draw_lines(12)[0].save(clean, dpi=(300, 300))
    with qtbot.waitSignal(win.ocrFinished, timeout=240000):
        other = win.import_files([clean])
    assert not win.results[other].pages[0].needs_review

    def click_doc(row):
        r = win.docs.visualRect(win.model.index(row))
        qtbot.mouseClick(win.docs.viewport(), Qt.MouseButton.LeftButton, pos=r.center())

    click_doc(1)
    qtbot.waitUntil(lambda: win.current_item().id == other, timeout=5000)
    qtbot.waitUntil(win.view.has_image, timeout=30000)
    assert win.view.mark_count() == 0
    assert "chưa đọc được" not in win.text.toPlainText()
    click_doc(0)
    qtbot.waitUntil(lambda: win.view.mark_count() == len(page.unread_regions), timeout=30000)
