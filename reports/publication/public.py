"""What the public page of an organization shows, and how it is cached.

Every public URL of an organization answers with an ETag computed from one aggregate query over
everything the public pages show (the page, news, approved Положения and roadmap, best practices,
materials, mentors, pair figures, people's names and their consents to dissemination, and today's
date, since consents expire and announcements pass). `Cache-Control: public, no-cache` lets
browsers and proxies keep a copy but makes them ask each time, so a withdrawn consent or an
unpublished page is gone from the next response; an unchanged page costs two queries and a 304.
Rendered responses are kept in Django's cache under their ETag, so a new visitor of an unchanged
page is served without rendering.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers

from mentoring.lib.grammar import plural_form, predicate, singular_count
from people.models import Consent, Mentor, Organization, Person
from reports.publication.models import BestPractice, Material, NewsItem, PublicPage, Regulation

CACHE_SECONDS = 24 * 60 * 60
CACHE_CONTROL = "public, no-cache"


def published_page(slug: str) -> PublicPage:
    """The published page of the organization `slug`; 404 for an unknown or unpublished one."""
    return get_object_or_404(
        PublicPage.objects.select_related("organization"), organization__slug=slug, is_published=True
    )


def _latest(queryset, field: str = "updated_at"):
    """A scalar subquery: (count, latest `field`) of `queryset` filtered to the outer organization."""
    grouped = queryset.order_by().values("organization")
    return (
        Subquery(grouped.annotate(n=Count("pk")).values("n")[:1]),
        Subquery(grouped.annotate(m=Max(field)).values("m")[:1]),
    )


def _count(queryset, expression: str = "pk", group: str = "organization"):
    grouped = queryset.order_by().values(group)
    return Coalesce(Subquery(grouped.annotate(n=Count(expression, distinct=True)).values("n")[:1]), 0)


def page_state(page: PublicPage) -> dict:
    """Everything the public pages depend on, in one query; also the figures they show."""
    from pairs.models import Pair, PairMentee, PairMentor
    from roadmap.models import Activity, Roadmap

    org = OuterRef("pk")
    today = timezone.localdate()
    news_n, news_m = _latest(NewsItem.objects.filter(organization=org))
    reg_n, reg_m = _latest(Regulation.objects.filter(organization=org))
    practice_n, practice_m = _latest(BestPractice.objects.filter(organization=org))
    material_n, material_m = _latest(Material.objects.filter(organization=org))
    people_n, people_m = _latest(Person.objects.filter(organization=org))
    mentor_n, mentor_m = _latest(Mentor.objects.filter(organization=org), "status_changed_at")
    roadmap_n, roadmap_m = _latest(Roadmap.objects.filter(organization=org))
    activity_m = Subquery(
        Activity.objects.filter(stage__roadmap__organization=org, stage__roadmap__status="approved")
        .order_by()
        .values("stage__roadmap__organization")
        .annotate(m=Max("updated_at"))
        .values("m")[:1]
    )
    dissemination = Consent.objects.filter(person__organization=org, kind=Consent.Kind.DISSEMINATION).values(
        "person__organization"
    )
    consents_valid = Subquery(dissemination.valid(today).order_by().annotate(n=Count("pk")).values("n")[:1])
    consents_m = Subquery(dissemination.order_by().annotate(m=Max("created_at")).values("m")[:1])
    row = (
        Organization.objects.filter(pk=page.organization_id)
        .annotate(
            news_n=news_n,
            news_m=news_m,
            reg_n=reg_n,
            reg_m=reg_m,
            practice_n=practice_n,
            practice_m=practice_m,
            material_n=material_n,
            material_m=material_m,
            people_n=people_n,
            people_m=people_m,
            mentor_n=mentor_n,
            mentor_m=mentor_m,
            roadmap_n=roadmap_n,
            roadmap_m=roadmap_m,
            activity_m=activity_m,
            consents_valid=consents_valid,
            consents_m=consents_m,
            pairs_active=_count(Pair.objects.filter(organization=org, status=Pair.Status.ACTIVE)),
            pairs_completed=_count(Pair.objects.filter(organization=org, status=Pair.Status.COMPLETED)),
            # «в действующих парах», as the dashboard counts it (pairs.models.working_people).
            mentors_active=_count(
                PairMentor.objects.working().filter(pair__organization=org), "mentor", "pair__organization"
            ),
            mentees_active=_count(
                PairMentee.objects.working().filter(pair__organization=org), "mentee", "pair__organization"
            ),
            mentees_completed=_count(
                PairMentee.objects.filter(pair__status=Pair.Status.COMPLETED, pair__organization=org),
                "mentee",
                "pair__organization",
            ),
            mentors_bank=_count(
                Mentor.objects.filter(
                    organization=org, status__in=[Mentor.Status.ACTIVE, Mentor.Status.TRAINED]
                )
            ),
        )
        .values()
        .get()
    )
    row["today"] = today
    row["page_m"] = page.updated_at
    return row


def etag_of(page: PublicPage, state: dict, path: str) -> str:
    org = page.organization
    parts = [
        path,
        org.full_name,
        org.short_name,
        org.city,
        org.address,
        org.phone,
        org.email,
        org.website,
        *(f"{key}={state[key]}" for key in sorted(state)),
    ]
    return '"' + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32] + '"'


@dataclass
class Figures:
    pairs_active: int
    pairs_completed: int
    mentors_active: int
    mentees_active: int
    mentees_completed: int
    mentors_bank: int

    @classmethod
    def from_state(cls, state: dict) -> Figures:
        return cls(**{name: state[name] or 0 for name in cls.__dataclass_fields__})

    @functools.cached_property
    def captions(self) -> dict[str, str]:
        """The words under each figure, agreeing with it: «1 пара завершила программу»,
        «2 наставника в действующих парах», «5 наставляемых прошли программы»."""
        return {
            "pairs_active": _caption(self.pairs_active, "наставническая пара (группа)", "работает"),
            "pairs_active_short": _caption(self.pairs_active, "пара (группа)", "работает"),
            "mentors_active": f"{plural_form(self.mentors_active, 'наставник')} в действующих парах",
            "mentees_active": f"{plural_form(self.mentees_active, 'наставляемый')} в действующих парах",
            "pairs_completed": _caption(self.pairs_completed, "пара", "завершила", PROGRAMME),
            "mentees_completed": _caption(self.mentees_completed, "наставляемый", "прошёл", PROGRAMME),
        }


# What a pair or a mentee completed, in the singular after 1, 21… and in the plural otherwise.
PROGRAMME = ("программу", "программы")


def _caption(count: int, noun: str, verb: str, thing: tuple[str, str] | None = None) -> str:
    """«`noun` `verb` `thing`» after `count`, the noun counted and the verb agreeing with it in
    plain speech: «1 пара завершила программу», «5 наставляемых прошли программы»."""
    words = [plural_form(count, noun), predicate(count, verb, noun, plural_after_many=True)]
    if thing:
        words.append(thing[0] if singular_count(count) else thing[1])
    return " ".join(words)


# ГОСТ Р 52872-2019: the public page, part of the school's site, has a version for the visually
# impaired (larger type, high contrast, no images), chosen once and remembered by a cookie.
VI_COOKIE = "vi"
VI_COOKIE_AGE = 365 * 24 * 3600


def visually_impaired(request: HttpRequest) -> bool:
    return request.COOKIES.get(VI_COOKIE) == "1"


def cached_response(
    request: HttpRequest, page: PublicPage, render: Callable[[dict], HttpResponse]
) -> HttpResponse:
    """A 304 when the visitor's copy is current; the stored rendering; or `render(state)`."""
    state = page_state(page)
    # The version for the visually impaired is another rendering of the same page.
    etag = etag_of(page, state, request.path + ("#vi" if visually_impaired(request) else ""))
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is None:
        key = f"public-page:{etag}"
        response = cache.get(key)
        if response is None:
            response = render(state)
            if response.status_code == 200 and not response.streaming:
                cache.set(key, response, CACHE_SECONDS)
    else:
        response = not_modified
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ["Cookie"])
    return response


def require_published(page: PublicPage, obj) -> None:
    if obj is None or getattr(obj, "organization_id", None) != page.organization_id:
        raise Http404
