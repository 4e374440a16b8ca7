"""The one way into worker threads: :func:`run_task`.

Long calls (OCR, rendering, signing, uploads, SQLite writes) run on a ``QThreadPool``; their
``(result, error)`` comes back on the GUI thread through a queued signal, so widgets are only
ever touched on the GUI thread. Two pools: a parallel one for heavy/read work and a one-thread
pool for writes (saving, signing, uploading) so writes never race each other.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from workers are queued to it."""

    finished = Signal(object, object)
    progress = Signal(object)

    def __init__(self, on_done: Done | None, on_progress: Callable[[Any], None] | None):
        super().__init__()
        self._on_done = on_done
        self._on_progress = on_progress
        self.finished.connect(self._deliver)
        self.progress.connect(self._deliver_progress)

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        try:
            if self._on_done is not None:
                _call_unless_gone(self._on_done, result, error)
        finally:
            _live.discard(self)
            self.deleteLater()

    @Slot(object)
    def _deliver_progress(self, event: Any) -> None:
        if self._on_progress is not None:
            _call_unless_gone(self._on_progress, event)


def _call_unless_gone(fn: Callable[..., Any], *args: Any) -> None:
    """Deliver a result; the widget that asked for it may have been closed meanwhile (a dialog
    shut, the window rebuilt for a new language). Its work is done and persisted by the worker
    side; showing it on a deleted widget is nothing to report."""
    try:
        fn(*args)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.debug("result for a closed widget dropped: %s", exc)


_live: set[_Relay] = set()  # keep relays alive until delivery


class _Runner(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, with_progress: bool):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay
        self._with_progress = with_progress

    def run(self) -> None:  # worker thread: never touch widgets here
        try:
            if self._with_progress:
                result = self._fn(self._relay.progress.emit)
            else:
                result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            if not getattr(exc, "code", None):
                log.error("task failed: %s", "".join(traceback.format_exception(exc)))
            self._emit(None, exc)
            return
        self._emit(result, None)

    def _emit(self, result: Any, error: BaseException | None) -> None:
        try:
            self._relay.finished.emit(result, error)
        except RuntimeError:  # the application is shutting down: nobody left to tell
            log.debug("task finished after shutdown; result dropped")


class Pools:
    """The application's thread pools."""

    def __init__(self) -> None:
        self.heavy = QThreadPool()
        self.heavy.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self.write = QThreadPool()
        self.write.setMaxThreadCount(1)
        # long-running services (the archive worker) so they never starve the other pools
        self.service = QThreadPool()
        self.service.setMaxThreadCount(2)

    def wait(self, msecs: int = 30000) -> bool:
        a = self.heavy.waitForDone(msecs)
        b = self.write.waitForDone(msecs)
        c = self.service.waitForDone(msecs)
        return a and b and c


_pools: Pools | None = None
_pools_lock = threading.Lock()


def pools() -> Pools:
    global _pools
    with _pools_lock:
        if _pools is None:
            _pools = Pools()
        return _pools


def run_task(
    fn: Callable[..., Any],
    on_done: Done | None = None,
    *,
    write: bool = False,
    on_progress: Callable[[Any], None] | None = None,
    service: bool = False,
) -> None:
    """Run ``fn`` off the GUI thread; call ``on_done(result, error)`` on the GUI thread.

    With ``on_progress``, ``fn`` is called with one argument: a thread-safe callback whose
    events are delivered to ``on_progress`` on the GUI thread (pass it as a core
    function's ``progress=``). ``write=True`` uses the one-thread write pool;
    ``service=True`` the pool for long-running background services.
    """
    relay = _Relay(on_done, on_progress)
    _live.add(relay)
    runner = _Runner(fn, relay, on_progress is not None)
    p = pools()
    (p.write if write else p.service if service else p.heavy).start(runner)
