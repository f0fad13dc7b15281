"""Consent entry with a scan checked by content, the printable blanks, withdrawal through the UI."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.tests.pdf import pdf_text
from people.models import Consent, DestructionAct, Person
from people.tests.factories import ConsentFactory, RepresentativeFactory, StudentFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def curator(world, login):
    return login(world.users["curator"])


def _post(client, person, scan, **extra):
    data = {
        "kind": "processing",
        "signer": "self",
        "signed_on": "2024-09-02",
        "purposes": "наставничество",
        "data_list": "ФИО",
        "actions": "хранение",
        "scan": scan,
        **extra,
    }
    return client.post(reverse("people:consent_create", args=[person.uuid]), data)


def _pdf_text(content: bytes) -> str:
    return pdf_text(content)


def test_png_named_pdf_is_accepted_by_its_content(world, curator):
    response = _post(curator, world.staff, SimpleUploadedFile("scan.pdf", PNG))
    assert response.status_code == 302
    consent = Consent.objects.get(person=world.staff)
    assert consent.scan.name.endswith(".png")
    scan = curator.get(reverse("people:consent_scan", args=[consent.uuid]))
    assert scan["Content-Type"] == "image/png"


def test_text_file_named_pdf_is_refused(world, curator):
    response = _post(curator, world.staff, SimpleUploadedFile("scan.pdf", b"just some text"))
    assert response.status_code == 200
    assert "PDF, JPEG или PNG" in response.content.decode()
    assert not Consent.objects.exists()


def test_scan_over_10_mb_is_refused(world, curator):
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    response = _post(curator, world.staff, big)
    assert "больше 10 МБ" in response.content.decode()
    assert not Consent.objects.exists()


def test_child_consent_signed_by_self_is_refused_in_the_form(world, curator):
    child = StudentFactory(organization=world.org, birth_date=date(2015, 5, 1))
    response = _post(curator, child, "")
    assert "младше 14" in response.content.decode()
    assert not Consent.objects.exists()


def test_director_cannot_record_a_consent(world, login):
    response = _post(login(world.users["director"]), world.staff, SimpleUploadedFile("s.png", PNG))
    assert response.status_code == 403


def test_processing_blank_is_prefilled_for_a_student_and_the_representative(world, curator):
    child = StudentFactory(organization=world.org, last_name="Зайцев", birth_date=date(2013, 2, 1))
    RepresentativeFactory(student=child, last_name="Зайцева", first_name="Вера")
    response = curator.get(reverse("people:consent_blank", args=[child.uuid, "processing"]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "СОГЛАСИЕ" in text and "на обработку персональных данных" in text
    assert "статьёй 9" in text
    assert "Зайцева Вера" in text and "Зайцев" in text
    assert "Цель обработки" in text and "Порядок отзыва" in text
    assert "отдельным документом" in text


def test_dissemination_blank_is_a_separate_document(world, curator):
    response = curator.get(reverse("people:consent_blank", args=[world.staff.uuid, "dissemination"]))
    text = _pdf_text(response.content)
    assert "разрешённых субъектом персональных данных для распространения" in text
    assert "10.1" in text


def test_unknown_blank_kind_is_404(world, curator):
    assert curator.get(reverse("people:consent_blank", args=[world.staff.uuid, "other"])).status_code == 404


def test_withdrawal_needs_the_confirmation(world, curator):
    ConsentFactory(person=world.staff)
    url = reverse("people:consent_withdraw", args=[world.staff.uuid])
    response = curator.post(url, {"withdrawn_on": date.today().isoformat()})
    assert response.status_code == 200
    assert Person.objects.get(pk=world.staff.pk).anonymized_at is None


def test_a_person_without_a_consent_offers_no_withdrawal_and_the_form_refuses(world, curator):
    student = StudentFactory(organization=world.org)
    url = reverse("people:consent_withdraw", args=[student.uuid])
    assert url not in curator.get(student.get_absolute_url()).content.decode()
    for response in (
        curator.get(url, follow=True),
        curator.post(url, {"withdrawn_on": date.today().isoformat(), "confirm": "on"}, follow=True),
    ):
        assert response.redirect_chain[-1][0] == student.get_absolute_url()
        assert "нет действующих согласий, отзывать нечего" in response.content.decode()
    student.refresh_from_db()
    assert student.anonymized_at is None and student.last_name
    assert not DestructionAct.objects.filter(person=student).exists()


def test_a_person_with_a_consent_offers_the_withdrawal(world, curator):
    student = StudentFactory(organization=world.org)
    ConsentFactory(person=student)
    url = reverse("people:consent_withdraw", args=[student.uuid])
    assert url in curator.get(student.get_absolute_url()).content.decode()
    assert curator.get(url).status_code == 200


def test_an_anonymized_person_offers_no_withdrawal_again(world, curator):
    ConsentFactory(person=world.staff)
    url = reverse("people:consent_withdraw", args=[world.staff.uuid])
    curator.post(url, {"withdrawn_on": date.today().isoformat(), "confirm": "on"})
    response = curator.get(url, follow=True)
    assert "Согласие уже отозвано" in response.content.decode()
    assert url not in response.content.decode()
    assert DestructionAct.objects.filter(person=world.staff).count() == 1


def test_curator_withdraws_and_the_director_reads_the_act(world, curator, login):
    ConsentFactory(person=world.staff)
    url = reverse("people:consent_withdraw", args=[world.staff.uuid])
    response = curator.post(url, {"withdrawn_on": date.today().isoformat(), "confirm": "on"}, follow=True)
    assert f"Участник № {world.staff.pk}" in response.content.decode()
    act = DestructionAct.objects.get(person=world.staff)
    pdf = login(world.users["director"]).get(reverse("people:destruction_act", args=[act.uuid]))
    assert pdf.status_code == 200
    assert "уничтожении" in _pdf_text(pdf.content)
    assert (
        login(world.other_curator).get(reverse("people:destruction_act", args=[act.uuid])).status_code == 404
    )


def test_minor_consent_defaults_to_the_representative_when_signer_is_left_empty(world, curator):
    teen = StudentFactory(organization=world.org, birth_date=date(2009, 1, 1))
    rep = RepresentativeFactory(student=teen)
    response = _post(curator, teen, "", signer="", representative=rep.pk)
    assert response.status_code == 302
    consent = Consent.objects.get(person=teen)
    assert (consent.signer, consent.representative) == ("representative", rep)


def test_consent_for_a_girl_under_14_agrees_with_her_and_declines_the_operator(world, curator):
    girl = StudentFactory(
        organization=world.org,
        last_name="Шевчук",
        first_name="Дарья",
        middle_name="Олеговна",
        gender=Person.Gender.FEMALE,
        school_class="3А",
        birth_date=date(2016, 3, 1),
    )
    RepresentativeFactory(student=girl, last_name="Шевчук", first_name="Галина", middle_name="Петровна")
    response = curator.get(reverse("people:consent_blank", args=[girl.uuid, "processing"]))
    text = _pdf_text(response.content)
    assert "несовершеннолетней Шевчук Дарьи Олеговны" in text
    assert "обучающейся 3А класса" in text
    assert "несовершеннолетнего" not in text and "обучающегося" not in text
    assert "оператору — муниципальному бюджетному общеобразовательному учреждению «Школа №" in text
    assert "персональных данных несовершеннолетней на следующих условиях" in text


def test_curator_corrects_the_declined_name_of_the_organization(world, curator):
    url = reverse("people:organization_requisites")
    page = curator.get(url)
    assert "муниципального бюджетного общеобразовательного учреждения" in page.content.decode()
    response = curator.post(url, {"name_genitive": "нашей школы", "name_dative": ""})
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert world.org.name_genitive == "нашей школы"
    assert world.org.name_dative.startswith("муниципальному бюджетному")  # emptied: refilled


def test_too_long_declined_name_is_refused_and_nothing_changes(world, curator):
    before = world.org.name_genitive
    response = curator.post(
        reverse("people:organization_requisites"), {"name_genitive": "я" * 501, "name_dative": ""}
    )
    assert response.status_code == 200
    assert "не более 500" in response.content.decode() or "500" in response.content.decode()
    world.org.refresh_from_db()
    assert world.org.name_genitive == before
