"""Forms of the Положение, the public page and its news, and the methodical library."""

from __future__ import annotations

from pathlib import PurePath

import django_filters as df
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentoring.lib import academic_year
from mentoring.lib.forms import DateInput, StoredFileInput, show_stored_file
from mentoring.lib.protocols import add_council_protocol_field, apply_council_protocol
from mentoring.lib.uploads import ACCEPTED_TEXT, checked_document
from people.models import AcademicYear, MentoringForm, Person
from reports.orders.models import Order
from reports.publication.models import (
    MATERIAL_MAX_BYTES,
    BestPractice,
    Material,
    NewsItem,
    PublicPage,
    Regulation,
)


class Styled:
    """Bootstrap classes on every widget, for forms laid out by hand in templates."""

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


# The Положение ---------------------------------------------------------------------------------


class RegulationTextForm(forms.Form):
    """The title and every section (title and text); an extra blank section adds a new one."""

    title = forms.CharField(label="Заголовок", max_length=300)

    def __init__(self, *args, regulation: Regulation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = regulation.title
        sections = list(regulation.sections) + [{"title": "", "text": ""}]
        self.count = len(sections)
        for i, section in enumerate(sections):
            self.fields[f"title_{i}"] = forms.CharField(
                label=f"Раздел {i + 1}", max_length=300, required=False, initial=section.get("title", "")
            )
            self.fields[f"text_{i}"] = forms.CharField(
                label="Текст",
                required=False,
                initial=section.get("text", ""),
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    def section_fields(self):
        return [(self[f"title_{i}"], self[f"text_{i}"]) for i in range(self.count)]

    def clean(self):
        data = super().clean()
        sections = []
        for i in range(self.count):
            title = (data.get(f"title_{i}") or "").strip()
            text = (data.get(f"text_{i}") or "").replace("\r\n", "\n").strip()
            if not title and not text:
                continue  # an emptied section is removed
            if not title:
                self.add_error(f"title_{i}", "Укажите название раздела или очистите его текст.")
            sections.append({"title": title, "text": text})
        if not any(s["text"] for s in sections):
            raise forms.ValidationError("В положении должен быть хотя бы один раздел с текстом.")
        data["sections"] = sections
        return data


class RegulationCreateForm(forms.Form):
    audience = forms.ChoiceField(label="Положение о наставничестве", choices=Regulation.Audience.choices)


class RegulationSubmitForm(Styled, forms.Form):
    protocol_date = forms.DateField(label="Дата протокола педсовета", widget=DateInput())
    protocol_number = forms.CharField(label="Номер протокола", max_length=40)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        add_council_protocol_field(self, organization, number="protocol_number", date="protocol_date")
        self.style()

    def clean(self):
        return apply_council_protocol(self, super().clean())


class LaunchOrderChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Order) -> str:
        return f"Приказ {obj.display_number} «{obj.title[:80]}»"


class RegulationApproveForm(Styled, forms.Form):
    """A signed launch order of the register, or the date and number of one signed on paper."""

    order = LaunchOrderChoice(
        label="Приказ об утверждении из реестра",
        queryset=Order.objects.none(),
        required=False,
        empty_label="— приказ подписан на бумаге, укажу реквизиты —",
    )
    order_date = forms.DateField(label="Дата приказа", required=False, widget=DateInput())
    order_number = forms.CharField(label="Номер приказа", max_length=40, required=False)

    def __init__(self, *args, organization, **kwargs):
        from reports.publication.actions import signed_launch_orders

        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = signed_launch_orders(organization)
        first = self.fields["order"].queryset.first()
        if first is not None:
            self.fields["order"].initial = first.pk
        self.style()

    def clean(self):
        data = super().clean()
        if not data.get("order") and not (
            data.get("order_date") and (data.get("order_number") or "").strip()
        ):
            raise forms.ValidationError("Выберите подписанный приказ или укажите дату и номер приказа.")
        return data


class CommentForm(Styled, forms.Form):
    comment = forms.CharField(label="Что исправить", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


# The public page and news ----------------------------------------------------------------------


class PublicPageForm(forms.ModelForm):
    class Meta:
        model = PublicPage
        fields = ["is_published", "title", "description", "contacts"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "contacts": forms.Textarea(attrs={"rows": 3}),
        }


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["kind", "title", "body", "event_date", "is_published"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "event_date": DateInput(),
        }

    def clean(self):
        data = super().clean()
        if data.get("kind") != NewsItem.Kind.ANNOUNCEMENT:
            data["event_date"] = None
        elif not data.get("event_date"):
            self.add_error("event_date", "Укажите дату события, о котором анонс.")
        return data


# The methodical library ----------------------------------------------------------------------


class MaterialForm(forms.ModelForm):
    academic_year = forms.TypedChoiceField(label="Учебный год", coerce=int)
    link = forms.URLField(
        label="Ссылка",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="Или ссылка на материал в интернете (тогда файл не нужен).",
    )

    class Meta:
        model = Material
        fields = ["title", "description", "category", "form", "topic", "author", "file", "link"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "file": StoredFileInput()}
        help_texts = {
            "file": f"До 20 МБ: {ACCEPTED_TEXT}.",
        }

    def __init__(self, *args, organization, author: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        current = academic_year.start_year_of(timezone.localdate())
        own = (self.instance.academic_year.start_year,) if self.instance.pk else ()
        self.fields["academic_year"].choices = academic_year.year_choices(
            timezone.localdate(), back=4, extra=own
        )
        self.fields["academic_year"].initial = str(
            self.instance.academic_year.start_year if self.instance.pk else current
        )
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["author"].queryset = Person.objects.not_anonymized().filter(
            organization=organization, kind=Person.Kind.STAFF
        )
        self.fields["author"].label_from_instance = lambda p: (
            f"{p.full_name}, {p.position}" if p.position else p.full_name
        )
        if not self.instance.pk and author is not None:
            self.fields["author"].initial = author.pk
        if self.instance.pk:
            url = reverse("library:file", args=[self.instance.uuid])
            show_stored_file(self, "file", url, self.instance.file_name)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or upload == self.instance.file:
            return upload
        self.sniffed_type = checked_document(upload, max_bytes=MATERIAL_MAX_BYTES, max_text="20 МБ")
        return upload

    def clean(self):
        data = super().clean()
        upload, link = data.get("file"), (data.get("link") or "").strip()
        if "file" in self.errors:
            return data
        if upload and link and upload != self.instance.file:
            raise forms.ValidationError("Загрузите файл или укажите ссылку — что-то одно.")
        if upload and link:
            # Editing: a link given instead of the stored file replaces it (False clears the field).
            data["file"] = False
        if not upload and not link:
            raise forms.ValidationError("Загрузите файл или укажите ссылку на материал.")
        return data

    def save(self, commit: bool = True) -> Material:
        material = super().save(commit=False)
        material.organization = self.organization
        material.academic_year = AcademicYear.objects.get_or_create(
            start_year=self.cleaned_data["academic_year"]
        )[0]
        if getattr(self, "sniffed_type", None):
            upload = self.cleaned_data["file"]
            material.file_type = self.sniffed_type
            material.file_size = upload.size
            material.file_name = PurePath(upload.name).name[:200]
            material.link = ""
        elif not self.cleaned_data.get("file"):
            material.file = ""
            material.file_type = material.file_name = ""
            material.file_size = None
        if commit:
            material.save()
        return material


class MaterialFilter(df.FilterSet):
    q = df.CharFilter(label="Поиск", method="filter_q")
    category = df.ChoiceFilter(label="Раздел", choices=Material.Category.choices)
    form = df.ModelChoiceFilter(label="Форма наставничества", queryset=MentoringForm.objects.all())
    topic = df.CharFilter(label="Тема", lookup_expr="icontains")
    academic_year = df.ModelChoiceFilter(label="Учебный год", queryset=AcademicYear.objects.all())
    best = df.ChoiceFilter(
        label="Лучшие практики", choices=[("yes", "только лучшие практики")], method="filter_best"
    )

    class Meta:
        model = Material
        fields = ["q", "category", "form", "topic", "academic_year", "best"]

    def filter_q(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(topic__icontains=word)
                | Q(author__last_name__icontains=word)
            )
        return queryset

    def filter_best(self, queryset, name, value):
        return queryset.filter(best_practice__isnull=False) if value == "yes" else queryset


class BestPracticeForm(forms.ModelForm):
    class Meta:
        model = BestPractice
        fields = ["title", "summary", "is_public"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}
