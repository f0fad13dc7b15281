"""«Мои файлы»: the user's background jobs with their progress, downloads and retries."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jobs import actions, registry
from jobs.models import Job
from mentoring.lib.views import org_permission_required, paginate

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _own_job(request: HttpRequest, uuid) -> Job:
    """The user's own job whose file they may still have; another user's or organization's is 404."""
    job = get_object_or_404(Job.objects.of_owner(request.user).select_related("organization"), uuid=uuid)
    if not registry.known(job.kind) or not registry.get(job.kind).allowed(request.user, job):
        raise Http404
    return job


@org_permission_required("jobs.view_files")
def job_list(request: HttpRequest) -> HttpResponse:
    """The user's files being prepared and ready, newest first; staff who start exports."""
    page = paginate(request, Job.objects.of_owner(request.user).for_list(), per_page=20)
    return render(request, "jobs/job_list.html", {"page": page, "result_days": settings.JOB_RESULT_DAYS})


@org_permission_required("jobs.view_files")
def job_status(request: HttpRequest, uuid) -> HttpResponse:
    """One job's card, polled by htmx while it runs; its owner."""
    job = _own_job(request, uuid)
    return render(request, "jobs/_job.html", {"job": job, "compact": request.GET.get("compact") == "1"})


@require_POST
@org_permission_required("jobs.view_files")
def job_retry(request: HttpRequest, uuid) -> HttpResponse:
    """Queue a failed job again; its owner."""
    job = actions.job_retry(_own_job(request, uuid), actor=request.user)
    if request.headers.get("HX-Request"):
        return render(request, "jobs/_job.html", {"job": job, "compact": request.POST.get("compact") == "1"})
    messages.success(request, f"«{job.title}»: задание поставлено в очередь снова.")
    return redirect("jobs:list")


@org_permission_required("jobs.view_files")
def job_download(request: HttpRequest, uuid) -> HttpResponse:
    """The file a finished job made, while it is kept; its owner, with the export's permission."""
    job = _own_job(request, uuid)
    if not job.is_downloadable:
        raise Http404("Файл не готов или срок его хранения истёк")
    handle = job.result.open("rb")
    extension = job.filename.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(extension) or mimetypes.guess_type(job.filename)[0]
    return FileResponse(
        handle,
        as_attachment=extension != "pdf",
        filename=job.filename,
        content_type=content_type or "application/octet-stream",
    )


def started(request: HttpRequest, job: Job) -> HttpResponse:
    """What a view that started a job answers: the panel card for htmx, else «Мои файлы»."""
    if request.headers.get("HX-Request"):
        return render(request, "jobs/_job.html", {"job": job, "compact": True})
    messages.info(request, f"«{job.title}» готовится. Файл появится здесь, когда будет готов.")
    return redirect("jobs:list")
