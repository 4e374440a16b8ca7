"""Token safety: no PIN attempt that could lock the token without a confirmation; a locked token
is refused before any attempt, with its own error, exit code and Vietnamese message.

SoftHSM2 never sets the PKCS#11 PIN flags, so the decision is tested with the flag values, and
end to end through ``pin_retry_shim.c``: a PKCS#11 module in front of the real SoftHSM2 token
that counts wrong PINs and reports the flags as PKCS#11 v2.40 defines them (as hardware tokens
do), driven by real ``digitizer sign`` processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pki as pki_mod
import pkcs11
import pytest

import signing
from signing import errors
from signing.sources import (
    CKF_USER_PIN_COUNT_LOW,
    CKF_USER_PIN_FINAL_TRY,
    CKF_USER_PIN_LOCKED,
    check_pin_risk,
    pin_attempt_risk,
    token_pin_risk,
)

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def test_flag_values_are_the_pkcs11_ones():
    # our constants against python-pkcs11's table of CK_TOKEN_INFO flags (PKCS#11 v2.40 3.2)
    assert CKF_USER_PIN_COUNT_LOW == pkcs11.TokenFlag.USER_PIN_COUNT_LOW == 0x10000
    assert CKF_USER_PIN_FINAL_TRY == pkcs11.TokenFlag.USER_PIN_FINAL_TRY == 0x20000
    assert CKF_USER_PIN_LOCKED == pkcs11.TokenFlag.USER_PIN_LOCKED == 0x40000


ORDINARY = int(
    pkcs11.TokenFlag.TOKEN_INITIALIZED
    | pkcs11.TokenFlag.LOGIN_REQUIRED
    | pkcs11.TokenFlag.USER_PIN_INITIALIZED
    | pkcs11.TokenFlag.RNG
    | pkcs11.TokenFlag.SO_PIN_COUNT_LOW  # the SO PIN's counter is not the user's
)


@pytest.mark.parametrize(
    "flags, level, confirm",
    [
        (ORDINARY, "none", False),
        (ORDINARY | CKF_USER_PIN_COUNT_LOW, "count_low", True),
        (ORDINARY | CKF_USER_PIN_FINAL_TRY, "final_try", True),
        (ORDINARY | CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY, "final_try", True),
        (ORDINARY | CKF_USER_PIN_LOCKED, "locked", False),
        (ORDINARY | CKF_USER_PIN_LOCKED | CKF_USER_PIN_FINAL_TRY, "locked", False),
        (pkcs11.TokenFlag.TOKEN_INITIALIZED | pkcs11.TokenFlag.USER_PIN_FINAL_TRY, "final_try", True),
    ],
)
def test_decision_from_the_flags(flags, level, confirm):
    risk = pin_attempt_risk(flags, "tok")
    assert risk.level == level
    assert risk.needs_confirmation is confirm
    if level == "none":
        check_pin_risk(risk)  # no question asked
        return
    if level == "locked":
        for confirmed in (False, True):  # a confirmation does not unlock a token
            with pytest.raises(errors.PinLockedError) as ei:
                check_pin_risk(risk, confirmed=confirmed)
            assert ei.value.exit_code == 24 and ei.value.code == "pin_locked"
        return
    with pytest.raises(errors.PinAttemptRiskError) as ei:
        check_pin_risk(risk)
    assert ei.value.exit_code == 24 and ei.value.code == f"pin_{level}"
    assert "--pin-confirm-risk" in str(ei.value)
    check_pin_risk(risk, confirmed=True)  # confirmed: the attempt may go ahead


def test_vietnamese_messages_for_the_codes():
    from digitizer.ui.messages import MESSAGES, describe

    for code, words in (
        ("pin_final_try", "một lần"),
        ("pin_count_low", "nhập sai"),
        ("pin_locked", "khóa"),
    ):
        assert code in MESSAGES
        exc = (
            errors.PinLockedError("x")
            if code == "pin_locked"
            else errors.PinAttemptRiskError("x", code=code)
        )
        got_code, what, todo = describe(exc)
        assert got_code == code and words in what, (code, what)
        assert todo


def test_softhsm2_reports_count_low_and_the_decision_follows(token):
    """SoftHSM2 itself sets CKF_USER_PIN_COUNT_LOW after a wrong PIN (and clears it on a good
    login); it never sets FINAL_TRY or LOCKED and never locks (hence the shim below). The
    shared session token is left as found: a confirmed good login clears the flag."""
    args = dict(token_label=token.label, cert_label="signer")
    assert token_pin_risk(token.lib, token_label=token.label).level == "none"
    with pytest.raises(errors.PinIncorrectError):
        signing.open_pkcs11(token.lib, pin="000000", **args)
    risk = token_pin_risk(token.lib, token_label=token.label)
    assert risk.level == "count_low" and risk.needs_confirmation
    with pytest.raises(errors.PinAttemptRiskError) as ei:
        signing.open_pkcs11(token.lib, pin=token.pin, **args)
    assert ei.value.code == "pin_count_low" and ei.value.exit_code == 24
    with signing.open_pkcs11(token.lib, pin=token.pin, confirm_pin_risk=True, **args) as h:
        assert h.info.common_name
    assert token_pin_risk(token.lib, token_label=token.label).level == "none"


@pytest.fixture(scope="module")
def own_token(pki, tmp_path_factory):
    """A token of this module's own (the shim's counter must not meet the shared one); its
    ``chain`` completes the path to the test root."""
    tok = pki_mod.init_softhsm(
        pki, tmp_path_factory.mktemp("safety-token"), labels=("signer",), token_label="an-toan"
    )
    tok.chain = str(pki.root_cert)
    return tok


@pytest.fixture(scope="module")
def shim_lib(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shim") / "libpinretryshim.so"
    subprocess.run(
        [
            "gcc",
            "-shared",
            "-fPIC",
            "-Wall",
            "-Werror",
            "-I/usr/include/p11-kit-1",
            str(HERE / "pin_retry_shim.c"),
            "-o",
            str(out),
            "-ldl",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


def _sign(shim_lib, token, sample_pdf, out, state, pin, *extra, env_extra=None):
    env = {
        **os.environ,
        **token.env(),
        "PINSHIM_MODULE": token.lib,
        "PINSHIM_STATE": str(state),
        "PINSHIM_MAX_TRIES": "3",
        "THE_PIN": pin,
        **(env_extra or {}),
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "digitizer",
            "sign",
            str(sample_pdf),
            "-o",
            str(out),
            "--pkcs11-lib",
            str(shim_lib),
            "--token-label",
            token.label,
            "--cert-label",
            "signer",
            "--pin-env",
            "THE_PIN",
            "--level",
            "B-B",
            "--copy-agency",
            "Trung tâm Phục vụ hành chính công tỉnh Thử nghiệm",
            "--chain",
            token.chain,
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _failures(state: Path) -> int:
    return int(state.read_text().strip()) if state.exists() else 0


def test_token_driven_to_its_last_try_warns_then_locks(shim_lib, own_token, sample_pdf, tmp_path):
    state = tmp_path / "failures"
    out = tmp_path / "o.pdf"
    good, bad = pki_mod.TOKEN_PIN, "999999"

    # 1st wrong PIN: refused by the token (exit 23), the counter says so
    r = _sign(shim_lib, own_token, sample_pdf, out, state, bad)
    assert r.returncode == 23, r.stderr
    assert _failures(state) == 1 and not out.exists()

    # the token now reports COUNT_LOW: the next attempt is not made without a confirmation
    r = _sign(shim_lib, own_token, sample_pdf, out, state, good)
    assert r.returncode == 24, r.stderr
    assert "wrong PIN since its last successful login" in r.stderr
    assert "--pin-confirm-risk" in r.stderr
    assert _failures(state) == 1 and not out.exists()  # no attempt reached the token

    # confirmed, but wrong again: one try left, and the message says so
    r = _sign(shim_lib, own_token, sample_pdf, out, state, bad, "--pin-confirm-risk")
    assert r.returncode == 23, r.stderr
    assert "one try left" in r.stderr
    assert _failures(state) == 2

    # the last try: FINAL_TRY stops even the right PIN until confirmed
    r = _sign(shim_lib, own_token, sample_pdf, out, state, good)
    assert r.returncode == 24 and "one PIN try left" in r.stderr, r.stderr
    assert _failures(state) == 2 and not out.exists()

    # confirmed with the right PIN: signed, and the token's counter is reset
    r = _sign(shim_lib, own_token, sample_pdf, out, state, good, "--pin-confirm-risk")
    assert r.returncode == 0, r.stderr
    assert out.exists() and _failures(state) == 0

    # driven to the lock: three wrong confirmed attempts, then a locked token is refused before
    # any attempt, confirmation or not
    for _ in range(3):
        r = _sign(shim_lib, own_token, sample_pdf, tmp_path / "x.pdf", state, bad, "--pin-confirm-risk")
        assert r.returncode == 23, r.stderr
    assert _failures(state) == 3
    assert "the token is now locked" in r.stderr
    for extra in ((), ("--pin-confirm-risk",)):
        r = _sign(shim_lib, own_token, sample_pdf, tmp_path / "y.pdf", state, good, *extra)
        assert r.returncode == 24 and "is locked" in r.stderr, r.stderr
        assert not (tmp_path / "y.pdf").exists()


def test_token_locked_on_login_is_pin_locked(shim_lib, own_token, sample_pdf, tmp_path):
    """CKR_PIN_LOCKED from C_Login itself, on a token that does not report the flags first."""
    state = tmp_path / "failures"
    state.write_text("3\n")
    r = _sign(
        shim_lib,
        own_token,
        sample_pdf,
        tmp_path / "o.pdf",
        state,
        pki_mod.TOKEN_PIN,
        "--pin-confirm-risk",  # SoftHSM2's own COUNT_LOW may be set by the test above
        env_extra={"PINSHIM_NO_FLAGS": "1"},
    )
    assert r.returncode == 24, r.stderr
    assert "is locked" in r.stderr and "SO PIN / PUK" in r.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_cli_on_plain_softhsm2_asks_for_confirmation_after_a_wrong_pin(pki, sample_pdf, tmp_path):
    """End to end on SoftHSM2 alone (its own COUNT_LOW flag): the CLI refuses the next attempt
    after a wrong PIN until --pin-confirm-risk, and says so in English; exit 24."""
    tok = pki_mod.init_softhsm(pki, tmp_path / "tok", labels=("signer",), token_label="xa-a")

    def sign(pin, out, *extra):
        env = {**os.environ, **tok.env(), "THE_PIN": pin}
        return subprocess.run(
            [sys.executable, "-m", "digitizer", "sign", str(sample_pdf), "-o", str(out),
             "--pkcs11-lib", tok.lib, "--token-label", tok.label, "--cert-label", "signer",
             "--pin-env", "THE_PIN", "--level", "B-B", "--chain", str(pki.root_cert), *extra],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
            stdin=subprocess.DEVNULL,
        )

    assert sign("999999", tmp_path / "a.pdf").returncode == 23
    r = sign(tok.pin, tmp_path / "b.pdf")
    assert r.returncode == 24 and "--pin-confirm-risk" in r.stderr, r.stderr
    assert not (tmp_path / "b.pdf").exists()
    r = sign(tok.pin, tmp_path / "c.pdf", "--pin-confirm-risk")
    assert r.returncode == 0, r.stderr
    r = sign(tok.pin, tmp_path / "d.pdf")  # the good login cleared the flag
    assert r.returncode == 0, r.stderr
