"""Signature panel: certificate, preview of where the stamp goes, pre-sign checklist, Sign.

Signing goes through the public APIs only: ``digitizer.metadata.embed_xmp`` (metadata is written
before signing; afterwards only incremental updates are allowed) and ``signing.load_pkcs12`` /
``open_pkcs11`` / ``sign_pdf``. The PIN is asked for each signing and never stored. A signed
document is locked; it is then queued to the archive outbox when a target is configured.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from digitizer.model import DocState

from . import features
from .dialogs import PinDialog, show_error
from .doclist import display_name
from .tasks import run_task

log = logging.getLogger(__name__)

RETRY_CODES = {"pin_incorrect", "p12_wrong_password"}
#: the token says one more wrong PIN could lock it (signing.sources.pin_attempt_risk): the clerk
#: confirms before the PIN is tried (issue 17, token safety)
RISK_CODES = {"pin_count_low", "pin_final_try"}
PREVIEW_H = 240

# PAdES baseline levels in the clerk's words
LEVEL_TEXT = {
    "B-B": QT_TRANSLATE_NOOP("SignPanel", "B-B (chữ ký cơ bản, không có dấu thời gian)"),
    "B-T": QT_TRANSLATE_NOOP("SignPanel", "B-T (có dấu thời gian)"),
    "B-LT": QT_TRANSLATE_NOOP(
        "SignPanel", "B-LT (có dấu thời gian và thông tin thu hồi: kiểm tra được lâu dài)"
    ),
    "B-LTA": QT_TRANSLATE_NOOP("SignPanel", "B-LTA (lưu trữ dài hạn)"),
}


def level_text(level: str) -> str:
    return (
        QCoreApplication.translate("SignPanel", LEVEL_TEXT[level]) if level in LEVEL_TEXT else level
    )


def demo_info():
    """Worker: create the demo certificate on first use (signing.demo) and describe it."""
    import signing
    from signing.demo import ensure_demo_p12

    from .settings import data_dir

    with signing.load_pkcs12(ensure_demo_p12(data_dir()), None) as handle:
        return handle.info


def stamp_preview(
    pdf: str, agency: str
) -> tuple[QImage, tuple[float, float, float, float], tuple[float, float]]:
    """Worker: page 1 of the OCR output and the box (PDF points) the signing library will use."""
    from pdf2image import convert_from_path
    from pypdf import PdfReader

    from signing.stamp import StampOptions, find_stamp_font, place_stamp, stamp_lines, stamp_size

    from .render import to_qimage

    font = find_stamp_font()
    lines = stamp_lines(StampOptions(), agency or "—", datetime.now().astimezone())
    w, h = stamp_size(font, lines, seal=False)
    placement = place_stamp(Path(pdf), w, h, 0)
    box = placement.box
    page = PdfReader(pdf).pages[0]
    size = (float(page.mediabox.width), float(page.mediabox.height))
    img = convert_from_path(pdf, dpi=40, first_page=1, last_page=1)[0]
    return to_qimage(img), box, size


class _Row(QLabel):
    """A checklist row; clicking it leads to what it is about."""

    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class SignPanel(QWidget):
    def __init__(self, win, parent=None):
        super().__init__(parent)
        self.win = win
        self.item = None
        self._busy = False
        self._preview_key = None
        # the certificate, checklist and preview scroll; the status and the sign button sit
        # below them, always on screen (they were below the fold at 1440×900)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)

        cert_box = QGroupBox(self.tr("Chứng thư số"))
        cl = QVBoxLayout(cert_box)
        self.cert_label = QLabel()
        self.cert_label.setWordWrap(True)
        cl.addWidget(self.cert_label)
        self.choose_btn = QPushButton(self.tr("Chọn tệp chứng thư…"))
        self.choose_btn.clicked.connect(self.choose_p12)
        cl.addWidget(self.choose_btn)
        # a first run has no certificate: the demo one lets the whole flow be tried, marked
        self.demo_btn = QPushButton(self.tr("Dùng chứng thư thử nghiệm"))
        self.demo_btn.setToolTip(
            self.tr("Chứng thư tự tạo trên máy này, chỉ để thử: chữ ký không có giá trị pháp lý")
        )
        self.demo_btn.clicked.connect(self.use_demo)
        cl.addWidget(self.demo_btn)
        # every usable certificate with holder, validity and trust (Okular/Acrobat's list)
        self.list_btn = QPushButton(self.tr("Danh sách chứng thư…"))
        self.list_btn.clicked.connect(lambda _c=False: self.win.certificates_dialog())
        cl.addWidget(self.list_btn)
        self._trust: dict[str, str] = {}  # source key -> certlist trust state
        self._demo_info = None
        self._demo_loading = False
        # certificates seen at a signing in this session, by source: the .p12 is encrypted, so
        # its holder is known once the password has opened it
        self._known: dict[str, object] = {}
        self.cert_warning = QLabel()  # after signing: self-signed / untrusted certificate
        self.cert_warning.setWordWrap(True)
        self.cert_warning.setStyleSheet("color:#b26a00")
        self.cert_warning.hide()
        cl.addWidget(self.cert_warning)
        self.expiry = QLabel()  # shown when the certificate that just signed expires soon
        self.expiry.setWordWrap(True)
        self.expiry.setStyleSheet("color:#b26a00")
        self.expiry.hide()
        cl.addWidget(self.expiry)
        lay.addWidget(cert_box)

        check_box = QGroupBox(self.tr("Kiểm tra trước khi ký"))
        self.check_layout = QVBoxLayout(check_box)
        self.checks: list[QLabel] = []
        lay.addWidget(check_box)

        prev_box = QGroupBox(self.tr("Vị trí khối chữ ký (trang 1)"))
        pl = QVBoxLayout(prev_box)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedHeight(PREVIEW_H + 8)
        pl.addWidget(self.preview)
        lay.addWidget(prev_box)

        lay.addStretch(1)

        footer = QVBoxLayout()
        footer.setContentsMargins(6, 4, 6, 6)
        self.status = QLabel()
        self.status.setWordWrap(True)
        footer.addWidget(self.status)
        self.sign_btn = QPushButton(self.tr("Ký số (F9)"))
        # clicked(bool) must not reach start_sign's keyword (it did: False became the error text)
        self.sign_btn.clicked.connect(lambda _checked=False: self.start_sign())
        footer.addWidget(self.sign_btn)
        self.copy_row = QHBoxLayout()  # filled by add_signed_actions once the actions exist
        footer.addLayout(self.copy_row)
        self._copy_buttons: list[QToolButton] = []
        outer.addLayout(footer)
        self._notes: dict[str, str] = {}  # item id -> what the signing said (level and why)
        self.refresh()

    def add_signed_actions(self, actions) -> None:
        """Buttons for what to do with the signed copy, under the sign button."""
        for a in actions:
            b = QToolButton()
            b.setDefaultAction(a)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.copy_row.addWidget(b)
            self._copy_buttons.append(b)
        self.copy_row.addStretch(1)
        self.refresh()

    # ------------------------------------------------------------------ state
    def set_item(self, item) -> None:
        self.item = item
        self.refresh()
        self._update_preview()

    def checklist(self, item=None) -> list[tuple[bool | None, str]]:
        """(ok, text) rows of the pre-sign checklist for ``item`` (default: the open document).
        ok is True (✔), False (✘: signing waits) or None (⚠: worth a look, does not block)."""
        return [(ok, text) for ok, text, _target in self.checklist_rows(item)]

    def checklist_rows(self, item=None) -> list[tuple[bool | None, str, tuple | None]]:
        """The checklist with, per row, where a click leads: ("field", key), ("confirm",),
        ("page", row) or None."""
        item = item or self.item
        if item is None:
            return []
        res = self.win.results.get(item.id)
        rows: list[tuple[bool | None, str, tuple | None]] = []
        ocr_ok = bool(res) and item.ocr_current
        rows.append((ocr_ok, self.tr("Đã nhận dạng chữ xong cho mọi trang"), None))
        meta = self.win.meta
        if meta.schema is None:
            rows.append((False, self.tr("Thông tin hồ sơ: mô-đun chưa có"), None))
        else:
            missing = meta.missing_essentials(item)
            ok = meta.is_complete(item)
            text = self.tr("Thông tin hồ sơ đầy đủ, hợp lệ và đã xác nhận")
            if missing:
                text += " — " + self.tr("thiếu: %1").replace("%1", ", ".join(missing))
            if not item.confirmed and not item.locked:
                text += " — " + self.tr("chưa xác nhận")
            key = meta.first_to_fix(item)
            target = None if ok else ("field", key) if key else ("confirm",)
            rows.append((ok, text, target))
        if ocr_ok:
            low = [p.index + 1 for p in res.pages if p.low_resolution or p.dpi < 200]
            text = self.tr("Độ phân giải mọi trang từ 200 dpi")
            if low:
                text += " — " + self.tr("trang %1 thấp hơn").replace("%1", ", ".join(map(str, low)))
            rows.append((not low, text, ("page", low[0] - 1) if low else None))
            unsure = [
                p.index + 1 for p in res.pages if p.orientation_method == "none" and not p.blank
            ]
            text = self.tr("Các trang đã được dựng thẳng")
            if unsure:
                text += " — " + self.tr("kiểm tra lại trang %1").replace(
                    "%1", ", ".join(map(str, unsure))
                )
            rows.append((not unsure, text, ("page", unsure[0] - 1) if unsure else None))
            blank = [p.index + 1 for p in res.pages if p.blank]
            if blank:
                rows.append(
                    (
                        None,
                        self.tr(
                            "Trang trống: %1 — vẫn được ký cùng tài liệu; xóa trang nếu không cần"
                        ).replace("%1", ", ".join(map(str, blank))),
                        ("page", blank[0] - 1),
                    )
                )
            colour = sum(1 for p in res.pages if p.colour)
            rows.append(
                (
                    True,
                    self.tr("Trang có màu (con dấu đỏ) giữ nguyên màu: %1").replace(
                        "%1", str(colour)
                    ),
                    None,
                )
            )
        if not item.locked:
            rows.extend((ok, text, None) for ok, text in self._signing_rows())
        return rows

    def go_to(self, target: tuple) -> None:
        """A checklist row was clicked: show the field or the page it is about."""
        win = self.win
        if target[0] == "page":
            if 0 <= target[1] < win.strip.count():
                win.strip.setCurrentRow(target[1])
                win.strip.setFocus()
            return
        win.tabs.setCurrentWidget(win.meta)
        widget = win.meta.editors.get(target[1]) if target[0] == "field" else None
        widget = widget or win.meta.confirm_btn
        win.meta.show_widget(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _source_key(self) -> str:
        s = self.win.settings
        if s.cert_source == "pkcs11":
            return f"pkcs11:{s.pkcs11_module}:{s.pkcs11_token}:{s.pkcs11_key_label}"
        return f"{s.cert_source}:{s.pkcs12_path}"

    def _describe(self, info) -> str:
        text = (
            self.tr("%1 — %2 — hiệu lực đến %3")
            .replace("%1", info.common_name or info.subject)
            .replace("%2", info.organization or "—")
            .replace("%3", info.not_after.strftime("%d/%m/%Y"))
        )
        if getattr(info, "self_signed", False):
            text += " — " + self.tr("tự ký, không được tin cậy")
        return text

    def learn_certificates(self, entries) -> None:
        """What the certificate list found (holder, validity, trust) feeds the checklist."""
        for e in entries:
            if e.info is not None:
                self._known[e.key] = e.info
            if e.trust != "unknown":
                self._trust[e.key] = e.trust
        self.refresh()

    def refresh_certificate(self) -> None:
        """Read the selected certificate's holder, validity and trust in a worker (no password
        needed for tokens, the demo certificate or an unencrypted .p12)."""
        from .certlist import collect

        if not features.ready() or features.signing() is None or self._busy:
            return
        settings, known = self.win.settings, dict(self._known)

        def done(entries, err):
            if err is not None:
                log.info("certificate state not read: %s", err)
                return
            self.learn_certificates(entries)

        run_task(lambda: collect(settings, known), done)

    def _signing_rows(self) -> list[tuple[bool | None, str]]:
        """Certificate and level: warnings (⚠) that never block, so the clerk knows beforehand;
        an expired certificate blocks (✘): no signature can be made with it."""
        from datetime import UTC, datetime

        from .certlist import EXPIRY_WARNING_DAYS

        s = self.win.settings
        rows: list[tuple[bool | None, str]] = []
        known = self._known.get(self._source_key())
        trust = self._trust.get(self._source_key())
        if s.cert_source != "demo" and known is not None:
            left = (known.not_after - datetime.now(UTC)).days
            until = known.not_after.strftime("%d/%m/%Y")
            if left < 0:
                rows.append(
                    (
                        False,
                        self.tr("Chứng thư đã hết hạn ngày %1: chọn chứng thư khác").replace(
                            "%1", until
                        ),
                    )
                )
            elif left < EXPIRY_WARNING_DAYS:
                rows.append(
                    (
                        None,
                        self.tr("Chứng thư sắp hết hạn: ngày %1 (còn %2 ngày)")
                        .replace("%1", until)
                        .replace("%2", str(left)),
                    )
                )
        if (
            s.cert_source != "demo"
            and known is not None
            and trust == "untrusted"
            and not getattr(known, "self_signed", False)
        ):
            rows.append(
                (
                    None,
                    self.tr(
                        "Chứng thư (%1) không thuộc danh sách tin cậy trên máy này: khi kiểm tra "
                        "sẽ báo chưa xác định được"
                    ).replace("%1", known.common_name or known.subject),
                )
            )
        if s.cert_source != "demo" and known is not None and getattr(known, "self_signed", False):
            rows.append(
                (
                    None,
                    self.tr(
                        "Chứng thư tự ký (%1): người kiểm tra sẽ thấy chữ ký chưa được tin cậy"
                    ).replace("%1", known.common_name or known.subject),
                )
            )
        if s.cert_source == "demo":
            rows.append(
                (
                    None,
                    self.tr(
                        "Chứng thư THỬ NGHIỆM: chữ ký không có giá trị pháp lý, khi kiểm tra sẽ "
                        "báo chưa được tin cậy"
                    ),
                )
            )
        elif s.cert_source == "pkcs12" and not s.pkcs12_path:
            rows.append((None, self.tr("Chưa chọn chứng thư số: khi bấm Ký sẽ được hỏi")))
        if s.tsa_url:
            rows.append((True, self.tr("Mức chữ ký: %1").replace("%1", level_text("B-LT"))))
        else:
            rows.append(
                (
                    None,
                    self.tr(
                        "Mức chữ ký: %1 — chưa có máy chủ dấu thời gian (Cài đặt > Chữ ký số); "
                        "có thể nâng mức sau"
                    ).replace("%1", level_text("B-B")),
                )
            )
        return rows

    def refresh(self) -> None:
        for lab in self.checks:
            # out of the layout and hidden now: deleteLater alone waits for the outer event loop,
            # so while the password dialog asked again the old rows stayed next to the new ones
            self.check_layout.removeWidget(lab)
            lab.hide()
            lab.deleteLater()
        self.checks = []
        for ok, text, target in self.checklist_rows():
            mark, colour = {True: ("✔", "#2e7d32"), False: ("✘", "#c62828")}.get(
                ok, ("⚠", "#b26a00")
            )
            lab = _Row(f"{mark} {text}")
            lab.setWordWrap(True)
            lab.setStyleSheet(f"color:{colour}")
            if target is not None and ok is not True:  # a red or amber row leads to its field
                lab.setCursor(Qt.CursorShape.PointingHandCursor)
                lab.setToolTip(self.tr("Bấm để tới chỗ cần kiểm tra"))
                lab.clicked.connect(lambda t=target: self.go_to(t))
            self.check_layout.addWidget(lab)
            self.checks.append(lab)
        s = self.win.settings
        if s.cert_source == "pkcs11":
            text = self.tr("Token USB: %1").replace(
                "%1", s.pkcs11_token or self.tr("token đầu tiên")
            )
            known = self._known.get(self._source_key())
            if known is not None:
                text += "\n" + self._describe(known)
            self.cert_label.setText(text)
            self.choose_btn.setVisible(False)
        elif s.cert_source == "demo":
            info = self._demo_info
            if (
                info is None
                and not self._demo_loading
                and features.ready()
                and features.signing() is not None
            ):
                self.load_demo_info()  # holder, organisation, validity: once, in a worker
            text = self.tr("Chứng thư THỬ NGHIỆM (không có giá trị pháp lý, không được tin cậy)")
            if info is not None:
                text += "\n" + self._describe(info)
            self.cert_label.setText(text)
            self.cert_label.setStyleSheet("color:#b26a00")
            self.choose_btn.setVisible(True)
            self.demo_btn.setVisible(False)
        elif s.pkcs12_path:
            text = self.tr("Tệp: %1").replace("%1", s.pkcs12_path)
            known = self._known.get(self._source_key())
            if known is not None:
                text += "\n" + self._describe(known)
            self.cert_label.setText(text)
            self.choose_btn.setVisible(True)
        else:
            self.cert_label.setText(self.tr("Chưa chọn tệp chứng thư."))
            self.choose_btn.setVisible(True)
        if s.cert_source != "demo":
            self.cert_label.setStyleSheet("")
            self.demo_btn.setVisible(s.cert_source == "pkcs12")
        reason = self.disabled_reason()
        self.sign_btn.setEnabled(reason is None)
        if self.item is not None:
            self.win.model.refresh(self.item.id)  # the list's state follows the checklist
        # the toolbar/menu action (F9) follows the same answer at every refresh: it used to be
        # updated only when a page was selected, so it stayed greyed after the checklist turned
        # green and stayed enabled while a signing ran
        act = getattr(self.win, "act_sign", None)
        if act is not None:
            act.setEnabled(reason is None)
            tip = self.tr("Ký số tài liệu (F9)") if reason is None else reason
            act.setToolTip(tip)
            act.setStatusTip(tip)
        signed = self.item is not None and bool(self.item.signed_pdf)
        for b in self._copy_buttons:
            b.setVisible(signed)
        if signed:
            text = self.tr("Đã ký: %1").replace("%1", Path(self.item.signed_pdf).name)
            note = self._notes.get(self.item.id)
            self.status.setText(text + (f"\n{note}" if note else ""))
            self.status.setStyleSheet("color:#2e7d32")
        else:
            self.status.setText(reason or self.tr("Sẵn sàng ký."))
            self.status.setStyleSheet("color:#7a5b00" if reason else "color:#2e7d32")

    def disabled_reason(self) -> str | None:
        if not features.ready():
            return self.tr("Đang tải các mô-đun…")
        if features.signing() is None:
            return self.tr("Mô-đun ký số chưa có trong bản cài đặt này.")
        item = self.item
        if item is None:
            return self.tr("Chọn một tài liệu để ký.")
        if item.locked:
            return self.tr("Tài liệu đã được ký và bị khóa, không sửa được nữa.")
        if self._busy:
            return self.tr("Đang ký…")
        if item.state == DocState.OCR_RUNNING:
            return self.tr("Đợi nhận dạng chữ xong.")
        if not all(ok is not False for ok, _ in self.checklist()):
            return self.tr("Hoàn tất các mục đánh dấu ✘ ở trên trước khi ký.")
        return None

    def can_sign(self) -> bool:
        return self.disabled_reason() is None

    def choose_p12(self) -> None:
        from dataclasses import replace

        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp chứng thư"), "", self.tr("Chứng thư số (*.p12 *.pfx)")
        )
        if name:
            self.win.apply_settings(
                replace(self.win.settings, pkcs12_path=name, cert_source="pkcs12")
            )

    def use_demo(self) -> None:
        """Sign with the demo certificate (created on first use in the data dir, never trusted)."""
        from dataclasses import replace

        self.win.apply_settings(replace(self.win.settings, cert_source="demo"))  # refresh loads

    def load_demo_info(self) -> None:
        self._demo_loading = True

        def done(info, err):
            self._demo_loading = False
            if err is not None:
                log.warning("demo certificate: %s", err)
                return
            self._demo_info = info
            self.refresh()

        run_task(demo_info, done, write=True)

    def ask_certificate(self) -> bool:
        """No certificate yet: choose a .p12 file or the demo certificate (True = chosen)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Chọn chứng thư số"),
            self.tr(
                "Chưa chọn chứng thư số để ký. Chọn tệp chứng thư (.p12/.pfx) của cơ quan, hoặc "
                "dùng chứng thư thử nghiệm để làm thử (chữ ký không có giá trị pháp lý)."
            ),
            parent=self.win,
        )
        p12 = box.addButton(self.tr("Chọn tệp chứng thư…"), QMessageBox.ButtonRole.AcceptRole)
        demo = box.addButton(
            self.tr("Dùng chứng thư thử nghiệm"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is demo:
            self.use_demo()
            return True
        if box.clickedButton() is p12:
            self.choose_p12()
            return bool(self.win.settings.pkcs12_path)
        return False

    # ------------------------------------------------------------------ preview
    def _update_preview(self) -> None:
        item = self.item
        if (
            item is None
            or not item.ocr_current
            or not features.ready()
            or features.signing() is None
        ):
            self.preview.setText(self.tr("Xem trước sau khi nhận dạng xong."))
            self._preview_key = None
            return
        pdf = item.signed_pdf or item.ocr_pdf
        agency = str(item.metadata.get("organ_name") or "")
        key = (pdf, agency)
        if key == self._preview_key:
            return
        self._preview_key = key

        def done(res, err):
            if self._preview_key != key:
                return
            if err is not None:
                log.warning("stamp preview failed: %s", err)
                self.preview.setText(self.tr("Không xem trước được vị trí chữ ký."))
                return
            img, box, (pw, ph) = res
            pix = QPixmap.fromImage(img).scaledToHeight(
                PREVIEW_H, Qt.TransformationMode.SmoothTransformation
            )
            sx, sy = pix.width() / pw, pix.height() / ph
            p = QPainter(pix)
            p.setPen(QPen(QColor("#c62828"), 2))
            p.fillRect(
                int(box[0] * sx),
                int((ph - box[3]) * sy),
                int((box[2] - box[0]) * sx),
                int((box[3] - box[1]) * sy),
                QColor(198, 40, 40, 60),
            )
            p.drawRect(
                int(box[0] * sx),
                int((ph - box[3]) * sy),
                int((box[2] - box[0]) * sx),
                int((box[3] - box[1]) * sy),
            )
            p.end()
            self.preview.setPixmap(pix)

        run_task(lambda: stamp_preview(pdf, agency), done)

    def show_expiry(self, not_after) -> None:
        """Warn (and keep warning) when the signing certificate expires within 30 days."""
        from datetime import UTC

        from signing.sign import EXPIRY_WARNING_DAYS
        from signing.stamp import VN_TZ

        left = (not_after - datetime.now(UTC)).days
        if left >= EXPIRY_WARNING_DAYS:
            self.expiry.hide()
            return
        until = not_after.astimezone(VN_TZ).strftime("%d/%m/%Y")
        self.expiry.setText(
            self.tr(
                "⚠ Chứng thư số hết hạn ngày %1 (còn %2 ngày). Liên hệ tổ chức cung cấp dịch vụ "
                "chứng thực chữ ký số để gia hạn trước ngày đó."
            )
            .replace("%1", until)
            .replace("%2", str(max(left, 0)))
        )
        self.expiry.show()

    def show_cert_warning(self, info, source: str) -> None:
        """After signing with a certificate no verifier will trust (demo or self-signed)."""
        if source == "demo":
            text = self.tr(
                "⚠ Đã ký bằng chứng thư THỬ NGHIỆM: bản này chỉ để thử, không dùng làm kết quả "
                "trả cho công dân."
            )
        elif getattr(info, "self_signed", False):
            text = self.tr(
                "⚠ Chứng thư tự ký: người kiểm tra sẽ thấy chữ ký chưa được tin cậy. Dùng chứng "
                "thư do tổ chức chứng thực chữ ký số cấp."
            )
        else:
            self.cert_warning.hide()
            return
        self.cert_warning.setText(text)
        self.cert_warning.show()

    def persist_and_show(self, item) -> None:
        self.win.persist(item)
        self.win._on_current_doc()

    # ------------------------------------------------------------------ signing
    def start_sign(self, *, error: str = "") -> None:
        if not self.can_sign():
            return
        item = self.item
        s = self.win.settings
        if s.cert_source == "pkcs12" and not s.pkcs12_path:
            if not self.ask_certificate():
                return
            s = self.win.settings
        if s.cert_source == "demo":  # its PKCS#12 has no password: nothing to ask
            self.sign_with_pin(item, "")
            return
        token = s.cert_source == "pkcs11"
        what = (
            self.tr("Nhập mã PIN của token để ký “%1”.")
            if token
            else self.tr("Nhập mật khẩu tệp chứng thư để ký “%1”.")
        ).replace("%1", display_name(item))
        dlg = PinDialog(what, self.win, error=error, secret="pin" if token else "password")
        self.win.pinDialogShown.emit(dlg)
        if not dlg.exec():
            return
        pin = dlg.take_pin()
        self.sign_with_pin(item, pin)

    def confirm_pin_risk(self, err) -> bool:
        """Ask before a PIN attempt that could lock the token (the PIN is not tried yet)."""
        from .messages import describe

        _c, what, todo = describe(err)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Token sắp bị khóa"), what, parent=self.win)
        box.setInformativeText(todo)
        go = box.addButton(self.tr("Vẫn thử mã PIN này"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        self.win.pinRiskAsked.emit(box)
        box.exec()
        return box.clickedButton() is go

    def sign_with_pin(self, item, pin: str, *, confirm_risk: bool = False) -> None:
        """Sign ``item`` on the write pool; the PIN lives only in this call's closure."""
        from .metaform import record_for_core

        sign_mod = features.signing()
        embed = features.xmp_embedder()
        s = self.win.settings
        values = (
            self.win.meta.current_values() if self.win.meta.item is item else dict(item.metadata)
        )
        values["page_amount"] = str(len(item.pages))
        record = record_for_core(values)
        wd = self.win.store.work_dir(item.id)
        src = Path(item.ocr_pdf)
        prepared = wd / "prepared.pdf"
        from digitizer.metadata import output_name

        signed = wd / "signed" / output_name(record)
        source = self._source_key()
        self._busy = True
        self.refresh()

        def work():
            signed.parent.mkdir(parents=True, exist_ok=True)
            if embed is not None:
                embed(src, record, prepared)
            else:
                prepared.write_bytes(src.read_bytes())
            # a token often carries only the signer (and the intermediate): the chain is completed
            # from the trust store and the roots named in the settings, as the CLI does
            extra = tuple(features.known_ca_certs(s.trust_roots))
            if s.cert_source == "pkcs11":
                handle = sign_mod.open_pkcs11(
                    s.pkcs11_module,
                    token_label=s.pkcs11_token or None,
                    cert_label=s.pkcs11_key_label or None,
                    pin=pin,
                    extra_certs=extra,
                    confirm_pin_risk=confirm_risk,
                )
            elif s.cert_source == "demo":
                from signing.demo import ensure_demo_p12

                from .settings import data_dir

                handle = sign_mod.load_pkcs12(ensure_demo_p12(data_dir()), None)
            else:
                handle = sign_mod.load_pkcs12(s.pkcs12_path, pin, extra_certs=extra)
            with handle:
                res = sign_mod.sign_pdf(
                    prepared,
                    signed,
                    handle,
                    level="B-LT" if s.tsa_url else "B-B",
                    tsa_url=s.tsa_url or None,
                    fallback=True,
                )
            # the opened source's chain: the certificate list and the checklist say its trust
            from signing import certs as scerts

            from .certlist import trust_state

            pool = [scerts.describe(c) for c in handle.pool]
            learnt["trust"] = (
                "demo"
                if s.cert_source == "demo"
                else trust_state(res.signer, pool, [scerts.describe(c) for c in extra])
            )
            return res

        learnt: dict[str, str] = {}

        def done(res, err):
            self._busy = False
            if "trust" in learnt:
                self._trust[source] = learnt["trust"]
            if err is not None:
                code = getattr(err, "code", "")
                self.win.signFinished.emit(item.id, err)
                if code in RISK_CODES and not confirm_risk:
                    self.refresh()
                    if self.confirm_pin_risk(err):
                        self.sign_with_pin(item, pin, confirm_risk=True)
                    return
                if code in RETRY_CODES:
                    from .messages import describe

                    _c, what, todo = describe(err)
                    self.refresh()
                    self.start_sign(error=f"{what} {todo}")
                    return
                show_error(self.win, err)
                self.refresh()
                return
            item.signed_pdf = str(res.output)
            item.state = DocState.SIGNED
            item.metadata = dict(values)  # what was signed, as the clerk saw it
            msg = self.tr("Đã ký ở mức %1.").replace("%1", level_text(res.level))
            if res.level == "B-B" and not s.tsa_url:
                msg += " " + self.tr(
                    "Lý do: chưa cấu hình máy chủ dấu thời gian (Cài đặt > Chữ ký số); có thể "
                    "nâng mức sau."
                )
            elif res.needs_augmentation:
                msg += " " + self.tr("Cần bổ sung dấu thời gian/thông tin thu hồi sau khi có mạng.")
            self._notes[item.id] = msg
            self._known[source] = res.signer
            self.persist_and_show(item)
            self.show_expiry(res.signer.not_after)
            self.show_cert_warning(res.signer, s.cert_source)
            self.win.statusBar().showMessage(msg, 10000)
            self.win.signFinished.emit(item.id, None)
            self.win.queue.enqueue(item, str(res.output), record)

        run_task(work, done, write=True)
