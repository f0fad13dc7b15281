"""The key pages the benchmark measures: name, who opens it, and its URL in the benchmark data.

A page's URL is built from `ctx` (bench.run.Context): the generated organization measured, its
users and records. Pages are added here as the apps that serve them land; each key page of the
issue also has a two-size query-count check in mentoring/tests/test_key_page_queries.py.
"""

from __future__ import annotations

from django.urls import reverse


def _pair(ctx):
    from pairs.models import Pair

    return Pair.objects.filter(organization=ctx.org, status="active").order_by("id").first()


def _roadmap(ctx):
    from roadmap.models import Roadmap

    return Roadmap.objects.filter(organization=ctx.org).order_by("-id").first()


def _busiest_mentor_user(ctx):
    """The account of the mentor with the most pairs in the organization (a login is created)."""
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count

    from people.models import Membership, Mentor, User

    mentor = (
        Mentor.objects.filter(organization=ctx.org)
        .annotate(n=Count("pairs"))
        .order_by("-n", "id")
        .select_related("person")
        .first()
    )
    person = mentor.person
    if person.user_id is None:
        user = User.objects.create(username=f"{ctx.org.slug}-mentor", password=make_password("demo"))
        person.user = user
        person.save(update_fields=["user"])
        Membership.objects.get_or_create(user=user, organization=ctx.org, role=Membership.Role.MENTOR)
    return person.user


def _campaign(ctx):
    """The measured organization's campaign with the most answers (seeded by bench.run)."""
    from django.db.models import Count

    from reports.surveys.models import Campaign

    return (
        Campaign.objects.filter(organization=ctx.org)
        .annotate(n=Count("responses"))
        .order_by("-n", "id")
        .first()
    )


PAGES = [
    ("curator dashboard", "curator", lambda ctx: reverse("dashboard")),
    ("people registry", "curator", lambda ctx: reverse("people:person_list") + "?kind=staff&page=2"),
    ("mentor bank (filtered)", "curator", lambda ctx: reverse("people:mentor_list") + "?status=active"),
    ("mentee bank", "curator", lambda ctx: reverse("people:mentee_list")),
    ("pair list", "curator", lambda ctx: reverse("pairs:pair_list")),
    ("pair detail", "curator", lambda ctx: reverse("pairs:pair_detail", args=[_pair(ctx).uuid])),
    ("waiting mentees", "curator", lambda ctx: reverse("pairs:waiting_list")),
    ("roadmap detail", "curator", lambda ctx: reverse("roadmap:roadmap_detail", args=[_roadmap(ctx).uuid])),
    ("statistics page", "curator", lambda ctx: reverse("statistics:index")),
    ("mentor's «Мои пары»", "mentor", lambda ctx: reverse("pairs:my_pairs")),
    (
        "survey results",
        "curator",
        lambda ctx: reverse("surveys:campaign_results", args=[_campaign(ctx).uuid]),
    ),
    ("monitoring", "curator", lambda ctx: reverse("statistics:monitoring")),
]

# Throughput over HTTP: (name, role, url) of the measured list pages, the stack's limit and the
# Django admin changelist of the same model with the same page size.
THROUGHPUT = [
    ("mentor bank", "curator", lambda ctx: reverse("people:mentor_list")),
    ("pair list", "curator", lambda ctx: reverse("pairs:pair_list")),
    ("curator dashboard", "curator", lambda ctx: reverse("dashboard")),
]
LIMIT_PAGE = ("minimal page (base template)", "curator", lambda ctx: reverse("about"))
ADMIN_PAGES = {
    "mentor bank": lambda ctx: (
        reverse("admin:people_mentor_changelist") + f"?organization__id__exact={ctx.org.pk}"
    ),
    "pair list": lambda ctx: (
        reverse("admin:pairs_pair_changelist") + f"?organization__id__exact={ctx.org.pk}"
    ),
    # The dashboard has no admin counterpart; the people changelist of the school stands in.
    "curator dashboard": lambda ctx: (
        reverse("admin:people_person_changelist") + f"?organization__id__exact={ctx.org.pk}"
    ),
}

# Cross-organization pages of the region scale: the global admin's statistics and monitoring of
# every school, read from the kept yearly figures (reports.monitoring.figures).
REGION_PAGES = [
    ("statistics, all organizations", "admin", lambda ctx: reverse("statistics:index") + "?org=all"),
    ("monitoring, all organizations", "admin", lambda ctx: reverse("statistics:monitoring") + "?org=all"),
]
