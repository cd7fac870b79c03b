"""E-mail through Django's mail backend (SMTP from the EMAIL_* settings; the console in the
demo when none is set): subject, text and HTML from the kind's templates, attachments (an
agenda's .ics) from the kind."""

from __future__ import annotations

import contextlib
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from misidagang.notify import kinds, render
from misidagang.notify.transports.base import Transport, TransportError


class Email(Transport):
    channel = "email"

    def __init__(self) -> None:
        self.connection: Any = None

    def __enter__(self) -> Email:
        self.connection = get_connection(fail_silently=False)
        try:
            self.connection.open()
        except (OSError, smtplib.SMTPException) as exc:
            self.connection = None
            raise TransportError(f"SMTP: {exc}") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        if self.connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None

    def send(self, row: Any) -> str:
        written = render.write(row)
        msg = EmailMultiAlternatives(
            subject=written.subject,
            body=written.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[row.address],
            connection=self.connection,
            headers={"List-Unsubscribe": f"<{render.stop_url('email', row.address)}>"},
        )
        msg.attach_alternative(written.html, "text/html")
        kind = kinds.REGISTRY.get(row.kind)
        if kind is not None and kind.attachments is not None:
            for name, content, mimetype in kind.attachments(row.context):
                msg.attach(name, content, mimetype)
        try:
            msg.send()
        except smtplib.SMTPRecipientsRefused as exc:
            raise TransportError(f"SMTP refused {row.address}: {exc}", permanent=True) from exc
        except smtplib.SMTPResponseException as exc:
            # 5xx: the server will never take this message; 4xx: try again later.
            raise TransportError(
                f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=500 <= exc.smtp_code < 600
            ) from exc
        except (OSError, smtplib.SMTPException) as exc:
            if self.connection is not None:  # a broken connection: reopen for the next row
                self.__exit__()
                self.__enter__()
            raise TransportError(f"SMTP: {exc}") from exc
        return ""
