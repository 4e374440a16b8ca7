"""Settings dialog: OCR, scanner defaults, certificate source, TSA, archive target, language."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
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

from .dialogs import show_error
from .settings import Settings
from .tasks import run_task
from .widgets import ignore_wheel_unless_focused


def read_token_certs(module: str, rescan: bool = True) -> list[tuple[str, object]]:
    """Worker: (token label, CertInfo) of the certificates that can sign, on every token."""
    import signing

    return signing.list_signing_certs(module, rescan=rescan)


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


def _s3_keys_stored() -> bool:
    from digitizer.archive import credentials
    from digitizer.archive.config import TargetConfig

    return credentials.has_stored(TargetConfig(name="s3", kind="s3"))


class SettingsDialog(QDialog):
    tokenRead = Signal(object, object)  # [(token label, CertInfo)], error
    keysStored = Signal(object)  # error or None

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
        self.cert_source.addItem(self.tr("Chứng thư thử nghiệm (không có giá trị pháp lý)"), "demo")
        self.cert_source.setCurrentIndex(max(0, self.cert_source.findData(settings.cert_source)))
        f.addRow(self.tr("Nguồn chứng thư số"), self.cert_source)
        self.p12 = QLineEdit(settings.pkcs12_path)
        f.addRow(self.tr("Tệp .p12/.pfx"), _path_row(self.p12, self._pick_p12))
        self.p11 = QLineEdit(settings.pkcs11_module)
        self.p11.setPlaceholderText(self.tr("thư viện của nhà cung cấp token, ví dụ …/libxyz.so"))
        f.addRow(self.tr("Thư viện PKCS#11"), _path_row(self.p11, self._pick_p11))
        # read the token instead of typing: pick the certificate by its holder and validity
        pick = QWidget()
        lay = QHBoxLayout(pick)
        lay.setContentsMargins(0, 0, 0, 0)
        self.p11_certs = QComboBox()
        self.p11_certs.setEnabled(False)
        self.p11_certs.addItem(self.tr("Cắm token rồi bấm “Đọc token”"))
        self.p11_certs.activated.connect(self._token_cert_chosen)
        lay.addWidget(self.p11_certs, 1)
        self.p11_read = QPushButton(self.tr("Đọc token"))
        self.p11_read.clicked.connect(self.read_token)
        lay.addWidget(self.p11_read)
        f.addRow(self.tr("Chứng thư trên token"), pick)
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
        from .settings import builtin_archive_dir
        from .widgets import open_folder

        here = QWidget()
        lay = QHBoxLayout(here)
        lay.setContentsMargins(0, 0, 0, 0)
        self.builtin = QCheckBox(
            self.tr("Lưu trữ trên máy này (%1)").replace("%1", str(builtin_archive_dir()))
        )
        self.builtin.setChecked(settings.builtin_archive)
        lay.addWidget(self.builtin, 1)
        open_here = QPushButton(self.tr("Mở thư mục"))
        open_here.clicked.connect(lambda: open_folder(builtin_archive_dir()))
        lay.addWidget(open_here)
        f.addRow(here)
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
        # the keys themselves go to the OS keyring (never to the settings file), typed here once
        self.s3_access_value = QLineEdit()
        self.s3_access_value.setPlaceholderText(self.tr("nhập một lần rồi bấm “Lưu khóa”"))
        f.addRow(self.tr("Khóa truy cập S3"), self.s3_access_value)
        self.s3_secret_value = QLineEdit()
        self.s3_secret_value.setEchoMode(QLineEdit.EchoMode.Password)
        keys = QWidget()
        lay = QHBoxLayout(keys)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.s3_secret_value, 1)
        self.s3_store = QPushButton(self.tr("Lưu khóa"))
        self.s3_store.clicked.connect(self.store_s3_keys)
        lay.addWidget(self.s3_store)
        f.addRow(self.tr("Khóa bí mật S3"), keys)
        self.s3_key_state = QLabel()
        self.s3_key_state.setWordWrap(True)
        f.addRow(self.s3_key_state)
        secret_note = QLabel(
            self.tr(
                "Khóa được lưu trong kho khóa của hệ điều hành, không bao giờ trong tệp cài đặt. "
                "Nếu các biến môi trường ở trên được đặt, chúng được dùng trước."
            )
        )
        secret_note.setStyleSheet("color:gray")
        secret_note.setWordWrap(True)
        f.addRow(secret_note)
        self._keys_gen = 0

        def initial_state(stored, err) -> None:
            if self._keys_gen == 0:  # not overtaken by a "Lưu khóa" meanwhile
                self._show_key_state(stored, err)

        run_task(_s3_keys_stored, initial_state)
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
        ignore_wheel_unless_focused(*self.findChildren(QComboBox), *self.findChildren(QSpinBox))

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

    def read_token(self) -> None:
        """List the signing certificates on the token(s) in a worker; the clerk picks one."""
        module = self.p11.text().strip()
        if not module:
            self.p11_certs.clear()
            self.p11_certs.addItem(self.tr("Chọn thư viện PKCS#11 của token trước"))
            self.p11.setFocus()
            return
        # look at the slots afresh (a token swapped since start-up), unless a signing holds a
        # session on the module right now
        sign_panel = getattr(self.parent(), "sign", None)
        rescan = not getattr(sign_panel, "_busy", False)
        self.p11_read.setEnabled(False)
        self.p11_certs.clear()
        self.p11_certs.addItem(self.tr("Đang đọc token…"))
        self.p11_certs.setEnabled(False)

        def done(res, err):
            self.p11_read.setEnabled(True)
            self.p11_certs.clear()
            if err is not None:
                self.p11_certs.addItem(self.tr("Không đọc được token"))
                self.tokenRead.emit(None, err)
                show_error(self, err)
                return
            if not res:
                self.p11_certs.addItem(self.tr("Không có chứng thư ký số trên token"))
            now = datetime.now(UTC)
            for token, info in res:
                until = info.not_after.strftime("%d/%m/%Y")
                text = (
                    self.tr("%1 — %2 — hiệu lực đến %3 — token “%4”")
                    .replace("%1", info.common_name or info.subject)
                    .replace("%2", info.organization or info.issuer)
                    .replace("%3", until)
                    .replace("%4", token)
                )
                if info.not_after < now:
                    text = self.tr("[Hết hạn] ") + text
                self.p11_certs.addItem(text, (token, info.label or ""))
                self.p11_certs.setItemData(
                    self.p11_certs.count() - 1,
                    text + "\n" + self.tr("Cấp bởi: %1").replace("%1", info.issuer),
                    Qt.ItemDataRole.ToolTipRole,
                )
            self.p11_certs.setEnabled(bool(res))
            current = (self.p11_token.text().strip(), self.p11_label.text().strip())
            keys = [self.p11_certs.itemData(i) for i in range(self.p11_certs.count())]
            if current in keys:
                self.p11_certs.setCurrentIndex(keys.index(current))
            elif len(res) == 1:  # one certificate: nothing to choose
                self._token_cert_chosen(0)
            self.tokenRead.emit(res, None)

        run_task(lambda: read_token_certs(module, rescan), done)

    def _token_cert_chosen(self, index: int) -> None:
        data = self.p11_certs.itemData(index)
        if not data:
            return
        token, label = data
        self.p11_token.setText(token)
        self.p11_label.setText(label)
        self.cert_source.setCurrentIndex(max(0, self.cert_source.findData("pkcs11")))

    def _s3_target(self):
        from digitizer.archive.config import TargetConfig

        return TargetConfig(
            name="s3",  # the target the settings write as [archive.targets.s3]
            kind="s3",
            endpoint_url=self.s3_endpoint.text().strip() or None,
            bucket=self.s3_bucket.text().strip() or None,
        )

    def _show_key_state(self, stored, err) -> None:
        if err is None and stored:
            self.s3_key_state.setText(self.tr("✔ Kho khóa của máy đã có khóa cho kho S3."))
        else:
            self.s3_key_state.setText("")

    def store_s3_keys(self) -> None:
        """Put the typed keys into the OS keyring (worker); the fields are cleared at once."""
        from digitizer.archive import credentials

        values = {
            "access_key": self.s3_access_value.text().strip(),
            "secret_key": self.s3_secret_value.text(),
        }
        target = self._s3_target()
        self._keys_gen += 1
        self.s3_secret_value.clear()
        self.s3_store.setEnabled(False)

        def done(_res, err):
            self.s3_store.setEnabled(True)
            if err is not None:
                self.s3_key_state.setText(self.tr("✘ Chưa lưu được khóa."))
                self.keysStored.emit(err)
                show_error(self, err)
                return
            self.s3_access_value.clear()
            self._show_key_state(True, None)
            self.keysStored.emit(None)

        run_task(lambda: credentials.store(target, values), done, write=True)

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
            builtin_archive=self.builtin.isChecked(),
            archive_folder=self.arch_folder.text().strip(),
            s3_endpoint=self.s3_endpoint.text().strip(),
            s3_bucket=self.s3_bucket.text().strip(),
            s3_access_key_env=self.s3_key.text().strip() or "ARCHIVE_S3_ACCESS_KEY",
            s3_secret_key_env=self.s3_secret.text().strip() or "ARCHIVE_S3_SECRET_KEY",
            language=self.language.currentData(),
        )
