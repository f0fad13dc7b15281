"""Rows the project package itself keeps: counters of the rate limits (mentoring.lib.ratelimit)."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """Events of one key within its period; counted by one atomic statement on PostgreSQL, so that
    every application server and every process adds to the same number."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "счётчик ограничения частоты"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
