"""Ready-made questionnaires shipped with the app; a curator copies one and edits the copy.

The satisfaction questionnaires of the start and of the end of a programme share the codes of their
scale questions, so the results page can compare the same question asked twice (growth).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Q:
    text: str
    kind: str  # Question.Kind value
    options: tuple[str, ...] = ()
    required: bool = True
    code: str = ""
    help_text: str = ""


@dataclass(frozen=True)
class S:
    title: str
    questions: tuple[Q, ...]
    description: str = ""


@dataclass(frozen=True)
class QuestionnaireTemplate:
    title: str
    kind: str  # Questionnaire.Kind value
    description: str
    sections: tuple[S, ...] = field(default_factory=tuple)
    # Written for teachers («Ваш педагогический стаж», professional competences): never sent to
    # students or, for them, to their parents.
    for_staff: bool = False


SCALE_HINT = "1 — совсем нет, 10 — полностью"
EXPERIENCE = ("менее 3 лет", "3–5 лет", "6–10 лет", "11–20 лет", "более 20 лет")
DEFICITS = (
    "планирование и проведение урока",
    "дисциплина и управление классом",
    "работа с родителями",
    "ведение документации",
    "оценивание и работа с результатами",
    "работа с детьми с ОВЗ",
    "цифровые инструменты",
    "подготовка к аттестации",
)

# The scale questions asked at the start (as expectations) and at the end (as results).
SATISFACTION_ITEMS = (
    ("effectiveness", "эффективность программы наставничества"),
    ("comfort", "комфорт работы в паре (группе)"),
    ("usefulness", "полезность встреч с наставником (наставляемым)"),
    ("clarity", "понятность задач программы"),
    ("support", "поддержка со стороны куратора"),
    ("growth", "ваш профессиональный (личностный) рост"),
)


def _satisfaction(stage: str) -> tuple[S, ...]:
    if stage == "start":
        lead = "Оцените, насколько вы ожидаете от программы"
        scales = tuple(
            Q(f"{lead}: {label}", "scale10", code=code, help_text=SCALE_HINT)
            for code, label in SATISFACTION_ITEMS
        )
        closing = (
            Q("Ваша роль в программе", "single", ("наставник", "наставляемый"), code="role"),
            Q("Чего вы ждёте от работы в паре (группе)?", "long", required=False),
            Q("Есть ли опасения, связанные с участием в программе?", "yesno", required=False, code="worries"),
        )
    else:
        lead = "Оцените по итогам программы"
        scales = tuple(
            Q(f"{lead}: {label}", "scale10", code=code, help_text=SCALE_HINT)
            for code, label in SATISFACTION_ITEMS
        )
        closing = (
            Q("Ваша роль в программе", "single", ("наставник", "наставляемый"), code="role"),
            Q("Хотели бы вы продолжить участие в программе наставничества?", "yesno", code="continue"),
            Q("Хотели бы вы сами стать наставником?", "single", ("да", "нет", "пока не знаю"), code="become"),
            Q("Что было самым полезным?", "long", required=False),
            Q("Что стоит изменить в программе?", "long", required=False),
        )
    return (S("Оценка программы", scales), S("О вашем участии", closing))


TEMPLATES: dict[str, QuestionnaireTemplate] = {
    "mentor_candidate": QuestionnaireTemplate(
        title="Анкета потенциального наставника",
        kind="mentor_candidate",
        for_staff=True,
        description="Анкета помогает сформировать банк наставников и подобрать пары. "
        "Ответьте, пожалуйста, на вопросы о вашем опыте и готовности к наставнической деятельности.",
        sections=(
            S(
                "Опыт",
                (
                    Q("Ваш педагогический стаж", "single", EXPERIENCE),
                    Q("Квалификационная категория", "single", ("без категории", "первая", "высшая")),
                    Q("Есть ли у вас опыт наставничества?", "yesno"),
                    Q("Предметы (направления), которые вы ведёте", "short"),
                ),
            ),
            S(
                "Готовность к наставничеству",
                (
                    Q(
                        "Насколько вы готовы стать наставником?",
                        "scale5",
                        help_text="1 — не готов(а), 5 — полностью готов(а)",
                    ),
                    Q(
                        "В каких формах наставничества вы готовы работать?",
                        "multiple",
                        (
                            "учитель – учитель",
                            "руководитель – педагог",
                            "учитель – ученик",
                            "работодатель – ученик",
                        ),
                    ),
                    Q("В чём вы можете помочь коллеге (ваши ресурсы)?", "multiple", DEFICITS),
                    Q("Сколько наставляемых вы готовы взять?", "single", ("одного", "двух", "трёх и более")),
                    Q("Когда вам удобно встречаться?", "short", required=False),
                    Q("Что вас мотивирует стать наставником?", "long", required=False),
                ),
            ),
        ),
    ),
    "mentee_requests": QuestionnaireTemplate(
        title="Анкета наставляемого (профессиональные запросы)",
        kind="mentee_requests",
        for_staff=True,
        description="Анкета выявляет ваши профессиональные запросы, чтобы подобрать наставника и составить "
        "персонализированную программу.",
        sections=(
            S(
                "О вас",
                (
                    Q("Ваш педагогический стаж", "single", EXPERIENCE),
                    Q(
                        "Ваша ситуация",
                        "single",
                        (
                            "молодой специалист",
                            "новый сотрудник",
                            "переход на новую должность",
                            "испытываю затруднения",
                        ),
                    ),
                ),
            ),
            S(
                "Запросы",
                (
                    Q("В чём вы испытываете затруднения?", "multiple", DEFICITS),
                    Q(
                        "Насколько вам нужна поддержка наставника?",
                        "scale5",
                        help_text="1 — не нужна, 5 — очень нужна",
                    ),
                    Q(
                        "Какую форму работы вы предпочитаете?",
                        "single",
                        ("индивидуально", "в группе", "дистанционно"),
                    ),
                    Q("Опишите свой запрос своими словами", "long", required=False),
                ),
            ),
        ),
    ),
    "diagnostic": QuestionnaireTemplate(
        title="Диагностическая анкета",
        kind="diagnostic",
        for_staff=True,
        description="Самооценка профессиональных компетенций в начале работы. Оцените каждое утверждение.",
        sections=(
            S(
                "Самооценка компетенций",
                tuple(
                    Q(
                        f"Я уверенно владею: {item}",
                        "scale5",
                        code=f"diag-{n}",
                        help_text="1 — совсем нет, 5 — полностью",
                    )
                    for n, item in enumerate(DEFICITS, start=1)
                ),
            ),
            S(
                "Трудности",
                (
                    Q("Обращаетесь ли вы за помощью к коллегам?", "yesno"),
                    Q("Что мешает вам в работе больше всего?", "long", required=False),
                ),
            ),
        ),
    ),
    "satisfaction_start": QuestionnaireTemplate(
        title="Анкета удовлетворённости наставника и наставляемого (начало программы)",
        kind="satisfaction_start",
        description="Анкета заполняется в начале программы. По её итогам и анкете завершения "
        "оценивается, как изменились ожидания и результаты.",
        sections=_satisfaction("start"),
    ),
    "satisfaction_end": QuestionnaireTemplate(
        title="Анкета удовлетворённости наставника и наставляемого (завершение программы)",
        kind="satisfaction_end",
        description="Анкета заполняется по завершении программы. Ответы сравниваются с анкетой начала программы.",
        sections=_satisfaction("end"),
    ),
    "curator": QuestionnaireTemplate(
        title="Анкета куратора",
        kind="curator",
        for_staff=True,
        description="Оценка условий реализации целевой модели наставничества в организации.",
        sections=(
            S(
                "Условия реализации",
                (
                    Q("Нормативная база наставничества в организации сформирована полностью", "scale5"),
                    Q("Наставники прошли обучение", "scale5"),
                    Q("Пары и группы работают по утверждённым программам", "scale5"),
                    Q("Участники получают поддержку администрации", "scale5"),
                    Q("Проводились ли мероприятия по обмену опытом наставников?", "yesno"),
                ),
                description="1 — не согласен, 5 — полностью согласен",
            ),
            S(
                "Итоги",
                (
                    Q(
                        "Главные трудности реализации программы",
                        "multiple",
                        (
                            "нехватка времени у наставников",
                            "недостаток мотивации",
                            "нехватка методических материалов",
                            "сложности с подбором пар",
                            "документационная нагрузка",
                        ),
                    ),
                    Q("Лучшие практики наставничества этого года", "long", required=False),
                    Q("Предложения по развитию программы", "long", required=False),
                ),
            ),
        ),
    ),
    "quality": QuestionnaireTemplate(
        title="Мониторинг качества реализации персонализированных программ наставничества",
        kind="quality",
        description="Анкета проводится по завершении программ. Ответы используются в аналитической справке.",
        sections=(
            S(
                "Реализация программы",
                (
                    Q(
                        "Программа (ИОМ) выполнена",
                        "single",
                        ("полностью", "на 90 % и более", "на 50–89 %", "менее чем на 50 %"),
                        code="done",
                    ),
                    Q("Цели программы достигнуты", "scale10", code="goals", help_text=SCALE_HINT),
                    Q(
                        "Встречи проходили регулярно, по плану",
                        "scale10",
                        code="regular",
                        help_text=SCALE_HINT,
                    ),
                    Q(
                        "Качество взаимодействия в паре (группе)",
                        "scale10",
                        code="interaction",
                        help_text=SCALE_HINT,
                    ),
                ),
            ),
            S(
                "Результаты",
                (
                    Q(
                        "Какие результаты достигнуты?",
                        "multiple",
                        (
                            "повысилась уверенность в работе",
                            "освоены новые методы и приёмы",
                            "улучшились результаты обучающихся",
                            "проведён открытый урок (мероприятие)",
                            "участие в профессиональном конкурсе",
                            "подготовлена методическая разработка",
                        ),
                    ),
                    Q("Рекомендовали бы вы участие в программе коллегам?", "yesno", code="recommend"),
                    Q("Комментарий", "long", required=False),
                ),
            ),
        ),
    ),
}


# The shipped templates written for teachers (see QuestionnaireTemplate.for_staff).
STAFF_TEMPLATES = frozenset(key for key, template in TEMPLATES.items() if template.for_staff)
