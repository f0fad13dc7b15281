"""Recording a finished export, offering it as evidence, and keeping its file once accepted."""

from __future__ import annotations

from django.db import transaction
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


# Exports of figures only, without anybody's name: their kept copies outlive a withdrawal.
AGGREGATE = frozenset(
    {"export:statistics_export:form", "export:statistics_export:survey_summary", "export:analytical_note"}
)


@action
def export_forget_named(organization_id: int, *, actor) -> int:
    """A participant of the organization withdrew consent: the kept copies of its exports that list
    people by name (registry, banks, meeting journal, answers, the roadmap's staff) are deleted,
    the records stay («выгрузка сформирована», the file no longer kept). Returns how many."""
    records = list(
        ExportRecord.objects.select_for_update()
        .filter(organization_id=organization_id)
        .exclude(file="")
        .exclude(key__in=AGGREGATE)
    )
    storage = ExportRecord._meta.get_field("file").storage
    names = [record.file.name for record in records]
    ExportRecord.objects.filter(pk__in=[record.pk for record in records]).update(file="")
    # The files go once the withdrawal is committed: a withdrawal refused keeps them.
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return len(records)
