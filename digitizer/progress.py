"""Progress reporting and cancellation shared by every long-running core function.

Core functions block; they take ``progress`` (a callable receiving :class:`Progress`) and
``cancel`` (a :class:`CancelToken`). The CLI prints, the GUI forwards to the GUI thread through
``run_task``, tests record events.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from .errors import CancelledError


@dataclass(frozen=True)
class Progress:
    stage: str  # "import", "prepare", "ocr", "assemble", "sign", "upload", ...
    done: int
    total: int
    message: str = ""
    page: int | None = None  # 1-based page index the event is about, if any
    extra: dict = field(default_factory=dict)


class ProgressCallback(Protocol):
    def __call__(self, event: Progress) -> None: ...


def no_progress(event: Progress) -> None:
    return None


class CancelToken:
    """Thread-safe cancel flag. ``check()`` raises :class:`CancelledError` once cancelled."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise CancelledError()


ProgressFn = Callable[[Progress], None]
