"""End to end through the GUI: import a corpus document -> OCR -> metadata pre-filled and edited ->
sign with a test PKCS#12 (real TSA/OCSP from certomancer) -> queued to a folder archive ->
uploaded -> verify PASSED with the test root trusted. Plus wrong PIN and archive unreachable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from testpki import pki_module

from digitizer.model import DocState

signing = pytest.importorskip("signing")
if not hasattr(signing, "sign_pdf"):
    pytest.skip("signing.sign_pdf has not landed", allow_module_level=True)


def _configure(tmp_path, monkeypatch, pki, archive: Path):
    from digitizer.ui.settings import Settings, save_settings

    monkeypatch.setenv("DIGITIZER_OUTBOX", str(tmp_path / "outbox"))
    s = Settings(
        pkcs12_path=str(pki.p12_path("signer")),
        tsa_url=pki.tsa_url,
        archive_folder=str(archive),
        builtin_archive=False,  # these tests are about the one archive they set up
        trust_roots=(str(pki.root_cert),),
    )
    save_settings(s)
    return s


def _ocr_and_fill(qtbot, win, pdf):
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        item_id = win.import_files([pdf])
    assert blocker.args == [item_id, None]
    item = win.model.find(item_id)
    assert item.suggested, "the extractor pre-filled nothing"
    prefilled = dict(item.metadata)
    # the clerk types what the paper lacks and corrects a field, as a person would
    win.tabs.setCurrentWidget(win.meta)
    dossier = win.meta.editors["dossier_code"]
    dossier.clear()
    qtbot.keyClicks(dossier, "H15.50.05.13-210120-0007")
    assert "dossier_code" not in item.suggested
    date = win.meta.editors["issued_date"]
    date.selectAll()
    qtbot.keyClicks(date, "20/01/2021")
    # a wrong citizen ID is flagged while typing, then fixed
    cid = win.meta.editors["citizen_id"]
    cid.clear()
    qtbot.keyClicks(cid, "05618554344")
    assert win.meta.errors["citizen_id"].isVisibleTo(win.meta)
    assert "12 chữ số" in win.meta.errors["citizen_id"].text()
    qtbot.keyClick(cid, Qt.Key.Key_7)
    assert not win.meta.errors["citizen_id"].isVisibleTo(win.meta)
    assert not win.sign.can_sign()  # suggestions not yet confirmed
    qtbot.mouseClick(win.meta.confirm_btn, Qt.MouseButton.LeftButton)
    assert item.suggested == []
    win.sign.refresh()
    return item, prefilled


def _answer_pin(win, pin: str):
    def fill(dlg):
        def go():
            dlg.edit.setText(pin)
            dlg.ok.click()

        QTimer.singleShot(0, go)

    win.pinDialogShown.connect(fill)
    return fill


def test_clerk_flow_import_to_verified_archive_copy(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf
):
    archive = tmp_path / "archive"
    archive.mkdir()
    settings = _configure(tmp_path, monkeypatch, pki, archive)
    win = make_window(settings)
    item, prefilled = _ocr_and_fill(qtbot, win, doc_pdf)
    assert prefilled.get("organ_name") or prefilled.get("type_name")
    assert win.sign.can_sign(), [t for ok, t in win.sign.checklist() if not ok]

    _answer_pin(win, pki.password)
    with qtbot.waitSignal(win.signFinished, timeout=120000) as blocker:
        win.act_sign.trigger()
    assert blocker.args == [item.id, None]
    assert item.state in (DocState.SIGNED, DocState.QUEUED, DocState.UPLOADED)
    assert item.locked
    signed = Path(item.signed_pdf)
    assert signed.name == "H15.50.05.13-210120-0007.1.pdf"
    assert win.sign.expiry.isHidden()  # the test signer is valid for years: no renewal warning
    # locked: page edits and metadata edits are refused
    n = len(item.pages)
    win.act_delete.trigger()
    assert len(item.pages) == n and not win.act_delete.isEnabled()
    assert not win.meta.editors["dossier_code"].isEnabled()

    qtbot.waitUntil(lambda: item.state == DocState.UPLOADED, timeout=60000)
    stored = [p for p in archive.rglob("*.pdf")]
    assert len(stored) == 1 and stored[0].read_bytes() == signed.read_bytes()

    if not hasattr(signing, "verify_pdf"):
        pytest.skip("signing.verify_pdf has not landed: verify step not run")
    from digitizer.ui.verifydialog import VerifyDialog

    dlg = VerifyDialog(win.settings, win)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.verified, timeout=120000) as blocker:
        dlg.verify(stored[0])
    _report, err = blocker.args
    assert err is None
    assert dlg.verdict_key == "passed", dlg.panel.text()
    assert dlg.summary.text().startswith("✓ HỢP LỆ — 1 chữ ký")
    assert dlg.panel.count() >= 1 and "HỢP LỆ" in dlg.panel.top_text(0)
    assert dlg.panel.top_text(0).startswith("✓ 1. Chữ ký")
    out = tmp_path / "bao-cao.pdf"
    with qtbot.waitSignal(dlg.exported, timeout=60000) as blocker:
        dlg.export_to(out)
    assert blocker.args == [out, None]
    assert out.read_bytes().startswith(b"%PDF")


def test_verify_flags_a_tampered_copy_in_red(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf
):
    """The verify dialog on a signed file whose bytes were altered shows KHÔNG HỢP LỆ."""
    archive = tmp_path / "archive"
    archive.mkdir()
    settings = _configure(tmp_path, monkeypatch, pki, archive)
    win = make_window(settings)
    item, _ = _ocr_and_fill(qtbot, win, doc_pdf)
    _answer_pin(win, pki.password)
    with qtbot.waitSignal(win.signFinished, timeout=120000):
        win.act_sign.trigger()
    data = bytearray(Path(item.signed_pdf).read_bytes())
    i = data.find(b"stream", 200)  # alter a byte inside the first content stream
    data[i + 20] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    from digitizer.ui.verifydialog import VerifyDialog

    dlg = VerifyDialog(win.settings, win)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.verified, timeout=120000):
        dlg.verify(bad)
    assert dlg.verdict_key == "failed", dlg.panel.text()
    assert dlg.summary.text().startswith("✗ KHÔNG HỢP LỆ")


def test_wrong_pin_asks_again_and_leaves_document_unsigned(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf
):
    archive = tmp_path / "archive"
    archive.mkdir()
    settings = _configure(tmp_path, monkeypatch, pki, archive)
    win = make_window(settings)
    item, _ = _ocr_and_fill(qtbot, win, doc_pdf)
    shown = []

    def on_dialog(dlg):
        shown.append(dlg.error.text())
        QTimer.singleShot(
            0,
            (lambda: (dlg.edit.setText("wrong-password"), dlg.ok.click()))
            if len(shown) == 1
            else dlg.reject,
        )

    win.pinDialogShown.connect(on_dialog)
    with qtbot.waitSignal(win.signFinished, timeout=60000) as blocker:
        win.act_sign.trigger()
    assert blocker.args[1] is not None and blocker.args[1].code == "p12_wrong_password"
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10000)
    assert shown[0] == ""
    assert "Mật khẩu tệp chứng thư (.p12) không đúng." in shown[1]
    assert item.state == DocState.READY_TO_SIGN and not item.locked and item.signed_pdf is None
    assert list(archive.iterdir()) == []


def test_archive_unreachable_keeps_document_queued(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf
):
    archive = tmp_path / "archive-share"  # the network share is not mounted: folder missing
    settings = _configure(tmp_path, monkeypatch, pki, archive)
    win = make_window(settings)
    item, _ = _ocr_and_fill(qtbot, win, doc_pdf)
    _answer_pin(win, pki.password)
    with qtbot.waitSignal(win.signFinished, timeout=120000):
        win.act_sign.trigger()
    qtbot.waitUntil(lambda: item.state == DocState.QUEUED, timeout=30000)
    qtbot.waitUntil(lambda: win.queue.reachable.get("local") is False, timeout=30000)
    assert "KHÔNG kết nối được" in win.queue.status.text()
    qtbot.waitUntil(lambda: win.queue.table.rowCount() == 1, timeout=30000)
    assert win.queue.table.item(0, 2).text() == "Đang chờ"
    # the share comes back: the worker resumes by itself and the document is uploaded
    archive.mkdir()
    qtbot.waitUntil(lambda: item.state == DocState.UPLOADED, timeout=60000)
    assert len(list(archive.rglob("*.pdf"))) == 1


def test_archive_target_set_in_settings_starts_uploading(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf
):
    """Configure the archive folder from the settings dialog after a document is queued."""
    from dataclasses import replace

    settings = _configure(tmp_path, monkeypatch, pki, tmp_path / "old-share")
    win = make_window(settings)
    item, _ = _ocr_and_fill(qtbot, win, doc_pdf)
    _answer_pin(win, pki.password)
    with qtbot.waitSignal(win.signFinished, timeout=120000):
        win.act_sign.trigger()
    qtbot.waitUntil(lambda: item.state == DocState.QUEUED, timeout=30000)
    new_share = tmp_path / "new-share"
    new_share.mkdir()
    win.apply_settings(replace(win.settings, archive_folder=str(new_share)))
    qtbot.waitUntil(lambda: item.state == DocState.UPLOADED, timeout=60000)
    assert len(list(new_share.rglob("*.pdf"))) == 1


def test_sign_with_usb_token_wrong_pin_then_right(
    qtbot, make_window, tmp_path, monkeypatch, pki, doc_pdf
):
    """The usual office set-up: the agency's key on a PKCS#11 token (SoftHSM2 here). A wrong PIN
    is explained and asked again; the right one signs with the token's certificate."""
    from dataclasses import replace

    from cryptography import x509
    from cryptography.x509.oid import NameOID

    pki_mod = pki_module()
    tok = pki_mod.init_softhsm(
        pki, tmp_path / "token", labels=("signer",), token_label="so-tu-phap"
    )
    monkeypatch.setenv("SOFTHSM2_CONF", str(tok.conf_path))
    archive = tmp_path / "archive"
    archive.mkdir()
    settings = replace(
        _configure(tmp_path, monkeypatch, pki, archive),
        cert_source="pkcs11",
        pkcs11_module=tok.lib,
        pkcs11_token="so-tu-phap",
        pkcs11_key_label="signer",
        pkcs12_path="",
    )
    win = make_window(settings)
    assert win.sign.cert_label.text() == "Token USB: so-tu-phap"
    item, _ = _ocr_and_fill(qtbot, win, doc_pdf)
    errors_shown = []

    def on_dialog(dlg):
        errors_shown.append(dlg.error.text())
        pin = "000000" if len(errors_shown) == 1 else tok.pin
        QTimer.singleShot(0, lambda: (dlg.edit.setText(pin), dlg.ok.click()))

    win.pinDialogShown.connect(on_dialog)
    # SoftHSM2 sets CKF_USER_PIN_COUNT_LOW after a wrong PIN: before the next attempt the clerk
    # is warned that the token could lock, and confirms by clicking the warning's button
    risk_boxes = []

    def on_risk(box):
        risk_boxes.append(box.text())
        go = next(b for b in box.buttons() if b.text() == "Vẫn thử mã PIN này")
        QTimer.singleShot(0, lambda: qtbot.mouseClick(go, Qt.MouseButton.LeftButton))

    win.pinRiskAsked.connect(on_risk)
    results = []
    win.signFinished.connect(lambda i, e: results.append(e))
    win.act_sign.trigger()
    qtbot.waitUntil(lambda: len(results) == 3, timeout=120000)
    assert results[0] is not None and results[0].code == "pin_incorrect"
    assert results[1] is not None and results[1].code == "pin_count_low"
    assert results[2] is None
    assert len(risk_boxes) == 1 and "sai mã PIN" in risk_boxes[0]
    assert errors_shown[0] == "" and errors_shown[1].startswith("Mã PIN không đúng.")
    assert item.locked and item.signed_pdf

    qtbot.waitUntil(lambda: item.state == DocState.UPLOADED, timeout=60000)
    stored = list(archive.rglob("*.pdf"))
    assert len(stored) == 1
    root = x509.load_pem_x509_certificate(Path(pki.root_cert).read_bytes())
    report = signing.verify_pdf(stored[0], trust_roots=[root])
    want = x509.load_pem_x509_certificate(pki.cert_path("signer").read_bytes())
    cn = want.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert report.indication.value == "PASSED", report
    assert report.signatures[0].signer.common_name == cn


def test_certificate_expiring_soon_is_shown_in_the_sign_panel(make_window):
    from datetime import UTC, datetime, timedelta

    win = make_window(ocr_auto=False)
    win.sign.show_expiry(datetime.now(UTC) + timedelta(days=12, hours=1))
    assert win.sign.expiry.isVisibleTo(win.sign)
    text = win.sign.expiry.text()
    assert "còn 12 ngày" in text and "gia hạn" in text
    win.sign.show_expiry(datetime.now(UTC) + timedelta(days=400))
    assert win.sign.expiry.isHidden()
