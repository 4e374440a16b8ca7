"""Digitisation workstation core: acquire -> prepare -> OCR -> metadata -> sign -> archive.

The core is plain Python (no Qt). The CLI (`digitizer.cli`), the GUI (`digitizer.ui`) and the
tests drive it through the same public functions.
"""

__version__ = "0.1.0"
