"""HTTP document-store adapter against a small real HTTP server on 127.0.0.1 (Bearer token)."""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from digitizer.archive import Outbox, TargetConfig, audit, check_reachable, fetch, run_worker
from digitizer.errors import ArchiveIntegrityError

from .conftest import sha256

TOKEN = "test-bearer-token-123"


class DocStore:
    """In-memory document store speaking the ministry guidance's paths."""

    def __init__(self):
        self.docs: dict[str, dict] = {}
        self.imports = 0
        self.fail_imports = 0
        store = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _auth(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._send(401, b'{"error":"unauthorized"}')
                    return False
                return True

            def do_GET(self):
                if not self._auth():
                    return
                m = re.fullmatch(r"/api/v1/documents/download/([^/]+)", self.path)
                if m:
                    d = store.docs.get(m.group(1))
                    return self._send(*((200, d["file"], "application/pdf") if d else (404, b"{}")))
                m = re.fullmatch(r"/api/v1/documents/([^/]+)", self.path)
                if m:
                    d = store.docs.get(m.group(1))
                    if not d:
                        return self._send(404, b'{"error":"not found"}')
                    rec = {
                        "DocCode": m.group(1),
                        "sha256": d["sha256"],
                        "size": len(d["file"]),
                        "metadata": d["meta"]["metadata"],
                    }
                    return self._send(200, json.dumps({"data": rec}).encode())
                self._send(404, b"{}")

            def do_POST(self):
                if not self._auth():
                    return
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.path != "/api/v1/documents/import":
                    return self._send(404, b"{}")
                if store.fail_imports:
                    store.fail_imports -= 1
                    return self._send(503, b'{"error":"busy"}')
                msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                    f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body
                )
                parts = {
                    p.get_param("name", header="content-disposition"): p for p in msg.iter_parts()
                }
                meta = json.loads(parts["metadata"].get_content())
                data = parts["file"].get_payload(decode=True)
                code = meta["DocCode"]
                if code in store.docs:
                    return self._send(409, b'{"error":"exists"}')
                store.imports += 1
                store.docs[code] = {
                    "meta": meta,
                    "file": data,
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                self._send(201, json.dumps({"DocCode": code}).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def docstore(monkeypatch):
    monkeypatch.setenv("ARCHIVE_HTTP_TOKEN", TOKEN)
    s = DocStore()
    yield s
    s.close()


def http_target(url: str, **kw) -> TargetConfig:
    kw.setdefault("backoff_base", 0.0)
    return TargetConfig(name="bo", kind="http", base_url=url, read_timeout=5.0, **kw)


def test_import_is_idempotent_and_verified(docstore, tmp_path, docs):
    ob = Outbox(tmp_path / "ob")
    pairs = docs(3)
    ids = [ob.enqueue(p, m, ["bo"]) for p, m in pairs]
    t = http_target(docstore.url)
    assert check_reachable(t)
    rep = run_worker(ob, [t], once=True)
    assert rep.uploaded == 3 and docstore.imports == 3
    for i, (p, m) in zip(ids, pairs, strict=True):
        d = ob.get(i).delivery("bo")
        code = d.remote["key"]
        assert code.startswith(m["dossier_code"]) and code.endswith(sha256(p)[:16])
        assert docstore.docs[code]["file"] == p.read_bytes()
        assert docstore.docs[code]["meta"]["metadata"]["organ_name"] == m["organ_name"]
    # crash before mark-done: the re-run finds the record (409/GET) and does not import again
    with ob._tx() as conn:
        conn.execute("UPDATE deliveries SET state='pending'")
        conn.execute("UPDATE items SET blob=NULL")
    for i, (p, _) in zip(ids, pairs, strict=True):  # the outbox still needs its copy to resend
        ob.enqueue(p, ob.get(i).metadata, ["bo"])
    rep = run_worker(ob, [t], once=True)
    assert rep.already_present == 3 and docstore.imports == 3
    out = fetch(t, ob.get(ids[0]).delivery("bo").remote["key"], tmp_path / "back.pdf")
    assert out.read_bytes() == pairs[0][0].read_bytes()
    assert audit(t, ob).ok
    # the store's copy is altered: audit and fetch notice
    code = ob.get(ids[1]).delivery("bo").remote["key"]
    docstore.docs[code]["file"] = docstore.docs[code]["file"].replace(b"Quyet", b"Quyat")
    rep = audit(t, ob)
    assert {e.key: e.status for e in rep.problems} == {code: "altered"}
    with pytest.raises(ArchiveIntegrityError):
        fetch(t, code, tmp_path / "x.pdf")


def test_bad_token_pauses_and_5xx_retries(docstore, tmp_path, docs, monkeypatch):
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["bo"])
    monkeypatch.setenv("ARCHIVE_HTTP_TOKEN", "wrong")
    rep = run_worker(ob, [http_target(docstore.url)], once=True)
    d = ob.get(i).delivery("bo")
    assert rep.targets[0].paused_code == "archive_config" and d.state == "pending"
    assert "token rejected" in d.last_error and "wrong" not in d.last_error
    monkeypatch.setenv("ARCHIVE_HTTP_TOKEN", TOKEN)
    docstore.fail_imports = 2
    rep = run_worker(ob, [http_target(docstore.url, max_attempts=5, threads=1)], once=True)
    d = ob.get(i).delivery("bo")
    assert rep.uploaded == 1 and d.state == "done" and docstore.imports == 1
    # an unreachable store (nothing listening) pauses too
    ((p2, m2),) = docs(1, start=5)
    j = ob.enqueue(p2, m2, ["bo"])
    rep = run_worker(ob, [http_target("http://127.0.0.1:9")], once=True)
    assert rep.targets[0].paused_code == "archive_unavailable"
    assert ob.get(j).delivery("bo").state == "pending"
