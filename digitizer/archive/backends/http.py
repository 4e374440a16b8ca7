"""HTTP document-store API (the 2025 ministry guidance / provincial LGSP gateways), stdlib only.

Endpoints (paths configurable, ``{doc_code}`` substituted)::

    POST {base}/api/v1/documents/import            multipart: "metadata" (JSON) + "file" (PDF)
    GET  {base}/api/v1/documents/{doc_code}        JSON record, expected to carry sha256 + size
    GET  {base}/api/v1/documents/download/{doc_code}

Every request carries ``Authorization: Bearer <token>`` (token from the environment or the OS
keyring). Idempotent on the document code: before importing we GET the record; an existing record
with the same SHA-256 is success, a different one is refused. ``Idempotency-Key`` is sent too.
After the import the record is read back; if the server does not report a SHA-256, the file is
downloaded and hashed.
"""

from __future__ import annotations

import hashlib
import json
import os
import ssl
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

from ...errors import (
    ArchiveConfigError,
    ArchiveError,
    ArchiveIntegrityError,
    ArchiveUnavailableError,
)
from ..config import TargetConfig
from ..keys import _segment
from .base import AuditEntry, StoredObject


def resolve_token(target: TargetConfig) -> str:
    from ..credentials import resolve

    return resolve(target)["token"]


class HttpBackend:
    def __init__(self, target: TargetConfig):
        self.target = target
        self.base = (target.base_url or "").rstrip("/")
        self._ctx = ssl.create_default_context(cafile=target.ca_file) if target.ca_file else None

    def full_key(self, key: str) -> str:
        return key

    def doc_code(self, metadata: Mapping[str, object], sha256: str) -> str:
        fields = {k: _segment(v, "") for k, v in metadata.items() if isinstance(v, (str, int))}
        fields.setdefault("dossier_code", "no-dossier")
        fields.update(sha256=sha256, sha16=sha256[:16])
        try:
            code = self.target.doc_code_template.format(**fields)
        except (KeyError, IndexError, ValueError) as exc:
            raise ArchiveConfigError(
                f"archive target {self.target.name!r}: doc_code_template needs {exc}"
            ) from None
        return code.strip("-") or sha256

    # ------------------------------------------------------------------ HTTP plumbing
    def _url(self, template: str, doc_code: str = "") -> str:
        return self.base + template.replace("{doc_code}", urllib.parse.quote(doc_code, safe=""))

    def _request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict | None = None,
        what: str = "",
    ) -> tuple[int, bytes]:
        hdrs = {
            "Authorization": f"Bearer {resolve_token(self.target)}",
            "Accept": "application/json",
            **(headers or {}),
        }
        req = urllib.request.Request(url, data=body, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(
                req, timeout=self.target.read_timeout, context=self._ctx
            ) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            status = exc.code
            detail = exc.read()[:300].decode("utf-8", "replace")
            if status in (401, 403):
                raise ArchiveConfigError(
                    f"{what}: token rejected by {self.base} (HTTP {status})"
                ) from None
            if status in (404, 409, 412):
                return status, detail.encode()
            if status >= 500 or status == 429:
                raise ArchiveError(
                    f"{what}: server error HTTP {status} from {self.base}", status=status
                ) from None
            raise ArchiveError(
                f"{what}: HTTP {status} from {url}: {detail}", status=status
            ) from None
        except urllib.error.URLError as exc:
            raise ArchiveUnavailableError(
                f"{what}: document store not reachable ({self.base}: {exc.reason})"
            ) from None
        except (TimeoutError, ConnectionError, OSError) as exc:
            raise ArchiveUnavailableError(
                f"{what}: document store not reachable ({self.base}: {exc})"
            ) from None

    def _record(self, doc_code: str) -> dict | None:
        status, body = self._request(
            "GET",
            self._url(self.target.document_path, doc_code),
            what=f"cannot read record {doc_code}",
        )
        if status == 404:
            return None
        try:
            rec = json.loads(body)
        except ValueError:
            raise ArchiveError(f"record {doc_code}: server answered with non-JSON") from None
        if isinstance(rec, dict) and isinstance(rec.get("data"), dict):
            rec = rec["data"]  # common {"data": {...}} envelope
        return rec if isinstance(rec, dict) else None

    def _download_sha(self, doc_code: str) -> tuple[str, int]:
        status, body = self._request(
            "GET",
            self._url(self.target.download_path, doc_code),
            what=f"cannot download {doc_code}",
        )
        if status == 404:
            raise ArchiveIntegrityError(f"{doc_code}: record exists but the file is missing")
        return hashlib.sha256(body).hexdigest(), len(body)

    def _remote_sha(self, doc_code: str, rec: dict) -> tuple[str, int]:
        sha = rec.get(self.target.sha256_field)
        size = rec.get(self.target.size_field)
        if isinstance(sha, str) and len(sha) == 64 and not self.target.verify_download:
            return sha.lower(), int(size) if isinstance(size, (int, str)) and str(
                size
            ).isdigit() else -1
        return self._download_sha(doc_code)

    # ------------------------------------------------------------------ API
    def check_reachable(self) -> None:
        # a record that cannot exist: 404 proves the server and the token work
        self._record(f"reachability-probe-{uuid.uuid4().hex[:8]}")

    def store(
        self,
        key: str,
        path: Path,
        sha256: str,
        size: int,
        metadata: Mapping[str, object],
        *,
        maybe_exists: bool = False,
        md5: str | None = None,
    ) -> StoredObject:
        code = self.doc_code(metadata, sha256)
        rec = self._record(code)
        created = False
        if rec is None:
            meta = {
                "DocCode": code,
                "sha256": sha256,
                "size": size,
                "objectKey": key,
                "metadata": dict(metadata),
            }
            boundary = uuid.uuid4().hex
            body = b"".join(
                [
                    f'--{boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n'
                    "Content-Type: application/json; charset=utf-8\r\n\r\n".encode(),
                    json.dumps(meta, ensure_ascii=False, default=str).encode("utf-8"),
                    f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                    f'filename="{code}.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode(),
                    path.read_bytes(),
                    f"\r\n--{boundary}--\r\n".encode(),
                ]
            )
            status, _ = self._request(
                "POST",
                self._url(self.target.import_path),
                body,
                {
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "Idempotency-Key": code,
                },
                what=f"cannot import {code}",
            )
            if status == 404:
                raise ArchiveConfigError(f"import endpoint not found: {self.target.import_path}")
            created = status not in (409, 412)
            rec = self._record(code)
            if rec is None:
                raise ArchiveIntegrityError(
                    f"read-back failed: record {code} not found after import"
                )
        got_sha, got_size = self._remote_sha(code, rec)
        if got_sha != sha256 or (got_size >= 0 and got_size != size):
            if not created:
                raise ArchiveIntegrityError(
                    f"a different document already exists with code {code} (sha256 {got_sha}); "
                    "refusing to overwrite",
                    permanent=True,
                )
            raise ArchiveIntegrityError(
                f"read-back mismatch for {code}: sha256 {got_sha} size {got_size}, sent {sha256} "
                f"size {size}"
            )
        return StoredObject(code, size, sha256, created, self._url(self.target.document_path, code))

    def fetch(self, key: str, dest: Path) -> Path:
        rec = self._record(key)
        if rec is None:
            raise ArchiveError(f"no document {key!r} at {self.base}")
        status, body = self._request(
            "GET", self._url(self.target.download_path, key), what=f"cannot download {key}"
        )
        if status == 404:
            raise ArchiveError(f"no file for document {key!r} at {self.base}")
        expected = rec.get(self.target.sha256_field)
        got = hashlib.sha256(body).hexdigest()
        if isinstance(expected, str) and expected.lower() != got:
            raise ArchiveIntegrityError(
                f"document {key!r} is altered: sha256 {got}, expected {expected}"
            )
        tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            with open(tmp, "wb") as f:
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, dest)
        except OSError as exc:
            raise ArchiveError(f"cannot write {dest}: {exc.strerror or exc}", path=dest) from None
        finally:
            tmp.unlink(missing_ok=True)
        return dest

    def audit(self) -> Iterator[AuditEntry]:
        """The API has no listing: the audit checks the documents the outbox delivered here."""
        return iter(())

    def audit_keys(self, keys: list[tuple[str, str]]) -> Iterator[AuditEntry]:
        for code, expected in keys:
            if self._record(code) is None:
                yield AuditEntry(code, "missing", expected, None, "no record")
                continue
            got, _ = self._download_sha(code)
            yield AuditEntry(code, "ok" if got == expected else "altered", expected, got)
