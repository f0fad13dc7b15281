"""Recording a finished export, offering it as evidence, and keeping its file once accepted."""

from __future__ import annotations

from django.utils import timezone

from jobs.models import Job
from mentoring.lib.actions import ActionRefused, action
from reports.evidence import offers
from reports.exportlog import kinds
from reports.exportlog.models import ExportRecord


def label(record: ExportRecord) -> str:
    """«Сформирована выгрузка «…» 12.03.2025 (Иванова Мария Петровна)»: what the curator is offered."""
    day = timezone.localtime(record.made_at)
    who = f" ({record.made_by.display_name()})" if record.made_by else ""
    return f"Сформирована выгрузка «{record.title}» {day:%d.%m.%Y}{who}"


@action
def export_record(job: Job, *, actor) -> ExportRecord | None:
    """Record the finished export `job` (once) and offer it to the open activities of its school's
    roadmap in force that expect such an export; a job that is no export records nothing."""
    described = kinds.describe(job)
    if described is None:
        return None
    record, created = ExportRecord.objects.get_or_create(
        job=job,
        defaults={
            "organization_id": job.organization_id,
            "kind": job.kind,
            "key": described.key,
            "title": job.title[:300],
            "parameters": job.parameters,
            "academic_year_id": described.year_id,
            "single": described.single,
            "made_by": job.owner,
            "made_at": job.finished_at,
            "filename": job.filename,
        },
    )
    if created and record.single:
        offers.offer(
            record.organization_id,
            record,
            record.key,
            label=label(record),
            url=record.get_absolute_url(),
            on=timezone.localtime(record.made_at).date(),
        )
    return record


@action
def export_keep(record: ExportRecord, *, actor) -> ExportRecord:
    """Copy the job's file to the record, so that it outlives the job (accepted as evidence)."""
    record = ExportRecord.objects.select_for_update(of=("self",)).select_related("job").get(pk=record.pk)
    if record.file:
        return record
    source = record.stored
    if source is None:
        raise ActionRefused(
            f"Файл выгрузки «{record.title}» больше не хранится: сформируйте выгрузку снова, "
            "и её можно будет засчитать."
        )
    with source.open("rb") as handle:
        record.file.save(record.filename, handle, save=False)
    record.save(update_fields=["file"])
    return record
