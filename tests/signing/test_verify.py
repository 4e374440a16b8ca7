"""Verification against the attack/edge corpus, pyHanko-independent cross-check with pdfsig."""

from __future__ import annotations

from dataclasses import replace

import pytest
from attacks import build_corpus
from pdfsig import pdfsig

from signing.policy import DEFAULT_POLICY
from signing.verify import Indication, verify_pdf


@pytest.fixture(scope="session")
def corpus(pki, sample_pdf, tmp_path_factory):
    return {c.name: c for c in build_corpus(pki, sample_pdf, tmp_path_factory.mktemp("corpus"))}


def _ids():
    return [
        "valid B-LT",
        "valid B-T (no revocation data: warning only)",
        "valid B-T, policy hard-fails missing revocation",
        "valid B-LTA",
        "one byte changed",
        "bytes appended",
        "incremental saving attack (content replaced)",
        "annotation added after signing",
        "shadow attack: hide",
        "shadow attack: replace",
        "shadow attack: hide-and-replace",
        "signature wrapping (ByteRange moved)",
        "USF: empty /Contents",
        "USF: /ByteRange null",
        "two signatures, second broken",
        "two valid signatures",
        "unsigned PDF",
        "demo certificate (untrusted)",
        "revoked signer (online check)",
        "expired signer",
    ]


def _check_case(case, pki, nssdb=None):
    """The expected document verdict (and per-signature verdicts) of an attacks.Case."""
    policy = replace(DEFAULT_POLICY, **case.policy)
    rep = verify_pdf(case.path, policy, pki.trust_dir)
    detail = [
        (s.field_name, s.indication.value, s.sub_indication, [f.detail for f in s.findings])
        for s in rep.signatures
    ] + [f.detail for f in rep.findings]
    assert rep.indication.value == case.indication, detail
    if case.sub:
        assert rep.sub_indication in case.sub, detail
    if case.indication == "PASSED":
        assert rep.sub_indication is None
    if case.per_signature is not None:
        assert tuple(s.indication.value for s in rep.signatures) == case.per_signature, detail
    if case.pdfsig_valid is not None and nssdb is not None:
        ps = pdfsig(case.path, nssdb)
        assert tuple(s.valid for s in ps) == case.pdfsig_valid, [s.text for s in ps]
    return rep


@pytest.mark.parametrize("name", _ids())
def test_corpus_verdict(corpus, pki, nssdb, name):
    _check_case(corpus[name], pki, nssdb)


def test_report_facts_for_b_lt(corpus, pki):
    rep = verify_pdf(corpus["valid B-LT"].path, None, pki.trust_dir)
    s = rep.signatures[0]
    assert s.level == "B-LT" and s.integrity and s.signature_valid and s.trusted
    assert s.revocation == "good" and s.revocation_source == "embedded"
    assert s.signer.common_name == "Nguyễn Văn Ánh" and s.signer.organization
    assert s.chain[-1] == "Nguyễn Văn Ánh" and "Test Root CA" in (s.trust_anchor or "")
    assert s.tsa == "Test TSA" and s.timestamp_time is not None
    assert s.claimed_signing_time is not None and s.cert_valid_at_signing
    assert s.modification_level == "LTA_UPDATES" and s.changes_allowed
    assert s.coverage == "ENTIRE_REVISION" and s.revisions_after == 1


def test_no_trust_anchor_never_passed(corpus):
    rep = verify_pdf(
        corpus["valid B-LT"].path, replace(DEFAULT_POLICY, trust="WARN"), trust_roots=[]
    )
    assert rep.indication == Indication.INDETERMINATE
    assert rep.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"


def test_pdfsig_agrees_on_trust_with_plain_leaf(signed_plain, pki, nssdb):
    rep = verify_pdf(signed_plain.output, None, pki.trust_dir)
    ps = pdfsig(signed_plain.output, nssdb)
    assert rep.indication == Indication.PASSED
    assert ps[0].valid is True and ps[0].trusted is True


def test_pdfsig_agrees_on_integrity_across_corpus(corpus, pki, nssdb):
    """Wherever pdfsig gives a conclusive answer on a signature's bytes, we agree with it."""
    compared = 0
    for case in corpus.values():
        rep = verify_pdf(case.path, replace(DEFAULT_POLICY, **case.policy), pki.trust_dir)
        ours = [s for s in rep.signatures if s.kind == "signature"]
        theirs = pdfsig(case.path, nssdb)
        if len(theirs) != len([s for s in rep.signatures]):
            continue  # pdfsig skipped a malformed signature: not conclusive
        for s, t in zip(rep.signatures, theirs):
            if t.valid is None or s.kind != "signature":
                continue
            assert t.valid == bool(s.integrity and s.signature_valid), (case.name, t.text)
            compared += 1
    assert compared >= 10 and ours is not None


def test_b_lt_still_passes_after_ocsp_response_expired(pki, sample_pdf, tmp_path):
    """An archive verifies long after the embedded OCSP response's nextUpdate: the signature
    timestamp is the proof of existence, so the chain is judged at that time."""
    import time

    import pki as pki_mod

    import signing

    h = signing.load_pkcs12(pki.p12_path("signer-shortocsp"), pki_mod.P12_PASSWORD)
    r = signing.sign_pdf(sample_pdf, tmp_path / "short.pdf", h, level="B-LT", tsa_url=pki.tsa_url)
    time.sleep(3)  # the responder gives 2 s validity: now the embedded response is stale
    rep = verify_pdf(r.output, None, pki.trust_dir)
    s = rep.signatures[0]
    assert rep.indication == Indication.PASSED, [f.detail for f in s.findings]
    assert s.revocation == "good" and any(f.code == "validated_at_timestamp" for f in s.findings)


# ------------------------------------------------------------------ issue 14 cases

OWN_CASES = [
    "annotation over signed text (approval signature)",
    "annotation in the margin (approval signature)",
    "certified P=2, then an annotation in the margin",
    "certified P=2, approval into the empty field with /AcroForm /DR update",
    "page added after signing",
    "signature spoofing",
    "signature spoofing with an /Encrypt that is not a dictionary",
    "signature field edited after signing (/Reason added)",
    "annotation moved over the title after signing",
]


@pytest.fixture(scope="session")
def issue14(pki, sample_pdf, tmp_path_factory):
    from attacks import build_edit_cases, build_issue14_cases

    d = tmp_path_factory.mktemp("i14")
    cases = build_issue14_cases(pki, sample_pdf, d / "a") + build_edit_cases(
        pki, sample_pdf, d / "b"
    )
    return {c.name: c for c in cases}


@pytest.mark.parametrize("name", OWN_CASES)
def test_issue14_verdict(issue14, pki, name):
    _check_case(issue14[name], pki)


def test_spoofed_field_is_named(issue14, pki):
    """The new field that re-uses revision 1's signature is FAILED as spoofing; the genuine
    signature is FAILED because its document was changed."""
    rep = verify_pdf(issue14["signature spoofing"].path, None, pki.trust_dir)
    by = {s.field_name: s for s in rep.signatures}
    assert {f.code for f in by["ChuKyGiaMao"].findings} >= {"signature_spoofing"}
    assert by["ChuKyGiaMao"].sub_indication == "FORMAT_FAILURE"
    assert by["Signature1"].changes_allowed is False


def test_unreadable_later_revision_is_a_verdict_not_an_error(issue14, pki):
    rep = verify_pdf(
        issue14["signature spoofing with an /Encrypt that is not a dictionary"].path,
        None,
        pki.trust_dir,
    )
    assert rep.read_mode == "revision"
    s = rep.signatures[0]
    assert s.read_mode == "revision" and s.integrity and s.signature_valid
    assert {f.code for f in s.findings} >= {"later_revision_unreadable"}
    assert {f.code for f in rep.findings} >= {"encryption_added"}


def test_certification_then_approval_keeps_docmdp(issue14, pki):
    rep = verify_pdf(
        issue14["certified P=2, approval into the empty field with /AcroForm /DR update"].path,
        None,
        pki.trust_dir,
    )
    cert = {s.field_name: s for s in rep.signatures}["Certification"]
    assert cert.docmdp == 2 and cert.changes_allowed is True
    assert cert.modification_level == "FORM_FILLING"
