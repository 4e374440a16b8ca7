"""Helpers that drive the window as a clerk does: mouse clicks on the real widgets (buttons,
tabs, list rows, toolbar buttons, menu entries), typing, and answers to the modal dialogs a
click opens (file dialog, password dialog, message boxes). Every helper counts its clicks in
``Clicks`` so a test can state how many clicks a task took."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

LEFT = Qt.MouseButton.LeftButton


class Clicks:
    """Click counter shared by the helpers (a double click counts as two)."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.n = 0
        self.log: list[str] = []

    def click(self, widget: QWidget, pos: QPoint | None = None, what: str = "") -> None:
        assert widget.isVisible(), f"cannot click the hidden {what or widget}"
        assert widget.isEnabled(), f"cannot click the disabled {what or widget}"
        self.n += 1
        self.log.append(what or getattr(widget, "text", lambda: type(widget).__name__)())
        if pos is None:
            self.qtbot.mouseClick(widget, LEFT)
        else:
            self.qtbot.mouseClick(widget, LEFT, pos=pos)

    def double_click(self, widget: QWidget, pos: QPoint, what: str = "") -> None:
        self.n += 2
        self.log.append(what + " (x2)")
        self.qtbot.mouseDClick(widget, LEFT, pos=pos)

    # -- the main window -------------------------------------------------------------------
    def tab(self, tabs: QTabWidget, page: QWidget) -> None:
        i = tabs.indexOf(page)
        assert i >= 0
        bar = tabs.tabBar()
        self.click(bar, bar.tabRect(i).center(), f"tab {tabs.tabText(i)}")
        assert tabs.currentIndex() == i

    def toolbar(self, win, action) -> None:
        tb = win.findChild(QToolBar, "main")
        button = tb.widgetForAction(action)
        assert button is not None, f"{action.text()} is not on the toolbar"
        self.click(button, what=f"toolbar {action.text()}")

    def menu(self, win, action) -> None:
        """Open the menu bar entry that holds ``action`` and click the action in it."""
        bar = win.menuBar()
        for top in bar.actions():
            menu = top.menu()
            if menu is not None and action in menu.actions():
                break
        else:
            raise AssertionError(f"{action.text()} is in no menu")
        self.click(bar, bar.actionGeometry(top).center(), f"menu {top.text()}")
        self.qtbot.waitUntil(menu.isVisible, timeout=5000)
        self.click(menu, menu.actionGeometry(action).center(), f"menu item {action.text()}")

    def list_row(self, view, row: int) -> None:
        idx = view.model().index(row, 0)
        view.scrollTo(idx)
        self.click(view.viewport(), view.visualRect(idx).center(), f"row {row}")

    def type_into(self, edit: QWidget, text: str, what: str = "") -> None:
        """Click into a field, select what is there and type ``text`` (one click)."""
        self.click(edit, what=what or f"field {edit.objectName()}")
        self.qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        if text:
            self.qtbot.keyClicks(edit, text)
        else:
            self.qtbot.keyClick(edit, Qt.Key.Key_Delete)


def modal(qtbot, kind=QDialog, timeout: int = 10000) -> QWidget:
    """The modal dialog of ``kind`` that is open now (waits for it)."""
    found: list[QWidget] = []

    def check() -> bool:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind) and w.isVisible():
            found[:] = [w]
            return True
        return False

    qtbot.waitUntil(check, timeout=timeout)
    return found[0]


def when_modal(fn, kind=QDialog, poll: int = 20, tries: int = 500) -> None:
    """Run ``fn(dialog)`` as soon as a modal of ``kind`` is shown (from inside its exec loop)."""
    state = {"left": tries}

    def tick():
        w = QApplication.activeModalWidget()
        if isinstance(w, kind) and w.isVisible():
            fn(w)
            return
        state["left"] -= 1
        if state["left"] > 0:
            QTimer.singleShot(poll, tick)

    QTimer.singleShot(poll, tick)


def button_in(dialog: QWidget, text: str) -> QAbstractButton:
    for b in dialog.findChildren(QAbstractButton):
        if b.text().replace("&", "") == text and b.isVisible():
            return b
    names = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    raise AssertionError(f"no button {text!r} in {dialog.windowTitle()!r}: {names}")


def answer_open_dialog(clicks: Clicks, path: Path, then=None, navigate: bool = True) -> None:
    """When the file dialog opens: click the file in the list, then click Open (2 clicks).
    ``navigate=False``: the dialog must already show the file's folder (no hidden steps)."""

    def go(dlg: QFileDialog):
        from PySide6.QtWidgets import QAbstractItemView

        if navigate:
            dlg.setDirectory(str(path.parent))
        else:
            assert Path(dlg.directory().absolutePath()) == path.parent.resolve()
        views = [
            v
            for v in dlg.findChildren(QAbstractItemView)
            if v.isVisible() and v.objectName() in ("listView", "treeView")
        ]
        view = views[0]
        model = view.model()

        def row_index():
            root = view.rootIndex()
            for r in range(model.rowCount(root)):
                idx = model.index(r, 0, root)
                if idx.data() == path.name:
                    return idx
            return None

        clicks.qtbot.waitUntil(lambda: row_index() is not None, timeout=10000)
        idx = row_index()
        view.scrollTo(idx)
        clicks.click(view.viewport(), view.visualRect(idx).center(), f"file {path.name}")
        box = dlg.findChild(QDialogButtonBox, "buttonBox")
        ok = box.button(QDialogButtonBox.StandardButton.Open) or box.button(
            QDialogButtonBox.StandardButton.Save
        )
        clicks.click(ok, what="Open")
        if then is not None:
            then()

    when_modal(go, QFileDialog)


def answer_save_dialog(clicks: Clicks, path: Path) -> None:
    """When a save dialog opens: type the file name, click Save (1 click)."""

    def go(dlg: QFileDialog):
        dlg.setDirectory(str(path.parent))
        edit = dlg.findChild(QLineEdit, "fileNameEdit")
        edit.selectAll()
        clicks.qtbot.keyClicks(edit, path.name)
        box = dlg.findChild(QDialogButtonBox, "buttonBox")
        clicks.click(box.button(QDialogButtonBox.StandardButton.Save), what="Save")

    when_modal(go, QFileDialog)


def answer_password(clicks: Clicks, secret: str | None, seen: list | None = None) -> None:
    """When the password/PIN dialog opens: type ``secret`` and click Ký (1 click), or click Hủy
    when ``secret`` is None. ``seen`` collects (title, error text) of each dialog."""
    from digitizer.ui.dialogs import PinDialog

    def go(dlg):
        if seen is not None:
            seen.append((dlg.windowTitle(), dlg.error.text(), dlg))
        if secret is None:
            clicks.click(button_in(dlg, "Hủy"))
            return
        clicks.qtbot.keyClicks(dlg.edit, secret)
        clicks.click(dlg.ok)

    when_modal(go, PinDialog)


def answer_message_box(clicks: Clicks, button_text: str, seen: list | None = None) -> None:
    def go(box: QMessageBox):
        if seen is not None:
            seen.append(box.text())
        clicks.click(button_in(box, button_text))

    when_modal(go, QMessageBox)


def fill_record(clicks: Clicks, win, *, dossier: str = "H15.50.05.13-210120-0007") -> None:
    """The record form as the clerk fills it for the corpus result dev-002: open the tab, type
    the dossier code the paper lacks and the date, confirm."""
    clicks.tab(win.tabs, win.meta)
    clicks.type_into(win.meta.editors["dossier_code"], dossier, "field Mã hồ sơ")
    clicks.type_into(win.meta.editors["issued_date"], "20/01/2021", "field Ngày ban hành")
    clicks.click(win.meta.confirm_btn, what="Xác nhận")
