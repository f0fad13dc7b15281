from __future__ import annotations

from django import forms

from notifications.models import Email, Kind


class PreferencesForm(forms.Form):
    """One row per kind: shown in the app, and whether and how by e-mail."""

    def __init__(self, *args, current: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind in Kind:
            in_app, email = current.get(kind.value, (True, Email.NOW))
            self.fields[f"{kind.value}-in_app"] = forms.BooleanField(
                label="в приложении", required=False, initial=in_app
            )
            self.fields[f"{kind.value}-email"] = forms.ChoiceField(
                label="письмом", choices=Email.choices, initial=email
            )
            self.rows.append((kind, self[f"{kind.value}-in_app"], self[f"{kind.value}-email"]))

    def choices(self) -> dict[str, tuple[bool, str]]:
        return {
            kind.value: (self.cleaned_data[f"{kind.value}-in_app"], self.cleaned_data[f"{kind.value}-email"])
            for kind in Kind
        }
