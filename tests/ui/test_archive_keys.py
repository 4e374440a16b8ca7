"""Settings → Lưu trữ: the clerk types the S3 keys once; they go to the OS keyring (a real
keyrings.alt file backend here), never to the settings file, and the upload side finds them."""

from __future__ import annotations

import pytest


@pytest.fixture
def file_keyring(tmp_path):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    before = keyring.get_keyring()
    kr = PlaintextKeyring()
    kr.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(before)


def test_s3_keys_go_to_the_keyring_not_the_settings(
    qtbot, env_dirs, errors, file_keyring, monkeypatch
):
    import base64
    from pathlib import Path

    from digitizer.archive import credentials
    from digitizer.archive.config import load_settings as load_archive
    from digitizer.ui.settings import Settings, save_settings, settings_path
    from digitizer.ui.settingsdialog import SettingsDialog

    monkeypatch.delenv("ARCHIVE_S3_ACCESS_KEY", raising=False)
    monkeypatch.delenv("ARCHIVE_S3_SECRET_KEY", raising=False)
    dlg = SettingsDialog(Settings(s3_endpoint="http://127.0.0.1:9", s3_bucket="ho-so"))
    qtbot.addWidget(dlg)
    dlg.s3_access_value.setText("AKIA-PHUONG-1")
    dlg.s3_secret_value.setText("bí-mật-ÿ-123")
    with qtbot.waitSignal(dlg.keysStored, timeout=20000) as blocker:
        dlg.s3_store.click()
    assert blocker.args == [None]
    assert errors == []
    assert dlg.s3_secret_value.text() == "" and dlg.s3_access_value.text() == ""
    assert dlg.s3_key_state.text().startswith("✔")

    save_settings(dlg.result_settings())
    text = settings_path().read_text(encoding="utf-8")
    assert "bí-mật" not in text and "AKIA-PHUONG-1" not in text
    target = load_archive(settings_path()).targets["s3"]
    assert credentials.resolve(target) == {
        "access_key": "AKIA-PHUONG-1",
        "secret_key": "bí-mật-ÿ-123",
    }
    stored = Path(file_keyring.file_path).read_text(encoding="utf-8")  # the backend's own file
    assert "[digitizer_2Darchive_3As3]" in stored
    assert base64.b64encode("bí-mật-ÿ-123".encode()).decode() in stored

    # reopening the dialog says the keys are there, without showing them
    again = SettingsDialog(dlg.result_settings())
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.s3_key_state.text().startswith("✔"), timeout=10000)
    assert again.s3_secret_value.text() == ""


def test_empty_secret_is_refused_with_a_message(qtbot, env_dirs, errors, file_keyring):
    from digitizer.ui.settings import Settings
    from digitizer.ui.settingsdialog import SettingsDialog

    dlg = SettingsDialog(Settings(s3_endpoint="http://127.0.0.1:9", s3_bucket="ho-so"))
    qtbot.addWidget(dlg)
    dlg.s3_access_value.setText("AKIA-ONLY")
    with qtbot.waitSignal(dlg.keysStored, timeout=20000) as blocker:
        dlg.s3_store.click()
    (err,) = blocker.args
    assert getattr(err, "code", "") == "archive_config" and "secret_key" in str(err)
    assert errors and dlg.s3_key_state.text().startswith("✘")
