"""Verify any PDF: verdict per signature (green/amber/red, UI language), details, report export.

Uses the signing package's public API only: ``verify_pdf`` (every problem of a signature is
data in the report) and ``signing.report`` for the detailed bilingual text and the HTML/PDF
report. Trusted roots: the signing trust store plus the extra roots listed in the settings.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from . import features
from .dialogs import show_error
from .messages import describe, is_expected
from .sigpanel import SignaturePanel
from .tasks import run_task

log = logging.getLogger(__name__)

def verify(path: Path, extra_roots: tuple[str, ...]):
    """Worker: verify with the trust store plus the settings' extra roots."""
    import signing

    return signing.verify_pdf(path, trust_roots=features.known_ca_certs(extra_roots))


class VerifyDialog(QDialog):
    verified = Signal(object, object)  # report, error
    exported = Signal(object, object)  # path, error

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.lang = settings.language
        self.report = None
        self.path: Path | None = None
        self.setWindowTitle(self.tr("Kiểm tra chữ ký số"))
        self.resize(720, 560)
        lay = QVBoxLayout(self)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        lay.addWidget(self.file_label)
        self.panel = SignaturePanel(self, lang=self.lang)
        self.panel.clear(self.tr("Chọn một tệp PDF để kiểm tra."))
        self.panel.trusted.connect(lambda _info: self.verify(self.path) if self.path else None)
        self.summary = self.panel.banner  # the verdict banner
        lay.addWidget(self.panel, 1)
        self.export_note = QLabel()  # where the last report was saved
        self.export_note.setWordWrap(True)
        self.export_note.setStyleSheet("color:#2e7d32")
        self.export_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.export_note)
        buttons = QDialogButtonBox()
        self.open_btn = QPushButton(self.tr("Mở tệp khác…"))
        self.open_btn.clicked.connect(self.open_and_verify)
        self.export_btn = QPushButton(self.tr("Xuất báo cáo…"))
        self.export_btn.clicked.connect(self.export)
        self.export_btn.setEnabled(False)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        for b, role in (
            (self.open_btn, QDialogButtonBox.ButtonRole.ActionRole),
            (self.export_btn, QDialogButtonBox.ButtonRole.ActionRole),
            (close, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            buttons.addButton(b, role)
        lay.addWidget(buttons)

    def open_and_verify(self) -> None:
        if not features.ready() or features.verification() is None:
            self.summary.setText(self.tr("Mô-đun kiểm tra chữ ký chưa có trong bản cài đặt này."))
            self.show()
            return
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp PDF đã ký"), str(Path.home()), self.tr("Tệp PDF (*.pdf)")
        )
        if name:
            self.show()
            self.verify(Path(name))

    @property
    def verdict_key(self) -> str | None:
        return self.panel.verdict_key

    def verify(self, path: Path) -> None:
        self.report = None
        self.path = path
        self.export_btn.setEnabled(False)
        self.file_label.setText(self.tr("Tệp: %1").replace("%1", str(path)))
        self.panel.clear(self.tr("Đang kiểm tra…"))
        roots = tuple(self.settings.trust_roots)

        def done(rep, err):
            if err is not None:
                self.panel.clear(self.tr("Không kiểm tra được tệp này."))
                if is_expected(err):  # said in the interface language, on the panel itself
                    _code, what, todo = describe(err)
                    self.panel.banner.setText(
                        self.tr("Không kiểm tra được tệp này.") + f"\n{what}\n{todo}"
                    )
                show_error(self, err)
                self.verified.emit(None, err)
                return
            self._show(rep)
            self.verified.emit(rep, None)

        run_task(lambda: verify(path, roots), done)

    def _show(self, rep) -> None:
        self.report = rep
        self.panel.show_report(rep)
        self.export_btn.setEnabled(True)

    def export(self) -> None:
        if self.report is None:
            return

        name, _flt = QFileDialog.getSaveFileName(
            self,
            self.tr("Xuất báo cáo"),
            str(self.report_path()),
            self.tr("Báo cáo PDF (*.pdf);;Trang HTML (*.html)"),
        )
        if name:
            self.export_to(Path(name))

    def report_path(self) -> Path:
        """Where the report is proposed: next to the checked file, unless that file sits in the
        program's own folders (work folder, archive on this computer) or an archive folder,
        where nothing but archived documents belongs: then the home folder."""
        from .settings import data_dir

        src = Path(self.report.path)
        name = src.with_suffix(".kiem-tra.pdf").name
        ours = [data_dir()] + (
            [Path(self.settings.archive_folder)] if self.settings.archive_folder else []
        )
        inside = any(src.resolve().is_relative_to(d.resolve()) for d in ours)
        return (Path.home() / name) if inside else src.with_name(name)

    def export_to(self, path: Path) -> None:
        from signing import report as sreport

        lang = "en" if self.lang == "en" else "vi"
        rep = self.report

        def work():
            from digitizer.errors import OutputError

            data = (
                sreport.to_html([rep], lang).encode("utf-8")
                if path.suffix.lower() in (".html", ".htm")
                else sreport.to_pdf([rep], lang)
            )
            tmp = path.with_name(path.name + ".part")
            try:
                tmp.write_bytes(data)
                tmp.replace(path)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise OutputError(
                    f"cannot write the report ({exc.strerror or exc})", path=path
                ) from None
            return path

        def done(_r, err):
            if err is not None:
                show_error(self, err)
            else:
                self.export_note.setText(self.tr("Đã lưu báo cáo: %1").replace("%1", str(path)))
            self.exported.emit(path, err)

        run_task(work, done, write=True)
