"""Builders for the Положение, the public page, news, materials and best practices."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pairs.tests.factories import give_consent
from people.models import AcademicYear, Consent, Organization, Person
from reports.orders.tests.factories import curator_of, director_of
from reports.publication import actions
from reports.publication.models import BestPractice, Material, NewsItem, PublicPage, Regulation


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = _blank_pdf()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def pdf_upload(name: str = "материал.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def draft_regulation(org: Organization) -> Regulation:
    return actions.regulation_create(org, Regulation.Audience.STAFF, actor=curator_of(org))


def review_regulation(org: Organization, protocol_date: date | None = None) -> Regulation:
    regulation = draft_regulation(org)
    return actions.regulation_submit(
        regulation,
        actor=curator_of(org),
        protocol_date=protocol_date or timezone.localdate() - timedelta(days=5),
        protocol_number="1",
    )


def approved_regulation(org: Organization) -> Regulation:
    return actions.regulation_approve(
        review_regulation(org),
        actor=director_of(org),
        order_date=timezone.localdate() - timedelta(days=2),
        order_number="12-од",
    )


def dissemination_consent(person: Person, **fields) -> Consent:
    return give_consent(person, kind=Consent.Kind.DISSEMINATION, **fields)


def published_page(org: Organization, **fields) -> PublicPage:
    defaults = {
        "title": "Наставничество",
        "description": "Программа наставничества школы.",
        "is_published": True,
    }
    page, _ = PublicPage.objects.update_or_create(organization=org, defaults={**defaults, **fields})
    return page


def news(org: Organization, title: str = "Новость", body: str = "Текст новости.", **fields) -> NewsItem:
    defaults = {"is_published": True, "published_at": timezone.now(), "author": curator_of(org)}
    return NewsItem.objects.create(organization=org, title=title, body=body, **{**defaults, **fields})


def material(org: Organization, *, with_file: bool = False, **fields) -> Material:
    defaults = {
        "title": "Памятка наставнику",
        "description": "Как провести первую встречу.",
        "academic_year": AcademicYear.objects.current(),
        "uploaded_by": curator_of(org),
    }
    item = Material(organization=org, **{**defaults, **fields})
    if with_file:
        item.file_type, item.file_size, item.file_name = "pdf", len(PDF_BYTES), "памятка.pdf"
        item.file.save("x.pdf", ContentFile(PDF_BYTES), save=False)
    elif not item.link:
        item.link = "https://example.ru/material"
    item.save()
    return item


def public_practice(org: Organization, **material_fields) -> BestPractice:
    practice = actions.practice_mark_material(
        material(org, with_file=True, **material_fields), actor=curator_of(org)
    )
    practice.is_public = True
    practice.save()
    return practice


def a_day_ago() -> date:
    return timezone.localdate() - timedelta(days=1)
