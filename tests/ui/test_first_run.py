"""The first run, from a fresh home folder with nothing set up (issue 12, defects 2 and 4): the
document is archived on this computer, a demo certificate is offered and marked as such
everywhere, nothing signed is left behind in the hidden work folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from digitizer.model import DocState

from .clicks import (
    Clicks,
    answer_message_box,
    answer_open_dialog,
    answer_save_dialog,
    fill_record,
)

signing = pytest.importorskip("signing")


def _ready(qtbot):
    from digitizer.ui import features

    qtbot.waitUntil(features.ready, timeout=60000)


def _signed(qtbot, win, pdf, clicks=None):
    """OCR ``pdf``, fill and confirm the record, click the sign button (demo certificate or a
    .p12 whose password answer the caller has set up); returns (item, clicks)."""
    _ready(qtbot)
    clicks = clicks or Clicks(qtbot)
    with qtbot.waitSignal(win.ocrFinished, timeout=240000):
        win.import_files([pdf])
    item = win.current_item()
    fill_record(clicks, win)
    clicks.tab(win.tabs, win._sign_tab)
    return item, clicks


def _click_sign(qtbot, win, clicks):
    with qtbot.waitSignal(win.signFinished, timeout=120000) as blocker:
        clicks.click(win.sign.sign_btn)
    return blocker.args[1]


def test_first_run_signs_with_the_demo_certificate_into_this_computers_archive_in_8_clicks(
    qtbot, make_window, doc_pdf, monkeypatch, errors
):
    from digitizer.ui.settings import builtin_archive_dir, settings_path
    from signing.demo import DEMO_CN

    monkeypatch.setenv("HOME", str(doc_pdf.parent))  # the clerk's file is in their home folder
    win = make_window()  # factory settings: no certificate, no archive configured by anyone
    _ready(qtbot)
    # the archive on this computer is there from the start, with its path and an open button
    assert win.queue.builtin_label.isVisible()
    assert str(builtin_archive_dir()) in win.queue.builtin_label.text()
    assert win.queue.builtin_btn.isVisible()
    raw = tomllib.loads(settings_path().read_text(encoding="utf-8"))
    assert raw["archive"]["targets"]["builtin"]["path"] == str(builtin_archive_dir())

    clicks = Clicks(qtbot)
    answer_open_dialog(clicks, doc_pdf, navigate=False)
    with qtbot.waitSignal(win.ocrFinished, timeout=240000) as blocker:
        clicks.toolbar(win, win.act_import)  # 1 + 2 in the file dialog
    assert blocker.args[1] is None
    item = win.current_item()
    # the record: what the paper does not say is typed; the suggestions are looked at, confirmed
    clicks.tab(win.tabs, win.meta)
    clicks.type_into(win.meta.editors["dossier_code"], "H15.50.05.13-210120-0007")
    if win.meta.errors["issued_date"].isVisible() or not item.metadata.get("issued_date"):
        clicks.type_into(win.meta.editors["issued_date"], "20/01/2021")
    clicks.click(win.meta.confirm_btn, what="Xác nhận")
    # Ký số on the toolbar: no certificate yet, so it asks; the demo one needs no password
    answer_message_box(clicks, "Dùng chứng thư thử nghiệm")
    with qtbot.waitSignal(win.signFinished, timeout=120000) as blocker:
        clicks.toolbar(win, win.act_sign)
    assert blocker.args == [item.id, None]
    qtbot.waitUntil(lambda: item.state == DocState.UPLOADED, timeout=60000)
    stored = list(builtin_archive_dir().rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == Path(item.signed_pdf).read_bytes()
    print(f"first run: {clicks.n} clicks: {clicks.log}")
    assert clicks.n <= 8, clicks.log
    assert [e for e in errors if e[0] == "report"] == []

    # demo is said everywhere: checklist before, certificate box and status after, verification
    assert "THỬ NGHIỆM" in win.sign.cert_label.text()
    assert win.sign.cert_warning.isVisible() and "THỬ NGHIỆM" in win.sign.cert_warning.text()
    assert "B-B" in win.sign.status.text() and "máy chủ dấu thời gian" in win.sign.status.text()
    report = signing.verify_pdf(stored[0])
    assert report.signatures[0].signer.common_name == DEMO_CN
    assert report.indication.value != "PASSED"  # never trusted
    from digitizer.ui.verifydialog import VerifyDialog

    dlg = VerifyDialog(win.settings, win)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.verified, timeout=120000):
        dlg.verify(stored[0])
    assert "THỬ NGHIỆM" in dlg.summary.text() and "THỬ NGHIỆM" in dlg.panel.top_text(0)
    assert dlg.panel.top_text(0)[0] in "⚠✗"  # never ✓ for the demo certificate


def test_the_checklist_says_demo_and_level_before_signing(qtbot, make_window, doc_pdf):
    win = make_window(cert_source="demo")
    _ready(qtbot)
    with qtbot.waitSignal(win.ocrFinished, timeout=240000):
        win.import_files([doc_pdf])
    rows = {text: ok for ok, text in win.sign.checklist()}
    demo = [t for t in rows if "THỬ NGHIỆM" in t]
    assert demo and rows[demo[0]] is None  # ⚠, not ✘: it may be used to try the flow
    level = [t for t in rows if t.startswith("Mức chữ ký")]
    assert level and "B-B" in level[0] and "không có dấu thời gian" in level[0]
    assert "chưa có máy chủ dấu thời gian" in level[0]
    qtbot.waitUntil(lambda: win.sign._demo_info is not None, timeout=30000)
    assert "hiệu lực đến" in win.sign.cert_label.text()


def test_signed_before_any_archive_is_queued_when_one_appears(qtbot, make_window, doc_pdf, errors):
    """A document signed while no archive exists used to stay in the hidden work folder for
    ever, even after a restart."""
    from dataclasses import replace

    from digitizer.ui.settings import builtin_archive_dir

    win = make_window(cert_source="demo", builtin_archive=False)
    item, clicks = _signed(qtbot, win, doc_pdf)
    assert _click_sign(qtbot, win, clicks) is None
    assert item.state == DocState.SIGNED and not item.outbox_id
    assert not win.act_send_archive.isEnabled()  # no archive: says why in its tooltip
    assert "Chưa cấu hình kho lưu trữ" in win.act_send_archive.toolTip()
    # the clerk turns on the archive on this computer: the signed document goes there
    win.apply_settings(replace(win.settings, builtin_archive=True))
    qtbot.waitUntil(lambda: item.state == DocState.UPLOADED, timeout=60000)
    assert len(list(builtin_archive_dir().rglob("*.pdf"))) == 1
    assert not win.act_send_archive.isEnabled()  # queued once, nothing left to send
    assert [e for e in errors if e[0] in ("report", "error")] == []


def test_save_a_copy_show_the_folder_and_no_silent_loss_on_remove(
    qtbot, make_window, doc_pdf, tmp_path, errors
):
    win = make_window(cert_source="demo", builtin_archive=False)
    item, clicks = _signed(qtbot, win, doc_pdf)
    assert _click_sign(qtbot, win, clicks) is None
    signed = Path(item.signed_pdf)

    # Lưu bản sao… from the button under the sign button
    save_btn = next(b for b in win.sign._copy_buttons if b.defaultAction() is win.act_save_copy)
    dest = tmp_path / "ban-sao" / "ket-qua.pdf"
    dest.parent.mkdir()
    answer_save_dialog(clicks, dest)
    with qtbot.waitSignal(win.copySaved, timeout=20000):
        clicks.click(save_btn)
    assert dest.read_bytes() == signed.read_bytes()

    # Mở thư mục asks the desktop to show the folder of the signed file
    opened = []

    class Desktop(QObject):  # stands in for the file manager: Qt's own URL-handler hook
        @Slot(QUrl)
        def show(self, url):
            opened.append(url.toLocalFile())

    desktop = Desktop()
    QDesktopServices.setUrlHandler("file", desktop, "show")
    try:
        clicks.menu(win, win.act_open_folder)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert opened == [str(signed.parent)]

    # removing the only signed copy warns; "Giữ lại" keeps it, "Vẫn bỏ" removes it
    seen: list[str] = []
    answer_message_box(clicks, "Giữ lại", seen)
    clicks.menu(win, win.act_remove)
    assert seen and "bản đã ký duy nhất" in seen[0]
    assert win.model.find(item.id) is item and signed.exists()
    answer_message_box(clicks, "Vẫn bỏ")
    clicks.menu(win, win.act_remove)
    assert win.model.find(item.id) is None
    assert [e for e in errors if e[0] == "report"] == []


def test_password_dialog_says_password_for_a_p12_and_pin_for_a_token(qtbot):
    from digitizer.ui.dialogs import PinDialog

    p12 = PinDialog("…", secret="password")
    qtbot.addWidget(p12)
    texts = [p12.windowTitle()] + [lab.text() for lab in p12.findChildren(type(p12.error))]
    assert p12.windowTitle() == "Nhập mật khẩu" and not any("PIN" in t for t in texts), texts
    tok = PinDialog("…", secret="pin")
    qtbot.addWidget(tok)
    assert tok.windowTitle() == "Nhập mã PIN"


def test_the_pkcs11_library_is_not_softhsm_by_default(qtbot, env_dirs):
    from digitizer.ui.settings import Settings
    from digitizer.ui.settingsdialog import SettingsDialog

    assert Settings().pkcs11_module == ""
    dlg = SettingsDialog(Settings())
    qtbot.addWidget(dlg)
    assert dlg.p11.text() == "" and "softhsm" not in dlg.p11.text().lower()


def test_verify_opens_the_signed_document_and_reports_go_outside_the_archive(
    qtbot, make_window, doc_pdf, errors
):
    """Kiểm tra chữ ký on a signed document verifies that document (it used to open a file
    dialog); the report is proposed outside the work and archive folders."""
    from PySide6.QtWidgets import QFileDialog

    from digitizer.ui.settings import data_dir
    from digitizer.ui.verifydialog import VerifyDialog

    from .clicks import when_modal

    win = make_window(cert_source="demo")
    item, clicks = _signed(qtbot, win, doc_pdf)
    assert _click_sign(qtbot, win, clicks) is None
    asked = []
    when_modal(lambda d: (asked.append(d.windowTitle()), d.reject()), QFileDialog)
    clicks.menu(win, win.act_verify)
    qtbot.waitUntil(
        lambda: any(d.verdict_key for d in win.findChildren(VerifyDialog)), timeout=60000
    )
    assert asked == [], "a file dialog was opened instead of verifying the open document"
    dlg = next(d for d in win.findChildren(VerifyDialog) if d.verdict_key)
    assert item.signed_pdf in dlg.file_label.text()
    proposed = dlg.report_path()
    assert data_dir() not in proposed.parents, proposed
    assert proposed.suffix == ".pdf" and Path(item.signed_pdf).stem in proposed.name
    with qtbot.waitSignal(dlg.exported, timeout=60000):
        dlg.export_to(proposed)
    assert proposed.read_bytes().startswith(b"%PDF")
    assert str(proposed) in dlg.export_note.text()  # said where it went
    dlg.close()


def test_a_p12_certificate_is_shown_by_its_holder_and_a_self_signed_one_is_warned(
    qtbot, make_window, doc_pdf, tmp_path
):
    """Issue 12, defect 4: the chosen certificate was a file path only, and a self-signed one
    signed without a word."""
    import shutil

    from testpki import self_signed_p12

    from .clicks import answer_password

    p12 = self_signed_p12(tmp_path / "tu-ky.p12", b"mat-khau", common_name="Nguyễn Văn Ký")
    win = make_window(pkcs12_path=str(p12), builtin_archive=False)
    _item, clicks = _signed(qtbot, win, doc_pdf)
    answer_password(clicks, "mat-khau")
    assert _click_sign(qtbot, win, clicks) is None
    label = win.sign.cert_label.text()
    assert "Nguyễn Văn Ký" in label and "Sở Tư pháp (thử nghiệm)" in label, label
    assert "hiệu lực đến" in label
    assert win.sign.cert_warning.isVisible() and "tự ký" in win.sign.cert_warning.text()
    # the next document: the checklist says so before signing
    pdf2 = doc_pdf.with_name("ket-qua-2.pdf")
    shutil.copy2(doc_pdf, pdf2)
    with qtbot.waitSignal(win.ocrFinished, timeout=240000):
        win.import_files([pdf2])
    rows = [(ok, text) for ok, text in win.sign.checklist() if "tự ký" in text]
    assert rows and rows[0][0] is None, win.sign.checklist()
