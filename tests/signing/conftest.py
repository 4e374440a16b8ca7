"""Session fixtures for signing/verification: test PKI with live TSA/OCSP/CRL, SoftHSM2 token,
NSS db for pdfsig, sample PDFs and a few signed files shared by many tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import pki as pki_mod
import samples


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    p = pki_mod.build_pki(tmp_path_factory.mktemp("pki"))
    pki_mod.start_animator(p)
    yield p
    p.stop()


@pytest.fixture(scope="session")
def token(pki, tmp_path_factory):
    tok = pki_mod.init_softhsm(pki, tmp_path_factory.mktemp("softhsm"))
    # SoftHSM2 reads SOFTHSM2_CONF when the module is initialised in this process
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(tok.conf_path)
    yield tok
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old


@pytest.fixture(scope="session")
def nssdb(pki, tmp_path_factory):
    return pki_mod.make_nssdb(pki, tmp_path_factory.mktemp("nss") / "db")


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory):
    return samples.admin_page_pdf(tmp_path_factory.mktemp("samples") / "result.pdf", pages=2)


@pytest.fixture(scope="session")
def p12_signer(pki):
    import signing

    return signing.load_pkcs12(pki.p12_path("signer"), pki_mod.P12_PASSWORD)


@pytest.fixture(scope="session")
def signed(pki, sample_pdf, p12_signer, tmp_path_factory):
    """One signed file per level (P12 signer with OCSP/CRL pointers), made once."""
    import signing

    d = tmp_path_factory.mktemp("signed")
    out = {}
    for level in signing.LEVELS:
        r = signing.sign_pdf(
            sample_pdf, d / f"{level}.pdf", p12_signer, level=level, tsa_url=pki.tsa_url
        )
        out[level] = r
    return out


@pytest.fixture(scope="session")
def signed_plain(pki, sample_pdf, tmp_path_factory):
    """B-T signature by a leaf without OCSP/CRL pointers (pdfsig on Debian 12 is conclusive)."""
    import signing

    h = signing.load_pkcs12(pki.p12_path("signer-plain"), pki_mod.P12_PASSWORD)
    return signing.sign_pdf(
        sample_pdf,
        tmp_path_factory.mktemp("plain") / "plain.pdf",
        h,
        level="B-T",
        tsa_url=pki.tsa_url,
    )
