"""Remote signing (CSC API) against a real CSC server: certomancer-csc-dummy serving the test PKI's
keys on 127.0.0.1 (tests/signing/csc_server.py), with the test PKI's TSA/OCSP/CRL animated as for
every other signing test. Requests are counted in the server's own access log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from csc_server import CscServer, free_port
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from pdfsig import pdfsig

import signing
from signing.csc import classify_http_error, list_credentials, open_csc
from signing.errors import (
    RemoteAccessRefused,
    RemoteAuthorizationExpired,
    RemoteCredentialNotFound,
    RemoteOtpIncorrect,
    RemoteServiceUnavailable,
)

ROOT = Path(__file__).resolve().parents[2]
CRED = "testing/signer"


def _server(pki, tmp_path, **kw) -> CscServer:
    return CscServer(
        config=pki.root_dir / "pki.yml", key_dir=pki.root_dir, log=tmp_path / "csc-access.log", **kw
    )


@pytest.fixture(scope="module")
def csc(pki, tmp_path_factory):
    srv = _server(pki, tmp_path_factory.mktemp("csc")).start()
    yield srv
    srv.stop()


@pytest.fixture
def fresh_csc(pki, tmp_path):
    """A server of the test's own (stopped, restarted or reconfigured by the test)."""
    srv = _server(pki, tmp_path)
    yield srv
    srv.stop()


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "digitizer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def _root(pki) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pki.root_cert.read_bytes())


# ------------------------------------------------------------------------------ signing


def test_cli_signs_through_csc_and_both_verifiers_say_passed(csc, pki, sample_pdf, nssdb, tmp_path):
    out = tmp_path / "remote.pdf"
    secret = "bearer-token-0123456789"
    r = run(
        "sign", str(sample_pdf), "-o", str(out),
        "--csc-url", csc.url, "--csc-credential", "testing/signer-plain",
        "--csc-auth-env", "CSC_TOKEN",
        "--level", "B-T", "--tsa", pki.tsa_url, "--trust", str(pki.trust_dir),
        env={"CSC_TOKEN": secret},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "signed B-T by" in r.stdout
    assert secret not in r.stdout + r.stderr
    v = run("verify", str(out), "--trust", str(pki.trust_dir), "--lang", "en")
    assert v.returncode == 0, v.stdout + v.stderr
    assert "PASSED" in v.stdout
    res = pdfsig(out, nssdb)
    assert len(res) == 1, res
    assert res[0].valid is True and res[0].trusted is True and res[0].total_document, res[0].text
    # the certificate in the PDF is the one the service holds for the credential
    rep = signing.verify_pdf(out, trust_roots=[_root(pki)])
    want = x509.load_pem_x509_certificate(pki.cert_path("signer-plain").read_bytes())
    got = rep.signatures[0].signer.fingerprint_sha256.replace(":", "").lower()
    assert got == want.fingerprint(hashes.SHA256()).hex()
    assert csc.requests("credentials/info") >= 1 and csc.requests("signatures/signHash") >= 1


def test_b_lt_through_csc_passes_our_verifier(csc, pki, sample_pdf, tmp_path):
    with open_csc(csc.url, CRED) as h:
        assert h.info.common_name and h.source == f"csc:{csc.url}#{CRED}"
        res = signing.sign_pdf(
            sample_pdf, tmp_path / "lt.pdf", h, level="B-LT", tsa_url=pki.tsa_url
        )
    assert res.level == "B-LT" and not res.needs_augmentation
    rep = signing.verify_pdf(tmp_path / "lt.pdf", trust_roots=[_root(pki)])
    assert rep.signatures[0].indication.name == "PASSED", rep.signatures[0]


def test_one_authorisation_for_planned_documents_and_the_multisign_cap(
    fresh_csc, pki, sample_pdf, tmp_path
):
    """plan_signatures(n): one credentials/authorize for n documents (numSignatures=n); a service
    whose multisign is lower gets ceil(n / multisign) authorisations, each within its cap."""
    srv = fresh_csc.start(multisign=50)
    with open_csc(srv.url, CRED) as h:
        h.plan_signatures(4)
        for i in range(4):
            signing.sign_pdf(sample_pdf, tmp_path / f"a{i}.pdf", h, level="B-B")
    assert srv.requests("credentials/authorize") == 1
    assert srv.requests("signatures/signHash") == 4
    srv.stop()
    srv.clear_log()
    srv.start(multisign=2)
    with open_csc(srv.url, CRED) as h:
        h.plan_signatures(5)
        for i in range(5):
            signing.sign_pdf(sample_pdf, tmp_path / f"b{i}.pdf", h, level="B-B")
        assert h.signer.authorization.authorizations == 3
    assert srv.requests("credentials/authorize") == 3  # 2 + 2 + 1
    assert srv.requests("signatures/signHash") == 5
    for i in range(5):
        assert signing.is_signed(tmp_path / f"b{i}.pdf")


def test_without_a_plan_each_document_is_authorised(fresh_csc, sample_pdf, tmp_path):
    srv = fresh_csc.start()
    with open_csc(srv.url, CRED) as h:
        for i in range(2):
            signing.sign_pdf(sample_pdf, tmp_path / f"c{i}.pdf", h, level="B-B")
    assert srv.requests("credentials/authorize") == 2


def test_hash_bound_credential_scal2_authorises_each_document(fresh_csc, sample_pdf, tmp_path):
    """SCAL 2 binds the SAD to the hashes sent with the request: documents signed one after the
    other cannot share one (the next hash does not exist yet). Said, not hidden."""
    srv = fresh_csc.start(scal=2)
    with open_csc(srv.url, CRED) as h:
        assert h.signer.hash_bound
        h.plan_signatures(2)
        for i in range(2):
            signing.sign_pdf(sample_pdf, tmp_path / f"d{i}.pdf", h, level="B-B")
    assert srv.requests("credentials/authorize") == 2
    assert srv.statuses("signatures/signHash") == [200, 200]


def test_credential_list(csc):
    ids = list_credentials(csc.url)
    assert CRED in ids and "testing/signer-plain" in ids


# ------------------------------------------------------------------------------ failures


def test_server_down_exit_25(sample_pdf, tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(RemoteServiceUnavailable) as e:
        open_csc(url, CRED)
    assert e.value.exit_code == 25 and e.value.code == "csc_unreachable"
    assert "cannot reach the remote signing service" in e.value.message
    r = run(
        "sign", str(sample_pdf), "-o", str(tmp_path / "x.pdf"),
        "--csc-url", url, "--csc-credential", CRED, "--level", "B-B",
    )  # fmt: skip
    assert r.returncode == 25, r.stderr
    assert "cannot reach the remote signing service" in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_server_stopped_after_opening_fails_the_signature(fresh_csc, sample_pdf, tmp_path):
    srv = fresh_csc.start()
    h = open_csc(srv.url, CRED)
    srv.stop()
    with pytest.raises(RemoteServiceUnavailable):
        signing.sign_pdf(sample_pdf, tmp_path / "y.pdf", h, level="B-B")
    assert not (tmp_path / "y.pdf").exists()


def test_unknown_credential_exit_26(csc, sample_pdf, tmp_path):
    with pytest.raises(RemoteCredentialNotFound) as e:
        open_csc(csc.url, "testing/no-such-signer")
    assert e.value.exit_code == 26 and "HTTP 404" in e.value.message
    r = run(
        "sign", str(sample_pdf), "-o", str(tmp_path / "z.pdf"),
        "--csc-url", csc.url, "--csc-credential", "testing/no-such-signer", "--level", "B-B",
    )  # fmt: skip
    assert r.returncode == 26, r.stderr
    assert "does not know this credential" in r.stderr


def test_authorisation_no_longer_accepted_exit_24(fresh_csc, sample_pdf, tmp_path):
    """The SAD obtained for 3 documents is refused after the service restarted with a new SAD
    key (as a service does after revoking or expiring it): the second document stops with 24, and
    the next signature asks for a new authorisation instead of reusing the refused one."""
    srv = fresh_csc.start(secret="first")
    with open_csc(srv.url, CRED) as h:
        h.plan_signatures(3)
        signing.sign_pdf(sample_pdf, tmp_path / "e0.pdf", h, level="B-B")
        srv.stop()
        srv.start(secret="second")
        with pytest.raises(RemoteAuthorizationExpired) as e:
            signing.sign_pdf(sample_pdf, tmp_path / "e1.pdf", h, level="B-B")
        assert e.value.exit_code == 24
        assert not (tmp_path / "e1.pdf").exists()
        signing.sign_pdf(sample_pdf, tmp_path / "e1.pdf", h, level="B-B")
    assert srv.statuses("signatures/signHash") == [200, 400, 200]
    assert srv.requests("credentials/authorize") == 2


@pytest.mark.parametrize(
    ("endpoint", "status", "body", "retry", "cls", "code", "exit_code"),
    [
        # CSC API error table (HTTP 400, error/error_description)
        ("credentials/authorize", 400, {"error": "invalid_otp", "error_description":
         "The OTP is invalid"}, None, RemoteOtpIncorrect, "csc_otp_incorrect", 23),
        ("credentials/authorize", 400, {"error": "invalid_pin", "error_description":
         "The PIN is invalid"}, None, RemoteOtpIncorrect, "csc_otp_incorrect", 23),
        ("signatures/signHash", 400, {"error": "invalid_request", "error_description":
         "SAD expired"}, None, RemoteAuthorizationExpired, "csc_authorization_expired", 24),
        ("signatures/signHash", 400, {"error": "invalid_request", "error_description":
         "Invalid parameter SAD"}, None, RemoteAuthorizationExpired,
         "csc_authorization_expired", 24),
        ("credentials/authorize", 400, {"error": "invalid_request", "error_description":
         "Invalid parameter credentialID"}, None, RemoteCredentialNotFound,
         "csc_credential_unknown", 26),
        ("credentials/authorize", 400, {"error": "access_denied"}, None, RemoteAccessRefused,
         "csc_access_refused", 22),
        ("credentials/info", 401, {"error": "invalid_token"}, None, RemoteAccessRefused,
         "csc_access_refused", 22),
        ("credentials/authorize", 400, None, None, RemoteAccessRefused,
         "csc_authorization_refused", 22),
        # HTTP: rate limiting (RFC 6585) and server failures
        ("signatures/signHash", 429, None, "7", RemoteServiceUnavailable, "csc_rate_limited", 25),
        ("credentials/info", 503, None, None, RemoteServiceUnavailable, "csc_unreachable", 25),
    ],
)
def test_error_mapping_of_responses_the_dummy_cannot_send(
    endpoint, status, body, retry, cls, code, exit_code
):
    """Cases certomancer-csc-dummy never answers with (it has no OTP, no expiry, no rate limit,
    no access tokens): the mapping of the documented responses, rule by rule."""
    err = classify_http_error(endpoint, status, body, retry, "https://rs.example")
    assert type(err) is cls and err.code == code and err.exit_code == exit_code
    if status == 429:
        assert err.retry_after == 7 and "try again in 7 s" in err.message


def test_cli_usage_errors(sample_pdf, tmp_path):
    out = str(tmp_path / "u.pdf")
    r = run("sign", str(sample_pdf), "-o", out, "--csc-url", "http://127.0.0.1:9")
    assert r.returncode == 2 and "--csc-credential" in r.stderr
    r = run(
        "sign", str(sample_pdf), "-o", out, "--csc-url", "http://127.0.0.1:9",
        "--csc-credential", CRED, "--csc-auth-env", "NOT_SET_ANYWHERE_CSC",
    )  # fmt: skip
    assert r.returncode == 2 and "NOT_SET_ANYWHERE_CSC" in r.stderr
    r = run("sign", str(sample_pdf), "-o", out, "--csc-url", "http://x", "--demo")
    assert r.returncode == 2 and "exactly one certificate source" in r.stderr
