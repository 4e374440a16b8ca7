"""Expected verdicts for the third-party signed PDFs in ``../shared/eval/signatures`` and the
genuine Vietnamese government files in ``../shared/eval/real`` (issue 14).

One row per file. ``indication`` / ``sub`` are what *we* must say when validating today
(2026-12) with the anchors of ``eval/signatures/trust`` plus ``shared/trust/vn`` and the
default policy. ``upstream`` quotes the verdict of the project the file comes from (see
``eval/signatures/MANIFEST.md``); ``reason`` says why ours differs where it does, grounded in
ISO 32000-2 §12.8, ETSI EN 319 142-1 / EN 319 102-1 or the upstream validator's documented
behaviour. ``per_sig`` pins the indication of each signature field (by name) where it matters;
``changes_allowed`` pins the modification verdict (time-independent, the part upstream asserts).

Most certificates in the set expired before 2026-12. EN 319 102-1 §5.2.6 (X.509 certificate
validation) then gives INDETERMINATE/OUT_OF_BOUNDS_NO_POE unless a proof of existence (a
trusted timestamp inside the validity period) exists, and the TSA certificates have expired
too. So "upstream VALID" becomes INDETERMINATE here for *trust*, while integrity and the
modification verdict must still agree with upstream: the ``klass`` column says which class of
the manifest (VALID / TAMPERED / INVALID / INDETERMINATE) the file is in; a VALID file must
never be FAILED, an INVALID one must be FAILED, a TAMPERED one never PASSED (FAILED unless the
row says why the change cannot be seen).
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXPIRED = (
    "signer certificate expired before the validation date (2026-12) and no trusted timestamp "
    "inside its validity proves earlier existence: EN 319 102-1 §5.2.6 -> "
    "INDETERMINATE/OUT_OF_BOUNDS_NO_POE (the upstream test froze the clock or ran years ago)"
)
NO_ROOT = (
    "the root of the DSS test PKI is not shipped (not in the file, not upstream): no chain to "
    "an anchor -> INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND, as the manifest says"
)
SHA1_CHAIN = (
    "a CA certificate of the chain is signed with SHA-1, which pyHanko's default algorithm "
    "policy refuses without proof of existence before SHA-1 was withdrawn: "
    "INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE(_NO_POE) (EN 319 102-1 §5.2.8)"
)
# sub-indications that all mean "sound signature, trust not establishable today"
TRUST_TODAY = (
    "OUT_OF_BOUNDS_NO_POE",
    "OUT_OF_BOUNDS_NOT_REVOKED",
    "NO_CERTIFICATE_CHAIN_FOUND",
    "CRYPTO_CONSTRAINTS_FAILURE",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
    "TRY_LATER",
)


@dataclass(frozen=True)
class Row:
    file: str  # relative to ../shared/eval
    klass: str  # manifest class: VALID, TAMPERED, INVALID, INDETERMINATE
    indication: str
    sub: tuple[str, ...]
    upstream: str
    reason: str = ""  # why ours differs from upstream ("" = it does not)
    per_sig: dict[str, str] = field(default_factory=dict)
    changes_allowed: dict[str, bool] = field(default_factory=dict)


S = "signatures/"
ROWS: list[Row] = [
    # ------------------------------------------------------------------ EU DSS
    Row(
        S + "esig-dss/pades-epes.pdf",
        "VALID",
        "INDETERMINATE",
        ("NO_CERTIFICATE_CHAIN_FOUND",),
        "VALID (intact, valid, no modifications; PAdES-EPES); trust INDETERMINATE/"
        "NO_CERTIFICATE_CHAIN_FOUND unless the DSS test root is configured",
        NO_ROOT,
        changes_allowed={"Signature1": True},
    ),
    Row(
        S + "esig-dss/pades-signed-annot-added.pdf",
        "VALID",
        "INDETERMINATE",
        ("NO_CERTIFICATE_CHAIN_FOUND",),
        "VALID with permitted later changes: annotation + extension changes, no undefined "
        "changes, no visual-modification flag (PAdESLevelBWithAnnotAddedTest)",
        NO_ROOT + ". The later revision adds FreeText annotations and a catalog /Names tree "
        "holding only /AP (named appearance streams, ISO 32000-2 Table 32): an approval "
        "signature without DocMDP restricts nothing (§12.8.2.2), so annotations are permitted, "
        "as in DSS; pyHanko 0.38 alone says OTHER",
        changes_allowed={"Signature2": True},
    ),
    Row(
        S + "esig-dss/pades-signed-filled-form.pdf",
        "VALID",
        "INDETERMINATE",
        TRUST_TODAY,
        "VALID with permitted later changes (form filling) (PAdESLevelBWithFilledFormTest)",
        NO_ROOT + ". Choice-field /I (selected indices, ISO 32000-2 Table 231) is a field value "
        "like /V; pyHanko 0.38 alone says OTHER",
        changes_allowed={"Signature1": True},
    ),
    Row(
        S + "esig-dss/pdf-removed-pages.pdf",
        "TAMPERED",
        "FAILED",
        ("SIG_CONSTRAINTS_FAILURE", "FORMAT_FAILURE"),
        "TOTAL_FAILED / FORMAT_FAILURE (pages 2,3 removed; BBB_FC_DSFREAP_ANS)",
        "same indication; our sub-indication for a disallowed change after signing is "
        "SIG_CONSTRAINTS_FAILURE (README contract), DSS puts the PDF checks in its Format "
        "Checking block",
        changes_allowed={"Signature1": False},
    ),
    Row(
        S + "esig-dss/siwa-signature-wrapping.pdf",
        "INVALID",
        "FAILED",
        ("FORMAT_FAILURE",),
        "INVALID: 0 of 1 signatures valid, ByteRange invalid (SIWATest)",
    ),
    Row(
        S + "esig-dss/pkcs7-sha1-two-signatures.pdf",
        "VALID",
        "INDETERMINATE",
        TRUST_TODAY + ("FORMAT_FAILURE",),
        "integrity VALID x2 (adbe.pkcs7.sha1 + adbe.pkcs7.detached, SHA-1/RSA-1024); final "
        "indication not asserted; current crypto policy -> CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
        "adbe.pkcs7.sha1 is deprecated by ISO 32000-2 §12.8.3.3.1 and pyHanko cannot validate "
        "it: INDETERMINATE/FORMAT_FAILURE (EN 319 102-1 Table 5: format not processable), never "
        "FAILED; the second signature: " + EXPIRED,
    ),
    Row(
        S + "esig-dss/encrypted-signed.pdf",
        "VALID",
        "INDETERMINATE",
        TRUST_TODAY + ("NO_SIGNING_CERTIFICATE_FOUND",),
        "VALID (intact, valid, ByteRange valid), opened with the empty user password (DSS1538Test)",
        EXPIRED,
    ),
    Row(
        S + "esig-dss/certipost-b-lta.pdf",
        "VALID",
        "INDETERMINATE",
        TRUST_TODAY,
        "VALID B-LTA with the Certipost anchor, validated inside the POE chain (DSS1690Test)",
        "every certificate, including the last archive TSA's (2025-01-09), has expired by "
        "2026-12 and no newer archive timestamp exists; " + SHA1_CHAIN,
        changes_allowed={"Cryptolog-846272363": True},
    ),
    Row(
        S + "esig-dss/pades-lt-three-signatures.pdf",
        "VALID",
        "INDETERMINATE",
        TRUST_TODAY,
        "VALID x3 with permitted later changes (DSS-extension and signature changes only); "
        "1x B-T, 2x B-LT (DSS2471Test)",
        EXPIRED + ". A later DSS update rewrites an existing /VRI entry (more validation data "
        "for the same signature): ETSI EN 319 142-1 §5.4.2 lets a DSS be updated with further "
        "validation data; pyHanko 0.38 alone says OTHER",
        changes_allowed={
            "Signature1": True,
            "Signature2": True,
            "Signature3": True,
            "Signature4": True,
        },
    ),
    Row(
        S + "esig-dss/pdf-double-signer-info.pdf",
        "INVALID",
        "FAILED",
        ("FORMAT_FAILURE",),
        "doubtful: DSS 1 signature intact+valid but PDF_NOT_ETSI; pyHanko refuses "
        "('signer_infos should contain exactly one entry')",
        "ETSI EN 319 142-1 §6.3 requires exactly one SignerInfo in a PAdES signature; a CMS "
        "with two cannot be attributed to one signer -> FAILED/FORMAT_FAILURE, never valid",
    ),
    Row(
        S + "esig-dss/pades-infinite-loop-damaged.pdf",
        "INDETERMINATE",
        "INDETERMINATE",
        ("FORMAT_FAILURE",),
        "INDETERMINATE/damaged: must terminate quickly (< 3 s) and not report a valid "
        "signature (PAdESInfiniteLoopTest)",
    ),
    Row(
        S + "esig-dss/bad-encoded-cms.pdf",
        "INVALID",
        "FAILED",
        ("FORMAT_FAILURE",),
        "INVALID: no parseable signature, DSS reports 0 signatures (NO_SIGNATURE_FOUND)",
        "the manifest asks to show the field as a broken signature, not as unsigned: "
        "FAILED/FORMAT_FAILURE for the field",
    ),
    Row(
        S + "esig-dss/certified-docmdp-p1.pdf",
        "VALID",
        "INDETERMINATE",
        TRUST_TODAY,
        "VALID certification (P=1, no later change) (PAdESNoChangesPermittedTest)",
        "GTE CyberTrust root (RSA-1024) expired 2018; " + SHA1_CHAIN,
        changes_allowed={"Sign993545267": True},
    ),
    Row(
        S + "esig-dss/certified-docmdp-p3.pdf",
        "VALID",
        "INDETERMINATE",
        ("NO_CERTIFICATE_CHAIN_FOUND",),
        "VALID certification (P=3, no later change)",
        NO_ROOT,
    ),
    Row(
        S + "esig-dss/pades-unsupported-signature-algorithm.pdf",
        "INVALID",
        "FAILED",
        ("SIG_CRYPTO_FAILURE", "FORMAT_FAILURE"),
        "INVALID: signature not intact/valid, encryption algorithm unknown",
    ),
    Row(
        S + "esig-dss/pades-lta-copied-doc-timestamp.pdf",
        "INVALID",
        "FAILED",
        ("HASH_FAILURE",),
        "B and T level technically valid, LTA not: document timestamp message imprint not "
        "intact (PAdESLevelLTAWithCopiedDocTstTest)",
        "the signature itself is INDETERMINATE today (" + EXPIRED + "); the document "
        "timestamp is FAILED/HASH_FAILURE and the document verdict is the worst one",
        per_sig={"Signature1": "INDETERMINATE", "Signature2": "FAILED"},
        changes_allowed={"Signature1": True},
    ),
    Row(
        S + "esig-dss/pades-bes-no-certificates.pdf",
        "INDETERMINATE",
        "INDETERMINATE",
        ("NO_SIGNING_CERTIFICATE_FOUND",),
        "INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND (pyHanko 0.38 agrees)",
    ),
    Row(
        S + "esig-dss/certified-p2-then-approval.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "doubtful: DSS 2 signatures intact and valid; pyHanko 0.38 OTHER ('only allowed after "
        "an approval signature, not a certification signature')",
        EXPIRED + ". DocMDP P=2 permits filling in forms and signing (ISO 32000-2 Table 257); "
        "a new visible signature field that is signed in the same revision is signing. "
        "pyHanko's default refuses it and documents that as stricter than Acrobat",
        changes_allowed={"Sig1": True, "Sig2": True},
    ),
    # ------------------------------------------------------------------ pyHanko
    Row(
        S + "pyhanko/coverage-anomalies_one-byterange.pdf",
        "INVALID",
        "FAILED",
        ("FORMAT_FAILURE",),
        "NOT VALID: CMS intact+valid, coverage UNCLEAR, NONSTANDARD_COVERAGE, bottom_line "
        "False (test_anomalous_coverage)",
        "ISO 32000-2 §12.8.1: the /ByteRange must cover the whole file but the /Contents "
        "value; a single range is a malformed signature -> FORMAT_FAILURE",
    ),
    Row(
        S + "pyhanko/ed448-shake256-nolen.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "VALID (intact, valid, ENTIRE_FILE, NONE), clock frozen at 2020-11-01",
        EXPIRED,
        changes_allowed={"Sig1": True},
    ),
    Row(
        S + "pyhanko/extensions-indirect-not-all-paths.pdf",
        "TAMPERED",
        "FAILED",
        ("SIG_CONSTRAINTS_FAILURE",),
        "Sig1 SuspiciousModification ('DontOverrideMe'); Sig2 valid",
        "Sig2: " + EXPIRED,
        per_sig={"Sig1": "FAILED", "Sig2": "INDETERMINATE"},
        changes_allowed={"Sig1": False},
    ),
    Row(
        S + "pyhanko/form-update-override-appearance-stream-ap-indirect.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "Sig1 modification level FORM_FILLING; Sig2 valid (no-trust context)",
        "claimed signing time is after the certificate's expiry: " + EXPIRED,
        changes_allowed={"Sig1": True},
    ),
    Row(
        S + "pyhanko/form-update-override-appearance-stream-ap-indirect-sneaky.pdf",
        "TAMPERED",
        "FAILED",
        ("SIG_CONSTRAINTS_FAILURE",),
        "Sig1 modification level OTHER ('.FooBar' in diff result); Sig2 cryptographically valid",
        "Sig2: " + EXPIRED,
        per_sig={"Sig1": "FAILED", "Sig2": "INDETERMINATE"},
        changes_allowed={"Sig1": False},
    ),
    Row(
        S + "pyhanko/minimal-signed-twice-second-created.pdf",
        "VALID",
        "PASSED",
        (),
        "VALID x2: Sig1 ENTIRE_REVISION FORM_FILLING docmdp_ok, Signature3 ENTIRE_FILE "
        "(test_double_sig_adobe_reader)",
        changes_allowed={"Sig1": True},
    ),
    Row(
        S + "pyhanko/minimal-signed-twice-no-sig-type-ecdsa.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "Sig1 FORM_FILLING (signature without /Type counts as form filling); Sig2 valid",
        EXPIRED,
        changes_allowed={"Sig1": True},
    ),
    Row(
        S + "pyhanko/sig-no-signed-attrs.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "VALID (intact, valid, ENTIRE_FILE); not a PAdES baseline signature",
        EXPIRED,
    ),
    Row(
        S + "pyhanko/pades-old-style-signing-cert-attr-issser.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "VALID + TRUSTED at 2020-11-01 (test_old_style_signing_cert_attr_ok)",
        EXPIRED,
    ),
    # ------------------------------------------------------------------ PDF-Insecurity
    Row(
        S + "pdf-insecurity/hide-form-via-form_3_signed.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "VALID (attack step 3: signed, not yet manipulated)",
        "the self-signed signer certificate is its own anchor but expired 2026-07-15; the "
        "validity of the signing certificate is checked even when it is an anchor "
        "(EN 319 102-1 §5.2.6, as DSS does): " + EXPIRED,
    ),
    Row(
        S + "pdf-insecurity/hide-form-via-form_4_manipulated.pdf",
        "TAMPERED",
        "INDETERMINATE",
        ("FORMAT_FAILURE",),
        "TAMPERED (shadow attack 'hide', step 4); poppler 'Signature is Valid' (insufficient), "
        "pyHanko cannot parse the manipulated xref - 'a verifier must report modified/unknown, "
        "never plain valid'",
        "the later revision's cross-reference offsets point into other objects: pyHanko cannot "
        "read the objects it redefines, and poppler's repair renders the signed content, so "
        "neither the object comparison nor the rendering can show the change. The signed "
        "revision verifies on its own bytes: INDETERMINATE/FORMAT_FAILURE with "
        "later_revision_unreadable (the issue: INDETERMINATE where the signed revision is sound)",
    ),
    Row(
        S + "pdf-insecurity/replace-via-overwrite_3_signed.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "VALID (attack step 3)",
        EXPIRED,
    ),
    Row(
        S + "pdf-insecurity/replace-via-overwrite_4_manipulated.pdf",
        "TAMPERED",
        "FAILED",
        ("SIG_CONSTRAINTS_FAILURE",),
        "TAMPERED (shadow attack 'replace', step 4); pyHanko reader error (object ID mismatch)",
        "only the signed revision can be read by pyHanko; the visual comparison (poppler) "
        "shows page 1 changed",
    ),
    # ------------------------------------------------------------------ PDF-Certification
    Row(
        S + "pdf-certification/01_NDA_cert_p2_original.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "VALID certification (P=2), whole file",
        EXPIRED,
    ),
    Row(
        S + "pdf-certification/02_NDA_cert_p2_sign_original.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "VALID x2: certification (P=2) then a permitted approval signature",
        EXPIRED + ". The file is linearized: its first-page and main cross-reference sections "
        "form one revision (ISO 32000-2 Annex F), which the certification signature covers "
        "entirely; pyHanko 0.38 alone says CONTIGUOUS_BLOCK_FROM_START",
        changes_allowed={"Signature4": True},
    ),
    Row(
        S + "pdf-certification/03_NDA_cert_p2_sign_manipulate.pdf",
        "TAMPERED",
        "FAILED",
        ("SIG_CONSTRAINTS_FAILURE",),
        "TAMPERED: certification intact, the approval field lost its value but keeps its "
        "signature appearance; never 'all signatures valid'",
        "a visible signature field added after a certification signature without being signed "
        "is not 'signing' (ISO 32000-2 Table 257, P=2)",
        changes_allowed={"Signature4": False},
    ),
    Row(
        S + "pdf-certification/minimal_cert.pdf",
        "VALID",
        "INDETERMINATE",
        ("OUT_OF_BOUNDS_NO_POE",),
        "VALID certification (whole file)",
        EXPIRED,
    ),
    Row(
        S + "pdf-certification/minimal_cert_invalid.pdf",
        "INVALID",
        "FAILED",
        ("HASH_FAILURE",),
        "INVALID (digest mismatch)",
    ),
    # ------------------------------------------------------------------ SiVa
    Row(
        S + "siva/hellopades-lt-sha256-rsa1023.pdf",
        "INDETERMINATE",
        "INDETERMINATE",
        TRUST_TODAY,
        "INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
        SHA1_CHAIN + "; " + EXPIRED,
    ),
    Row(
        S + "siva/hellopades-lt-sha256-rsa1024.pdf",
        "VALID",
        "INDETERMINATE",
        TRUST_TODAY,
        "TOTAL-PASSED under SiVa POLv3 (2015-era policy)",
        SHA1_CHAIN + "; " + EXPIRED,
    ),
    Row(
        S + "siva/hellopades-lt-sha256-ec256.pdf",
        "VALID",
        "INDETERMINATE",
        TRUST_TODAY,
        "TOTAL-PASSED, PAdES_BASELINE_LT, QESIG",
        SHA1_CHAIN + "; " + EXPIRED + ". Its document timestamp has no /Type /DocTimeStamp "
        "(ISO 32000-2 Table 255 requires it); like DSS and SiVa we recognise it by "
        "SubFilter ETSI.RFC3161",
        changes_allowed={"Signature1": True},
    ),
    Row(
        S + "siva/hellopades-lt-sha256-ec224.pdf",
        "INDETERMINATE",
        "INDETERMINATE",
        TRUST_TODAY,
        "INDETERMINATE ('ECDSA with key size 224 is too small')",
        SHA1_CHAIN + "; " + EXPIRED,
    ),
    Row(
        S + "siva/hellopades-lt1-lt2-wrongDigestValue.pdf",
        "INVALID",
        "FAILED",
        ("HASH_FAILURE",),
        "signatures[1] TOTAL-FAILED / HASH_FAILURE; validSignaturesCount 1 of 2",
        "the first signature is INDETERMINATE today (" + EXPIRED + ")",
        per_sig={"Signature1": "INDETERMINATE", "Signature3": "FAILED"},
    ),
    Row(
        S + "siva/hellopades-lt-sha256-rsa2048-ocsp-before-ts.pdf",
        "INDETERMINATE",
        "INDETERMINATE",
        TRUST_TODAY,
        "TOTAL-FAILED ('OCSP response production time is before timestamp time', Estonian policy)",
        "the freshness rule is SiVa's national policy; under EN 319 102-1 stale revocation data "
        "is INDETERMINATE, not FAILED; " + EXPIRED,
    ),
]

# genuine Vietnamese government-signed results: never FAILED (nothing forged here)
_VN = (
    "real/nom-vn/sources/cv_3722_metro.pdf",
    "real/nom-vn/sources/nq_115_ba_vi.pdf",
    "real/nom-vn/sources/qd_707_ttg.pdf",
    "real/nom-vn/sources/qd_729_ttg.pdf",
    "real/nom-vn/sources/tt_21_bct_fuel.pdf",
    "real/quangduyxyz-ocr-local-vbhc/qn_ct05_2020_100dpi.pdf",
    "real/quangduyxyz-ocr-local-vbhc/qn_ct07_2018_bilevel.pdf",
    "real/quangduyxyz-ocr-local-vbhc/qn_ct08_2018_bilevel_stamp.pdf",
    "real/quangduyxyz-ocr-local-vbhc/qn_ct11_2021_mixed.pdf",
    "real/quangduyxyz-ocr-local-vbhc/qn_cv575_2025_colour.pdf",
)
VN_ROWS = [
    Row(
        f,
        "VALID",
        "PASSED|INDETERMINATE",
        (),
        "genuine government-signed PDF (pdfsig: 'Signature is Valid', whole document signed)",
        "PASSED where the chain reaches the shipped Vietnamese roots; INDETERMINATE where it "
        "does not (an issuer outside the bundle, a SHA-1 CA certificate); never FAILED",
    )
    for f in _VN
]
