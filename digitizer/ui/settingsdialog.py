"""Settings dialog: OCR, scanner defaults, certificate source, TSA, archive target, language."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .settings import Settings


def _path_row(edit: QLineEdit, pick) -> QWidget:
    w = QWidget()
    lay = QHBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(edit, 1)
    b = QPushButton(QDialog.tr("…"))
    b.setFixedWidth(32)
    b.clicked.connect(pick)
    lay.addWidget(b)
    return w


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cài đặt"))
        self._s = settings
        tabs = QTabWidget()

        # OCR
        ocr = QWidget()
        f = QFormLayout(ocr)
        self.ocr_lang = QComboBox()
        self.ocr_lang.setEditable(True)
        self.ocr_lang.addItems(["vie+eng", "vie", "eng"])
        self.ocr_lang.setCurrentText(settings.ocr_lang)
        f.addRow(self.tr("Ngôn ngữ nhận dạng"), self.ocr_lang)
        self.ocr_jobs = QSpinBox()
        self.ocr_jobs.setRange(0, 64)
        self.ocr_jobs.setSpecialValueText(self.tr("Tự động"))
        self.ocr_jobs.setValue(settings.ocr_jobs)
        f.addRow(self.tr("Số tiến trình song song"), self.ocr_jobs)
        self.ocr_auto = QCheckBox(self.tr("Tự động nhận dạng khi có trang mới"))
        self.ocr_auto.setChecked(settings.ocr_auto)
        f.addRow("", self.ocr_auto)
        tabs.addTab(ocr, self.tr("Nhận dạng chữ"))

        # Scanner
        sc = QWidget()
        f = QFormLayout(sc)
        self.scan_device = QLineEdit(settings.scanner_device)
        self.scan_device.setPlaceholderText(self.tr("Máy quét đầu tiên tìm thấy"))
        f.addRow(self.tr("Thiết bị"), self.scan_device)
        self.scan_dpi = QComboBox()
        for d in (200, 300, 400, 600):
            self.scan_dpi.addItem(f"{d} dpi", d)
        self.scan_dpi.setCurrentIndex(max(0, self.scan_dpi.findData(settings.scanner_dpi)))
        f.addRow(self.tr("Độ phân giải"), self.scan_dpi)
        self.scan_mode = QComboBox()
        for val, text in (
            ("color", self.tr("Màu")),
            ("gray", self.tr("Thang xám")),
            ("lineart", self.tr("Đen trắng")),
        ):
            self.scan_mode.addItem(text, val)
        self.scan_mode.setCurrentIndex(max(0, self.scan_mode.findData(settings.scanner_mode)))
        f.addRow(self.tr("Chế độ màu"), self.scan_mode)
        self.scan_source = QComboBox()
        for val, text in (
            ("auto", self.tr("Tự động")),
            ("flatbed", self.tr("Mặt kính")),
            ("adf", self.tr("Khay nạp giấy")),
            ("adf-duplex", self.tr("Khay nạp, hai mặt")),
        ):
            self.scan_source.addItem(text, val)
        self.scan_source.setCurrentIndex(max(0, self.scan_source.findData(settings.scanner_source)))
        f.addRow(self.tr("Nguồn giấy"), self.scan_source)
        tabs.addTab(sc, self.tr("Máy quét"))

        # Signing
        sg = QWidget()
        f = QFormLayout(sg)
        self.cert_source = QComboBox()
        self.cert_source.addItem(self.tr("Tệp chứng thư (PKCS#12)"), "pkcs12")
        self.cert_source.addItem(self.tr("Token USB (PKCS#11)"), "pkcs11")
        self.cert_source.setCurrentIndex(max(0, self.cert_source.findData(settings.cert_source)))
        f.addRow(self.tr("Nguồn chứng thư số"), self.cert_source)
        self.p12 = QLineEdit(settings.pkcs12_path)
        f.addRow(self.tr("Tệp .p12/.pfx"), _path_row(self.p12, self._pick_p12))
        self.p11 = QLineEdit(settings.pkcs11_module)
        f.addRow(self.tr("Thư viện PKCS#11"), _path_row(self.p11, self._pick_p11))
        self.p11_token = QLineEdit(settings.pkcs11_token)
        self.p11_token.setPlaceholderText(self.tr("Token đầu tiên"))
        f.addRow(self.tr("Tên token"), self.p11_token)
        self.p11_label = QLineEdit(settings.pkcs11_key_label)
        self.p11_label.setPlaceholderText(self.tr("Chứng thư duy nhất trên token"))
        f.addRow(self.tr("Nhãn chứng thư trên token"), self.p11_label)
        self.tsa = QLineEdit(settings.tsa_url)
        self.tsa.setPlaceholderText("http://…")
        f.addRow(self.tr("Máy chủ dấu thời gian (TSA)"), self.tsa)
        self.roots = QLineEdit("; ".join(settings.trust_roots))
        self.roots.setPlaceholderText(self.tr("các tệp .pem/.crt, cách nhau bằng dấu ;"))
        f.addRow(self.tr("Chứng thư gốc tin cậy thêm"), self.roots)
        tabs.addTab(sg, self.tr("Chữ ký số"))

        # Archive
        ar = QWidget()
        f = QFormLayout(ar)
        note = QLabel(self.tr("Tài liệu đã ký được gửi tới mọi kho được cấu hình dưới đây."))
        note.setWordWrap(True)
        f.addRow(note)
        self.arch_folder = QLineEdit(settings.archive_folder)
        self.arch_folder.setPlaceholderText(self.tr("Để trống nếu không dùng"))
        f.addRow(self.tr("Thư mục lưu trữ"), _path_row(self.arch_folder, self._pick_folder))
        self.s3_endpoint = QLineEdit(settings.s3_endpoint)
        self.s3_endpoint.setPlaceholderText("https://s3.example.gov.vn")
        f.addRow(self.tr("Địa chỉ kho S3"), self.s3_endpoint)
        self.s3_bucket = QLineEdit(settings.s3_bucket)
        f.addRow(self.tr("Bucket S3"), self.s3_bucket)
        self.s3_key = QLineEdit(settings.s3_access_key_env)
        f.addRow(self.tr("Biến môi trường chứa khóa truy cập"), self.s3_key)
        self.s3_secret = QLineEdit(settings.s3_secret_key_env)
        f.addRow(self.tr("Biến môi trường chứa khóa bí mật"), self.s3_secret)
        secret_note = QLabel(self.tr("Khóa bí mật không bao giờ được lưu trong tệp cài đặt."))
        secret_note.setStyleSheet("color:gray")
        secret_note.setWordWrap(True)
        f.addRow(secret_note)
        tabs.addTab(ar, self.tr("Lưu trữ"))

        # Interface
        ui = QWidget()
        f = QFormLayout(ui)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        f.addRow(self.tr("Ngôn ngữ giao diện"), self.language)
        tabs.addTab(ui, self.tr("Giao diện"))

        lay = QVBoxLayout(self)
        lay.addWidget(tabs)
        buttons = QDialogButtonBox()
        ok = QPushButton(self.tr("Lưu"))
        ok.setDefault(True)
        ok.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Hủy"))
        cancel.clicked.connect(self.reject)
        buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        lay.addWidget(buttons)
        self.tabs = tabs
        self.resize(560, 420)

    def _pick_p12(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp chứng thư"), "", self.tr("Chứng thư số (*.p12 *.pfx)")
        )
        if name:
            self.p12.setText(name)

    def _pick_p11(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn thư viện PKCS#11"),
            "/usr/lib",
            self.tr("Thư viện (*.so *.dll *.dylib)"),
        )
        if name:
            self.p11.setText(name)

    def _pick_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục lưu trữ"))
        if name:
            self.arch_folder.setText(name)

    def result_settings(self) -> Settings:
        return replace(
            self._s,
            ocr_lang=self.ocr_lang.currentText().strip() or "vie+eng",
            ocr_jobs=self.ocr_jobs.value(),
            ocr_auto=self.ocr_auto.isChecked(),
            scanner_device=self.scan_device.text().strip(),
            scanner_dpi=int(self.scan_dpi.currentData()),
            scanner_mode=self.scan_mode.currentData(),
            scanner_source=self.scan_source.currentData(),
            cert_source=self.cert_source.currentData(),
            pkcs12_path=self.p12.text().strip(),
            pkcs11_module=self.p11.text().strip(),
            pkcs11_token=self.p11_token.text().strip(),
            pkcs11_key_label=self.p11_label.text().strip(),
            tsa_url=self.tsa.text().strip(),
            trust_roots=tuple(p.strip() for p in self.roots.text().split(";") if p.strip()),
            archive_folder=self.arch_folder.text().strip(),
            s3_endpoint=self.s3_endpoint.text().strip(),
            s3_bucket=self.s3_bucket.text().strip(),
            s3_access_key_env=self.s3_key.text().strip() or "ARCHIVE_S3_ACCESS_KEY",
            s3_secret_key_env=self.s3_secret.text().strip() or "ARCHIVE_S3_SECRET_KEY",
            language=self.language.currentData(),
        )
