"""The certificates the clerk can sign with, as Okular's and Acrobat's lists show them: holder,
organisation, validity and trust state, one row per certificate, whatever its source (the .p12
file chosen, each signing certificate on the tokens present, the demo certificate).

Trust state is worked out from the certificates' names against the CA certificates the user
trusts (the signing trust store plus the extra roots in Settings) and the chain the source
carries (the .p12's certificates, the token's CA objects): *trusted* when the chain reaches one
of them, *self-signed*, *demo* (never trusted), or *not in the trust list*. It is what a
verifier on this computer would conclude about the chain; revocation is checked at signing and
verification time, not here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from . import features
from .tasks import run_task

log = logging.getLogger(__name__)

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class CertEntry:
    source: str  # pkcs12 | pkcs11 | demo
    key: str  # the sign panel's source key (settings that select this certificate)
    info: object | None  # signing.certs.CertInfo, None while a .p12 stays locked
    trust: str  # trusted | self_signed | untrusted | demo | unknown
    path: str = ""  # .p12 file
    token: str = ""  # PKCS#11 token label
    label: str = ""  # PKCS#11 certificate label

    def days_left(self, now: datetime | None = None) -> int | None:
        if self.info is None:
            return None
        return (self.info.not_after - (now or datetime.now(UTC))).days


def source_key(s) -> str:
    """The same key the sign panel uses for the certificate the settings select."""
    if s.cert_source == "pkcs11":
        return f"pkcs11:{s.pkcs11_module}:{s.pkcs11_token}:{s.pkcs11_key_label}"
    return f"{s.cert_source}:{s.pkcs12_path}"


def trust_state(info, pool: list, anchors: list) -> str:
    """Walk up from ``info`` by issuer name through ``pool`` (CertInfo of the CA certificates
    the source carries); trusted when a step is, or is issued by, one of ``anchors``."""
    fps = {a.fingerprint_sha256 for a in anchors}
    subjects = {a.subject for a in anchors}
    cur, seen = info, set()
    for _ in range(10):
        if cur.fingerprint_sha256 in fps or cur.issuer in subjects:
            return "trusted"
        if cur.self_signed:
            return "self_signed" if cur is info else "untrusted"
        seen.add(cur.fingerprint_sha256)
        up = next(
            (c for c in pool if c.subject == cur.issuer and c.fingerprint_sha256 not in seen),
            None,
        )
        if up is None:
            return "untrusted"
        cur = up
    return "untrusted"


def _p12_info(path: Path):
    """(CertInfo, CertInfo of the other certificates) of a .p12 that opens without a password,
    else (None, [])."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    from signing import certs as scerts

    try:
        _key, cert, others = pkcs12.load_key_and_certificates(path.read_bytes(), None)
    except (ValueError, OSError):
        return None, []
    if cert is None:
        return None, []
    return scerts.describe(cert), [scerts.describe(c) for c in others or ()]


def collect(settings, known: dict, rescan: bool = True) -> list[CertEntry]:
    """Worker: every certificate the clerk can sign with now. ``known`` holds what a signing
    in this session learnt of an encrypted .p12 (key -> CertInfo). ``rescan`` looks at the
    token slots afresh (not while a signing holds a session on the module)."""
    from signing import certs as scerts
    from signing.demo import demo_p12_path

    from .settings import data_dir

    anchors = [scerts.describe(c) for c in features.known_ca_certs(settings.trust_roots)]
    out: list[CertEntry] = []
    # .p12 files: the chosen one and those opened in this session
    paths = [settings.pkcs12_path] if settings.pkcs12_path else []
    paths += [k.split(":", 1)[1] for k in known if k.startswith("pkcs12:")]
    for p in dict.fromkeys(x for x in paths if x):
        key = f"pkcs12:{p}"
        info, pool = _p12_info(Path(p))
        if info is None:  # encrypted: what a signing in this session learnt (its trust too)
            info, trust = known.get(key), "unknown"
        else:
            trust = trust_state(info, pool, anchors)
        out.append(CertEntry("pkcs12", key, info, trust, path=p))
    # tokens present: every certificate that can sign (no PIN needed to list them)
    if settings.pkcs11_module:
        import signing

        try:
            signing_certs = signing.list_signing_certs(settings.pkcs11_module, rescan=rescan)
        except Exception as exc:  # noqa: BLE001 - a missing/unplugged token is not an error here
            log.info("no token listed: %s", exc)
            signing_certs = []
        pools: dict[str, list] = {}
        for token, info in signing_certs:
            if token not in pools:
                try:
                    pools[token] = signing.list_token_certs(
                        settings.pkcs11_module, token_label=token
                    )
                except Exception:  # noqa: BLE001
                    pools[token] = []
            label = info.label or ""
            key = f"pkcs11:{settings.pkcs11_module}:{token}:{label}"
            out.append(
                CertEntry(
                    "pkcs11",
                    key,
                    info,
                    trust_state(info, pools[token], anchors),
                    token=token,
                    label=label,
                )
            )
    # the demo certificate (made on first use: listed even before)
    demo = demo_p12_path(data_dir())
    info = None
    if demo.exists():
        info, _pool = _p12_info(demo)
    out.append(CertEntry("demo", "demo:" + settings.pkcs12_path, info, "demo", path=str(demo)))
    return out


class CertificateDialog(QDialog):
    """Chứng thư số: the list; "Dùng chứng thư này" selects one for signing."""

    loaded = Signal(object, object)  # entries, error

    def __init__(self, win, parent=None):
        super().__init__(parent or win)
        self.win = win
        self.entries: list[CertEntry] = []
        self.setWindowTitle(self.tr("Chứng thư số dùng để ký"))
        self.resize(860, 360)
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Các chứng thư có thể dùng để ký trên máy này: tệp .p12/.pfx đã chọn, chứng thư "
                "trên token đang cắm và chứng thư thử nghiệm."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [
                self.tr("Người được cấp"),
                self.tr("Cơ quan"),
                self.tr("Hiệu lực"),
                self.tr("Nguồn"),
                self.tr("Tin cậy"),
            ]
        )
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemDoubleClicked.connect(lambda *_: self.use_selected())
        lay.addWidget(self.tree, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        buttons = QDialogButtonBox()
        self.use_btn = QPushButton(self.tr("Dùng chứng thư này"))
        self.use_btn.clicked.connect(lambda _c=False: self.use_selected())
        self.add_btn = QPushButton(self.tr("Thêm tệp .p12/.pfx…"))
        self.add_btn.clicked.connect(lambda _c=False: self.add_p12())
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons.addButton(self.use_btn, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.add_btn, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        lay.addWidget(buttons)
        self._update_buttons()
        self.reload()

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        self.tree.clear()
        self.note.setText(self.tr("Đang đọc các chứng thư…"))
        settings = self.win.settings
        known = dict(self.win.sign._known)
        rescan = not self.win.sign._busy

        def done(entries, err):
            if err is not None:
                from .dialogs import show_error

                self.note.setText("")
                show_error(self, err)
                self.loaded.emit(None, err)
                return
            self.show_entries(entries)
            self.win.sign.learn_certificates(entries)
            self.loaded.emit(entries, None)

        run_task(lambda: collect(settings, known, rescan), done)

    def trust_text(self, e: CertEntry) -> tuple[str, str]:
        state = self.win.sign._trust.get(e.key, e.trust) if e.trust == "unknown" else e.trust
        return {
            "trusted": (self.tr("✓ Được tin cậy"), "#2e7d32"),
            "self_signed": (self.tr("⚠ Tự ký, không được tin cậy"), "#b26a00"),
            "untrusted": (self.tr("⚠ Không thuộc danh sách tin cậy"), "#b26a00"),
            "demo": (self.tr("⚠ THỬ NGHIỆM, không bao giờ được tin cậy"), "#b26a00"),
            "unknown": (self.tr("Chưa biết (mở bằng mật khẩu khi ký)"), "#555"),
        }[state]

    def validity_text(self, e: CertEntry) -> tuple[str, str]:
        if e.info is None:
            return ((self.tr("tạo khi dùng lần đầu") if e.source == "demo" else "—"), "#555")
        until = e.info.not_after.strftime("%d/%m/%Y")
        left = e.days_left()
        if left < 0:
            return (self.tr("✗ Đã hết hạn ngày %1").replace("%1", until), "#c62828")
        if left < EXPIRY_WARNING_DAYS:
            return (
                self.tr("⚠ Đến %1 (còn %2 ngày)").replace("%1", until).replace("%2", str(left)),
                "#b26a00",
            )
        return (
            self.tr("%1 – %2")
            .replace("%1", e.info.not_before.strftime("%d/%m/%Y"))
            .replace("%2", until),
            "#333",
        )

    def source_text(self, e: CertEntry) -> str:
        if e.source == "demo":
            return self.tr("Chứng thư thử nghiệm")
        if e.source == "pkcs11":
            return self.tr("Token “%1”").replace("%1", e.token)
        return self.tr("Tệp %1").replace("%1", Path(e.path).name)

    def show_entries(self, entries: list[CertEntry]) -> None:
        self.entries = entries
        self.tree.clear()
        current = source_key(self.win.settings)
        for e in entries:
            holder = (
                (e.info.common_name or e.info.subject)
                if e.info is not None
                else (self.tr("THỬ NGHIỆM") if e.source == "demo" else Path(e.path).name)
            )
            org = (e.info.organization or "—") if e.info is not None else "—"
            valid, vcol = self.validity_text(e)
            trust, tcol = self.trust_text(e)
            it = QTreeWidgetItem([holder, org, valid, self.source_text(e), trust])
            it.setForeground(2, QBrush(QColor(vcol)))
            it.setForeground(4, QBrush(QColor(tcol)))
            if e.source == "pkcs12" and e.path:
                it.setToolTip(3, e.path)
            if e.key == current or (e.source == "demo" and self.win.settings.cert_source == "demo"):
                f = QFont(it.font(0))
                f.setBold(True)
                for c in range(5):
                    it.setFont(c, f)
                it.setText(0, "● " + holder)
                it.setToolTip(0, self.tr("Đang dùng để ký"))
            self.tree.addTopLevelItem(it)
        self.note.setText(
            self.tr("%n chứng thư.", "", len(entries))
            + " "
            + self.tr("Chứng thư nào chưa được tin cậy thì khi kiểm tra sẽ báo chưa xác định được.")
        )
        if entries:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def selected(self) -> CertEntry | None:
        it = self.tree.currentItem()
        if it is None:
            return None
        row = self.tree.indexOfTopLevelItem(it)
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _update_buttons(self) -> None:
        e = self.selected()
        self.use_btn.setEnabled(e is not None and not (e.days_left() is not None and e.days_left() < 0))

    # ------------------------------------------------------------------ actions
    def use_selected(self) -> None:
        e = self.selected()
        if e is None or not self.use_btn.isEnabled():
            return
        s = self.win.settings
        if e.source == "demo":
            s = replace(s, cert_source="demo")
        elif e.source == "pkcs12":
            s = replace(s, cert_source="pkcs12", pkcs12_path=e.path)
        else:
            s = replace(s, cert_source="pkcs11", pkcs11_token=e.token, pkcs11_key_label=e.label)
        self.win.apply_settings(s)
        self.show_entries(self.entries)  # the bold row follows

    def add_p12(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp chứng thư"), "", self.tr("Chứng thư số (*.p12 *.pfx)")
        )
        if name:
            self.win.apply_settings(
                replace(self.win.settings, pkcs12_path=name, cert_source="pkcs12")
            )
            self.reload()
