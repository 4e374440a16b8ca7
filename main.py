"""Start the clerk's workstation GUI (``./setup.sh run`` runs this under the project's venv)."""

import sys

from digitizer.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
