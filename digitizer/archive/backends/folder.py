"""Folder archive (the embedded default; also a mounted network share), laid out as a BagIt bag.

Why a bag: any archivist can check it with standard tools (``bagit.py validate``) years later
without this program. ``data/<key>`` holds the PDF, ``data/<key>.json`` its metadata, and
``manifest-sha256.txt`` one line per payload file. Files are written to a temp name, fsynced and
hard-linked into place, so an existing object is never overwritten (link fails if it exists).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

from ...errors import ArchiveError, ArchiveIntegrityError, ArchiveUnavailableError
from ...fsutil import fsync_dir
from ..config import TargetConfig
from .base import AuditEntry, StoredObject, sha256_file, sidecar_document

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha256.txt"
STRAY_AGE = 3600.0  # seconds: a .tmp- file this old is no write in progress (writes are streamed)


def _os_error(exc: OSError, what: str, path: Path) -> ArchiveError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ArchiveError(f"{what}: the archive disk is full", path=path, errno=exc.errno)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ArchiveError(
            f"{what}: no permission to write to the archive folder ({exc.strerror})",
            path=path,
            errno=exc.errno,
        )
    if exc.errno in (errno.ENOTCONN, errno.EHOSTDOWN, errno.EHOSTUNREACH, errno.ESTALE, errno.EIO):
        return ArchiveUnavailableError(
            f"{what}: archive share not reachable ({exc.strerror})", path=path
        )
    return ArchiveError(f"{what}: {exc.strerror or exc}", path=path, errno=exc.errno)


class FolderBackend:
    def __init__(self, target: TargetConfig):
        self.target = target
        self.root = Path(target.path or "")
        self.data = self.root / "data"

    def full_key(self, key: str) -> str:
        pre = self.target.prefix.strip("/")
        return f"{pre}/{key}" if pre else key

    def _obj_path(self, full_key: str) -> Path:
        p = (self.data / full_key).resolve()
        if not str(p).startswith(str(self.data.resolve()) + os.sep):
            raise ArchiveError(f"object key escapes the archive folder: {full_key!r}")
        return p

    def check_reachable(self) -> None:
        if not self.root.is_dir():
            raise ArchiveUnavailableError(
                "archive folder does not exist or is not mounted", path=self.root
            )
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise ArchiveUnavailableError("archive folder is not writable", path=self.root)

    def _ensure_bag(self) -> None:
        self.check_reachable()
        try:
            self.data.mkdir(exist_ok=True)
            if not (self.root / "bagit.txt").exists():
                self._write_new(self.root / "bagit.txt", BAGIT_TXT)
        except FileExistsError:
            pass
        except OSError as exc:
            raise _os_error(exc, "cannot initialise the archive folder", self.root) from None

    def _write_new(self, final: Path, data: bytes | None = None, src: Path | None = None) -> bool:
        """Write ``final`` atomically without ever replacing it. False if it already existed."""
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.parent / f".tmp-{uuid.uuid4().hex}"
        try:
            with open(tmp, "xb") as out:
                if src is not None:
                    with open(src, "rb") as fin:
                        shutil.copyfileobj(fin, out, 1 << 20)
                else:
                    out.write(data or b"")
                out.flush()
                os.fsync(out.fileno())
            try:
                os.link(tmp, final)
            except FileExistsError:
                return False
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                    raise
                # shares without hard links: rename, guarded by the worker lock + existence check
                if final.exists():
                    return False
                os.rename(tmp, final)
            fsync_dir(final.parent)
            return True
        finally:
            tmp.unlink(missing_ok=True)

    def _manifest_add(self, lines: list[str], check_present: bool) -> None:
        path = self.root / MANIFEST
        with open(path, "a+", encoding="utf-8") as f:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                if check_present:
                    f.seek(0)
                    have = set(f.read().splitlines())
                    lines = [ln for ln in lines if ln not in have]
                if lines:
                    f.seek(0, os.SEEK_END)
                    f.write("".join(ln + "\n" for ln in lines))
                    f.flush()
                    os.fsync(f.fileno())
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)

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
        self._ensure_bag()
        final = self._obj_path(self.full_key(key))
        side = final.with_name(final.name + ".json")
        rel = final.relative_to(self.root).as_posix()
        rel_side = side.relative_to(self.root).as_posix()
        side_bytes = sidecar_document(self.full_key(key), sha256, size, metadata)
        try:
            created = self._write_new(final, src=path)
            if not created:
                have_sha, have_size = sha256_file(final)
                if have_sha != sha256 or have_size != size:
                    raise ArchiveIntegrityError(
                        f"a different file already exists at {rel} (sha256 {have_sha}, expected "
                        f"{sha256}); refusing to overwrite",
                        path=final,
                        permanent=True,
                    )
            self._write_new(side, side_bytes)
            side_sha = hashlib.sha256(side.read_bytes()).hexdigest()
            self._manifest_add(
                [f"{sha256}  {rel}", f"{side_sha}  {rel_side}"], check_present=not created
            )
            # read-back verification of what is now on the archive disk
            got_sha, got_size = sha256_file(final)
        except OSError as exc:
            raise _os_error(exc, "cannot store the document", final) from None
        if got_sha != sha256 or got_size != size:
            raise ArchiveIntegrityError(
                f"read-back mismatch: stored {got_size} bytes sha256 {got_sha}, sent {size} bytes "
                f"sha256 {sha256}",
                path=final,
            )
        return StoredObject(self.full_key(key), size, sha256, created, str(final))

    def fetch(self, key: str, dest: Path) -> Path:
        """``key`` is the key as stored (with the target's prefix)."""
        src = self._obj_path(key)
        if not src.is_file():
            raise ArchiveError(f"no object {key!r} in the archive", path=self.root)
        from .base import sha_from_key

        # the SHA-256 in the object's name first: the manifest beside it can be edited along
        # with the file (issue 19); a manifest line that disagrees with the name is a tamper too
        listed = self._manifest().get(src.relative_to(self.root).as_posix())
        named = sha_from_key(key)
        if named and listed and listed != named:
            raise ArchiveIntegrityError(
                f"object {key!r}: its manifest line was changed (lists sha256 {listed}, the "
                f"object's name says {named})", path=src)
        expected = named or listed
        tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            shutil.copyfile(src, tmp)
            got, _ = sha256_file(tmp)
            if expected and got != expected:
                raise ArchiveIntegrityError(
                    f"object {key!r} is altered: sha256 {got}, expected {expected}", path=src
                )
            os.replace(tmp, dest)
        except OSError as exc:
            raise ArchiveError(f"cannot fetch {key!r}: {exc.strerror or exc}", path=dest) from None
        finally:
            tmp.unlink(missing_ok=True)
        return dest

    def _manifest(self) -> dict[str, str]:
        out: dict[str, str] = {}
        path = self.root / MANIFEST
        if not path.exists():
            return out
        for line in path.read_text(encoding="utf-8").splitlines():
            sha, _, rel = line.partition("  ")
            if rel:
                out[rel] = sha
        return out

    def audit(self) -> Iterator[AuditEntry]:
        """Every manifest line checked against the file, and against what does not live in the
        manifest: the SHA-256 in a PDF's name and, for a sidecar, the key and SHA-256 it records
        (so a file edited together with its manifest line, or two documents swapped with their
        lines, is found). The outbox's record of what was uploaded is checked by
        ``archive.audit`` on top. ``.tmp-*`` files older than an hour are reported as strays."""
        from .base import sha_from_key

        self.check_reachable()
        manifest = self._manifest()
        for rel, listed in sorted(manifest.items()):
            p = self.root / rel
            named = sha_from_key(rel)
            expected = named or listed
            if not p.is_file():
                yield AuditEntry(rel, "missing", expected, None, "listed in manifest, file missing")
                continue
            try:
                got, _ = sha256_file(p)
            except OSError as exc:
                yield AuditEntry(rel, "missing", expected, None, f"unreadable: {exc.strerror}")
                continue
            if named and listed != named:
                yield AuditEntry(rel, "altered", named, got, "its manifest line was changed "
                                 f"(lists {listed}; the object's name says {named})")
            elif got != expected:
                yield AuditEntry(rel, "altered", expected, got)
            elif rel.endswith(".pdf.json") and (why := self._sidecar_mismatch(p, rel)):
                yield AuditEntry(rel, "altered", expected, got, why)
            else:
                yield AuditEntry(rel, "ok", expected, got)
        if self.data.is_dir():
            import time

            for p in sorted(self.data.rglob("*")):
                if not p.is_file():
                    continue
                rel = p.relative_to(self.root).as_posix()
                if p.name.startswith(".tmp-"):
                    try:
                        age = time.time() - p.stat().st_mtime
                    except OSError:
                        continue
                    if age > STRAY_AGE:
                        yield AuditEntry(rel, "stray", None, None, f"a partial write left "
                                         f"{age / 3600:.1f} h ago (safe to delete)")
                elif rel not in manifest:
                    yield AuditEntry(rel, "unlisted", None, None, "file not in manifest")

    def _sidecar_mismatch(self, path: Path, rel: str) -> str | None:
        import json

        from .base import sha_from_key

        pdf_rel = rel.removesuffix(".json")
        named = sha_from_key(pdf_rel)
        try:
            doc = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return "the metadata sidecar is not valid JSON"
        if not isinstance(doc, dict):
            return "the metadata sidecar is not a JSON object"
        if named and doc.get("sha256") != named:
            return (f"the metadata sidecar describes another document (sha256 "
                    f"{doc.get('sha256')}; its PDF's name says {named})")
        if doc.get("key") != pdf_rel.removeprefix("data/"):
            return f"the metadata sidecar names another key ({doc.get('key')!r})"
        return None
