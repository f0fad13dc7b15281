"""Forms of the pairs app. Every choice of people is limited to the current organization."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils import timezone

from mentoring.lib import academic_year as years
from mentoring.lib.concurrency import Change, VersionField
from mentoring.lib.forms import DateInput, PeopleChoiceField, StoredFileInput, show_stored_file
from pairs.models import Feedback, Meeting, Pair, PlanItem, Program
from pairs.program_templates import TEMPLATES
from people.forms import validated_scan
from people.models import Mentee, Mentor, MentoringForm, MentoringType, Person


def clean_consent_scan(scan):
    """The mentor's consent scan: PDF, JPEG or PNG by content, at most 10 MB."""
    return validated_scan(scan, "mentor-consent")


class PairForm(forms.Form):
    mentors = PeopleChoiceField(queryset=Mentor.objects.none(), label="Наставники", to_field_name="uuid")
    mentees = PeopleChoiceField(queryset=Mentee.objects.none(), label="Наставляемые", to_field_name="uuid")
    form = forms.ModelChoiceField(MentoringForm.objects.filter(is_active=True), label="Форма наставничества")
    type = forms.ModelChoiceField(MentoringType.objects.all(), label="Вид наставничества")
    planned_start = forms.DateField(label="Плановое начало", widget=DateInput())
    planned_end = forms.DateField(label="Плановое окончание", widget=DateInput())
    mentor_consent_on = forms.DateField(
        label="Дата письменного согласия наставника на дополнительную работу",
        required=False,
        widget=DateInput(),
    )
    mentor_consent_scan = forms.FileField(
        label="Скан-копия согласия наставника", required=False, widget=StoredFileInput()
    )
    capacity_override_reason = forms.CharField(
        label="Обоснование превышения нагрузки наставника",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Заполняется, только если у наставника нет свободных мест.",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = (
            Mentor.objects.filter(organization=organization)
            .exclude(status=Mentor.Status.INACTIVE)
            .select_related("person")
        )
        self.fields["mentees"].queryset = Mentee.objects.filter(
            organization=organization,
            status__in=[Mentee.Status.WAITING, Mentee.Status.UNPAIRED, Mentee.Status.APPLICATION],
        ).select_related("person")
        today = timezone.localdate()
        self.fields["planned_start"].initial = today
        self.fields["planned_end"].initial = years.next_classes_end(today)

    def clean_mentor_consent_scan(self):
        return clean_consent_scan(self.cleaned_data.get("mentor_consent_scan"))

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", "Окончание не может быть раньше начала.")
        return data


class PairEditForm(forms.ModelForm):
    """The conditions of an open pair: form, type, dates, the mentor's written consent."""

    version = VersionField()

    class Meta:
        model = Pair
        fields = ["form", "type", "planned_start", "planned_end", "mentor_consent_on", "mentor_consent_scan"]
        widgets = {"planned_start": DateInput(), "planned_end": DateInput(), "mentor_consent_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["version"].initial = self.instance.version
        url = reverse("pairs:pair_consent_scan", args=[self.instance.uuid])
        show_stored_file(self, "mentor_consent_scan", url)

    def clean_mentor_consent_scan(self):
        return clean_consent_scan(self.cleaned_data.get("mentor_consent_scan"))

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", "Окончание не может быть раньше начала.")
        return data


class CompleteForm(forms.Form):
    outcome = forms.ChoiceField(choices=Pair.Outcome.choices, label="Оценка результата")
    outcome_text = forms.CharField(
        label="Итоги работы", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TerminateForm(forms.Form):
    reason = forms.CharField(label="Причина прекращения", widget=forms.Textarea(attrs={"rows": 2}))


class SupportForm(forms.Form):
    date = forms.DateField(label="Дата", widget=DateInput(), initial=timezone.localdate)
    action = forms.CharField(label="Что сделано", widget=forms.Textarea(attrs={"rows": 2}))


class TemplateChoiceForm(forms.Form):
    template = forms.ChoiceField(label="Шаблон", choices=[(key, t.title) for key, t in TEMPLATES.items()])


class ProgramForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Program
        fields = ["kind", "deficits", "goals", "tasks", "period_start", "period_end"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "deficits": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.Textarea(attrs={"rows": 2}),
            "tasks": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Окончание не может быть раньше начала.")
        return data


class PlanItemForm(forms.ModelForm):
    """One line of the plan. On an empty extra line nothing is required (nor marked «*»): the
    fields the line needs are checked once something is typed into it."""

    needed_when_used: tuple[str, ...] = ()

    def make_optional(self) -> None:
        self.needed_when_used = tuple(name for name, field in self.fields.items() if field.required)
        for name in self.needed_when_used:
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        for name in self.needed_when_used:
            if data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, forms.Field.default_error_messages["required"])
        return data


class BasePlanItemFormSet(forms.BaseInlineFormSet):
    """The empty rows offer the next numbers of the plan, not «0», and are optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = max((item.position for item in self.get_queryset()), default=0)
        self.initial_extra = [{"position": last + n} for n in range(1, self.extra + 1)]

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i >= self.initial_form_count():
            form.make_optional()
        return form


PlanItemFormSet = forms.inlineformset_factory(
    Program,
    PlanItem,
    form=PlanItemForm,
    formset=BasePlanItemFormSet,
    fields=["position", "content", "deadline", "expected_result", "reporting_form"],
    widgets={
        "deadline": DateInput(),
        "content": forms.Textarea(attrs={"rows": 2}),
        "expected_result": forms.Textarea(attrs={"rows": 2}),
        # A form of reporting is a phrase («Диагностическая работа, протокол»): it wraps, not cut.
        "reporting_form": forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
        "position": forms.NumberInput(attrs={"class": "form-control-sm", "min": 0}),
    },
    extra=2,
    can_delete=True,
)


def _plan_line(position, content, deadline) -> str:
    when = f"{deadline:%d.%m.%Y}" if hasattr(deadline, "strftime") else (deadline or "без срока")
    return f"{position}. {' '.join(str(content or '').split())} — {when}"


def plan_changes(formset, items: list[PlanItem]) -> list[Change]:
    """The plan compared as one field: the saved items against the rows the user submitted."""
    saved = [_plan_line(i.position, i.content, i.deadline) for i in items]
    entered = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {})

        def value(name, form=form, data=data):
            return data[name] if name in data else form.data.get(form.add_prefix(name), "")

        if value("DELETE") in (True, "on") or (form.instance.pk is None and not form.has_changed()):
            continue
        position = value("position")
        entered.append((int(position) if str(position).isdigit() else 0, value("content"), value("deadline")))
    lines = [_plan_line(*row) for row in sorted(entered, key=lambda row: row[0])]
    if lines == saved:
        return []
    return [Change("План", "\n".join(saved) or "—", "\n".join(lines) or "—")]


class ItemProgressForm(forms.Form):
    done = forms.BooleanField(label="Выполнено", required=False)
    evidence = forms.CharField(label="Подтверждение", required=False, max_length=2000)


class MeetingForm(forms.ModelForm):
    attendees = forms.ModelMultipleChoiceField(
        Person.objects.none(),
        label="Присутствовали",
        widget=forms.CheckboxSelectMultiple,
        to_field_name="uuid",
    )

    class Meta:
        model = Meeting
        fields = ["kind", "date", "duration_minutes", "format", "topic", "summary", "next_steps", "attendees"]
        widgets = {
            "date": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, pair: Pair, **kwargs):
        super().__init__(*args, **kwargs)
        people = pair.participant_people()
        self.fields["attendees"].queryset = Person.objects.filter(pk__in=[p.pk for p in people])
        self.fields["attendees"].label_from_instance = lambda p: p.short_name
        if not self.is_bound:
            self.initial.setdefault("attendees", [p.uuid for p in people])
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("kind", next_meeting_kind(pair))


class MeetingPlanForm(MeetingForm):
    """A meeting scheduled ahead: when, where (or the video link) and what about."""

    attendees = forms.ModelMultipleChoiceField(
        Person.objects.none(),
        label="Участники",
        widget=forms.CheckboxSelectMultiple,
        to_field_name="uuid",
    )
    video_link = forms.URLField(
        label="Ссылка на видеовстречу", required=False, max_length=500, assume_scheme="https"
    )

    class Meta(MeetingForm.Meta):
        fields = [
            "kind",
            "date",
            "time",
            "duration_minutes",
            "format",
            "place",
            "video_link",
            "topic",
            "agenda",
            "attendees",
        ]
        widgets = {
            "date": DateInput(),
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "agenda": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, pair: Pair, **kwargs):
        super().__init__(*args, pair=pair, **kwargs)
        self.fields["time"].required = True
        if not self.is_bound:
            self.initial["date"] = timezone.localdate() + timedelta(days=7)


class MeetingHoldForm(forms.Form):
    """The notes of a planned meeting that took place, and who came."""

    summary = forms.CharField(label="Что обсудили, результаты", widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(
        label="Следующие шаги", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    attendees = forms.ModelMultipleChoiceField(
        Person.objects.none(),
        label="Присутствовали",
        widget=forms.CheckboxSelectMultiple,
        to_field_name="uuid",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        people = meeting.pair.participant_people()
        self.fields["attendees"].queryset = Person.objects.filter(pk__in=[p.pk for p in people])
        self.fields["attendees"].label_from_instance = lambda p: p.short_name
        if not self.is_bound:
            self.initial["attendees"] = [p.uuid for p in meeting.attendees.all()]


class MeetingMoveForm(forms.Form):
    date = forms.DateField(label="Новая дата", widget=DateInput())
    time = forms.TimeField(label="Время", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


def next_meeting_kind(pair: Pair) -> str:
    """The kind a new meeting most likely is, from the kinds held or planned so far."""
    held = set(
        pair.meetings.filter(status__in=[Meeting.Status.HELD, Meeting.Status.PLANNED]).values_list(
            "kind", flat=True
        )
    )
    for kind in (Meeting.Kind.FIRST, Meeting.Kind.SECOND, Meeting.Kind.PLANNING):
        if kind not in held:
            return kind
    return Meeting.Kind.REGULAR


RATINGS = ("usefulness", "comfort", "clarity")
RATING_OUT_OF_RANGE = "Оценка — от 1 до 10."


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = [*RATINGS, "what_worked", "what_was_hard", "private_note"]
        widgets = {
            "what_worked": forms.Textarea(attrs={"rows": 2}),
            "what_was_hard": forms.Textarea(attrs={"rows": 2}),
            "private_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's PositiveSmallIntegerField makes a field of 0 and up (and writes min="0" over
        # any widget's own attributes): the scale is 1–10, in the browser and on the server.
        for name in RATINGS:
            field = self.fields[name]
            field.validators = [
                *(v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)),
                MinValueValidator(1, RATING_OUT_OF_RANGE),
                MaxValueValidator(10, RATING_OUT_OF_RANGE),
            ]
            field.widget.attrs.update(min=1, max=10)
