import os

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve the app with uvicorn (ASGI: pages, API and live streams). PORT, HOST, WORKERS env."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "1")))

    def handle(self, *args: object, host: str, port: int, workers: int, **options: object) -> None:
        import uvicorn

        self.stdout.write(f"misidagang: http://{host}:{port}/")
        uvicorn.run(
            "misidagang.asgi:application",
            host=host,
            port=port,
            workers=workers,
            log_level=os.environ.get("UVICORN_LOG_LEVEL", "warning"),
            proxy_headers=True,
        )
