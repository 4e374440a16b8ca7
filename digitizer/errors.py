"""One exception hierarchy for the core, each class with a documented CLI exit code.

Errors are turned into words in exactly two places: the CLI handler (English message + exit
code) and the GUI's message table (Vietnamese text keyed by ``code``). Library code raises these
with a factual English message that names the file and the reason.

Exit codes (documented in README):
  0  success
  1  unexpected internal error
  2  usage error (bad command line)
  3  bad input file (unreadable, corrupt, empty, unsupported type, absurd dimensions, not a
     regular file, over the file-size or page limit)
  4  encrypted PDF
  5  PDF already digitally signed (refused: re-OCR/edit would destroy the signature)
  6  missing dependency (program or tesseract language pack)
  7  OCR engine failure or timeout
  8  cannot write output (permissions, disk full)
  10 metadata invalid
  11 classified document refused
  12 batch finished, but some documents failed or need review (digitizer batch)
  20-29 signing (see signing.errors), 30-39 archive, 40-49 verification, 50-59 scanner
  34 the audit journal does not verify (digitizer audit verify: a record edited, deleted,
     reordered or out of chain, or a checkpoint that does not match or verify)
  130 cancelled by the user
"""

from __future__ import annotations

from pathlib import Path


class DigitizerError(Exception):
    """Base class. ``code`` is a stable machine key (used by the GUI message table)."""

    exit_code: int = 1
    code: str = "internal"

    def __init__(self, message: str, *, path: str | Path | None = None, **details: object):
        self.message = message
        self.path = str(path) if path is not None else None
        self.details = details
        super().__init__(f"{self.path}: {message}" if self.path else message)


class UsageError(DigitizerError):
    exit_code = 2
    code = "usage"


class InputError(DigitizerError):
    """A file we were asked to read is unusable (corrupt, empty, unsupported, too large)."""

    exit_code = 3
    code = "bad_input"


class UnsupportedFileError(InputError):
    code = "unsupported_type"


class EmptyFileError(InputError):
    code = "empty_file"


class CorruptFileError(InputError):
    code = "corrupt_file"


class ImageTooLargeError(InputError):
    code = "image_too_large"


class NotRegularFileError(InputError):
    """A FIFO, device, socket (or a link to one): reading it could block or never end."""

    code = "bad_input"


class InputLimitError(InputError):
    """An input over a documented limit (file size, pages per document); checked before reading
    or working, the message names the limit, the value found and the option that raises it."""

    code = "input_too_large"


class FileTooLargeError(InputLimitError):
    pass


class TooManyPagesError(InputLimitError):
    pass


class EncryptedPdfError(DigitizerError):
    exit_code = 4
    code = "encrypted_pdf"


class SignedPdfError(DigitizerError):
    exit_code = 5
    code = "signed_pdf"


class MissingDependencyError(DigitizerError):
    exit_code = 6
    code = "missing_dependency"


class OcrEngineError(DigitizerError):
    exit_code = 7
    code = "ocr_failed"


class OcrTimeoutError(OcrEngineError):
    code = "ocr_timeout"


class OutputError(DigitizerError):
    exit_code = 8
    code = "output_error"


class DiskFullError(OutputError):
    code = "disk_full"


class MetadataError(DigitizerError):
    exit_code = 10
    code = "metadata_invalid"


class ClassifiedDocumentError(DigitizerError):
    exit_code = 11
    code = "classified"


class BatchIncompleteError(DigitizerError):
    """A batch ran to its end but some documents failed or need review (listed in the journal)."""

    exit_code = 12
    code = "batch_incomplete"


class ArchiveError(DigitizerError):
    exit_code = 30
    code = "archive_error"


class ArchiveUnavailableError(ArchiveError):
    exit_code = 31
    code = "archive_unavailable"


class ArchiveIntegrityError(ArchiveError):
    exit_code = 32
    code = "archive_checksum_mismatch"


class ArchiveConfigError(ArchiveError):
    exit_code = 33
    code = "archive_config"


class ScannerError(DigitizerError):
    exit_code = 50
    code = "scanner_error"


class NoScannerError(ScannerError):
    exit_code = 51
    code = "no_scanner"


class ScannerBusyError(ScannerError):
    exit_code = 52
    code = "scanner_busy"


class PaperJamError(ScannerError):
    exit_code = 53
    code = "paper_jam"


class CoverOpenError(ScannerError):
    exit_code = 54
    code = "cover_open"


class FeederEmptyError(ScannerError):
    """The document feeder had no paper when a batch started (an empty feeder later ends a batch)."""

    exit_code = 55
    code = "no_documents"


class ScannerIOError(ScannerError):
    exit_code = 56
    code = "scanner_io"


class ScannerDisconnectedError(ScannerError):
    """The device vanished or its driver process died mid-session (unplugged, crash)."""

    exit_code = 57
    code = "scanner_disconnected"


class CancelledError(DigitizerError):
    exit_code = 130
    code = "cancelled"

    def __init__(self, message: str = "cancelled by the user", **kw: object):
        super().__init__(message, **kw)
