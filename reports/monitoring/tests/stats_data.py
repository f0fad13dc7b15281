"""A small known dataset for the statistics and export tests.

School A (the world's org), current academic year, ages on 1 September of that year:
- mentor «=HYPERLINK(...)»: teacher, 30 years, 2 years' experience, status «собеседование пройдено»
  with a recorded training (trained) → active pair P1
  with mentee Юная (teacher, 25, 1 year); P1's programme has 10 items, 9 done (90 % → KPI met);
  P1 has a meeting with two feedbacks (7/8/9 and 9/10/5);
- mentor Старшова: teacher, 50, 20 years, status «активен» (trained) → pair P2 (terminated) with student Малышев, 12;
- mentor Школьников: student, 16, status «собеседование пройдено», no training (not trained) → pair P3 (completed, form «ученик – ученик») with student
  Крошкин, 9; P3's programme has 10 items, 8 done (KPI not met);
- mentee Ждущая: teacher, 40, 12 years, waiting, no pair (consent withdrawn).
School B: one active pair (Чужой → Чужая) with one feedback (1/1/1), for the per-organization split.
"""

from __future__ import annotations

from datetime import date, timedelta

from pairs.models import Feedback, Pair, PlanItem, Program
from pairs.tests.factories import (
    MenteeFactory,
    MentorFactory,
    give_consent,
    log_meeting,
    make_pair,
    teacher_form,
)
from people.models import AcademicYear, Mentor, MentoringForm, MentorTraining
from people.tests.factories import PersonFactory, StudentFactory

HYPERLINK = '=HYPERLINK("http://evil.example","click")'


def born(age: int, year: AcademicYear) -> date:
    """Born `age` years and a day before 1 September of the year: exactly `age` then."""
    start = year.starts_on
    return start.replace(year=start.year - age) - timedelta(days=1)


def _mentor(org, year, status=Mentor.Status.ACTIVE, **person):
    factory = StudentFactory if person.pop("student", False) else PersonFactory
    mentor = MentorFactory(person=factory(organization=org, **person), status=status)
    give_consent(mentor.person)
    return mentor


def _mentee(org, year, **person):
    factory = StudentFactory if person.pop("student", False) else PersonFactory
    mentee = MenteeFactory(person=factory(organization=org, **person))
    give_consent(mentee.person)
    return mentee


def _program(pair: Pair, done: int, total: int = 10) -> Program:
    program = Program.objects.create(
        pair=pair,
        deficits="д",
        goals="ц",
        tasks="з",
        period_start=pair.planned_start,
        period_end=pair.planned_end,
    )
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                program=program,
                position=i,
                content=f"пункт {i}",
                deadline=pair.planned_end,
                done_on=pair.planned_start if i < done else None,
            )
            for i in range(total)
        ]
    )
    return program


def _feedback(meeting, person, scores):
    usefulness, comfort, clarity = scores
    return Feedback.objects.create(
        meeting=meeting, person=person, usefulness=usefulness, comfort=comfort, clarity=clarity
    )


def build(world) -> dict:
    year = AcademicYear.objects.current()
    org, other = world.org, world.other_org
    m1 = _mentor(
        org,
        year,
        Mentor.Status.INTERVIEWED,
        last_name=HYPERLINK,
        birth_date=born(30, year),
        experience_years=2,
    )
    MentorTraining.objects.create(mentor=m1, date=year.starts_on, topic="Школа наставника", hours=16)
    e1 = _mentee(org, year, last_name="Юная", birth_date=born(25, year), experience_years=1)
    p1 = make_pair(org, [m1], [e1], status=Pair.Status.ACTIVE)
    _program(p1, done=9)
    meeting = log_meeting(p1)
    _feedback(meeting, m1.person, (7, 8, 9))
    _feedback(meeting, e1.person, (9, 10, 5))

    m2 = _mentor(org, year, last_name="Старшова", birth_date=born(50, year), experience_years=20)
    e2 = _mentee(org, year, last_name="Малышев", student=True, birth_date=born(12, year))
    p2 = make_pair(
        org,
        [m2],
        [e2],
        status=Pair.Status.TERMINATED,
        form=MentoringForm.objects.get(name="учитель – ученик"),
    )

    student_form = MentoringForm.objects.get(name="ученик – ученик")
    m3 = _mentor(
        org, year, Mentor.Status.INTERVIEWED, last_name="Школьников", student=True, birth_date=born(16, year)
    )
    e3 = _mentee(org, year, last_name="Крошкин", student=True, birth_date=born(9, year))
    p3 = make_pair(org, [m3], [e3], status=Pair.Status.ACTIVE, form=student_form)
    _program(p3, done=8)
    Pair.objects.filter(pk=p3.pk).update(
        status=Pair.Status.COMPLETED, outcome=Pair.Outcome.PARTIAL, ended_on=p3.planned_start
    )

    waiting = _mentee(org, year, last_name="Ждущая", birth_date=born(40, year), experience_years=12)
    waiting.person.consents.update(withdrawn_on=date.today())

    om = _mentor(other, year, last_name="Чужой")
    oe = _mentee(other, year, last_name="Чужая")
    op = make_pair(other, [om], [oe], status=Pair.Status.ACTIVE, form=teacher_form())
    _feedback(log_meeting(op), oe.person, (1, 1, 1))
    return {"year": year, "pairs": (p1, p2, p3), "other_pair": op, "waiting": waiting}
