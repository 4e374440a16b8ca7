"""Issue 12, what was still open: the toolbar (icons with text, buttons that do not shift), the
signature panel of the open document (banner, ✓/⚠/✗, Acrobat wording, trust this certificate),
the certificate list, a manual rotation against auto-orientation. Click-level, fresh home."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from .clicks import Clicks

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


def _tool_button(win, action) -> QToolButton:
    return win.toolbar.widgetForAction(action)


def test_toolbar_has_icons_with_text_and_buttons_keep_their_width(
    qtbot, make_window, sample_images
):
    """Issue 12, item 8: the toolbar was text only and its buttons shifted width (the undo
    button's text grew with the command it would undo)."""
    win = make_window(ocr_auto=False)
    clicks = Clicks(qtbot)
    tb = win.toolbar
    assert tb.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    for a in tb.actions():
        if a.isSeparator():
            continue
        assert not a.icon().isNull(), a.text()
        assert a.icon().pixmap(24, 24).toImage().width() == 24, a.text()
    # the licence of the copied icons is recorded next to them
    readme = (ICONS / "README.md").read_text(encoding="utf-8")
    for svg in ICONS.glob("*.svg"):
        assert svg.name in readme, svg.name
    assert "CC-BY-SA-3.0" in readme and "LGPL-3" in readme

    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.import_files(sample_images[:2])
    clicks.list_row(win.docs, 0)
    qtbot.waitUntil(win.view.has_image, timeout=20000)
    widths = {a.text(): _tool_button(win, a).width() for a in tb.actions() if not a.isSeparator()}
    undo_w = _tool_button(win, win.act_undo).width()
    clicks.toolbar(win, win.act_rot_right)  # the undo action now says what it would undo
    qtbot.wait(50)
    assert win.act_undo.isEnabled()
    assert _tool_button(win, win.act_undo).width() == undo_w
    assert _tool_button(win, win.act_undo).text() == "Hoàn tác"
    # every button keeps the width it had: nothing under the mouse moves
    for a in tb.actions():
        if not a.isSeparator():
            assert _tool_button(win, a).width() == widths.get(a.text(), _tool_button(win, a).width())


SIG_MARKS = "✓⚠✗•"
CODES = ("PASSED", "FAILED", "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "TRY_LATER",
         "HASH_FAILURE", "SIG_CONSTRAINTS_FAILURE", "OUT_OF_BOUNDS")


def _assert_in_words(text: str) -> None:
    """The signature panel speaks Vietnamese: no CLI markers, no ETSI codes."""
    for marker in ("=>", " ! ", "~", "#1"):
        assert marker not in text, (marker, text)
    for code in CODES:
        assert code not in text, (code, text)


def test_signature_panel_of_the_open_document(qtbot, make_window, doc_pdf, errors):
    """Issue 12, defect 7: no signature panel for the open document (Acrobat's banner and
    panel); details mixed ETSI codes and CLI markers into Vietnamese."""
    pytest.importorskip("signing")
    from .test_first_run import _click_sign, _signed

    win = make_window(cert_source="demo")
    assert not win.sig_banner.isVisible()
    item, clicks = _signed(qtbot, win, doc_pdf)
    with qtbot.waitSignal(win.signaturesShown, timeout=120000) as blocker:
        assert _click_sign(qtbot, win, clicks) is None
    assert blocker.args[0] == item.id
    # the banner above the page, in Acrobat's words
    assert win.sig_banner.isVisible()
    banner = win.sig_banner_label.text()
    assert banner.startswith("⚠") and "Có ít nhất một chữ ký cần được xác thực." in banner
    assert "THỬ NGHIỆM" in banner
    clicks.click(win.sig_banner_btn)
    assert win.tabs.currentWidget() is win.sigpanel
    panel = win.sigpanel
    text = panel.text()
    lines = [ln.strip() for ln in text.splitlines()[3:] if ln.strip()]
    assert lines and all(ln[0] in SIG_MARKS for ln in lines), lines
    assert panel.top_text(0).startswith("⚠ 1. Chữ ký:")
    assert "Tài liệu không bị thay đổi kể từ khi ký." in text
    assert "Chứng thư THỬ NGHIỆM" in text
    assert "Mức chữ ký: chữ ký cơ bản (B-B)." in text
    _assert_in_words(text)
    # the demo certificate cannot be trusted from here
    assert not panel.trust_btn.isEnabled()
    assert "không bao giờ" in panel.trust_btn.toolTip()
    # a document that is not signed: no banner
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.import_files([doc_pdf])
    clicks.list_row(win.docs, 1)
    qtbot.waitUntil(lambda: not win.sig_banner.isVisible(), timeout=10000)
    assert "chưa được ký" in panel.banner.text()
    assert [e for e in errors if e[0] == "report"] == []


def test_trust_this_certificate_with_a_confirmation(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf, errors
):
    """Issue 12, defect 7: no "trust this certificate" action. The signer's CA is unknown: the
    panel says so (⚠); "Tin cậy chứng thư này…" asks first (Hủy changes nothing), then adds the
    CA to the trust store the verification reads, and the panel turns ✓."""
    from dataclasses import replace

    import signing

    from PySide6.QtWidgets import QMessageBox

    from .clicks import answer_message_box, answer_password, button_in, when_modal
    from .test_clerk_flow import _configure
    from .test_first_run import _click_sign, _signed

    archive = tmp_path / "archive"
    archive.mkdir()
    settings = replace(_configure(tmp_path, monkeypatch, pki, archive), trust_roots=())
    win = make_window(settings)
    item, clicks = _signed(qtbot, win, doc_pdf)
    answer_password(clicks, pki.password)
    with qtbot.waitSignal(win.signaturesShown, timeout=180000):
        assert _click_sign(qtbot, win, clicks) is None
    panel = win.sigpanel
    clicks.tab(win.tabs, panel)
    text = panel.text()
    assert panel.verdict_key == "indeterminate", text
    assert "Chưa xác định được danh tính người ký" in text
    _assert_in_words(text)
    assert panel.trust_btn.isEnabled()
    store = signing.TrustStore()
    assert store.entries() == []

    seen: list = []

    def cancel(box):
        seen.append(box.text() + "\n" + box.informativeText())
        clicks.click(button_in(box, "Hủy"))

    when_modal(cancel, QMessageBox)
    clicks.click(panel.trust_btn)
    qtbot.waitUntil(lambda: bool(seen), timeout=30000)
    qtbot.wait(200)
    assert store.entries() == [], "cancelled, yet trusted"
    assert "Tin cậy chứng thư" in seen[0] and "Dấu vân tay SHA-256" in seen[0]

    answer_message_box(clicks, "Tin cậy")
    with qtbot.waitSignal(win.signaturesShown, timeout=120000):
        clicks.click(panel.trust_btn)
    names = [e.info.common_name for e in store.entries()]
    assert len(names) == 1, names
    text = panel.text()
    assert panel.verdict_key == "passed", text
    assert "Danh tính người ký hợp lệ" in text
    assert "Đã ký và tất cả chữ ký đều hợp lệ." in win.sig_banner_label.text()
    assert not panel.trust_btn.isEnabled()
    _assert_in_words(text)
    assert [e for e in errors if e[0] in ("report", "error")] == []


def test_a_renamed_text_file_is_explained_in_vietnamese_on_the_verify_panel(
    qtbot, make_window, tmp_path, errors
):
    """Issue 12, defect 7: a text file renamed .pdf left only an English tooltip."""
    pytest.importorskip("signing")
    from digitizer.ui.verifydialog import VerifyDialog

    from .clicks import answer_open_dialog
    from .test_first_run import _ready

    win = make_window(ocr_auto=False)
    _ready(qtbot)
    fake = tmp_path / "docs" / "ket-qua.pdf"
    fake.parent.mkdir()
    fake.write_text("đây là một tệp văn bản, không phải PDF\n", encoding="utf-8")
    clicks = Clicks(qtbot)
    answer_open_dialog(clicks, fake)
    clicks.menu(win, win.act_verify)  # nothing open: the dialog asks for a file
    qtbot.waitUntil(
        lambda: any("Không kiểm tra được" in d.summary.text()
                    for d in win.findChildren(VerifyDialog)),
        timeout=60000,
    )
    dlg = win.findChildren(VerifyDialog)[0]
    banner = dlg.summary.text()
    assert "Không kiểm tra được tệp này." in banner and "Không đọc được tệp đầu vào." in banner
    assert "not a PDF" not in banner and "header" not in banner
    assert [e[1] for e in errors if e[0] == "error"] == ["bad_input"]
    assert not dlg.export_btn.isEnabled()
    dlg.close()


def test_a_manual_rotation_wins_over_auto_orientation(qtbot, make_window, sample_images):
    """Issue 12, item 8: a page the clerk turned by hand was turned back by the OCR's
    auto-orientation. The clerk turns an upright portrait page a quarter right (toolbar), the
    OCR runs again: the saved page keeps the clerk's rotation (landscape, nothing re-applied);
    the other pages keep auto-orientation (rotate=None: the session's setting)."""
    from PIL import Image

    win = make_window()
    clicks = Clicks(qtbot)
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        item_id = win.import_files(sample_images[:1])
    assert blocker.args[1] is None
    item = win.model.find(item_id)
    w0, h0 = Image.open(sample_images[0]).size
    assert h0 > w0  # a portrait page, upright
    first = win.results[item_id].pages[0]
    assert first.rotation_applied == 0 and first.height_px > first.width_px
    clicks.list_row(win.docs, 0)
    qtbot.waitUntil(win.view.has_image, timeout=20000)
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        clicks.toolbar(win, win.act_rot_right)
    assert blocker.args == [item_id, None]
    assert item.pages[0].rotation == 90
    page = win.results[item_id].pages[0]
    assert page.rotation_applied == 0, "auto-orientation undid the clerk's rotation"
    assert page.width_px > page.height_px, (page.width_px, page.height_px)


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    from testpki import pki_module

    mod = pki_module()
    pki = mod.build_pki(tmp_path_factory.mktemp("pki"))  # certificates only, no servers
    tok = mod.init_softhsm(
        pki,
        tmp_path_factory.mktemp("token"),
        labels=("signer", "signer-plain"),
        token_label="van-thu-so",
    )
    tok.pki = pki
    return tok


def _open_p12(path: Path, days: float) -> Path:
    """A self-signed signing certificate valid ``days`` more days, in a .p12 whose certificate
    is readable without the password (openssl's -certpbe NONE; the key stays encrypted)."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from testpki import self_signed_p12

    tmp = self_signed_p12(path.with_suffix(".tmp"), b"pw", common_name="Tự Ký Sắp Hết Hạn",
                          valid_days=days)
    key, cert, _ = pkcs12.load_key_and_certificates(tmp.read_bytes(), b"pw")
    from cryptography.hazmat.primitives.serialization import NoEncryption

    path.write_bytes(pkcs12.serialize_key_and_certificates(b"x", key, cert, None, NoEncryption()))
    tmp.unlink()
    return path


def test_certificate_list_holder_validity_trust_and_the_checklist(
    qtbot, make_window, tmp_path, token, monkeypatch, doc_pdf, errors
):
    """Issue 12, defect 4 / 'certificates as people know them': a list of the usable
    certificates (the .p12 chosen, each signing certificate on the token present, the demo
    certificate) with holder, organisation, validity and trust; a self-signed certificate that
    expires soon is warned in the checklist before any signing; picking a row selects it."""
    from digitizer.ui.certlist import CertificateDialog

    from .test_first_run import _ready

    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf_path))
    p12 = _open_p12(tmp_path / "tu-ky.p12", days=10)
    win = make_window(
        cert_source="pkcs12",
        pkcs12_path=str(p12),
        pkcs11_module=token.lib,
        trust_roots=(str(token.pki.root_cert),),
    )
    _ready(qtbot)
    clicks = Clicks(qtbot)
    with qtbot.waitSignal(win.ocrFinished, timeout=240000):
        win.import_files([doc_pdf])
    clicks.tab(win.tabs, win._sign_tab)
    # before any signing: the checklist already knows the certificate is self-signed, expiring
    qtbot.waitUntil(lambda: any("sắp hết hạn" in c.text() for c in win.sign.checks), timeout=30000)
    rows = [c.text() for c in win.sign.checks]
    assert any("Chứng thư tự ký (Tự Ký Sắp Hết Hạn)" in r for r in rows), rows
    assert any("còn 9 ngày" in r or "còn 10 ngày" in r for r in rows), rows

    clicks.click(win.sign.list_btn)
    qtbot.waitUntil(lambda: bool(win.findChildren(CertificateDialog)), timeout=10000)
    dlg = win.findChildren(CertificateDialog)[0]
    qtbot.waitUntil(lambda: bool(dlg.entries), timeout=30000)
    table = [
        [dlg.tree.topLevelItem(r).text(c) for c in range(5)] for r in range(dlg.tree.topLevelItemCount())
    ]
    by_holder = {row[0].lstrip("● "): row for row in table}
    assert set(by_holder) >= {"Tự Ký Sắp Hết Hạn", "Trần Thị Bích", "THỬ NGHIỆM"}, table
    own = by_holder["Tự Ký Sắp Hết Hạn"]
    assert table[0][0].startswith("● ")  # the one in use
    assert own[1] == "Sở Tư pháp (thử nghiệm)" and own[2].startswith("⚠ Đến ")
    assert own[3] == "Tệp tu-ky.p12" and own[4] == "⚠ Tự ký, không được tin cậy"
    on_token = [row for row in table if row[3] == "Token “van-thu-so”"]
    assert len(on_token) == 2, table  # the two signing certificates, not the CA
    assert all(row[4] == "✓ Được tin cậy" for row in on_token), on_token
    assert by_holder["THỬ NGHIỆM"][4] == "⚠ THỬ NGHIỆM, không bao giờ được tin cậy"

    # pick the token's certificate by clicking its row, then "Dùng chứng thư này"
    r = next(i for i, row in enumerate(table) if row[0] == "Trần Thị Bích")
    it = dlg.tree.topLevelItem(r)
    clicks.click(dlg.tree.viewport(), dlg.tree.visualItemRect(it).center())
    clicks.click(dlg.use_btn)
    s = win.settings
    assert (s.cert_source, s.pkcs11_token, s.pkcs11_key_label) == (
        "pkcs11", "van-thu-so", "signer-plain"
    )
    assert dlg.tree.topLevelItem(r).text(0) == "● Trần Thị Bích"
    qtbot.waitUntil(
        lambda: not any("sắp hết hạn" in c.text() for c in win.sign.checks), timeout=30000
    )
    assert not any("tự ký" in c.text().lower() for c in win.sign.checks)
    dlg.close()
    assert [e for e in errors if e[0] == "report"] == []
