"""S3-compatible object storage (SeaweedFS, MinIO, Ceph RGW, AWS) through boto3.

Why each request looks the way it does:
- ``IfNoneMatch='*'`` makes the put conditional: a retry after an unknown outcome can never
  create a second copy or version; a 412 means "already there" and we verify what is there.
- ``ContentMD5`` + ``ChecksumSHA256`` make the server reject bytes damaged in transit.
- The server's own digests of what it stored are read back and compared; a mismatch is an
  error, never a success. For a single PUT they come in the PutObject response itself (ETag =
  the MD5 the server computed over the received bytes, plus ``x-amz-checksum-sha256``), which
  saves a request per document; when the response does not carry them (encrypted objects,
  gateways, multipart, a 412 on a retry) ``HEAD`` with ``ChecksumMode`` reads size and SHA-256.
- Object Lock retention (mode + days) is applied when the bucket has Object Lock enabled.
Credentials come from environment variables named in the config, or from the OS keyring.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import os
import threading
import unicodedata
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
from ..keys import sidecar_key
from .base import AuditEntry, StoredObject, sha_from_key, sidecar_document

log = logging.getLogger(__name__)

_AUTH_CODES = {
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "AccessDenied",
    "InvalidToken",
    "ExpiredToken",
    "403",
}
_PART = 8 << 20


def _b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode("ascii")


def _ascii_meta(value: object) -> str:
    """S3 user metadata must be ASCII: fold diacritics (the JSON sidecar keeps the exact text)."""
    text = str(value).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.split())[:256]


def resolve_credentials(target: TargetConfig) -> tuple[str, str]:
    """(access key, secret key) from the environment, else the OS keyring; never from config."""
    from ..credentials import resolve

    v = resolve(target)
    return v["access_key"], v["secret_key"]


# botocore asks for "Expect: 100-continue" on every PUT with a body, so each one waits a round
# trip before the body is sent: the sidecar and a typical result PDF pay two round trips instead
# of one, which over a 25 ms office link halves the upload rate. Like the AWS SDK for Go
# (ContinueHeaderThresholdBytes, 2 MiB), we ask for it only for bodies where it pays: a large
# object refused (412 already there, 403) is then not sent in vain. The header is not signed.
CONTINUE_THRESHOLD = 2 << 20


def _no_continue_when_small(request, **_kwargs):
    if "Expect" not in request.headers:
        return None
    try:
        size = int(request.headers.get("Content-Length", "-1"))
    except ValueError:
        return None
    if 0 <= size < CONTINUE_THRESHOLD:
        del request.headers["Expect"]
    return None  # None: botocore sends the request itself


class S3Backend:
    def __init__(self, target: TargetConfig):
        self.target = target
        self.bucket = target.bucket or ""
        self._client = None
        self._client_lock = threading.Lock()
        self._lock_enabled: bool | None = None

    # ------------------------------------------------------------------ plumbing
    @property
    def client(self):
        with self._client_lock:
            return self._make_client()

    def _make_client(self):
        if self._client is None:
            import boto3
            from botocore.config import Config

            access, secret = resolve_credentials(self.target)
            self._client = boto3.session.Session().client(
                "s3",
                endpoint_url=self.target.endpoint_url,
                region_name=self.target.region,
                aws_access_key_id=access,
                aws_secret_access_key=secret,
                config=Config(
                    s3={"addressing_style": "path"},
                    connect_timeout=self.target.connect_timeout,
                    read_timeout=self.target.read_timeout,
                    retries={"total_max_attempts": 2, "mode": "standard"},
                    request_checksum_calculation="when_required",
                    response_checksum_validation="when_required",
                    max_pool_connections=max(10, self.target.threads * 2),
                ),
            )
            self._client.meta.events.register("before-send.s3.PutObject", _no_continue_when_small)
        return self._client

    def _map(self, exc: Exception, what: str) -> ArchiveError:
        """Translate boto errors into our hierarchy (unreachable / auth / integrity / other)."""
        from botocore import exceptions as bx

        where = f"{self.target.endpoint_url}/{self.bucket}"
        if isinstance(
            exc,
            (
                bx.EndpointConnectionError,
                bx.ConnectTimeoutError,
                bx.ReadTimeoutError,
                bx.ConnectionClosedError,
                bx.ConnectionError,
            ),
        ):
            return ArchiveUnavailableError(f"{what}: S3 endpoint not reachable ({where})")
        if isinstance(exc, bx.ClientError):
            err = exc.response.get("Error", {})
            code = str(err.get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            msg = err.get("Message") or code
            if code in _AUTH_CODES or status == 403:
                return ArchiveConfigError(
                    f"{what}: credentials rejected by {where} ({code}: {msg})"
                )
            if code in ("NoSuchBucket",):
                return ArchiveConfigError(
                    f"{what}: bucket {self.bucket!r} does not exist at {where}"
                )
            if code in ("BadDigest", "XAmzContentSHA256Mismatch", "InvalidDigest"):
                return ArchiveIntegrityError(
                    f"{what}: server rejected the checksum ({code}: {msg})"
                )
            if status >= 500 or code in ("SlowDown", "ServiceUnavailable", "InternalError"):
                return ArchiveError(
                    f"{what}: server error {status} {code} from {where}", status=status
                )
            return ArchiveError(f"{what}: {code} {msg} ({where})", status=status)
        if isinstance(exc, bx.NoCredentialsError):
            return ArchiveConfigError(f"{what}: no credentials")
        if isinstance(exc, bx.BotoCoreError):
            return ArchiveError(f"{what}: {exc}")
        if isinstance(exc, OSError):
            return ArchiveError(f"{what}: {exc.strerror or exc}")
        return ArchiveError(f"{what}: {type(exc).__name__}: {exc}")

    def _call(self, what: str, fn, **kw):
        try:
            return fn(**kw)
        except ArchiveError:
            raise
        except Exception as exc:  # noqa: BLE001 - mapped right here
            raise self._map(exc, what) from None

    def full_key(self, key: str) -> str:
        pre = self.target.prefix.strip("/")
        return f"{pre}/{key}" if pre else key

    # ------------------------------------------------------------------ API
    def check_reachable(self) -> None:
        try:
            self._call("cannot reach bucket", self.client.head_bucket, Bucket=self.bucket)
        except ArchiveError as exc:
            if isinstance(exc, ArchiveConfigError):
                self._client = None  # re-read credentials (env/keyring) at the next probe
                raise
            if isinstance(exc, ArchiveUnavailableError):
                raise
            if exc.details.get("status") == 404:
                raise ArchiveConfigError(
                    f"bucket {self.bucket!r} does not exist at {self.target.endpoint_url}"
                ) from None
            raise ArchiveUnavailableError(f"S3 endpoint answers with an error: {exc}") from None

    def lock_enabled(self) -> bool:
        if self._lock_enabled is None:
            from botocore.exceptions import ClientError

            try:
                conf = self.client.get_object_lock_configuration(Bucket=self.bucket)
                enabled = conf.get("ObjectLockConfiguration", {}).get("ObjectLockEnabled")
                self._lock_enabled = enabled == "Enabled"
            except ClientError as exc:
                code = exc.response.get("Error", {}).get("Code", "")
                if "ObjectLockConfiguration" in code or code in ("NotImplemented", "404"):
                    self._lock_enabled = False
                else:
                    raise self._map(exc, "cannot read Object Lock configuration") from None
            except Exception as exc:  # noqa: BLE001
                raise self._map(exc, "cannot read Object Lock configuration") from None
        return self._lock_enabled

    def _head(self, key: str) -> dict | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            code = exc.response.get("Error", {}).get("Code", "")
            if status == 404 or code in ("404", "NoSuchKey", "NotFound"):
                return None
            raise self._map(exc, f"cannot read back {key}") from None
        except Exception as exc:  # noqa: BLE001
            raise self._map(exc, f"cannot read back {key}") from None

    def _verify(self, key: str, head: dict, sha256: str, size: int, *, existing: bool) -> None:
        got_size = head.get("ContentLength")
        got_meta = (head.get("Metadata") or {}).get("sha256")
        got_ck = head.get("ChecksumSHA256")
        problems = []
        if got_size != size:
            problems.append(f"size {got_size} != {size}")
        if got_meta is not None and got_meta != sha256:
            problems.append(f"metadata sha256 {got_meta} != {sha256}")
        if got_ck and "-" not in got_ck and got_ck != _b64(bytes.fromhex(sha256)):
            problems.append(f"server checksum {got_ck} != {_b64(bytes.fromhex(sha256))}")
        if got_meta is None and not (got_ck and "-" not in got_ck):
            problems.append("server reports no SHA-256 for the object")
        if problems:
            if existing:
                raise ArchiveIntegrityError(
                    f"a different object already exists at {key} ({'; '.join(problems)}); "
                    "refusing to overwrite",
                    permanent=True,
                )
            raise ArchiveIntegrityError(f"read-back mismatch for {key}: {'; '.join(problems)}")

    def _lock_args(self) -> dict:
        if not self.target.lock_mode:
            return {}
        if not self.lock_enabled():
            if not getattr(self, "_warned_no_lock", False):
                self._warned_no_lock = True
                log.warning(
                    "archive %s: lock_mode %s configured but bucket %s has no Object Lock; "
                    "objects are stored without retention",
                    self.target.name,
                    self.target.lock_mode,
                    self.bucket,
                )
            return {}
        until = dt.datetime.now(dt.UTC) + dt.timedelta(days=self.target.lock_days)
        return {"ObjectLockMode": self.target.lock_mode, "ObjectLockRetainUntilDate": until}

    def _put_small(
        self, key: str, path: Path, sha256: str, extra: dict, md5_hex: str | None = None
    ) -> tuple[dict | None, str]:
        """Conditional single PUT. Returns (response, our MD5 hex); response None = key existed
        (412). ``md5_hex`` from the enqueue copy: if the local copy changed since, the server
        rejects it (BadDigest) instead of storing other bytes."""
        from botocore.exceptions import ClientError

        data = path.read_bytes()
        md5 = bytes.fromhex(md5_hex) if md5_hex else hashlib.md5(data).digest()
        try:
            resp = self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=data,
                ContentMD5=_b64(md5),
                ChecksumSHA256=_b64(bytes.fromhex(sha256)),
                IfNoneMatch="*",
                **extra,
            )
            return resp, md5.hex()
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if status == 412 or exc.response.get("Error", {}).get("Code") == "PreconditionFailed":
                return None, md5.hex()
            raise self._map(exc, f"cannot upload {key}") from None
        except Exception as exc:  # noqa: BLE001
            raise self._map(exc, f"cannot upload {key}") from None

    def _verified_by_response(self, key: str, resp: dict, sha256: str, md5_hex: str) -> bool:
        """Read-back without an extra request: the PutObject response carries the server's own
        digests of the bytes it stored. True = verified (ETag = MD5 of our bytes, and any
        SHA-256 in the response equals ours); False = the response does not prove it (no ETag, or
        one that is not a plain MD5: SSE-KMS, gateways), so the caller HEADs the object. A SHA-256
        that contradicts ours is an error, never a success."""
        etag = str(resp.get("ETag") or "").strip('"').lower()
        got_ck = resp.get("ChecksumSHA256")
        ours_ck = _b64(bytes.fromhex(sha256))
        if got_ck and "-" not in got_ck and got_ck != ours_ck:
            raise ArchiveIntegrityError(
                f"read-back mismatch for {key}: server checksum {got_ck} != {ours_ck} "
                "in the upload response"
            )
        # ETag of a single PUT is the MD5 the server computed over what it received; when it is
        # something else (SSE-KMS/SSE-C, some gateways) the response proves nothing: HEAD.
        return etag == md5_hex

    def _put_multipart(self, key: str, path: Path, extra: dict) -> bool:
        """Multipart upload with per-part MD5/SHA-256; aborted on any failure."""
        from botocore.exceptions import ClientError

        part_size = max(5 << 20, _PART)
        up = self._call(
            f"cannot start multipart upload of {key}",
            self.client.create_multipart_upload,
            Bucket=self.bucket,
            Key=key,
            ChecksumAlgorithm="SHA256",
            **extra,
        )
        upload_id = up["UploadId"]
        parts = []
        try:
            with open(path, "rb") as f:
                n = 0
                while chunk := f.read(part_size):
                    n += 1
                    r = self._call(
                        f"cannot upload part {n} of {key}",
                        self.client.upload_part,
                        Bucket=self.bucket,
                        Key=key,
                        UploadId=upload_id,
                        PartNumber=n,
                        Body=chunk,
                        ContentMD5=_b64(hashlib.md5(chunk).digest()),
                        ChecksumAlgorithm="SHA256",
                        ChecksumSHA256=_b64(hashlib.sha256(chunk).digest()),
                    )
                    parts.append(
                        {
                            "PartNumber": n,
                            "ETag": r["ETag"],
                            "ChecksumSHA256": _b64(hashlib.sha256(chunk).digest()),
                        }
                    )
            try:
                self.client.complete_multipart_upload(
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload_id,
                    MultipartUpload={"Parts": parts},
                    IfNoneMatch="*",
                )
            except ClientError as exc:
                status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
                if (
                    status == 412
                    or exc.response.get("Error", {}).get("Code") == "PreconditionFailed"
                ):
                    self._abort(key, upload_id)
                    return False
                raise self._map(exc, f"cannot complete upload of {key}") from None
            return True
        except BaseException:
            self._abort(key, upload_id)
            raise

    def _abort(self, key: str, upload_id: str) -> None:
        try:
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
        except Exception:  # noqa: BLE001 - best effort; the server expires it anyway
            log.debug("abort of multipart upload %s failed", upload_id)

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
        full = self.full_key(key)
        head = self._head(full) if maybe_exists else None
        created = False
        extra: dict = {}
        resp: dict | None = None
        if head is None:
            meta = {"sha256": sha256, "size": str(size)}
            for field in (
                "organ_id",
                "dossier_code",
                "procedure_code",
                "code_number",
                "code_notation",
                "issued_date",
            ):
                if metadata.get(field) not in (None, ""):
                    meta[field.replace("_", "-")] = _ascii_meta(metadata[field])
            extra = {"Metadata": meta, "ContentType": "application/pdf", **self._lock_args()}
            threshold = max(5, self.target.multipart_threshold_mb) << 20
            if size > threshold:
                created = self._put_multipart(full, path, extra)
            else:
                resp, md5_hex = self._put_small(full, path, sha256, extra, md5)
                created = resp is not None
                if resp is not None and not self._verified_by_response(full, resp, sha256, md5_hex):
                    resp = None  # the response proves nothing: read back with HEAD
            if resp is None:
                head = self._head(full)
                if head is None:
                    raise ArchiveIntegrityError(f"read-back failed: {full} not found after upload")
        if head is not None:
            self._verify(full, head, sha256, size, existing=not created)
        if self.target.verify_download or (
            created and size > (self.target.multipart_threshold_mb << 20)
        ):
            got = self._hash_object(full)
            if got != sha256:
                raise ArchiveIntegrityError(f"read-back mismatch for {full}: sha256 {got}")
        if self.target.sidecar_object:
            self._put_sidecar(sidecar_key(full), sidecar_document(full, sha256, size, metadata))
        if head is not None:
            lock_until = head.get("ObjectLockRetainUntilDate")
            version_id, lock_mode = head.get("VersionId"), head.get("ObjectLockMode")
        else:  # verified from the PUT response; retention as requested (the server accepted it)
            lock_until = extra.get("ObjectLockRetainUntilDate")
            version_id, lock_mode = resp.get("VersionId"), extra.get("ObjectLockMode")
        return StoredObject(
            key=full,
            size=size,
            sha256=sha256,
            created=created,
            location=f"s3://{self.bucket}/{full}",
            version_id=version_id,
            locked_until=lock_until.isoformat() if lock_until else None,
            lock_mode=lock_mode,
            verified_by="put-response" if head is None else "head",
        )

    def _put_sidecar(self, key: str, data: bytes) -> None:
        from botocore.exceptions import ClientError

        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=data,
                ContentType="application/json",
                ContentMD5=_b64(hashlib.md5(data).digest()),
                ChecksumSHA256=_b64(hashlib.sha256(data).digest()),
                IfNoneMatch="*",
                **self._lock_args(),
            )
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if status == 412 or exc.response.get("Error", {}).get("Code") == "PreconditionFailed":
                return  # written by an earlier attempt
            raise self._map(exc, f"cannot upload metadata sidecar {key}") from None
        except Exception as exc:  # noqa: BLE001
            raise self._map(exc, f"cannot upload metadata sidecar {key}") from None

    def _hash_object(self, key: str) -> str:
        r = self._call(f"cannot read {key}", self.client.get_object, Bucket=self.bucket, Key=key)
        h = hashlib.sha256()
        try:
            for chunk in r["Body"].iter_chunks(1 << 20):
                h.update(chunk)
        except Exception as exc:  # noqa: BLE001
            raise self._map(exc, f"cannot read {key}") from None
        return h.hexdigest()

    def fetch(self, key: str, dest: Path) -> Path:
        full = key  # the key as stored (see StoredObject.key / `queue list`)
        head = self._head(full)
        if head is None:
            raise ArchiveError(f"no object {full!r} in bucket {self.bucket!r}")
        expected = (head.get("Metadata") or {}).get("sha256") or sha_from_key(full)
        tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            r = self._call(
                f"cannot download {full}", self.client.get_object, Bucket=self.bucket, Key=full
            )
            h = hashlib.sha256()
            with open(tmp, "wb") as out:
                for chunk in r["Body"].iter_chunks(1 << 20):
                    h.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if expected and h.hexdigest() != expected:
                raise ArchiveIntegrityError(
                    f"object {full!r} is altered: sha256 {h.hexdigest()}, expected {expected}"
                )
            os.replace(tmp, dest)
        except OSError as exc:
            raise ArchiveError(f"cannot write {dest}: {exc.strerror or exc}", path=dest) from None
        finally:
            tmp.unlink(missing_ok=True)
        return dest

    def audit(self) -> Iterator[AuditEntry]:
        """Read every object back and recompute its SHA-256 (expected: metadata, key, sidecar)."""
        import json

        pre = self.target.prefix.strip("/")
        kw = {"Bucket": self.bucket, **({"Prefix": pre + "/"} if pre else {})}
        paginator = self.client.get_paginator("list_objects_v2")
        keys: set[str] = set()
        try:
            for page in paginator.paginate(**kw):
                for obj in page.get("Contents", []):
                    keys.add(obj["Key"])
        except Exception as exc:  # noqa: BLE001
            raise self._map(exc, "cannot list the bucket") from None
        for key in sorted(keys):
            if key.endswith(".json"):
                obj_key = key[: -len(".json")]
                if obj_key not in keys:
                    try:
                        doc = json.loads(self._read_all(key))
                        exp = doc.get("sha256")
                    except (ValueError, AttributeError):
                        exp = None
                    yield AuditEntry(obj_key, "missing", exp, None, "sidecar without object")
                continue
            head = self._head(key)
            if head is None:
                yield AuditEntry(key, "missing", sha_from_key(key), None, "listed but not readable")
                continue
            expected = (head.get("Metadata") or {}).get("sha256") or sha_from_key(key)
            from_key = sha_from_key(key)
            got = self._hash_object(key)
            if expected is None:
                yield AuditEntry(key, "unlisted", None, got, "no recorded SHA-256")
            elif got != expected or (from_key and got != from_key):
                yield AuditEntry(key, "altered", from_key or expected, got)
            else:
                yield AuditEntry(key, "ok", expected, got)

    def _read_all(self, key: str) -> bytes:
        r = self._call(f"cannot read {key}", self.client.get_object, Bucket=self.bucket, Key=key)
        return r["Body"].read()
