"""Import of staff or students: upload → (map unknown columns) → preview with each row's status →
the curator chooses all or nothing, or the valid rows only, and gets the rejected rows as .xlsx.

The uploaded file waits in the storage under a random token kept in the session; nothing is
written to the registry before the curator chooses.
"""

from __future__ import annotations

import uuid as uuidlib

from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobs.actions import start_job
from jobs.models import Job
from mentoring.lib.actions import refusals
from mentoring.lib.declension import Case
from mentoring.lib.grammar import plural
from mentoring.lib.pdf import pdf_response
from mentoring.lib.views import org_permission_required
from mentoring.lib.xlsx import XLSX_CONTENT_TYPE
from people import actions, importer
from people.forms import ImportForm, ImportMappingForm
from people.models import Person

SESSION_KEY = "people_import"
SAMPLES = 3  # values shown under each column in the mapping step


IMPORT_DIRECTORY = "imports"


def _stored_path(token: str) -> str:
    return f"{IMPORT_DIRECTORY}/{token}.json"


def checked_path(token: str) -> str:
    """The rows as checked for the preview, written from when the curator confirms."""
    return f"{IMPORT_DIRECTORY}/{token}-checked.json"


def summary(result: actions.ImportResult, unchanged: int) -> str:
    """What an import wrote, as the curator reads it after the write (in the request or a job)."""
    text = (
        f"Добавлено участников: {len(result.created)}; обновлено: {len(result.updated)}; "
        f"уже были в реестре без изменений: {unchanged}"
        + (f"; не записано строк с ошибками: {result.skipped}." if result.skipped else ".")
    )
    if result.accounts is not None:
        done = result.accounts.summary()
        text += (
            f" Создано учётных записей: {done['accounts_created']}; писем: {done['emailed']}; "
            f"листков доступа: {done['slips']}."
        )
    return text


def _pending(request: HttpRequest, token: str | None = None) -> tuple[dict, importer.Table] | None:
    """The upload waiting in this session for this organization, with the table read from it."""
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or pending.get("organization") != request.organization.pk:
        return None
    if token is not None and pending.get("token") != token:
        return None
    path = _stored_path(pending["token"])
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return pending, importer.load_table(handle.read())


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    # A file handed to a job stays for it (and its «Повторить»); purge_import_previews removes it.
    if pending and not pending.get("job"):
        default_storage.delete(_stored_path(pending["token"]))
        default_storage.delete(checked_path(pending["token"]))


def _mapping_form(table: importer.Table, kind: str, mapping: dict, data=None) -> ImportMappingForm:
    samples = {
        title: [v for v in (importer._text(r[i]) for r in table.rows[:20] if i < len(r)) if v][:SAMPLES]
        for i, title in enumerate(table.header)
    }
    return ImportMappingForm(data, header=table.header, kind=kind, initial_mapping=mapping, samples=samples)


def _page(request: HttpRequest, **context) -> HttpResponse:
    context.setdefault("form", ImportForm())
    for name in ("preview", "error", "token", "mapping_form", "done", "job"):
        context.setdefault(name, None)
    preview = context["preview"]
    if preview is not None:
        valid = len(preview.valid_rows)
        context["valid_label"] = f"Загрузить {plural(valid, 'верная строка', Case.ACCUSATIVE)}"
    return render(request, "people/import.html", context)


@org_permission_required("people.import_people")
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a list (.xlsx or CSV) and see the column mapping or the preview; nothing is written
    here. Curator and admin."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        pending = request.session.get(SESSION_KEY) or {}
        if pending.get("organization") != request.organization.pk:
            pending = {}
        job = (
            Job.objects.of_owner(request.user).filter(uuid=pending["job"]).first()
            if pending.get("job")
            else None
        )
        done = pending if pending.get("written") and not job else None
        return _page(request, form=form, done=done, job=job, done_valid_only=pending.get("valid_only"))
    if not form.is_valid():
        return _page(request, form=form)
    kind = form.cleaned_data["kind"]
    content = form.cleaned_data["file"].read(importer.MAX_IMPORT_BYTES + 1)
    try:
        table = importer.read_table(content)
    except importer.ImportFileError as exc:
        return _page(request, form=form, error=str(exc))
    _forget(request)
    token = uuidlib.uuid4().hex
    default_storage.save(_stored_path(token), ContentFile(importer.dump_table(table)))
    mapping = importer.guess_mapping(table.header, kind, request.organization)
    request.session[SESSION_KEY] = {
        "token": token,
        "kind": kind,
        "organization": request.organization.pk,
        "mapping": mapping,
        # `manage.py purge_import_previews` removes a preview left for a day.
        "created": timezone.now().isoformat(),
    }
    if importer.unknown_headers(mapping) or importer.check_mapping(mapping):
        return _page(request, form=form, token=token, mapping_form=_mapping_form(table, kind, mapping))
    return _preview(request, form, table, kind, mapping, token)


def _preview(request, form, table, kind, mapping, token) -> HttpResponse:
    try:
        preview = importer.parse(table, kind, request.organization, mapping)
    except importer.ImportFileError as exc:
        return _page(request, form=form, error=str(exc))
    path = checked_path(token)
    default_storage.delete(path)  # a mapping changed since: the rows are checked anew
    default_storage.save(path, ContentFile(importer.dump_rows(preview)))
    return _page(request, form=form, preview=preview, token=token)


@org_permission_required("people.import_people")
@require_POST
def import_map(request: HttpRequest) -> HttpResponse:
    """Say what each column of the uploaded file holds (remembered for the next file), or open the
    mapping again from the preview; curator and admin."""
    loaded = _pending(request, request.POST.get("token", ""))
    if loaded is None or loaded[0].get("written"):
        messages.error(request, "Загрузка устарела или уже выполнена: загрузите файл ещё раз.")
        return redirect("people:import_upload")
    pending, table = loaded
    if "edit" in request.POST:
        mapping_form = _mapping_form(table, pending["kind"], pending["mapping"])
        return _page(request, token=pending["token"], mapping_form=mapping_form)
    mapping_form = _mapping_form(table, pending["kind"], pending["mapping"], data=request.POST)
    if not mapping_form.is_valid():
        return _page(request, token=pending["token"], mapping_form=mapping_form)
    mapping = mapping_form.mapping()
    with refusals(request, mapping_form) as refused:
        actions.import_mapping_remember(
            request.organization, actor=request.user, kind=pending["kind"], mapping=mapping
        )
    if refused:
        return _page(request, token=pending["token"], mapping_form=mapping_form)
    pending["mapping"] = mapping
    request.session[SESSION_KEY] = pending
    return _preview(request, ImportForm(), table, pending["kind"], mapping, pending["token"])


@org_permission_required("people.import_people")
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed file: all rows or none (`mode=all`), or only the valid rows
    (`mode=valid`); curator and admin."""
    loaded = _pending(request, request.POST.get("token", ""))
    if loaded is None or loaded[0].get("written"):
        messages.error(request, "Загрузка устарела или уже выполнена: загрузите файл ещё раз.")
        return redirect("people:import_upload")
    pending, _table = loaded
    valid_only = request.POST.get("mode") == "valid"
    if not default_storage.exists(checked_path(pending["token"])):
        messages.error(request, "Файл ещё не проверен: сопоставьте столбцы и проверьте его.")
        return redirect("people:import_upload")
    with default_storage.open(checked_path(pending["token"]), "rb") as handle:
        checked = handle.read()
    rows, errors = importer.checked_counts(checked)
    if errors and not valid_only:
        messages.error(request, "В файле есть ошибки: ничего не записано.")
        return redirect("people:import_upload")
    create_accounts = request.POST.get("create_accounts") == "1"
    if rows > settings.IMPORT_JOB_THRESHOLD:
        return _confirm_in_background(request, pending, rows, valid_only, create_accounts)
    # The rows as checked for the preview, matched again: the registry may have changed since.
    preview = importer.load_rows(checked, request.organization)
    with refusals(request) as refused:
        result = actions.people_import(
            preview,
            request.organization,
            actor=request.user,
            valid_only=valid_only,
            create_accounts=create_accounts,
            site_url=request.build_absolute_uri("/"),
        )
    if refused:
        return redirect("people:import_upload")
    messages.success(request, summary(result, len(preview.unchanged_rows)))
    slips = _accounts_report(request, result.accounts)
    if not result.skipped:
        _forget(request)
        return slips or redirect("people:person_list")
    # Keep the file so that the rejected rows can still be downloaded.
    pending["written"] = True
    pending["skipped"] = result.skipped
    request.session[SESSION_KEY] = pending
    return slips or redirect("people:import_upload")


def _confirm_in_background(request, pending: dict, rows: int, valid_only: bool, create_accounts: bool):
    """A file of more than IMPORT_JOB_THRESHOLD rows is written by a job: the page shows its card
    at once. The session's upload is spent (a second «Подтвердить» is refused); the job writes the
    checked rows once, however often it is run."""
    job = start_job(
        request,
        "people_import",
        f"Загрузка участников: {plural(rows, 'строка')}",
        {
            "token": pending["token"],
            "kind": pending["kind"],
            "valid_only": valid_only,
            "create_accounts": create_accounts,
            "site_url": request.build_absolute_uri("/"),
            "rows": rows,
        },
    )
    pending["written"] = True
    pending["valid_only"] = valid_only
    pending["job"] = str(job.uuid)
    request.session[SESSION_KEY] = pending
    return redirect("people:import_upload")


def _accounts_report(request: HttpRequest, handed) -> HttpResponse | None:
    """The accounts created with the import (issue 19): a message, and the access slips as the
    answer when some were printed (the accounts app renders them)."""
    if handed is None:
        return None
    done = handed.summary()
    messages.info(
        request,
        "Учётные записи получают участники банков из файла и законные представители наставляемых-обучающихся.",
    )
    if done["skipped"]:
        shown = "; ".join(f"{item['person']} — {item['reason']}" for item in done["skipped"][:10])
        more = len(done["skipped"]) - 10
        tail = (
            f"; и ещё {more} (все они — в реестре с фильтром «Учётная запись: не приглашён»)"
            if more > 0
            else ""
        )
        messages.warning(request, f"Без учётной записи: {shown}{tail}.")
    if not handed.slips:
        return None
    return pdf_response(handed.slips_pdf(request.organization), "листки-доступа.pdf", inline=False)


@org_permission_required("people.import_people")
def import_errors(request: HttpRequest) -> HttpResponse:
    """The rejected rows of the uploaded file as .xlsx, the reason on each bad cell; curator and admin."""
    loaded = _pending(request)
    if loaded is None:
        messages.error(request, "Нет загруженного файла: загрузите файл ещё раз.")
        return redirect("people:import_upload")
    pending, table = loaded
    preview = importer.parse(table, pending["kind"], request.organization, pending["mapping"])
    response = HttpResponse(importer.errors_workbook(preview), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="oshibki-zagruzki.xlsx"'
    return response


@org_permission_required("people.import_people")
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """The empty .xlsx template for staff or students; curator and admin."""
    if kind not in importer.COLUMNS:
        raise Http404
    response = HttpResponse(importer.template_workbook(kind), content_type=XLSX_CONTENT_TYPE)
    name = "shablon-obuchayushchiesya.xlsx" if kind == Person.Kind.STUDENT else "shablon-sotrudniki.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
