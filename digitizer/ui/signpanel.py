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

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
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
PREVIEW_H = 240


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
        outer.addLayout(footer)
        self.refresh()

    # ------------------------------------------------------------------ state
    def set_item(self, item) -> None:
        self.item = item
        self.refresh()
        self._update_preview()

    def checklist(self, item=None) -> list[tuple[bool | None, str]]:
        """(ok, text) rows of the pre-sign checklist for ``item`` (default: the open document).
        ok is True (✔), False (✘: signing waits) or None (⚠: worth a look, does not block)."""
        item = item or self.item
        if item is None:
            return []
        res = self.win.results.get(item.id)
        rows: list[tuple[bool | None, str]] = []
        ocr_ok = bool(res) and item.ocr_current
        rows.append((ocr_ok, self.tr("Đã nhận dạng chữ xong cho mọi trang")))
        meta = self.win.meta
        if meta.schema is None:
            rows.append((False, self.tr("Thông tin hồ sơ: mô-đun chưa có")))
        else:
            missing = meta.missing_essentials(item)
            ok = meta.is_complete(item)
            text = self.tr("Thông tin hồ sơ đầy đủ, hợp lệ và đã xác nhận")
            if missing:
                text += " — " + self.tr("thiếu: %1").replace("%1", ", ".join(missing))
            if not item.confirmed and not item.locked:
                text += " — " + self.tr("chưa xác nhận")
            rows.append((ok, text))
        if ocr_ok:
            low = [p.index + 1 for p in res.pages if p.low_resolution or p.dpi < 200]
            text = self.tr("Độ phân giải mọi trang từ 200 dpi")
            if low:
                text += " — " + self.tr("trang %1 thấp hơn").replace("%1", ", ".join(map(str, low)))
            rows.append((not low, text))
            unsure = [
                p.index + 1 for p in res.pages if p.orientation_method == "none" and not p.blank
            ]
            text = self.tr("Các trang đã được dựng thẳng")
            if unsure:
                text += " — " + self.tr("kiểm tra lại trang %1").replace(
                    "%1", ", ".join(map(str, unsure))
                )
            rows.append((not unsure, text))
            blank = [p.index + 1 for p in res.pages if p.blank]
            if blank:
                rows.append(
                    (
                        None,
                        self.tr(
                            "Trang trống: %1 — vẫn được ký cùng tài liệu; xóa trang nếu không cần"
                        ).replace("%1", ", ".join(map(str, blank))),
                    )
                )
            colour = sum(1 for p in res.pages if p.colour)
            rows.append(
                (
                    True,
                    self.tr("Trang có màu (con dấu đỏ) giữ nguyên màu: %1").replace(
                        "%1", str(colour)
                    ),
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
        for ok, text in self.checklist():
            mark, colour = {True: ("✔", "#2e7d32"), False: ("✘", "#c62828")}.get(
                ok, ("⚠", "#b26a00")
            )
            lab = QLabel(f"{mark} {text}")
            lab.setWordWrap(True)
            lab.setStyleSheet(f"color:{colour}")
            self.check_layout.addWidget(lab)
            self.checks.append(lab)
        s = self.win.settings
        if s.cert_source == "pkcs11":
            self.cert_label.setText(
                self.tr("Token USB: %1").replace("%1", s.pkcs11_token or self.tr("token đầu tiên"))
            )
            self.choose_btn.setVisible(False)
        elif s.pkcs12_path:
            self.cert_label.setText(self.tr("Tệp: %1").replace("%1", s.pkcs12_path))
            self.choose_btn.setVisible(True)
        else:
            self.cert_label.setText(self.tr("Chưa chọn tệp chứng thư."))
            self.choose_btn.setVisible(True)
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
        if self.item is not None and self.item.signed_pdf:
            self.status.setText(self.tr("Đã ký: %1").replace("%1", Path(self.item.signed_pdf).name))
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
        s = self.win.settings
        if s.cert_source == "pkcs12" and not s.pkcs12_path:
            return self.tr("Chọn tệp chứng thư (.p12) trước khi ký.")
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

    # ------------------------------------------------------------------ signing
    def start_sign(self, *, error: str = "") -> None:
        if not self.can_sign():
            return
        item = self.item
        s = self.win.settings
        what = (
            self.tr("Nhập mã PIN của token để ký “%1”.")
            if s.cert_source == "pkcs11"
            else self.tr("Nhập mật khẩu tệp chứng thư để ký “%1”.")
        ).replace("%1", display_name(item))
        dlg = PinDialog(what, self.win, error=error)
        self.win.pinDialogShown.emit(dlg)
        if not dlg.exec():
            return
        pin = dlg.take_pin()
        self.sign_with_pin(item, pin)

    def sign_with_pin(self, item, pin: str) -> None:
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
                )
            else:
                handle = sign_mod.load_pkcs12(s.pkcs12_path, pin, extra_certs=extra)
            with handle:
                return sign_mod.sign_pdf(
                    prepared,
                    signed,
                    handle,
                    level="B-LT" if s.tsa_url else "B-B",
                    tsa_url=s.tsa_url or None,
                    fallback=True,
                )

        def done(res, err):
            self._busy = False
            if err is not None:
                code = getattr(err, "code", "")
                self.win.signFinished.emit(item.id, err)
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
            self.win.persist(item)
            self.win._on_current_doc()
            self.show_expiry(res.signer.not_after)
            msg = self.tr("Đã ký ở mức %1.").replace("%1", res.level)
            if res.needs_augmentation:
                msg += " " + self.tr("Cần bổ sung dấu thời gian/thông tin thu hồi sau khi có mạng.")
            self.win.statusBar().showMessage(msg, 10000)
            self.win.signFinished.emit(item.id, None)
            self.win.queue.enqueue(item, str(res.output), record)

        run_task(work, done, write=True)
