"""A document in progress at the workstation, and its crash-safe store (SQLite, WAL).

The GUI edits :class:`WorkItem` objects; every change is written through :class:`WipStore`
(on the one-thread write pool) so that after a crash or power cut the app reopens with the
same documents, pages, metadata and state. Page files are copies in the item's work folder:
originals are never modified. Qt-free on purpose.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from digitizer.model import DocState

SCHEMA_VERSION = 1


@dataclass
class PageRef:
    """One page: a file in the work folder, the page inside it, and the clerk's rotation."""

    file: str
    index: int = 0
    rotation: int = 0  # clockwise degrees chosen by the clerk (0/90/180/270)
    label: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def whole_file(self) -> bool:
        return self.index == 0 and self.rotation == 0


@dataclass
class WorkItem:
    id: str
    title: str
    state: DocState = DocState.NEW
    pages: list[PageRef] = field(default_factory=list)
    created: float = field(default_factory=time.time)
    ocr_done: int = 0
    ocr_total: int = 0
    ocr_pdf: str | None = None
    ocr_json: str | None = None
    ocr_pages_key: str | None = None  # page list the OCR output was made from
    metadata: dict[str, str] = field(default_factory=dict)
    suggested: list[str] = field(default_factory=list)  # fields pre-filled and not yet confirmed
    # values the extractor could not vouch for: field -> {value, reason (code), params, confidence}
    hints: dict[str, dict] = field(default_factory=dict)
    confirmed: bool = False  # the clerk confirmed the record; any later change clears it
    signed_pdf: str | None = None
    outbox_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None

    @property
    def locked(self) -> bool:
        """A signed document can no longer be edited."""
        return self.state in (DocState.SIGNED, DocState.QUEUED, DocState.UPLOADED) or bool(
            self.signed_pdf
        )

    def pages_key(self) -> str:
        return "|".join(f"{p.file}#{p.index}@{p.rotation}" for p in self.pages)

    @property
    def ocr_current(self) -> bool:
        return bool(self.ocr_pdf) and self.ocr_pages_key == self.pages_key()

    def to_json(self) -> str:
        d = asdict(self)
        d["state"] = self.state.value
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> WorkItem:
        d = json.loads(text)
        d["state"] = DocState(d.get("state", "new"))
        d["pages"] = [PageRef(**p) for p in d.get("pages", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


def new_item(title: str) -> WorkItem:
    return WorkItem(id=time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6], title=title)


class WipStore:
    """Work-in-progress database: one row per document, JSON payload, schema in user_version."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.db_path = self.root / "wip.sqlite3"
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.db_path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._migrate()

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            from digitizer.errors import OutputError

            raise OutputError(
                f"work-in-progress database has schema {version}, newer than this program "
                f"({SCHEMA_VERSION})",
                path=self.db_path,
            )
        if version < SCHEMA_VERSION and version > 0:
            shutil.copy2(self.db_path, self.db_path.with_name(f"wip.v{version}.bak"))
        if version < 1:
            self._db.executescript(
                """
                BEGIN;
                CREATE TABLE IF NOT EXISTS documents (
                    id TEXT PRIMARY KEY,
                    position REAL NOT NULL,
                    data TEXT NOT NULL,
                    updated REAL NOT NULL
                );
                PRAGMA user_version = 1;
                COMMIT;
                """
            )

    def work_dir(self, item_id: str) -> Path:
        d = self.root / "work" / item_id
        d.mkdir(parents=True, exist_ok=True)
        return d

    def save(self, item: WorkItem) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO documents(id, position, data, updated) VALUES(?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET data=excluded.data, updated=excluded.updated",
                (item.id, item.created, item.to_json(), time.time()),
            )

    def delete(self, item_id: str, remove_files: bool = True) -> None:
        with self._lock:
            self._db.execute("DELETE FROM documents WHERE id=?", (item_id,))
        if remove_files:
            shutil.rmtree(self.root / "work" / item_id, ignore_errors=True)

    def load_all(self) -> list[WorkItem]:
        with self._lock:
            rows = self._db.execute("SELECT data FROM documents ORDER BY position").fetchall()
        items = []
        for (data,) in rows:
            try:
                items.append(WorkItem.from_json(data))
            except (ValueError, TypeError, KeyError):
                continue  # a row we cannot read is skipped, not fatal
        return items

    def close(self) -> None:
        with self._lock:
            self._db.close()
