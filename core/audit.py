"""The audit trail: one function every workflow calls when something changes."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import AuditEvent


def record(
    obj: models.Model,
    action: str,
    *,
    by=None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Record that `by` did `action` to `obj`. `changes` maps field name to (before, after)."""
    actor = by if getattr(by, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor.email if actor else "system",
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes={field: [_plain(before), _plain(after)] for field, (before, after) in (changes or {}).items()},
        reason=reason,
    )


def changed_fields(before: models.Model | dict, after: models.Model, fields: list[str]) -> dict:
    """The (before, after) pairs for the fields that differ, ready for `record`."""
    result = {}
    for field in fields:
        old = before.get(field) if isinstance(before, dict) else getattr(before, field)
        new = getattr(after, field)
        if old != new:
            result[field] = (old, new)
    return result


def events_for(obj: models.Model):
    """Every event recorded against `obj`, newest first, with the actor joined."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


def _plain(value: Any) -> Any:
    # JSON holds strings, numbers and booleans; dates and model instances are stored as text.
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return str(value)
