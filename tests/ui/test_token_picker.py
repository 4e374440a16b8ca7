"""Settings → Chữ ký số: the clerk reads the USB token and picks the certificate by its holder and
validity instead of typing labels (SoftHSM2 token with two signing certificates and the
intermediate CA, which is not offered)."""

from __future__ import annotations

import pytest
from testpki import pki_module


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    mod = pki_module()
    pki = mod.build_pki(tmp_path_factory.mktemp("pki"))  # certificates only, no servers
    tok = mod.init_softhsm(
        pki,
        tmp_path_factory.mktemp("token"),
        labels=("signer", "signer-plain"),
        token_label="van-thu-so",
    )
    return tok


def _dialog(qtbot, module: str):
    from digitizer.ui.settings import Settings
    from digitizer.ui.settingsdialog import SettingsDialog

    dlg = SettingsDialog(Settings(cert_source="pkcs12", pkcs11_module=module))
    qtbot.addWidget(dlg)
    return dlg


def test_read_token_lists_signing_certificates_and_fills_the_settings(
    qtbot, env_dirs, errors, token, monkeypatch
):
    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf_path))
    dlg = _dialog(qtbot, token.lib)
    assert not dlg.p11_certs.isEnabled()
    with qtbot.waitSignal(dlg.tokenRead, timeout=30000) as blocker:
        dlg.p11_read.click()
    _res, err = blocker.args
    assert err is None, err
    assert errors == []
    texts = [dlg.p11_certs.itemText(i) for i in range(dlg.p11_certs.count())]
    assert len(texts) == 2, texts  # the intermediate CA on the token is not offered
    assert all("token “van-thu-so”" in t and "hiệu lực đến" in t for t in texts)
    assert any(t.startswith("Trần Thị Bích — ") for t in texts)
    assert dlg.p11_certs.isEnabled()
    i = next(i for i, t in enumerate(texts) if t.startswith("Trần Thị Bích"))
    dlg.p11_certs.setCurrentIndex(i)
    dlg.p11_certs.activated.emit(i)
    s = dlg.result_settings()
    assert (s.cert_source, s.pkcs11_token, s.pkcs11_key_label) == (
        "pkcs11",
        "van-thu-so",
        "signer-plain",
    )


def test_read_token_with_a_wrong_module_explains_in_vietnamese(qtbot, env_dirs, errors, tmp_path):
    dlg = _dialog(qtbot, str(tmp_path / "khong-co.so"))
    with qtbot.waitSignal(dlg.tokenRead, timeout=30000) as blocker:
        dlg.p11_read.click()
    res, err = blocker.args
    assert res is None and getattr(err, "code", "") == "token_not_found"
    assert dlg.p11_certs.itemText(0) == "Không đọc được token"
    assert errors and "token" in " ".join(str(e) for e in errors[0]).lower()
    assert dlg.p11_read.isEnabled()
