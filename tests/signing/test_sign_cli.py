"""``digitizer sign`` / ``digitizer certs`` run as real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pki as pki_mod

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def run(args, env_extra=None, tmp=None):
    env = {**os.environ, **(env_extra or {})}
    if tmp is not None:
        env["XDG_DATA_HOME"] = str(tmp / "data")
        env["XDG_CACHE_HOME"] = str(tmp / "cache")
    return subprocess.run(
        [sys.executable, "-m", "digitizer", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_cli_sign_p12_b_lt(pki, sample_pdf, tmp_path):
    out = tmp_path / "o.pdf"
    r = run(
        [
            "sign",
            str(sample_pdf),
            "-o",
            str(out),
            "--pkcs12",
            str(pki.p12_path("signer")),
            "--password-env",
            "MY_P12_PW",
            "--tsa",
            pki.tsa_url,
            "--trust",
            str(pki.trust_dir),
            "--json",
        ],
        {"MY_P12_PW": pki_mod.P12_PASSWORD},
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["level"] == "B-LT" and res["signer"]["common_name"] == "Nguyễn Văn Ánh"
    assert pki_mod.P12_PASSWORD not in r.stdout + r.stderr
    assert out.exists()


def test_cli_wrong_password_and_missing_env(pki, sample_pdf, tmp_path):
    args = [
        "sign",
        str(sample_pdf),
        "-o",
        str(tmp_path / "o.pdf"),
        "--pkcs12",
        str(pki.p12_path("signer")),
        "--password-env",
        "MY_P12_PW",
        "--level",
        "B-B",
    ]
    r = run(args, {"MY_P12_PW": "nope-secret"}, tmp_path)
    assert r.returncode == 22 and "wrong PKCS#12 password" in r.stderr
    assert "nope-secret" not in r.stderr + r.stdout
    env = {k: v for k, v in os.environ.items() if k != "MY_P12_PW"}
    r = subprocess.run(
        [sys.executable, "-m", "digitizer", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 2 and "MY_P12_PW" in r.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_cli_pkcs11_and_wrong_pin(pki, token, sample_pdf, tmp_path):
    env = {"SOFTHSM2_CONF": str(token.conf_path), "TOKEN_PIN": token.pin}
    base = [
        "sign",
        str(sample_pdf),
        "--pkcs11-lib",
        token.lib,
        "--token-label",
        token.label,
        "--cert-label",
        "signer",
        "--pin-env",
        "TOKEN_PIN",
        "--tsa",
        pki.tsa_url,
        "--trust",
        str(pki.trust_dir),
    ]
    r = run(base + ["-o", str(tmp_path / "t.pdf"), "--level", "B-T"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "signed B-T by Nguyễn Văn Ánh" in r.stdout
    r = run(base + ["-o", str(tmp_path / "u.pdf")], {**env, "TOKEN_PIN": "999999"}, tmp_path)
    assert r.returncode == 23 and "wrong PIN" in r.stderr and "999999" not in r.stderr
    # the token now reports an earlier wrong PIN: no new attempt without --pin-confirm-risk
    r = run(base + ["-o", str(tmp_path / "v.pdf"), "--level", "B-B"], env, tmp_path)
    assert r.returncode == 24 and "--pin-confirm-risk" in r.stderr, r.stderr
    r = run(
        base + ["-o", str(tmp_path / "v.pdf"), "--level", "B-B", "--pin-confirm-risk"],
        env,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr  # and the good login cleared the flag


def test_cli_tsa_unreachable_strict_and_fallback(pki, sample_pdf, tmp_path):
    base = [
        "sign",
        str(sample_pdf),
        "--pkcs12",
        str(pki.p12_path("signer")),
        "--password-env",
        "PW",
        "--tsa",
        pki.dead_url,
        "--trust",
        str(pki.trust_dir),
    ]
    env = {"PW": pki_mod.P12_PASSWORD}
    r = run(base + ["-o", str(tmp_path / "a.pdf"), "--strict-level"], env, tmp_path)
    assert r.returncode == 27 and "timestamp server" in r.stderr
    r = run(base + ["-o", str(tmp_path / "b.pdf")], env, tmp_path)
    assert r.returncode == 0 and "needs augmentation to B-LT" in r.stdout


def test_cli_certs_lists_token(token, tmp_path):
    r = run(
        ["certs", "--pkcs11-lib", token.lib, "--token-label", token.label],
        {"SOFTHSM2_CONF": str(token.conf_path)},
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert "CN=Nguyễn Văn Ánh" in r.stdout and "SHA-256:" in r.stdout
    assert "digital_signature, non_repudiation" in r.stdout
    r = run(
        ["certs", "--pkcs11-lib", token.lib, "--token-label", "absent"],
        {"SOFTHSM2_CONF": str(token.conf_path)},
        tmp_path,
    )
    assert r.returncode == 25 and "no token with label 'absent'" in r.stderr


def test_cli_demo_certificate(sample_pdf, tmp_path):
    r = run(
        [
            "sign",
            str(sample_pdf),
            "-o",
            str(tmp_path / "d.pdf"),
            "--demo",
            "--level",
            "B-B",
            "--json",
        ],
        None,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert "THỬ NGHIỆM" in res["signer"]["common_name"]
    assert any("self-signed" in w for w in res["warnings"])
    assert (tmp_path / "data" / "digitizer" / "demo" / "demo-signer.p12").exists()


def test_cli_augment_then_verify(pki, signed, tmp_path):
    out = tmp_path / "lta.pdf"
    r = run(
        [
            "sign",
            "--augment",
            str(signed["B-T"].output),
            "-o",
            str(out),
            "--level",
            "B-LTA",
            "--tsa",
            pki.tsa_url,
            "--trust",
            str(pki.trust_dir),
        ],
        None,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert "augmented to B-LTA" in r.stdout
    r = run(["verify", str(out), "--trust", str(pki.trust_dir), "--json"], None, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    doc = json.loads(r.stdout)
    assert doc["signatures"][0]["level"] == "B-LTA"
    assert doc["signatures"][0]["revocation"] == "good"


def test_cli_sign_with_meta_embeds_before_signing(pki, sample_pdf, tmp_path):
    """--meta on sign: the record is written into the PDF before signing (covered by the
    signature), the sidecar carries the signed file's hash, a bad value signs nothing."""
    import hashlib

    from digitizer.metadata import read_xmp

    out = tmp_path / "m.pdf"
    base = ["sign", str(sample_pdf), "--pkcs12", str(pki.p12_path("signer")),
            "--password-env", "MY_P12_PW", "--level", "B-B", "--trust", str(pki.trust_dir)]
    env = {"MY_P12_PW": pki_mod.P12_PASSWORD}
    r = run([*base, "-o", str(out), "--meta", "dossier_code=000.00.23.H39-221005-0001"], env,
            tmp_path)
    assert r.returncode == 0, r.stderr
    assert read_xmp(out)["dossier_code"] == "000.00.23.H39-221005-0001"
    side = json.loads((tmp_path / "m.pdf.json").read_text(encoding="utf-8"))
    assert side["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    v = run(["verify", str(out), "--trust", str(pki.trust_dir), "--json"], None, tmp_path)
    sig = json.loads(v.stdout)["signatures"][0]
    assert sig["coverage"] == "ENTIRE_FILE" and sig["revisions_after"] == 0
    assert not list(tmp_path.glob(".sign-meta-*"))

    bad = run([*base, "-o", str(tmp_path / "b.pdf"), "--meta", "dossier_code=bad"], env, tmp_path)
    assert bad.returncode == 10 and "dossier_code" in bad.stderr
    assert not (tmp_path / "b.pdf").exists()
