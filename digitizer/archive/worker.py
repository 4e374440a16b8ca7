"""The worker that drains the outbox, one runner per archive target.

Why per target: an unreachable provincial S3 must not hold back the local folder copy. Each
runner takes due deliveries, uploads them with a few threads (uploads are I/O bound), and
classifies every failure:

- target unreachable (network/share down) or credentials rejected: the target is *paused*; the
  item goes back to pending without spending an attempt; ``once=False`` probes the target again
  every ``pause_poll`` seconds and resumes by itself;
- anything else (5xx, disk full, permission, checksum mismatch): one attempt spent, retried after
  exponential backoff with jitter; after ``max_attempts`` the delivery is ``failed`` with the last
  error, and only the user's ``retry`` re-queues it;
- an existing *different* object at the key: failed at once (a retry cannot fix it).
"""

from __future__ import annotations

import logging
import os
import queue
import random
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import (
    ArchiveConfigError,
    ArchiveError,
    ArchiveIntegrityError,
    ArchiveUnavailableError,
    CancelledError,
)
from ..progress import CancelToken, Progress, ProgressFn, no_progress
from .backends import Backend, make_backend
from .config import TargetConfig
from .outbox import Outbox, OutboxItem, Outcome

log = logging.getLogger(__name__)

# Fault injection for the crash tests: SIGKILL this process right after the N-th successful
# store, before the outbox records it (the "unknown outcome" window). Never set in production.
_CRASH_ENV = "DIGITIZER_ARCHIVE_FAULT_KILL_AFTER_STORE"
_stores = 0
_stores_lock = threading.Lock()


def _maybe_crash() -> None:
    global _stores
    limit = os.environ.get(_CRASH_ENV)
    if not limit:
        return
    with _stores_lock:
        _stores += 1
        if _stores >= int(limit):
            os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class TargetReport:
    target: str
    uploaded: int = 0
    already_present: int = 0
    retried_later: int = 0
    failed: int = 0
    paused: str | None = None  # reason the target was paused at the end, if it was
    paused_code: str | None = None  # "archive_unavailable" or "archive_config" (auth, bucket)


@dataclass(frozen=True)
class WorkerReport:
    targets: tuple[TargetReport, ...] = field(default_factory=tuple)

    @property
    def uploaded(self) -> int:
        return sum(t.uploaded for t in self.targets)

    @property
    def already_present(self) -> int:
        return sum(t.already_present for t in self.targets)

    @property
    def failed(self) -> int:
        return sum(t.failed for t in self.targets)

    @property
    def paused(self) -> tuple[str, ...]:
        return tuple(t.target for t in self.targets if t.paused)


def backoff_delay(target: TargetConfig, attempts: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: base * 2**(n-1), capped, times a factor in [0.5, 1]."""
    rng = rng or random
    raw = min(target.backoff_max, target.backoff_base * (2 ** max(0, attempts - 1)))
    return raw * rng.uniform(0.5, 1.0)


def check_reachable(target: TargetConfig, backend: Backend | None = None) -> bool:
    """True if the target answers and accepts our credentials (for a status light in the GUI)."""
    try:
        (backend or make_backend(target)).check_reachable()
        return True
    except ArchiveError:
        return False


class _Paused(Exception):
    def __init__(self, reason: str):
        self.reason = reason


@dataclass(frozen=True)
class _Result:
    item: OutboxItem
    kind: str  # uploaded | already_present | retried_later | failed | paused | skipped
    outcome: Outcome
    key: str | None = None


def _unlink_all(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:  # a leftover copy wastes space, it loses nothing
            log.warning("cannot remove outbox copy %s: %s", path, exc)


def _audit_results(target: str, results: list[_Result]) -> None:
    """Deliveries and final failures are audit events (one journal transaction per flush)."""
    from .. import audit

    events = []
    for r in results:
        remote = r.outcome.remote
        if remote is not None:
            events.append({"event": "uploaded", "sha256": r.item.sha256, "doc": r.item.source_path,
                           "details": {"target": target, "key": remote.get("key"),
                                       "server_sha256": remote.get("sha256"),
                                       "created": remote.get("created"),
                                       "version_id": remote.get("version_id"),
                                       "verified_by": remote.get("verified_by"),
                                       "item": r.item.id}})
        elif r.kind == "failed":
            events.append({"event": "failed", "sha256": r.item.sha256, "doc": r.item.source_path,
                           "details": {"command": "upload", "target": target,
                                       "code": r.outcome.code, "message": r.outcome.error,
                                       "item": r.item.id}})
    audit.record_many(events)


class _TargetRunner:
    """Drains one target: a sliding window of ``2 * threads`` claimed items, uploaded by
    ``threads`` pool threads, their outcomes group-committed by the draining thread.

    Why: a document costs one or two requests; the SQLite bookkeeping around them (claim, done)
    must not cost as much as the upload. Claims and outcomes are written in batches, without
    fsync (WAL): a batch lost to a crash leaves items ``uploading``/``pending``, and the next run
    re-verifies them (HEAD, or a conditional PUT answered 412) — never a loss, never a duplicate.
    """

    _COMMIT_EVERY = 32  # outcomes per transaction at most
    _COMMIT_AFTER = 0.25  # seconds an outcome may wait for its commit

    def __init__(
        self,
        outbox: Outbox,
        target: TargetConfig,
        backend: Backend,
        progress: ProgressFn,
        cancel: CancelToken,
    ):
        self.outbox = outbox
        self.target = target
        self.backend = backend
        self.progress = progress
        self.cancel = cancel
        self.lock = threading.Lock()
        self.counts = {"uploaded": 0, "already_present": 0, "retried_later": 0, "failed": 0}
        self.paused: str | None = None
        self.paused_code: str | None = None
        self.done = 0

    def _bump(self, what: str) -> None:
        with self.lock:
            self.counts[what] += 1

    def _one(self, item: OutboxItem) -> _Result:
        """Deliver one item (in a pool thread); never raises: the outcome is returned."""
        if self.cancel.cancelled or self.paused:
            return _Result(item, "skipped", Outcome(item.id, release=True))
        name = self.target.name
        d = item.delivery(name)
        maybe_exists = d is not None and (d.attempts > 0 or d.state == "uploading")
        try:
            path = self.outbox.blob_path(item)
            res = self.backend.store(
                item.object_key,
                path,
                item.sha256,
                item.size,
                item.metadata,
                maybe_exists=maybe_exists,
                md5=item.md5,
            )
        except (ArchiveUnavailableError, ArchiveConfigError) as exc:
            with self.lock:
                if not self.paused:
                    self.paused, self.paused_code = str(exc), exc.code
            return _Result(
                item,
                "paused",
                Outcome(item.id, error=str(exc), code=exc.code, retry_at=0, count_attempt=False),
            )
        except Exception as exc:  # noqa: BLE001 - every failure is recorded on the item
            code = getattr(exc, "code", "archive_error")
            permanent = isinstance(exc, ArchiveIntegrityError) and exc.details.get("permanent")
            attempts = (d.attempts if d else 0) + 1
            msg = str(exc) if isinstance(exc, ArchiveError) else f"{type(exc).__name__}: {exc}"
            if permanent or attempts >= self.target.max_attempts:
                log.warning(
                    "archive %s: item %s failed after %d attempts: %s", name, item.id, attempts, msg
                )
                return _Result(item, "failed", Outcome(item.id, error=msg, code=code))
            retry_at = time.time() + backoff_delay(self.target, attempts)
            return _Result(
                item, "retried_later", Outcome(item.id, error=msg, code=code, retry_at=retry_at)
            )
        _maybe_crash()
        return _Result(
            item,
            "uploaded" if res.created else "already_present",
            Outcome(item.id, remote=res.as_dict()),
            res.key,
        )

    def _run(self, item: OutboxItem, results: queue.SimpleQueue) -> None:
        res: _Result | None = None
        try:
            res = self._one(item)
        finally:  # the drain loop counts on exactly one result per submitted item
            results.put(res or _Result(item, "skipped", Outcome(item.id, release=True)))

    def _flush(self, results: list[_Result], total: int, cleaner: ThreadPoolExecutor) -> None:
        if not results:
            return
        drops = self.outbox.record(self.target.name, [r.outcome for r in results], unlink=False)
        if drops:
            cleaner.submit(_unlink_all, drops)
        name = self.target.name
        _audit_results(name, results)
        for r in results:
            if r.kind in self.counts:
                self._bump(r.kind)
            if r.kind in ("uploaded", "already_present"):
                self.done += 1
                self.progress(
                    Progress(
                        "upload",
                        self.done,
                        max(total, self.done),
                        f"{name}: {r.key}",
                        extra={"target": name, "item": r.item.id, "key": r.key},
                    )
                )
        results.clear()

    def drain(self) -> None:
        """Deliver everything due now; stop early if the target pauses or the user cancels."""
        self.paused = self.paused_code = None
        name = self.target.name
        try:
            self.backend.check_reachable()
        except ArchiveError as exc:
            self.paused, self.paused_code = str(exc), exc.code
            self.outbox.note_paused(name, str(exc), exc.code)
            return
        window = max(2, self.target.threads * 2)
        fetch = max(64, window * 4)
        total = self.done + self.outbox.due_count(name)
        results: queue.SimpleQueue[_Result] = queue.SimpleQueue()
        backlog: deque[OutboxItem] = deque()  # due, read in one query, not yet claimed
        busy: set[int] = set()  # claimed and not yet committed
        unflushed: list[_Result] = []
        inflight = 0
        need_query = True  # False once due() had nothing new and nothing was committed since
        last_flush = time.monotonic()

        def flush() -> None:
            nonlocal need_query, last_flush
            busy.difference_update(r.item.id for r in unflushed)
            self._flush(unflushed, total, cleaner)
            last_flush = time.monotonic()
            need_query = True  # an error with retry_at <= now is due again at once

        with (
            ThreadPoolExecutor(1, thread_name_prefix=f"archive-{name}-cleanup") as cleaner,
            ThreadPoolExecutor(
                max_workers=self.target.threads, thread_name_prefix=f"archive-{name}"
            ) as pool,
        ):
            try:
                while True:
                    stop = self.cancel.cancelled or self.paused
                    if not stop and inflight <= window // 2:
                        if not backlog and need_query:
                            backlog.extend(
                                it
                                for it in self.outbox.due(name, limit=fetch + len(busy))
                                if it.id not in busy
                            )
                            need_query = bool(backlog)
                        new = [
                            backlog.popleft() for _ in range(min(len(backlog), window - inflight))
                        ]
                        if new:
                            self.outbox.claim([it.id for it in new], name)
                            for it in new:
                                busy.add(it.id)
                                inflight += 1
                                pool.submit(self._run, it, results)
                    if inflight == 0:
                        if unflushed:
                            flush()
                            continue
                        if stop or (not need_query and not backlog):
                            break
                        continue
                    unflushed.append(results.get())
                    inflight -= 1
                    while inflight:
                        try:
                            unflushed.append(results.get_nowait())
                        except queue.Empty:
                            break
                        inflight -= 1
                    if (
                        len(unflushed) >= self._COMMIT_EVERY
                        or inflight == 0
                        or time.monotonic() - last_flush >= self._COMMIT_AFTER
                    ):
                        flush()
            finally:
                if unflushed:  # e.g. progress callback raised: still record what was done
                    self.outbox.record(name, [r.outcome for r in unflushed])

    def report(self) -> TargetReport:
        return TargetReport(
            self.target.name, paused=self.paused, paused_code=self.paused_code, **self.counts
        )


def _wait(cancel: CancelToken, seconds: float) -> None:
    end = time.monotonic() + seconds
    while not cancel.cancelled and time.monotonic() < end:
        time.sleep(min(0.2, max(0.0, end - time.monotonic())))


def run_worker(
    outbox: Outbox,
    targets: Mapping[str, TargetConfig] | Iterable[TargetConfig],
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    once: bool = True,
    *,
    pause_poll: float = 10.0,
    idle_poll: float = 5.0,
    backends: Mapping[str, Backend] | None = None,
) -> WorkerReport:
    """Drain the outbox to each target.

    ``once=True``: deliver everything due now (items in backoff wait for a later run), return.
    ``once=False``: keep running until ``cancel``: paused targets are probed every
    ``pause_poll`` s and resume by themselves; new items are picked up within ``idle_poll`` s.
    Raises ArchiveError if another worker holds this outbox, CancelledError on cancel.
    """
    cancel = cancel or CancelToken()
    cfgs = list(targets.values()) if isinstance(targets, Mapping) else list(targets)
    runners = [
        _TargetRunner(outbox, t, (backends or {}).get(t.name) or make_backend(t), progress, cancel)
        for t in cfgs
    ]
    with outbox.worker_lock():
        if once:

            def drain(r: _TargetRunner) -> None:
                try:
                    r.drain()
                except Exception as exc:  # noqa: BLE001 - reported per target, never lost
                    log.warning("archive %s: %s", r.target.name, exc)
                    r.paused = (
                        f"{type(exc).__name__}: {exc}"
                        if not isinstance(exc, ArchiveError)
                        else str(exc)
                    )
                    r.paused_code = getattr(exc, "code", "archive_error")

            threads = [
                threading.Thread(target=drain, args=(r,), name=f"archive-{r.target.name}")
                for r in runners
            ]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
        else:

            def loop(r: _TargetRunner) -> None:
                while not cancel.cancelled:
                    try:
                        r.drain()
                    except Exception as exc:  # noqa: BLE001 - e.g. database busy: keep going
                        log.warning("archive %s: %s", r.target.name, exc)
                        r.paused = str(exc)
                        r.paused_code = getattr(exc, "code", "archive_error")
                    if r.paused:
                        progress(
                            Progress(
                                "upload",
                                0,
                                0,
                                f"{r.target.name}: paused: {r.paused}",
                                extra={"target": r.target.name, "paused": r.paused},
                            )
                        )
                        _wait(cancel, pause_poll)
                        continue
                    nxt = outbox.next_due_at(r.target.name)
                    delay = (
                        idle_poll if nxt is None else min(idle_poll, max(0.0, nxt - time.time()))
                    )
                    _wait(cancel, max(0.05, delay))

            threads = [
                threading.Thread(target=loop, args=(r,), name=f"archive-{r.target.name}")
                for r in runners
            ]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
    if cancel.cancelled:
        raise CancelledError("archive upload cancelled; unfinished items stay queued")
    return WorkerReport(tuple(r.report() for r in runners))
