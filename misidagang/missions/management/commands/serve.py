import os
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve the app with uvicorn (ASGI: pages, API and live streams). PORT, HOST, WORKERS env."
        " With --with-worker, one background worker runs beside it and stops with it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "1")))
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="Also run `misidagang worker` as a child process (the demo does).",
        )

    def handle(
        self, *args: object, host: str, port: int, workers: int, with_worker: bool, **options
    ) -> None:
        import uvicorn

        child = self._start_worker() if with_worker else None
        self.stdout.write(f"misidagang: http://{host}:{port}/")
        try:
            uvicorn.run(
                "misidagang.asgi:application",
                host=host,
                port=port,
                workers=workers,
                log_level=os.environ.get("UVICORN_LOG_LEVEL", "warning"),
                proxy_headers=True,
            )
        finally:
            if child is not None:
                self._stop_worker(child)

    def _start_worker(self) -> subprocess.Popen:
        child = subprocess.Popen(
            [sys.executable, "-m", "misidagang.cli", "worker", "--verbosity", "0"],
            env=os.environ.copy(),
        )
        self.stdout.write(f"misidagang: background worker running (pid {child.pid})")
        return child

    def _stop_worker(self, child: subprocess.Popen) -> None:
        """Ctrl-C reaches the worker too (same process group); SIGTERM covers the rest. It
        finishes its current job, or is killed after 10 s (its job then runs again later)."""
        if child.poll() is None:
            child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        self.stdout.write("misidagang: background worker stopped")
