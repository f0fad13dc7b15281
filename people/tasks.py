"""The people app's background jobs: the exports of the mentor and mentee banks."""

from __future__ import annotations

from django.http import QueryDict

from jobs.registry import register
from mentoring.lib.xlsx import xlsx_file
from people import bank_views


@register("bank_export", permission="people.view_banks")
def bank_export(job, progress):
    data = QueryDict(mutable=True)
    for key, values in job.parameters.get("filters", {}).items():
        data.setlist(key, values)
    bank = job.parameters["bank"]
    build = bank_views.mentor_workbook if bank == "mentor" else bank_views.mentee_workbook
    workbook = build(job.owner, job.organization, data, progress)
    progress(95, "Запись файла")
    return xlsx_file(workbook, bank_views.BANKS[bank]["title"])
