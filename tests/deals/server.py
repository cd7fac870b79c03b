"""Start a real uvicorn app process for a test (SSE needs ASGI; pytest-django's live_server
is a threaded WSGI server)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "misidagang.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout


@contextlib.contextmanager
def uvicorn_server(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [
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
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/api/v1/missions", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise RuntimeError("uvicorn did not start: " + err[-2000:]) from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def app_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "misidagang.settings", **extra})
    return env


class SSE:
    """A minimal Server-Sent Events reader on a raw socket."""

    def __init__(self, base: str, path: str, last_event_id: str = "") -> None:
        host, port = base.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=10)
        extra = f"Last-Event-ID: {last_event_id}\r\n" if last_event_id else ""
        self.sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
            f"Accept: text/event-stream\r\n{extra}\r\n".encode()
        )
        self.buf = b""
        head = self._until(b"\r\n\r\n", 10)
        self.status = int(head.split(b" ", 2)[1])

    def _until(self, sep: bytes, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        while sep not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(left)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("stream closed")
            self.buf += chunk
        part, self.buf = self.buf.split(sep, 1)
        return part

    def event(self, timeout: float = 5) -> dict[str, str]:
        """The next event with data (chunk-size lines of chunked encoding are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            block = self._until(b"\n\n", max(0.01, deadline - time.monotonic()))
            fields: dict[str, str] = {}
            for line in block.decode().splitlines():
                name, sep, value = line.partition(": ")
                if sep and name in ("id", "data"):
                    fields[name] = value
            if "data" in fields:
                return fields

    def close(self) -> None:
        self.sock.close()
