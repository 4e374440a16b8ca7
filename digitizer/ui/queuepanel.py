"""Archive queue panel: pending / failed / done uploads, retries, and whether each archive is
reachable. Drives :mod:`digitizer.archive` through its public API only (``Outbox``,
``run_worker``, ``check_reachable``, ``load_settings``); the worker runs on the service pool and
stops with the window."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digitizer.model import DocState
from digitizer.progress import CancelToken

from . import features
from .dialogs import show_error
from .doclist import document_name
from .tasks import run_task

log = logging.getLogger(__name__)

DELIVERY_TEXT = {
    "pending": QT_TRANSLATE_NOOP("QueuePanel", "Đang chờ"),
    "uploading": QT_TRANSLATE_NOOP("QueuePanel", "Đang gửi"),
    "done": QT_TRANSLATE_NOOP("QueuePanel", "Đã lưu trữ"),
    "failed": QT_TRANSLATE_NOOP("QueuePanel", "Thất bại"),
}
DELIVERY_COLOUR = {
    "pending": "#ef6c00",
    "uploading": "#1565c0",
    "done": "#2e7d32",
    "failed": "#c62828",
}


TARGET_TEXT = {"builtin": QT_TRANSLATE_NOOP("QueuePanel", "Trên máy này")}


def _t(s: str) -> str:
    return QCoreApplication.translate("QueuePanel", s)


def target_text(name: str) -> str:
    return _t(TARGET_TEXT[name]) if name in TARGET_TEXT else name


class QueuePanel(QWidget):
    """Shows the outbox and keeps one archive worker running while targets are configured."""

    refreshed = Signal()
    reachability = Signal(dict)

    def __init__(self, win, parent=None):
        super().__init__(parent)
        self.win = win
        self.outbox = None
        self.targets: dict = {}
        self.default_targets: tuple[str, ...] = ()
        self.reachable: dict[str, bool] = {}
        self._worker_tok: CancelToken | None = None
        self._worker_running = False
        self._restart_pending = False
        self._shut = False
        self._refreshing = False
        self._config_error: BaseException | None = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        top = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        top.addWidget(self.status, 1)
        self.retry_btn = QPushButton(self.tr("Gửi lại mục lỗi"))
        self.retry_btn.clicked.connect(self.retry_failed)
        top.addWidget(self.retry_btn)
        lay.addLayout(top)
        # the archive that is there from the first run: where it is, and a way to look at it
        here = QHBoxLayout()
        self.builtin_label = QLabel()
        self.builtin_label.setWordWrap(True)
        self.builtin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        here.addWidget(self.builtin_label, 1)
        self.builtin_btn = QPushButton(self.tr("Mở thư mục lưu trữ"))
        self.builtin_btn.clicked.connect(self.open_builtin)
        here.addWidget(self.builtin_btn)
        lay.addLayout(here)
        self._show_builtin()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Tài liệu"),
                self.tr("Kho"),
                self.tr("Trạng thái"),
                self.tr("Số lần thử"),
                self.tr("Ghi chú"),
            ]
        )
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(70)
        self.table.setMaximumHeight(140)
        lay.addWidget(self.table)

        self._timer = QTimer(self, interval=1500)
        self._timer.timeout.connect(self.refresh)
        self._reach_timer = QTimer(self, interval=15000)
        self._reach_timer.timeout.connect(self.check_reachability)
        self.status.setText(self.tr("Đang tải các mô-đun…"))
        self.retry_btn.setEnabled(False)
        # settings_changed() runs once the optional modules are imported (MainWindow._on_warm)

    # ------------------------------------------------------------------ configuration
    def _show_builtin(self) -> None:
        from .settings import builtin_archive_dir

        on = bool(self.win.settings.builtin_archive)
        self.builtin_label.setText(
            self.tr("Lưu trữ trên máy này: %1").replace("%1", str(builtin_archive_dir()))
        )
        self.builtin_label.setVisible(on)
        self.builtin_btn.setVisible(on)

    def open_builtin(self) -> None:
        from .settings import builtin_archive_dir
        from .widgets import open_folder

        open_folder(builtin_archive_dir())

    def available(self) -> bool:
        return features.outbox() is not None

    def settings_changed(self) -> None:
        """(Re)read the archive targets and (re)start the worker."""
        if self._shut:  # the window closed (or was rebuilt for a new language): its panel rests
            return
        self.stop_worker()
        if not self.available():
            self.status.setText(
                self.tr(
                    "Mô-đun lưu trữ chưa có trong bản cài đặt này; tài liệu đã ký được giữ trên máy."
                )
            )
            self.retry_btn.setEnabled(False)
            return
        from digitizer.archive.config import default_outbox_path, load_settings
        from digitizer.archive.outbox import Outbox

        from .settings import settings_path

        self._config_error = None
        if self.win.settings.builtin_archive:
            from .settings import builtin_archive_dir

            # ours to create (a missing folder target otherwise reads as an unmounted share)
            builtin_archive_dir().mkdir(parents=True, exist_ok=True)
        try:
            arch = load_settings(settings_path())
            self.targets = {n: arch.targets[n] for n in arch.default_targets}
            self.default_targets = tuple(arch.default_targets)
            if self.outbox is None:
                self.outbox = Outbox(default_outbox_path(arch))
        except Exception as exc:
            if not getattr(exc, "code", None):
                raise
            self._config_error = exc
            self.targets, self.default_targets = {}, ()
        self.reachable = {}
        self._show_builtin()
        self._update_status()
        if self.targets and self.outbox is not None:
            self.start_worker()
            self.check_reachability()
            self._reach_timer.start()
            self.queue_unarchived()
        else:
            self._restart_pending = False
            self._reach_timer.stop()
        self._timer.start()
        self.refresh()

    def can_enqueue(self) -> tuple[bool, str]:
        if not features.ready():
            return False, self.tr("Đang tải các mô-đun…")
        if not self.available():
            return False, self.tr("Mô-đun lưu trữ chưa có trong bản cài đặt này.")
        if not self.default_targets or self.outbox is None:
            return False, self.tr("Chưa cấu hình kho lưu trữ: mở Cài đặt > Lưu trữ.")
        return True, ""

    # ------------------------------------------------------------------ worker
    def start_worker(self) -> None:
        from digitizer.archive.worker import run_worker

        if self._worker_running:
            # the old worker still holds the outbox lock: start again once it has stopped
            self._restart_pending = True
            return
        self._restart_pending = False
        tok = CancelToken()
        self._worker_tok = tok
        self._worker_running = True
        outbox, targets = self.outbox, list(self.targets.values())

        def work():
            return run_worker(
                outbox, targets, cancel=tok, once=False, pause_poll=5.0, idle_poll=1.0
            )

        def done(_res, err):
            self._worker_running = False
            if (
                err is not None
                and getattr(err, "code", "") != "cancelled"
                and tok is self._worker_tok
            ):
                log.warning("archive worker stopped: %s", err)
                self.status.setText(self.tr("Bộ gửi lưu trữ đã dừng: %1").replace("%1", str(err)))
            if self._restart_pending and not self._shut and self.targets:
                self.start_worker()

        run_task(work, done, service=True)

    def stop_worker(self) -> None:
        if self._worker_tok is not None:
            self._worker_tok.cancel()
            self._worker_tok = None

    def shutdown(self) -> None:
        self._shut = True
        self._timer.stop()
        self._reach_timer.stop()
        self.stop_worker()

    # ------------------------------------------------------------------ actions
    def queue_unarchived(self) -> None:
        """An archive is there (at start or just configured): queue every signed document that
        is not queued yet, so a document signed before any archive existed is not left behind.
        Classified documents are never sent (the outbox refuses them); they stay signed."""
        from .metaform import record_of

        is_classified = features.outbox().is_classified
        for w in list(self.win.model.items):
            if w.signed_pdf and not w.outbox_id and Path(w.signed_pdf).exists():
                record = record_of(w)
                if not is_classified(record):
                    self.enqueue(w, w.signed_pdf, record, quiet=True)

    def enqueue(self, item, pdf_path: str, record: dict, quiet: bool = False) -> None:
        """Queue a signed document for every configured target (write pool)."""
        ok, reason = self.can_enqueue()
        if not ok:
            self.status.setText(reason)
            return
        outbox, targets = self.outbox, list(self.default_targets)

        def done(item_id, err):
            if err is not None:
                if quiet:
                    log.warning("could not queue %s: %s", item.id, err)
                else:
                    show_error(self.win, err)
                return
            item.outbox_id = str(item_id)
            item.state = DocState.QUEUED
            self.win.persist(item)
            self.refresh()

        run_task(lambda: outbox.enqueue(pdf_path, record, targets), done, write=True)

    def retry_failed(self) -> None:
        if self.outbox is None:
            return
        outbox = self.outbox
        run_task(
            outbox.retry_failed,
            lambda _r, err: show_error(self.win, err) if err else self.refresh(),
            write=True,
        )

    def check_reachability(self) -> None:
        if not self.targets:
            return
        from digitizer.archive.worker import check_reachable

        targets = dict(self.targets)

        def work():
            return {name: check_reachable(t) for name, t in targets.items()}

        def done(res, err):
            if err is None:
                self.reachable = res
                self._update_status()
                self.reachability.emit(res)

        run_task(work, done)

    # ------------------------------------------------------------------ display
    def refresh(self) -> None:
        if self.outbox is None or self._refreshing:
            return
        self._refreshing = True
        outbox = self.outbox

        def done(items, err):
            self._refreshing = False
            if err is not None:
                log.warning("cannot read the outbox: %s", err)
                return
            self._show(items)

        run_task(lambda: outbox.items(), done)

    def _show(self, items) -> None:
        rows = [(it, d) for it in items for d in it.deliveries]
        self.table.setRowCount(len(rows))
        for r, (it, d) in enumerate(rows):
            name = document_name(it.metadata, it.object_key)  # as in the document list
            cells = [
                str(name),
                target_text(d.target),
                _t(DELIVERY_TEXT.get(d.state, d.state)),
                str(d.attempts),
                self._note(d),
            ]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if c == 2:
                    cell.setForeground(QColor(DELIVERY_COLOUR.get(d.state, "#000")))
                if c == 4 and d.last_error:
                    cell.setToolTip(d.last_error)
                self.table.setItem(r, c, cell)
        self.retry_btn.setEnabled(any(d.state == "failed" for _it, d in rows))
        self._sync_items(items)
        self._update_status(items)
        self.refreshed.emit()

    def _note(self, d) -> str:
        from .messages import MESSAGES, tr

        if d.state == "done":
            return ""
        if d.error_code and d.error_code in MESSAGES:
            return tr(MESSAGES[d.error_code][0])
        if d.state == "pending" and d.next_attempt_at and d.next_attempt_at > time.time() + 1:
            return self.tr("Thử lại lúc %1").replace(
                "%1", time.strftime("%H:%M:%S", time.localtime(d.next_attempt_at))
            )
        return ""

    def _sync_items(self, items) -> None:
        """Move documents to Uploaded when every target has them."""
        by_id = {str(it.id): it for it in items}
        for w in list(self.win.model.items):
            if w.outbox_id and w.outbox_id in by_id and w.state == DocState.QUEUED:
                ob = by_id[w.outbox_id]
                if ob.state == "done":
                    w.state = DocState.UPLOADED
                    w.error_code = w.error_message = None
                    self.win.persist(w)
                elif ob.state == "failed":
                    bad = next((d for d in ob.deliveries if d.state == "failed"), None)
                    w.error_code = bad.error_code if bad else "archive_error"
                    w.error_message = bad.last_error if bad else None
                    self.win.model.refresh(w.id)

    def _update_status(self, items=None) -> None:
        if self._config_error is not None:
            from .messages import describe

            _code, what, todo = describe(self._config_error)
            self.status.setText(f"{what} {todo}")
            return
        if not self.default_targets:
            self.status.setText(self.tr("Chưa cấu hình kho lưu trữ: mở Cài đặt > Lưu trữ."))
            return
        parts = []
        for name in self.default_targets:
            ok = self.reachable.get(name)
            state = (
                self.tr("đang kiểm tra…")
                if ok is None
                else self.tr("kết nối được")
                if ok
                else self.tr("KHÔNG kết nối được")
            )
            parts.append(
                self.tr("Kho “%1”: %2").replace("%1", target_text(name)).replace("%2", state)
            )
        if items is not None:
            pend = sum(1 for it in items if it.state in ("pending", "uploading"))
            fail = sum(1 for it in items if it.state == "failed")
            done = sum(1 for it in items if it.state == "done")
            parts.append(
                self.tr("chờ %1 · lỗi %2 · xong %3")
                .replace("%1", str(pend))
                .replace("%2", str(fail))
                .replace("%3", str(done))
            )
        self.status.setText(" — ".join(parts))
