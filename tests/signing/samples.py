"""Small, deterministic test PDFs (a Vietnamese administrative page layout with a text layer)."""

from __future__ import annotations

from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def admin_page_pdf(path: Path, *, pages: int = 1, heading: bool = True) -> Path:
    """A4 page(s): agency name top left, national heading top right (like a real result paper),
    title and body text. ASCII only (Helvetica), enough for layout and text-layer tests."""
    lines = []
    if heading:
        lines += [
            (60, 790, 11, "UBND TINH THU NGHIEM"),
            (60, 776, 11, "SO TU PHAP"),
            (330, 790, 11, "CONG HOA XA HOI CHU NGHIA VIET NAM"),
            (370, 776, 11, "Doc lap - Tu do - Hanh phuc"),
        ]
    lines += [(200, 700, 14, "GIAY CHUNG NHAN"), (60, 660, 11, "Noi dung van ban thu nghiem.")]
    content = (
        b"BT\n"
        + b"".join(f"/F1 {s} Tf 1 0 0 1 {x} {y} Tm ({t}) Tj\n".encode() for x, y, s, t in lines)
        + b"ET\n"
    )
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i in range(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    path.write_bytes(_pdf(objs))
    return path
