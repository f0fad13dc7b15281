from __future__ import annotations

from django import forms
from django.utils import timezone

from mentoring.lib import academic_year as years
from mentoring.lib.concurrency import VersionField
from mentoring.lib.forms import DateInput
from mentoring.lib.protocols import add_council_protocol_field, apply_council_protocol
from mentoring.lib.uploads import checked_document
from people.models import Person
from roadmap.models import Activity, Roadmap, Stage


def year_choices() -> list[tuple[str, str]]:
    return years.year_choices(timezone.localdate(), back=5, ahead=2)


class CreateRoadmapForm(forms.Form):
    SOURCES = [
        ("template", "Из типового шаблона (семь этапов)"),
        ("copy", "Копия дорожной карты прошлых лет"),
    ]
    year = forms.ChoiceField(label="Учебный год")
    source = forms.ChoiceField(label="Основа", choices=SOURCES, widget=forms.RadioSelect, initial="template")
    copy_from = forms.ModelChoiceField(
        label="Какую дорожную карту скопировать", queryset=Roadmap.objects.none(), required=False
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["year"].initial = str(years.start_year_of(timezone.localdate()))
        self.fields["copy_from"].queryset = Roadmap.objects.filter(organization=organization).select_related(
            "academic_year"
        )

    def clean(self):
        data = super().clean()
        if data.get("source") == "copy" and not data.get("copy_from"):
            self.add_error("copy_from", "Выберите дорожную карту, которую нужно скопировать.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label="Файл Word (.docx)")
    year = forms.ChoiceField(label="Учебный год")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["year"].initial = str(years.start_year_of(timezone.localdate()))


class ApproveForm(forms.Form):
    approved_on = forms.DateField(label="Дата утверждения", widget=DateInput(), initial=timezone.localdate)
    order_number = forms.CharField(label="Номер приказа", max_length=40)
    order_date = forms.DateField(label="Дата приказа", widget=DateInput(), initial=timezone.localdate)
    protocol_number = forms.CharField(
        label="Номер протокола педагогического совета", max_length=40, required=False
    )
    protocol_date = forms.DateField(label="Дата протокола", widget=DateInput(), required=False)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        add_council_protocol_field(self, organization, number="protocol_number", date="protocol_date")

    def clean(self):
        data = apply_council_protocol(self, super().clean())
        if data.get("protocol_number") and not data.get("protocol_date"):
            self.add_error("protocol_date", "Укажите дату протокола педагогического совета.")
        return data


class ReturnForm(forms.Form):
    comment = forms.CharField(label="Что нужно исправить", widget=forms.Textarea(attrs={"rows": 3}))


class AmendForm(forms.Form):
    reason = forms.CharField(label="Причина изменения", widget=forms.Textarea(attrs={"rows": 2}))


class ActivityForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Activity
        fields = [
            "number",
            "title",
            "content",
            "deadline_text",
            "responsible",
            "responsible_roles",
            "expected_result",
            "kpi",
            "kpi_target",
        ]
        help_texts = {
            "kpi_target": "Пусто — прочитать из текста показателя («не менее 90 %», «не менее 3 занятий»)."
        }
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "content": forms.Textarea(attrs={"rows": 3}),
            "responsible_roles": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
            "kpi": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # Only staff of the roadmap's own organization can be responsible.
        self.fields["responsible"].queryset = Person.objects.filter(organization=organization).staff()
        self.fields["responsible"].required = False
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version


MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


class StatusForm(forms.Form):
    version = VersionField()
    status = forms.ChoiceField(label="Новый статус", choices=Activity.Status.choices)
    completed_on = forms.DateField(label="Дата выполнения", widget=DateInput(), required=False)
    evidence_file = forms.FileField(label="Подтверждающий файл", required=False)
    evidence_link = forms.URLField(label="Ссылка", required=False, assume_scheme="https")
    evidence_note = forms.CharField(
        label="Примечание (например, «протокол от 30.08.2024 № 1»)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, activity: Activity, **kwargs):
        from roadmap.actions import ALLOWED_MOVES

        super().__init__(*args, **kwargs)
        # Offer only the moves the workflow allows from the current status.
        allowed = ALLOWED_MOVES.get(activity.status, set())
        self.fields["status"].choices = [(v, label) for v, label in Activity.Status.choices if v in allowed]
        self.completes = Activity.Status.DONE in allowed
        if self.completes:
            # Left empty, the date is today's (the action fills it in): a date typed in advance
            # would be sent with every other status too.
            self.fields["completed_on"].help_text = "Для статуса «выполнено»; если не указана — сегодня."
        else:
            # Without «выполнено» among the moves there is nothing to date or to prove.
            for name in ("completed_on", "evidence_file", "evidence_link"):
                del self.fields[name]
            if Activity.Status.CANCELLED not in allowed:
                del self.fields["evidence_note"]
        self.fields["version"].initial = activity.version

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            # Evidence is served to every member of the school: only documents, checked by content.
            checked_document(upload, max_bytes=MAX_EVIDENCE_BYTES, max_text="20 МБ (или дайте ссылку)")
        return upload


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["title"]


class RoadmapForm(forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}


class KpiActualForm(forms.Form):
    value = forms.DecimalField(
        label="Фактическое значение",
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
        help_text="Пусто — факт ещё не известен.",
    )


class OccurrenceForm(forms.Form):
    completed_on = forms.DateField(label="Дата выполнения", widget=DateInput(), required=False)
    evidence_link = forms.URLField(label="Ссылка", required=False, assume_scheme="https")
    evidence_note = forms.CharField(
        label="Примечание (например, «протокол от 30.11.2026 № 3»)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].initial = timezone.localdate()
