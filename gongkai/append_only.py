"""Append-only rows: the audit trail (who did what, and when) that must stay exactly as it was written.

Every domain app's event log and frozen record inherits `AppendOnlyModel`, so "never changed, never deleted"
is enforced in one place — for single rows (save/delete) and for bulk queries (update/delete), which would
otherwise bypass the model's methods.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class ImmutableRowError(Exception):
    """An attempt to change or delete a row that must stay as it was written."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableRowError(f"{self.model._meta.verbose_name}不可修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRowError(f"{self.model._meta.verbose_name}不可删除。")


class AppendOnlyModel(models.Model):
    """A row that is written once. Messages name the model by its verbose_name (e.g. 办理记录不可修改。)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ImmutableRowError(f"{self._meta.verbose_name}不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRowError(f"{self._meta.verbose_name}不可删除。")
