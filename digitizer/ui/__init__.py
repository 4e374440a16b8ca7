"""The clerk's desktop GUI (PySide6). The only package in the project that imports Qt.

Entry point: :func:`digitizer.ui.app.main` (``python main.py``).
"""
