"""`{{ reason|reason }}`: an engine reason in the reader's language (matching/reasons.py)."""

from django import template

from misidagang.matching.reasons import translate_reason

register = template.Library()


@register.filter
def reason(text: str) -> str:
    return translate_reason(str(text))
