"""The roadmap's background jobs: its PDF and Excel documents, and the daily deadline reminders."""

from __future__ import annotations

from procrastinate.contrib.django import app

from jobs.registry import register
from mentoring.lib.worker import task_connections
from mentoring.lib.xlsx import xlsx_file
from roadmap import exports
from roadmap.models import Roadmap
from roadmap.reminders import send_reminders


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


@app.periodic(cron="0 7 * * *", periodic_id="send_deadline_reminders")
@app.task(name="roadmap.send_deadline_reminders", queue="periodic", queueing_lock="send_deadline_reminders")
def send_deadline_reminders(timestamp: int) -> None:
    """Daily at 07:00: letters to the responsible about deadlines in 7 days and overdue activities."""
    with task_connections():
        send_reminders()
