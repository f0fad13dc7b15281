from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html

from accounts.actions import AUTO, EMAIL, SLIP
from people.models import Person

CHANNEL_CHOICES = [
    (EMAIL, "письмом со ссылкой"),
    (SLIP, "листками доступа (PDF)"),
    (AUTO, "письмом, у кого есть адрес, остальным — листки"),
]


class InviteForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label="Участники", queryset=Person.objects.none(), to_field_name="uuid", required=False
    )
    everyone = forms.BooleanField(label="все участники без учётной записи", required=False)
    channel = forms.ChoiceField(label="Как передать", choices=CHANNEL_CHOICES)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["people"].error_messages["invalid_choice"] = "Участник не найден в вашей организации."

    def clean(self):
        data = super().clean()
        if not data.get("people") and not data.get("everyone"):
            raise forms.ValidationError(
                "Отметьте участников в таблице или выберите «все участники без учётной записи»."
            )
        return data


class _PasswordPair(forms.Form):
    password1 = forms.CharField(
        label="Новый пароль",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Пароль ещё раз",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", "Пароли не совпадают.")
        return data


class ActivateForm(_PasswordPair):
    """Setting the password from the e-mail link (the token is in the URL)."""


class ActivateCodeForm(_PasswordPair):
    """Setting the password with the login and the one-time code from the access slip."""

    username = forms.CharField(
        label="Логин", max_length=150, widget=forms.TextInput(attrs={"autocapitalize": "none"})
    )
    code = forms.CharField(label="Код с листка", max_length=20)

    field_order = ["username", "code", "password1", "password2"]
