"""Developer tool: take the documentation screenshots (``docs/screenshots/*.png``).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m digitizer.ui.shots docs/screenshots

Runs the real flow on a corpus document (import -> OCR -> suggestions) in a throw-away data dir.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "corpus" / "dev-002" / "dev-002.pdf"


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    lang = os.environ.get("SHOT_LANG", "vi")
    tmp = Path(tempfile.mkdtemp(prefix="digitizer-shots-"))
    os.environ["DIGITIZER_CONFIG_DIR"] = str(tmp / "config")
    os.environ["DIGITIZER_DATA_DIR"] = str(tmp / "data")
    os.environ["DIGITIZER_OUTBOX"] = str(tmp / "outbox")
    (tmp / "archive").mkdir()
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from .app import create_window, install_translators, make_app
    from .settings import Settings, save_settings

    app = make_app([])
    settings = Settings(
        language=lang,
        archive_folder=str(tmp / "archive"),
        pkcs12_path="/etc/digitizer/to-chuc-ky-so.p12",
    )
    save_settings(settings)
    install_translators(app, lang)
    win = create_window(settings)
    win.resize(1440, 900)
    win.show()

    def wait(signal=None, ms=1500):
        loop = QEventLoop()
        if signal is not None:
            signal.connect(lambda *a: loop.quit())
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(widget, name):
        app.processEvents()
        widget.grab().save(str(out / f"{name}{'' if lang == 'vi' else '-' + lang}.png"))

    if lang == "vi":
        shot(win, "empty")
    pdf = tmp / "in" / "giay-chung-nhan-ho-kinh-doanh.pdf"
    pdf.parent.mkdir()
    shutil.copy2(SAMPLE, pdf)
    win.import_files([pdf])
    wait(win.ocrFinished, 240000)
    wait(None, 2500)
    win.tabs.setCurrentWidget(win.text)
    shot(win, "main-ocr")
    win.tabs.setCurrentWidget(win.meta)
    wait(None, 300)
    shot(win, "main-metadata")
    win.tabs.setCurrentWidget(win._sign_tab)
    wait(None, 2500)
    shot(win, "main-sign")
    if lang == "vi":
        _sign_and_verify(win, tmp, wait, shot)
        _first_run_demo(win, tmp, wait, shot)
    if lang == "vi":
        from .dialogs import PinDialog
        from .settingsdialog import SettingsDialog

        dlg = SettingsDialog(win.settings, win)
        dlg.show()
        for i in (0, 3):
            dlg.tabs.setCurrentIndex(i)
            wait(None, 300)
            shot(dlg, f"settings-{i}")
        dlg.close()
        pin = PinDialog(
            QCoreApplication.translate(
                "SignPanel", "Nhập mật khẩu tệp chứng thư để ký “%1”."
            ).replace("%1", "dev-002"),
            win,
            secret="password",  # a .p12 file has a password, a token a PIN
        )
        pin.show()
        wait(None, 300)
        shot(pin, "pin")
        pin.close()
    win.close()
    from .tasks import pools

    pools().wait(20000)
    QApplication.processEvents()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _first_run_demo(win, tmp: Path, wait, shot) -> None:
    """A second result signed as on the first day: the demo certificate, no timestamp server,
    archived on this computer."""
    import time
    from dataclasses import replace

    win.apply_settings(replace(win.settings, cert_source="demo", tsa_url=""))
    pdf = tmp / "in" / "ket-qua-2.pdf"
    shutil.copy2(SAMPLE, pdf)
    win.import_files([pdf])
    wait(win.ocrFinished, 240000)
    wait(None, 1500)
    item = win.current_item()
    ed = win.meta.editors["dossier_code"]
    ed.setText("H15.50.05.13-210120-0008")
    win.meta._edited("dossier_code")
    win.meta.confirm_all()
    win.tabs.setCurrentWidget(win._sign_tab)
    wait(None, 2500)
    shot(win, "first-run-sign")
    win.sign.start_sign()  # the demo certificate asks for no password
    wait(win.signFinished, 120000)
    deadline = time.monotonic() + 60
    while item.state.value != "uploaded" and time.monotonic() < deadline:
        wait(None, 300)
    wait(None, 2000)
    shot(win, "first-run-signed")


def _sign_and_verify(win, tmp: Path, wait, shot) -> None:
    """Finish the flow with a throw-away test PKI (tests/signing/pki.py): sign, archive, verify."""
    import importlib.util
    import time
    from dataclasses import replace

    pki_py = ROOT / "tests" / "signing" / "pki.py"
    spec = importlib.util.spec_from_file_location("shots_pki", pki_py)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["shots_pki"] = mod
    spec.loader.exec_module(mod)
    pki = mod.build_pki(tmp / "pki")
    mod.start_animator(pki)
    win.apply_settings(
        replace(
            win.settings,
            pkcs12_path=str(pki.p12_path("signer")),
            tsa_url=pki.tsa_url,
            trust_roots=(str(pki.root_cert),),
        )
    )
    item = win.current_item()
    ed = win.meta.editors["dossier_code"]
    ed.setText("H15.50.05.13-210120-0007")
    win.meta._edited("dossier_code")
    win.meta.confirm_all()
    win.sign.refresh()
    win.tabs.setCurrentWidget(win._sign_tab)
    win.sign.sign_with_pin(item, pki.password if hasattr(pki, "password") else mod.P12_PASSWORD)
    wait(win.signFinished, 120000)
    deadline = time.monotonic() + 60
    while item.state.value != "uploaded" and time.monotonic() < deadline:
        wait(None, 300)
    wait(None, 2000)
    shot(win, "main-uploaded")
    from .verifydialog import VerifyDialog

    dlg = VerifyDialog(win.settings, win)
    dlg.show()
    archived = next((tmp / "archive").rglob("*.pdf"))
    dlg.verify(archived)
    wait(dlg.verified, 120000)
    wait(None, 300)
    shot(dlg, "verify")
    dlg.close()
    pki.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
