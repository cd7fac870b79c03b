"""What every channel's transport does: send one outbox row, or say why it could not."""

from __future__ import annotations

from types import TracebackType
from typing import Any


class TransportError(Exception):
    """Sending failed. `permanent` failures (an invalid number, a refused address) are not
    retried; the others are, with backoff."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent


class Transport:
    """Send rows of one channel. Used as a context manager around a batch, so a transport can
    keep one connection open for many rows (SMTP)."""

    channel = ""

    def __enter__(self) -> Transport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def send(self, row: Any) -> str:
        """Send the row; return the provider's message id ("" when there is none)."""
        raise NotImplementedError

    @classmethod
    def is_on(cls) -> bool:
        return True
