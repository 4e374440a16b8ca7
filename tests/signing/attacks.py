"""Attack / edge-case corpus generated from our own signed files, with the expected verdict.

Each case: (name, path, expected document indication, allowed sub-indications, policy kwargs).
Cases follow the known PDF signature attacks (Mladenov et al., "1 Trillion Dollar Refund",
and the shadow-attack paper): incremental saving attack, shadow hide / replace /
hide-and-replace, signature wrapping, universal signature forgery, plus appended bytes, a broken
second signature, unsigned and untrusted files, revoked and expired signers.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    indication: str
    sub: tuple[str, ...] = ()
    policy: dict = field(default_factory=dict)
    per_signature: tuple[str, ...] | None = None  # expected indication of each signature
    pdfsig_valid: tuple[bool | None, ...] | None = None  # pdfsig per signature, if conclusive


def _incremental(src: Path, dst: Path, mutate) -> Path:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(src.read_bytes()), strict=False)
    mutate(w)
    out = io.BytesIO()
    w.write(out)
    dst.write_bytes(out.getvalue())
    return dst


def _page(w, i=0):
    pages = w.root["/Pages"]
    ref = pages.raw_get("/Kids")[i]
    return ref, ref.get_object()


def _stream(w, content: bytes):
    from pyhanko.pdf_utils import generic

    return w.add_object(generic.StreamObject(stream_data=content))


def build_corpus(pki, sample_pdf: Path, d: Path) -> list[Case]:
    import pki as pki_mod
    from pyhanko.pdf_utils import generic

    import signing

    d.mkdir(parents=True, exist_ok=True)
    h = signing.load_pkcs12(pki.p12_path("signer"), pki_mod.P12_PASSWORD)
    lt = signing.sign_pdf(
        sample_pdf, d / "valid-b-lt.pdf", h, level="B-LT", tsa_url=pki.tsa_url
    ).output
    bt = signing.sign_pdf(
        sample_pdf, d / "valid-b-t.pdf", h, level="B-T", tsa_url=pki.tsa_url
    ).output
    cases = [
        Case("valid B-LT", lt, "PASSED", pdfsig_valid=(True,)),
        Case("valid B-T (no revocation data: warning only)", bt, "PASSED", pdfsig_valid=(True,)),
        Case(
            "valid B-T, policy hard-fails missing revocation",
            bt,
            "INDETERMINATE",
            ("TRY_LATER",),
            policy={"missing_basic": "FAIL"},
        ),
    ]
    lta = signing.sign_pdf(
        sample_pdf, d / "valid-b-lta.pdf", h, level="B-LTA", tsa_url=pki.tsa_url
    ).output
    cases.append(Case("valid B-LTA", lta, "PASSED", per_signature=("PASSED", "PASSED")))

    # 1. one byte changed inside the signed range
    data = bytearray(bt.read_bytes())
    i = data.index(b"GIAY CHUNG NHAN")
    data[i + 1] = ord("X")
    (d / "byte-changed.pdf").write_bytes(bytes(data))
    cases.append(
        Case(
            "one byte changed",
            d / "byte-changed.pdf",
            "FAILED",
            ("HASH_FAILURE",),
            pdfsig_valid=(False,),
        )
    )

    # 2. bytes appended after %%EOF (no new revision)
    (d / "appended.pdf").write_bytes(bt.read_bytes() + b"\n% appended after signing\n" + b"X" * 64)
    cases.append(Case("bytes appended", d / "appended.pdf", "FAILED", ("SIG_CONSTRAINTS_FAILURE",)))

    # 3. incremental saving attack: new page content in an incremental update
    def isa(w):
        ref, page = _page(w)
        page["/Contents"] = _stream(w, b"BT /F1 14 Tf 1 0 0 1 200 600 Tm (DA THAY DOI) Tj ET")
        w.update_container(page)

    cases.append(
        Case(
            "incremental saving attack (content replaced)",
            _incremental(lt, d / "isa.pdf", isa),
            "FAILED",
            ("SIG_CONSTRAINTS_FAILURE",),
        )
    )

    # 4. annotation added after signing (FreeText covering text)
    def annot(w):
        ref, page = _page(w)
        a = w.add_object(
            generic.DictionaryObject(
                {
                    generic.NameObject("/Type"): generic.NameObject("/Annot"),
                    generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
                    generic.NameObject("/Rect"): generic.ArrayObject(
                        [generic.NumberObject(v) for v in (150, 680, 450, 720)]
                    ),
                    generic.NameObject("/Contents"): generic.TextStringObject("GIAY GIA"),
                    generic.NameObject("/DA"): generic.TextStringObject("/Helv 14 Tf 0 g"),
                }
            )
        )
        page["/Annots"] = generic.ArrayObject([a])
        w.update_container(page)

    cases.append(
        Case(
            "annotation added after signing",
            _incremental(lt, d / "annot.pdf", annot),
            "FAILED",
            ("SIG_CONSTRAINTS_FAILURE",),
        )
    )

    # 5. shadow attacks (content prepared so a later update hides/replaces it)
    def shadow_hide(w):  # draw a white box over the title: hide
        ref, page = _page(w)
        old = page.raw_get("/Contents")
        page["/Contents"] = generic.ArrayObject([old, _stream(w, b"1 g 150 690 300 40 re f")])
        w.update_container(page)

    def shadow_replace(w):  # override the existing content stream object: replace
        ref, page = _page(w)
        cref = page.raw_get("/Contents")
        if isinstance(cref, generic.ArrayObject):
            cref = cref[0]
        stream = cref.get_object()  # same object number, new body
        stream._data = b"BT /F1 14 Tf 1 0 0 1 200 700 Tm (GIAY GIA MAO) Tj ET"
        stream._encoded_data = None
        stream.pop("/Filter", None)
        w.mark_update(cref)

    def shadow_hide_replace(w):  # new resources + new content
        ref, page = _page(w)
        res = page["/Resources"]
        fonts = res["/Font"]
        fonts["/F2"] = fonts.raw_get("/F1")
        w.update_container(page)
        page["/Contents"] = _stream(w, b"BT /F2 14 Tf 1 0 0 1 200 700 Tm (THAY TOAN BO) Tj ET")

    for nm, fn in (
        ("hide", shadow_hide),
        ("replace", shadow_replace),
        ("hide-and-replace", shadow_hide_replace),
    ):
        try:
            path = _incremental(lt, d / f"shadow-{nm}.pdf", fn)
        except Exception as exc:  # pragma: no cover - the generator itself must work
            raise RuntimeError(f"cannot build shadow-{nm}: {exc}") from exc
        cases.append(Case(f"shadow attack: {nm}", path, "FAILED", ("SIG_CONSTRAINTS_FAILURE",)))

    # 6. signature wrapping: ByteRange changed (same length) to point elsewhere
    raw = bt.read_bytes()
    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", raw)
    a, b, c, e = (int(x) for x in m.groups())
    new_br = f"/ByteRange [{a} {b} {c - 10} {e + 10}]".encode()
    new_br = new_br.ljust(m.end() - m.start())
    (d / "wrapping.pdf").write_bytes(raw[: m.start()] + new_br + raw[m.end() :])
    cases.append(
        Case(
            "signature wrapping (ByteRange moved)",
            d / "wrapping.pdf",
            "FAILED",
            ("HASH_FAILURE", "FORMAT_FAILURE", "SIG_CRYPTO_FAILURE"),
            pdfsig_valid=(False,),
        )
    )

    # 7. universal signature forgery: /Contents zeroed; /ByteRange null
    cm = re.search(rb"/Contents\s*<([0-9A-Fa-f]{1000,})>", raw)
    s0 = cm.start(1)
    zero = raw[:s0] + b"0" * len(cm.group(1)) + raw[s0 + len(cm.group(1)) :]
    (d / "usf-contents.pdf").write_bytes(zero)
    cases.append(
        Case(
            "USF: empty /Contents",
            d / "usf-contents.pdf",
            "FAILED",
            ("FORMAT_FAILURE", "SIG_CRYPTO_FAILURE", "HASH_FAILURE"),
        )
    )
    nul = raw[: m.start()] + b"/ByteRange null".ljust(m.end() - m.start()) + raw[m.end() :]
    (d / "usf-byterange.pdf").write_bytes(nul)
    cases.append(
        Case("USF: /ByteRange null", d / "usf-byterange.pdf", "FAILED", ("FORMAT_FAILURE",))
    )

    # 8. two signatures, the second broken
    two = signing.sign_pdf(bt, d / "two.pdf", h, level="B-T", tsa_url=pki.tsa_url).output
    raw2 = two.read_bytes()
    # change one digit of the second signature's /M (inside its signed range only)
    mm = re.search(rb"(\d{14})", raw2[raw2.rindex(b"/M (D") :])
    j = raw2.rindex(b"/M (D") + mm.end(1) - 1  # last digit of the seconds
    flip = b"0" if raw2[j : j + 1] != b"0" else b"1"
    (d / "two-broken.pdf").write_bytes(raw2[:j] + flip + raw2[j + 1 :])
    cases.append(
        Case(
            "two signatures, second broken",
            d / "two-broken.pdf",
            "FAILED",
            ("SIG_CRYPTO_FAILURE", "FORMAT_FAILURE", "HASH_FAILURE"),
            per_signature=("PASSED", "FAILED"),
        )
    )
    cases.append(Case("two valid signatures", two, "PASSED", per_signature=("PASSED", "PASSED")))

    # 9. unsigned
    cases.append(Case("unsigned PDF", sample_pdf, "FAILED", ("NO_SIGNATURE",)))

    # 10. untrusted: the demo certificate
    from signing.demo import load_demo_signer

    demo = load_demo_signer(d / "appdata")
    dp = signing.sign_pdf(sample_pdf, d / "demo.pdf", demo, level="B-B").output
    cases.append(
        Case("demo certificate (untrusted)", dp, "INDETERMINATE", ("NO_CERTIFICATE_CHAIN_FOUND",))
    )

    # 11. revoked signer (signed B-T after the revocation date), revocation fetched online
    rv = signing.load_pkcs12(pki.p12_path("signer-revoked"), pki_mod.P12_PASSWORD)
    rp = signing.sign_pdf(
        sample_pdf, d / "revoked.pdf", rv, level="B-T", tsa_url=pki.tsa_url
    ).output
    cases.append(
        Case(
            "revoked signer (online check)",
            rp,
            "FAILED",
            ("REVOKED",),
            policy={"allow_fetching": True},
        )
    )

    # 12. expired signer: bare pyHanko (our signer refuses it)
    cases.append(
        Case(
            "expired signer",
            _bare_sign(pki, sample_pdf, d / "expired.pdf", "signer-expired"),
            "INDETERMINATE",
            ("OUT_OF_BOUNDS_NO_POE",),
            policy={"allow_fetching": True},
        )
    )
    return cases


def _bare_sign(pki, src: Path, dst: Path, label: str) -> Path:
    """Sign with pyHanko directly, no checks (to produce files our signer refuses to make)."""
    import pki as pki_mod
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    s = signers.SimpleSigner.load_pkcs12(
        str(pki.p12_path(label)), passphrase=pki_mod.P12_PASSWORD.encode()
    )
    w = IncrementalPdfFileWriter(io.BytesIO(src.read_bytes()), strict=False)
    out = io.BytesIO()
    signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name="Signature1", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
        ),
        signer=s,
        timestamper=timestamps.HTTPTimeStamper(pki.tsa_url),
    ).sign_pdf(w, output=out)
    dst.write_bytes(out.getvalue())
    return dst


# ------------------------------------------------------------------ issue 14: DocMDP / LTV /
# spoofing cases made with pyHanko and by editing PDFs (incremental updates)


def _annot(w, rect, text: str, *, ap: bytes | None = None):
    """A FreeText annotation (with its own appearance stream when ``ap`` is given)."""
    from pyhanko.pdf_utils import generic

    n = generic.NameObject
    d = generic.DictionaryObject(
        {
            n("/Type"): n("/Annot"),
            n("/Subtype"): n("/FreeText"),
            n("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in rect]),
            n("/Contents"): generic.TextStringObject(text),
            n("/DA"): generic.TextStringObject("/Helv 14 Tf 0 g"),
            n("/F"): generic.NumberObject(4),
        }
    )
    if ap is not None:
        x0, y0, x1, y1 = rect
        stream = generic.StreamObject(
            {
                n("/Type"): n("/XObject"),
                n("/Subtype"): n("/Form"),
                n("/BBox"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, x1 - x0, y1 - y0)]
                ),
            },
            stream_data=ap,
        )
        d[n("/AP")] = generic.DictionaryObject({n("/N"): w.add_object(stream)})
    return w.add_object(d)


def _append_annot(w, ref):
    from pyhanko.pdf_utils import generic

    _, page = _page(w)
    annots = page.get("/Annots")
    if annots is None:
        page["/Annots"] = generic.ArrayObject([ref])
    else:
        annots = annots.get_object()
        annots.append(ref)
        raw = page.raw_get("/Annots")
        if isinstance(raw, generic.IndirectObject):
            w.mark_update(raw)
    w.update_container(page)


def _certify(pki, src: Path, dst: Path, *, empty_field: str | None = None) -> Path:
    """Certification signature, DocMDP P=2, optionally with an empty visible signature field
    created in the same revision (the usual "certify, then let the approver sign" form)."""
    import pki as pki_mod
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    s = signers.SimpleSigner.load_pkcs12(
        str(pki.p12_path("signer")), passphrase=pki_mod.P12_PASSWORD.encode()
    )
    w = IncrementalPdfFileWriter(io.BytesIO(src.read_bytes()), strict=False)
    if empty_field:
        fields.append_signature_field(
            w, fields.SigFieldSpec(empty_field, on_page=0, box=(360, 60, 560, 120))
        )
    out = io.BytesIO()
    signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name="Certification",
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            certify=True,
            docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        ),
        signer=s,
        timestamper=timestamps.HTTPTimeStamper(pki.tsa_url),
    ).sign_pdf(w, output=out)
    dst.write_bytes(out.getvalue())
    return dst


def _approve_into(pki, src: Path, dst: Path, field: str, *, dr_font: bool) -> Path:
    """Approval signature into an existing empty field; with ``dr_font`` the same revision
    adds /Helv to /AcroForm /DR, as Adobe Acrobat does when it fills a field."""
    import pki as pki_mod
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    s = signers.SimpleSigner.load_pkcs12(
        str(pki.p12_path("signer")), passphrase=pki_mod.P12_PASSWORD.encode()
    )
    w = IncrementalPdfFileWriter(io.BytesIO(src.read_bytes()), strict=False)
    if dr_font:
        n = generic.NameObject
        helv = w.add_object(
            generic.DictionaryObject(
                {
                    n("/Type"): n("/Font"),
                    n("/Subtype"): n("/Type1"),
                    n("/BaseFont"): n("/Helvetica"),
                    n("/Encoding"): n("/WinAnsiEncoding"),
                }
            )
        )
        raw = w.root.raw_get("/AcroForm")
        form = raw.get_object()
        form["/DR"] = generic.DictionaryObject(
            {n("/Font"): generic.DictionaryObject({n("/Helv"): helv})}
        )
        form["/DA"] = generic.TextStringObject("/Helv 0 Tf 0 g")
        if isinstance(raw, generic.IndirectObject):
            w.mark_update(raw)
        else:
            w.update_root()
    out = io.BytesIO()
    signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=field, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
        ),
        signer=s,
        timestamper=timestamps.HTTPTimeStamper(pki.tsa_url),
    ).sign_pdf(w, output=out, existing_fields_only=True)
    dst.write_bytes(out.getvalue())
    return dst


def _spoof(src: Path, dst: Path, *, break_trailer: bool) -> Path:
    """Signature spoofing: a later revision adds a *new* visible signature field whose /V is
    the signature dictionary of revision 1 (so the old signature seems to sign the new field).
    ``break_trailer``: the new trailer also carries an /Encrypt that is not a dictionary, so
    that pyHanko cannot open the final file at all."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(src.read_bytes()), strict=False)
    n = generic.NameObject
    form = w.root["/AcroForm"]
    old_field = form["/Fields"][0].get_object()
    page_ref, page = _page(w)
    ap = w.add_object(
        generic.StreamObject(
            {
                n("/Type"): n("/XObject"),
                n("/Subtype"): n("/Form"),
                n("/BBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 200, 40)]),
            },
            stream_data=b"0 0 1 rg 0 0 200 40 re f",
        )
    )
    spoof = w.add_object(
        generic.DictionaryObject(
            {
                n("/Type"): n("/Annot"),
                n("/Subtype"): n("/Widget"),
                n("/FT"): n("/Sig"),
                n("/T"): generic.TextStringObject("ChuKyGiaMao"),
                n("/V"): old_field.raw_get("/V"),
                n("/F"): generic.NumberObject(4),
                n("/P"): page_ref,
                n("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (60, 500, 260, 540)]
                ),
                n("/AP"): generic.DictionaryObject({n("/N"): ap}),
            }
        )
    )
    form["/Fields"].append(spoof)
    raw = w.root.raw_get("/AcroForm")
    if isinstance(raw, generic.IndirectObject):
        w.mark_update(raw)
    else:
        w.update_root()
    _append_annot(w, spoof)
    num = w.add_object(generic.NumberObject(1)) if break_trailer else None
    out = io.BytesIO()
    w.write(out)
    data = out.getvalue()
    if num is not None:
        # edit the new trailer by hand (pyHanko's writer would refuse to read it back);
        # the trailer follows the xref table, so no offset moves
        i = data.index(b"<<", data.rindex(b"trailer")) + 2
        data = data[:i] + f"/Encrypt {num.idnum} 0 R ".encode() + data[i:]
    dst.write_bytes(data)
    return dst


def build_issue14_cases(pki, sample_pdf: Path, d: Path) -> list[Case]:
    """DocMDP, annotation, spoofing and LTV cases for the modification policy (signing.mdp)."""
    import pki as pki_mod

    import signing

    d.mkdir(parents=True, exist_ok=True)
    h = signing.load_pkcs12(pki.p12_path("signer"), pki_mod.P12_PASSWORD)
    bt = signing.sign_pdf(sample_pdf, d / "b-t.pdf", h, level="B-T", tsa_url=pki.tsa_url).output
    cases = []

    # approval signature, then a FreeText annotation over the title / in the margin
    def over_title(w):
        _append_annot(w, _annot(w, (150, 690, 450, 725), "GIAY GIA", ap=b"1 g 0 0 300 35 re f"))

    def in_margin(w):
        _append_annot(w, _annot(w, (20, 20, 120, 50), "da xem", ap=b"0 0 1 RG 1 1 98 28 re S"))

    cases.append(
        Case(
            "annotation over signed text (approval signature)",
            _incremental(bt, d / "annot-over.pdf", over_title),
            "FAILED",
            ("SIG_CONSTRAINTS_FAILURE",),
        )
    )
    cases.append(
        Case(
            "annotation in the margin (approval signature)",
            _incremental(bt, d / "annot-margin.pdf", in_margin),
            "PASSED",
        )
    )

    # certification P=2: an annotation is not permitted; an approval signature into the
    # pre-existing empty field, with Acrobat's /DR /Helv update, is (the issue's case)
    cert = _certify(pki, sample_pdf, d / "certified.pdf", empty_field="Approval")
    cases.append(
        Case(
            "certified P=2, then an annotation in the margin",
            _incremental(cert, d / "cert-annot.pdf", in_margin),
            "FAILED",
            ("SIG_CONSTRAINTS_FAILURE",),
        )
    )
    cases.append(
        Case(
            "certified P=2, approval into the empty field with /AcroForm /DR update",
            _approve_into(pki, cert, d / "cert-approved.pdf", "Approval", dr_font=True),
            "PASSED",
            per_signature=("PASSED", "PASSED"),
        )
    )

    # a page added after signing
    def add_page(w):
        from pyhanko.pdf_utils import generic

        pages = w.root["/Pages"]
        _, first = _page(w)
        newp = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Page"),
                generic.NameObject("/Parent"): w.root.raw_get("/Pages"),
                generic.NameObject("/MediaBox"): first["/MediaBox"],
                generic.NameObject("/Contents"): _stream(
                    w, b"BT /F1 14 Tf 60 700 Td (PHU LUC) Tj ET"
                ),
                generic.NameObject("/Resources"): first["/Resources"],
            }
        )
        pages["/Kids"].append(w.add_object(newp))
        pages["/Count"] = generic.NumberObject(pages["/Count"] + 1)
        w.update_container(pages)

    cases.append(
        Case(
            "page added after signing",
            _incremental(bt, d / "page-added.pdf", add_page),
            "FAILED",
            ("SIG_CONSTRAINTS_FAILURE",),
        )
    )

    # signature spoofing (the issue's third miss), readable and with a broken trailer
    for broken in (False, True):
        nm = "signature spoofing" + (" with an /Encrypt that is not a dictionary" if broken else "")
        cases.append(
            Case(
                nm,
                _spoof(bt, d / f"spoof-{int(broken)}.pdf", break_trailer=broken),
                "FAILED",
                ("FORMAT_FAILURE", "SIG_CONSTRAINTS_FAILURE"),
            )
        )
    return cases


def build_edit_cases(pki, sample_pdf: Path, d: Path) -> list[Case]:
    """Incremental edits of a signed file: a /Reason written into the signature field, an
    annotation that was present when signing moved over the title."""
    import pki as pki_mod
    from pyhanko.pdf_utils import generic

    import signing

    d.mkdir(parents=True, exist_ok=True)
    h = signing.load_pkcs12(pki.p12_path("signer"), pki_mod.P12_PASSWORD)

    def with_note(w):
        _append_annot(w, _annot(w, (20, 20, 120, 50), "da xem", ap=b"0 0 1 RG 1 1 98 28 re S"))

    noted = _incremental(sample_pdf, d / "noted.pdf", with_note)
    bt = signing.sign_pdf(noted, d / "noted-b-t.pdf", h, level="B-T", tsa_url=pki.tsa_url).output

    def reason(w):
        from pyhanko.sign.fields import enumerate_sig_fields

        _name, sig_obj, _field = next(enumerate_sig_fields(w.prev, filled_status=True))
        ref = sig_obj.container_ref
        obj = w.get_object(ref)
        obj["/Reason"] = generic.TextStringObject("Đã hủy")
        w.mark_update(generic.IndirectObject(ref.idnum, ref.generation, w))

    def move(w):
        _, page = _page(w)
        for a in page["/Annots"]:
            obj = a.get_object()
            if obj.get("/Subtype") == "/FreeText":
                obj["/Rect"] = generic.ArrayObject(
                    [generic.FloatObject(v) for v in (150, 690, 250, 720)]
                )
                w.mark_update(a)

    return [
        Case(
            "signature field edited after signing (/Reason added)",
            _incremental(bt, d / "reason.pdf", reason),
            "FAILED",
            ("FORMAT_FAILURE", "SIG_CONSTRAINTS_FAILURE", "HASH_FAILURE"),
        ),
        Case(
            "annotation moved over the title after signing",
            _incremental(bt, d / "moved.pdf", move),
            "FAILED",
            ("SIG_CONSTRAINTS_FAILURE",),
        ),
    ]
