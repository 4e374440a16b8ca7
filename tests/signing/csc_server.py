"""certomancer-csc-dummy (PyPI; the CSC server pyHanko's own integration tests use) serving the
test PKI's keys on 127.0.0.1, in its own process, with aiohttp's access log written to a file:
that log is how the tests count the requests the server received (e.g. one
``credentials/authorize`` for a batch of 20 documents).

The package's own launcher (``certomancer-csc CONFIG PORT SCAL``) binds "localhost" and fixes
``multisign`` at 10; this runner builds the same application (``CSCWithCertomancer`` with
``DummyServiceParams``) and binds 127.0.0.1 with the parameters a test needs.

Run as a script: ``python csc_server.py CONFIG KEY_DIR PORT MULTISIGN SCAL SECRET LOG``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class CscServer:
    config: Path
    key_dir: Path
    log: Path
    port: int = field(default_factory=free_port)
    multisign: int = 50
    scal: int = 1
    secret: str = "sad-secret"
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, **changes) -> CscServer:
        for k, v in changes.items():
            setattr(self, k, v)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(HERE),
                str(self.config),
                str(self.key_dir),
                str(self.port),
                str(self.multisign),
                str(self.scal),
                self.secret,
                str(self.log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"CSC dummy exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("CSC dummy did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc.stderr.close()
            self.proc = None

    def requests(self, endpoint: str) -> int:
        """How many requests for ``endpoint`` (e.g. "credentials/authorize") the server logged
        since the log was last cleared."""
        if not self.log.exists():
            return 0
        needle = f"POST /csc/v1/{endpoint} "
        return sum(needle in line for line in self.log.read_text(encoding="utf-8").splitlines())

    def statuses(self, endpoint: str) -> list[int]:
        """HTTP statuses the server logged for ``endpoint``, in order."""
        out = []
        needle = f'"POST /csc/v1/{endpoint} HTTP/1.1" '
        for line in self.log.read_text(encoding="utf-8").splitlines():
            if needle in line:
                out.append(int(line.split(needle, 1)[1].split()[0]))
        return out

    def clear_log(self) -> None:
        self.log.write_text("", encoding="utf-8")


def main(argv: list[str]) -> None:
    import logging

    from aiohttp import web
    from certomancer import registry
    from csc_dummy.csc_dummy_server import CSCWithCertomancer, DummyServiceParams

    cfg_path, key_dir, port, multisign, scal, secret, log_path = argv
    logging.basicConfig(filename=log_path, level=logging.INFO, format="%(name)s %(message)s")
    cfg = registry.CertomancerConfig.from_file(cfg_path, key_search_dir=key_dir)
    app = CSCWithCertomancer(
        cfg,
        service_params=DummyServiceParams(
            hash_pinning_required=int(scal) >= 2,
            multisign=int(multisign),
            sad_secret=secret.encode(),
        ),
    )
    app.register_routes()
    web.run_app(
        app.app,
        host="127.0.0.1",
        port=int(port),
        access_log=logging.getLogger("aiohttp.access"),
        print=None,
        handle_signals=True,
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main(sys.argv[1:])
