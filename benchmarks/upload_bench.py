"""Archive upload throughput: the outbox + worker vs plain boto3 ``put_object``, same run.

    .venv/bin/python benchmarks/upload_bench.py [--n 200] [--size-kb 350] [--threads 4] [--repeat 3]
                                                 [--link 100mbit:5ms]

Starts a real SeaweedFS (``weed mini``) on 127.0.0.1 with free ports, makes N PDFs of realistic
signed-PDF size (incompressible payload), and times, in every round (the order of the timed
variants rotates from round to round so that drift in the machine's load hits each one alike):
  raw-1     plain ``put_object`` of every file, one after the other (one boto3 client, with the
            worker's botocore configuration);
  raw-T     plain ``put_object`` with T threads (same client: the worker's concurrency);
  raw-T+j   the same plus a plain ``put_object`` of a 700-byte JSON object per file: the
            request pattern the issue prescribes (object + JSON sidecar) without any outbox
            work, to separate what the outbox costs from what the storage layout costs;
  raw-T+g   the worker's exact requests made with bare boto3 (conditional PUT with Content-MD5,
            SHA-256 and metadata to the same keys, then the conditional JSON sidecar PUT), no
            outbox: what is left between it and the worker is the outbox's own cost;
  worker    ``run_worker(once=True)`` with T threads on an outbox holding the N files:
            conditional PUT with Content-MD5 + SHA-256 + object metadata, read-back (the server's
            digests from the PUT response, HEAD where it lacks them), JSON sidecar object,
            group-committed SQLite state;
  worker-ns the same without the JSON sidecar object (``sidecar_object = false``).
Not timed: ``Outbox.enqueue`` (private copy + fsync + SQLite; the clerk's click, printed
separately) and creating the boto3 client (once per worker process, like raw's client).
Prints per round and the median / min / max over rounds of the ratios worker/raw-1 and
worker/raw-T (the issue's target is >= 0.9), plus CPU ms per document of this process (the
client) and of the SeaweedFS process (the server), which share this machine's cores.

--link RATE:DELAY (e.g. 100mbit:5ms, 20mbit:15ms) puts an emulated network link between every
client (all raw variants and the workers alike) and SeaweedFS's S3 port: ``linkproxy.py``, a
userspace asyncio TCP proxy on 127.0.0.1 in a separate process, with RATE per direction shared
by all connections and DELAY one-way on every chunk in both directions (RTT = 2 x DELAY); see
its docstring for the exact model. No tc/netem, nothing global. The proxy is stopped at the end
(also on Ctrl-C or an error) and exits by itself if this process dies. Extra columns then: the
proxy's CPU ms per document, the payload rate on the client->server wire, and the p99 lateness
of the proxy's deliveries against the model (small vs DELAY = the proxy kept up). Without
--link nothing changes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digitizer.archive import Outbox, TargetConfig, object_key, run_worker
from digitizer.archive.backends import make_backend
from digitizer.archive.backends.base import sidecar_document
from digitizer.archive.backends.s3 import _b64
from tests.archive.conftest import ACCESS, SECRET, Weed, make_pdf, meta

_TICK = os.sysconf("SC_CLK_TCK")


def _server_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--size-kb", type=int, default=350)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--link",
        default=None,
        help="emulate a link RATE:DELAY, e.g. 100mbit:5ms (RATE per direction, DELAY one-way)",
    )
    args = ap.parse_args()
    if args.link:
        from benchmarks.linkproxy import ProxyProcess, parse_link

        parse_link(args.link)  # a typo fails before SeaweedFS starts
    n, th = args.n, args.threads
    work = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    weed = Weed(work / "weed")
    weed.start()
    os.environ["ARCHIVE_S3_ACCESS_KEY"] = ACCESS
    os.environ["ARCHIVE_S3_SECRET_KEY"] = SECRET
    rounds: list[dict[str, tuple[float, float, float]]] = []
    enq_times: list[float] = []
    proxy = None
    pstats: list[dict[str, dict]] = []  # per round: variant -> proxy stats (with --link)
    try:
        endpoint = weed.endpoint
        if args.link:
            proxy = ProxyProcess(f"127.0.0.1:{weed.s3}", args.link).start()
            endpoint = proxy.endpoint
        files = []
        for i in range(n):
            p = make_pdf(work / f"doc{i:04d}.pdf", f"doc {i}")
            body = p.read_bytes()
            p.write_bytes(
                body[:9]
                + b"%"
                + os.urandom(args.size_kb * 1024).hex().encode()[: args.size_kb * 1024]
                + b"\n"
                + body[9:]
            )
            files.append(p)
        total_mb = sum(f.stat().st_size for f in files) / 1e6
        # raw uses a client with exactly the worker's botocore configuration (pool size, path
        # style, timeouts, no CRC32 of its own: boto3's default would add one and be slower)
        c = make_backend(
            TargetConfig(
                name="raw", kind="s3", endpoint_url=endpoint, bucket="warmup-bench", threads=th
            )
        ).client
        c.create_bucket(Bucket="warmup-bench")
        for f in files[:20]:  # warm the server (volume allocation) before anything is timed
            c.put_object(Bucket="warmup-bench", Key=f.name, Body=f.read_bytes())

        def put(bucket: str, f: Path) -> None:
            c.put_object(Bucket=bucket, Key=f"{uuid.uuid4().hex}/{f.name}", Body=f.read_bytes())

        def raw1(r: int) -> None:
            for f in files:
                put(f"raw1-{r}", f)

        def rawt(r: int) -> None:
            with ThreadPoolExecutor(th) as pool:
                list(pool.map(lambda f: put(f"rawt-{r}", f), files))

        side = b"{" + b" " * 700 + b"}"  # the size of our JSON sidecar documents

        def put2(bucket: str, f: Path) -> None:
            key = f"{uuid.uuid4().hex}/{f.name}"
            c.put_object(Bucket=bucket, Key=key, Body=f.read_bytes())
            c.put_object(Bucket=bucket, Key=key + ".json", Body=side)

        def rawt2(r: int) -> None:
            with ThreadPoolExecutor(th) as pool:
                list(pool.map(lambda f: put2(f"rawj-{r}", f), files))

        # digests known beforehand, as the worker knows them from the enqueue
        shas = [hashlib.sha256(f.read_bytes()).digest() for f in files]
        md5s = [hashlib.md5(f.read_bytes()).digest() for f in files]
        keys = [object_key(meta(i), shas[i].hex()) for i in range(n)]

        def put_guarded(bucket: str, i: int) -> None:
            body = files[i].read_bytes()
            md = {"sha256": shas[i].hex(), "size": str(len(body)), "dossier-code": keys[i][:40]}
            c.put_object(
                Bucket=bucket,
                Key=keys[i],
                Body=body,
                ContentMD5=_b64(md5s[i]),
                ChecksumSHA256=_b64(shas[i]),
                IfNoneMatch="*",
                Metadata=md,
                ContentType="application/pdf",
            )
            doc = sidecar_document(keys[i], shas[i].hex(), len(body), meta(i))
            c.put_object(
                Bucket=bucket,
                Key=keys[i] + ".json",
                Body=doc,
                ContentMD5=_b64(hashlib.md5(doc).digest()),
                ChecksumSHA256=_b64(hashlib.sha256(doc).digest()),
                IfNoneMatch="*",
                ContentType="application/json",
            )

        def rawt3(r: int) -> None:
            with ThreadPoolExecutor(th) as pool:
                list(pool.map(lambda i: put_guarded(f"rawg-{r}", i), range(n)))

        def worker(r: int, sidecar: bool) -> tuple:
            name = f"ob{'s' if sidecar else 'n'}-{r}"
            ob = Outbox(work / name)
            t0 = time.perf_counter()
            for i, f in enumerate(files):
                ob.enqueue(f, meta(i), ["s3"])
            enq_times.append(time.perf_counter() - t0)
            target = TargetConfig(
                name="s3",
                kind="s3",
                endpoint_url=endpoint,
                bucket=name,
                threads=th,
                sidecar_object=sidecar,
            )
            backend = make_backend(target)
            backend.check_reachable()  # creates the client, like raw's (not timed)
            return ob, target, backend

        def run(prepared: tuple) -> None:
            ob, target, backend = prepared
            rep = run_worker(ob, [target], once=True, backends={"s3": backend})
            assert rep.uploaded == n and rep.failed == 0, rep

        for r in range(args.repeat):
            for b in (f"raw1-{r}", f"rawt-{r}", f"rawj-{r}", f"rawg-{r}", f"obs-{r}", f"obn-{r}"):
                c.create_bucket(Bucket=b)
                # a new bucket is a new SeaweedFS collection: its first write allocates volumes
                # (up to ~1 s); pay that before the clock runs, for every variant alike
                c.put_object(Bucket=b, Key="warmup", Body=b"x")
            prep_s, prep_n = worker(r, True), worker(r, False)
            time.sleep(1.0)  # let the enqueue's disk writes settle before anything is timed
            variants = [
                ("raw-1", lambda r=r: raw1(r)),
                (f"raw-{th}", lambda r=r: rawt(r)),
                (f"raw-{th}+j", lambda r=r: rawt2(r)),
                (f"raw-{th}+g", lambda r=r: rawt3(r)),
                ("worker", lambda p=prep_s: run(p)),
                ("worker-ns", lambda p=prep_n: run(p)),
            ]
            k = r % len(variants)
            res: dict[str, tuple[float, float, float]] = {}
            pst: dict[str, dict] = {}
            for name, fn in variants[k:] + variants[:k]:
                if proxy is not None:
                    proxy.stats()  # reset its counters
                    pcpu0 = _server_cpu(proxy.proc.pid)
                cpu0, srv0, t0 = (
                    time.process_time(),
                    _server_cpu(weed.proc.pid),
                    time.perf_counter(),
                )
                fn()
                wall = time.perf_counter() - t0
                res[name] = (wall, time.process_time() - cpu0, _server_cpu(weed.proc.pid) - srv0)
                if proxy is not None:
                    pst[name] = proxy.stats()
                    pst[name]["cpu_s"] = _server_cpu(proxy.proc.pid) - pcpu0
            rounds.append(res)
            pstats.append(pst)
            print(
                f"round {r + 1}: "
                + "  ".join(f"{k2} {v[0]:.2f}s" for k2, v in res.items())
                + f"  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    finally:
        try:
            if proxy is not None:
                proxy.stop()
        finally:
            weed.stop()
            shutil.rmtree(work, ignore_errors=True)

    print(f"\n{n} PDFs of {total_mb / n * 1000:.0f} KB ({total_mb:.1f} MB), {th} threads, ")
    if args.link:
        rate, delay = parse_link(args.link)
        print(
            f"SeaweedFS on 127.0.0.1 behind an emulated link {args.link} ({rate / 1e6:g} Mbit/s"
            f" = {rate / 8e6:.2f} MB/s per direction, RTT {2 * delay * 1000:g} ms),"
            f" {len(rounds)} rounds; median [min-max]"
        )
    else:
        print(f"SeaweedFS on 127.0.0.1, {len(rounds)} rounds; median [min-max]")
    names = ["raw-1", f"raw-{th}", f"raw-{th}+j", f"raw-{th}+g", "worker", "worker-ns"]
    print(
        f"{'variant':10} {'s':>18} {'MB/s':>7} {'client CPU ms/doc':>18} {'server CPU ms/doc':>18}"
    )
    for name in names:
        walls = [rd[name][0] for rd in rounds]
        ccpu = statistics.median(rd[name][1] for rd in rounds) * 1000 / n
        scpu = statistics.median(rd[name][2] for rd in rounds) * 1000 / n
        med = statistics.median(walls)
        line = (
            f"{name:10} {med:6.2f} [{min(walls):.2f}-{max(walls):.2f}] {total_mb / med:7.1f}"
            f" {ccpu:18.1f} {scpu:18.1f}"
        )
        if args.link:
            ps = [p[name] for p in pstats]
            pcpu = statistics.median(p["cpu_s"] for p in ps) * 1000 / n
            wire = statistics.median(
                p["up"]["bytes"] / rd[name][0] / 1e6 for p, rd in zip(ps, rounds, strict=True)
            )
            late = max(max(p["up"]["late_ms_p99"], p["down"]["late_ms_p99"]) for p in ps)
            conns = max(p["connections"] for p in ps)
            line += (
                f"   proxy CPU {pcpu:4.1f} ms/doc, up {wire:5.2f} MB/s, late p99 <= {late:.1f} ms"
            )
            line += f", {conns} new conns"
        print(line)
    print(
        f"enqueue    {statistics.median(enq_times):6.2f} s (private copy + fsync + SQLite, not timed)"
    )
    for w, bases in (
        ("worker", ("raw-1", f"raw-{th}", f"raw-{th}+j", f"raw-{th}+g")),
        ("worker-ns", ("raw-1", f"raw-{th}")),
    ):
        for base in bases:
            ratios = [rd[base][0] / rd[w][0] for rd in rounds]
            print(
                f"ratio {w:9}/{base:8} {statistics.median(ratios):5.2f}x"
                f"  [{min(ratios):.2f}-{max(ratios):.2f}]  per round: "
                + " ".join(f"{x:.2f}" for x in ratios)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
