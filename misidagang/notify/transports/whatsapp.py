"""WhatsApp through the WhatsApp Business Cloud API: an approved template message with its
variables, `POST {WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages` with the Bearer token
(as healthchecks' hc/integrations/whatsapp/transport.py sends one message per notification).
An invalid or unreachable number is a permanent failure; rate limits and server errors are
retried."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

from misidagang.notify import kinds, render
from misidagang.notify.transports.base import Transport, TransportError

# Cloud API error codes that will not get better by retrying the same number or template.
PERMANENT = {
    100,  # invalid parameter (a malformed number)
    131008,  # required parameter missing
    131009,  # parameter value not valid
    131021,  # recipient cannot be the sender
    131026,  # message undeliverable: not a WhatsApp number
    131030,  # recipient not in the allowed list
    131047,  # re-engagement window
    131051,  # unsupported message type
    132000,  # template parameter count mismatch
    132001,  # template does not exist
    133010,  # phone number not registered
}
TIMEOUT_S = 15


def message(row: Any) -> dict[str, Any]:
    """The request body for a row: its kind's template, in its language, with its variables."""
    kind = kinds.get(row.kind)
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": row.address,
        "type": "template",
        "template": {
            "name": kind.whatsapp_template,
            "language": {"code": "id" if row.language == "id" else "en"},
            "components": [
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": v[:1000]} for v in render.whatsapp_variables(row)
                    ],
                }
            ],
        },
    }


class WhatsApp(Transport):
    channel = "whatsapp"

    @classmethod
    def is_on(cls) -> bool:
        return bool(settings.WHATSAPP_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID)

    def send(self, row: Any) -> str:
        url = (
            f"{settings.WHATSAPP_API_URL.rstrip('/')}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"
        )
        request = urllib.request.Request(  # noqa: S310 - the configured Cloud API address
            url,
            data=json.dumps(message(row)).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {settings.WHATSAPP_TOKEN}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
                body = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            raise self._error(exc) from exc
        except (OSError, ValueError) as exc:
            raise TransportError(f"WhatsApp: {exc}") from exc
        try:
            return str(body["messages"][0]["id"])
        except (KeyError, IndexError, TypeError):
            raise TransportError(f"WhatsApp: unexpected answer {body!r:.200}") from None

    @staticmethod
    def _error(exc: urllib.error.HTTPError) -> TransportError:
        try:
            error = json.loads(exc.read() or b"{}").get("error", {})
        except ValueError:
            error = {}
        code = error.get("code")
        text = error.get("message") or exc.reason
        permanent = code in PERMANENT or (exc.code in (400, 404) and code is None)
        if exc.code in (401, 403):
            permanent = False  # a wrong or expired token: fix the settings, the rows wait
        return TransportError(f"WhatsApp {exc.code} ({code}): {text}", permanent=permanent)
