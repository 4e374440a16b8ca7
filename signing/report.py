"""Turn a :class:`~signing.verify.VerificationReport` into words: text (Vietnamese by default,
English on request), the stable JSON format (schema ``digitizer.verify/1``, see
README.md, "Signing and verification"), a printable HTML page, and a CSV summary for batches.
"""

from __future__ import annotations

import csv
import html
import io
from datetime import datetime

from .stamp import format_signing_time
from .verify import SignatureReport, VerificationReport

SCHEMA = "digitizer.verify/1"

T = {
    "vi": {
        "file": "Tệp",
        "verdict": "Kết luận",
        "PASSED": "HỢP LỆ",
        "FAILED": "KHÔNG HỢP LỆ",
        "INDETERMINATE": "CHƯA XÁC ĐỊNH",
        "signature": "Chữ ký",
        "document_timestamp": "Dấu thời gian tài liệu",
        "signer": "Người ký",
        "organization": "Cơ quan/tổ chức",
        "issuer": "Tổ chức cấp chứng thư",
        "serial": "Số hiệu chứng thư",
        "fingerprint": "Dấu vân tay SHA-256",
        "validity": "Thời hạn chứng thư",
        "claimed_time": "Thời gian ký (do người ký khai)",
        "timestamp": "Dấu thời gian",
        "tsa": "đơn vị cấp dấu thời gian",
        "level": "Mức PAdES",
        "integrity": "Toàn vẹn nội dung",
        "coverage": "Phạm vi ký",
        "changes": "Thay đổi sau khi ký",
        "trust": "Tin cậy",
        "chain": "Chuỗi chứng thư",
        "revocation": "Tình trạng thu hồi",
        "valid_at_signing": "Chứng thư có hiệu lực tại thời điểm ký",
        "key_usage": "Mục đích sử dụng khóa cho phép ký",
        "notes": "Ghi chú",
        "yes": "có",
        "no": "không",
        "unknown": "không xác định",
        "none": "không có",
        "good": "chưa bị thu hồi",
        "revoked": "ĐÃ BỊ THU HỒI",
        "not_checked": "chưa kiểm tra",
        "embedded": "dữ liệu trong tệp",
        "online": "tra cứu trực tuyến",
        "ENTIRE_FILE": "toàn bộ tệp",
        "ENTIRE_REVISION": "toàn bộ phiên bản đã ký (có cập nhật sau)",
        "allowed": "chỉ bổ sung dữ liệu xác thực/dấu thời gian hoặc chữ ký mới (được phép)",
        "not_allowed": "CÓ THAY ĐỔI NỘI DUNG (không được phép)",
        "trusted_to": "chuỗi tới chứng thư gốc tin cậy",
        "untrusted": "không xây dựng được chuỗi tới chứng thư gốc tin cậy",
        "policy": "Chính sách kiểm tra",
        "verified_at": "Thời điểm kiểm tra",
        "title": "Báo cáo kiểm tra chữ ký số",
        "summary": "Tổng hợp",
        "files": "tệp",
        "revision": "phiên bản",
        "later": "cập nhật sau",
        "page": "Trang",
        "signed_rev": "phiên bản đã ký",
        "final_file": "tệp hiện tại",
    },
    "en": {
        "file": "File",
        "verdict": "Verdict",
        "PASSED": "PASSED",
        "FAILED": "FAILED",
        "INDETERMINATE": "INDETERMINATE",
        "signature": "Signature",
        "document_timestamp": "Document timestamp",
        "signer": "Signer",
        "organization": "Organisation",
        "issuer": "Issuer",
        "serial": "Serial number",
        "fingerprint": "SHA-256 fingerprint",
        "validity": "Certificate validity",
        "claimed_time": "Claimed signing time",
        "timestamp": "Timestamp",
        "tsa": "TSA",
        "level": "PAdES level",
        "integrity": "Integrity",
        "coverage": "Coverage",
        "changes": "Changes after signing",
        "trust": "Trust",
        "chain": "Chain",
        "revocation": "Revocation",
        "valid_at_signing": "Certificate valid at signing time",
        "key_usage": "Key usage allows signing",
        "notes": "Notes",
        "yes": "yes",
        "no": "no",
        "unknown": "unknown",
        "none": "none",
        "good": "not revoked",
        "revoked": "REVOKED",
        "not_checked": "not checked",
        "embedded": "embedded data",
        "online": "fetched online",
        "ENTIRE_FILE": "entire file",
        "ENTIRE_REVISION": "entire signed revision (later updates present)",
        "allowed": "only validation data/timestamps or new signatures (allowed)",
        "not_allowed": "CONTENT CHANGED (not allowed)",
        "trusted_to": "chains to trust anchor",
        "untrusted": "no chain to a trust anchor",
        "policy": "Validation policy",
        "verified_at": "Verified at",
        "title": "Signature verification report",
        "summary": "Summary",
        "files": "files",
        "revision": "revision",
        "later": "later updates",
        "page": "Page",
        "signed_rev": "signed revision",
        "final_file": "file now",
    },
}

SUB = {
    "vi": {
        "HASH_FAILURE": "nội dung đã bị thay đổi sau khi ký (sai mã băm)",
        "SIG_CRYPTO_FAILURE": "chữ ký số không đúng về mặt mật mã",
        "FORMAT_FAILURE": "chữ ký sai định dạng hoặc bị giả mạo cấu trúc",
        "SIG_CONSTRAINTS_FAILURE": "tài liệu bị sửa đổi sau khi ký hoặc không đạt yêu cầu của "
        "chính sách",
        "REVOKED": "chứng thư số đã bị thu hồi trước thời điểm ký",
        "REVOKED_NO_POE": "chứng thư số đã bị thu hồi, không có bằng chứng ký trước đó",
        "NO_CERTIFICATE_CHAIN_FOUND": "không xây dựng được chuỗi tới chứng thư gốc tin cậy",
        "CERTIFICATE_CHAIN_GENERAL_FAILURE": "lỗi khi kiểm tra chuỗi chứng thư",
        "TRY_LATER": "chưa kiểm tra được tình trạng thu hồi (OCSP/CRL), hãy thử lại sau",
        "OUT_OF_BOUNDS_NO_POE": "chứng thư số hết hạn hoặc chưa có hiệu lực, không có bằng "
        "chứng thời điểm ký",
        "OUT_OF_BOUNDS_NOT_REVOKED": "chứng thư số hết hạn (không bị thu hồi)",
        "CHAIN_CONSTRAINTS_FAILURE": "chứng thư số không đáp ứng ràng buộc (mục đích khóa)",
        "NO_SIGNATURE": "tài liệu không có chữ ký số",
    },
    "en": {
        "HASH_FAILURE": "the content was changed after signing (digest mismatch)",
        "SIG_CRYPTO_FAILURE": "the cryptographic signature is wrong",
        "FORMAT_FAILURE": "malformed or forged signature structure",
        "SIG_CONSTRAINTS_FAILURE": "document modified after signing, or policy constraint not met",
        "REVOKED": "certificate revoked before the signing time",
        "REVOKED_NO_POE": "certificate revoked, no proof of earlier signing",
        "NO_CERTIFICATE_CHAIN_FOUND": "no chain to a trust anchor",
        "CERTIFICATE_CHAIN_GENERAL_FAILURE": "certificate chain check failed",
        "TRY_LATER": "revocation status (OCSP/CRL) not available, try later",
        "OUT_OF_BOUNDS_NO_POE": "certificate expired or not yet valid, no proof of signing time",
        "OUT_OF_BOUNDS_NOT_REVOKED": "certificate expired (not revoked)",
        "CHAIN_CONSTRAINTS_FAILURE": "certificate does not meet constraints (key usage)",
        "NO_SIGNATURE": "the document carries no signature",
    },
}

FINDINGS = {
    "vi": {
        "revocation_unknown": "không có dữ liệu OCSP/CRL để kiểm tra thu hồi",
        "digest_mismatch": "sai mã băm: nội dung đã bị thay đổi",
        "signature_invalid": "chữ ký số không đúng",
        "modified_after_signing": "nội dung bị thay đổi sau khi ký",
        "bytes_appended": "có dữ liệu được nối thêm sau khi ký, không được chữ ký nào bảo vệ",
        "revoked": "chứng thư số đã bị thu hồi",
        "revoked_after_signing": "chứng thư số bị thu hồi sau thời điểm ký (có dấu thời gian)",
        "untrusted": "chứng thư không thuộc danh sách tin cậy",
        "cert_not_valid_at_signing": "chứng thư không có hiệu lực tại thời điểm ký",
        "key_usage": "mục đích sử dụng khóa không cho phép ký",
        "level_too_low": "mức PAdES thấp hơn yêu cầu",
        "self_signed": "chứng thư tự ký (chứng thư thử nghiệm?)",
        "timestamp_invalid": "dấu thời gian không hợp lệ",
        "timestamp_untrusted": "đơn vị cấp dấu thời gian không được tin cậy",
        "malformed_signature": "chữ ký sai cấu trúc",
        "validation_error": "lỗi khi kiểm tra chữ ký",
        "no_signing_certificate": "không tìm thấy chứng thư của người ký",
        "validated_at_timestamp": "kiểm tra tại thời điểm của dấu thời gian",
        "not_pades": "không phải chữ ký PAdES",
        "no_signature": "tài liệu không có chữ ký số",
        "encrypted": "tệp PDF bị mã hóa",
        "sig_fields_unreadable": "không đọc được các trường chữ ký",
        "read_mode": "cấu trúc tệp có lỗi, đã đọc ở chế độ không chặt chẽ",
        "later_revision_unreadable": "không đọc được phần cập nhật sau khi ký: chưa xác định "
        "được nội dung có bị thay đổi hay không",
        "unreadable_pdf": "tệp PDF bị hỏng, không đọc được",
        "unreadable_signature": "có chữ ký nằm trong phần tệp bị hỏng, không kiểm tra được",
        "signature_spoofing": "trường chữ ký được tạo sau chữ ký mà nó mang (giả mạo chữ ký)",
        "encryption_added": "phần cập nhật sau khi ký thêm mã hóa: nội dung đã ký bị thay đổi "
        "cách đọc",
        "visual_difference": "trang hiển thị khác với phiên bản đã ký",
        "visual_same": "các trang hiển thị giống phiên bản đã ký",
        "visual_unavailable": "không so sánh được hình ảnh trang",
        "annotation_overlay": "chú thích thêm sau khi ký che lên nội dung đã ký",
        "form_filled": "có điền biểu mẫu sau khi ký (được phép)",
        "linearized": "tệp tối ưu cho web (linearized)",
        "cert_expired": "chứng thư của người ký đã hết hạn, không có dấu thời gian chứng minh "
        "thời điểm ký",
        "malformed_byte_range": "phạm vi ký (/ByteRange) không bao trọn phiên bản đã ký",
        "unsupported_subfilter": "định dạng chữ ký cũ (adbe.pkcs7.sha1) không được hỗ trợ",
        "doc_timestamp_without_type": "dấu thời gian tài liệu thiếu /Type",
    },
}


def _t(lang: str, key: str) -> str:
    return T.get(lang, T["vi"]).get(key, key)


def _finding_text(lang: str, f) -> str:
    if lang == "vi":
        base = FINDINGS["vi"].get(f.code, f.code)
        return (
            f"{base} ({f.detail})"
            if f.detail
            and f.code
            in (
                "modified_after_signing",
                "malformed_signature",
                "validation_error",
                "visual_difference",
                "annotation_overlay",
            )
            else base
        )
    return f.detail or f.code


def _dt(d: datetime | None) -> str:
    return format_signing_time(d) if d else "-"


def verdict_line(rep: VerificationReport, lang: str = "vi") -> str:
    sub = SUB.get(lang, SUB["vi"]).get(rep.sub_indication or "", rep.sub_indication or "")
    v = _t(lang, rep.indication.value)
    code = rep.indication.value + (f"/{rep.sub_indication}" if rep.sub_indication else "")
    head = f"{v} ({code})" if v != code else code
    return head + (f": {sub}" if sub else "")


def _sig_rows(s: SignatureReport, lang: str) -> list[tuple[str, str]]:
    t = lambda k: _t(lang, k)
    yn = lambda b: t("unknown") if b is None else (t("yes") if b else t("no"))
    rows = []
    if s.signer:
        rows += [
            (t("signer"), s.signer.common_name),
            (t("organization"), s.signer.organization or "-"),
            (t("issuer"), s.signer.issuer),
            (t("serial"), s.signer.serial),
            (t("fingerprint"), s.signer.fingerprint_sha256),
            (t("validity"), f"{_dt(s.signer.not_before)} .. {_dt(s.signer.not_after)}"),
        ]
    if s.kind == "signature":
        rows.append((t("claimed_time"), _dt(s.claimed_signing_time)))
    if s.timestamp_time:
        rows.append((t("timestamp"), f"{_dt(s.timestamp_time)} ({t('tsa')}: {s.tsa or '-'})"))
    else:
        rows.append((t("timestamp"), t("none")))
    if s.kind == "signature":
        rows.append((t("level"), s.level or "-"))
    rows += [
        (t("integrity"), yn(s.integrity)),
        (
            t("coverage"),
            f"{t(s.coverage)}; {t('revision')} {s.revision}, {t('later')}: {s.revisions_after}",
        ),
        (
            t("changes"),
            t("allowed")
            if s.changes_allowed
            else (t("unknown") if s.changes_allowed is None else t("not_allowed")),
        ),
        (t("trust"), f"{t('trusted_to')}: {s.trust_anchor}" if s.trusted else t("untrusted")),
    ]
    if s.chain:
        rows.append((t("chain"), " → ".join(s.chain)))
    rev = t(s.revocation)
    if s.revocation_date:
        rev += f" ({_dt(s.revocation_date)})"
    if s.revocation_source and s.revocation != "unknown":
        rev += f" [{t(s.revocation_source)}]"
    rows += [
        (t("revocation"), rev),
        (t("valid_at_signing"), yn(s.cert_valid_at_signing)),
        (t("key_usage"), yn(s.key_usage_ok)),
    ]
    return rows


def to_text(rep: VerificationReport, lang: str = "vi", *, details: bool = True) -> str:
    """One line per signature, then details (Vietnamese unless ``lang='en'``)."""
    t = lambda k: _t(lang, k)
    out = [f"{t('file')}: {rep.path}", f"{t('verdict')}: {verdict_line(rep, lang)}"]
    for f in rep.findings:
        out.append(f"  ! {_finding_text(lang, f)}")
    for s in rep.signatures:
        who = s.signer.common_name if s.signer else "?"
        sub = f"/{s.sub_indication}" if s.sub_indication else ""
        out.append(
            f"  #{s.index + 1} {t(s.kind)} {s.field_name}: {t(s.indication.value)} "
            f"({s.indication.value}{sub}) — {who} — "
            f"{_dt(s.timestamp_time or s.claimed_signing_time)} — {s.level or '-'}"
        )
    if details:
        for s in rep.signatures:
            out.append("")
            out.append(f"  #{s.index + 1} {t(s.kind)} {s.field_name}")
            for k, v in _sig_rows(s, lang):
                out.append(f"    {k}: {v}")
            if s.sub_indication:
                out.append(
                    f"    => {SUB.get(lang, SUB['vi']).get(s.sub_indication, s.sub_indication)}"
                )
            notes = [f for f in s.findings if f.action in ("FAIL", "WARN")]
            for f in notes:
                mark = "!" if f.action == "FAIL" else "~"
                out.append(f"    {mark} {_finding_text(lang, f)}")
    return "\n".join(out)


def to_dict(rep: VerificationReport) -> dict:
    """The stable machine format (schema ``digitizer.verify/1``)."""

    def cert(ci):
        return ci.to_dict() if ci else None

    return {
        "schema": SCHEMA,
        "file": str(rep.path),
        "sha256": rep.sha256,
        "size": rep.size,
        "verified_at": rep.verified_at.isoformat(),
        "policy": rep.policy,
        "trust_anchors": rep.trust_anchors,
        "indication": rep.indication.value,
        "sub_indication": rep.sub_indication,
        "findings": [f.__dict__ for f in rep.findings],
        "read_mode": rep.read_mode,
        "signatures": [
            {
                "index": s.index,
                "field_name": s.field_name,
                "kind": s.kind,
                "indication": s.indication.value,
                "sub_indication": s.sub_indication,
                "signer": cert(s.signer),
                "claimed_signing_time": s.claimed_signing_time.isoformat()
                if s.claimed_signing_time
                else None,
                "timestamp_time": s.timestamp_time.isoformat() if s.timestamp_time else None,
                "tsa": s.tsa,
                "level": s.level,
                "integrity": s.integrity,
                "signature_valid": s.signature_valid,
                "coverage": s.coverage,
                "revision": s.revision,
                "revisions_after": s.revisions_after,
                "modification_level": s.modification_level,
                "changes_allowed": s.changes_allowed,
                "trusted": s.trusted,
                "trust_anchor": s.trust_anchor,
                "chain": list(s.chain),
                "revocation": s.revocation,
                "revocation_source": s.revocation_source,
                "revocation_date": s.revocation_date.isoformat() if s.revocation_date else None,
                "cert_valid_at_signing": s.cert_valid_at_signing,
                "key_usage_ok": s.key_usage_ok,
                "findings": [f.__dict__ for f in s.findings],
                "read_mode": s.read_mode,
                "docmdp": s.docmdp,
                "visual_diff": [
                    {"page": d.page, "note": d.note, "changed_share": round(d.changed_share, 5)}
                    for d in s.visual_diff
                ],
            }
            for s in rep.signatures
        ],
    }


_CSS = """body{font-family:'Noto Serif','Times New Roman',serif;margin:2em;color:#111}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #999;padding:4px 6px;
text-align:left;vertical-align:top;font-size:.92em}th{background:#eee;width:32%}
.PASSED{color:#0a6b0a;font-weight:bold}.FAILED{color:#b00000;font-weight:bold}
.INDETERMINATE{color:#a35b00;font-weight:bold}.fp{font-family:monospace;font-size:.85em}
@media print{body{margin:1cm}}"""


def to_html(reports: list[VerificationReport], lang: str = "vi") -> str:
    """A printable HTML page for one or several files."""
    t = lambda k: _t(lang, k)
    e = html.escape
    parts = [
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{e(t('title'))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(t('title'))}</h1>",
    ]
    if len(reports) > 1:
        parts.append(f"<h2>{e(t('summary'))} ({len(reports)} {e(t('files'))})</h2><table>")
        for r in reports:
            parts.append(
                f"<tr><td>{e(str(r.path))}</td><td class='{r.indication.value}'>"
                f"{e(verdict_line(r, lang))}</td></tr>"
            )
        parts.append("</table>")
    for r in reports:
        parts.append(f"<h2>{e(t('file'))}: {e(str(r.path))}</h2><table>")
        parts.append(
            f"<tr><th>{e(t('verdict'))}</th><td class='{r.indication.value}'>"
            f"{e(verdict_line(r, lang))}</td></tr>"
        )
        parts.append(f"<tr><th>SHA-256</th><td class='fp'>{e(r.sha256)}</td></tr>")
        parts.append(f"<tr><th>{e(t('verified_at'))}</th><td>{e(_dt(r.verified_at))}</td></tr>")
        parts.append(f"<tr><th>{e(t('policy'))}</th><td>{e(r.policy)}</td></tr>")
        for f in r.findings:
            parts.append(f"<tr><th>{e(t('notes'))}</th><td>{e(_finding_text(lang, f))}</td></tr>")
        parts.append("</table>")
        for s in r.signatures:
            sub = SUB.get(lang, SUB["vi"]).get(s.sub_indication or "", "")
            parts.append(
                f"<h3>#{s.index + 1} {e(t(s.kind))} {e(s.field_name)}: "
                f"<span class='{s.indication.value}'>{e(t(s.indication.value))}</span>"
                f"{' — ' + e(sub) if sub else ''}</h3><table>"
            )
            for k, v in _sig_rows(s, lang):
                cls = " class='fp'" if k == t("fingerprint") else ""
                parts.append(f"<tr><th>{e(k)}</th><td{cls}>{e(v)}</td></tr>")
            for f in s.findings:
                if f.action in ("FAIL", "WARN"):
                    parts.append(
                        f"<tr><th>{e(t('notes'))}</th><td>{e(_finding_text(lang, f))}</td></tr>"
                    )
            parts.append("</table>")
            for d in s.visual_diff:  # thumbnail pair: signed revision | final file
                parts.append(
                    f"<table><tr><th>{e(t('page'))} {d.page}: {e(t('signed_rev'))}</th>"
                    f"<th>{e(t('final_file'))} ({e(d.note)})</th></tr><tr>"
                    + "".join(
                        f"<td><img alt='' style='max-width:100%' src='{src}'></td>"
                        if src
                        else "<td>—</td>"
                        for src in (d.signed_png, d.final_png)
                    )
                    + "</tr></table>"
                )
    parts.append("</body></html>")
    return "\n".join(parts)


def to_csv(reports: list[VerificationReport]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        ["file", "indication", "sub_indication", "signatures", "signers", "levels", "sha256"]
    )
    for r in reports:
        sigs = [s for s in r.signatures if s.kind == "signature"]
        w.writerow(
            [
                str(r.path),
                r.indication.value,
                r.sub_indication or "",
                len(sigs),
                "; ".join(s.signer.common_name for s in sigs if s.signer),
                "; ".join(s.level or "-" for s in sigs),
                r.sha256,
            ]
        )
    return buf.getvalue()


def _blank_pdf(pages: int) -> bytes:
    """A minimal PDF with ``pages`` empty A4 pages (the report text is stamped onto them)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for i in range(pages):
        content_id = 3 + pages + i
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> "
            + f"/Contents {content_id} 0 R >>".encode()
        )
    for _ in range(pages):
        objs.append(b"<< /Length 0 >>\nstream\n\nendstream")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def to_pdf(reports: list[VerificationReport], lang: str = "vi") -> bytes:
    """A printable PDF of the text report (A4, embedded serif font with Vietnamese glyphs).

    Drawn with pyHanko's text stamps, so no extra dependency and no Qt in ``signing``."""
    import textwrap

    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStamp, TextStampStyle

    from .stamp import find_stamp_font

    size, leading, per_page, width = 8, 10, 76, 118
    lines: list[str] = [_t(lang, "title"), ""]
    for i, r in enumerate(reports):
        if i:
            lines += ["", "—" * 40, ""]
        for raw in to_text(r, lang).replace("→", ">").splitlines():
            indent = len(raw) - len(raw.lstrip())
            wrapped = textwrap.wrap(raw, width=width, subsequent_indent=" " * (indent + 4)) or [""]
            lines.extend(wrapped)
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[""]]
    font = find_stamp_font(None)
    w = IncrementalPdfFileWriter(io.BytesIO(_blank_pdf(len(pages))), strict=False)
    for n, chunk in enumerate(pages):
        footer = f"{n + 1}/{len(pages)}"
        text = "\n".join(line.replace("%", "%%") for line in chunk + ["", footer])
        style = TextStampStyle(
            stamp_text=text,
            border_width=0,
            text_box_style=TextBoxStyle(
                font=GlyphAccumulatorFactory(str(font.path), font_size=size),
                font_size=size,
                leading=leading,
                text_color=(0, 0, 0),
            ),
            inner_content_layout=SimpleBoxLayoutRule(
                x_align=AxisAlignment.ALIGN_MIN,
                y_align=AxisAlignment.ALIGN_MAX,
                margins=Margins.uniform(0),
            ),
        )
        stamp = TextStamp(w, style, box=BoxConstraints(width=515, height=790))
        stamp.apply(n, 40, 26)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()
