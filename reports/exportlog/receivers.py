"""What this app does when a job is done and when the roadmap accepts an export as evidence."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from reports.exportlog import actions
from reports.exportlog.models import ExportRecord


def job_done(sender, *, job, **kwargs) -> None:
    actions.export_record(job, actor=job.owner)


def evidence_accepted(sender, *, suggestion, actor, **kwargs) -> None:
    if suggestion.content_type_id != ContentType.objects.get_for_model(ExportRecord).pk:
        return
    record = ExportRecord.objects.filter(pk=suggestion.object_id).first()
    if record is not None:
        actions.export_keep(record, actor=actor)


def person_anonymizing(sender, *, person, actor, **kwargs) -> None:
    actions.export_forget_named(person.organization_id, actor=actor)
