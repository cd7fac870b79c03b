"""A stand-in that writes the message to the console instead of sending it: WhatsApp in the
demo when WHATSAPP_CONSOLE=1 and no Cloud API is configured."""

from __future__ import annotations

import sys
import uuid
from typing import Any

from misidagang.notify import kinds, render
from misidagang.notify.transports.base import Transport


class Console(Transport):
    channel = "console"
    stream = sys.stdout

    def send(self, row: Any) -> str:
        written = render.write(row, html=False)
        kind = kinds.REGISTRY.get(row.kind)
        template = kind.whatsapp_template if kind else row.kind
        variables = kind.whatsapp(row.context) if kind and kind.whatsapp else []
        self.stream.write(
            f"--- {row.channel} to {row.address} ({row.language}) template {template} "
            f"{variables}\n{written.text}---\n"
        )
        self.stream.flush()
        return f"console-{uuid.uuid4().hex[:12]}"
