"""The statistical forms: a region's own form is rows picked from the known indicators."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from reports.monitoring import catalogue
from reports.monitoring.models import StatisticalForm, StatisticalFormRow


class RowForm(forms.ModelForm):
    # Every indicator of the catalogue: the form's counts, the monitoring page's indicators and its
    # breakdowns by mentee category and by form of mentoring.
    indicator = forms.ChoiceField(label="Показатель", choices=catalogue.choices)

    class Meta:
        model = StatisticalFormRow
        fields = ["position", "number", "label", "indicator", "kind"]


class RowFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        kept = 0
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE") or not form.cleaned_data:
                continue
            kept += 1
            number = (form.cleaned_data.get("number") or "").strip()
            if number and number in seen:
                raise forms.ValidationError(
                    f"Номер строки «{number}» повторяется: номера должны быть разными."
                )
            seen.add(number)
        if not kept:
            raise forms.ValidationError("В форме должна быть хотя бы одна строка.")


class StatisticalFormRowInline(admin.TabularInline):
    model = StatisticalFormRow
    form = RowForm
    formset = RowFormSet
    extra = 1
    fields = ["position", "number", "label", "indicator", "kind"]


@admin.register(StatisticalForm)
class StatisticalFormAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "is_default"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]
    inlines = [StatisticalFormRowInline]
