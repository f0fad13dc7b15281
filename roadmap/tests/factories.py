from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from people.models import AcademicYear
from people.tests.factories import OrganizationFactory
from roadmap.deadlines import parse_deadline
from roadmap.models import Activity, Roadmap, Stage


class AcademicYearFactory(DjangoModelFactory):
    class Meta:
        model = AcademicYear
        django_get_or_create = ("start_year",)

    start_year = 2024


class RoadmapFactory(DjangoModelFactory):
    class Meta:
        model = Roadmap

    organization = factory.SubFactory(OrganizationFactory)
    academic_year = factory.SubFactory(AcademicYearFactory)
    title = "Дорожная карта (план мероприятий) по реализации Положения о наставничестве"
    version = factory.Sequence(lambda n: n + 1)


class ApprovedRoadmapFactory(RoadmapFactory):
    status = Roadmap.Status.APPROVED
    approved_on = factory.LazyAttribute(lambda o: o.academic_year.starts_on)
    order_number = "231"
    order_date = factory.LazyAttribute(lambda o: o.academic_year.starts_on)
    approved_by = "С.В. Прохорова"


class StageFactory(DjangoModelFactory):
    class Meta:
        model = Stage

    roadmap = factory.SubFactory(RoadmapFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Формирование банка наставников"


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    stage = factory.SubFactory(StageFactory)
    number = "1.1"
    title = "Проведение анкетирования среди потенциальных наставников"
    deadline_text = "сентябрь"

    @factory.post_generation
    def window(self, create, extracted, **kwargs):
        if self.start is None and self.end is None and self.deadline_text:
            self.apply_deadline(
                parse_deadline(self.deadline_text, self.stage.roadmap.academic_year.start_year)
            )
            if create:
                self.save()
