"""Checkpoint anchors for the audit journal: an RFC 3161 timestamp or an Ed25519 signature.

RFC 3161 (``tsa_url`` set): a TimeStampReq whose messageImprint is the SHA-256 checkpoint digest
(asn1crypto builds it, urllib posts it as ``application/timestamp-query``); the granted token
(CMS SignedData over a TSTInfo) is stored as is. Verification parses it back, checks that the
imprint is the checkpoint's digest and that the TSA's signature is intact (pyHanko's
``validate_tst_signed_data``); with ``tsa_trust`` certificates the TSA's certificate must chain
to one of them too.

Ed25519 (no TSA): a key kept at ``<config dir>/audit-key.pem`` (created 0600 on first use) signs
the digest; the public key is stored with the checkpoint (``signer``) and must match the
workstation key at verification. This proves the checkpoint was made by whoever holds that key;
only a TSA puts the proof outside the machine.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import secrets
import urllib.error
import urllib.request
from pathlib import Path

from ..errors import DigitizerError


class AnchorError(DigitizerError):
    exit_code = 34
    code = "audit_anchor"


class TsaAnchor:
    kind = "tsa"

    def __init__(self, url: str, *, timeout: float = 15.0, trust: tuple[Path, ...] = ()):
        self.url = url
        self.timeout = timeout
        self.trust = trust

    def anchor(self, digest: bytes) -> tuple[str, bytes, str]:
        from asn1crypto import algos, tsp

        req = tsp.TimeStampReq({
            "version": 1,
            "message_imprint": tsp.MessageImprint({
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "hashed_message": digest,
            }),
            "nonce": int.from_bytes(secrets.token_bytes(8), "big"),
            "cert_req": True,
        })
        http = urllib.request.Request(
            self.url, data=req.dump(), headers={"Content-Type": "application/timestamp-query"}
        )
        try:
            with urllib.request.urlopen(http, timeout=self.timeout) as resp:  # noqa: S310
                body = resp.read(1 << 20)
        except (urllib.error.URLError, OSError) as exc:
            raise AnchorError(f"the timestamp authority did not answer: {exc}",
                              path=self.url) from None
        try:
            ts = tsp.TimeStampResp.load(body)
            status = ts["status"]["status"].native
            token = ts["time_stamp_token"]
        except Exception:
            raise AnchorError("the timestamp authority's answer is not an RFC 3161 response",
                              path=self.url) from None
        if status not in ("granted", "granted_with_mods") or not token:
            raise AnchorError(f"the timestamp authority refused the request ({status})",
                              path=self.url)
        tst = token["content"]["encap_content_info"]["content"].parsed
        if tst["nonce"].native != req["nonce"].native:
            raise AnchorError("the timestamp token answers another request (nonce)", path=self.url)
        return self.kind, token.dump(), self.url


def verify_tsa_token(token: bytes, digest: bytes, trust: tuple[Path, ...] = ()) -> str | None:
    """None when ``token`` is an intact timestamp over ``digest``; else why not."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    try:
        ci = cms.ContentInfo.load(token)
        sd = ci["content"]
        tst = sd["encap_content_info"]["content"].parsed
        imprint = tst["message_imprint"]["hashed_message"].native
        algo = tst["message_imprint"]["hash_algorithm"]["algorithm"].native
    except Exception:
        return "the stored timestamp token cannot be read"
    if algo != "sha256" or imprint != digest:
        return "the timestamp covers another chain head (its imprint does not match)"
    roots = []
    for p in trust:
        from asn1crypto import pem, x509

        data = Path(p).read_bytes()
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        roots.append(x509.Certificate.load(data))
    # the TSA certificate as it was when it stamped (a later expiry does not undo a timestamp);
    # no network at verification: revocation is soft-fail
    vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail",
                           moment=tst["gen_time"].native, retroactive_revinfo=True,
                           ocsps=[], crls=[]) if roots else None
    import logging

    for name in ("pyhanko", "pyhanko_certvalidator"):  # the answer below says it better
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        st = asyncio.run(validate_tst_signed_data(sd, vc, lambda _a: digest))
    except Exception as exc:
        return f"the timestamp token does not validate ({type(exc).__name__})"
    if not (st.get("intact") and st.get("valid")):
        return "the timestamp's signature is not intact"
    if roots and (st.get("trust_problem_indic") is not None or st.get("validation_path") is None):
        return "the timestamp authority is not one of the trusted ones (tsa_trust)"
    return None


class KeyAnchor:
    kind = "ed25519"

    def __init__(self, key_path: Path):
        self.key_path = key_path

    def _key(self):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        if self.key_path.exists():
            return serialization.load_pem_private_key(self.key_path.read_bytes(), None)
        key = Ed25519PrivateKey.generate()
        self.key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        pem_bytes = key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())
        fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem_bytes)
        return key

    def public_hex(self) -> str:
        from cryptography.hazmat.primitives import serialization

        return self._key().public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()

    def anchor(self, digest: bytes) -> tuple[str, bytes, str]:
        return self.kind, self._key().sign(digest), self.public_hex()


def verify_key_signature(sig: bytes, digest: bytes, public_hex: str) -> str | None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(sig, digest)
    except (InvalidSignature, ValueError):
        return "the checkpoint's signature does not verify"
    return None


def fingerprint(public_hex: str) -> str:
    return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:16]
