"""Application start: logging, translations, settings, crash-safe store, main window.

``main()`` is what ``python main.py`` and the ``digitizer-gui`` script run.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from .settings import Settings, data_dir, load_settings, log_dir, save_settings, settings_path

log = logging.getLogger("digitizer.ui")

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TRANSLATIONS = RESOURCES / "translations"


def setup_logging() -> Path:
    """Rotating file log in the platform log dir (the app, not the libraries, configures logging)."""
    d = log_dir()
    d.mkdir(parents=True, exist_ok=True)
    path = d / "digitizer.log"
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        h = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(h)
        root.setLevel(logging.INFO)
    return path


_INSTALLED: list[QTranslator] = []


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load our .qm for the language (Vietnamese is also the source language) plus Qt's own,
    replacing the ones this function installed before (so the language can change at run time)."""
    for old in _INSTALLED:
        app.removeTranslator(old)
    _INSTALLED.clear()
    loaded: list[QTranslator] = []
    qm = TRANSLATIONS / f"digitizer_{language}.qm"
    t = QTranslator(app)
    if qm.exists() and t.load(str(qm)):
        app.installTranslator(t)
        loaded.append(t)
    else:
        log.warning("translation %s missing; run resources/translations/build.sh", qm)
    qt_qm = TRANSLATIONS / f"qt_{language}.qm"
    qt_t = QTranslator(app)
    if qt_qm.exists() and qt_t.load(str(qt_qm)):
        app.installTranslator(qt_t)
        loaded.append(qt_t)
    elif language != "vi":
        qt_t2 = QTranslator(app)
        if qt_t2.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt_t2)
            loaded.append(qt_t2)
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
    )
    _INSTALLED.extend(loaded)
    return loaded


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("digitizer")
    app.setOrganizationName("digitizer")
    font = QFont("Noto Sans")
    font.setPointSize(10)
    app.setFont(font)
    icon = RESOURCES / "icons" / "app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def create_window(settings: Settings | None = None):
    """Open the store and build the main window (used by main() and the tests)."""
    from .mainwindow import MainWindow
    from .workitem import WipStore

    settings = settings or load_settings()
    if not settings_path().exists():
        # first run: write the factory settings, so the archive package (and the CLI) see the
        # archive on this computer the GUI queues to
        save_settings(settings)
    store = WipStore(data_dir())
    return MainWindow(store, settings)


def _excepthook(exc_type, exc, tb) -> None:
    from .dialogs import show_report

    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    try:
        show_report(QApplication.activeWindow(), exc)
    except Exception:  # noqa: BLE001 - last resort: never lose the original error
        sys.__excepthook__(exc_type, exc, tb)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    setup_logging()
    app = make_app(argv)
    settings = load_settings()
    install_translators(app, settings.language)
    sys.excepthook = _excepthook
    win = create_window(settings)
    current = [win]

    def follow(new) -> None:  # a language switch replaces the window
        current[0] = new
        new.replaced.connect(follow)

    win.replaced.connect(follow)
    win.show()
    log.info("window shown")
    rc = app.exec()
    from .tasks import pools

    pools().wait(10000)
    current[0].store.close()
    return rc


if __name__ == "__main__":
    sys.exit(main())
