"""Consents: entry with a scanned copy, the printable form, withdrawal and the destruction act."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mentoring.lib.actions import refusals
from mentoring.lib.declension import Case, decline_person
from mentoring.lib.grammar import agree
from mentoring.lib.pdf import pdf_response, render_pdf
from mentoring.lib.scoping import get_visible_or_404
from people import actions
from people.forms import ConsentForm, WithdrawForm, scan_response
from people.models import Consent, DestructionAct, Person
from people.wording import consent_wording


def _person(request: HttpRequest, uuid, perm: str) -> Person:
    return get_visible_or_404(request, Person.objects.select_related("organization"), perm, uuid=uuid)


@login_required
def consent_create(request: HttpRequest, uuid) -> HttpResponse:
    """Record a signed consent with its scanned copy; curator and admin."""
    person = _person(request, uuid, "people.manage_consents")
    form = ConsentForm(request.POST or None, request.FILES or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "signer"}
        with refusals(request, form) as refused:
            actions.consent_record(
                person, actor=request.user, signer=form.cleaned_data["signer"] or None, **data
            )
        if not refused:
            messages.success(request, "Согласие внесено.")
            return redirect(person)
    return render(request, "people/consent_form.html", {"form": form, "person": person})


@login_required
def consent_withdraw(request: HttpRequest, uuid) -> HttpResponse:
    """Withdraw a person's consents: out of the banks, anonymized, act made; curator and admin."""
    person = _person(request, uuid, "people.manage_consents")
    with refusals(request) as refused:
        actions.check_consent_withdraw(person)
    if refused:
        return redirect(person)
    form = WithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            act = actions.consent_withdraw(
                person,
                actor=request.user,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["reason"],
            )
        if not refused:
            messages.success(request, f"Согласие отозвано, данные обезличены. Составлен акт № {act.number}.")
            return redirect(person)
    return render(request, "people/consent_withdraw.html", {"form": form, "person": person})


@login_required
def consent_scan(request: HttpRequest, uuid) -> FileResponse:
    """The scanned copy of a consent; staff readers and the person themselves."""
    consent = get_visible_or_404(
        request,
        Consent.objects.select_related("person"),
        "people.view_consents",
        perm_object=lambda consent: consent.person,
        uuid=uuid,
    )
    if not consent.scan:
        raise Http404("Скан-копия не загружена")
    return scan_response(consent.scan, "согласие")


@login_required
def consent_blank(request: HttpRequest, uuid, kind: str) -> HttpResponse:
    """The printable consent prefilled for a person (processing or dissemination); their readers."""
    person = _person(request, uuid, "people.view_consents")
    if kind not in Consent.Kind.values:
        raise Http404
    representative = person.representatives.first() if person.kind == Person.Kind.STUDENT else None
    age = person.age_on(timezone.localdate())
    minor = person.kind == Person.Kind.STUDENT and (age is None or age < actions.ADULT_AGE)
    context = {
        "person": person,
        "organization": person.organization,
        "representative": representative if minor else None,
        "minor": minor,
        **_minor_words(person),
        **_blank_wording(person.organization),
        "today": timezone.localdate(),
    }
    template = f"documents/consent_{kind}.html"
    filename = (
        "Согласие на обработку ПДн.pdf" if kind == "processing" else "Согласие на распространение ПДн.pdf"
    )
    return pdf_response(render_pdf(template, context), filename)


@login_required
def destruction_act(request: HttpRequest, uuid) -> HttpResponse:
    """The frozen PDF of a destruction act; director, curator and admin of the organization."""
    act = get_visible_or_404(request, DestructionAct, "people.view_banks", uuid=uuid)
    with act.pdf.open("rb") as handle:
        return pdf_response(handle.read(), f"Акт об уничтожении ПДн № {act.number}.pdf")


def _minor_words(person) -> dict[str, str]:
    """«несовершеннолетней Шевчук Дарьи Олеговны, обучающейся 7Б класса»: agreeing with the child."""
    return {
        "minor_word": agree("несовершеннолетний", person.gender, Case.GENITIVE),
        "student_word": agree("обучающийся", person.gender, Case.GENITIVE),
        "child_genitive": decline_person(person, Case.GENITIVE),
    }


def _blank_wording(organization) -> dict[str, str]:
    wording = consent_wording(organization)
    return {
        "purposes": wording["purposes"],
        "data_list": wording["data_list"],
        "actions": wording["actions"],
        "withdrawal": wording["withdrawal_procedure"],
    }
