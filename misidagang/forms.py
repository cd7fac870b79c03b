"""Form pieces every app shares. Ground floor: imports only money.

`RupiahField` is the one field for an amount of Rupiah: it takes what people type ("500 jt",
"1,5 M", "Rp1.500.000", "12.000.000") through `money.parse_idr`, and its widget reads the value
back in digits and words as it is typed (htmx, `/amount/`), so no Rupiah field of the product
takes digits only or says something different from the others."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from misidagang.money import AmountError, parse_idr, thousands


class RupiahInput(forms.TextInput):
    """A text box (letters are needed for "jt" and "M") that asks the server to read the amount
    back. Its echo sits right under it, unless `hx-target` names another place."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "text", "autocomplete": "off", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        a = context["widget"]["attrs"]
        a.setdefault("hx-get", reverse("amount_echo"))
        a.setdefault("hx-trigger", "input changed delay:150ms, load")
        a.setdefault("data-rupiah", "1")
        context["widget"]["own_echo"] = "hx-target" not in a
        if context["widget"]["own_echo"]:
            a["hx-target"] = "next .amount-echo"
        return context

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        html = super().render(name, value, attrs, renderer)
        if "hx-target" in self.attrs or "hx-target" in (attrs or {}):
            return html
        return format_html(
            '{}<div class="amount-echo small" aria-live="polite" data-testid="amount-echo-{}">'
            "</div>",
            html,
            name,
        )


class RupiahField(forms.CharField):
    """An amount typed as people type it; the value is whole Rupiah (int) or None."""

    widget = RupiahInput

    def __init__(self, *, min_value: int | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        self.min_value = min_value
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return thousands(value)
        return value

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(value or "").strip()
        if not text:
            return None
        try:
            amount = parse_idr(text)
        except AmountError as err:
            raise forms.ValidationError(err.message, code=err.code) from None
        if self.min_value is not None and amount < self.min_value:
            raise forms.ValidationError(
                _("Paling sedikit %(min)s.") % {"min": "Rp " + thousands(self.min_value)},
                code="min_value",
            )
        return amount
