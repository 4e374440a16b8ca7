"""Signing throughput: our ``signing.sign_pdf`` vs pyHanko's bare ``PdfSigner.sign_pdf`` on the
same file, same key, same visible stamp style, same TSA, in the same run.

Uses the test PKI (certomancer animator on 127.0.0.1) and a SoftHSM2 token, like the tests.
Prints documents/second per configuration and our overhead in %. Run:

    .venv/bin/python benchmarks/sign_bench.py [N]
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "signing"))

import pki as pki_mod
import samples


def bare_sign(src: bytes, handle, level: str, tsa_url: str | None, style, box, chain_root):
    """What a caller of pyHanko alone would write for the same result."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps
    from pyhanko_certvalidator import ValidationContext

    from signing import certs

    vc = None
    if level in ("B-LT", "B-LTA"):
        vc = ValidationContext(
            trust_roots=[certs.to_asn1(chain_root)],
            other_certs=[certs.to_asn1(c) for c in handle.pool],
            allow_fetching=True,
            revocation_mode="hard-fail",
        )
    meta = signers.PdfSignatureMetadata(
        field_name="Signature1",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=vc is not None,
        use_pades_lta=level == "B-LTA",
        validation_context=vc,
    )
    ts = timestamps.HTTPTimeStamper(tsa_url) if level != "B-B" else None
    w = IncrementalPdfFileWriter(io.BytesIO(src), strict=False)
    out = io.BytesIO()
    signers.PdfSigner(
        meta,
        signer=handle.signer,
        timestamper=ts,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec("Signature1", on_page=0, box=box),
    ).sign_pdf(w, output=out)
    return out.getvalue()


def main() -> None:
    from cryptography import x509

    import signing
    from signing.stamp import StampOptions, build_style, find_stamp_font, stamp_lines

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    tmp = Path(tempfile.mkdtemp(prefix="signbench-"))
    pki = pki_mod.build_pki(tmp / "pki")
    pki_mod.start_animator(pki)
    tok = pki_mod.init_softhsm(pki, tmp / "hsm")
    os.environ["SOFTHSM2_CONF"] = str(tok.conf_path)
    src_path = samples.admin_page_pdf(tmp / "in.pdf", pages=2)
    src = src_path.read_bytes()
    root = x509.load_pem_x509_certificate(pki.root_cert.read_bytes())
    p12 = signing.load_pkcs12(pki.p12_path("signer"), pki_mod.P12_PASSWORD)
    p11 = signing.open_pkcs11(
        tok.lib, token_label=tok.label, cert_label="signer", pin=tok.pin, extra_certs=(root,)
    )
    # the same stamp as ours (first run tells us box and lines)
    first = signing.sign_pdf(src_path, tmp / "probe.pdf", p12, level="B-B")
    font = find_stamp_font(None)
    style = build_style(
        font, list(stamp_lines(StampOptions(), first.signer.organization, first.signing_time))
    )
    box = tuple(int(round(v)) for v in first.stamp_box)
    print(
        f"signing benchmark: {n} documents per cell, 2-page A4 PDF, RSA-2048, SHA-256, "
        "visible stamp, local TSA/OCSP"
    )
    print(f"{'source':8} {'level':6} {'ours doc/s':>11} {'bare doc/s':>11} {'overhead':>9}")
    for name, h in (("P12", p12), ("PKCS#11", p11)):
        for level in ("B-B", "B-T", "B-LT"):
            tsa = pki.tsa_url if level != "B-B" else None
            # warm-up both
            signing.sign_pdf(src_path, tmp / "w.pdf", h, level=level, tsa_url=tsa)
            bare_sign(src, h, level, tsa, style, box, root)
            t_ours = t_bare = 0.0
            for i in range(n):  # interleaved so machine load hits both alike
                t0 = time.perf_counter()
                signing.sign_pdf(src_path, tmp / f"o{i}.pdf", h, level=level, tsa_url=tsa)
                t1 = time.perf_counter()
                bare_sign(src, h, level, tsa, style, box, root)
                t2 = time.perf_counter()
                t_ours += t1 - t0
                t_bare += t2 - t1
            print(
                f"{name:8} {level:6} {n / t_ours:11.2f} {n / t_bare:11.2f} "
                f"{(t_ours / t_bare - 1) * 100:8.1f}%"
            )
    p11.close()
    pki.stop()


if __name__ == "__main__":
    main()
