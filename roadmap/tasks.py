"""The roadmap's background jobs: its PDF and Excel documents. (Deadline reminders are a reminder
source of `notifications.send_notifications`, written to the outbox every run, once per deadline.)"""

from __future__ import annotations

from jobs.registry import register
from mentoring.lib.xlsx import xlsx_file
from roadmap import exports
from roadmap.models import Roadmap


def roadmap_allowed(user, job) -> bool:
    roadmap = Roadmap.objects.visible_to(user).filter(pk=job.parameters["roadmap"]).first()
    return roadmap is not None and user.has_perm("roadmap.export_roadmap", roadmap)


@register("roadmap_document", permission="jobs.view_files", allowed=roadmap_allowed)
def roadmap_document(job, progress):
    roadmap = Roadmap.objects.select_related("organization", "academic_year").get(
        pk=job.parameters["roadmap"]
    )
    progress(10, "Сбор мероприятий")
    if job.parameters["format"] == "pdf":
        return exports.roadmap_pdf(roadmap)
    workbook = exports.roadmap_workbook(roadmap)
    progress(90, "Запись файла")
    return xlsx_file(workbook, exports.stem(roadmap))
