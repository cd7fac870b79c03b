"""Real local servers for the transports: an SMTP server (aiosmtpd) and a stand-in of the
WhatsApp Cloud API that checks each request's shape and token. Nothing leaves the machine."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from misidagang.notify.services import consent_set

TOKEN = "test-token"
PHONE_ID = "1234567890"
VERSION = "v21.0"
INVALID = "628000000000"  # the stand-in answers "not a WhatsApp number" (131026)
BUSY = "628999999999"  # the stand-in answers 503 (try again)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


@pytest.fixture
def smtp(settings):
    """An SMTP server on a free local port; Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


class CloudAPI(BaseHTTPRequestHandler):
    seen: list[dict[str, Any]]

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        raw = self.rfile.read(length)
        problems = []
        if self.path != f"/{VERSION}/{PHONE_ID}/messages":
            problems.append(f"path {self.path}")
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._answer(401, {"error": {"code": 190, "message": "Invalid OAuth token"}})
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            problems.append("content type")
        try:
            body = json.loads(raw)
        except ValueError:
            body = {}
            problems.append("not JSON")
        template = body.get("template", {})
        if body.get("messaging_product") != "whatsapp" or body.get("type") != "template":
            problems.append("not a template message")
        if not template.get("name") or not template.get("language", {}).get("code"):
            problems.append("template name/language")
        params = [
            p
            for c in template.get("components", [])
            if c.get("type") == "body"
            for p in c.get("parameters", [])
        ]
        if not params or any(p.get("type") != "text" or not p.get("text") for p in params):
            problems.append("body parameters")
        self.seen.append(body)
        if problems:
            return self._answer(400, {"error": {"code": 100, "message": "; ".join(problems)}})
        if body.get("to") == INVALID:
            return self._answer(
                400, {"error": {"code": 131026, "message": "Message undeliverable"}}
            )
        if body.get("to") == BUSY:
            return self._answer(503, {"error": {"code": 2, "message": "Service unavailable"}})
        n = len(self.seen)
        self._answer(
            200,
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                "messages": [{"id": f"wamid.TEST{n}"}],
            },
        )


@pytest.fixture
def cloud_api(settings):
    """The stand-in, with the settings pointing at it; `.seen` holds the request bodies."""
    handler = type("Handler", (CloudAPI,), {"seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WHATSAPP_TOKEN = TOKEN
    settings.WHATSAPP_PHONE_NUMBER_ID = PHONE_ID
    settings.WHATSAPP_API_URL = f"http://127.0.0.1:{server.server_address[1]}/{VERSION}"
    settings.WHATSAPP_APP_SECRET = "app-secret"
    yield handler
    server.shutdown()
    server.server_close()


@pytest.fixture
def opted_in(world):
    """Both world businesses' numbers opted in to WhatsApp."""
    world.pempek.normalise_phone()
    world.pempek.save()
    for b in (world.kopi, world.pempek):
        consent_set(channel="whatsapp", address=b.whatsapp, opted_in=True, source="test")
    return world
