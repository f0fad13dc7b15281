"""Forms of events: the event, its attendance, a material and the protocol."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.db.models import Q
from django.utils import timezone

from mentoring.lib import academic_year as years
from mentoring.lib.forms import DateInput, PeopleChoiceField, PersonChoiceField
from mentoring.lib.grammar import plural
from mentoring.lib.uploads import checked_document
from people.models import Person
from reports.events.models import Event

MATERIAL_MAX_BYTES = 20 * 1024 * 1024


def _staff(organization):
    return Person.objects.filter(organization=organization, kind=Person.Kind.STAFF).order_by(
        "last_name", "first_name", "middle_name"
    )


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="Вид мероприятия", choices=Event.Kind.choices)
    title = forms.CharField(label="Тема", max_length=300)
    day = forms.DateField(label="Дата", widget=DateInput())
    at = forms.TimeField(label="Время", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(
        label="Продолжительность, минут",
        min_value=5,
        max_value=720,
        initial=90,
        required=False,
        help_text="Для календаря участников; без значения — 90 минут.",
        error_messages={
            "min_value": "Продолжительность — не меньше 5 минут.",
            "max_value": "Продолжительность — не больше 12 часов (720 минут).",
        },
    )
    place = forms.CharField(label="Место проведения", max_length=200, required=False)
    organizer = PersonChoiceField(label="Организатор", queryset=Person.objects.none())
    people = PeopleChoiceField(
        label="Приглашённые участники",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Удерживайте Ctrl, чтобы выбрать несколько.",
    )
    pairs = forms.ModelMultipleChoiceField(
        label="Пары и группы",
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text="Наставники и наставляемые выбранных пар приглашаются поимённо.",
    )
    classes = forms.CharField(
        label="Классы",
        required=False,
        max_length=300,
        help_text="Через запятую: «5А, 5Б». Посещаемость класса считается числом присутствовавших.",
    )

    def __init__(self, *args, organization, user, **kwargs):
        from pairs.models import Pair

        super().__init__(*args, **kwargs)
        people = Person.objects.visible_to(user).filter(organization=organization)
        self.fields["organizer"].queryset = _staff(organization)
        self.fields["people"].queryset = people.order_by("kind", "last_name", "first_name", "middle_name")
        self.fields["pairs"].queryset = (
            Pair.objects.visible_to(user).filter(organization=organization).open().order_by("pk")
        )

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        local = timezone.localtime(event.starts_at)
        return {
            "kind": event.kind,
            "title": event.title,
            "day": local.date(),
            "at": local.time(),
            "duration_minutes": event.duration_minutes,
            "place": event.place,
            "organizer": event.organizer_id,
            "people": list(event.participants.values_list("person_id", flat=True)),
            "pairs": list(event.pairs.values_list("pk", flat=True)),
            "classes": ", ".join(event.classes.values_list("school_class", flat=True)),
        }

    def action_arguments(self) -> dict:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(data["day"], data["at"] or time(0)))
        return {
            "kind": data["kind"],
            "title": data["title"],
            "starts_at": starts_at,
            "duration_minutes": data["duration_minutes"] or 90,
            "place": data["place"],
            "organizer": data["organizer"],
            "people": list(data["people"]),
            "pairs": list(data["pairs"]),
            "classes": data["classes"],
        }


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Вид", required=False, choices=[("", "Все виды"), *Event.Kind.choices])
    year = forms.ChoiceField(label="Учебный год", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            ("", "Все годы"),
            *years.year_choices(timezone.localdate(), back=4, ahead=1),
        ]


class CancelForm(forms.Form):
    reason = forms.CharField(label="Причина отмены", max_length=300, required=False)


class MaterialForm(forms.Form):
    name = forms.CharField(label="Название", max_length=200, required=False)
    file = forms.FileField(label="Файл (до 20 МБ)")

    def clean_file(self):
        # The library's check: type by content, extension agreeing, archive limits (zip bombs).
        upload = self.cleaned_data["file"]
        kind = checked_document(upload, max_bytes=MATERIAL_MAX_BYTES, max_text="20 МБ")
        self.file_type = kind
        return upload


AGENDA_ROWS = 5


class ProtocolForm(forms.Form):
    """The protocol's requisites and up to five agenda items, each with СЛУШАЛИ/ВЫСТУПИЛИ/РЕШИЛИ."""

    date = forms.DateField(label="Дата протокола", widget=DateInput())
    chair = PersonChoiceField(label="Председатель", queryset=Person.objects.none())
    secretary = PersonChoiceField(label="Секретарь", queryset=Person.objects.none())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = _staff(organization)
        self.fields["secretary"].queryset = _staff(organization)
        textarea = {"rows": 3}
        for i in range(1, AGENDA_ROWS + 1):
            self.fields[f"title_{i}"] = forms.CharField(label=f"{i}. Вопрос повестки", required=False)
            self.fields[f"heard_{i}"] = forms.CharField(
                label="СЛУШАЛИ", required=False, widget=forms.Textarea(attrs=textarea)
            )
            self.fields[f"spoke_{i}"] = forms.CharField(
                label="ВЫСТУПИЛИ", required=False, widget=forms.Textarea(attrs=textarea)
            )
            self.fields[f"decided_{i}"] = forms.CharField(
                label="РЕШИЛИ", required=False, widget=forms.Textarea(attrs=textarea)
            )

    @staticmethod
    def initial_for(protocol) -> dict:
        initial = {"date": protocol.date, "chair": protocol.chair_id, "secretary": protocol.secretary_id}
        for i, item in enumerate(protocol.agenda, start=1):
            for key in ("title", "heard", "spoke", "decided"):
                initial[f"{key}_{i}"] = item.get(key, "")
        return initial

    def agenda_items(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"{key}_{i}"] for key in ("title", "heard", "spoke", "decided")]
            for i in range(1, AGENDA_ROWS + 1)
        ]

    def action_arguments(self) -> dict:
        data = self.cleaned_data
        agenda = [
            {key: data[f"{key}_{i}"] for key in ("title", "heard", "spoke", "decided")}
            for i in range(1, AGENDA_ROWS + 1)
        ]
        return {
            "date": data["date"],
            "chair": data["chair"],
            "secretary": data["secretary"],
            "agenda": agenda,
        }


class AttendanceForm(forms.Form):
    """A tick per invited person and a count per invited class."""

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(event.participants.select_related("person"))
        self.classes = list(event.classes.all())
        for entry in self.participants:
            self.fields[f"p{entry.person_id}"] = forms.BooleanField(
                label=entry.person.full_name, required=False, initial=bool(entry.present)
            )
        for entry in self.classes:
            self.fields[f"c{entry.pk}"] = forms.IntegerField(
                label=f"{entry.school_class} (в классе {entry.enrolled})",
                min_value=0,
                max_value=entry.enrolled,
                initial=entry.present,
                error_messages={
                    "max_value": f"В {entry.school_class} классе {plural(entry.enrolled, 'обучающийся')}.",
                    "required": "Укажите, сколько обучающихся присутствовало.",
                },
            )

    def person_fields(self):
        return [self[f"p{entry.person_id}"] for entry in self.participants]

    def class_fields(self):
        return [self[f"c{entry.pk}"] for entry in self.classes]

    def action_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "present": {e.person_id for e in self.participants if data[f"p{e.person_id}"]},
            "class_counts": {e.school_class: data[f"c{e.pk}"] for e in self.classes},
        }


class TrainingGroupForm(forms.Form):
    """A mentor training group: its name, year, mentors from the bank and sessions required."""

    title = forms.CharField(label="Название группы", max_length=300)
    academic_year = forms.ModelChoiceField(label="Учебный год", queryset=None, empty_label=None)
    mentors = PeopleChoiceField(
        label="Наставники",
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="Из банка наставников. Удерживайте Ctrl, чтобы выбрать несколько.",
    )
    required_sessions = forms.IntegerField(
        label="Занятий для завершения обучения", min_value=1, max_value=50, initial=3
    )

    def __init__(self, *args, organization, group=None, **kwargs):
        from people.models import AcademicYear, Mentor

        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        current = AcademicYear.objects.for_date(today)
        self.fields["academic_year"].queryset = AcademicYear.objects.filter(
            start_year__lte=AcademicYear.start_year_of(today) + 1
        ).order_by("-start_year")
        self.fields["academic_year"].initial = current.pk
        mentors = Mentor.objects.filter(organization=organization).exclude(status=Mentor.Status.INACTIVE)
        if group is not None:
            mentors = Mentor.objects.filter(organization=organization).filter(
                ~Q(status=Mentor.Status.INACTIVE) | Q(training_groups=group)
            )
        self.fields["mentors"].queryset = (
            mentors.select_related("person").distinct().order_by("person__last_name", "person__first_name")
        )

    @classmethod
    def initial_for(cls, group) -> dict:
        return {
            "title": group.title,
            "academic_year": group.academic_year_id,
            "mentors": list(group.mentors.values_list("pk", flat=True)),
            "required_sessions": group.required_sessions,
        }

    def action_arguments(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("title", "academic_year", "required_sessions")} | {
            "mentors": list(data["mentors"])
        }


class TrainingSessionForm(EventForm):
    """The event form without what a session of a group fixes: its kind and its invitations
    (the group's mentors)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "people", "pairs", "classes"):
            del self.fields[name]

    def action_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": timezone.make_aware(datetime.combine(data["day"], data["at"] or time(0))),
            "place": data["place"],
            "organizer": data["organizer"],
        }
