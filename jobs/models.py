"""Background jobs as the user sees them: what was asked, how far it got, the file it made.

The queue itself is procrastinate's (`procrastinate_jobs`); a `Job` row is ours: its owner, the
organization and parameters it was started for, its progress and its result file, kept in Django's
default storage (local disk or S3) under a name that says nothing about its content.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


def result_path(job: Job, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"jobs/{job.uuid}/result.{extension}"


class JobQuerySet(models.QuerySet):
    def of_owner(self, user) -> JobQuerySet:
        """A user's own jobs: nobody, not even the global admin, sees another user's files."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def for_list(self) -> JobQuerySet:
        return self.select_related("organization").order_by("-created_at", "-id")

    def unfinished(self) -> JobQuerySet:
        return self.filter(status__in=(Job.Status.QUEUED, Job.Status.RUNNING))

    def expired(self, now=None) -> JobQuerySet:
        return self.filter(expires_at__lte=now or timezone.now())


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "выполняется"
        DONE = "done", "готово"
        FAILED = "failed", "ошибка"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    organization = models.ForeignKey("people.Organization", on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField("вид", max_length=60)
    title = models.CharField("что готовится", max_length=300)
    parameters = models.JSONField("параметры", default=dict, blank=True)
    status = models.CharField("состояние", max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("выполнено, %", default=0)
    step = models.CharField("шаг", max_length=200, blank=True)
    result = models.FileField("файл", upload_to=result_path, blank=True, max_length=200)
    filename = models.CharField("имя файла", max_length=255, blank=True)
    summary = models.TextField("итог", blank=True)
    error = models.TextField("причина ошибки", blank=True)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    created_at = models.DateTimeField("создано", default=timezone.now)
    started_at = models.DateTimeField("начато", null=True, blank=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)
    expires_at = models.DateTimeField("хранится до", null=True, blank=True)
    procrastinate_job_id = models.BigIntegerField("номер в очереди", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "фоновое задание"
        verbose_name_plural = "фоновые задания"
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="job_owner_created"),
            models.Index(fields=["expires_at"], name="job_expires"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_le_100"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(finished_at__isnull=False, expires_at__isnull=False),
                name="job_done_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_downloadable(self) -> bool:
        return self.status == self.Status.DONE and bool(self.result) and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def has_file(self) -> bool:
        return bool(self.result)

    @staticmethod
    def expiry_for(finished_at) -> timezone.datetime:
        return finished_at + timedelta(days=settings.JOB_RESULT_DAYS)


class AppliedOnce(models.Model):
    """A change a job made, recorded in the change's own transaction under a key (an import's
    preview): a retried or duplicated run finds it and does not make the change again."""

    key = models.CharField("ключ", max_length=200, unique=True)
    summary = models.TextField("итог", blank=True)
    created_at = models.DateTimeField("выполнено", default=timezone.now)

    class Meta:
        verbose_name = "выполненное изменение"
        verbose_name_plural = "выполненные изменения"

    def __str__(self) -> str:
        return self.key
