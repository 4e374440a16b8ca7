"""Signature panel: certificate, stamp position preview, pre-sign checklist, Sign button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from digitizer.model import DocState

from . import features


class SignPanel(QWidget):
    def __init__(self, win, parent=None):
        super().__init__(parent)
        self.win = win
        self.item = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)

        cert_box = QGroupBox(self.tr("Chứng thư số"))
        cl = QVBoxLayout(cert_box)
        self.cert_label = QLabel()
        self.cert_label.setWordWrap(True)
        cl.addWidget(self.cert_label)
        lay.addWidget(cert_box)

        check_box = QGroupBox(self.tr("Kiểm tra trước khi ký"))
        self.check_layout = QVBoxLayout(check_box)
        self.checks: list[QLabel] = []
        lay.addWidget(check_box)

        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.sign_btn = QPushButton(self.tr("Ký số (F9)"))
        self.sign_btn.clicked.connect(self.start_sign)
        lay.addWidget(self.sign_btn)
        lay.addStretch(1)
        self.refresh()

    def set_item(self, item) -> None:
        self.item = item
        self.refresh()

    def checklist(self) -> list[tuple[bool, str]]:
        """(ok, text) rows of the pre-sign checklist for the current document."""
        item = self.item
        if item is None:
            return []
        res = self.win.results.get(item.id)
        rows: list[tuple[bool, str]] = []
        ocr_ok = bool(res) and item.ocr_current
        rows.append((ocr_ok, self.tr("Đã nhận dạng chữ xong cho mọi trang")))
        meta = self.win.meta
        if meta.schema is None:
            rows.append((False, self.tr("Thông tin hồ sơ: mô-đun chưa có")))
        else:
            missing = meta.missing_essentials() if meta.item is item else []
            ok = meta.item is item and meta.is_complete()
            text = self.tr("Thông tin hồ sơ đầy đủ, hợp lệ và đã xác nhận")
            if missing:
                text += " — " + self.tr("thiếu: %1").replace("%1", ", ".join(missing))
            rows.append((ok, text))
        if ocr_ok:
            low = [p.index + 1 for p in res.pages if p.low_resolution or p.dpi < 200]
            rows.append((not low, self.tr("Độ phân giải mọi trang từ 200 dpi")
                         + ("" if not low else " — " + self.tr("trang %1").replace("%1", ", ".join(map(str, low))))))
            rows.append((True, self.tr("Các trang đã được dựng thẳng (xoay %1 trang)").replace(
                "%1", str(sum(1 for p in res.pages if p.rotation_applied)))))
            colour = sum(1 for p in res.pages if p.colour)
            rows.append((True, self.tr("Trang màu (con dấu đỏ) giữ nguyên màu: %1").replace("%1", str(colour))))
        return rows

    def refresh(self) -> None:
        for lab in self.checks:
            lab.deleteLater()
        self.checks = []
        for ok, text in self.checklist():
            lab = QLabel(("✔ " if ok else "✘ ") + text)
            lab.setWordWrap(True)
            lab.setStyleSheet("color:#2e7d32" if ok else "color:#c62828")
            self.check_layout.addWidget(lab)
            self.checks.append(lab)
        s = self.win.settings
        if s.cert_source == "pkcs11":
            self.cert_label.setText(self.tr("Token USB: %1").replace("%1", s.pkcs11_token or self.tr("token đầu tiên")))
        elif s.pkcs12_path:
            self.cert_label.setText(self.tr("Tệp: %1").replace("%1", s.pkcs12_path))
        else:
            self.cert_label.setText(self.tr("Chưa chọn; sẽ hỏi tệp .p12 khi ký."))
        reason = self.disabled_reason()
        self.sign_btn.setEnabled(reason is None)
        self.status.setText(reason or "")
        self.status.setStyleSheet("color:#7a5b00")

    def disabled_reason(self) -> str | None:
        if features.signing() is None:
            return self.tr("Mô-đun ký số chưa có trong bản cài đặt này.")
        item = self.item
        if item is None:
            return self.tr("Chọn một tài liệu để ký.")
        if item.locked:
            return self.tr("Tài liệu đã được ký và bị khóa, không sửa được nữa.")
        if item.state == DocState.OCR_RUNNING:
            return self.tr("Đợi nhận dạng chữ xong.")
        if not all(ok for ok, _ in self.checklist()):
            return self.tr("Hoàn tất các mục đánh dấu ✘ ở trên trước khi ký.")
        return None

    def can_sign(self) -> bool:
        return self.disabled_reason() is None

    def start_sign(self) -> None:
        if not self.can_sign():
            return
