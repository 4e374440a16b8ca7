"""Toolbar icons: a few Adwaita symbolic icons copied into ``resources/icons`` (licence and
source in its README.md), loaded once; a missing file gives an empty icon, never an error."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QToolBar, QToolButton

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"


@cache
def icon(name: str) -> QIcon:
    path = ICON_DIR / f"{name}-symbolic.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def even_widths(tb: QToolBar) -> None:
    """Each button keeps the width of its own label: enabling, disabling or an action whose
    text follows the state never moves the buttons to its right."""
    for a in tb.actions():
        w = tb.widgetForAction(a)
        if isinstance(w, QToolButton):
            w.setFixedWidth(max(w.sizeHint().width(), 56))
