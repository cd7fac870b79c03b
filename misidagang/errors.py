"""The one refusal type. A service that refuses an action (bad input, a rule of the house)
raises a subclass of `Refused`; the API answers every one with 422 (api/urls.py) and views put it
on their form with `refusal_on_form`. Ground floor: imports nothing of ours."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class Refused(ValidationError):
    """An action refused, with a translated message or `{field: [messages]}`.

    `summary` is the API's `detail` when the refusal names fields (each app may set its own)."""

    summary: Any = None

    @property
    def errors(self) -> dict[str, list[str]]:
        """Field errors; a refusal without fields gives them under `__all__`."""
        if hasattr(self, "error_dict"):
            return self.message_dict
        return {"__all__": self.messages}

    def answer(self) -> dict[str, Any]:
        """The JSON body of the API's 422."""
        if hasattr(self, "error_dict"):
            detail = self.summary or " ".join(self.messages)
            return {"detail": str(detail), "errors": self.message_dict}
        return {"detail": " ".join(self.messages)}


def refusal_messages(request: Any, exc: ValidationError) -> None:
    """Show a refusal as error messages on the next page (for actions without a form)."""
    from django.contrib import messages

    messages.error(request, " ".join(exc.messages))


def refusal_on_form(form: Any, exc: ValidationError) -> None:
    """Put a refusal on a Django form: named fields the form has on those fields, the rest on
    the form as a whole."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
