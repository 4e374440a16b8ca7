"""The signature panel, as Acrobat's: a banner for the whole document and one entry per
signature with ✓/⚠/✗ lines in words (no CLI markers, no ETSI codes in the interface language),
and "Tin cậy chứng thư này" that adds the signer's CA (the top of the chain the file carries) to
the user's trust store after a confirmation.

Used by the verification dialog (any PDF) and by the main window for the open signed document.
The words come from the verification report's fields (``signing.verify.SignatureReport``); the
reason behind a sub-indication and the findings use the signing package's Vietnamese tables
(``signing.report.SUB`` / ``FINDINGS``), the same text the PDF/HTML report prints.
"""

from __future__ import annotations

import datetime as _dt
import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .dialogs import show_error
from .tasks import run_task

log = logging.getLogger(__name__)

VERDICT = {
    "PASSED": (QT_TRANSLATE_NOOP("SignaturePanel", "HỢP LỆ"), "#2e7d32", "passed"),
    "INDETERMINATE": (
        QT_TRANSLATE_NOOP("SignaturePanel", "CHƯA XÁC ĐỊNH ĐƯỢC"),
        "#b26a00",
        "indeterminate",
    ),
    "FAILED": (QT_TRANSLATE_NOOP("SignaturePanel", "KHÔNG HỢP LỆ"), "#c62828", "failed"),
}
ICON = {"passed": "✓", "indeterminate": "⚠", "failed": "✗"}  # as Acrobat's signature panel
COLOUR = {"passed": "#2e7d32", "indeterminate": "#b26a00", "failed": "#c62828", "info": "#333"}
LEVEL = {
    "B-B": QT_TRANSLATE_NOOP("SignaturePanel", "chữ ký cơ bản (B-B)"),
    "B-T": QT_TRANSLATE_NOOP("SignaturePanel", "có dấu thời gian (B-T)"),
    "B-LT": QT_TRANSLATE_NOOP("SignaturePanel", "kiểm tra được lâu dài (B-LT)"),
    "B-LTA": QT_TRANSLATE_NOOP("SignaturePanel", "lưu trữ dài hạn (B-LTA)"),
}
# findings already said by a line of their own
_COVERED = {"untrusted", "revocation_unknown", "revoked", "cert_not_valid_at_signing"}
VN_TZ = _dt.timezone(_dt.timedelta(hours=7))


def is_demo(signer) -> bool:
    from signing.demo import DEMO_CN

    return signer is not None and signer.common_name == DEMO_CN


def _when(d) -> str:
    if d is None:
        return "-"
    if d.tzinfo is not None:
        d = d.astimezone(VN_TZ)  # Vietnam time, as the printed report
    return f"{d:%d/%m/%Y %H:%M} (+07:00)"


def anchor_candidate(pdf: Path, field_name: str):
    """Worker: the certificate to trust for the signature in ``field_name``: the top of the
    signer's chain among the certificates the file carries (its root when embedded, else the
    highest CA present; the signer itself when self-signed). Returns a ``cryptography``
    certificate and its description."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from signing import certs as scerts

    with open(pdf, "rb") as f:
        reader = PdfFileReader(f, strict=False)
        sig = next((s for s in reader.embedded_signatures if s.field_name == field_name), None)
        if sig is None or sig.signer_cert is None:
            from signing.errors import VerificationError

            raise VerificationError("no signer certificate in this signature", path=pdf)
        signer = scerts.to_crypto(sig.signer_cert)
        pool = [scerts.to_crypto(c) for c in sig.other_embedded_certs]
    top, seen = signer, [signer]
    for _ in range(10):  # up the chain as far as the file carries it
        if top.issuer == top.subject and scerts.issued_by(top, top):
            break
        up = next((c for c in pool if c not in seen and scerts.issued_by(top, c)), None)
        if up is None:
            break
        seen.append(up)
        top = up
    return top, scerts.describe(top)


def add_to_trust_store(cert) -> list:
    """Worker: write ``cert`` to a temporary PEM and add it to the user's trust store (the one
    verification reads: ``$DIGITIZER_TRUST_DIR`` or the data dir, as ``digitizer trust``)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    import signing

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "anchor.pem"
        p.write_bytes(cert.public_bytes(Encoding.PEM))
        return signing.TrustStore().add(p)


class SignaturePanel(QWidget):
    """Banner + signature list of one verification report."""

    trusted = Signal(object)  # CertInfo added to the trust store (the owner verifies again)

    def __init__(self, parent=None, *, lang: str = "vi"):
        super().__init__(parent)
        self.lang = lang
        self.report = None
        self.verdict_key: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel(self.tr("Chưa kiểm tra chữ ký."))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("font-size:13pt;font-weight:bold;padding:8px")
        lay.addWidget(self.banner)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(lambda *_: self._update_trust_button())
        lay.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.trust_btn = QPushButton(self.tr("Tin cậy chứng thư này…"))
        self.trust_btn.setToolTip(
            self.tr("Thêm chứng thư của tổ chức cấp cho người ký vào danh sách tin cậy")
        )
        self.trust_btn.setEnabled(False)
        self.trust_btn.clicked.connect(lambda _checked=False: self.trust_selected())
        row.addWidget(self.trust_btn)
        row.addStretch(1)
        lay.addLayout(row)

    # ------------------------------------------------------------------ showing
    def clear(self, text: str = "") -> None:
        self.report = None
        self.verdict_key = None
        self.tree.clear()
        self.banner.setText(text or self.tr("Chưa kiểm tra chữ ký."))
        self.banner.setStyleSheet("font-size:13pt;font-weight:bold;padding:8px")
        self._update_trust_button()

    def headline(self, rep) -> str:
        """Verdict and Acrobat's sentence for the document as a whole."""
        text, _c, key = VERDICT.get(rep.indication.value, VERDICT["INDETERMINATE"])
        n = len([s for s in rep.signatures if s.kind == "signature"])
        if not rep.signatures:
            return self.tr("Tệp không có chữ ký số")
        head = self.tr(text) + " — " + self.tr("%n chữ ký", "", n)
        acrobat = {
            "passed": self.tr("Đã ký và tất cả chữ ký đều hợp lệ."),
            "indeterminate": self.tr("Có ít nhất một chữ ký cần được xác thực."),
            "failed": self.tr("Có ít nhất một chữ ký có vấn đề."),
        }[key]
        out = f"{ICON[key]} {head}\n{acrobat}"
        if any(is_demo(s.signer) for s in rep.signatures):
            out += "\n" + self.tr(
                "Ký bằng chứng thư THỬ NGHIỆM: không có giá trị pháp lý, không được tin cậy."
            )
        return out

    def show_report(self, rep) -> None:
        self.report = rep
        _t, colour, key = VERDICT.get(rep.indication.value, VERDICT["INDETERMINATE"])
        self.verdict_key = key
        self.banner.setText(self.headline(rep))
        self.banner.setStyleSheet(
            "font-size:13pt;font-weight:bold;padding:8px;color:white;"
            f"background:{colour};border-radius:4px"
        )
        self.tree.clear()
        if rep.findings:
            top = self._item(None, "failed" if rep.indication.value == "FAILED" else "indeterminate",
                             self.tr("Toàn bộ tệp"))
            for f in rep.findings:
                self._item(top, "failed" if f.action == "FAIL" else "indeterminate",
                           self._finding(f))
            top.setExpanded(True)
        for s in rep.signatures:
            t, _c, k = VERDICT.get(s.indication.value, VERDICT["INDETERMINATE"])
            who = s.signer.common_name if s.signer else "?"
            if is_demo(s.signer):
                who += " — " + self.tr("THỬ NGHIỆM")
            kind = (
                self.tr("Dấu thời gian tài liệu")
                if s.kind == "document_timestamp"
                else self.tr("Chữ ký")
            )
            when = s.timestamp_time or s.claimed_signing_time
            top = self._item(
                None,
                k,
                f"{s.index + 1}. {kind}: {who} — {self.tr(t)}"
                + (f" — {_when(when)}" if when else ""),
            )
            top.setData(0, Qt.ItemDataRole.UserRole, s.index)
            for state, line in self.lines(s):
                self._item(top, state, line)
            top.setExpanded(True)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(self.tree.topLevelItemCount() - 1))
        self._update_trust_button()

    def _item(self, parent, state: str, text: str) -> QTreeWidgetItem:
        icon = ICON.get(state, "•")
        it = QTreeWidgetItem([f"{icon} {text}"])
        it.setForeground(0, QBrush(QColor(COLOUR[state if state in COLOUR else "info"])))
        it.setToolTip(0, text)
        if parent is None:
            self.tree.addTopLevelItem(it)
        else:
            parent.addChild(it)
        return it

    def _finding(self, f) -> str:
        from signing import report as sreport

        return sreport._finding_text("en" if self.lang == "en" else "vi", f)

    def lines(self, s) -> list[tuple[str, str]]:
        """(state, sentence) for one signature: content, identity, revocation, validity, time,
        level, the reason of the verdict and what else the check found."""
        from signing import report as sreport

        out: list[tuple[str, str]] = []
        # the content
        if s.integrity is False or s.changes_allowed is False:
            out.append(("failed", self.tr("Tài liệu đã bị thay đổi sau khi ký.")))
        elif s.integrity is None:
            out.append(
                ("indeterminate", self.tr("Không kiểm tra được nội dung đã ký có bị thay đổi không."))
            )
        elif s.revisions_after:
            out.append(
                (
                    "passed",
                    self.tr(
                        "Sau khi ký chỉ có bổ sung được phép (dữ liệu kiểm tra, dấu thời gian "
                        "hoặc chữ ký khác)."
                    ),
                )
            )
        else:
            out.append(("passed", self.tr("Tài liệu không bị thay đổi kể từ khi ký.")))
        if s.signature_valid is False:
            out.append(("failed", self.tr("Chữ ký số không đúng về mặt mật mã.")))
        # who signed
        if s.signer is not None:
            org = s.signer.organization or "-"
            out.append(
                ("info", self.tr("Người ký: %1 — cơ quan: %2").replace("%1", s.signer.common_name)
                 .replace("%2", org))
            )
            out.append(("info", self.tr("Cấp bởi: %1").replace("%1", s.signer.issuer)))
        if is_demo(s.signer):
            out.append(
                (
                    "indeterminate",
                    self.tr(
                        "Chứng thư THỬ NGHIỆM: không có giá trị pháp lý và không bao giờ được "
                        "tin cậy."
                    ),
                )
            )
        elif s.trusted:
            out.append(
                (
                    "passed",
                    self.tr("Danh tính người ký hợp lệ: chứng thư gốc %1 nằm trong danh sách "
                            "tin cậy.").replace("%1", s.trust_anchor or "-"),
                )
            )
        else:
            out.append(
                (
                    "indeterminate",
                    self.tr(
                        "Chưa xác định được danh tính người ký: chứng thư của người ký và các "
                        "chứng thư cấp trên không nằm trong danh sách tin cậy của bạn."
                    ),
                )
            )
        # revocation
        if s.revocation == "good":
            out.append(("passed", self.tr("Chứng thư chưa bị thu hồi.")))
        elif s.revocation == "revoked":
            out.append(
                ("failed", self.tr("Chứng thư đã bị thu hồi (%1).").replace("%1", _when(s.revocation_date)))
            )
        elif s.revocation == "unknown":
            out.append(
                (
                    "indeterminate",
                    self.tr("Chưa kiểm tra được chứng thư có bị thu hồi không (không có dữ "
                            "liệu OCSP/CRL)."),
                )
            )
        # validity at signing time
        if s.cert_valid_at_signing is False:
            out.append(("failed", self.tr("Chứng thư không có hiệu lực tại thời điểm ký.")))
        elif s.cert_valid_at_signing and s.signer is not None:
            out.append(
                (
                    "passed",
                    self.tr("Chứng thư có hiệu lực tại thời điểm ký (%1 – %2).")
                    .replace("%1", f"{s.signer.not_before:%d/%m/%Y}")
                    .replace("%2", f"{s.signer.not_after:%d/%m/%Y}"),
                )
            )
        # time
        if s.timestamp_time is not None:
            out.append(
                (
                    "passed",
                    self.tr("Có dấu thời gian: %1 (đơn vị cấp: %2).")
                    .replace("%1", _when(s.timestamp_time))
                    .replace("%2", s.tsa or "-"),
                )
            )
        elif s.kind == "signature":
            out.append(
                (
                    "info",
                    self.tr("Thời gian ký %1 lấy theo đồng hồ máy tính của người ký (không có "
                            "dấu thời gian).").replace("%1", _when(s.claimed_signing_time)),
                )
            )
        if s.kind == "signature" and s.level:
            out.append(
                (
                    "info",
                    self.tr("Mức chữ ký: %1.").replace(
                        "%1", self.tr(LEVEL[s.level]) if s.level in LEVEL else s.level
                    ),
                )
            )
        if s.sub_indication:
            lang = "en" if self.lang == "en" else "vi"
            why = sreport.SUB.get(lang, sreport.SUB["vi"]).get(s.sub_indication)
            if why:
                k = "failed" if s.indication.value == "FAILED" else "indeterminate"
                out.append((k, self.tr("Lý do: %1.").replace("%1", why)))
        for f in s.findings:
            if f.action in ("FAIL", "WARN") and f.code not in _COVERED:
                out.append(("failed" if f.action == "FAIL" else "indeterminate", self._finding(f)))
        return out

    def text(self) -> str:
        """Everything the panel shows, as plain text (for tests and copying)."""
        lines = [self.banner.text()]

        def walk(it, depth):
            lines.append("  " * depth + it.text(0))
            for i in range(it.childCount()):
                walk(it.child(i), depth + 1)

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i), 0)
        return "\n".join(lines)

    def top_text(self, row: int) -> str:
        return self.tree.topLevelItem(row).text(0)

    def count(self) -> int:
        return len(self.report.signatures) if self.report is not None else 0

    # ------------------------------------------------------------------ trust
    def selected_signature(self):
        if self.report is None:
            return None
        it = self.tree.currentItem()
        while it is not None and it.parent() is not None:
            it = it.parent()
        if it is None:
            return None
        idx = it.data(0, Qt.ItemDataRole.UserRole)
        return next((s for s in self.report.signatures if s.index == idx), None)

    def _update_trust_button(self) -> None:
        s = self.selected_signature()
        ok = s is not None and s.signer is not None and not s.trusted and not is_demo(s.signer)
        self.trust_btn.setEnabled(ok)
        if s is not None and is_demo(s.signer):
            self.trust_btn.setToolTip(self.tr("Chứng thư thử nghiệm không bao giờ được tin cậy."))
        elif s is not None and s.trusted:
            self.trust_btn.setToolTip(self.tr("Chứng thư này đã được tin cậy."))
        else:
            self.trust_btn.setToolTip(
                self.tr("Thêm chứng thư của tổ chức cấp cho người ký vào danh sách tin cậy")
            )

    def trust_selected(self) -> None:
        s = self.selected_signature()
        if s is None or self.report is None or not self.trust_btn.isEnabled():
            return
        pdf = Path(self.report.path)

        def got(res, err):
            if err is not None:
                show_error(self, err)
                return
            cert, info = res
            self.confirm_trust(cert, info)

        run_task(lambda: anchor_candidate(pdf, s.field_name), got)

    def confirm_trust(self, cert, info) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Tin cậy chứng thư"))
        box.setText(
            self.tr("Tin cậy chứng thư “%1”?").replace("%1", info.common_name)
        )
        box.setInformativeText(
            self.tr(
                "Mọi chữ ký có chuỗi chứng thư tới chứng thư này sẽ được coi là đáng tin cậy. "
                "Chỉ đồng ý khi bạn đã đối chiếu dấu vân tay với tổ chức cấp.\n\n"
                "Cơ quan: %1\nThời hạn: %2 – %3\nDấu vân tay SHA-256: %4"
            )
            .replace("%1", info.organization or "-")
            .replace("%2", f"{info.not_before:%d/%m/%Y}")
            .replace("%3", f"{info.not_after:%d/%m/%Y}")
            .replace("%4", info.fingerprint_sha256)
        )
        yes = box.addButton(self.tr("Tin cậy"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(box.buttons()[-1])
        box.exec()
        if box.clickedButton() is not yes:
            return

        def done(_res, err):
            if err is not None:
                show_error(self, err)
                return
            self.trusted.emit(info)

        run_task(lambda: add_to_trust_store(cert), done, write=True)
