from __future__ import annotations

import time

import pytest

from pairs import matching
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from people.models import Competency, MentoringForm, Person
from people.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory()


def _competencies(n):
    return list(Competency.objects.filter(for_students=False).order_by("position")[:n])


def test_optimum_beats_greedy_on_a_case_solved_by_hand(org):
    """Mentors A {c1, c2} and B {c1}, one place each; mentees X asks c1, Y asks c1 and c2.

    Requests part: X–A 50, X–B 50, Y–A 50, Y–B 25. Every other part is equal (same experience gap
    +10, no subject, no form wish, load 0 of 1 → +10), so each cell adds 20.
    Greedy in waiting order gives X–A (70) + Y–B (45) = 115; the optimum is X–B (70) + Y–A (70) = 140.
    """
    c1, c2 = _competencies(2)
    a = consenting_mentor(org, capacity=1, person__last_name="Алексеева")
    a.competencies.set([c1, c2])
    b = consenting_mentor(org, capacity=1, person__last_name="Борисова")
    b.competencies.set([c1])
    x = consenting_mentee(org)
    x.requests.set([c1])
    y = consenting_mentee(org)
    y.requests.set([c1, c2])
    mentees = list(matching.waiting_mentees(org))
    assert mentees == [x, y]  # x waits longer (same date, lower id)
    plan = matching.propose(mentees, list(matching.candidate_mentors(org)))
    chosen = {mentee.pk: s.mentor.pk for mentee, s in plan.assignments}
    assert chosen == {x.pk: b.pk, y.pk: a.pk}
    assert plan.total == 140


def test_capacity_is_respected_and_leftovers_wait(org):
    c1 = _competencies(1)[0]
    mentor = consenting_mentor(org, capacity=2)
    mentor.competencies.set([c1])
    mentees = [consenting_mentee(org) for _ in range(3)]
    plan = matching.propose(mentees, [mentor])
    assigned = [s for _, s in plan.assignments if s]
    assert len(assigned) == 2
    assert sum(1 for _, s in plan.assignments if s is None) == 1


def test_mentor_without_free_place_is_not_proposed(org):
    busy = consenting_mentor(org, capacity=1)
    make_pair(org, [busy], [consenting_mentee(org)])
    waiting = consenting_mentee(org)
    plan = matching.propose([waiting], list(matching.candidate_mentors(org)))
    assert plan.assignments == [(waiting, None)]
    [suggestion] = matching.rank_mentors(waiting, [busy])
    assert not suggestion.suitable
    assert any("свободных мест нет" in r.label for r in suggestion.reasons)


def test_student_mentor_is_unsuitable_for_teacher_form(org):
    form = MentoringForm.objects.get(name="учитель – учитель")
    mentee = consenting_mentee(org, desired_form=form)
    student = consenting_mentor(org, capacity=3)
    Person.objects.filter(pk=student.person_id).update(kind=Person.Kind.STUDENT, school_class="10А")
    plan = matching.propose([mentee], list(matching.candidate_mentors(org)))
    assert plan.assignments[0][1] is None


def test_ranked_list_explains_every_part(org):
    c1, c2 = _competencies(2)
    form = MentoringForm.objects.get(name="учитель – учитель")
    good = consenting_mentor(org, capacity=2, subjects="Математика")
    good.competencies.set([c1, c2])
    good.preferred_forms.set([form])
    weak = consenting_mentor(org, capacity=2)
    mentee = consenting_mentee(org, desired_form=form)
    mentee.requests.set([c1, c2])
    Person.objects.filter(pk=mentee.person_id).update(subjects="математика, алгебра")
    mentee.refresh_from_db()
    first, second = matching.rank_mentors(mentee, list(matching.candidate_mentors(org)))
    assert (first.mentor, second.mentor) == (good, weak)
    labels = [r.label for r in first.reasons]
    assert labels[0] == "запросы: покрыто 2 из 2"
    assert "общий предмет" in labels
    assert any(label.startswith("разница в опыте: +14") for label in labels)
    assert any("предпочитает" in label for label in labels)
    # 50 requests + 15 subject + 10 experience + 10 load (0 of 2) + 15 form
    assert first.score == 100


def test_proposal_for_500_mentees_and_300_mentors_is_fast(org, capsys, client):
    """Scores and assignment for a large school in well under the time of a page load."""
    from pairs.tests.bulk import big_bank

    big_bank(org, mentors=300, mentees=500)
    started = time.perf_counter()
    mentees = list(matching.waiting_mentees(org))
    mentors = list(matching.candidate_mentors(org))
    loaded = time.perf_counter()
    plan = matching.propose(mentees, mentors)
    solved = time.perf_counter()
    assigned = sum(1 for _, s in plan.assignments if s)
    with capsys.disabled():
        print(
            f"\nmatching 500×300: load {loaded - started:.2f} s, score+solve {solved - loaded:.2f} s, "
            f"assigned {assigned}"
        )
    from django.urls import reverse

    from people.tests.factories import make_member

    client.force_login(make_member(org, "curator"), backend="django.contrib.auth.backends.ModelBackend")
    page_started = time.perf_counter()
    page = client.get(reverse("pairs:proposal"))
    page_time = time.perf_counter() - page_started
    with capsys.disabled():
        print(f"proposal page 500×300: {page_time:.2f} s, {len(page.content) // 1024} KiB")
    assert page.status_code == 200
    assert len(mentees) == 500 and len(mentors) == 300
    assert assigned == min(500, sum(m.capacity for m in mentors))
    assert solved - loaded < 5


def test_proposal_offers_a_short_list_of_suitable_mentors(org):
    c1 = _competencies(1)[0]
    full = consenting_mentor(org, capacity=1)
    make_pair(org, [full], [consenting_mentee(org)])
    mentors = [consenting_mentor(org, capacity=1) for _ in range(4)]
    mentors[0].competencies.set([c1])
    mentee = consenting_mentee(org)
    mentee.requests.set([c1])
    plan = matching.propose([mentee], list(matching.candidate_mentors(org)), n_options=3)
    [options] = plan.options
    assert [o.mentor for o in options][0] == mentors[0] == plan.assignments[0][1].mentor
    assert len(options) == 3 and full not in [o.mentor for o in options]
