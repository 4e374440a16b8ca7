"""Small widget behaviours shared by the forms."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget


class _WheelGuard(QObject):
    """Keeps wheel events away from a widget that has no keyboard focus and hands them to the
    scroll area around it, so the form scrolls on instead of the value changing."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, QWidget) or obj.hasFocus():
            return False
        area = obj.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        # no event.accept()/ignore() from Python here: with PySide6 6.12 each such call loses a
        # reference to None (the interpreter aborts with "none_dealloc" at exit after enough
        # wheel events). The scroll bar accepts what it scrolls; without a scroll area the event
        # stays unaccepted as Qt delivered it, so a real wheel event goes on to the parent.
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True


_guard: _WheelGuard | None = None


def ignore_wheel_unless_focused(*widgets: QWidget) -> None:
    """Combo and spin boxes change value under the mouse wheel even when the clerk only meant
    to scroll the form past them (a record was signed with "Hư hỏng nặng" that way). They take
    focus by click or Tab only, and ignore the wheel until they have it."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard()
    for w in widgets:
        w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        w.installEventFilter(_guard)


def open_folder(path: str | Path) -> bool:
    """Show a folder in the desktop's file manager (the one place that asks the desktop)."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
