"""«Выгрузка сформирована»: a record of every export a background job completed.

The job's own row and file go after JOB_RESULT_DAYS; the record stays (what was exported, for
which organization and year, by whom, when). While the job is kept the record's file is the job's;
once the record is accepted as a roadmap activity's evidence it keeps a copy of its own, so the
evidence does not vanish with the job.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from mentoring.lib.scoping import ScopedQuerySet
from people import roles
from people.models import AcademicYear, Organization


def kept_path(record: ExportRecord, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"exports/{record.organization_id}/{record.uuid}/file.{extension}"


class ExportRecordQuerySet(ScopedQuerySet):
    # Who reads an organization's statistics and documents; the file itself also needs the
    # permission of the export's kind (see `reports.exportlog.views.export_download`).
    scope = {"view": roles.STATISTICS_READERS}


class ExportRecord(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("вид задания", max_length=60)
    key = models.CharField("вид выгрузки", max_length=80)
    title = models.CharField("что выгружено", max_length=300)
    parameters = models.JSONField("параметры", default=dict, blank=True)
    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="учебный год",
    )
    single = models.BooleanField("только эта организация", default=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="кто"
    )
    made_at = models.DateTimeField("когда")
    job = models.OneToOneField(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="export_record"
    )
    file = models.FileField("сохранённый файл", upload_to=kept_path, blank=True, max_length=200)
    filename = models.CharField("имя файла", max_length=255)

    objects = ExportRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "сформированная выгрузка"
        verbose_name_plural = "сформированные выгрузки"
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["organization", "-made_at"], name="export_record_org_made")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exportlog:download", args=[self.uuid])

    def get_organization_id(self) -> int:
        return self.organization_id

    @property
    def names_for(self) -> set[int]:
        """The schools whose people the file names in survey answers (none for other exports)."""
        answers = self.key == "export:statistics_export:survey_answers" or (
            self.kind == "campaign_export" and self.parameters.get("export") == "answers"
        )
        return set(self.parameters.get("names_for", ())) if answers else set()

    @property
    def stored(self):
        """The file to hand out: the kept copy, else the job's while it is kept; None when gone."""
        if self.file:
            return self.file
        if self.job is not None and self.job.is_downloadable:
            return self.job.result
        return None
