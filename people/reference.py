"""The standard reference lists of the target model of mentoring: forms, kinds, competencies.

Created by a data migration on every installation (the admin may edit them later), and re-created
by `ensure_reference_lists()` where a test or the demo needs them after a database flush.
"""

from __future__ import annotations

FORMS = [
    (
        "учитель – учитель",
        "staff",
        "staff",
        "Педагог-наставник и молодой специалист или педагог, испытывающий затруднения",
    ),
    (
        "руководитель – педагог",
        "staff",
        "staff",
        "Руководитель образовательной организации или заместитель и педагог",
    ),
    (
        "ученик – ученик",
        "student",
        "student",
        "Обучающийся-наставник и обучающийся младшего возраста или с трудностями",
    ),
    ("учитель – ученик", "staff", "student", "Педагог и обучающийся"),
    (
        "студент – ученик",
        "external",
        "student",
        "Студент профессиональной организации или вуза и обучающийся",
    ),
    ("работодатель – ученик", "external", "student", "Представитель предприятия и обучающийся"),
    ("работодатель – студент", "external", "external", "Представитель предприятия и студент"),
]

TYPES = [
    ("традиционное (один на один)", False),
    ("групповое", True),
    ("реверсивное", False),
    ("виртуальное (дистанционное)", False),
    ("ситуационное", False),
    ("скоростное", True),
    ("краткосрочное (целеполагающее)", False),
]

STAFF_COMPETENCIES = [
    "планирование и проектирование урока",
    "организация учебной деятельности на уроке",
    "дисциплина и управление классом",
    "классное руководство",
    "работа с родителями",
    "оценивание и обратная связь",
    "подготовка к ОГЭ и ЕГЭ",
    "работа с одарёнными детьми",
    "инклюзивное образование (обучающиеся с ОВЗ)",
    "цифровые образовательные ресурсы и ИКТ",
    "проектная и исследовательская деятельность",
    "функциональная грамотность",
    "воспитательная работа и внеурочная деятельность",
    "ведение документации",
    "профилактика профессионального выгорания",
    "участие в профессиональных конкурсах",
]

STUDENT_COMPETENCIES = [
    "успеваемость по предмету",
    "подготовка к олимпиадам",
    "проектная деятельность",
    "адаптация в коллективе",
    "профориентация",
    "лидерство и самоуправление",
    "спорт и здоровый образ жизни",
    "творчество и дополнительное образование",
]


def ensure_reference_lists(MentoringForm=None, MentoringType=None, Competency=None) -> None:  # noqa: N803
    """Create the missing entries; the model classes may be historical ones (migrations)."""
    if MentoringForm is None:
        from people.models import Competency, MentoringForm, MentoringType
    for i, (name, mentor_kind, mentee_kind, description) in enumerate(FORMS):
        MentoringForm.objects.get_or_create(
            name=name,
            defaults={
                "mentor_kind": mentor_kind,
                "mentee_kind": mentee_kind,
                "description": description,
                "position": i,
            },
        )
    for i, (name, is_group) in enumerate(TYPES):
        MentoringType.objects.get_or_create(name=name, defaults={"is_group": is_group, "position": i})
    for i, name in enumerate(STAFF_COMPETENCIES):
        Competency.objects.get_or_create(name=name, defaults={"position": i})
    for i, name in enumerate(STUDENT_COMPETENCIES):
        Competency.objects.get_or_create(name=name, defaults={"position": 100 + i, "for_students": True})
