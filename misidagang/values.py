"""Validated values onto a model instance: what every `*_save(**values)` service does first.
Ground floor: imports nothing of ours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models


def assign(obj: models.Model, values: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Set the model fields named in `values` (as a ModelForm's cleaned_data gives them: objects
    for foreign keys, an upload or False for a file). Returns the names whose value changed,
    sorted (for the audit log), and the many-to-many values, which can only be set once the
    object is saved (`assign_many`)."""
    changed: list[str] = []
    many: dict[str, Any] = {}
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
            continue
        assert isinstance(field, models.Field)
        before = field.value_from_object(obj)
        field.save_form_data(obj, value)
        if field.value_from_object(obj) != before or isinstance(field, models.FileField) and value:
            changed.append(name)
    return sorted(changed + list(many)), many


def assign_many(obj: models.Model, many: Mapping[str, Any]) -> None:
    for name, value in many.items():
        getattr(obj, name).set(value)
