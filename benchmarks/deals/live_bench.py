"""Live total under load: N open live screens on 2 uvicorn app processes (PostgreSQL), while
deals are POSTed at a steady rate to both processes alternately.

Measures the delay from commit to screen (screen receive time minus the deal's `recorded_at`,
which the server stamps just before its commit: an upper bound by a few ms) on a sample of
screens, and the deal POST latency. Loopback only; bounded in count and time.

    .venv/bin/python benchmarks/deals/live_bench.py --screens 1000 --rate 20 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432/"
IDS = re.compile(rb'\{"id":(\d+)')


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "misidagang.cli", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = int(re.search(rb"(?i)content-length: (\d+)", head).group(1))  # type: ignore[union-attr]
    return status, await reader.readexactly(length)


class Screen:
    def __init__(self, port: int, mission: int, measured: bool) -> None:
        self.port, self.mission, self.measured = port, mission, measured
        self.seen: dict[int, float] = {}
        self.events = 0
        self.bytes = 0
        self.ok = False
        self.ready = asyncio.Event()  # set on the first event: the screen is open and has state

    async def run(self, stop: asyncio.Event) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port, limit=2**20)
        writer.write(
            f"GET /missions/{self.mission}/live/stream HTTP/1.1\r\nHost: localhost\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        self.ok = b" 200 " in head.split(b"\r\n", 1)[0]
        tail = b""
        try:
            while not stop.is_set():
                chunk = await reader.read(65536)
                if not chunk:
                    break
                now = time.time()
                self.bytes += len(chunk)
                events = chunk.count(b"\ndata: ")
                self.events += events
                if events:
                    self.ready.set()
                if self.measured:  # a ticker row split across two reads is still found
                    for deal_id in IDS.findall(tail + chunk):
                        self.seen.setdefault(int(deal_id), now)
                    tail = chunk[-64:]
        finally:
            self.ready.set()
            writer.close()


async def poster(
    ports: list[int],
    mission: int,
    token: str,
    body: dict,
    rate: float,  # type: ignore[type-arg]
    seconds: float,
    out: list[tuple[int, float, float, int]],
) -> None:
    conns = [await asyncio.open_connection("127.0.0.1", ports[i % len(ports)]) for i in range(8)]
    free: asyncio.Queue[int] = asyncio.Queue()
    for i in range(len(conns)):
        free.put_nowait(i)
    start = time.monotonic()

    async def one(n: int) -> None:
        slot = await free.get()
        reader, writer = conns[slot]
        payload = json.dumps({**body, "value_idr": 1_000_000 + n}).encode()
        writer.write(
            f"POST /api/v1/missions/{mission}/deals HTTP/1.1\r\nHost: localhost\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Idempotency-Key: bench-{os.getpid()}-{n}\r\nContent-Length: {len(payload)}\r\n"
            "\r\n".encode()
            + payload
        )
        t0 = time.monotonic()
        await writer.drain()
        status, data = await read_response(reader)
        latency = time.monotonic() - t0
        free.put_nowait(slot)
        deal = json.loads(data) if status in (200, 201) else {}
        recorded = datetime.fromisoformat(deal["recorded_at"]).timestamp() if deal else 0.0
        out.append((deal.get("id", -1), recorded, latency, status))

    tasks = []
    for n in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, start + n / rate - time.monotonic()))
        tasks.append(asyncio.create_task(one(n)))
    await asyncio.gather(*tasks)
    for _reader, writer in conns:
        writer.close()


async def bench(
    args: argparse.Namespace,
    ports: list[int],
    pids: list[int],
    mission: int,
    token: str,
    body: dict,  # type: ignore[type-arg]
) -> dict:  # type: ignore[type-arg]
    stop = asyncio.Event()
    screens = [
        Screen(ports[i % 2], mission, measured=i % args.sample_every == 0)
        for i in range(args.screens)
    ]
    tasks = []
    opening = time.monotonic()
    for i, screen in enumerate(screens):
        tasks.append(asyncio.create_task(screen.run(stop)))
        if i % 50 == 49:
            await asyncio.sleep(0.2)  # open the screens over a few seconds
    # Posting starts once every screen is open and has had its first (whole-state) event.
    await asyncio.wait_for(
        asyncio.gather(*(s.ready.wait() for s in screens)), timeout=args.open_timeout
    )
    open_s = time.monotonic() - opening
    opened = [s for s in screens if s.ok and s.events]
    cpu_before = [cpu_seconds(pid) for pid in pids]
    load_before = os.getloadavg()
    posts: list[tuple[int, float, float, int]] = []
    await poster(ports, mission, token, body, args.rate, args.seconds, posts)
    await asyncio.sleep(3)  # let the last events arrive
    cpu_used = [round(cpu_seconds(pid) - b, 1) for pid, b in zip(pids, cpu_before, strict=True)]
    load_after = os.getloadavg()
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    delays, missing = [], 0
    measured = [s for s in opened if s.measured]  # only screens open before posting began
    for deal_id, recorded, _lat, status in posts:
        if status not in (200, 201):
            continue
        for s in measured:
            if deal_id in s.seen:
                delays.append(s.seen[deal_id] - recorded)
            else:
                missing += 1
    latencies = [lat for *_x, lat, _s in posts]
    return {
        "screens_open": len(opened),
        "seconds_to_open_all": round(open_s, 1),
        "load_avg_1m_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
        "app_cpu_seconds_while_posting": cpu_used,
        "screens_measured": len(measured),
        "deals_posted": len(posts),
        "post_errors": sum(1 for *_x, st in posts if st not in (200, 201)),
        "post_p50_ms": round(1000 * pct(latencies, 0.5), 1),
        "post_p95_ms": round(1000 * pct(latencies, 0.95), 1),
        "post_max_ms": round(1000 * max(latencies), 1),
        "delay_p50_ms": round(1000 * pct(delays, 0.5), 1),
        "delay_p95_ms": round(1000 * pct(delays, 0.95), 1),
        "delay_max_ms": round(1000 * max(delays), 1) if delays else None,
        "delay_mean_ms": round(1000 * statistics.fmean(delays), 1) if delays else None,
        "deliveries_measured": len(delays),
        "deliveries_missing_from_ticker": missing,
        "events_received_total": sum(s.events for s in screens),
        "bytes_received_total": sum(s.bytes for s in screens),
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_ready(ports: list[int], timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    for port in ports:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/missions", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screens", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sample-every", type=int, default=10)
    parser.add_argument("--db", default="md_deals_bench")
    parser.add_argument("--open-timeout", type=float, default=180)
    parser.add_argument(
        "--pin",
        action="store_true",
        help="load client on CPU 0, both app processes on CPU 1 (PostgreSQL is not pinned)",
    )
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": PG + args.db,
        "DJANGO_SETTINGS_MODULE": "misidagang.settings",
    }
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {args.db}"],
        check=True,
    )
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {args.db}"],
        check=True,
    )
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "loaddemo")
    token = manage(env, "createtoken", "clerk").strip()
    info = json.loads(
        manage(
            env,
            "shell",
            "-c",
            (
                "import json; from misidagang.missions.models import Mission, Participant as P; "
                "m = Mission.objects.get(is_historical=False); "
                "s = P.objects.filter(mission=m, side='delegation').first().business_id; "
                "b = P.objects.filter(mission=m, side='host').first().business_id; "
                "print(json.dumps([m.pk, s, b]))"
            ),
        )
        .strip()
        .splitlines()[-1]
    )
    mission, seller, buyer = info
    body = {
        "seller_id": seller,
        "buyer_id": buyer,
        "direction": "jual",
        "hs": "0901",
        "commodity": "Kopi robusta",
        "quantity": 1,
        "unit": "ton",
        "stage": "komitmen",
    }
    ports = [8071, 8072]
    pin = ["taskset", "-c", "1"] if args.pin else []
    if args.pin:
        os.sched_setaffinity(0, {0})
    servers = [
        subprocess.Popen(
            [
                *pin,
                sys.executable,
                "-m",
                "uvicorn",
                "misidagang.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--backlog",
                "4096",
            ],
            env=env,
            cwd=ROOT,
        )
        for port in ports
    ]
    try:
        wait_ready(ports)
        pids = [server.pid for server in servers]
        result = asyncio.run(bench(args, ports, pids, mission, token, body))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)
    result.update(
        screens=args.screens,
        rate=args.rate,
        seconds=args.seconds,
        pinned=args.pin,
        db_pool=os.environ.get("DB_POOL", "1") != "0",
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
