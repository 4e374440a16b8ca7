"""A throw-away test PKI for the signing and verification tests (reusable by other test packages).

Built once per test session: RSA/EC keys made with ``cryptography``, a certomancer configuration
(root -> intermediate -> signers, TSA, OCSP responder, CRLs) written to a temp dir and *animated*
by certomancer's real WSGI app on 127.0.0.1 (a free port), plus PKCS#12 files and a SoftHSM2
token holding the signer's key and certificate. Nothing here is mocked: pyHanko and pdfsig talk
HTTP to the animator and PKCS#11 to SoftHSM2.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
P12_PASSWORD = "p12-secret"
TOKEN_LABEL = "digitizer-test"
TOKEN_PIN = "123456"
SO_PIN = "87654321"

# label -> key spec
KEYS = {
    "root": ("rsa", 2048),
    "interm": ("rsa", 2048),
    "interm-ocsp": ("rsa", 2048),
    "tsa": ("rsa", 2048),
    "signer": ("rsa", 2048),
    "signer-plain": ("rsa", 2048),
    "signer-revoked": ("rsa", 2048),
    "signer-expired": ("rsa", 2048),
    "signer-nousage": ("rsa", 2048),
    "signer-weak": ("rsa", 1024),
    "signer-ec": ("ec", 256),
    "signer-deadocsp": ("rsa", 2048),
    "signer-shortocsp": ("rsa", 2048),
}

SIGNER_CERTS = (
    "signer",
    "signer-plain",
    "signer-revoked",
    "signer-expired",
    "signer-nousage",
    "signer-weak",
    "signer-ec",
    "signer-deadocsp",
    "signer-shortocsp",
)

CONFIG_TEMPLATE = """
external-url-prefix: "http://127.0.0.1:{port}"
keysets:
  testing:
    path-prefix: {keydir}
    keys:
{keys}
pki-architectures:
  testing:
    keyset: testing
    entity-defaults:
      country-name: VN
      organization-name: "Sở Tư pháp tỉnh Thử nghiệm"
    entities:
      root: {{common-name: "Test Root CA (không dùng thật)"}}
      interm: {{common-name: "Test Intermediate CA"}}
      interm-ocsp: {{common-name: "Test OCSP responder"}}
      tsa: {{common-name: "Test TSA"}}
      signer: {{common-name: "Nguyễn Văn Ánh"}}
      signer-plain: {{common-name: "Trần Thị Bích"}}
      signer-revoked: {{common-name: "Lê Văn Thu Hồi"}}
      signer-expired: {{common-name: "Phạm Hết Hạn"}}
      signer-nousage: {{common-name: "Hoàng Không Ký"}}
      signer-weak: {{common-name: "Khóa Yếu"}}
      signer-ec: {{common-name: "Đỗ Elliptic"}}
      signer-deadocsp: {{common-name: "Vũ OCSP Chết"}}
      signer-shortocsp: {{common-name: "Đặng OCSP Ngắn Hạn"}}
    certs:
      root:
        subject: root
        issuer: root
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2060-01-01T00:00:00+0000"}}
        extensions:
          - {{id: basic_constraints, critical: true, value: {{ca: true}}}}
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature, key_cert_sign, crl_sign]}}
      interm:
        issuer: root
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2055-01-01T00:00:00+0000"}}
        extensions:
          - {{id: basic_constraints, critical: true, value: {{ca: true, path-len-constraint: 0}}}}
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature, key_cert_sign, crl_sign]}}
          - id: crl_distribution_points
            smart-value: {{schema: crl-dist-url, params: {{crl-repo-names: [root]}}}}
      interm-ocsp:
        issuer: interm
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2055-01-01T00:00:00+0000"}}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature]}}
          - {{id: extended_key_usage, critical: true, value: [ocsp_signing]}}
          - id: ocsp_no_check
      tsa:
        issuer: root
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2055-01-01T00:00:00+0000"}}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature]}}
          - {{id: extended_key_usage, critical: true, value: [time_stamping]}}
          - id: crl_distribution_points
            smart-value: {{schema: crl-dist-url, params: {{crl-repo-names: [root]}}}}
      signer:
        issuer: interm
        validity: {{valid-from: "2024-01-01T00:00:00+0000", valid-to: "2050-01-01T00:00:00+0000"}}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature, non_repudiation]}}
          - id: crl_distribution_points
            smart-value: {{schema: crl-dist-url, params: {{crl-repo-names: [interm]}}}}
          - id: authority_information_access
            smart-value: {{schema: aia-urls, params: {{ocsp-responder-names: [interm]}}}}
      signer-plain:
        issuer: interm
        validity: {{valid-from: "2024-01-01T00:00:00+0000", valid-to: "2050-01-01T00:00:00+0000"}}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature, non_repudiation]}}
      signer-revoked:
        template: signer
        subject: signer-revoked
        subject-key: signer-revoked
        revocation: {{revoked-since: "2025-06-01T00:00:00+0000", reason: key_compromise}}
      signer-expired:
        template: signer
        subject: signer-expired
        subject-key: signer-expired
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2022-01-01T00:00:00+0000"}}
      signer-nousage:
        template: signer
        subject: signer-nousage
        subject-key: signer-nousage
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [key_encipherment]}}
          - id: crl_distribution_points
            smart-value: {{schema: crl-dist-url, params: {{crl-repo-names: [interm]}}}}
          - id: authority_information_access
            smart-value: {{schema: aia-urls, params: {{ocsp-responder-names: [interm]}}}}
      signer-weak:
        template: signer
        subject: signer-weak
        subject-key: signer-weak
      signer-ec:
        template: signer
        subject: signer-ec
        subject-key: signer-ec
      signer-deadocsp:
        issuer: interm
        validity: {{valid-from: "2024-01-01T00:00:00+0000", valid-to: "2050-01-01T00:00:00+0000"}}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature, non_repudiation]}}
          - id: authority_information_access
            value:
              - access_method: ocsp
                access_location: {{uniform_resource_identifier: "http://127.0.0.1:{dead_port}/ocsp"}}
      signer-shortocsp:
        issuer: interm
        validity: {{valid-from: "2024-01-01T00:00:00+0000", valid-to: "2050-01-01T00:00:00+0000"}}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature, non_repudiation]}}
          - id: authority_information_access
            smart-value: {{schema: aia-urls, params: {{ocsp-responder-names: [interm-short]}}}}
    services:
      ocsp:
        interm:
          for-issuer: interm
          responder-cert: interm-ocsp
          signing-key: interm-ocsp
          validity-period: {{days: 30}}
        interm-short:
          # responses go stale after 2 s: an archive verifies long after nextUpdate
          for-issuer: interm
          responder-cert: interm-ocsp
          signing-key: interm-ocsp
          validity-period: {{seconds: 2}}
      crl-repo:
        root:
          for-issuer: root
          signing-key: root
          simulated-update-schedule: "P90D"
        interm:
          for-issuer: interm
          signing-key: interm
          simulated-update-schedule: "P30D"
      time-stamping:
        tsa:
          signing-key: tsa
          signing-cert: tsa
"""


def free_port() -> int:
    """A TCP port nobody listens on right now (bound and released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _make_key(kind: str, size: int):
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=size)
    return ec.generate_private_key(ec.SECP256R1())


@dataclass
class TestPKI:
    """Paths and URLs of a running test PKI. ``cert_pem(label)`` etc. give the files."""

    root_dir: Path
    port: int
    dead_port: int
    keys: dict[str, object] = field(default_factory=dict)
    _server: object = None
    _thread: threading.Thread | None = None
    arch: object = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/testing"

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/tsa/tsa"

    @property
    def dead_url(self) -> str:
        return f"http://127.0.0.1:{self.dead_port}/tsa"

    def cert_path(self, label: str) -> Path:
        return self.root_dir / "certs" / f"{label}.pem"

    def key_path(self, label: str) -> Path:
        return self.root_dir / "keys" / f"{label}.key.pem"

    def p12_path(self, label: str) -> Path:
        return self.root_dir / "p12" / f"{label}.p12"

    @property
    def root_cert(self) -> Path:
        return self.cert_path("root")

    @property
    def trust_dir(self) -> Path:
        """A trust-store folder holding only the test root."""
        return self.root_dir / "trust"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def build_pki(root_dir: Path) -> TestPKI:
    """Generate keys, config and certificates; export PEM/PKCS#12 files. Does not start servers."""
    from asn1crypto import keys as asn1_keys  # noqa: F401 - certomancer dependency
    from certomancer.registry import CertLabel, CertomancerConfig

    root_dir.mkdir(parents=True, exist_ok=True)
    keydir = root_dir / "keys"
    keydir.mkdir(exist_ok=True)
    pki = TestPKI(root_dir=root_dir, port=free_port(), dead_port=free_port())
    key_lines = []
    for label, (kind, size) in KEYS.items():
        key = _make_key(kind, size)
        pki.keys[label] = key
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        (keydir / f"{label}.key.pem").write_bytes(pem)
        key_lines.append(f"      {label}:\n        path: {label}.key.pem")
    cfg_text = CONFIG_TEMPLATE.format(
        port=pki.port, dead_port=pki.dead_port, keydir=keydir, keys="\n".join(key_lines)
    )
    cfg_path = root_dir / "pki.yml"
    cfg_path.write_text(cfg_text, encoding="utf-8")
    cfg = CertomancerConfig.from_file(str(cfg_path), key_search_dir=str(root_dir))
    arch = cfg.get_pki_arch("testing")
    pki.arch = arch
    (root_dir / "certs").mkdir(exist_ok=True)
    (root_dir / "p12").mkdir(exist_ok=True)
    pki.trust_dir.mkdir(exist_ok=True)
    from cryptography import x509

    crypto_certs = {}
    for label in ("root", "interm", "interm-ocsp", "tsa", *SIGNER_CERTS):
        cert = arch.get_cert(CertLabel(label))
        der = cert.dump()
        c = x509.load_der_x509_certificate(der)
        crypto_certs[label] = c
        pki.cert_path(label).write_bytes(c.public_bytes(serialization.Encoding.PEM))
    shutil.copy(pki.root_cert, pki.trust_dir / "test-root.pem")
    for label in SIGNER_CERTS:
        data = pkcs12.serialize_key_and_certificates(
            name=label.encode(),
            key=pki.keys[label],
            cert=crypto_certs[label],
            cas=[crypto_certs["interm"], crypto_certs["root"]],
            encryption_algorithm=serialization.BestAvailableEncryption(P12_PASSWORD.encode()),
        )
        pki.p12_path(label).write_bytes(data)
    return pki


def start_animator(pki: TestPKI) -> None:
    """Serve TSA/OCSP/CRL of the PKI with certomancer's animator on 127.0.0.1:pki.port."""
    from certomancer.integrations.animator import Animator, AnimatorArchStore
    from werkzeug.serving import WSGIRequestHandler, make_server

    class _Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):  # keep test output readable
            pass

    app = Animator(AnimatorArchStore({pki.arch.arch_label: pki.arch}), with_web_ui=False)
    server = make_server("127.0.0.1", pki.port, app, threaded=True, request_handler=_Quiet)
    thread = threading.Thread(target=server.serve_forever, name="certomancer-animator", daemon=True)
    thread.start()
    pki._server, pki._thread = server, thread
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", pki.port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("certomancer animator did not start")


@dataclass
class SoftHSMToken:
    conf_path: Path
    lib: str = SOFTHSM_LIB
    label: str = TOKEN_LABEL
    pin: str = TOKEN_PIN
    key_label: str = "signer"

    def env(self) -> dict[str, str]:
        return {**os.environ, "SOFTHSM2_CONF": str(self.conf_path)}


def init_softhsm(
    pki: TestPKI,
    base: Path,
    labels: tuple[str, ...] = ("signer", "signer-plain"),
    token_label: str = TOKEN_LABEL,
) -> SoftHSMToken:
    """Create a private SoftHSM2 token (SOFTHSM2_CONF in ``base``) holding keys+certs of ``labels``.

    The caller must export SOFTHSM2_CONF to the returned ``conf_path`` before loading the module
    in-process (SoftHSM2 reads it when the library is initialised).
    """
    tokdir = base / "tokens"
    tokdir.mkdir(parents=True, exist_ok=True)
    conf = base / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokdir}\nobjectstore.backend = file\nlog.level = ERROR\n"
        "slots.removable = false\n",
        encoding="utf-8",
    )
    tok = SoftHSMToken(conf_path=conf, label=token_label)
    env = tok.env()

    def run(*cmd: str) -> None:
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=60)

    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        token_label,
        "--pin",
        TOKEN_PIN,
        "--so-pin",
        SO_PIN,
    )
    from cryptography import x509

    for i, label in enumerate(labels, start=1):
        key_id = f"{i:02x}"
        p8 = base / f"{label}.p8.pem"
        p8.write_bytes(pki.key_path(label).read_bytes())
        run(
            "softhsm2-util",
            "--import",
            str(p8),
            "--token",
            token_label,
            "--label",
            label,
            "--id",
            key_id,
            "--pin",
            TOKEN_PIN,
        )
        der = base / f"{label}.der"
        cert = x509.load_pem_x509_certificate(pki.cert_path(label).read_bytes())
        der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
        run(
            "pkcs11-tool",
            "--module",
            SOFTHSM_LIB,
            "--token-label",
            token_label,
            "--login",
            "--pin",
            TOKEN_PIN,
            "--write-object",
            str(der),
            "--type",
            "cert",
            "--id",
            key_id,
            "--label",
            label,
        )
        p8.unlink()
    # the intermediate CA on the token too, as real agency tokens carry the chain
    der = base / "interm.der"
    cert = x509.load_pem_x509_certificate(pki.cert_path("interm").read_bytes())
    der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    run(
        "pkcs11-tool",
        "--module",
        SOFTHSM_LIB,
        "--token-label",
        token_label,
        "--login",
        "--pin",
        TOKEN_PIN,
        "--write-object",
        str(der),
        "--type",
        "cert",
        "--id",
        "ca01",
        "--label",
        "Test Intermediate CA",
    )
    return tok


def make_nssdb(pki: TestPKI, base: Path) -> Path:
    """An NSS database trusting the test root (for poppler's pdfsig)."""
    base.mkdir(parents=True, exist_ok=True)
    # the directory must exist, else certutil loops asking for a password
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{base}", "--empty-password"],
        check=True,
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{base}",
            "-n",
            "test-root",
            "-t",
            "C,C,",
            "-i",
            str(pki.root_cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    return base
