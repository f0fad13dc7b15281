"""The people app's background jobs: the exports of the mentor and mentee banks, and the write of
a large import."""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from django.db import DataError, IntegrityError
from django.http import QueryDict

from jobs.actions import apply_once
from jobs.registry import JobFailed, Outcome, register
from mentoring.lib.actions import ActionRefused
from mentoring.lib.xlsx import xlsx_file
from people import actions, bank_views, import_views, importer

logger = logging.getLogger(__name__)


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


@register("people_import", permission="people.import_people")
def people_import(job, progress):
    """Write a previewed file of more than IMPORT_JOB_THRESHOLD rows: one transaction (a failure
    writes nothing), once (the preview's token is recorded with the rows it wrote)."""
    params = job.parameters
    organization = job.organization

    def write() -> Outcome:
        try:
            with default_storage.open(import_views.checked_path(params["token"]), "rb") as handle:
                checked = handle.read()
        except FileNotFoundError:
            raise JobFailed(
                "Проверенный файл больше не хранится (загрузки хранятся сутки): загрузите файл ещё раз."
            ) from None
        progress(2, "Сверка с реестром")
        preview = importer.load_rows(checked, organization)
        result = actions.people_import(
            preview,
            organization,
            actor=job.owner,
            valid_only=params["valid_only"],
            create_accounts=params["create_accounts"],
            site_url=params["site_url"],
            progress=lambda done, total: progress(
                5 + 85 * done / max(total, 1), f"Записано строк: {done} из {total}"
            ),
        )
        progress(92, "Итоги загрузки")
        text = import_views.summary(result, len(preview.unchanged_rows))
        if result.accounts is not None and result.accounts.slips:
            pdf = result.accounts.slips_pdf(organization, params["site_url"])
            return Outcome(text, "листки-доступа.pdf", pdf)
        if result.skipped:
            return Outcome(text, "ошибки-загрузки.xlsx", importer.errors_workbook(preview))
        return Outcome(text)

    try:
        return apply_once(f"people_import:{organization.pk}:{params['token']}", write)
    except ActionRefused as exc:
        raise JobFailed(f"{exc} Ничего не записано.") from exc
    except (IntegrityError, DataError) as exc:
        logger.warning("people import job %s refused by the database: %s", job.pk, exc)
        raise JobFailed(
            "База данных отклонила одну из строк файла (например, недопустимое значение): ничего не "
            "записано. Исправьте файл и загрузите его снова или нажмите «Повторить»."
        ) from exc
