"""The statistical form the application always had, as the default form: the same rows, labels
and kinds, so the export is unchanged. Written out here rather than read from the code, so that a
later change of the code's defaults does not rewrite history."""

from django.db import migrations

ROWS = [
    ('mentors', 'Наставников в программе (банк и пары учебного года)', 'int'),
    ('mentees', 'Наставляемых в программе (банк и пары учебного года)', 'int'),
    ('mentors_in_pairs', 'Наставников, работающих в парах и группах', 'int'),
    ('mentees_in_pairs', 'Наставляемых, работающих в парах и группах', 'int'),
    ('teachers_under_35', 'Педагогов в возрасте до 35 лет, участвующих в программе', 'int'),
    ('teachers_under_3_years', 'Педагогов со стажем менее 3 лет, участвующих в программе', 'int'),
    ('students_mentees_10_18', 'Обучающихся 10–18 лет — наставляемых', 'int'),
    ('students_mentors_15_18', 'Обучающихся 15–18 лет — наставников', 'int'),
    ('mentors_trained', 'Наставников, прошедших обучение', 'int'),
    ('pairs_total', 'Пар и групп всего', 'int'),
    ('pairs_project', 'Пар и групп в проекте', 'int'),
    ('pairs_active', 'Пар и групп действует', 'int'),
    ('pairs_completed', 'Пар и групп завершено', 'int'),
    ('pairs_terminated', 'Пар и групп прекращено досрочно', 'int'),
    ('programs', 'Персонализированных программ с планом', 'int'),
    ('programs_kpi', 'Программ, реализованных не менее чем на 90 %', 'int'),
    ('programs_kpi_share', 'Доля программ, реализованных не менее чем на 90 %', 'share'),
    ('feedback_count', 'Отзывов участников о встречах', 'int'),
    ('usefulness', 'Польза встреч, средняя оценка (1–10)', 'score'),
    ('comfort', 'Комфорт, средняя оценка (1–10)', 'score'),
    ('clarity', 'Ясность следующих шагов, средняя оценка (1–10)', 'score'),
    ('satisfaction', 'Удовлетворённость участников, средняя оценка (1–10)', 'score'),
]


def create_default(apps, schema_editor):
    StatisticalForm = apps.get_model("monitoring", "StatisticalForm")
    StatisticalFormRow = apps.get_model("monitoring", "StatisticalFormRow")
    form = StatisticalForm.objects.create(name="Форма статистического наблюдения (по умолчанию)", is_default=True)
    StatisticalFormRow.objects.bulk_create(
        StatisticalFormRow(form=form, position=i, number="", label=label, indicator=key, kind=kind)
        for i, (key, label, kind) in enumerate(ROWS, start=1)
    )


def remove_default(apps, schema_editor):
    apps.get_model("monitoring", "StatisticalForm").objects.filter(is_default=True).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_statistical_forms")]

    operations = [migrations.RunPython(create_default, remove_default)]
