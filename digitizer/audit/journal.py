"""The audit journal: an append-only, hash-chained SQLite log of what happened to each document.

Each record holds the event, who (the operator named in the settings and the OS user), where
(the workstation), when (local time with its UTC offset), the document's SHA-256 at that point,
the SHA-256 of the inputs it was made from (that is how one document's history is followed from
scan to archive), free details (JSON), and ``prev`` — the hash of the record before it. The
record's own ``hash`` is SHA-256 over its canonical JSON (every field but ``hash``), so:

- an **edited** record no longer matches its hash;
- a **deleted** record leaves a gap in ``seq`` and the next record's ``prev`` points nowhere;
- **reordered** records (contents swapped between rows) break ``prev`` and the ``seq`` in the hash;
- an **out-of-chain** record (inserted with a ``prev`` that is not the record before it) is found
  by the same ``prev`` check;
- a chain rewritten from some point on (every hash recomputed, which needs no key) is caught by
  the **checkpoints**: every ``checkpoint_every`` records (and on ``digitizer audit checkpoint``)
  the chain head is timestamped by an RFC 3161 TSA when one is configured (the TSA's signed token
  binds the hash to a time, outside this machine), else signed with the workstation's Ed25519 key
  (``<config dir>/audit-key.pem``, 0600; this only proves who held that key). Records after the
  last checkpoint are only chained: deleting the newest ones is not detectable until a
  checkpoint covers them — README says so.

Several processes append at once (CLI commands, the batch, the archive worker, the GUI): each
append is one ``BEGIN IMMEDIATE`` transaction that reads the head and writes the next record, so
the chain stays linear. Triggers refuse UPDATE and DELETE on records through SQLite (a guard
against mistakes; someone editing the file directly is what the hash chain is for).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import DigitizerError, OutputError
from ..fsutil import printable, printable_tree

SCHEMA_VERSION = 1
GENESIS = "0" * 64
FIELDS = (
    "seq", "time", "event", "doc", "sha256", "inputs", "operator", "os_user", "workstation",
    "details", "prev",
)

EVENTS = (
    "document.created",  # source files and their hashes -> a new document
    "pages.changed",  # pages added, removed, reordered, rotated
    "ocr.run",
    "metadata.set",  # old -> new values
    "signed",  # certificate fingerprint, level
    "verified",  # verdict
    "queued",  # enqueued in the outbox for targets
    "uploaded",  # target, key, server checksum
    "failed",  # any refused or failed step
    "exported",
)

_SCHEMA = """
CREATE TABLE records(
    seq         INTEGER PRIMARY KEY,
    time        TEXT NOT NULL,
    event       TEXT NOT NULL,
    doc         TEXT,
    sha256      TEXT,
    inputs      TEXT NOT NULL,
    operator    TEXT NOT NULL,
    os_user     TEXT NOT NULL,
    workstation TEXT NOT NULL,
    details     TEXT NOT NULL,
    prev        TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX records_sha ON records(sha256);
CREATE INDEX records_doc ON records(doc);
CREATE TABLE checkpoints(
    id      INTEGER PRIMARY KEY,
    seq     INTEGER NOT NULL,
    head    TEXT NOT NULL,
    time    TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK(kind IN ('tsa', 'ed25519')),
    token   BLOB NOT NULL,
    signer  TEXT
);
CREATE TRIGGER records_no_update BEFORE UPDATE ON records
    BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER records_no_delete BEFORE DELETE ON records
    BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
"""


class AuditError(DigitizerError):
    """The journal cannot be opened or written (exit 8: an output we could not write)."""

    exit_code = OutputError.exit_code
    code = "audit_unavailable"


class AuditIntegrityError(DigitizerError):
    """``digitizer audit verify`` found an edited, missing, reordered or unanchored record."""

    exit_code = 34
    code = "audit_tampered"


@dataclass(frozen=True)
class Record:
    seq: int
    time: str
    event: str
    doc: str | None
    sha256: str | None
    inputs: tuple[str, ...]
    operator: str
    os_user: str
    workstation: str
    details: dict
    prev: str
    hash: str

    def to_dict(self) -> dict:
        return {
            "seq": self.seq, "time": self.time, "event": self.event, "doc": self.doc,
            "sha256": self.sha256, "inputs": list(self.inputs), "operator": self.operator,
            "os_user": self.os_user, "workstation": self.workstation, "details": self.details,
            "prev": self.prev, "hash": self.hash,
        }


def record_hash(fields: Mapping[str, object]) -> str:
    """SHA-256 over the canonical JSON (sorted keys, no spaces, UTF-8) of every field but hash."""
    body = {k: fields[k] for k in FIELDS}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Problem:
    seq: int | None
    kind: str  # edited | deleted | reordered | out_of_chain | checkpoint | unanchored
    message: str


@dataclass(frozen=True)
class VerifyReport:
    records: int
    checkpoints: int
    anchored_upto: int  # the last seq covered by a valid checkpoint (0: none)
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


def now_with_offset() -> str:
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry (containers): the uid is what we know
        return f"uid {os.getuid()}"


def sha256_file(path: str | os.PathLike) -> str | None:
    """SHA-256 of a regular file, streamed; None when it cannot be read (not a regular file...)."""
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


class Journal:
    """One journal file. Safe from several threads (one connection per call) and processes."""

    def __init__(self, path: str | os.PathLike, *, operator: str = "", anchor=None,
                 checkpoint_every: int = 100):
        self.path = Path(path)
        self.operator = operator
        self.anchor = anchor  # audit.anchor.Anchor or None
        self.checkpoint_every = checkpoint_every
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise AuditError(f"cannot create the audit folder: {exc.strerror}",
                             path=self.path.parent) from None
        with self._tx() as conn:
            v = conn.execute("PRAGMA user_version").fetchone()[0]
            if v == 0:
                for stmt in _SCHEMA.split(";\n"):
                    if stmt.strip():
                        conn.execute(stmt)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            elif v > SCHEMA_VERSION:
                raise AuditError(f"audit journal version {v} is newer than this program "
                                 f"understands ({SCHEMA_VERSION})", path=self.path)
        for p in (self.path, self.path.with_name(self.path.name + "-wal"),
                  self.path.with_name(self.path.name + "-shm")):
            try:
                os.chmod(p, 0o600)
            except OSError:
                pass

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        old = os.umask(0o077)  # the -wal/-shm files SQLite creates are owner-only too
        try:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise AuditError(f"cannot open the audit journal: {exc}", path=self.path) from None
        finally:
            os.umask(old)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=30000")
            yield conn
        except sqlite3.DatabaseError as exc:
            raise AuditError(f"audit journal unreadable: {exc}", path=self.path) from None
        finally:
            conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # ------------------------------------------------------------------ writing
    def append(self, event: str, *, doc: str | None = None, sha256: str | None = None,
               inputs: Iterable[str] = (), details: Mapping[str, object] | None = None,
               time_text: str | None = None) -> Record:
        return self.append_many([{"event": event, "doc": doc, "sha256": sha256,
                                  "inputs": inputs, "details": details,
                                  "time_text": time_text}])[0]

    def append_many(self, events: Iterable[Mapping]) -> list[Record]:
        """Append several events in one transaction (the archive worker's group commit)."""
        bodies = [self._body(**e) for e in events]
        out: list[Record] = []
        with self._tx() as conn:
            row = conn.execute("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
            for body in bodies:
                fields_ = {**body, "seq": seq, "prev": prev}
                h = record_hash(fields_)
                conn.execute(
                    "INSERT INTO records(seq, time, event, doc, sha256, inputs, operator, os_user,"
                    " workstation, details, prev, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (seq, body["time"], body["event"], body["doc"], body["sha256"],
                     json.dumps(body["inputs"]), body["operator"], body["os_user"],
                     body["workstation"],
                     json.dumps(body["details"], sort_keys=True, ensure_ascii=False), prev, h),
                )
                out.append(Record(seq, body["time"], body["event"], body["doc"], body["sha256"],
                                  tuple(body["inputs"]), body["operator"], body["os_user"],
                                  body["workstation"], body["details"], prev, h))
                seq, prev = seq + 1, h
            last_cp = conn.execute("SELECT MAX(seq) FROM checkpoints").fetchone()[0] or 0
        if (self.anchor is not None and self.checkpoint_every and out
                and out[-1].seq - last_cp >= self.checkpoint_every):
            try:
                self.checkpoint()
            except DigitizerError:  # a TSA that is down must not stop the work: next time
                pass
        return out

    def _body(self, event: str, doc: str | None = None, sha256: str | None = None,
              inputs: Iterable[str] = (), details: Mapping[str, object] | None = None,
              time_text: str | None = None) -> dict:
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r}")
        body = {
            "time": time_text or now_with_offset(),
            "event": event,
            "doc": printable(doc) if doc is not None else None,
            "sha256": sha256,
            "inputs": [h for h in inputs if h],
            "operator": printable(self.operator or ""),
            "os_user": printable(_os_user()),
            "workstation": printable(socket.gethostname()),
            "details": printable_tree(dict(details or {})),
        }
        # canonical JSON round trip: what is hashed is exactly what is stored and read back
        body["details"] = json.loads(json.dumps(body["details"], default=str, ensure_ascii=False))
        return body

    def checkpoint(self) -> tuple[int, str] | None:
        """Anchor the current head (seq, hash) with the configured anchor; None when empty."""
        if self.anchor is None:
            raise AuditError("no checkpoint anchor configured ([audit] tsa_url or the "
                             "workstation key)")
        with self._connect() as conn:
            row = conn.execute("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            return None
        seq, head = row
        kind, token, signer = self.anchor.anchor(_checkpoint_digest(seq, head))
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO checkpoints(seq, head, time, kind, token, signer) VALUES (?,?,?,?,?,?)",
                (seq, head, now_with_offset(), kind, token, signer),
            )
        return seq, head

    # ------------------------------------------------------------------ reading
    def records(self) -> list[Record]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT seq, time, event, doc, sha256, inputs, operator, os_user, workstation,"
                " details, prev, hash FROM records ORDER BY seq"
            ).fetchall()
        out = []
        for r in rows:
            try:
                inputs = tuple(json.loads(r[5]))
            except (TypeError, ValueError):
                inputs = (str(r[5]),)
            try:
                details = json.loads(r[9])
            except (TypeError, ValueError):
                details = {"unparsable": str(r[9])}
            out.append(Record(r[0], r[1], r[2], r[3], r[4], inputs, r[6], r[7], r[8], details,
                              r[10], r[11]))
        return out

    def checkpoints(self) -> list[tuple]:
        with self._connect() as conn:
            return conn.execute(
                "SELECT id, seq, head, time, kind, token, signer FROM checkpoints ORDER BY id"
            ).fetchall()

    def verify(self, anchor_verifier=None) -> VerifyReport:
        """Check the whole chain and every checkpoint (see the module docstring)."""
        recs = self.records()
        problems: list[Problem] = []
        by_seq: dict[int, Record] = {}
        prev_hash, prev_seq = GENESIS, 0
        known_hashes = {r.hash: r.seq for r in recs}
        for r in recs:
            by_seq[r.seq] = r
            fields_ = r.to_dict()
            if record_hash(fields_) != r.hash:
                # intact content written at another position = moved (its prev names the record
                # it followed; that one may have moved too, so look around)
                near = 1 if r.prev == GENESIS else known_hashes.get(r.prev, r.seq) + 1
                home = next((s for s in sorted(range(max(1, near - 64), near + 65),
                                               key=lambda s: abs(s - near))
                             if s != r.seq and record_hash({**fields_, "seq": s}) == r.hash), 0)
                if home:
                    problems.append(Problem(r.seq, "reordered",
                                            f"record {r.seq} ({r.event}) was written as record "
                                            f"{home}: records were reordered"))
                else:
                    problems.append(Problem(r.seq, "edited",
                                            f"record {r.seq} ({r.event}) does not match its "
                                            "hash: it was changed after it was written"))
            if r.seq != prev_seq + 1:
                problems.append(Problem(r.seq, "deleted",
                                        f"records {prev_seq + 1}..{r.seq - 1} are missing "
                                        f"(deleted) before record {r.seq}"))
            elif r.prev != prev_hash:
                if r.prev in known_hashes:
                    problems.append(Problem(r.seq, "reordered",
                                            f"record {r.seq} follows a record that is not the "
                                            "one before it: records were reordered"))
                else:
                    problems.append(Problem(r.seq, "out_of_chain",
                                            f"record {r.seq} does not chain to record "
                                            f"{r.seq - 1}: it was inserted or replaced"))
            prev_hash, prev_seq = r.hash, r.seq
        cps = self.checkpoints()
        anchored = 0
        for cid, seq, head, _t, kind, token, _signer in cps:
            rec = by_seq.get(seq)
            if rec is None or rec.hash != head:
                problems.append(Problem(seq, "checkpoint",
                                        f"checkpoint {cid} anchored record {seq} with a hash the "
                                        "journal no longer has: records up to it were changed, "
                                        "deleted or rewritten"))
                continue
            if anchor_verifier is not None:
                why = anchor_verifier(kind, bytes(token), _checkpoint_digest(seq, head), _signer)
                if why:
                    problems.append(Problem(seq, "checkpoint", f"checkpoint {cid}: {why}"))
                    continue
            anchored = max(anchored, seq)
        if cps and recs and recs[-1].seq < max(c[1] for c in cps):
            problems.append(Problem(recs[-1].seq, "deleted",
                                    "the newest records were removed: a checkpoint covers "
                                    f"record {max(c[1] for c in cps)}, the journal ends at "
                                    f"{recs[-1].seq}"))
        return VerifyReport(len(recs), len(cps), anchored, tuple(problems))

    # ------------------------------------------------------------------ history of one document
    def history(self, doc: str | None = None, sha256: str | None = None) -> list[Record]:
        """Every record of the document named by id/path ``doc`` or content hash ``sha256``,
        following the links both ways: a record's ``inputs`` are the hashes of what it was
        made from, so created -> OCR -> metadata -> signed -> queued -> uploaded is one thread
        although the bytes (and so the SHA-256) change at each step."""
        recs = self.records()
        hashes: set[str] = set()
        docs: set[str] = set()
        if sha256:
            hashes.add(sha256)
        if doc:
            docs.add(printable(doc))
        changed = True
        picked: dict[int, Record] = {}
        while changed:
            changed = False
            for r in recs:
                if r.seq in picked:
                    continue
                hit = (r.sha256 and r.sha256 in hashes) or (r.doc and r.doc in docs) or any(
                    h in hashes for h in r.inputs)
                if not hit:
                    continue
                picked[r.seq] = r
                changed = True
                for h in (r.sha256, *r.inputs):
                    if h:
                        hashes.add(h)
                if r.doc:
                    docs.add(r.doc)
        return [picked[s] for s in sorted(picked)]


def _checkpoint_digest(seq: int, head: str) -> bytes:
    return hashlib.sha256(f"digitizer-audit-checkpoint/1:{seq}:{head}".encode()).digest()


def export_history(records: list[Record], journal: Journal) -> dict:
    """A document's history as JSON (``digitizer.audit-history/1``), each record with its hash,
    so the receiver can check it against the workstation's journal."""
    return {
        "schema": "digitizer.audit-history/1",
        "journal": printable(str(journal.path)),
        "exported_at": now_with_offset(),
        "records": [r.to_dict() for r in records],
    }
