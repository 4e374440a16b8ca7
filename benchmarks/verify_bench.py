"""Offline verification of B-LT documents: ``signing.verify_pdf`` vs pyHanko's bare
``validate_pdf_signature`` (validation context from the document's DSS, hard-fail, no
fetching) on the same files in the same run. Prints documents/second and our overhead.

    .venv/bin/python benchmarks/verify_bench.py [N]
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "signing"))

import pki as pki_mod
import samples


def bare(path: Path, root) -> bool:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    r = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False)
    vc = DocumentSecurityStore.read_dss(r).as_validation_context(
        {"trust_roots": [root], "allow_fetching": False, "revocation_mode": "hard-fail"}
    )
    st = validate_pdf_signature(r.embedded_signatures[0], vc)
    return st.bottom_line


def main() -> None:
    import logging

    from pyhanko.keys import load_cert_from_pemder

    import signing
    from signing.verify import Indication

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    tmp = Path(tempfile.mkdtemp(prefix="verifybench-"))
    pki = pki_mod.build_pki(tmp / "pki")
    pki_mod.start_animator(pki)
    src = samples.admin_page_pdf(tmp / "in.pdf", pages=2)
    h = signing.load_pkcs12(pki.p12_path("signer"), pki_mod.P12_PASSWORD)
    files = [
        signing.sign_pdf(src, tmp / f"lt{i}.pdf", h, level="B-LT", tsa_url=pki.tsa_url).output
        for i in range(n)
    ]
    pki.stop()  # offline from here on
    root = load_cert_from_pemder(str(pki.root_cert))
    roots = [root]
    signing.verify_pdf(files[0], trust_roots=roots)
    bare(files[0], root)
    t_ours = t_bare = 0.0
    for f in files:
        t0 = time.perf_counter()
        rep = signing.verify_pdf(f, trust_roots=roots)
        t1 = time.perf_counter()
        ok = bare(f, root)
        t2 = time.perf_counter()
        assert rep.indication == Indication.PASSED and ok
        t_ours += t1 - t0
        t_bare += t2 - t1
    print(f"offline verification of {n} B-LT documents (2-page A4, RSA-2048, DSS with OCSP+CRL)")
    print(
        f"ours: {n / t_ours:.2f} doc/s   bare pyHanko: {n / t_bare:.2f} doc/s   "
        f"overhead: {(t_ours / t_bare - 1) * 100:.1f}%"
    )


if __name__ == "__main__":
    main()
