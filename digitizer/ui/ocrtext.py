"""OCR text of the current page, with low-confidence words highlighted for the clerk to check."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser

from digitizer.model import PageResult

LOW_CONF = 60.0


def page_html(page: PageResult, low_conf: float = LOW_CONF) -> tuple[str, int]:
    """HTML of the page's words line by line; returns (html, number of low-confidence words)."""
    if not page.words:
        return "<p>" + html.escape(page.text).replace("\n", "<br>") + "</p>", 0
    lines: dict[tuple[int, int, int], list[str]] = {}
    low = 0
    for w in page.words:
        text = html.escape(w.text)
        if 0 <= w.conf < low_conf:
            low += 1
            text = f'<span style="background-color:#ffd54f" title="{w.conf:.0f}%">{text}</span>'
        lines.setdefault((w.block, w.par, w.line), []).append(text)
    out = []
    last_block = None
    for (block, _par, _line), words in lines.items():
        if last_block is not None and block != last_block:
            out.append("<br>")
        out.append(" ".join(words) + "<br>")
        last_block = block
    return "<div style='font-size:11pt'>" + "".join(out) + "</div>", low


class OcrTextView(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.low_count = 0
        self.show_placeholder()

    def show_placeholder(self, text: str | None = None) -> None:
        self.low_count = 0
        self.setHtml(
            "<p style='color:gray'>"
            + html.escape(text or self.tr("Chưa có văn bản nhận dạng cho trang này."))
            + "</p>"
        )

    def show_page(self, page: PageResult | None) -> None:
        if page is None:
            self.show_placeholder()
            return
        body, self.low_count = page_html(page)
        if page.needs_review:
            n = len(page.unread_regions)
            note = self.tr("Trang này còn %n vùng có chữ mà máy chưa đọc được (khung màu cam trên "
                           "ảnh trang). Văn bản dưới đây thiếu phần đó: hãy kiểm tra.", "", n)
            body = ("<p style='background-color:#ffe0b2;padding:4px'>⚠ " + html.escape(note)
                    + "</p>" + body)
        self.setHtml(body)
