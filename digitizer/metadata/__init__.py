"""TTHC result metadata: schema (data file), validation, extraction, XMP embedding, sidecar.

Public API (used by the pipeline, the GUI and the CLI)::

    from digitizer.metadata import (load_schema, validate, coerce, check, FieldError,
        extract, Suggestion, Suggestions, HEADER_FIELDS, PREFILL_THRESHOLD, embed_xmp,
        read_xmp, write_sidecar, read_sidecar, sidecar_path, is_classified,
        refuse_if_classified, output_name, load_catalogue)

``Suggestions.hints()`` gives the values not pre-filled, each with its ``reason``;
``Suggestions.header()`` the header facts outside the record (``HEADER_FIELDS``).
"""

from __future__ import annotations

from .catalogue import Catalogue, Procedure, load_catalogue, load_vocabulary
from .extract import HEADER_FIELDS, PREFILL_THRESHOLD, Suggestion, Suggestions, extract
from .schema import FieldSpec, Schema, load_schema, output_name
from .validate import (
    ERROR_CODES,
    MESSAGES,
    FieldError,
    check,
    coerce,
    error_text,
    is_classified,
    refuse_if_classified,
    validate,
)
from .xmp import embed_xmp, is_signed, read_sidecar, read_xmp, sidecar_path, write_sidecar

__all__ = [
    "ERROR_CODES",
    "HEADER_FIELDS",
    "MESSAGES",
    "PREFILL_THRESHOLD",
    "Catalogue",
    "FieldError",
    "FieldSpec",
    "Procedure",
    "Schema",
    "Suggestion",
    "Suggestions",
    "check",
    "coerce",
    "embed_xmp",
    "error_text",
    "extract",
    "is_classified",
    "is_signed",
    "load_catalogue",
    "load_schema",
    "load_vocabulary",
    "output_name",
    "read_sidecar",
    "read_xmp",
    "refuse_if_classified",
    "sidecar_path",
    "validate",
    "write_sidecar",
]
