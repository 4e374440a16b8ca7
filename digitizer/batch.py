"""Unattended, resumable batch processing of a backlog: OCR -> metadata -> (sign) -> (enqueue).

Why a separate module: each stage already exists as a library (``digitizer.pipeline``,
``digitizer.metadata``, ``signing``, ``digitizer.archive``); this module only chains them per
document and keeps a journal so that a batch of thousands of pages can be killed and restarted
at any moment without redoing finished work or taking a half-written file for a finished one.

Layout of the output folder::

    OUT/<id>.pdf              final PDF (XMP embedded; signed when a signer is given)
    OUT/<id>.pdf.json         metadata sidecar (hash of the final PDF)
    OUT/.batch/journal.sqlite3  the journal (WAL, PRAGMA user_version = JOURNAL_VERSION)
    OUT/.batch/work/<id>.ocr.pdf|.ocr.json|.meta.pdf  intermediate results (kept for resume)
    OUT/.batch/review/<id>.json  record + field errors of a document that needs review

Document states: ``pending`` -> ``running`` -> ``done`` | ``failed`` | ``needs_review``; ``stage``
is the last stage finished (``ocr_done``, ``meta_done``, ``signed``, ``queued``). Every output is
written atomically (``digitizer.fsutil`` or the stage library's own atomic write) *before* the
journal records the stage, so after a kill a stage is either recorded with its complete output or
run again.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import (
    CancelledError,
    DigitizerError,
    DiskFullError,
    InputError,
    MissingDependencyError,
    OutputError,
    UsageError,
)
from .fsutil import (
    check_input_file,
    copy_atomic,
    printable,
    printable_tree,
    refuse_output_over_inputs,
    write_atomic,
)
from .pipeline import OcrOptions, ocr_document
from .progress import CancelToken, Progress, ProgressFn, no_progress

log = logging.getLogger(__name__)

JOURNAL_VERSION = 2  # 2: table skipped (entries of the source folder not processed, and why)
# a file named so is a page (in a sub-folder) or a document (loose), even when its content is
# bad (it then fails with the reason); any other file is one when its content says so (sniff)
PAGE_SUFFIXES = (".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png")
FOLDER_META = "metadata.json"  # optional per-document overrides inside a sub-folder
DEFAULT_REQUIRED = ("dossier_code", "type_name", "issued_date", "organ_name")
STAGES = ("ocr_done", "meta_done", "signed", "queued")
STATES = ("pending", "running", "done", "failed", "needs_review")
# Errors that would hit every document the same way: stop the batch instead of failing them all.
_FATAL = (MissingDependencyError, CancelledError, DiskFullError)
# signing errors about the credential itself (certificate refused, wrong/locked PIN, token or key
# gone): signing.errors exit codes, matched by number because signing/ is a separate library
_FATAL_SIGNING_EXIT = frozenset({21, 22, 23, 24, 25, 26})


_FINAL_KEYS = (
    "review",
    "output",
    "output_sha256",
    "output_size",
    "sidecar",
    "level",
    "needs_augmentation",
    "outbox_item",
    "not_enqueued",
)


def _is_fatal(exc: BaseException) -> bool:
    if isinstance(exc, _FATAL) or not isinstance(exc, Exception):
        return True
    return (
        not isinstance(exc, DigitizerError)
        and getattr(exc, "exit_code", None) in _FATAL_SIGNING_EXIT
    )


# ------------------------------------------------------------------------------ data types


@dataclass(frozen=True)
class DocumentSpec:
    """One document of the source: an id (file-name safe), its input files in page order, and
    metadata overrides (manifest columns or a sub-folder's ``metadata.json``)."""

    id: str
    inputs: tuple[Path, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchOptions:
    ocr: OcrOptions = field(default_factory=OcrOptions)
    meta: Mapping[str, Any] = field(default_factory=dict)  # overrides for every document
    schema: Path | None = None
    required: tuple[str, ...] = DEFAULT_REQUIRED  # empty -> needs review
    signer: Any = None  # an open signing.SignerHandle (the caller opens and closes it)
    level: str = "B-LT"
    tsa_url: str | None = None
    stamp: Any = None  # signing.StampOptions, or record -> StampOptions; None = library default
    pss: bool = False  # RSASSA-PSS instead of RSA PKCS#1 v1.5
    enqueue: tuple[str, ...] = ()  # archive target names
    outbox: Path | None = None  # default: digitizer.archive.default_outbox_path()
    retry_failed: bool = False
    overlap: bool = True  # two documents in OCR at once, finished in order (see _run_overlapped)


@dataclass(frozen=True)
class DocumentReport:
    id: str
    state: str
    stage: str | None
    pages: int
    output: str | None
    error_code: str | None = None
    error: str | None = None
    field_errors: tuple[dict, ...] = ()
    skipped: bool = False  # finished in an earlier run, inputs unchanged
    redone: bool = False  # inputs changed since an earlier run
    seconds: float = 0.0  # sum of the stage times recorded in the journal
    notes: tuple[str, ...] = ()
    text_review_pages: tuple[int, ...] = ()  # 1-based pages with ink the OCR could not read


@dataclass(frozen=True)
class BatchReport:
    out_dir: str
    journal: str
    documents: tuple[DocumentReport, ...]
    pages_processed: int  # pages OCRed in this run
    seconds: float
    skipped: tuple[SkippedFile, ...] = ()  # entries of the source folder not processed, and why

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in ("done", "failed", "needs_review", "pending")}
        for d in self.documents:
            out[d.state] = out.get(d.state, 0) + 1
        return out

    @property
    def text_review(self) -> tuple[DocumentReport, ...]:
        """Documents with pages whose text the OCR could not read completely (any state)."""
        return tuple(d for d in self.documents if d.text_review_pages)

    @property
    def ok(self) -> bool:
        return all(d.state == "done" for d in self.documents)

    @property
    def exit_code(self) -> int:
        """0 when every document is done, else 12 (BatchIncompleteError)."""
        from .errors import BatchIncompleteError

        return 0 if self.ok else BatchIncompleteError.exit_code


# ------------------------------------------------------------------------------ the source


_ID_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)


# File names are limited in bytes (255 on ext4), and an id becomes names such as
# ".<id>.ocr.json.XXXXXXXX.part" (24 bytes more) and gets "-N" when taken: ids are cut by bytes
# of UTF-8 (a Vietnamese letter takes 2-3), at a character boundary.
ID_MAX_BYTES = 180


def _cut_bytes(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def _safe_id(text: str) -> str:
    # bytes of a name that is not UTF-8 (surrogate escapes) are not \w: they become "_"
    s = _ID_UNSAFE.sub("_", text.strip()).strip("._")
    return _cut_bytes(s, ID_MAX_BYTES).rstrip("._") or "document"


def _unique(ids: set[str], wanted: str) -> str:
    cand, n = wanted, 2
    while cand.lower() in ids:
        suffix = f"-{n}"
        cand, n = _cut_bytes(wanted, ID_MAX_BYTES - len(suffix)) + suffix, n + 1
    ids.add(cand.lower())
    return cand


def _read_json_object(path: Path, what: str) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read {what}: {exc}", path=path) from None
    if not isinstance(data, dict):
        raise InputError(f"{what} must be a JSON object", path=path)
    return data


@dataclass(frozen=True)
class SkippedFile:
    """An entry of a source folder that is neither a document nor a page of one, and why."""

    path: str
    code: str  # hidden | output_folder | not_a_page | no_pages | nested_folder | not_a_file
    reason: str  # the reason in words (English, like every core message)


@dataclass(frozen=True)
class SourceSurvey:
    """Everything found in a source: its documents, and every entry that is not processed."""

    documents: tuple[DocumentSpec, ...]
    skipped: tuple[SkippedFile, ...] = ()


def scan_source(source: str | os.PathLike, exclude: Path | None = None) -> list[DocumentSpec]:
    """The documents of ``source`` in a stable order (folder: by name; manifest: as listed)."""
    return list(survey_source(source, exclude).documents)


def survey_source(source: str | os.PathLike, exclude: Path | None = None) -> SourceSurvey:
    """The documents of ``source`` and, for a folder, every entry that is not processed with
    its reason: nothing in a source folder goes unaccounted for (a manifest names its files)."""
    src = Path(source)
    if src.is_dir():
        return _scan_folder(src, exclude)
    if src.is_file() and src.suffix.lower() in (".csv", ".json"):
        return SourceSurvey(tuple(_scan_manifest(src)))
    if not src.exists():
        raise UsageError("batch source not found", path=src)
    raise UsageError("batch source must be a folder or a .csv/.json manifest", path=src)


def _page_kind(path: Path) -> tuple[bool, SkippedFile | None]:
    """Is ``path`` a page? Decided by content (the importer's ``sniff``); a file whose name says
    it is a page (.pdf, .tif, .jpg, .png) stays one even when its content is bad, so that it
    fails with its reason instead of disappearing from the batch."""
    from .acquire.importer import sniff

    if not path.is_file():
        return False, SkippedFile(str(path), "not_a_file", "not a regular file (a broken link?)")
    if path.suffix.lower() in PAGE_SUFFIXES:
        return True, None
    try:
        sniff(path)
    except InputError as exc:
        why = "decided by content" if exc.code == "unsupported_type" else exc.message
        return False, SkippedFile(str(path), "not_a_page", f"not a PDF, JPEG, PNG or TIFF ({why})")
    return True, None


def _scan_folder(root: Path, exclude: Path | None) -> SourceSurvey:
    docs: list[DocumentSpec] = []
    skipped: list[SkippedFile] = []
    ids: set[str] = set()
    excl = exclude.resolve() if exclude else None
    hidden = "hidden (name starts with a dot)"
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            skipped.append(SkippedFile(str(entry), "hidden", hidden))
            continue
        if excl is not None and entry.resolve() == excl:
            skipped.append(SkippedFile(str(entry), "output_folder", "the batch's output folder"))
            continue
        if entry.is_dir():
            files = []
            for f in sorted(entry.iterdir(), key=lambda p: p.name):
                if f.name.startswith("."):
                    skipped.append(SkippedFile(str(f), "hidden", hidden))
                elif f.name == FOLDER_META and f.is_file():
                    continue  # the document's metadata overrides (read below)
                elif f.is_dir():
                    skipped.append(SkippedFile(
                        str(f), "nested_folder",
                        "a folder inside a document folder (only its own files are pages)"))
                else:
                    page, why = _page_kind(f)
                    if page:
                        files.append(f)
                    else:
                        skipped.append(why)
            if not files:
                skipped.append(SkippedFile(str(entry), "no_pages",
                                           "a folder without any PDF, JPEG, PNG or TIFF page"))
                continue
            meta_file = entry / FOLDER_META
            meta = _read_json_object(meta_file, "document metadata") if meta_file.is_file() else {}
            docs.append(DocumentSpec(_unique(ids, _safe_id(entry.name)), tuple(files), meta))
            continue
        page, why = _page_kind(entry)
        if not page:
            skipped.append(why)
            continue
        wanted = _safe_id(entry.stem)
        if wanted.lower() in ids:
            wanted = _safe_id(entry.name)
        docs.append(DocumentSpec(_unique(ids, wanted), (entry,), {}))
    return SourceSurvey(tuple(docs), tuple(skipped))


def _scan_manifest(path: Path) -> list[DocumentSpec]:
    """CSV: columns ``id``, ``inputs`` (paths separated by ``;``) and any metadata field as a
    further column. JSON: a list (or ``{"documents": [...]}``) of ``{"id", "inputs": [...],
    "metadata": {...}}``; other keys are ignored. Relative paths are relative to the manifest."""
    base = path.parent
    rows: list[tuple[str, list[str], dict]] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read manifest: {exc}", path=path) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(f"manifest is not valid JSON: {exc}", path=path) from None
        if isinstance(data, dict):
            data = data.get("documents")
        if not isinstance(data, list):
            raise UsageError(
                'JSON manifest must be a list of documents (or {"documents": [...]})', path=path
            )
        for n, d in enumerate(data, 1):
            if not isinstance(d, dict) or not d.get("id") or not isinstance(d.get("inputs"), list):
                raise UsageError(f'manifest entry {n}: needs "id" and a list "inputs"', path=path)
            meta = d.get("metadata") or {}
            if not isinstance(meta, dict):
                raise UsageError(f'manifest entry {n}: "metadata" must be an object', path=path)
            rows.append((str(d["id"]), [str(x) for x in d["inputs"]], meta))
    else:
        reader = csv.DictReader(io.StringIO(text))
        cols = [c.strip() for c in (reader.fieldnames or [])]
        if "id" not in cols or "inputs" not in cols:
            raise UsageError("CSV manifest needs the columns id and inputs", path=path)
        for n, r in enumerate(reader, 2):
            r = {(k or "").strip(): (v or "").strip() for k, v in r.items() if k}
            if not r.get("id") or not r.get("inputs"):
                raise UsageError(f"manifest line {n}: empty id or inputs", path=path)
            meta = {k: v for k, v in r.items() if k not in ("id", "inputs") and v != ""}
            rows.append((r["id"], [s.strip() for s in r["inputs"].split(";") if s.strip()], meta))
    docs: list[DocumentSpec] = []
    ids: set[str] = set()
    for raw_id, inputs, meta in rows:
        doc_id = _safe_id(raw_id)
        if doc_id.lower() in ids:
            raise UsageError(f"manifest lists the document id {raw_id!r} twice", path=path)
        ids.add(doc_id.lower())
        docs.append(DocumentSpec(doc_id, tuple((base / p) for p in inputs), dict(meta)))
    return docs


# ------------------------------------------------------------------------------ the journal


_SCHEMA = """
CREATE TABLE IF NOT EXISTS batch(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    inputs TEXT NOT NULL,            -- JSON [{path, sha256, size}]
    fingerprint TEXT NOT NULL,       -- SHA-256 over the inputs' hashes, in order
    state TEXT NOT NULL,             -- pending | running | done | failed | needs_review
    stage TEXT,                      -- last stage finished: ocr_done | meta_done | signed | queued
    pages INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    error TEXT,
    field_errors TEXT,               -- JSON [{field, code, message, params}]
    outputs TEXT NOT NULL DEFAULT '{}',  -- JSON {ocr_pdf, ocr_json, output, output_sha256, ...}
    timings TEXT NOT NULL DEFAULT '{}',  -- JSON {ocr_s, meta_s, sign_s, queue_s}
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    stage TEXT NOT NULL,             -- ocr | meta | sign | queue
    started_at REAL NOT NULL,
    finished_at REAL,
    ok INTEGER,
    error TEXT
);
CREATE INDEX IF NOT EXISTS attempts_doc ON attempts(doc_id, stage);
CREATE TABLE IF NOT EXISTS skipped(  -- as found by the last run's scan of the source folder
    path TEXT PRIMARY KEY,
    code TEXT NOT NULL,              -- hidden | output_folder | not_a_page | no_pages | ...
    reason TEXT NOT NULL,
    seen_at REAL NOT NULL
);
"""


def _locked(fn: Callable) -> Callable:
    def wrapper(self: Journal, *a: Any, **kw: Any) -> Any:
        with self._lock:
            return fn(self, *a, **kw)

    wrapper.__doc__ = fn.__doc__
    return wrapper


class Journal:
    """The batch journal: SQLite in WAL mode, ``PRAGMA user_version`` = schema version (a newer
    journal is refused, never silently downgraded). Every write commits at once."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()  # the overlapped runner writes from two threads
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            self.conn.row_factory = sqlite3.Row
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > JOURNAL_VERSION:
                raise OutputError(
                    f"batch journal has schema version {version}, this program knows "
                    f"{JOURNAL_VERSION}: use a newer digitizer",
                    path=self.path,
                )
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.executescript(_SCHEMA)
            if version < JOURNAL_VERSION:
                self.conn.execute(f"PRAGMA user_version={JOURNAL_VERSION}")
        except sqlite3.Error as exc:
            raise OutputError(f"cannot open the batch journal: {exc}", path=self.path) from None

    def close(self) -> None:
        self.conn.close()

    @_locked
    def set(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO batch(key, value) VALUES(?,?) ON CONFLICT(key) DO UPDATE "
            "SET value=excluded.value",
            (key, printable(value)),
        )

    @_locked
    def get_doc(self, doc_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()

    @_locked
    def docs(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM documents ORDER BY position, id").fetchall()

    @_locked
    def upsert(self, doc_id: str, **cols: Any) -> None:
        now = time.time()
        # names that are not UTF-8 (input paths, messages naming them) are stored escaped: SQLite
        # text is UTF-8. The output folder's own name is UTF-8 (run_batch), so stored output
        # paths still open.
        cols = {k: printable(v) if isinstance(v, str) else v for k, v in cols.items()}
        for k in ("inputs", "field_errors", "outputs", "timings"):
            if k in cols and not isinstance(cols[k], str) and cols[k] is not None:
                cols[k] = json.dumps(printable_tree(cols[k]), ensure_ascii=False, default=str)
        if self.get_doc(doc_id) is None:
            cols.setdefault("state", "pending")
            cols.setdefault("position", 0)
            cols.setdefault("fingerprint", "")
            cols.setdefault("inputs", "[]")
            keys = ["id", "created_at", "updated_at", *cols]
            self.conn.execute(
                f"INSERT INTO documents({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})",
                (doc_id, now, now, *cols.values()),
            )
        else:
            sets = ", ".join(f"{k}=?" for k in cols)
            self.conn.execute(
                f"UPDATE documents SET {sets}, updated_at=? WHERE id=?",
                (*cols.values(), now, doc_id),
            )

    @_locked
    def set_skipped(self, items: tuple[SkippedFile, ...] | list[SkippedFile]) -> None:
        """Replace the list of skipped source entries with this run's, in one transaction."""
        now = time.time()
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("DELETE FROM skipped")
            self.conn.executemany(
                "INSERT OR REPLACE INTO skipped(path, code, reason, seen_at) VALUES (?,?,?,?)",
                [(printable(i.path), i.code, printable(i.reason), now) for i in items],
            )

    @_locked
    def skipped(self) -> list[SkippedFile]:
        rows = self.conn.execute("SELECT path, code, reason FROM skipped ORDER BY path")
        return [SkippedFile(r["path"], r["code"], r["reason"]) for r in rows]

    @_locked
    def get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM batch WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    @_locked
    def begin(self, doc_id: str, stage: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO attempts(doc_id, stage, started_at) VALUES (?,?,?)",
            (doc_id, stage, time.time()),
        )
        return int(cur.lastrowid)

    @_locked
    def end(self, attempt: int, ok: bool, error: str | None = None) -> None:
        self.conn.execute(
            "UPDATE attempts SET finished_at=?, ok=?, error=? WHERE id=?",
            (time.time(), int(ok), error, attempt),
        )

    @_locked
    def attempts(self, doc_id: str, stage: str | None = None) -> list[sqlite3.Row]:
        q, args = "SELECT * FROM attempts WHERE doc_id=?", [doc_id]
        if stage:
            q += " AND stage=?"
            args.append(stage)
        return self.conn.execute(q + " ORDER BY id", args).fetchall()


def journal_path(out_dir: str | os.PathLike) -> Path:
    return Path(out_dir) / ".batch" / "journal.sqlite3"


def open_journal(out_dir: str | os.PathLike) -> Journal:
    """Open an existing batch journal (for ``batch status``)."""
    p = journal_path(out_dir)
    if not p.is_file():
        raise UsageError(
            "no batch journal in this folder (run 'digitizer batch SOURCE -o OUT_DIR' first)",
            path=Path(out_dir),
        )
    return Journal(p)


# ------------------------------------------------------------------------------ helpers


def _sha256(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _altered_output(outputs: dict) -> str | None:
    """Why the final PDF the batch wrote is not what it wrote (its SHA-256 is in the journal),
    or None. A file that is gone is not "altered" (it is rebuilt)."""
    out, want = outputs.get("output"), outputs.get("output_sha256")
    if not out or not want or not Path(out).is_file():
        return None
    try:
        got = _sha256(Path(out))[0]
    except OSError as exc:
        return f"the final PDF cannot be read to check it ({exc.strerror or exc})"
    if got == want:
        return None
    return (f"the final PDF was changed after the batch wrote it (SHA-256 {got[:16]}..., the "
            f"journal recorded {want[:16]}...); it is left as it is: move it aside to rebuild it")


def _audit_stage(j: Journal, doc_id: str, name: str, exc: BaseException | None) -> None:
    """The batch's audit events (issue 19), one per stage: what the stage made and from what."""
    from . import audit

    row = j.get_doc(doc_id)
    outputs = json.loads(row["outputs"] or "{}")
    ins = [i.get("sha256") for i in json.loads(row["inputs"] or "[]")]
    if exc is not None:
        if not isinstance(exc, CancelledError):
            code, msg = _error_fields(exc)
            audit.record("failed", doc=doc_id, inputs=ins,
                         details={"command": "batch", "stage": name, "code": code, "message": msg})
        return
    if name == "ocr_recorded" and outputs.get("ocr_pdf"):
        sources = [{"path": i.get("path"), "sha256": i.get("sha256")}
                   for i in json.loads(row["inputs"] or "[]")]
        audit.record("document.created", doc=doc_id, path=outputs["ocr_pdf"], inputs=ins,
                     details={"command": "batch", "sources": sources, "pages": row["pages"]})
        audit.record("ocr.run", doc=doc_id, path=outputs["ocr_pdf"], inputs=ins,
                     details={"pages": row["pages"],
                              "pages_to_review": outputs.get("text_review_pages") or []})
    elif name == "meta" and outputs.get("meta_pdf") and row["stage"] == "meta_done":
        prev = audit.sha256_file(outputs["ocr_pdf"]) if outputs.get("ocr_pdf") else None
        audit.record("metadata.set", doc=doc_id, path=outputs["meta_pdf"], inputs=[prev],
                     details={"old": {}, "new": _read_record(j, doc_id, outputs)})
    elif name == "sign" and outputs.get("output_sha256"):
        prev = audit.sha256_file(outputs["meta_pdf"]) if outputs.get("meta_pdf") else None
        audit.record("signed", doc=doc_id, sha256=outputs["output_sha256"], inputs=[prev],
                     details={"level": outputs.get("level"), "output": outputs.get("output"),
                              "certificate_sha256": outputs.get("certificate_sha256")})


def _read_record(j: Journal, doc_id: str, outputs: dict) -> dict:
    p = Path(outputs["meta_pdf"]).with_name(f"{doc_id}.record.json")
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _fingerprint(spec: DocumentSpec) -> tuple[list[dict], str]:
    """Hashes of the inputs, in order (raises InputError for a missing/unreadable file)."""
    items = []
    for p in spec.inputs:
        check_input_file(p)  # a FIFO or a link to a device would block or never end the hash
        try:
            sha, size = _sha256(p)
        except FileNotFoundError:
            raise InputError("input file not found", path=p) from None
        except OSError as exc:
            raise InputError(f"cannot read input file ({exc.strerror or exc})", path=p) from None
        items.append({"path": str(p), "sha256": sha, "size": size})
    fp = hashlib.sha256("\n".join(f"{i['sha256']}:{i['size']}" for i in items).encode()).hexdigest()
    return items, fp


def _meta_fingerprint(spec: DocumentSpec, options: BatchOptions) -> str:
    blob = json.dumps(
        [dict(spec.metadata), dict(options.meta), list(options.required)],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _error_fields(exc: BaseException) -> tuple[str, str]:
    code = getattr(exc, "code", None)
    if not isinstance(code, str):
        code = "internal"
    msg = str(exc) or type(exc).__name__
    if code == "internal":
        msg = f"{type(exc).__name__}: {msg}"
    return code, msg


class _LinkedToken(CancelToken):
    """Cancelled when the caller's token is, or when the batch itself aborts (a fatal error in
    one document stops the OCR of the one running beside it) without touching the caller's."""

    def __init__(self, parent: CancelToken) -> None:
        super().__init__()
        self._parent = parent

    @property
    def cancelled(self) -> bool:
        return super().cancelled or self._parent.cancelled

    def check(self) -> None:
        if self.cancelled:
            raise CancelledError()


class _Lock:
    """One batch process per output folder (flock; released by the OS when the process dies)."""

    def __init__(self, path: Path) -> None:
        self.fh = open(path, "a+")  # noqa: SIM115
        try:
            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.fh.close()
            raise OutputError(
                "another batch is running on this output folder", path=path.parent.parent
            ) from None

    def release(self) -> None:
        fcntl.flock(self.fh.fileno(), fcntl.LOCK_UN)
        self.fh.close()


# ------------------------------------------------------------------------------ the runner


class _Runner:
    def __init__(
        self, out_dir: Path, options: BatchOptions, progress: ProgressFn, cancel: CancelToken
    ) -> None:
        from .metadata import load_schema

        self.out = out_dir
        self.opts = options
        self.progress = progress
        self.cancel = cancel
        self.work = out_dir / ".batch" / "work"
        self.review = out_dir / ".batch" / "review"
        self.schema = load_schema(options.schema)
        self.pages = 0
        self.outbox = None
        self.total = 0
        self.index = 0

    def emit(self, doc_id: str, message: str, **extra: Any) -> None:
        try:
            self.progress(
                Progress(
                    "batch",
                    self.index,
                    self.total,
                    f"{doc_id}: {message}",
                    extra={"doc": doc_id, **extra},
                )
            )
        except Exception:
            log.exception("progress callback failed")

    # -- planning ----------------------------------------------------------------------
    def plan(self, j: Journal, pos: int, spec: DocumentSpec) -> tuple[str, dict]:
        """Decide what to do with one document: 'skip', 'fail' (inputs unreadable) or 'run'."""
        info: dict = {"redone": False}
        try:
            items, fp = _fingerprint(spec)
        except InputError as exc:
            code, msg = _error_fields(exc)
            j.upsert(
                spec.id,
                position=pos,
                state="failed",
                error_code=code,
                error=msg,
                inputs=[{"path": str(p)} for p in spec.inputs],
            )
            return "fail", info
        mfp = _meta_fingerprint(spec, self.opts)
        row = j.get_doc(spec.id)
        if row is None:
            j.upsert(
                spec.id,
                position=pos,
                inputs=items,
                fingerprint=fp,
                state="pending",
                stage=None,
                outputs={"meta_fp": mfp},
            )
            return "run", info
        outputs = json.loads(row["outputs"] or "{}")
        if row["fingerprint"] != fp:  # inputs changed: start again from OCR
            info["redone"] = True
            j.upsert(
                spec.id,
                position=pos,
                inputs=items,
                fingerprint=fp,
                state="pending",
                stage=None,
                error=None,
                error_code=None,
                field_errors=None,
                outputs={"meta_fp": mfp},
                timings={},
            )
            return "run", info
        j.upsert(spec.id, position=pos)
        altered = _altered_output(outputs)
        if altered:  # never overwritten: the changed file may be evidence (issue 19)
            j.upsert(spec.id, state="failed", error_code="output_altered", error=altered)
            from . import audit

            audit.record("failed", doc=spec.id, path=outputs.get("output"),
                         details={"command": "batch", "code": "output_altered", "message": altered})
            return "fail", info
        state, stage = row["state"], row["stage"]
        if outputs.get("meta_fp") != mfp:
            # metadata overrides changed: redo metadata (and what follows) on the same OCR
            outputs["meta_fp"] = mfp
            if stage is not None:
                j.upsert(
                    spec.id,
                    stage="ocr_done",
                    state="pending",
                    field_errors=None,
                    error=None,
                    error_code=None,
                    outputs=outputs,
                )
                self._repair_stage(j, spec, "ocr_done", outputs)
                return "run", info
            j.upsert(spec.id, outputs=outputs)
        if state == "done":
            out = outputs.get("output")
            if out and Path(out).is_file():
                return "skip", info
            j.upsert(spec.id, stage="ocr_done", state="pending")  # final file removed: rebuild
            self._repair_stage(j, spec, "ocr_done", outputs)
            return "run", info
        if state == "failed" and not self.opts.retry_failed:
            return "skip", info
        if state == "needs_review":  # same OCR, same overrides: same verdict
            return "skip", info
        self._repair_stage(j, spec, stage, outputs)
        return "run", info

    def _repair_stage(
        self, j: Journal, spec: DocumentSpec, stage: str | None, outputs: dict
    ) -> None:
        """Step back when a work file the recorded stage relies on was deleted by hand."""
        ocr_ok = all((self.work / f"{spec.id}{x}").is_file() for x in (".ocr.pdf", ".ocr.json"))
        if stage is not None and not ocr_ok:
            j.upsert(spec.id, stage=None)
        elif (
            stage == "meta_done"
            and not (self.work / f"{spec.id}.meta.pdf").is_file()
            and not (outputs.get("output") and Path(outputs["output"]).is_file())
        ):
            j.upsert(spec.id, stage="ocr_done")

    # -- stages ------------------------------------------------------------------------
    def _stage(self, j: Journal, doc_id: str, name: str, fn: Callable[[], Any]) -> Any:
        attempt = j.begin(doc_id, name)
        t0 = time.monotonic()
        try:
            result = fn()
        except BaseException as exc:
            j.end(attempt, False, _error_fields(exc)[1])
            _audit_stage(j, doc_id, name, exc)
            raise
        j.end(attempt, True)
        _audit_stage(j, doc_id, name, None)
        row = j.get_doc(doc_id)
        timings = json.loads(row["timings"] or "{}")
        timings[f"{name}_s"] = round(time.monotonic() - t0, 3)
        j.upsert(doc_id, timings=timings)
        return result

    def ocr(self, j: Journal, spec: DocumentSpec) -> None:
        ocr_pdf = self.work / f"{spec.id}.ocr.pdf"
        ocr_json = self.work / f"{spec.id}.ocr.json"

        def page_progress(ev: Progress) -> None:
            if ev.extra.get("event") == "done":
                self.emit(
                    spec.id,
                    f"page {ev.page} OCRed ({ev.done}/{ev.total})",
                    page=ev.page,
                    event="page",
                )

        def run() -> Any:
            return ocr_document(
                list(spec.inputs),
                ocr_pdf,
                self.opts.ocr,
                progress=page_progress,
                cancel=self.cancel,
                sidecar=ocr_json,
            )

        result = self._stage(j, spec.id, "ocr", run)
        self.pages += len(result.pages)
        outputs = json.loads(j.get_doc(spec.id)["outputs"] or "{}")
        outputs.update(ocr_pdf=str(ocr_pdf), ocr_json=str(ocr_json))
        # pages with ink the OCR could not read (coverage check): 1-based, for the report
        outputs["text_review_pages"] = [i + 1 for i in result.pages_to_review]
        j.upsert(spec.id, stage="ocr_done", pages=len(result.pages), outputs=outputs)
        # the OCR's audit events need its outputs, which the journal holds only now
        _audit_stage(j, spec.id, "ocr_recorded", None)

    def finish(self, j: Journal, spec: DocumentSpec) -> None:
        """Stages after OCR: metadata (needs review stops here), sign, enqueue."""
        row = j.get_doc(spec.id)
        if row["stage"] == "ocr_done":
            ok = self._stage(j, spec.id, "meta", lambda: self.metadata(j, spec))
            if not ok:
                return
            row = j.get_doc(spec.id)
        if self.opts.signer is not None and row["stage"] == "meta_done":
            self._stage(j, spec.id, "sign", lambda: self.sign(j, spec))
            row = j.get_doc(spec.id)
        if row["stage"] == "meta_done" and not self.opts.signer:
            self.publish(j, spec)
            row = j.get_doc(spec.id)
        if self.opts.enqueue and row["stage"] in ("meta_done", "signed"):
            self._stage(j, spec.id, "queue", lambda: self.enqueue(j, spec))
        j.upsert(spec.id, state="done", error=None, error_code=None)
        # the final PDF holds the same bytes (or their signed form): keep only the OCR result,
        # from which metadata can be redone
        (self.work / f"{spec.id}.meta.pdf").unlink(missing_ok=True)

    def _record(self, spec: DocumentSpec) -> tuple[dict, list, Any]:
        from .metadata import FieldError, coerce, extract, validate
        from .model import DocumentResult

        ocr_json = self.work / f"{spec.id}.ocr.json"
        try:
            doc = DocumentResult.from_dict(json.loads(ocr_json.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"cannot read the OCR result ({exc}); delete it and run again "
                "with --retry-failed to OCR the document again",
                path=ocr_json,
            ) from None
        sugg = extract(doc, schema=self.schema)
        rec = self.schema.defaults() | sugg.record()
        rec.update(spec.metadata)
        rec.update(self.opts.meta)
        rec = coerce(rec, self.schema)
        errs = list(validate(rec, self.schema))
        have = {e.field for e in errs}
        for key in self.opts.required:
            v = rec.get(key)
            if (v is None or v == "" or v == []) and key not in have:
                errs.append(FieldError(key, "required", "is required for archiving (batch)", {}))
        return rec, errs, sugg

    def metadata(self, j: Journal, spec: DocumentSpec) -> bool:
        from .metadata import embed_xmp, error_text, is_classified

        rec, errs, _sugg = self._record(spec)
        outputs = json.loads(j.get_doc(spec.id)["outputs"] or "{}")
        if errs:
            fe = [
                {
                    "field": e.field,
                    "code": e.code,
                    "message": e.message,
                    "text": error_text(e, self.schema, "en"),
                    "text_vi": error_text(e, self.schema, "vi"),  # for the morning report
                    "params": e.params,
                }
                for e in errs
            ]
            review = self.review / f"{spec.id}.json"
            write_atomic(
                review,
                json.dumps(
                    {"id": spec.id, "record": rec, "errors": fe},
                    ensure_ascii=False,
                    indent=1,
                    default=str,
                ),
            )
            outputs.update(review=str(review))
            j.upsert(
                spec.id,
                state="needs_review",
                field_errors=fe,
                outputs=outputs,
                error_code="metadata_invalid",
                error="; ".join(f"{e['field']}: {e['message']} [{e['code']}]" for e in fe),
            )
            return False
        meta_pdf = self.work / f"{spec.id}.meta.pdf"
        embed_xmp(self.work / f"{spec.id}.ocr.pdf", rec, meta_pdf, schema=self.schema)
        write_atomic(
            self.work / f"{spec.id}.record.json",
            json.dumps(rec, ensure_ascii=False, indent=1, default=str),
        )
        outputs.update(meta_pdf=str(meta_pdf), classified=bool(is_classified(rec)))
        for stale in _FINAL_KEYS:  # a new record means a new final PDF (and a new enqueue)
            outputs.pop(stale, None)
        j.upsert(spec.id, stage="meta_done", field_errors=None, outputs=outputs)
        return True

    def _saved_record(self, spec: DocumentSpec) -> dict:
        return json.loads((self.work / f"{spec.id}.record.json").read_text(encoding="utf-8"))

    def _final(self, j: Journal, spec: DocumentSpec, final: Path, stage: str, **more: Any) -> None:
        from .metadata import write_sidecar

        sidecar = write_sidecar(final, self._saved_record(spec), schema=self.schema)
        sha, size = _sha256(final)
        outputs = json.loads(j.get_doc(spec.id)["outputs"] or "{}")
        outputs.update(
            output=str(final), output_sha256=sha, output_size=size, sidecar=str(sidecar), **more
        )
        j.upsert(spec.id, stage=stage, outputs=outputs)

    def publish(self, j: Journal, spec: DocumentSpec) -> None:
        final = self.out / f"{spec.id}.pdf"
        outputs = json.loads(j.get_doc(spec.id)["outputs"] or "{}")
        if (
            outputs.get("output") == str(final)
            and final.is_file()
            and _sha256(final)[0] == outputs.get("output_sha256")
        ):
            return
        try:
            copy_atomic(self.work / f"{spec.id}.meta.pdf", final)
        except OSError as exc:
            raise OutputError(f"cannot write ({exc.strerror or exc})", path=final) from None
        self._final(j, spec, final, "meta_done")

    def sign(self, j: Journal, spec: DocumentSpec) -> None:
        import signing

        final = self.out / f"{spec.id}.pdf"
        kw: dict = {}
        stamp = self.opts.stamp
        if callable(stamp):  # the block's form follows the document's type
            stamp = stamp(self._saved_record(spec))
        if stamp is not None:
            kw["stamp"] = stamp
        res = signing.sign_pdf(
            self.work / f"{spec.id}.meta.pdf",
            final,
            self.opts.signer,
            level=self.opts.level,
            tsa_url=self.opts.tsa_url,
            fallback=True,
            pss=self.opts.pss,
            **kw,
        )
        self._final(
            j,
            spec,
            final,
            "signed",
            level=res.level,
            needs_augmentation=bool(res.needs_augmentation),
            certificate_sha256=res.signer.fingerprint_sha256,
        )
        if res.needs_augmentation:
            self.emit(
                spec.id,
                f"signed at {res.level}: needs augmentation to {res.requested_level}",
                event="warning",
            )

    def enqueue(self, j: Journal, spec: DocumentSpec) -> None:
        outputs = json.loads(j.get_doc(spec.id)["outputs"] or "{}")
        if outputs.get("classified"):  # never sent anywhere; recorded, not an error
            outputs["not_enqueued"] = "classified document: never sent to an archive"
            j.upsert(spec.id, outputs=outputs)
            self.emit(spec.id, "classified: not enqueued", event="warning")
            return
        item = self.outbox.enqueue(
            Path(outputs["output"]), self._saved_record(spec), list(self.opts.enqueue)
        )
        outputs.update(outbox_item=item)
        j.upsert(spec.id, stage="queued", outputs=outputs)

    # -- one document ------------------------------------------------------------------
    def run_doc(self, j: Journal, spec: DocumentSpec) -> None:
        row = j.get_doc(spec.id)
        j.upsert(spec.id, state="running", error=None, error_code=None)
        try:
            if row["stage"] is None:
                self.emit(spec.id, "OCR", event="start")
                self.ocr(j, spec)
            self.finish(j, spec)
        except BaseException as exc:
            if _is_fatal(exc):  # the stage reached stays recorded; the next run resumes there
                j.upsert(spec.id, state="pending")
                raise
            code, msg = _error_fields(exc)  # one bad document must not stop the batch
            j.upsert(spec.id, state="failed", error_code=code, error=msg)

    def report(self, j: Journal, spec: DocumentSpec, info: dict, skipped: bool) -> DocumentReport:
        row = j.get_doc(spec.id)
        outputs = json.loads(row["outputs"] or "{}")
        notes = []
        if outputs.get("not_enqueued"):
            notes.append(outputs["not_enqueued"])
        if outputs.get("needs_augmentation"):
            notes.append(f"signed at {outputs.get('level')}: needs augmentation")
        if outputs.get("text_review_pages"):
            notes.append(_text_review_note(outputs["text_review_pages"]))
        return DocumentReport(
            id=spec.id,
            state=row["state"],
            stage=row["stage"],
            pages=row["pages"] or 0,
            output=outputs.get("output"),
            error_code=row["error_code"],
            error=row["error"],
            field_errors=tuple(json.loads(row["field_errors"] or "[]")),
            skipped=skipped,
            redone=info.get("redone", False),
            seconds=round(sum(json.loads(row["timings"] or "{}").values()), 3)
            if not skipped
            else 0.0,
            notes=tuple(notes),
            text_review_pages=tuple(outputs.get("text_review_pages") or ()),
        )


def _text_review_note(pages: list[int]) -> str:
    return ("text not fully read on page(s) " + ", ".join(map(str, pages))
            + ": check the text layer there (see the OCR sidecar's unread_regions)")


def _doc_line(rep: DocumentReport) -> str:
    if rep.state == "failed":
        return f"failed: {rep.error} [{rep.error_code}]"
    if rep.state == "needs_review":
        return "needs review: " + ", ".join(f"{e['field']} [{e['code']}]" for e in rep.field_errors)
    extra = f" ({rep.pages} page(s), {rep.seconds:.1f} s)" if not rep.skipped else ""
    return rep.state + extra + "".join(f"; {n}" for n in rep.notes)


def run_batch(
    source: str | os.PathLike,
    out_dir: str | os.PathLike,
    options: BatchOptions | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> BatchReport:
    """Process every document of ``source`` into ``out_dir``; resumable (see module docstring).

    Per-document problems (bad input, OCR failure, invalid metadata, signing or archive errors)
    are recorded in the journal and the batch goes on. Problems that would hit every document
    (missing tesseract, cancel, cannot write the output folder) stop it with their own error."""
    options = options or BatchOptions()
    cancel = cancel or CancelToken()
    progress = progress or no_progress
    t_start = time.monotonic()
    out = Path(out_dir)
    _refuse_output_in_source(source, out)
    survey = survey_source(source, exclude=out)
    specs = list(survey.documents)
    _refuse_inputs_in_output(specs, out)
    if options.meta:
        from .metadata import load_schema

        schema = load_schema(options.schema)
        for k in options.meta:
            if schema.field(k) is None:
                raise UsageError(f"--meta {k}: unknown field (known: {', '.join(schema.keys)})")
    settings = None
    if options.enqueue:  # an unknown target is refused before anything is created
        from .archive import load_settings

        settings = load_settings()
        for t in options.enqueue:
            settings.get(t)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / ".batch" / "work").mkdir(parents=True, exist_ok=True)
        (out / ".batch" / "review").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the output folder ({exc.strerror or exc})", path=out
        ) from None
    lock = _Lock(out / ".batch" / "lock")
    j = Journal(journal_path(out))
    try:
        for stale in (out / ".batch" / "work").glob(".*.part"):  # temp files of a killed run
            stale.unlink(missing_ok=True)
        for stale in out.glob(".*.part"):
            stale.unlink(missing_ok=True)
        j.set("source", str(Path(source).resolve()))
        j.set("last_run", time.strftime("%Y-%m-%dT%H:%M:%S%z"))
        j.set_skipped(survey.skipped)
        r = _Runner(out, options, progress, _LinkedToken(cancel))
        if options.enqueue:
            from .archive import Outbox, default_outbox_path

            r.outbox = Outbox(options.outbox or default_outbox_path(settings))
            j.set("outbox", str(r.outbox.path))  # for the delivery state in `batch status`
        r.total = len(specs)
        reports: list[DocumentReport] = []
        plans = []
        for pos, spec in enumerate(specs):
            plans.append((spec, *r.plan(j, pos, spec)))
        if options.signer is not None and hasattr(options.signer, "plan_signatures"):
            # a remote signing service asks one approval for the documents this run may sign
            options.signer.plan_signatures(
                sum(1 for s, what, _i in plans if what == "run" and _to_sign(j, s.id))
            )
        if options.overlap:
            reports = _run_overlapped(r, j, plans)
        else:
            for r.index, (spec, what, info) in enumerate(plans):
                cancel.check()
                if what == "run":
                    r.run_doc(j, spec)
                rep = r.report(j, spec, info, skipped=what == "skip")
                reports.append(rep)
                r.emit(
                    spec.id, _doc_line(rep), state=rep.state, event="document", skipped=rep.skipped
                )
        return BatchReport(
            out_dir=str(out),
            journal=str(j.path),
            documents=tuple(reports),
            pages_processed=r.pages,
            seconds=round(time.monotonic() - t_start, 3),
            skipped=survey.skipped,
        )
    finally:
        j.close()
        lock.release()


def _to_sign(j: Journal, doc_id: str) -> bool:
    row = j.get_doc(doc_id)
    return row is None or row["stage"] not in ("signed", "queued")


def _refuse_output_in_source(source: str | os.PathLike, out: Path) -> None:
    """Before anything is written: OUT may not be the source folder, lie inside it or link to
    it (the batch would read its own outputs as documents), and its name must be UTF-8 (the
    journal records output paths to open them again)."""
    refuse_output_over_inputs({"the output folder (-o)": out}, [source])
    if printable(out) != os.fspath(out):
        raise UsageError(
            "the output folder's name is not valid UTF-8; choose a folder with a UTF-8 name",
            path=printable(out),
        )


def _refuse_inputs_in_output(specs: list[DocumentSpec], out: Path) -> None:
    """A document whose input is where the batch writes (a file directly in OUT, where the
    final PDFs and sidecars go, or under OUT/.batch), named by a manifest or reached through a
    link, would make the batch read its own outputs: refused before anything runs. Sub-folders
    of OUT other than .batch are not the batch's."""
    real_out = os.path.realpath(out)
    work = os.path.join(real_out, ".batch") + os.sep
    for spec in specs:
        for p in spec.inputs:
            real = os.path.realpath(p)
            if os.path.dirname(real) == real_out or real.startswith(work):
                raise UsageError(
                    f"document {spec.id!r}: its input {printable(p)} lies inside the output "
                    f"folder (-o), where the batch writes; the batch never reads its own outputs",
                    path=printable(out),
                )


def _run_overlapped(r: _Runner, j: Journal, plans: list, window: int = 2) -> list[DocumentReport]:
    """Keep ``window`` documents in OCR at once (their pages share the one worker pool, so a
    one-page document no longer leaves a core idle), and finish documents (metadata, sign,
    enqueue) in source order on this thread while the next ones OCR.

    A failing document's OCR session stops the shared pool's workers, which can break the pages
    of the document OCRing next to it; an OCR failure (code ``ocr_failed``) is therefore retried
    once before the document is marked failed."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from .errors import OcrEngineError

    reports: list[DocumentReport] = []

    def ocr_only(spec: DocumentSpec) -> BaseException | None:
        row = j.get_doc(spec.id)
        if row["stage"] is not None:
            return None
        j.upsert(spec.id, state="running", error=None, error_code=None)
        try:
            r.emit(spec.id, "OCR", event="start")
            r.ocr(j, spec)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            return exc
        return None

    todo = [i for i, (_s, what, _i) in enumerate(plans) if what == "run"]
    futs: dict[int, Future] = {}
    submitted = 0
    with ThreadPoolExecutor(max_workers=window, thread_name_prefix="batch-ocr") as ex:

        def top_up(limit: int) -> None:
            nonlocal submitted
            while submitted < min(limit, len(todo)) and not r.cancel.cancelled:
                idx = todo[submitted]
                futs[idx] = ex.submit(ocr_only, plans[idx][0])
                submitted += 1

        def drain() -> None:
            for f in futs.values():
                f.result()

        k = 0
        for i, (spec, what, info) in enumerate(plans):
            r.index = i
            if what == "run":
                top_up(k + window)
                k += 1
                try:
                    exc = futs.pop(i).result() if i in futs else CancelledError()
                    r.cancel.check()
                    if isinstance(exc, OcrEngineError) and not _is_fatal(exc):
                        exc = ocr_only(spec)  # once more, alone (see docstring)
                    top_up(k + window)
                    if exc is not None:
                        raise exc
                    j.upsert(spec.id, state="running")
                    r.finish(j, spec)
                except BaseException as e:
                    if _is_fatal(e):
                        j.upsert(spec.id, state="pending")
                        r.cancel.cancel()  # stop the document OCRing beside this one
                        drain()
                        raise
                    code, msg = _error_fields(e)  # one bad document must not stop the batch
                    j.upsert(spec.id, state="failed", error_code=code, error=msg)
            rep = r.report(j, spec, info, skipped=what == "skip")
            reports.append(rep)
            r.emit(spec.id, _doc_line(rep), state=rep.state, event="document", skipped=rep.skipped)
    return reports


# ------------------------------------------------------------------------------ status / export


@dataclass(frozen=True)
class BatchStatus:
    counts: dict[str, int]
    # one row per document: the CSV_COLUMNS, plus for the HTML report ``field_error_list``
    # (the journal's field errors), ``notes``, ``deliveries`` ([{target, state, error}]),
    # ``not_enqueued`` and ``needs_augmentation``
    documents: tuple[dict, ...]
    skipped: tuple[SkippedFile, ...] = ()  # entries of the source folder not processed, and why
    info: Mapping[str, str] = field(default_factory=dict)  # source, last_run, outbox


CSV_COLUMNS = (
    "id",
    "state",
    "stage",
    "pages",
    "output",
    "error_code",
    "error",
    "field_errors",
    "text_review_pages",
    "ocr_attempts",
    "ocr_s",
    "meta_s",
    "sign_s",
    "queue_s",
    "inputs",
    "updated_at",
    "signature_level",
    "archive",  # per target: "local: done; s3: pending (last error)"; or why it is not queued
)


def _deliveries(outbox_path: str | None, outputs: dict, cache: dict) -> list[dict] | None:
    """The archive delivery of one document, read from the outbox the batch enqueued it in
    (read only; ``None``: never enqueued). An unreadable outbox is said, not raised."""
    item = outputs.get("outbox_item")
    if item is None:
        return None
    if "outbox" not in cache:
        cache["outbox"] = None
        if outbox_path and (Path(outbox_path) / "outbox.sqlite3").is_file():
            from .archive import Outbox

            try:
                cache["outbox"] = Outbox(outbox_path)
            except DigitizerError as exc:
                cache["error"] = str(exc)
        else:
            cache["error"] = f"outbox not found: {outbox_path}"
    ob = cache["outbox"]
    if ob is None:
        return [{"target": "?", "state": "unknown", "error": cache.get("error", "")}]
    try:
        it = ob.get(int(item))
    except (DigitizerError, ValueError, sqlite3.Error) as exc:
        return [{"target": "?", "state": "unknown", "error": str(exc)}]
    return [{"target": d.target, "state": d.state, "error": d.last_error or ""}
            for d in it.deliveries]


def _archive_text(deliveries: list[dict] | None, not_enqueued: str | None) -> str:
    if not_enqueued:
        return f"not queued: {not_enqueued}"
    if deliveries is None:
        return ""
    return "; ".join(f"{d['target']}: {d['state']}" + (f" ({d['error']})" if d["error"] else "")
                     for d in deliveries)


def batch_status(out_dir: str | os.PathLike) -> BatchStatus:
    """Counts per state and one row per document, read from the journal (no processing)."""
    j = open_journal(out_dir)
    outbox_cache: dict = {}
    try:
        info = {k: v for k in ("source", "last_run", "outbox") if (v := j.get(k)) is not None}
        rows = []
        counts: dict[str, int] = {}
        for d in j.docs():
            counts[d["state"]] = counts.get(d["state"], 0) + 1
            timings = json.loads(d["timings"] or "{}")
            outputs = json.loads(d["outputs"] or "{}")
            fe = json.loads(d["field_errors"] or "[]")
            deliveries = _deliveries(info.get("outbox"), outputs, outbox_cache)
            notes = [outputs["not_enqueued"]] if outputs.get("not_enqueued") else []
            altered = _altered_output(outputs)
            if altered:
                notes.append(altered)
            if outputs.get("needs_augmentation"):
                notes.append(f"signed at {outputs.get('level')}: needs augmentation")
            rows.append(
                {
                    "id": d["id"],
                    "state": d["state"],
                    "stage": d["stage"] or "",
                    "pages": d["pages"],
                    "output": outputs.get("output", ""),
                    "error_code": d["error_code"] or "",
                    "error": d["error"] or "",
                    "field_errors": "; ".join(f"{e['field']}: {e['code']}" for e in fe),
                    "text_review_pages": " ".join(map(str, outputs.get("text_review_pages") or ())),
                    "ocr_attempts": len(j.attempts(d["id"], "ocr")),
                    "ocr_s": timings.get("ocr_s", ""),
                    "meta_s": timings.get("meta_s", ""),
                    "sign_s": timings.get("sign_s", ""),
                    "queue_s": timings.get("queue_s", ""),
                    "inputs": ";".join(i["path"] for i in json.loads(d["inputs"] or "[]")),
                    "updated_at": time.strftime(
                        "%Y-%m-%dT%H:%M:%S", time.localtime(d["updated_at"])
                    ),
                    "signature_level": outputs.get("level", "") if outputs.get("output") else "",
                    "archive": _archive_text(deliveries, outputs.get("not_enqueued")),
                    "field_error_list": fe,
                    "notes": notes,
                    "deliveries": deliveries,
                    "not_enqueued": outputs.get("not_enqueued") or "",
                    "needs_augmentation": bool(outputs.get("needs_augmentation")),
                    "output_altered": altered or "",
                }
            )
        return BatchStatus(counts, tuple(rows), tuple(j.skipped()), info)
    finally:
        if outbox_cache.get("outbox") is not None:
            outbox_cache["outbox"].close()
        j.close()


def export_csv(status: BatchStatus, path: str | os.PathLike) -> Path:
    """Write the per-document report as CSV (UTF-8 with BOM so spreadsheet programs read the
    Vietnamese text), atomically."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS))
    w.writeheader()
    for row in status.documents:
        w.writerow({k: row.get(k, "") for k in CSV_COLUMNS})
    path = Path(path)
    try:
        write_atomic(path, "\ufeff" + buf.getvalue())
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", path=path) from None
    return path


__all__ = [
    "CSV_COLUMNS",
    "JOURNAL_VERSION",
    "BatchOptions",
    "BatchReport",
    "BatchStatus",
    "DocumentReport",
    "DocumentSpec",
    "Journal",
    "SkippedFile",
    "SourceSurvey",
    "batch_status",
    "export_csv",
    "open_journal",
    "run_batch",
    "scan_source",
    "survey_source",
]
