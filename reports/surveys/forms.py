"""Forms of questionnaires and campaigns, and the answer form built from a questionnaire.

Choices of questionnaires, pairs and campaigns are limited to the current organization.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from mentoring.lib.forms import DateInput
from pairs.models import Pair
from people.models import AcademicYear, MentoringForm
from reports.surveys.actions import clean_options
from reports.surveys.models import Campaign, CampaignSchedule, Question, Questionnaire, Section
from reports.surveys.standard import TEMPLATES

REQUIRED = "Это обязательный вопрос: выберите или впишите ответ."
BAD_CHOICE = "Выберите один из предложенных вариантов."


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label="Шаблон",
        choices=[("", "— пустая анкета —"), *((k, t.title) for k, t in TEMPLATES.items())],
        required=False,
    )
    title = forms.CharField(label="Название (для пустой анкеты)", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("template") and not (data.get("title") or "").strip():
            raise forms.ValidationError("Выберите шаблон или укажите название новой анкеты.")
        return data


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label="Варианты ответа",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Для вопросов с выбором: по одному варианту в строке.",
    )

    class Meta:
        model = Question
        fields = ["text", "kind", "required", "help_text", "code"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "code": "Необязательно. Одинаковый код у вопросов двух анкет позволяет сравнить ответы."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["options_text"].initial = "\n".join(self.instance.options)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind:
            try:
                self.instance.options = clean_options(kind, data.get("options_text") or "")
            except forms.ValidationError as exc:
                self.add_error("options_text", exc)
        return data


class CampaignForm(forms.ModelForm):
    target_pairs = forms.ModelMultipleChoiceField(
        Pair.objects.none(),
        label="Пары и группы",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "questionnaire",
            "academic_year",
            "target",
            "target_form",
            "target_class",
            "opens_on",
            "closes_on",
            "anonymous",
            "baseline",
        ]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(organization=organization)
        current = AcademicYear.objects.current()
        self.fields["academic_year"].queryset = AcademicYear.objects.filter(
            start_year__gte=current.start_year - 2, start_year__lte=current.start_year + 1
        )
        self.fields["target_form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["target_pairs"].queryset = Pair.objects.filter(organization=organization).for_list()
        baseline = Campaign.objects.filter(organization=organization).exclude(status=Campaign.Status.DRAFT)
        if self.instance.pk:
            baseline = baseline.exclude(pk=self.instance.pk)
            self.fields["target_pairs"].initial = list(
                self.instance.target_pairs.values_list("pk", flat=True)
            )
        self.fields["baseline"].queryset = baseline
        if not self.instance.pk:
            today = timezone.localdate()
            self.fields["academic_year"].initial = current.pk
            self.fields["opens_on"].initial = today
            self.fields["closes_on"].initial = today + timedelta(days=14)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "Окончание не может быть раньше начала.")
        target = data.get("target")
        if target == Campaign.Target.FORM_MENTEES and not data.get("target_form"):
            self.add_error("target_form", "Выберите форму наставничества.")
        with_class = (Campaign.Target.SCHOOL_CLASS, Campaign.Target.PARENTS_CLASS)
        if target in with_class and not (data.get("target_class") or "").strip():
            self.add_error("target_class", "Укажите класс, например «7Б».")
        with_pairs = (Campaign.Target.PAIRS, Campaign.Target.PARENTS_PAIRS)
        if target in with_pairs and not data.get("target_pairs"):
            self.add_error("target_pairs", "Выберите хотя бы одну пару или группу.")
        return data


class EditCodeForm(forms.Form):
    edit_code = forms.CharField(label="Код для изменения ответов", max_length=40)


def _field_for(question: Question) -> forms.Field:
    common = {
        "label": question.text,
        "required": question.required,
        "help_text": question.help_text,
        "error_messages": {"required": REQUIRED, "invalid_choice": BAD_CHOICE, "invalid_list": BAD_CHOICE},
    }
    if question.is_text:
        short = question.kind == Question.Kind.SHORT
        return forms.CharField(
            max_length=300 if short else 5000,
            widget=forms.TextInput(attrs={"class": "form-control"})
            if short
            else forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            **common,
        )
    choices = [(str(value), label) for value, label in question.value_labels()]
    if question.kind == Question.Kind.MULTIPLE:
        widget = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
        return forms.MultipleChoiceField(choices=choices, widget=widget, **common)
    widget = forms.RadioSelect(
        attrs={"class": "form-check-input scale" if question.is_scale else "form-check-input"}
    )
    return forms.ChoiceField(choices=choices, widget=widget, **common)


class AnswerForm(forms.Form):
    """One field `q<id>` per question, in the order of sections and questions."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = _field_for(question)

    def clean(self):
        data = super().clean()
        missing = [f for f in self.errors if f != "__all__" and REQUIRED in self.errors[f]]
        if missing:
            n = len(missing)
            raise forms.ValidationError(
                f"Не заполнены обязательные вопросы: {n}. Они отмечены ниже; ответы на остальные вопросы сохранены в форме."
            )
        return data

    def sections(self):
        """(section, [bound fields]) in order, for the template."""
        result: list[tuple[Section, list]] = []
        for question in self.questions:
            if not result or result[-1][0].pk != question.section_id:
                result.append((question.section, []))
            result[-1][1].append(self[f"q{question.pk}"])
        return result


def initial_from(questions: list[Question], answers) -> dict:
    """The answer form's initial data from saved answers."""
    by_question: dict[int, list] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    initial = {}
    for question in questions:
        saved = by_question.get(question.pk)
        if not saved:
            continue
        if question.is_text:
            initial[f"q{question.pk}"] = saved[0].text
        elif question.kind == Question.Kind.MULTIPLE:
            initial[f"q{question.pk}"] = [str(a.value) for a in saved]
        else:
            initial[f"q{question.pk}"] = str(saved[0].value)
    return initial


class LinksForm(forms.Form):
    """How the personal one-time links reach the addressees without an account (issue 19)."""

    channel = forms.ChoiceField(
        label="Как передать ссылки",
        choices=[
            ("auto", "письмом, у кого есть адрес, остальным — листки с QR-кодом"),
            ("email", "только письмом"),
            ("slip", "листками с QR-кодом (PDF)"),
        ],
        initial="auto",
    )


class SlipCodeForm(forms.Form):
    """The code of a slip, typed by hand (issue 19): a personal link's or a public link's."""

    code = forms.CharField(
        label="Код с листка",
        max_length=20,
        error_messages={"required": "Введите код, напечатанный на листке, например «K7MP-3QXT»."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class ScheduleForm(forms.Form):
    """Repeat a campaign: how often, and for how many days each period's campaign takes answers."""

    frequency = forms.ChoiceField(
        label="Повторять",
        choices=CampaignSchedule.Frequency.choices,
        initial=CampaignSchedule.Frequency.QUARTERLY,
        widget=forms.RadioSelect,
        help_text="Четверти — как у повторяющихся мероприятий дорожной карты: сентябрь–ноябрь, "
        "декабрь–февраль, март–май, июнь–август.",
    )
    days_open = forms.IntegerField(
        label="Дней на ответы",
        min_value=1,
        max_value=92,
        initial=14,
        error_messages={
            "min_value": "Дней на ответы — не меньше одного.",
            "max_value": "Дней на ответы — не больше 92.",
            "invalid": "Укажите число дней.",
            "required": "Укажите, сколько дней принимать ответы.",
        },
        help_text="Анкетирование открывается в первый день периода и идёт столько дней, но не дольше периода.",
    )
