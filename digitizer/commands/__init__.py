"""CLI sub-commands, one module each (see digitizer.cli)."""
