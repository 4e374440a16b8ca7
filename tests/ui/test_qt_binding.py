"""The Qt binding must not leak references to Python's None or booleans.

PySide6 6.12.0 on CPython 3.11 drops one reference to None on every call of a method returning
void: after a few thousand calls (a GUI session, or the test suite) the interpreter aborts with
"Fatal Python error: none_dealloc". pyproject.toml excludes that release; this test catches a
binding with the same fault, whatever its version."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel


def test_void_methods_keep_none_and_bool_references(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    ev = QEvent(QEvent.Type.User)
    none0, true0, false0 = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):  # small enough that a leaking binding fails here instead of aborting
        label.setText("x")
        label.update()
        ev.accept()
        ev.setAccepted(False)
        ev.isAccepted()
    # a few references may come or go with caches; a leak per call would be 600 or more
    assert sys.getrefcount(None) > none0 - 100
    assert sys.getrefcount(True) > true0 - 100
    assert sys.getrefcount(False) > false0 - 100
