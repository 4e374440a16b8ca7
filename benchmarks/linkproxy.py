"""A userspace TCP proxy that emulates a network link (bandwidth + latency), for benchmarks.

    python benchmarks/linkproxy.py --target 127.0.0.1:8333 --rate 100mbit --delay 5ms

Listens on 127.0.0.1 on an ephemeral port (printed as ``PORT <n>`` on stdout) and forwards every
accepted connection to ``--target``. No ``tc``/netem, no namespaces, no global network setting:
only this process's own sockets on the loopback interface.

The link model, per direction (client->server and server->client are independent, full duplex):
  * bandwidth: one wire of ``rate`` bits/s shared by ALL connections in that direction. A chunk
    (<= 16 KiB, as read from the sending socket) occupies the wire for len*8/rate seconds, in
    the order the chunks were read (a FIFO serialiser: the shared token bucket with no burst
    allowance). Each connection may have at most 64 KiB queued for the wire (the bottleneck's
    buffer: it keeps the wire busy across this process's timer wake-up jitter); beyond that the
    proxy stops reading that connection, its kernel socket buffers fill and TCP flow control
    pushes back on the sender, as at a real bottleneck.
  * latency: a chunk is written to the receiving socket no earlier than the end of its
    serialisation + ``delay`` (one-way propagation delay; RTT = 2 x delay). Data keeps its order
    within a connection; while it propagates the wire already carries the next chunks (the
    link holds up to rate x delay bytes in flight, as a real one does).
  * connection set-up: the first client bytes are forwarded no earlier than accept + 2 x delay
    (the SYN / SYN-ACK round trip), so the first request on a new connection costs 1.5 RTT
    before it reaches the server, as on a real link; kept-alive connections pay it once.
  Not modelled: loss, jitter, TCP slow start / congestion control (each connection may use the
  whole bandwidth at once), a router queue deeper than one chunk per active connection. The
  link is therefore ideal (optimistic) for every client alike.

Control: the proxy exits when its stdin reaches EOF (its parent closed the pipe or died), so it
cannot outlive the benchmark. A line ``stats`` on stdin makes it print one JSON line with the
bytes carried per direction and how late (vs the model) chunks were delivered since the last
``stats``: lateness well below the delay means the proxy itself was not the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys

CHUNK = 16 * 1024
BACKLOG = 64 * 1024  # per connection: bytes it may have queued at the bottleneck (router buffer)
QUEUE_CHUNKS = 64  # per connection and direction: delivered-but-not-yet-written backlog cap


def parse_rate(text: str) -> float:
    """'100mbit' -> bits/s. Units kbit, mbit, gbit (decimal), or bit."""
    m = re.fullmatch(r"\s*([0-9.]+)\s*(k|m|g)?bit\s*", text.lower())
    if not m:
        raise ValueError(f"bad rate {text!r} (e.g. 100mbit, 512kbit)")
    return float(m.group(1)) * {None: 1, "k": 1e3, "m": 1e6, "g": 1e9}[m.group(2)]


def parse_delay(text: str) -> float:
    """'5ms' -> seconds. Units us, ms, s."""
    m = re.fullmatch(r"\s*([0-9.]+)\s*(us|ms|s)\s*", text.lower())
    if not m:
        raise ValueError(f"bad delay {text!r} (e.g. 5ms)")
    return float(m.group(1)) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[m.group(2)]


def parse_link(text: str) -> tuple[float, float]:
    """'100mbit:5ms' -> (bits/s, one-way delay s)."""
    rate, _, delay = text.partition(":")
    return parse_rate(rate), parse_delay(delay or "0ms")


class Wire:
    """One direction of the link: a FIFO serialiser at ``rate`` bytes/s shared by all
    connections, plus counters."""

    def __init__(self, rate_bps: float):
        self.byte_time = 8.0 / rate_bps
        self.free_at = 0.0
        self.bytes = 0
        self.busy = 0.0
        self.late: list[float] = []

    def reserve(self, now: float, n: int) -> float:
        """Book the wire for n bytes; returns when their last bit has left."""
        start = max(now, self.free_at)
        self.free_at = start + n * self.byte_time
        self.bytes += n
        self.busy += n * self.byte_time
        return self.free_at


class LinkProxy:
    def __init__(self, target: tuple[str, int], rate_bps: float, delay: float):
        self.target = target
        self.delay = delay
        self.up = Wire(rate_bps)  # client -> server
        self.down = Wire(rate_bps)  # server -> client
        self.conns = 0
        self.tasks: set[asyncio.Task] = set()

    async def _pump(
        self,
        src: asyncio.StreamReader,
        dst: asyncio.StreamWriter,
        wire: Wire,
        start_at: float,
    ) -> None:
        loop = asyncio.get_running_loop()
        q: asyncio.Queue = asyncio.Queue(QUEUE_CHUNKS)

        async def deliver() -> None:
            while True:
                at, data = await q.get()
                wait = at - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                wire.late.append(max(0.0, loop.time() - at))
                if data is None:
                    if dst.can_write_eof():
                        dst.write_eof()
                    return
                dst.write(data)
                await dst.drain()

        writer = asyncio.ensure_future(deliver())
        try:
            wait = start_at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            while True:
                data = await src.read(CHUNK)
                if not data:
                    await q.put((max(loop.time(), wire.free_at) + self.delay, None))
                    break
                done = wire.reserve(loop.time(), len(data))
                await q.put((done + self.delay, data))
                # the sender waits while its data queued at the bottleneck exceeds BACKLOG
                wait = done - BACKLOG * wire.byte_time - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
            await writer
        finally:
            if not writer.done():
                writer.cancel()

    async def handle(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        accepted = loop.time()
        self.conns += 1
        s_writer = None
        try:
            s_reader, s_writer = await asyncio.open_connection(*self.target)
            for w in (c_writer, s_writer):
                sock = w.get_extra_info("socket")
                if sock is not None:
                    import socket

                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            await asyncio.gather(
                self._pump(c_reader, s_writer, self.up, accepted + 2 * self.delay),
                self._pump(s_reader, c_writer, self.down, 0.0),
            )
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            pass
        finally:
            for w in (c_writer, s_writer):
                if w is not None:
                    w.close()

    def stats(self) -> dict:
        out: dict = {"connections": self.conns}
        for name, w in (("up", self.up), ("down", self.down)):
            late = sorted(w.late)

            def pick(q: float, late: list[float] = late) -> float:
                return round(late[min(len(late) - 1, int(q * len(late)))] * 1000, 3)

            out[name] = {
                "bytes": w.bytes,
                "busy_s": round(w.busy, 3),
                "chunks": len(late),
                "late_ms_p50": pick(0.5) if late else 0.0,
                "late_ms_p99": pick(0.99) if late else 0.0,
                "late_ms_max": round(late[-1] * 1000, 3) if late else 0.0,
            }
            w.bytes, w.busy, w.late = 0, 0.0, []
        self.conns = 0
        return out


async def amain(args: argparse.Namespace) -> None:
    host, _, port = args.target.rpartition(":")
    proxy = LinkProxy(
        (host or "127.0.0.1", int(port)), parse_rate(args.rate), parse_delay(args.delay)
    )

    def track(reader, writer):
        t = asyncio.ensure_future(proxy.handle(reader, writer))
        proxy.tasks.add(t)
        t.add_done_callback(proxy.tasks.discard)

    server = await asyncio.start_server(track, "127.0.0.1", 0, backlog=128)
    port_n = server.sockets[0].getsockname()[1]
    print(f"PORT {port_n}", flush=True)
    loop = asyncio.get_running_loop()
    stdin = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
    while True:
        line = await stdin.readline()
        if not line:  # parent gone or closed the pipe: stop
            break
        if line.strip() == b"stats":
            print(json.dumps(proxy.stats()), flush=True)
    server.close()
    for t in list(proxy.tasks):
        t.cancel()


class ProxyProcess:
    """Runs this module in a separate process (own interpreter, own GIL) for the caller.

    ``with ProxyProcess("127.0.0.1:8333", "100mbit:5ms") as p: ... p.endpoint ...``; stop() is
    idempotent and also runs on Ctrl-C / exceptions through the ``with``; should the caller die
    without it, the proxy sees EOF on its stdin and exits by itself."""

    def __init__(self, target: str, link: str):
        self.target = target
        self.rate, self.delay = parse_link(link)  # validate before starting anything
        self.link = link
        self.proc = None
        self.port = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ProxyProcess:
        import subprocess

        self.proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--target",
                self.target,
                "--rate",
                f"{self.rate:.0f}bit",
                "--delay",
                f"{self.delay * 1e6:.0f}us",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,  # the terminal's Ctrl-C goes to the caller, who stops us
        )
        try:
            line = self.proc.stdout.readline().decode()
            if not line.startswith("PORT "):
                raise RuntimeError(f"link proxy did not start: {line!r}")
            self.port = int(line.split()[1])
        except BaseException:
            self.stop()
            raise
        return self

    def stats(self) -> dict:
        self.proc.stdin.write(b"stats\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def stop(self) -> None:
        import subprocess

        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        try:
            proc.stdin.close()  # EOF: the proxy stops by itself
            proc.wait(3)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:  # also when a second Ctrl-C lands here: never leave it running
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", required=True, help="host:port to forward to")
    ap.add_argument("--rate", required=True, help="bandwidth per direction, e.g. 100mbit")
    ap.add_argument("--delay", required=True, help="one-way delay, e.g. 5ms (RTT = 2x)")
    args = ap.parse_args()
    try:
        asyncio.run(amain(args))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
