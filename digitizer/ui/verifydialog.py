"""Verify any PDF: verdict per signature (green/amber/red, UI language), details, report export.

Uses the signing package's public API only: ``verify_pdf`` (every problem of a signature is
data in the report) and ``signing.report`` for the detailed bilingual text and the HTML/PDF
report. Trusted roots: the signing trust store plus the extra roots listed in the settings.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from . import features
from .dialogs import show_error
from .tasks import run_task

log = logging.getLogger(__name__)

VERDICT = {
    "PASSED": (QT_TRANSLATE_NOOP("VerifyDialog", "HỢP LỆ"), "#2e7d32", "passed"),
    "INDETERMINATE": (
        QT_TRANSLATE_NOOP("VerifyDialog", "CHƯA XÁC ĐỊNH ĐƯỢC"),
        "#b26a00",
        "indeterminate",
    ),
    "FAILED": (QT_TRANSLATE_NOOP("VerifyDialog", "KHÔNG HỢP LỆ"), "#c62828", "failed"),
}


ICON = {"passed": "✓", "indeterminate": "⚠", "failed": "✗"}  # as Acrobat's signature panel


def verify(path: Path, extra_roots: tuple[str, ...]):
    """Worker: verify with the trust store plus the settings' extra roots."""
    import signing

    return signing.verify_pdf(path, trust_roots=features.known_ca_certs(extra_roots))


def _is_demo(signer) -> bool:
    from signing.demo import DEMO_CN

    return signer is not None and signer.common_name == DEMO_CN


class VerifyDialog(QDialog):
    verified = Signal(object, object)  # report, error
    exported = Signal(object, object)  # path, error

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.lang = settings.language
        self.report = None
        self.verdict_key: str | None = None
        self.setWindowTitle(self.tr("Kiểm tra chữ ký số"))
        self.resize(720, 560)
        lay = QVBoxLayout(self)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        lay.addWidget(self.file_label)
        self.summary = QLabel(self.tr("Chọn một tệp PDF để kiểm tra."))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size:15pt;font-weight:bold;padding:8px")
        lay.addWidget(self.summary)
        lay.addWidget(QLabel(self.tr("Từng chữ ký:")))
        self.sigs = QListWidget()
        self.sigs.setMaximumHeight(130)
        lay.addWidget(self.sigs)
        lay.addWidget(QLabel(self.tr("Chi tiết:")))
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        lay.addWidget(self.details, 1)
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

    def verify(self, path: Path) -> None:
        self.report = None
        self.verdict_key = None
        self.export_btn.setEnabled(False)
        self.file_label.setText(self.tr("Tệp: %1").replace("%1", str(path)))
        self.summary.setText(self.tr("Đang kiểm tra…"))
        self.summary.setStyleSheet("font-size:15pt;font-weight:bold;padding:8px")
        self.sigs.clear()
        self.details.clear()
        roots = tuple(self.settings.trust_roots)

        def done(rep, err):
            if err is not None:
                self.summary.setText(self.tr("Không kiểm tra được tệp này."))
                show_error(self, err)
                self.verified.emit(None, err)
                return
            self._show(rep)
            self.verified.emit(rep, None)

        run_task(lambda: verify(path, roots), done)

    def _show(self, rep) -> None:
        from signing import report as sreport

        self.report = rep
        text, colour, key = VERDICT.get(rep.indication.value, VERDICT["INDETERMINATE"])
        self.verdict_key = key
        n = len([s for s in rep.signatures if s.kind == "signature"])
        head = self.tr(text)
        if not rep.signatures:
            head = self.tr("Tệp không có chữ ký số")
        summary = head + " — " + self.tr("%n chữ ký", "", n)
        if any(_is_demo(s.signer) for s in rep.signatures):
            summary += "\n" + self.tr(
                "Ký bằng chứng thư THỬ NGHIỆM: không có giá trị pháp lý, không được tin cậy."
            )
        self.summary.setText(summary)
        self.summary.setStyleSheet(
            f"font-size:15pt;font-weight:bold;padding:8px;color:white;background:{colour};border-radius:4px"
        )
        for s in rep.signatures:
            t, c, k = VERDICT.get(s.indication.value, VERDICT["INDETERMINATE"])
            who = s.signer.common_name if s.signer else "?"
            if _is_demo(s.signer):
                who += " — " + self.tr("THỬ NGHIỆM")
            kind = (
                self.tr("Dấu thời gian tài liệu")
                if s.kind == "document_timestamp"
                else self.tr("Chữ ký")
            )
            when = s.timestamp_time or s.claimed_signing_time
            if when is not None and when.tzinfo is not None:
                # Vietnam time, as in the report below (not the UTC the timestamp carries)
                when = when.astimezone(_dt.timezone(_dt.timedelta(hours=7)))
            it = QListWidgetItem(
                f"{ICON[k]} {s.index + 1}. {kind}: {who} — {self.tr(t)}"
                + (f" — {when:%d/%m/%Y %H:%M} (+07:00)" if when else "")
            )
            it.setForeground(QBrush(QColor(c)))
            self.sigs.addItem(it)
        self.details.setPlainText(sreport.to_text(rep, "en" if self.lang == "en" else "vi"))
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
