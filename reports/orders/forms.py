"""Forms of orders: parameters of a new draft, its wording, a person's name form and reward."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from mentoring.lib import academic_year
from mentoring.lib.forms import PeopleChoiceField, PersonChoiceField
from people.models import AcademicYear, Person
from reports.orders.models import Order, OrderPerson


def _year_choices() -> list[tuple[str, str]]:
    return academic_year.year_choices(timezone.localdate(), back=1, ahead=1)


class VersionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} — редакция {obj.version}, {obj.get_status_display()}"


class RoadmapChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"Дорожная карта {obj.academic_year.label}, версия {obj.version} ({obj.get_status_display()})"


class LaunchOrderForm(forms.Form):
    """What the launch order approves — exactly these versions — and whom it appoints curator."""

    academic_year = forms.TypedChoiceField(label="Учебный год", coerce=int)
    roadmap = RoadmapChoiceField(
        label="Утверждаемая дорожная карта",
        queryset=Order.objects.none(),
        required=False,
        empty_label="— не утверждать дорожную карту —",
        help_text="Черновик или версия на утверждении; к подписи она должна быть отправлена на утверждение.",
    )
    curator = PersonChoiceField(
        label="Куратор",
        queryset=Person.objects.none(),
        required=False,
        help_text="Оставьте пустым, если куратор на этот учебный год уже назначен.",
    )

    def __init__(self, *args, organization, **kwargs):
        from reports.orders.approvals import approvables
        from roadmap.models import Roadmap

        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = _year_choices()
        self.fields["academic_year"].initial = str(AcademicYear.objects.current().start_year)
        self.fields["curator"].queryset = Person.objects.filter(organization=organization).staff()
        self.fields["roadmap"].queryset = Roadmap.objects.filter(
            organization=organization, status__in=[Roadmap.Status.DRAFT, Roadmap.Status.REVIEW]
        ).select_related("academic_year")
        self.approvables = approvables()
        for approvable in self.approvables:
            self.fields[approvable.key] = VersionChoiceField(
                label=f"Утверждаемое {approvable.label[0].lower()}{approvable.label[1:]}",
                queryset=approvable.choices(organization),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Приказ утвердит именно выбранную редакцию; она прилагается к приказу.",
            )

    def clean(self):
        data = super().clean()
        roadmap = data.get("roadmap")
        if (
            roadmap is not None
            and data.get("academic_year")
            and roadmap.academic_year.start_year != data["academic_year"]
        ):
            self.add_error(
                "roadmap", "Дорожная карта другого учебного года: выберите карту того же года, что и приказ."
            )
        return data

    def draft_arguments(self) -> dict:
        curator = self.cleaned_data["curator"]
        return {
            "people": [curator] if curator else [],
            "role": OrderPerson.Role.CURATOR,
            "academic_year": AcademicYear.objects.get_or_create(
                start_year=self.cleaned_data["academic_year"]
            )[0],
            "roadmap": self.cleaned_data["roadmap"],
            "approve": {a.key: list(self.cleaned_data.get(a.key) or []) for a in self.approvables},
        }


class RewardOrderForm(forms.Form):
    academic_year = forms.TypedChoiceField(label="Учебный год", coerce=int)
    people = PeopleChoiceField(
        label="Кого поощрить",
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text="Удерживайте Ctrl, чтобы выбрать нескольких. Вид поощрения каждому можно изменить в черновике.",
    )
    reward = forms.ChoiceField(label="Вид поощрения", choices=OrderPerson.Reward.choices)
    merit = forms.CharField(
        label="За что",
        max_length=300,
        required=False,
        help_text="Например: «за активное участие в реализации программы наставничества в 2024/2025 учебном году»",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = _year_choices()
        self.fields["academic_year"].initial = str(AcademicYear.objects.current().start_year)
        self.fields["people"].queryset = Person.objects.not_anonymized().filter(organization=organization)

    def draft_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "people": list(data["people"]),
            "role": OrderPerson.Role.REWARDED,
            "academic_year": AcademicYear.objects.get_or_create(start_year=data["academic_year"])[0],
            "params": {"merit": data["merit"].strip()} if data["merit"].strip() else {},
            "person_fields": {"reward": data["reward"]},
        }


class PairsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        mentors = ", ".join(link.mentor.person.full_name for link in obj.pair_mentors.all())
        mentees = ", ".join(link.mentee.person.full_name for link in obj.pair_mentees.all())
        return f"{mentors} → {mentees} ({obj.form.name}; {obj.get_status_display()})"


class PairsOrderForm(forms.Form):
    """Pairs for an order about pairs; which pairs may be chosen depends on the kind."""

    PAIR_STATUSES = {
        Order.Kind.PAIRS: ("project", "active"),
        Order.Kind.PROGRAMS: ("project", "active"),
        Order.Kind.COMPLETION: ("active", "completed"),
    }
    academic_year = forms.TypedChoiceField(label="Учебный год", coerce=int)
    pairs = PairsChoiceField(
        label="Наставнические пары и группы",
        queryset=Order.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organization, kind: str, **kwargs):
        from pairs.models import Pair

        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["academic_year"].choices = _year_choices()
        self.fields["academic_year"].initial = str(AcademicYear.objects.current().start_year)
        pairs = Pair.objects.filter(organization=organization, status__in=self.PAIR_STATUSES[kind])
        if kind == Order.Kind.PROGRAMS:
            pairs = pairs.filter(program__isnull=False)
        self.fields["pairs"].queryset = pairs.for_list().order_by("planned_start", "pk")

    def clean_pairs(self):
        pairs = list(self.cleaned_data["pairs"])
        if self.kind == Order.Kind.PAIRS:
            missing = [p for p in pairs if not p.mentor_consent_on]
            if missing:
                raise forms.ValidationError(
                    "Нет письменного согласия наставника на дополнительную работу: "
                    + "; ".join(self.fields["pairs"].label_from_instance(p) for p in missing)
                    + ". Укажите дату согласия в карточке пары."
                )
        return pairs

    def draft_arguments(self) -> dict:
        return {
            "pairs": self.cleaned_data["pairs"],
            "academic_year": AcademicYear.objects.get_or_create(
                start_year=self.cleaned_data["academic_year"]
            )[0],
        }


def kind_form(kind: str, data, *, organization):
    if kind in Order.PAIR_KINDS:
        return PairsOrderForm(data, organization=organization, kind=kind)
    return {
        Order.Kind.LAUNCH: LaunchOrderForm,
        Order.Kind.REWARD: RewardOrderForm,
        Order.Kind.OTHER: OtherOrderForm,
    }[kind](data, organization=organization)


class PointsField(forms.CharField):
    """The points as text: one point per paragraph (blank line between), optional lines
    «Ответственный: …» and «Срок: …» at its end."""

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        blocks = []
        for point in value or []:
            lines = [point.get("text", "")]
            if point.get("executor"):
                lines.append(f"Ответственный: {point['executor']}")
            if point.get("deadline"):
                lines.append(f"Срок: {point['deadline']}")
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    def to_python(self, value):
        text = super().to_python(value).replace("\r\n", "\n")
        points = []
        for block in (b.strip() for b in text.split("\n\n")):
            if not block:
                continue
            point = {"text": []}
            for line in block.splitlines():
                stripped = line.strip()
                if stripped.startswith("Ответственный:"):
                    point["executor"] = stripped.removeprefix("Ответственный:").strip()
                elif stripped.startswith("Срок:"):
                    point["deadline"] = stripped.removeprefix("Срок:").strip()
                else:
                    point["text"].append(stripped)
            point["text"] = "\n".join(point["text"])
            if not point["text"]:
                raise forms.ValidationError(
                    "У каждого пункта должен быть текст, не только ответственный и срок."
                )
            points.append(point)
        if not points:
            raise forms.ValidationError("В приказе должен быть хотя бы один пункт.")
        return points


APPENDIX_SEPARATOR = "---"


class AppendicesField(forms.CharField):
    """Free-text appendices: the first line of each is its title, then its text; appendices are
    separated by a line «---». Stored as the order's appendix {"texts": [{title, lines}, …]}."""

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        texts = (value or {}).get("texts", [])
        return f"\n{APPENDIX_SEPARATOR}\n".join("\n".join([text["title"], *text["lines"]]) for text in texts)

    def to_python(self, value):
        text = super().to_python(value).replace("\r\n", "\n")
        texts = []
        block: list[str] = []
        for line in [*text.split("\n"), APPENDIX_SEPARATOR]:
            if line.strip() != APPENDIX_SEPARATOR:
                block.append(line.rstrip())
                continue
            while block and not block[0].strip():
                block.pop(0)
            while block and not block[-1].strip():
                block.pop()
            if block:
                title, *lines = block
                if not lines:
                    raise forms.ValidationError(
                        f"В приложении «{title.strip()}» нет текста: после заголовка напишите содержание."
                    )
                texts.append({"title": title.strip(), "lines": lines})
            block = []
        return {"texts": texts} if texts else {}


class OtherOrderForm(forms.Form):
    """A free-form order («Иной приказ»): the curator writes the whole wording."""

    academic_year = forms.TypedChoiceField(label="Учебный год", coerce=int)
    title = forms.CharField(
        label="Заголовок",
        max_length=500,
        help_text="Начинается с «О …», например: «О допуске обучающихся с ОВЗ к программам наставничества».",
    )
    preamble = forms.CharField(
        label="Преамбула",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Основание и цель, без завершающей запятой: перед «ПРИКАЗЫВАЮ:» она ставится сама.",
    )
    points = PointsField(
        label="Пункты приказа",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Каждый пункт — отдельный абзац (пустая строка между пунктами). Строки «Ответственный: …» "
        "и «Срок: …» в конце пункта. Номера проставляются автоматически; пункт о контроле добавляется сам.",
    )
    appendices = AppendicesField(
        label="Приложения",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Первая строка приложения — его заголовок, дальше текст. Приложения разделяются строкой «---».",
    )
    people = PeopleChoiceField(
        label="Кого ознакомить с приказом",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Работники, которые распишутся в листе ознакомления. Удерживайте Ctrl, чтобы выбрать нескольких.",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = _year_choices()
        self.fields["academic_year"].initial = str(AcademicYear.objects.current().start_year)
        self.fields["people"].queryset = (
            Person.objects.not_anonymized().filter(organization=organization).staff()
        )

    def clean_title(self) -> str:
        return _clean_title(self.cleaned_data["title"])

    def clean_preamble(self) -> str:
        return self.cleaned_data["preamble"].strip().rstrip(",:")

    def draft_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "people": list(data["people"]),
            "role": OrderPerson.Role.ACQUAINTED,
            "academic_year": AcademicYear.objects.get_or_create(start_year=data["academic_year"])[0],
            "wording": {
                "title": data["title"],
                "preamble": data["preamble"],
                "points": data["points"],
                "appendix": data["appendices"],
            },
        }


def _clean_title(value: str) -> str:
    title = value.strip().rstrip(".")
    if not title.startswith("О"):
        raise forms.ValidationError("Заголовок приказа начинается с «О …» (например, «О поощрении …»).")
    return title


class OrderTextForm(forms.ModelForm):
    points = PointsField(
        label="Пункты приказа",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Каждый пункт — отдельный абзац (пустая строка между пунктами). Строки «Ответственный: …» "
        "и «Срок: …» в конце пункта. Номера проставляются автоматически; пункт о контроле — ниже.",
    )

    class Meta:
        model = Order
        fields = ["title", "preamble", "points", "control", "executor_mark"]
        widgets = {"preamble": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"preamble": "Без завершающей запятой: перед «ПРИКАЗЫВАЮ:» она ставится сама."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind == Order.Kind.OTHER:
            # Only a free-form order's appendices are text; the others' are tables built from the data.
            self.fields["appendix"] = AppendicesField(
                label="Приложения",
                required=False,
                initial=self.instance.appendix,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=OtherOrderForm.base_fields["appendices"].help_text,
            )

    def clean_title(self) -> str:
        return _clean_title(self.cleaned_data["title"])

    def clean_preamble(self) -> str:
        return self.cleaned_data["preamble"].strip().rstrip(",:")


class OrderPersonForm(forms.ModelForm):
    class Meta:
        model = OrderPerson
        fields = ["declined_name", "reward", "merit", "letter_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = self.instance
        self.fields["declined_name"].initial = entry.name_in_text
        if entry.role != OrderPerson.Role.REWARDED:
            del self.fields["reward"]
            del self.fields["merit"]
        else:
            self.fields["reward"].required = True
        if entry.role != OrderPerson.Role.REWARDED or entry.person.kind != entry.person.Kind.STUDENT:
            del self.fields["letter_to"]
        # The row's inputs sit in table cells and belong to a form outside the table.
        for name, field in self.fields.items():
            css = (
                "form-select form-select-sm"
                if name in ("reward", "letter_to")
                else "form-control form-control-sm"
            )
            field.widget.attrs.update(
                {"form": f"person-form-{entry.pk}", "class": css, "aria-label": field.label}
            )

    def clean(self):
        data = super().clean()
        if (
            data.get("letter_to") == OrderPerson.LetterTo.PARENTS
            and data.get("reward") != OrderPerson.Reward.LETTER
        ):
            self.add_error("letter_to", "Родителям можно вручить только благодарственное письмо.")
        return data

    def clean_declined_name(self) -> str:
        value = " ".join(self.cleaned_data["declined_name"].split())
        if value and len(value.split()) < 2:
            raise forms.ValidationError("Укажите фамилию и имя полностью.")
        return value


class CancellingOrderField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Order) -> str:
        return f"{obj.display_number} «{obj.title}»"


class CancelForm(forms.Form):
    """The signed order that cancels this one, chosen from the register."""

    by_order = CancellingOrderField(
        label="Отменяется приказом",
        queryset=Order.objects.none(),
        empty_label="— выберите подписанный приказ —",
        error_messages={"required": "Выберите подписанный приказ, которым отменяется этот приказ."},
    )
    reason = forms.CharField(label="Причина отмены (необязательно)", max_length=300, required=False)

    def __init__(self, *args, order: Order, **kwargs):
        from reports.orders.actions import cancelling_orders

        super().__init__(*args, **kwargs)
        self.fields["by_order"].queryset = cancelling_orders(order) if order.date else Order.objects.none()
