"""Archive queue panel: pending / failed / done uploads, retries, and whether the archive is reachable."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from . import features


class QueuePanel(QWidget):
    def __init__(self, win, parent=None):
        super().__init__(parent)
        self.win = win
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        top = QHBoxLayout()
        self.status = QLabel()
        top.addWidget(self.status, 1)
        self.retry = QPushButton(self.tr("Gửi lại ngay"))
        top.addWidget(self.retry)
        lay.addLayout(top)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tài liệu"), self.tr("Trạng thái"), self.tr("Số lần thử"), self.tr("Ghi chú")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMaximumHeight(150)
        lay.addWidget(self.table)
        self.settings_changed()

    def available(self) -> bool:
        return features.outbox() is not None

    def settings_changed(self) -> None:
        if not self.available():
            self.status.setText(self.tr("Mô-đun lưu trữ chưa có trong bản cài đặt này; tài liệu đã ký được giữ trên máy."))
            self.retry.setEnabled(False)

    def shutdown(self) -> None:
        pass
