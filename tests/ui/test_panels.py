"""Issue 12, what was still open: the toolbar (icons with text, buttons that do not shift), the
signature panel of the open document (banner, ✓/⚠/✗, Acrobat wording, trust this certificate),
the certificate list, a manual rotation against auto-orientation. Click-level, fresh home."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from .clicks import Clicks

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


def _tool_button(win, action) -> QToolButton:
    return win.toolbar.widgetForAction(action)


def test_toolbar_has_icons_with_text_and_buttons_keep_their_width(
    qtbot, make_window, sample_images
):
    """Issue 12, item 8: the toolbar was text only and its buttons shifted width (the undo
    button's text grew with the command it would undo)."""
    win = make_window(ocr_auto=False)
    clicks = Clicks(qtbot)
    tb = win.toolbar
    assert tb.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    for a in tb.actions():
        if a.isSeparator():
            continue
        assert not a.icon().isNull(), a.text()
        assert a.icon().pixmap(24, 24).toImage().width() == 24, a.text()
    # the licence of the copied icons is recorded next to them
    readme = (ICONS / "README.md").read_text(encoding="utf-8")
    for svg in ICONS.glob("*.svg"):
        assert svg.name in readme, svg.name
    assert "CC-BY-SA-3.0" in readme and "LGPL-3" in readme

    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.import_files(sample_images[:2])
    clicks.list_row(win.docs, 0)
    qtbot.waitUntil(win.view.has_image, timeout=20000)
    widths = {a.text(): _tool_button(win, a).width() for a in tb.actions() if not a.isSeparator()}
    undo_w = _tool_button(win, win.act_undo).width()
    clicks.toolbar(win, win.act_rot_right)  # the undo action now says what it would undo
    qtbot.wait(50)
    assert win.act_undo.isEnabled()
    assert _tool_button(win, win.act_undo).width() == undo_w
    assert _tool_button(win, win.act_undo).text() == "Hoàn tác"
    # every button keeps the width it had: nothing under the mouse moves
    for a in tb.actions():
        if not a.isSeparator():
            assert _tool_button(win, a).width() == widths.get(a.text(), _tool_button(win, a).width())
