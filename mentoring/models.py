"""Rows the project package itself keeps: counters of the rate limits (mentoring.lib.ratelimit) and
the dashboard's kept figures (mentoring.lib.dashboard)."""

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


class DashboardFigures(models.Model):
    """The dashboard's per-organization figures (people and bank counts, pairs by status, meetings
    awaiting feedback, orders by status), kept as the panels computed them.

    Database triggers (migration 0003) raise `version` whenever a statement changes a table the
    figures are counted from, whoever writes (views, actions, imports, the admin, bulk updates, raw
    SQL); the row is fresh while `computed_version` equals `version` and the figures that depend
    on the date (valid consents) were judged on the same day. `mentoring.lib.dashboard.kept`
    reads and stores them.
    """

    organization = models.OneToOneField(
        "people.Organization", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    data = models.JSONField("показатели", default=dict)
    reference_day = models.DateField("на дату", null=True)
    version = models.BigIntegerField("версия данных", default=1)
    computed_version = models.BigIntegerField("версия расчёта", default=0)

    class Meta:
        verbose_name = "показатели главной страницы организации"
        verbose_name_plural = "показатели главной страницы организаций"

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.version}"
