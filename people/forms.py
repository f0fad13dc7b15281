"""Forms of the banks, consents and the import."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.utils import timezone

from mentoring.lib.files import open_stored, redirects, stored_file_response
from mentoring.lib.forms import DateInput, PersonChoiceField
from mentoring.lib.uploads import CONTENT_TYPES, sniff
from people import importer
from people.models import (
    Competency,
    Consent,
    LegalRepresentative,
    Mentee,
    Mentor,
    MentoringForm,
    MentorTraining,
    Organization,
    Person,
    SupportAction,
)

MAX_SCAN_BYTES = 10 * 1024 * 1024
SCAN_KINDS = ("pdf", "jpg", "png")


def validated_scan(scan, stem: str):
    """A newly uploaded scan checked by size and content and renamed `stem.<ext>`; anything else
    (no file, cleared, or the stored file kept) passes through unchanged."""
    if not isinstance(scan, UploadedFile):
        return scan
    if scan.size > MAX_SCAN_BYTES:
        raise forms.ValidationError("Файл больше 10 МБ: уменьшите разрешение сканирования.")
    ext = sniff(scan)
    if ext not in SCAN_KINDS:
        raise forms.ValidationError("Скан-копия должна быть в формате PDF, JPEG или PNG.")
    scan.name = f"{stem}.{ext}"
    return scan


def scan_response(stored, filename_stem: str) -> HttpResponse:
    """A stored scan served with the type its content has (by a signed link: the type its name has,
    which the content check at upload has set)."""
    handle = None if redirects(stored) else open_stored(stored)
    ext = stored.name.rsplit(".", 1)[-1].lower() if handle is None else sniff(handle)
    ext = ext if ext in SCAN_KINDS else "pdf"
    return stored_file_response(
        stored,
        filename=f"{filename_stem}.{ext}",
        content_type=CONTENT_TYPES[ext],
        as_attachment=False,
        handle=handle,
    )


class MentorForm(forms.ModelForm):
    person = PersonChoiceField(label="Участник", queryset=Person.objects.none())
    motivation = forms.CharField(
        label="Анкета: мотивация", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    can_share = forms.CharField(
        label="Анкета: чем готов поделиться", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    time = forms.CharField(label="Анкета: сколько времени готов уделять", required=False)

    class Meta:
        model = Mentor
        fields = [
            "person",
            "competencies",
            "resources",
            "subjects",
            "qualification_category",
            "preferred_forms",
            "capacity",
            "availability",
            "interview_date",
            "interview_result",
        ]
        widgets = {
            "interview_date": DateInput(),
            "competencies": forms.CheckboxSelectMultiple,
            "preferred_forms": forms.CheckboxSelectMultiple,
            "resources": forms.Textarea(attrs={"rows": 2}),
            "interview_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.not_anonymized().filter(
            organization=organization, mentor__isnull=True
        )
        self.fields["competencies"].queryset = Competency.objects.all()
        self.fields["preferred_forms"].queryset = MentoringForm.objects.filter(is_active=True)

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("person")
        data["questionnaire"] = {
            key: data.pop(key) for key in ("motivation", "can_share", "time") if data.get(key) is not None
        }
        return data


class MenteeForm(forms.ModelForm):
    person = PersonChoiceField(label="Участник", queryset=Person.objects.none())

    class Meta:
        model = Mentee
        fields = ["person", "category", "requests", "requests_text", "desired_form"]
        widgets = {
            "requests": forms.CheckboxSelectMultiple,
            "requests_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.not_anonymized().filter(
            organization=organization, mentee__isnull=True
        )
        self.fields["requests"].queryset = Competency.objects.all()
        self.fields["desired_form"].queryset = MentoringForm.objects.filter(is_active=True)

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("person")
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Новый статус")
    comment = forms.CharField(label="Комментарий", required=False, max_length=500)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


class TrainingForm(forms.ModelForm):
    class Meta:
        model = MentorTraining
        fields = ["date", "topic", "hours", "provider"]
        widgets = {"date": DateInput()}


class SupportActionForm(forms.ModelForm):
    class Meta:
        model = SupportAction
        fields = ["date", "action"]
        widgets = {"date": DateInput(), "action": forms.Textarea(attrs={"rows": 2})}


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "kind",
            "signer",
            "representative",
            "signed_on",
            "valid_until",
            "purposes",
            "data_list",
            "actions",
            "withdrawal_procedure",
            "scan",
        ]
        widgets = {
            "signed_on": DateInput(),
            "valid_until": DateInput(),
            "purposes": forms.Textarea(attrs={"rows": 2}),
            "data_list": forms.Textarea(attrs={"rows": 2}),
            "actions": forms.Textarea(attrs={"rows": 2}),
            "withdrawal_procedure": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, person: Person, **kwargs):
        from people.wording import consent_wording

        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = LegalRepresentative.objects.filter(student=person)
        self.fields["scan"].help_text = "PDF, JPEG или PNG, не больше 10 МБ"
        self.fields["signer"].required = False
        self.initial.update(
            signed_on=timezone.localdate(),
            **consent_wording(person.organization),
        )

    def clean_scan(self):
        return validated_scan(self.cleaned_data.get("scan"), "consent")


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label="Дата отзыва", widget=DateInput())
    reason = forms.CharField(label="Основание (заявление)", required=False, max_length=300)
    confirm = forms.BooleanField(
        label="Понимаю, что персональные данные будут обезличены без возможности восстановления"
    )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Кого загружаем",
        choices=[(Person.Kind.STAFF, "Педагоги и сотрудники"), (Person.Kind.STUDENT, "Обучающиеся")],
    )
    file = forms.FileField(
        label="Файл Excel (.xlsx) или CSV",
        help_text="Столбцы узнаются по заголовкам («ФИО», «Дата рождения», «Стаж»…); "
        "незнакомые вы сопоставите сами. Файл .xls сначала пересохраните как .xlsx.",
    )


class ImportMappingForm(forms.Form):
    """One select per column of the file: which field it loads into, or «не загружать»."""

    def __init__(self, *args, header: list[str], kind: str, initial_mapping: dict, samples: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.header = header
        choices = [("", "не загружать")] + [(f, importer.FIELDS[f]) for f in importer.KIND_FIELDS[kind]]
        for i, title in enumerate(header):
            if not title:
                continue
            initial = initial_mapping.get(title)
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=title,
                choices=choices,
                required=False,
                initial="" if initial in (None, importer.UNKNOWN) else initial,
                help_text=", ".join(samples.get(title, [])),
            )
            self.fields[f"col_{i}"].unknown = initial == importer.UNKNOWN

    def mapping(self) -> dict[str, str | None]:
        return {
            title: (self.cleaned_data.get(f"col_{i}") or None)
            for i, title in enumerate(self.header)
            if f"col_{i}" in self.fields
        }

    def clean(self):
        cleaned = super().clean()
        for problem in importer.check_mapping(self.mapping()):
            self.add_error(None, problem)
        return cleaned


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "kind",
            "last_name",
            "first_name",
            "middle_name",
            "gender",
            "birth_date",
            "position",
            "subjects",
            "school_class",
            "experience_years",
            "email",
            "phone",
        ]
        widgets = {"birth_date": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("kind") == Person.Kind.STUDENT:
            try:
                data["school_class"] = importer.normalize_class(data.get("school_class") or "")
            except ValueError:
                self.add_error("school_class", "Укажите класс обучающегося, например 7Б.")
        birth = data.get("birth_date")
        if birth and birth > timezone.localdate():
            self.add_error("birth_date", "Дата рождения не может быть в будущем.")
        return data


class RequisitesForm(forms.ModelForm):
    """The organization's name as documents decline it; an emptied field is refilled by the library."""

    class Meta:
        model = Organization
        fields = ["name_genitive", "name_dative"]
        widgets = {
            "name_genitive": forms.Textarea(attrs={"rows": 2}),
            "name_dative": forms.Textarea(attrs={"rows": 2}),
        }


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = LegalRepresentative
        fields = ["last_name", "first_name", "middle_name", "relation", "gender", "phone", "email", "address"]
