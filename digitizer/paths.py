"""Where the workstation keeps its files: one place for every package (GUI, archive, pipeline).

``DIGITIZER_CONFIG_DIR`` and ``DIGITIZER_DATA_DIR`` override the platform locations
(platformdirs: ``~/.config/digitizer``, ``~/.local/share/digitizer`` on Linux), so tests and a
second profile never touch the user's own folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "digitizer"


def config_dir() -> Path:
    env = os.environ.get("DIGITIZER_CONFIG_DIR")
    return Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    env = os.environ.get("DIGITIZER_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


__all__ = ["APP_NAME", "config_dir", "data_dir"]
