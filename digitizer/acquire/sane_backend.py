"""SANE backend (python-sane), run in a dedicated worker process.

Why a worker process: ``sane_init`` is process-global and reads ``SANE_CONFIG_DIR`` once, some
drivers crash or hang, and an unplugged USB scanner can block a read forever. In a child process
a crash becomes a clear :class:`~digitizer.errors.ScannerDisconnectedError`, a hang hits a
timeout, the GUI never freezes, and each scan sees the environment of the moment.

Protocol: length-prefixed pickles over the child's stdin/stdout (its C-level stdout is
redirected to stderr so chatty drivers cannot corrupt the stream; stderr goes to our logger).
The child runs with ``LC_ALL=C`` so SANE status texts are the English ones mapped below.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Self

from ..errors import (
    CancelledError,
    CoverOpenError,
    FeederEmptyError,
    MissingDependencyError,
    NoScannerError,
    PaperJamError,
    ScannerBusyError,
    ScannerDisconnectedError,
    ScannerError,
    ScannerIOError,
    UsageError,
)
from .scanner import (
    AppliedSettings,
    DeviceCapabilities,
    DeviceInfo,
    ScanSettings,
    parse_page_size,
)

log = logging.getLogger(__name__)

# SANE constants (sane/sane.h); duplicated so the parent never needs python-sane itself.
TYPE_BOOL, TYPE_INT, TYPE_FIXED, TYPE_STRING, TYPE_BUTTON, TYPE_GROUP = range(6)
UNIT_MM, UNIT_DPI = 3, 4
CAP_SOFT_SELECT, CAP_SOFT_DETECT, CAP_INACTIVE = 1, 4, 32

#: sane_strstatus() texts (C locale) -> our error classes.
_STATUS_ERRORS: dict[str, tuple[type[ScannerError], str]] = {
    "Document feeder jammed": (
        PaperJamError,
        "paper jam in the document feeder of {dev}: clear the jam, then scan the remaining pages",
    ),
    "Scanner cover is open": (
        CoverOpenError,
        "the cover of scanner {dev} is open: close it and scan again",
    ),
    "Document feeder out of documents": (
        FeederEmptyError,
        "the document feeder of {dev} is empty: load the pages and scan again",
    ),
    "Device busy": (
        ScannerBusyError,
        "scanner {dev} is busy (used by another program or still warming up): wait and retry",
    ),
    "Error during device I/O": (
        ScannerIOError,
        "I/O error talking to scanner {dev}: check its cable and power (was it unplugged?)",
    ),
    "Access to resource has been denied": (
        ScannerError,
        (
            "access to scanner {dev} was denied: the user needs permission for the device "
            "(e.g. membership of the 'scanner' group)"
        ),
    ),
    "Out of memory": (ScannerError, "the driver of scanner {dev} ran out of memory"),
}

DEFAULT_TIMEOUT = 60.0  # list/open/set: network discovery can be slow
PAGE_TIMEOUT = 600.0  # one page at high resolution on a slow scanner


def map_status(message: str, device: str) -> ScannerError | CancelledError:
    """Turn a SANE status text into our exception (clear words, stable code)."""
    if message == "Operation was cancelled":
        return CancelledError("scan cancelled", device=device)
    cls, text = _STATUS_ERRORS.get(message, (ScannerError, "scanner {dev} reported: " + message))
    return cls(text.format(dev=device), device=device, sane_status=message)


# ---------------------------------------------------------------------------------------------
# Framing


def _write_frame(stream: BinaryIO, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">Q", len(data)))
    stream.write(data)
    stream.flush()


def _read_exact(stream: BinaryIO, n: int) -> bytes | None:
    chunks = []
    while n:
        b = stream.read(n)
        if not b:
            return None
        chunks.append(b)
        n -= len(b)
    return b"".join(chunks)


def _read_frame(stream: BinaryIO) -> Any:
    head = _read_exact(stream, 8)
    if head is None:
        raise EOFError
    body = _read_exact(stream, struct.unpack(">Q", head)[0])
    if body is None:
        raise EOFError
    return pickle.loads(body)


# ---------------------------------------------------------------------------------------------
# Worker (child process side)


def _describe_options(dev: Any) -> list[dict[str, Any]]:
    out = []
    for t in dev.dev.get_options():
        index, name, title, _desc, typ, unit, _size, cap, constraint = t[:9]
        active = not (cap & CAP_INACTIVE)
        value = None
        if active and typ not in (TYPE_BUTTON, TYPE_GROUP) and cap & CAP_SOFT_DETECT:
            try:
                value = dev.dev.get_option(index)
            except Exception:  # noqa: BLE001 - some options cannot be read; that is fine
                value = None
        out.append(
            {
                "index": index,
                "name": name or "",
                "title": title or "",
                "type": typ,
                "unit": unit,
                "cap": cap,
                "constraint": constraint,
                "value": value,
                "active": active,
            }
        )
    return out


def _worker_main() -> int:  # pragma: no cover - exercised through the subprocess in tests
    proto_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints from drivers must not corrupt the protocol
    inp = sys.stdin.buffer
    try:
        import _sane
        import sane
    except ImportError as exc:
        _write_frame(
            proto_out, ("fatal", "missing_dependency", f"python-sane is not usable: {exc}")
        )
        return 1
    try:
        version = sane.init()
    except Exception as exc:  # noqa: BLE001
        _write_frame(proto_out, ("fatal", "scanner_error", f"sane_init failed: {exc}"))
        return 1

    out_lock = threading.Lock()
    commands: queue.Queue[tuple] = queue.Queue()
    state: dict[str, Any] = {"dev": None, "scanning": False}
    cancelled = threading.Event()

    def send(obj: Any) -> None:
        with out_lock:
            _write_frame(proto_out, obj)

    def reader() -> None:
        while True:
            try:
                frame = _read_frame(inp)
            except (EOFError, OSError):
                cancelled.set()
                commands.put(("close",))
                return
            if frame[0] == "cancel":
                cancelled.set()
                dev = state["dev"]
                if dev is not None and state["scanning"]:
                    with contextlib.suppress(Exception):
                        dev.cancel()  # sane_cancel may be called while sane_read blocks
            else:
                commands.put(frame)

    threading.Thread(target=reader, daemon=True).start()
    send(("ready", version))
    while True:
        cmd = commands.get()
        op = cmd[0]
        try:
            if op == "devices":
                send(("ok", [tuple(d) for d in sane.get_devices()]))
            elif op == "open":
                state["dev"] = sane.open(cmd[1])
                send(("ok", _describe_options(state["dev"])))
            elif op == "set":
                dev = state["dev"]
                setattr(dev, cmd[1].replace("-", "_"), cmd[2])
                send(("ok", _describe_options(dev)))
            elif op == "scan":
                dev = state["dev"]
                cancelled.clear()
                state["scanning"] = True
                try:
                    dev.start()
                    image = dev.snap(True)  # no sane_cancel between feeder pages
                finally:
                    state["scanning"] = False
                if cancelled.is_set():
                    send(("cancelled",))
                else:
                    send(("page", image.mode, image.size, image.tobytes()))
            elif op == "end":
                if state["dev"] is not None:
                    state["dev"].cancel()
                send(("ok", None))
            elif op == "close":
                if state["dev"] is not None:
                    with contextlib.suppress(Exception):
                        state["dev"].cancel()
                        state["dev"].close()
                    state["dev"] = None
                with contextlib.suppress(Exception):
                    sane.exit()
                try:
                    send(("ok", None))
                except OSError:
                    pass
                return 0
            else:
                send(("error", f"unknown command {op!r}"))
        except _sane.error as exc:
            if cancelled.is_set() and op == "scan":
                send(("cancelled",))
            else:
                send(("error", str(exc)))
        except (AttributeError, TypeError, ValueError) as exc:
            send(("option_error", str(exc)))
        except Exception as exc:  # noqa: BLE001 - report, keep serving
            if cancelled.is_set() and op == "scan":  # e.g. "Scanner returned no data"
                send(("cancelled",))
            else:
                send(("error", f"{type(exc).__name__}: {exc}"))


# ---------------------------------------------------------------------------------------------
# Parent side


class _Worker:
    """The child process plus reader threads. One request at a time; cancel() from any thread."""

    def __init__(self, env: dict[str, str], device: str = "") -> None:
        self.device = device
        pkg_root = str(Path(__file__).resolve().parents[2])
        env = dict(env)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (pkg_root, env.get("PYTHONPATH")) if p)
        env["LC_ALL"] = "C"
        env["LANGUAGE"] = "C"
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "digitizer.acquire.sane_backend"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
        except OSError as exc:
            raise ScannerError(f"cannot start the SANE worker process: {exc}") from exc
        self._replies: queue.Queue[Any] = queue.Queue()
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=5)
        self._write_lock = threading.Lock()
        threading.Thread(target=self._read_replies, daemon=True, name="sane-replies").start()
        self._stderr_thread = threading.Thread(
            target=self._read_stderr, daemon=True, name="sane-stderr"
        )
        self._stderr_thread.start()
        first = self._get(DEFAULT_TIMEOUT)
        if first[0] == "fatal":
            self.kill()
            if first[1] == "missing_dependency":
                raise MissingDependencyError(
                    first[2] + " (install libsane-dev, then pip install python-sane)"
                )
            raise ScannerError(first[2])

    def _read_replies(self) -> None:
        assert self.proc.stdout is not None
        while True:
            try:
                self._replies.put(_read_frame(self.proc.stdout))
            except (EOFError, OSError, pickle.UnpicklingError):
                self._replies.put(("eof",))
                return

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            self._stderr_tail.append(line)
            log.debug("sane worker: %s", line)

    def _get(self, timeout: float) -> Any:
        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise ScannerError(
                f"scanner {self.device or ''} did not answer within {timeout:.0f} s; the driver "
                "was stopped (switch the scanner off and on, then retry)".replace("  ", " ")
            ) from None
        if reply[0] == "eof":
            code = self.proc.wait(timeout=5)
            self._stderr_thread.join(timeout=2)  # collect its last words
            last = [ln for ln in self._stderr_tail if ln.strip()]
            raise ScannerDisconnectedError(
                f"the SANE driver for {self.device or 'the scanner'} stopped unexpectedly "
                f"(exit status {code}): the scanner may have been unplugged or its driver crashed"
                + (f"; its last words: {last[-1]}" if last else ""),
                device=self.device,
            )
        return reply

    def send(self, obj: Any) -> None:
        assert self.proc.stdin is not None
        with self._write_lock:
            try:
                _write_frame(self.proc.stdin, obj)
            except (BrokenPipeError, OSError, ValueError):
                pass  # the reply reader reports the dead worker

    def request(self, obj: Any, timeout: float = DEFAULT_TIMEOUT) -> Any:
        self.send(obj)
        return self._get(timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.request(("close",), timeout=10)
            except ScannerError:
                pass
        self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        for s in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if s:
                    s.close()
            except OSError:
                pass


@dataclass(frozen=True)
class SaneOption:
    index: int
    name: str
    title: str
    type: int
    unit: int
    cap: int
    constraint: Any
    value: Any
    active: bool

    @property
    def settable(self) -> bool:
        return bool(self.cap & CAP_SOFT_SELECT)

    @property
    def usable(self) -> bool:
        return self.active and self.settable


def _classify_source(raw: str) -> str | None:
    s = raw.lower()
    if "duplex" in s:
        return "adf-duplex"
    if "back" in s:
        return None  # "ADF Back": back side only, never what the user means
    if any(k in s for k in ("adf", "feeder", "automatic document", "adf front")):
        return "adf"
    if any(k in s for k in ("flatbed", "platen", "normal", "document table", "glass")):
        return "flatbed"
    return None


def _classify_mode(raw: str) -> str | None:
    s = raw.lower()
    if any(k in s for k in ("color", "colour", "rgb")):
        return "color"
    if any(k in s for k in ("gray", "grey")):
        return "gray"
    if any(k in s for k in ("lineart", "line art", "binary", "black & white", "black and white")):
        return "lineart"
    return None


def _coerce(opt: SaneOption, value: Any) -> Any:
    """Convert a user/profile value (often a string from the CLI) to the option's type."""
    try:
        if opt.type == TYPE_BOOL:
            if isinstance(value, str):
                v = value.strip().lower()
                if v in ("1", "yes", "true", "on"):
                    return True
                if v in ("0", "no", "false", "off"):
                    return False
                raise ValueError(value)
            return bool(value)
        if opt.type == TYPE_INT:
            return int(float(value))
        if opt.type == TYPE_FIXED:
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise UsageError(f"invalid value {value!r} for scanner option {opt.name!r}") from None


class SaneDevice:
    """An open SANE device (implements scanner.ScannerDevice)."""

    def __init__(self, worker: _Worker, info: DeviceInfo, options: list[dict[str, Any]]) -> None:
        self._w = worker
        self.info = info
        self._set_options(options)
        self._closed = False

    def _set_options(self, options: list[dict[str, Any]]) -> None:
        self.options: dict[str, SaneOption] = {
            o["name"]: SaneOption(**o) for o in options if o["name"] and o["type"] != TYPE_GROUP
        }

    def _check(self, reply: Any) -> Any:
        kind = reply[0]
        if kind == "ok":
            return reply[1]
        if kind == "cancelled":
            raise CancelledError("scan cancelled", device=self.info.id)
        if kind == "option_error":
            raise UsageError(f"scanner {self.info.id}: {reply[1]}")
        raise map_status(reply[1], self.info.id)

    # -- options ---------------------------------------------------------------------------
    def option(self, name: str) -> SaneOption | None:
        opt = self.options.get(name)
        return opt if opt is not None and opt.active else None

    def set_option(self, name: str, value: Any) -> None:
        name = name.replace("_", "-")
        opt = self.options.get(name)
        if opt is None:
            raise UsageError(
                f"scanner {self.info.id} has no option {name!r} (it has: "
                f"{', '.join(sorted(self.options))})"
            )
        if not opt.usable:
            raise UsageError(f"option {name!r} of scanner {self.info.id} cannot be set now")
        value = _coerce(opt, value)
        if isinstance(opt.constraint, list) and value not in opt.constraint:
            raise UsageError(
                f"scanner {self.info.id} does not accept {value!r} for {name!r}; choose one of "
                + ", ".join(map(str, opt.constraint))
            )
        self._set_options(self._check(self._w.request(("set", name, value))))

    def capabilities(self) -> DeviceCapabilities:
        src = self.option("source")
        raw_sources: tuple[str, ...] = (
            tuple(src.constraint) if src and isinstance(src.constraint, list) else ()
        )
        sources = []
        for raw in raw_sources:
            c = _classify_source(raw)
            if c and c not in sources:
                sources.append(c)
        if not raw_sources:
            sources = ["flatbed"]
        if "adf" in sources and self._duplex_switch() and "adf-duplex" not in sources:
            sources.append("adf-duplex")
        mode = self.option("mode")
        modes = []
        for raw in mode.constraint if mode and isinstance(mode.constraint, list) else []:
            c = _classify_mode(raw)
            if c and c not in modes:
                modes.append(c)
        depth = self.option("depth")
        if (
            "lineart" not in modes
            and depth
            and isinstance(depth.constraint, list)
            and 1 in depth.constraint
        ):
            modes.append("lineart")
        res = self.option("resolution") or self.option("x-resolution")
        min_dpi, max_dpi, choices = 0, 0, None
        if res is not None:
            if isinstance(res.constraint, tuple):
                min_dpi, max_dpi = int(res.constraint[0]), int(res.constraint[1])
            elif isinstance(res.constraint, list) and res.constraint:
                choices = tuple(sorted(int(v) for v in res.constraint))
                min_dpi, max_dpi = choices[0], choices[-1]
        return DeviceCapabilities(
            sources=tuple(sources),
            modes=tuple(modes) or ("color",),
            min_dpi=min_dpi,
            max_dpi=max_dpi,
            dpi_choices=choices,
            max_area_mm=self._max_area(),
            raw_sources=raw_sources,
        )

    def _duplex_switch(self) -> SaneOption | None:
        opt = self.option("duplex")
        if opt and opt.type == TYPE_BOOL and opt.settable:
            return opt
        return None

    def _max_area(self) -> tuple[float, float] | None:
        bx, by = self.option("br-x"), self.option("br-y")
        if not (
            bx
            and by
            and bx.unit == UNIT_MM
            and isinstance(bx.constraint, tuple)
            and isinstance(by.constraint, tuple)
        ):
            return None
        return (
            float(bx.constraint[1]) - float(bx.constraint[0]),
            float(by.constraint[1]) - float(by.constraint[0]),
        )

    def _raw_source_for(self, canonical: str) -> str | None:
        src = self.option("source")
        if not src or not isinstance(src.constraint, list):
            return None
        matches = [r for r in src.constraint if _classify_source(r) == canonical]
        return matches[0] if matches else None

    def configure(self, settings: ScanSettings) -> AppliedSettings:
        """Map canonical settings onto SANE options; report what really got set."""
        caps = self.capabilities()
        warnings: list[str] = []
        # 1. source (first: it changes which area/resolution options are valid)
        source = settings.source
        if source == "auto":
            if settings.batch:
                source = "adf" if "adf" in caps.sources else "adf-duplex"
            else:
                source = "flatbed" if "flatbed" in caps.sources else caps.sources[0]
        if source not in caps.sources:
            raise UsageError(
                f"scanner {self.info.id} has no {source} source (it offers: "
                f"{', '.join(caps.sources)})"
            )
        raw_source = self._raw_source_for(source)
        if raw_source is None and source == "adf-duplex":
            raw_source = self._raw_source_for("adf")
        if raw_source is not None:
            self.set_option("source", raw_source)
        switch = self._duplex_switch()
        if switch is not None:
            self.set_option("duplex", source == "adf-duplex")
        # 2. mode (+ depth)
        mode_opt = self.option("mode")
        raw_modes = (
            mode_opt.constraint if mode_opt and isinstance(mode_opt.constraint, list) else []
        )
        want = [m for m in raw_modes if _classify_mode(m) == settings.mode]
        depth = self.option("depth")
        if want:
            self.set_option("mode", want[0])
            if depth and depth.settable and isinstance(depth.constraint, list):
                target = 1 if settings.mode == "lineart" else 8
                if target in depth.constraint and self.option("depth"):
                    self.set_option("depth", target)
        elif settings.mode == "lineart" and "lineart" in caps.modes:
            grey = [m for m in raw_modes if _classify_mode(m) == "gray"]
            if grey:
                self.set_option("mode", grey[0])
            self.set_option("depth", 1)
        elif raw_modes:
            raise UsageError(
                f"scanner {self.info.id} has no {settings.mode} mode (it offers: "
                f"{', '.join(raw_modes)})"
            )
        # 3. resolution
        dpi = self._set_resolution(settings.resolution, caps, warnings)
        # 4. area
        area = self._set_area(settings.page_size, caps, warnings)
        # 5. raw extras
        for name, value in settings.device_options:
            self.set_option(name, value)
        return AppliedSettings(source, raw_source, dpi, settings.mode, area, tuple(warnings))

    def _set_resolution(self, want: int, caps: DeviceCapabilities, warnings: list[str]) -> int:
        names = (
            ["resolution"]
            if self.option("resolution")
            else [n for n in ("x-resolution", "y-resolution") if self.option(n)]
        )
        if not names:
            warnings.append(f"scanner {self.info.id} has no resolution option; using its default")
            return want
        if caps.max_dpi and caps.max_dpi < 200:
            raise ScannerError(
                f"scanner {self.info.id} cannot scan at 200 dpi or more (maximum {caps.max_dpi}), "
                "the minimum for archive copies"
            )
        if caps.dpi_choices:
            higher = [d for d in caps.dpi_choices if d >= want]
            dpi = higher[0] if higher else caps.dpi_choices[-1]
        else:
            dpi = min(max(want, caps.min_dpi or want), caps.max_dpi or want)
        if dpi != want:
            warnings.append(f"scanner {self.info.id} cannot scan at {want} dpi; using {dpi} dpi")
        for n in names:
            self.set_option(n, dpi)
        return dpi

    def _set_area(
        self, page_size: str, caps: DeviceCapabilities, warnings: list[str]
    ) -> tuple[float, float] | None:
        size = parse_page_size(page_size)
        limit = caps.max_area_mm
        if limit is None:
            if size is not None:
                warnings.append(
                    f"scanner {self.info.id} does not expose its scan area; "
                    f"page size {page_size} not applied"
                )
            return None
        w, h = size if size is not None else limit
        if w > limit[0] + 0.01 or h > limit[1] + 0.01:
            warnings.append(
                f"page size {page_size} ({w:g}x{h:g} mm) is larger than the scan area of "
                f"{self.info.id} ({limit[0]:g}x{limit[1]:g} mm); scanning "
                f"{min(w, limit[0]):g}x{min(h, limit[1]):g} mm"
            )
            w, h = min(w, limit[0]), min(h, limit[1])
        for name, v in (("page-width", w), ("page-height", h)):  # feeder scanners (fujitsu...)
            if self.option(name) and self.options[name].settable:
                self.set_option(name, v)
        x0 = float(self.options["tl-x"].constraint[0]) if self.option("tl-x") else 0.0
        y0 = float(self.options["tl-y"].constraint[0]) if self.option("tl-y") else 0.0
        for name, v in (("tl-x", x0), ("tl-y", y0), ("br-x", x0 + w), ("br-y", y0 + h)):
            if self.option(name):
                self.set_option(name, v)
        return (w, h)

    # -- scanning ----------------------------------------------------------------------------
    def scan_page(self) -> Any:
        from PIL import Image

        reply = self._w.request(("scan",), timeout=PAGE_TIMEOUT)
        if reply[0] != "page":
            self._check(reply)
            raise ScannerError(f"unexpected answer from the SANE worker: {reply[0]!r}")
        _, mode, size, data = reply
        image = Image.frombytes(mode, size, data)
        if self.option("depth") and self.options["depth"].value == 1 and mode == "L":
            image = image.convert("1")
        return image

    def end_batch(self) -> None:
        if not self._closed and self._w.proc.poll() is None:
            self._check(self._w.request(("end",)))

    def cancel(self) -> None:
        """Thread-safe: asks the driver to abort the page being read."""
        self._w.send(("cancel",))

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._w.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SaneBackend:
    """Scanner backend over SANE. ``config_dir`` overrides ``SANE_CONFIG_DIR`` for its workers."""

    name = "sane"

    def __init__(self, config_dir: str | Path | None = None) -> None:
        self.config_dir = str(config_dir) if config_dir is not None else None

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.config_dir is not None:
            env["SANE_CONFIG_DIR"] = self.config_dir
        return env

    def list_devices(self) -> tuple[DeviceInfo, ...]:
        w = _Worker(self._env())
        try:
            reply = w.request(("devices",))
            if reply[0] != "ok":
                raise map_status(reply[1], "")
            return tuple(DeviceInfo(d[0], d[1], d[2], d[3], self.name) for d in reply[1])
        finally:
            w.close()

    def open(self, device_id: str) -> SaneDevice:
        w = _Worker(self._env(), device_id)
        try:
            # some drivers only know a device after sane_get_devices(); it also gives the model
            devices = w.request(("devices",))
            reply = w.request(("open", device_id))
            if reply[0] != "ok":
                if (
                    reply[1] in ("Invalid argument", "Operation not supported")
                    or "No such" in reply[1]
                ):
                    raise NoScannerError(
                        f"scanner {device_id!r} was not found: it may be unplugged or switched off "
                        "(`digitizer scan --list` shows the connected scanners)",
                        device=device_id,
                    )
                raise map_status(reply[1], device_id)
            meta = (
                next((d for d in devices[1] if d[0] == device_id), None)
                if devices[0] == "ok"
                else None
            )
            info = DeviceInfo(device_id, *(meta[1:4] if meta else ("", "", "")), self.name)
            return SaneDevice(w, info, reply[1])
        except BaseException:
            w.close()
            raise


if __name__ == "__main__":  # the worker process
    sys.exit(_worker_main())
