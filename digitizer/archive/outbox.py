"""The durable outbox: what must reach which archive target, surviving crashes and power loss.

Why SQLite (WAL) plus a private copy of each file: the clerk may edit, move or delete the signed
PDF after pressing "archive"; what gets uploaded is the byte-exact copy taken at enqueue time
(written to a temp file, fsynced, renamed). Every (document, target) pair has its own state, so
one unreachable archive never blocks another.

Layout of an outbox directory::

    outbox.sqlite3      items + deliveries (schema version in PRAGMA user_version)
    blobs/              private copies, one per item, removed once every target has it
    tmp/                partial copies (cleaned on open)
    worker.lock         held (flock) by the one worker draining this outbox
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import (
    ArchiveError,
    ClassifiedDocumentError,
    DiskFullError,
    EmptyFileError,
    InputError,
    MetadataError,
    OutputError,
    UnsupportedFileError,
)
from ..fsutil import fsync_dir
from .keys import object_key

SCHEMA_VERSION = 2  # 2: items.md5 (computed while copying, sent as Content-MD5)
STATES = ("pending", "uploading", "done", "failed")
_CHUNK = 1 << 20

_SCHEMA = """
CREATE TABLE items(
    id          INTEGER PRIMARY KEY,
    created_at  REAL NOT NULL,
    source_path TEXT NOT NULL,
    blob        TEXT,                 -- file name under blobs/, NULL once every target has it
    sha256      TEXT NOT NULL,
    md5         TEXT,                 -- hex, of the same bytes (NULL for items from schema 1)
    size        INTEGER NOT NULL,
    metadata    TEXT NOT NULL,        -- JSON object
    object_key  TEXT NOT NULL,        -- target-independent key (targets may add a prefix)
    UNIQUE(sha256, object_key)
);
CREATE TABLE deliveries(
    item_id         INTEGER NOT NULL REFERENCES items(id),
    target          TEXT NOT NULL,
    state           TEXT NOT NULL CHECK(state IN ('pending','uploading','done','failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    last_error      TEXT,
    error_code      TEXT,
    remote          TEXT,             -- JSON: where/how it was stored (version id, lock...)
    updated_at      REAL NOT NULL,
    PRIMARY KEY(item_id, target)
);
CREATE INDEX deliveries_due ON deliveries(target, state, next_attempt_at);
"""

_TRUE_WORDS = {"true", "1", "yes", "y", "co", "có", "mat", "mật", "x"}


def is_classified(metadata: Mapping[str, object]) -> bool:
    """``classified`` is true (bool, number or a yes-like string), or the access regime ``mode``
    names a secrecy level (the metadata package's rule) — such documents never leave the desk."""
    from ..metadata import is_classified as record_is_classified

    value = metadata.get("classified")
    if isinstance(value, bool) and value:
        return True
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value != 0:
        return True
    if isinstance(value, str) and value.strip().lower() in _TRUE_WORDS:
        return True
    return record_is_classified(dict(metadata))


@dataclass(frozen=True)
class Delivery:
    """State of one document for one target."""

    target: str
    state: str  # pending | uploading | done | failed
    attempts: int
    next_attempt_at: float
    last_error: str | None
    error_code: str | None
    remote: dict | None
    updated_at: float


@dataclass(frozen=True)
class OutboxItem:
    id: int
    created_at: float
    source_path: str
    sha256: str
    size: int
    metadata: dict
    object_key: str
    deliveries: tuple[Delivery, ...]
    blob: str | None = None
    md5: str | None = None  # hex MD5 of the private copy (None: enqueued by schema 1)

    @property
    def state(self) -> str:
        """Overall state: failed > uploading > pending > done."""
        states = {d.state for d in self.deliveries}
        for s in ("failed", "uploading", "pending"):
            if s in states:
                return s
        return "done"

    def delivery(self, target: str) -> Delivery | None:
        return next((d for d in self.deliveries if d.target == target), None)


@dataclass(frozen=True)
class Outcome:
    """One worker result for ``Outbox.record``: ``remote`` set = done; else an error that is
    retried at ``retry_at`` (``None`` = failed, needs the user)."""

    item_id: int
    remote: Mapping[str, object] | None = None
    error: str | None = None
    code: str | None = None
    retry_at: float | None = None
    count_attempt: bool = True
    release: bool = False  # claimed but not attempted (cancel/pause): back to pending as it was


class Outbox:
    """A durable queue of documents to archive. Safe to use from several threads and processes."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.blobs = self.path / "blobs"
        self.tmp = self.path / "tmp"
        self.db_path = self.path / "outbox.sqlite3"
        self._local = threading.local()
        try:
            self.blobs.mkdir(parents=True, exist_ok=True)
            self.tmp.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create outbox directory: {exc.strerror}", path=self.path
            ) from None
        self._init_db()

    # ---------------------------------------------------------------- database plumbing
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA busy_timeout=30000")
            except sqlite3.Error as exc:
                raise ArchiveError(
                    f"cannot open outbox database: {exc}", path=self.db_path
                ) from None
            self._local.conn = conn
        return conn

    @contextmanager
    def _tx(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction. ``durable=False`` (worker state marks) skips the fsync at commit:
        in WAL mode that stays crash-consistent, and a mark lost to a power cut only makes the next
        run re-verify an object that is already there (idempotent), never lose a document."""
        conn = self._conn()
        mode = "FULL" if durable else "NORMAL"
        if getattr(self._local, "sync", "FULL") != mode:
            conn.execute(f"PRAGMA synchronous={mode}")
            self._local.sync = mode
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ArchiveError(
                f"outbox database busy or unreadable: {exc}", path=self.db_path
            ) from None
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def _init_db(self) -> None:
        with self._tx() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        conn.execute(stmt)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            elif version == 1:  # an outbox of the previous release: keep its queue
                conn.execute("ALTER TABLE items ADD COLUMN md5 TEXT")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            elif version > SCHEMA_VERSION:
                raise ArchiveError(
                    f"outbox schema version {version} is newer than this program "
                    f"understands ({SCHEMA_VERSION}); upgrade the program",
                    path=self.db_path,
                )
        for leftover in self.tmp.iterdir():  # partial copies from an interrupted enqueue
            try:
                leftover.unlink()
            except OSError:
                pass

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # ---------------------------------------------------------------- enqueue
    def enqueue(
        self,
        pdf_path: str | os.PathLike[str],
        metadata: Mapping[str, object],
        targets: Iterable[str],
    ) -> int:
        """Take a private copy of ``pdf_path`` and queue it for every target; returns the item id.

        Enqueueing the same bytes with the same key-relevant metadata again returns the existing
        item (adding any new targets), so a double click never archives a document twice.
        """
        if not isinstance(metadata, Mapping):
            raise MetadataError("archive metadata must be a mapping (JSON object)")
        src = Path(pdf_path)
        if is_classified(metadata):
            raise ClassifiedDocumentError(
                "document is marked classified; classified documents are never sent to an archive",
                path=src,
            )
        target_list = list(dict.fromkeys(targets))
        if not target_list or not all(isinstance(t, str) and t for t in target_list):
            raise ArchiveError("no archive target given (configure [archive.targets] or pass one)")
        try:
            meta_json = json.dumps(dict(metadata), ensure_ascii=False, sort_keys=True, default=str)
        except (TypeError, ValueError) as exc:
            raise MetadataError(f"metadata is not JSON-serialisable: {exc}", path=src) from None
        blob_name, sha, md5, size = self._copy_in(src)
        key = object_key(metadata, sha)
        now = time.time()
        drop_copy = False
        try:
            with self._tx() as conn:
                row = conn.execute(
                    "SELECT id, blob FROM items WHERE sha256=? AND object_key=?", (sha, key)
                ).fetchone()
                if row is None:
                    cur = conn.execute(
                        "INSERT INTO items(created_at, source_path, blob, sha256, md5, size,"
                        " metadata, object_key) VALUES (?,?,?,?,?,?,?,?)",
                        (now, str(src.resolve()), blob_name, sha, md5, size, meta_json, key),
                    )
                    item_id = int(cur.lastrowid)
                else:
                    item_id, old_blob = int(row[0]), row[1]
                    if old_blob and (self.blobs / old_blob).exists():
                        drop_copy = True
                    else:
                        conn.execute("UPDATE items SET blob=? WHERE id=?", (blob_name, item_id))
                    conn.execute(
                        "UPDATE items SET md5=? WHERE id=? AND md5 IS NULL", (md5, item_id)
                    )
                for t in target_list:
                    conn.execute(
                        "INSERT INTO deliveries(item_id, target, state, updated_at)"
                        " VALUES (?,?,'pending',?) ON CONFLICT(item_id, target) DO UPDATE SET"
                        " state='pending', attempts=0, next_attempt_at=0, updated_at=excluded.updated_at"
                        " WHERE state='failed'",  # enqueueing a failed document again = retry
                        (item_id, t, now),
                    )
        except BaseException:
            (self.blobs / blob_name).unlink(missing_ok=True)
            raise
        if drop_copy:
            (self.blobs / blob_name).unlink(missing_ok=True)
        from .. import audit

        audit.record("queued", doc=str(src.resolve()), sha256=sha, inputs=[sha], details={
            "outbox": str(self.path), "item": item_id, "targets": target_list, "key": key})
        return item_id

    def _copy_in(self, src: Path) -> tuple[str, str, str, int]:
        """Copy ``src`` to blobs/ atomically, hashing what was written (SHA-256 for the key and
        the checksums, MD5 for Content-MD5: one pass over bytes already in memory, so the upload
        need not read and hash the file again). Returns (name, sha256, md5, size)."""
        try:
            fin = open(src, "rb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            raise InputError("file not found", path=src) from None
        except IsADirectoryError:
            raise InputError("is a directory, not a PDF file", path=src) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=src) from None
        tmp = self.tmp / f"{uuid.uuid4().hex}.part"
        h = hashlib.sha256()
        h5 = hashlib.md5()
        size = 0
        try:
            with fin:
                head = fin.read(5)
                if not head:
                    raise EmptyFileError("file is empty", path=src)
                if head != b"%PDF-":
                    raise UnsupportedFileError("not a PDF file (no %PDF- header)", path=src)
                try:
                    fout = open(tmp, "xb")  # noqa: SIM115
                except OSError as exc:
                    raise OutputError(f"cannot write to outbox: {exc.strerror}", path=tmp) from None
                with fout:
                    chunk = head
                    while chunk:
                        h.update(chunk)
                        h5.update(chunk)
                        size += len(chunk)
                        fout.write(chunk)
                        chunk = fin.read(_CHUNK)
                    fout.flush()
                    os.fsync(fout.fileno())
            sha = h.hexdigest()
            name = f"{sha}-{uuid.uuid4().hex[:12]}.pdf"
            os.replace(tmp, self.blobs / name)
            fsync_dir(self.blobs)
            return name, sha, h5.hexdigest(), size
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            if exc.errno == errno.ENOSPC:
                raise DiskFullError("no space left for the outbox copy", path=self.path) from None
            raise OutputError(
                f"cannot copy into the outbox: {exc.strerror or exc}", path=src
            ) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    # ---------------------------------------------------------------- queries
    def _rows_to_items(self, conn: sqlite3.Connection, rows: list[tuple]) -> list[OutboxItem]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        dels: dict[int, list[Delivery]] = {i: [] for i in ids}
        marks = ",".join("?" * len(ids))
        for d in conn.execute(
            "SELECT item_id, target, state, attempts, next_attempt_at, last_error, error_code,"
            f" remote, updated_at FROM deliveries WHERE item_id IN ({marks}) ORDER BY target",
            ids,
        ):
            dels[d[0]].append(
                Delivery(
                    d[1], d[2], d[3], d[4], d[5], d[6], json.loads(d[7]) if d[7] else None, d[8]
                )
            )
        return [
            OutboxItem(
                id=r[0],
                created_at=r[1],
                source_path=r[2],
                blob=r[3],
                sha256=r[4],
                size=r[5],
                metadata=json.loads(r[6]),
                object_key=r[7],
                deliveries=tuple(dels[r[0]]),
                md5=r[8],
            )
            for r in rows
        ]

    _ITEM_COLS = "id, created_at, source_path, blob, sha256, size, metadata, object_key, md5"

    def items(self, state: str | None = None, target: str | None = None) -> list[OutboxItem]:
        """All items (oldest first), optionally only those with a delivery in ``state``/``target``."""
        if state is not None and state not in STATES:
            raise ArchiveError(f"unknown state {state!r}; one of {', '.join(STATES)}")
        conn = self._conn()
        where, args = [], []
        if state is not None:
            where.append("d.state=?")
            args.append(state)
        if target is not None:
            where.append("d.target=?")
            args.append(target)
        if where:
            sql = (
                f"SELECT {self._ITEM_COLS} FROM items WHERE id IN (SELECT item_id FROM deliveries d"
                f" WHERE {' AND '.join(where)}) ORDER BY id"
            )
        else:
            sql = f"SELECT {self._ITEM_COLS} FROM items ORDER BY id"
        return self._rows_to_items(conn, conn.execute(sql, args).fetchall())

    def get(self, item_id: int) -> OutboxItem:
        conn = self._conn()
        rows = conn.execute(
            f"SELECT {self._ITEM_COLS} FROM items WHERE id=?", (item_id,)
        ).fetchall()
        if not rows:
            raise ArchiveError(f"no outbox item with id {item_id}")
        return self._rows_to_items(conn, rows)[0]

    def counts(self) -> dict[str, dict[str, int]]:
        """``{target: {state: n}}`` for a status display."""
        out: dict[str, dict[str, int]] = {}
        for target, state, n in self._conn().execute(
            "SELECT target, state, COUNT(*) FROM deliveries GROUP BY target, state"
        ):
            out.setdefault(target, {s: 0 for s in STATES})[state] = n
        return out

    def targets(self) -> list[str]:
        return [r[0] for r in self._conn().execute("SELECT DISTINCT target FROM deliveries")]

    def blob_path(self, item: OutboxItem) -> Path:
        if not item.blob:
            raise ArchiveError(
                f"outbox item {item.id} has no local copy any more (already archived)"
            )
        return self.blobs / item.blob

    # ---------------------------------------------------------------- state changes
    def retry(self, item_id: int, target: str | None = None) -> int:
        """Put failed (or waiting) deliveries of an item back to pending now; returns how many."""
        self.get(item_id)
        with self._tx() as conn:
            sql = (
                "UPDATE deliveries SET state='pending', attempts=0, next_attempt_at=0, updated_at=?"
                " WHERE item_id=? AND state IN ('failed','pending')"
            )
            args: list[object] = [time.time(), item_id]
            if target is not None:
                sql += " AND target=?"
                args.append(target)
            return conn.execute(sql, args).rowcount

    def retry_failed(self, target: str | None = None) -> int:
        """Retry every failed delivery (of one target or all)."""
        with self._tx() as conn:
            sql = (
                "UPDATE deliveries SET state='pending', attempts=0, next_attempt_at=0, updated_at=?"
                " WHERE state='failed'"
            )
            args: list[object] = [time.time()]
            if target is not None:
                sql += " AND target=?"
                args.append(target)
            return conn.execute(sql, args).rowcount

    def due(self, target: str, now: float | None = None, limit: int = 100) -> list[OutboxItem]:
        """Items whose delivery to ``target`` may be attempted now (pending, or interrupted)."""
        now = time.time() if now is None else now
        conn = self._conn()
        rows = conn.execute(
            f"SELECT {self._ITEM_COLS} FROM items WHERE id IN (SELECT item_id FROM deliveries"
            " WHERE target=? AND state IN ('pending','uploading') AND next_attempt_at<=?)"
            " ORDER BY id LIMIT ?",
            (target, now, limit),
        ).fetchall()
        return self._rows_to_items(conn, rows)

    def due_count(self, target: str, now: float | None = None) -> int:
        """How many deliveries to ``target`` are due now (a progress total)."""
        now = time.time() if now is None else now
        return (
            self._conn()
            .execute(
                "SELECT COUNT(*) FROM deliveries WHERE target=? AND state IN ('pending','uploading')"
                " AND next_attempt_at<=?",
                (target, now),
            )
            .fetchone()[0]
        )

    def next_due_at(self, target: str) -> float | None:
        row = (
            self._conn()
            .execute(
                "SELECT MIN(next_attempt_at) FROM deliveries WHERE target=? AND state IN"
                " ('pending','uploading')",
                (target,),
            )
            .fetchone()
        )
        return row[0]

    def mark_uploading(self, item_id: int, target: str) -> None:
        with self._tx(durable=False) as conn:
            conn.execute(
                "UPDATE deliveries SET state='uploading', updated_at=? WHERE item_id=? AND target=?",
                (time.time(), item_id, target),
            )

    def mark_done(self, item_id: int, target: str, remote: Mapping[str, object]) -> None:
        """Record success; drop the private copy once every target has the document."""
        drop: str | None = None
        with self._tx(durable=False) as conn:
            conn.execute(
                "UPDATE deliveries SET state='done', last_error=NULL, error_code=NULL, remote=?,"
                " updated_at=? WHERE item_id=? AND target=?",
                (json.dumps(dict(remote), default=str), time.time(), item_id, target),
            )
            left = conn.execute(
                "SELECT COUNT(*) FROM deliveries WHERE item_id=? AND state!='done'", (item_id,)
            ).fetchone()[0]
            if left == 0:
                row = conn.execute("SELECT blob FROM items WHERE id=?", (item_id,)).fetchone()
                drop = row[0] if row else None
                conn.execute("UPDATE items SET blob=NULL WHERE id=?", (item_id,))
        if drop:
            (self.blobs / drop).unlink(missing_ok=True)

    def mark_error(
        self,
        item_id: int,
        target: str,
        message: str,
        code: str,
        *,
        retry_at: float | None,
        count_attempt: bool = True,
    ) -> str:
        """Record a failed attempt. ``retry_at=None`` makes it ``failed`` (needs the user)."""
        state = "failed" if retry_at is None else "pending"
        with self._tx(durable=False) as conn:
            conn.execute(
                "UPDATE deliveries SET state=?, attempts=attempts+?, next_attempt_at=?,"
                " last_error=?, error_code=?, updated_at=? WHERE item_id=? AND target=?",
                (
                    state,
                    1 if count_attempt else 0,
                    retry_at or 0,
                    message[:2000],
                    code,
                    time.time(),
                    item_id,
                    target,
                ),
            )
        return state

    def claim(self, item_ids: Iterable[int], target: str) -> None:
        """Mark several deliveries ``uploading`` in one transaction (the worker's batch claim)."""
        now = time.time()
        with self._tx(durable=False) as conn:
            conn.executemany(
                "UPDATE deliveries SET state='uploading', updated_at=? WHERE item_id=? AND target=?"
                " AND state IN ('pending','uploading')",
                [(now, i, target) for i in item_ids],
            )

    def record(
        self, target: str, outcomes: Iterable[Outcome], *, unlink: bool = True
    ) -> list[Path]:
        """Apply several worker outcomes in one transaction (group commit), then drop the private
        copies no target needs any more (``unlink=False``: return them for the caller to delete
        off its critical path; an unlink can take milliseconds on a busy disk). Why batching is
        safe: a commit lost to a crash only makes the next run re-verify objects that are already
        stored (conditional PUT / HEAD), it never loses or duplicates a document; a copy is
        removed only after the commit that says every target has it."""
        drops: list[str] = []
        now = time.time()
        with self._tx(durable=False) as conn:
            for o in outcomes:
                if o.release:
                    conn.execute(
                        "UPDATE deliveries SET state='pending' WHERE item_id=? AND target=?"
                        " AND state='uploading'",
                        (o.item_id, target),
                    )
                elif o.remote is not None:
                    conn.execute(
                        "UPDATE deliveries SET state='done', last_error=NULL, error_code=NULL,"
                        " remote=?, updated_at=? WHERE item_id=? AND target=?",
                        (json.dumps(dict(o.remote), default=str), now, o.item_id, target),
                    )
                    left = conn.execute(
                        "SELECT COUNT(*) FROM deliveries WHERE item_id=? AND state!='done'",
                        (o.item_id,),
                    ).fetchone()[0]
                    if left == 0:
                        row = conn.execute(
                            "SELECT blob FROM items WHERE id=?", (o.item_id,)
                        ).fetchone()
                        if row and row[0]:
                            drops.append(row[0])
                        conn.execute("UPDATE items SET blob=NULL WHERE id=?", (o.item_id,))
                else:
                    conn.execute(
                        "UPDATE deliveries SET state=?, attempts=attempts+?, next_attempt_at=?,"
                        " last_error=?, error_code=?, updated_at=? WHERE item_id=? AND target=?",
                        (
                            "failed" if o.retry_at is None else "pending",
                            1 if o.count_attempt else 0,
                            o.retry_at or 0,
                            (o.error or "")[:2000],
                            o.code,
                            now,
                            o.item_id,
                            target,
                        ),
                    )
        paths = [self.blobs / name for name in drops]
        if unlink:
            for path in paths:
                path.unlink(missing_ok=True)
        return paths

    def note_paused(self, target: str, message: str, code: str) -> None:
        """Show why a target's queue is waiting (no attempt spent) on its pending deliveries."""
        with self._tx(durable=False) as conn:
            conn.execute(
                "UPDATE deliveries SET last_error=?, error_code=?, updated_at=? WHERE target=?"
                " AND state IN ('pending','uploading')",
                (message[:2000], code, time.time(), target),
            )

    # ---------------------------------------------------------------- worker lock
    @contextmanager
    def worker_lock(self) -> Iterator[None]:
        """Only one worker drains an outbox at a time (another one would race on the same items)."""
        fd = os.open(self.path / "worker.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ArchiveError(
                    "another archive worker is already running on this outbox", path=self.path
                ) from None
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            yield
        finally:
            os.close(fd)
