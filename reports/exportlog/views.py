"""The file of a recorded export: the evidence link of an activity that accepted it."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from jobs import registry
from jobs.views import CONTENT_TYPES
from mentoring.lib.scoping import get_visible_or_404
from people import roles
from people.access import organizations_with_role
from reports.exportlog.models import ExportRecord


def export_download(request: HttpRequest, uuid) -> HttpResponse:
    """The exported file, kept or still the job's; whoever may make that export of its
    organization (the kind's own check, as for the job's file), another school's is 404."""
    record = get_visible_or_404(
        request, ExportRecord.objects.select_related("organization", "job"), None, uuid=uuid
    )
    # The record answers the kind's check as the job did: its organization and parameters.
    if not registry.known(record.kind) or not registry.get(record.kind).allowed(request.user, record):
        raise Http404
    # Named survey answers carry names only for the schools where their maker was the curator:
    # another reader of the statistics would get the names they are not given in their own export.
    if record.names_for and not record.names_for <= set(organizations_with_role(request.user, roles.CURATOR)):
        raise Http404
    stored = record.stored
    if stored is None:
        raise Http404("Файл выгрузки больше не хранится")
    extension = record.filename.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(extension) or mimetypes.guess_type(record.filename)[0]
    return FileResponse(
        stored.open("rb"),
        as_attachment=extension != "pdf",
        filename=record.filename,
        content_type=content_type or "application/octet-stream",
    )
