"""File-system helpers shared by every stage.

Durable writes: write to a temp file beside the target, fsync, rename over the target, fsync the
folder. A crash or power cut leaves either the old file or the new one, never half of one. These
raise ``OSError``; callers turn it into their own error (``OutputError``, ``ArchiveError`` ...)
with the words that fit their context.

Hostile input (issue 19): :func:`check_input_file` is the one check before an input is read (a
regular file, not over the size limit, decided by ``os.stat`` and never by reading it);
:func:`refuse_output_over_inputs` keeps every output path off the inputs; :func:`printable`
turns a name that is not valid UTF-8 (POSIX names are bytes; Python keeps the odd bytes as
surrogate escapes) into text that can be printed or stored: ``b"h\xf4.png"`` -> ``"h\\xf4.png"``.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

MB = 1024 * 1024


def _printable_errors(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler ``digitizer.printable``: a byte kept as a surrogate escape becomes
    ``\\xNN``; any other character the codec cannot take becomes ``\\uNNNN``."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        n = ord(ch)
        if 0xDC80 <= n <= 0xDCFF:
            out.append(f"\\x{n - 0xDC00:02x}")
        elif n > 0xFFFF:
            out.append(f"\\U{n:08x}")
        else:
            out.append(f"\\u{n:04x}")
    return "".join(out), exc.end


codecs.register_error("digitizer.printable", _printable_errors)


def printable(text: str | os.PathLike) -> str:
    """``text`` (or a path) as valid UTF-8 text: undecodable name bytes shown as ``\\xNN``. For
    messages, sidecars, journals and reports; not for opening the file again."""
    s = os.fspath(text)
    if isinstance(s, bytes):
        s = os.fsdecode(s)
    return s.encode("utf-8", "digitizer.printable").decode("utf-8")


def printable_tree(obj):
    """:func:`printable` applied to every string of a JSON-like tree (dict keys too)."""
    if isinstance(obj, str):
        return printable(obj)
    if isinstance(obj, dict):
        return {printable_tree(k): printable_tree(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [printable_tree(v) for v in obj]
    return obj


def _mb(n: float) -> str:
    v = n / MB
    return f"{v:.0f} MB" if v >= 10 else f"{v:.3g} MB"


def check_input_file(path: str | os.PathLike, max_bytes: int | None = None) -> os.stat_result:
    """The stat of ``path`` (links followed) when it is a regular file of at most ``max_bytes``;
    raises :class:`~digitizer.errors.InputError` (a FIFO, device, socket or folder, or a link to
    one, would block or never end when read; a file over the limit is refused by its size)."""
    from .errors import FileTooLargeError, InputError, NotRegularFileError

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("file not found", path=printable(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=printable(path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a file", path=printable(path))
    if not stat.S_ISREG(st.st_mode):
        what = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(st.st_mode)
            else "a device"
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "a special file"
        )
        link = " (a link to it)" if os.path.islink(path) else ""
        raise NotRegularFileError(
            f"not a regular file: {what}{link}; it is not read", path=printable(path)
        )
    if max_bytes is not None and st.st_size > max_bytes:
        raise FileTooLargeError(
            f"the file is {_mb(st.st_size)}, over the limit of {_mb(max_bytes)} per input file "
            f"(raise it with --max-file-size MB)",
            path=printable(path),
            size=st.st_size,
            limit=max_bytes,
        )
    return st


def _real(p: str | os.PathLike) -> str:
    return os.path.realpath(os.path.abspath(p))


def refuse_output_over_inputs(
    outputs: Mapping[str, str | os.PathLike | None], inputs: Iterable[str | os.PathLike]
) -> None:
    """Raise :class:`~digitizer.errors.UsageError` (exit 2) before anything is written when an
    output (``{"-o": path, "--sidecar": path, ...}``, None entries ignored) is an input, links to
    one (symbolic or hard link), lies inside an input folder, or is another output."""
    from .errors import UsageError

    ins = [(p, _real(p)) for p in inputs]
    seen: dict[str, str] = {}
    for label, out in outputs.items():
        if out is None:
            continue
        real = _real(out)
        if real in seen:
            raise UsageError(
                f"{label} is the same file as {seen[real]}; choose another name",
                path=printable(out),
            )
        seen[real] = label
        for inp, inp_real in ins:
            clash = real == inp_real
            if not clash:
                try:
                    clash = os.path.samefile(out, inp)  # a hard link to the input
                except OSError:
                    pass
            if clash and os.path.isdir(inp_real):
                raise UsageError(
                    f"{label} is the input folder {printable(inp)}: outputs there would be read "
                    f"as inputs; choose a folder outside it",
                    path=printable(out),
                )
            if clash:
                raise UsageError(
                    f"{label} would overwrite an input file ({printable(inp)}); choose another name",
                    path=printable(out),
                )
            if os.path.isdir(inp_real) and real.startswith(inp_real.rstrip(os.sep) + os.sep):
                raise UsageError(
                    f"{label} lies inside the input folder {printable(inp)}: outputs there "
                    f"would be read as inputs; choose a folder outside it",
                    path=printable(out),
                )


def fsync_dir(path: str | os.PathLike) -> None:
    """Make a rename inside ``path`` durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_durably(tmp: str | os.PathLike, dst: str | os.PathLike) -> None:
    """fsync ``tmp``, rename it over ``dst``, fsync the folder."""
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dst)
    fsync_dir(Path(dst).parent)


def copy_atomic(src: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Copy ``src`` to ``dest`` atomically and durably (streamed, never a half file)."""
    import shutil

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` (str is written as UTF-8) to ``path`` atomically and durably."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
