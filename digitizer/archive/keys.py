"""Object keys derived from content and metadata.

Why: a retry after an unknown outcome (timeout, crash between upload and mark-done) must land on
the *same* key, so the archive can tell "already there" from "new" and nothing is stored twice.
The key therefore depends only on the document's SHA-256 and a few stable metadata fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from ..errors import ArchiveError

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_YEAR_ISO = re.compile(r"^(\d{4})-\d{1,2}-\d{1,2}")
_YEAR_VN = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")


def _segment(value: object, fallback: str) -> str:
    """One path segment: ASCII (Vietnamese diacritics folded), no slashes, never empty or '..'."""
    text = str(value).strip() if value is not None else ""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _SAFE.sub("-", text).strip("-.")
    return text[:80] if text else fallback


def document_year(metadata: Mapping[str, object]) -> str:
    """Year of the document from ``issued_date`` (ISO ``YYYY-MM-DD`` or ``DD/MM/YYYY``) or ``year``."""
    for field in ("issued_date", "year"):
        raw = metadata.get(field)
        if raw is None:
            continue
        text = str(raw).strip()
        for rx in (_YEAR_ISO, _YEAR_VN, _YEAR_ONLY):
            m = rx.match(text)
            if m:
                return m.group(1)
    return "unknown-year"


def object_key(metadata: Mapping[str, object], sha256: str, prefix: str = "") -> str:
    """``[prefix/]{organ_id}/{year}/{dossier_code}/{sha256}.pdf`` — stable for the same inputs."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ArchiveError(f"not a lowercase hex SHA-256: {sha256!r}")
    parts = [
        _segment(metadata.get("organ_id"), "unknown-organ"),
        document_year(metadata),
        _segment(metadata.get("dossier_code"), "no-dossier"),
        f"{sha256}.pdf",
    ]
    pre = "/".join(_segment(p, "") for p in prefix.split("/") if p.strip()) if prefix else ""
    return "/".join([pre, *parts]) if pre else "/".join(parts)


def sidecar_key(key: str) -> str:
    """Key of the JSON metadata sidecar stored next to an object."""
    return key + ".json"
