"""Import of staff or students from Excel: upload → preview with each row's errors → confirm."""

from __future__ import annotations

import uuid as uuidlib

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring.lib.views import org_permission_required
from mentoring.lib.xlsx import XLSX_CONTENT_TYPE
from people import actions, importer
from people.forms import ImportForm
from people.models import Person

SESSION_KEY = "people_import"
IMPORT_DIRECTORY = "imports"


def _stored_path(token: str) -> str:
    return f"{IMPORT_DIRECTORY}/{token}.xlsx"


@org_permission_required("people.import_people")
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload an .xlsx and see the preview; nothing is written here. Curator and admin."""
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = error = token = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        content = upload.read(importer.MAX_IMPORT_BYTES + 1)
        try:
            preview = importer.parse(content, kind, request.organization)
        except importer.ImportFileError as exc:
            error = str(exc)
        else:
            if preview.is_valid and preview.new_rows:
                token = uuidlib.uuid4().hex
                default_storage.save(_stored_path(token), ContentFile(content))
                request.session[SESSION_KEY] = {
                    "token": token,
                    "kind": kind,
                    "organization": request.organization.pk,
                    # `manage.py purge_import_previews` removes a preview left for a day.
                    "created": timezone.now().isoformat(),
                }
    return render(
        request, "people/import.html", {"form": form, "preview": preview, "error": error, "token": token}
    )


@org_permission_required("people.import_people")
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed file, all rows or none; curator and admin."""
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if not token or pending.get("token") != token or pending.get("organization") != request.organization.pk:
        messages.error(request, "Загрузка устарела или уже выполнена: загрузите файл ещё раз.")
        return redirect("people:import_upload")
    path = _stored_path(token)
    with default_storage.open(path, "rb") as handle:
        content = handle.read()
    default_storage.delete(path)
    del request.session[SESSION_KEY]
    # Parse again: the people of the organization may have changed since the preview.
    preview = importer.parse(content, pending["kind"], request.organization)
    if not preview.is_valid:
        messages.error(
            request, "С момента проверки данные изменились, в файле есть ошибки: ничего не записано."
        )
        return redirect("people:import_upload")
    created = actions.people_import(preview, request.organization, actor=request.user)
    messages.success(
        request, f"Добавлено участников: {len(created)}; уже были в реестре: {len(preview.existing_rows)}."
    )
    return redirect("people:person_list")


@org_permission_required("people.import_people")
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """The empty .xlsx template for staff or students; curator and admin."""
    if kind not in importer.COLUMNS:
        raise Http404
    response = HttpResponse(importer.template_workbook(kind), content_type=XLSX_CONTENT_TYPE)
    name = "shablon-obuchayushchiesya.xlsx" if kind == Person.Kind.STUDENT else "shablon-sotrudniki.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
