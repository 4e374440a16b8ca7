"""Error display (Vietnamese message + what to do), the crash report dialog and the PIN dialog."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .messages import describe, is_expected

log = logging.getLogger("digitizer.ui")

# Tests set this to collect what would have been shown instead of blocking on a modal box.
_sink: list | None = None


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Explain an error in the UI language; unexpected ones go to the report dialog and the log."""
    if not is_expected(exc):
        show_report(parent, exc)
        return
    code, what, todo = describe(exc)
    log.warning("%s: %s", code, exc)
    if _sink is not None:
        _sink.append(("error", code, what, todo, str(exc)))
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Không thực hiện được"))
    box.setText(f"<b>{what}</b><br>{todo}")
    box.setDetailedText(str(exc))
    box.addButton(QCoreApplication.translate("Dialogs", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


class ReportDialog(QDialog):
    """Unexpected exception: apologise, show where the log is, let the clerk copy the details."""

    def __init__(self, exc: BaseException, log_path: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lỗi ngoài dự kiến"))
        self.details = "".join(traceback.format_exception(exc))
        lay = QVBoxLayout(self)
        msg = QLabel(
            self.tr(
                "Chương trình gặp lỗi ngoài dự kiến. Công việc đang làm đã được lưu. "
                "Hãy sao chép báo cáo dưới đây và gửi cho bộ phận kỹ thuật."
            )
        )
        msg.setWordWrap(True)
        lay.addWidget(msg)
        if log_path:
            lp = QLabel(self.tr("Nhật ký: %1").replace("%1", log_path))
            lp.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lp.setWordWrap(True)
            lay.addWidget(lp)
        text = QPlainTextEdit(self.details)
        text.setReadOnly(True)
        text.setMinimumSize(560, 200)
        lay.addWidget(text)
        buttons = QDialogButtonBox()
        copy = QPushButton(self.tr("Sao chép báo cáo"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.AcceptRole)
        lay.addWidget(buttons)


def show_report(parent: QWidget | None, exc: BaseException) -> None:
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    if _sink is not None:
        _sink.append(("report", type(exc).__name__, str(exc)))
        return
    from .settings import log_dir

    ReportDialog(exc, str(log_dir() / "digitizer.log"), parent).exec()


class PinDialog(QDialog):
    """Asks for the PIN/password for one signing; the value lives only until the dialog closes."""

    def __init__(self, what: str, parent=None, error: str = "", secret: str = "pin"):
        super().__init__(parent)
        # a token has a PIN, a .p12 file a password: say the word the clerk knows
        pin = secret == "pin"
        self.setWindowTitle(self.tr("Nhập mã PIN") if pin else self.tr("Nhập mật khẩu"))
        lay = QVBoxLayout(self)
        lab = QLabel(what)
        lab.setWordWrap(True)
        lay.addWidget(lab)
        self.error = QLabel(error)
        self.error.setStyleSheet("color:#c62828")
        self.error.setVisible(bool(error))
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setObjectName("pin")
        lay.addWidget(self.edit)
        note = QLabel(
            self.tr("Mã PIN không được lưu lại.")
            if pin
            else self.tr("Mật khẩu không được lưu lại.")
        )
        note.setStyleSheet("color:gray")
        lay.addWidget(note)
        buttons = QDialogButtonBox()
        self.ok = QPushButton(self.tr("Ký"))
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Hủy"))
        cancel.clicked.connect(self.reject)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        lay.addWidget(buttons)
        self.setMinimumWidth(380)

    def take_pin(self) -> str:
        """Return the PIN and wipe it from the widget."""
        pin = self.edit.text()
        self.edit.clear()
        return pin


class ShortcutsDialog(QDialog):
    """Trợ giúp > Phím tắt: every shortcut of the window, read from its actions."""

    def __init__(self, rows: list[tuple[str, str]], parent=None):
        from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

        super().__init__(parent)
        self.setWindowTitle(self.tr("Phím tắt"))
        lay = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Thao tác"), self.tr("Phím")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, (what, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        lay.addWidget(close)
        self.resize(460, 520)
