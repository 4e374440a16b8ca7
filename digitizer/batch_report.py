"""The morning report of a batch: one self-contained HTML page an archivist reads after a night's
run (``digitizer batch ... --report FILE.html``, ``digitizer batch status OUT --report FILE.html``).

Why a page of its own and not the CSV: the archivist needs what to act on first (failed
documents, metadata to review and why, pages whose text the OCR could not read completely),
then the signature and archive delivery of every document, and every file of the source that
was not processed, with the reason. Built from the journal (``digitizer.batch.batch_status``),
never from a run in memory, so the same page comes out of ``batch status`` at any later time.

Self-contained (inline CSS, no script, no external resource) so it opens from a USB stick and
prints as is; every value is HTML-escaped; UTF-8. Labels are Vietnamese (the archivists'
language); error messages and codes are the journal's (English messages, stable codes).
"""

from __future__ import annotations

import html
import os
import time
from pathlib import Path

from .batch import BatchStatus
from .errors import OutputError
from .fsutil import write_atomic

STATE_VI = {
    "done": "Xong",
    "needs_review": "Cần xem lại",
    "failed": "Lỗi",
    "pending": "Chưa xong",
    "running": "Bị dừng giữa chừng",
}
DELIVERY_VI = {
    "done": "đã lưu trữ",
    "pending": "đang chờ gửi",
    "uploading": "đang gửi",
    "failed": "gửi lỗi",
    "unknown": "không rõ",
}
SKIPPED_VI = {
    "hidden": "tệp ẩn",
    "output_folder": "thư mục kết quả của lô",
    "not_a_page": "không phải PDF, JPEG, PNG hay TIFF",
    "no_pages": "thư mục không có trang nào",
    "nested_folder": "thư mục con trong thư mục hồ sơ (không đọc)",
    "not_a_file": "không phải tệp thường",
}
# what to act on first: failed, to review, stopped, text not fully read; then the rest
_ORDER = {"failed": 0, "needs_review": 1, "running": 2, "pending": 2, "done": 4}

_CSS = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:10.5pt;color:#1d1d1d;
margin:1.5em}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:12.5pt;margin:1.4em 0 .4em}
.meta{color:#555;margin:0 0 1em}
.counts{margin:.6em 0 1em}
.c{display:inline-block;padding:.35em .8em;margin:0 .4em .4em 0;border:1px solid #ccc;
border-radius:4px;background:#f6f6f6}
.c b{font-size:13pt;margin-right:.2em}
.c.done{background:#e7f4e8;border-color:#9ccc9f}.c.failed{background:#fbe5e5;border-color:#e3a1a1}
.c.needs_review,.c.text{background:#fff3d6;border-color:#e6c36e}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #d0d0d0;padding:.3em .45em;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}
tr.failed td.state{background:#fbe5e5;color:#9b1c1c;font-weight:600}
tr.needs_review td.state,tr.pending td.state,tr.running td.state{background:#fff3d6;
color:#7a5200;font-weight:600}
tr.done td.state{color:#1f6b2a}
td.text_review:not(:empty){font-weight:600;color:#7a5200}
td.pages,td.text_review{text-align:right}
.small{color:#666;font-size:9pt}code{font-size:9.5pt}
@media print{body{margin:1cm}.c{border-radius:0}}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _dash(text: str) -> str:
    return text if text else "—"


def _fields_cell(row: dict) -> str:
    items = []
    for fe in row.get("field_error_list") or ():
        why = fe.get("text_vi") or fe.get("text") or fe.get("message") or ""
        items.append(
            f"<div><code>{_e(fe.get('field'))}</code> <span class='small'>[{_e(fe.get('code'))}]"
            f"</span> {_e(why)}</div>"
        )
    return "".join(items)


def _level_cell(row: dict) -> str:
    level = row.get("signature_level") or ""
    if level:
        extra = (
            " <span class='small'>(cần bổ sung mức)</span>" if row.get("needs_augmentation") else ""
        )
        return _e(level) + extra
    return "không ký" if row.get("state") == "done" else ""


def _archive_cell(row: dict) -> str:
    if row.get("not_enqueued"):
        return "tài liệu mật: không gửi lưu trữ"
    parts = []
    for d in row.get("deliveries") or ():
        words = DELIVERY_VI.get(d.get("state"), d.get("state"))
        err = f" <span class='small'>({_e(d['error'])})</span>" if d.get("error") else ""
        parts.append(f"<div>{_e(d.get('target'))}: {_e(words)}{err}</div>")
    return "".join(parts)


def _error_cell(row: dict, source: str) -> str:
    parts = []
    if row.get("state") != "needs_review" and (row.get("error") or row.get("error_code")):
        error = row.get("error") or ""
        if source:  # the input's path inside the source is enough to find it
            error = error.replace(source.rstrip("/") + "/", "")
        parts.append(f"{_e(error)} <span class='small'>[{_e(row.get('error_code'))}]</span>")
    if row.get("state") in ("pending", "running"):
        parts.append(
            f"dừng sau bước: {_e(row.get('stage') or 'chưa OCR')}; chạy lại lệnh để tiếp tục"
        )
    parts.extend(_e(n) for n in row.get("notes") or ())
    return "<br>".join(parts)


def _link(row: dict, base: Path) -> str:
    out = row.get("output") or ""
    if not out or not Path(out).is_file():
        return _e(row["id"])
    rel = os.path.relpath(out, base)
    return f'<a href="{_e(Path(rel).as_posix())}">{_e(row["id"])}</a>'


def render_html(status: BatchStatus, report_dir: str | os.PathLike = ".") -> str:
    """The morning report as one HTML page (links to the PDFs are relative to ``report_dir``)."""
    base = Path(report_dir)
    docs = list(status.documents)
    c = status.counts
    text_docs = [d for d in docs if d.get("text_review_pages")]
    text_pages = sum(len(str(d["text_review_pages"]).split()) for d in text_docs)
    pages = sum(int(d.get("pages") or 0) for d in docs)
    source = status.info.get("source", "")
    out = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        "<title>Báo cáo lô số hoá</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Báo cáo lô số hoá</h1>",
        (
            f"<p class='meta'>Nguồn: {_e(source) or '—'}<br>Lần chạy cuối: "
            f"{_e(status.info.get('last_run', '—'))} · Lập báo cáo lúc: "
            f"{_e(time.strftime('%Y-%m-%d %H:%M'))}</p>"
        ),
        '<div class="counts">',
        f"<span class='c'><b>{len(docs)}</b> hồ sơ</span>",
    ]
    for state in ("done", "needs_review", "failed", "pending", "running"):
        if state in ("done", "needs_review", "failed") or c.get(state):
            out.append(f"<span class='c {state}'><b>{c.get(state, 0)}</b> {STATE_VI[state]}</span>")
    out += [
        f"<span class='c'><b>{pages}</b> trang</span>",
        (
            f"<span class='c text'><b>{text_pages}</b> trang chưa đọc hết chữ "
            f"({len(text_docs)} hồ sơ)</span>"
        ),
        f"<span class='c'><b>{len(status.skipped)}</b> tệp bỏ qua</span>",
        "</div>",
        "<h2>Hồ sơ</h2>",
        (
            "<p class='small'>Hồ sơ cần xử lý đứng trước: lỗi, cần xem lại siêu dữ liệu, bị dừng, "
            "có trang OCR chưa đọc hết chữ (xem lớp chữ ở các trang đó).</p>"
        ),
        (
            "<table><thead><tr><th>Hồ sơ</th><th>Trạng thái</th><th>Số trang</th>"
            "<th>Trang chưa đọc hết chữ</th><th>Siêu dữ liệu cần xem lại (vì sao)</th>"
            "<th>Chữ ký</th><th>Lưu trữ</th><th>Lỗi, ghi chú</th></tr></thead><tbody>"
        ),
    ]

    def rank(item: tuple[int, dict]) -> tuple[int, int]:
        i, d = item
        r = _ORDER.get(d["state"], 3)
        return (3 if r == 4 and d.get("text_review_pages") else r, i)

    for _i, d in sorted(enumerate(docs), key=rank):
        review = ", ".join(str(d.get("text_review_pages") or "").split())
        out.append(
            f'<tr data-doc="{_e(d["id"])}" class="{_e(d["state"])}">'
            f'<td class="id">{_link(d, base)}</td>'
            f'<td class="state">{_e(STATE_VI.get(d["state"], d["state"]))}</td>'
            f'<td class="pages">{_e(d.get("pages") or 0)}</td>'
            f'<td class="text_review">{_e(review)}</td>'
            f'<td class="fields">{_fields_cell(d)}</td>'
            f'<td class="level">{_dash(_level_cell(d))}</td>'
            f'<td class="archive">{_dash(_archive_cell(d))}</td>'
            f'<td class="error">{_error_cell(d, source)}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(f"<h2>Tệp trong nguồn không được xử lý ({len(status.skipped)})</h2>")
    if status.skipped:
        out.append("<table><thead><tr><th>Tệp</th><th>Lý do</th></tr></thead><tbody>")
        for s in status.skipped:
            p = Path(s.path)
            shown = p.relative_to(source) if source and p.is_relative_to(source) else p
            out.append(
                f"<tr><td>{_e(shown)}</td><td>{_e(SKIPPED_VI.get(s.code, s.code))} "
                f"<span class='small'>— {_e(s.reason)}</span></td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>Không có: mọi tệp trong nguồn là một hồ sơ hoặc một trang của hồ sơ.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def export_html(status: BatchStatus, path: str | os.PathLike) -> Path:
    """Write the morning report atomically (temp file, fsync, rename)."""
    path = Path(path)
    try:
        write_atomic(path, render_html(status, path.parent))
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", path=path) from None
    return path


__all__ = ["export_html", "render_html"]
