"""The public page of an organization's programme: no login, nothing private.

Everything here is reached through `published_page(slug)` (404 until the curator publishes the
page) and answers through `public.cached_response` (ETag, 304, stored rendering). Only what is
meant for the public is loaded: approved Положения and roadmap, published news, best practices
marked public, counts. People are named only with a consent to dissemination (`disseminable_ids`);
free text passes through `NameGuard.mask`.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.views.decorators.clickjacking import xframe_options_exempt

from mentoring.lib.pdf import pdf_response, render_pdf
from people.models import Mentor, MentoringForm
from reports.publication import documents
from reports.publication.models import BestPractice, NewsItem, PublicPage, Regulation
from reports.publication.names import NameGuard, disseminable_ids
from reports.publication.public import (
    VI_COOKIE,
    VI_COOKIE_AGE,
    Figures,
    cached_response,
    published_page,
)
from reports.publication.views.library import file_response

NEWS_ON_INDEX = 5
NEWS_PER_PAGE = 20
PRACTICES_ON_INDEX = 6


class Visible:
    """Who may be named and how free text is masked, for one organization and one request."""

    def __init__(self, organization):
        self.allowed = disseminable_ids(organization)
        self.guard = NameGuard.for_organization(organization, self.allowed)

    def mask(self, text: str) -> str:
        return self.guard.mask(text)

    def name(self, person) -> str:
        return person.full_name if person is not None and person.pk in self.allowed else ""


def _news(page: PublicPage):
    return NewsItem.objects.filter(organization=page.organization_id).published()


def _practices(page: PublicPage):
    from pairs.models import PairMentor

    return (
        BestPractice.objects.filter(organization=page.organization_id)
        .public()
        .for_list()
        .prefetch_related(
            Prefetch("pair__pair_mentors", PairMentor.objects.select_related("mentor__person").order_by("pk"))
        )
    )


def _dress_news(item: NewsItem, visible: Visible, *, full: bool = False) -> NewsItem:
    item.public_title = visible.mask(item.title)
    body = visible.mask(item.body)
    item.public_body = body if full else Truncator(body).chars(300)
    return item


def _dress_practice(practice: BestPractice, visible: Visible) -> BestPractice:
    practice.public_title = visible.mask(practice.title)
    practice.public_summary = visible.mask(practice.summary)
    details = dict(practice.details or {})
    for key in ("goals", "tasks", "outcome_text"):
        if details.get(key):
            details[key] = visible.mask(details[key])
    practice.public_details = details
    if practice.pair_id:
        practice.public_people = [
            name for link in practice.pair.pair_mentors.all() if (name := visible.name(link.mentor.person))
        ]
    else:
        material = practice.material
        practice.public_people = [name] if (name := visible.name(material.author)) else []
        practice.public_description = visible.mask(material.description)
    return practice


def _roadmap(page: PublicPage):
    from roadmap.models import Roadmap

    return (
        Roadmap.objects.filter(organization=page.organization_id, status=Roadmap.Status.APPROVED)
        .select_related("academic_year")
        .order_by("-academic_year__start_year")
        .first()
    )


def _index(request: HttpRequest, page: PublicPage, state: dict) -> HttpResponse:
    from pairs.models import Pair
    from roadmap import progress

    org = page.organization
    visible = Visible(org)
    roadmap = _roadmap(page)
    stages = []
    if roadmap is not None:
        # The same progress as the roadmap's own page: a cancelled activity counts nowhere.
        figures = progress.of_roadmap(roadmap)
        stages = list(roadmap.stages.order_by("number"))
        for stage in stages:
            stage.progress = figures.stages.get(stage.pk, progress.Progress())
    forms = MentoringForm.objects.filter(
        pairs__organization=org, pairs__status__in=[Pair.Status.ACTIVE, Pair.Status.COMPLETED]
    ).distinct()
    mentors = (
        Mentor.objects.filter(organization=org, status=Mentor.Status.ACTIVE, person_id__in=visible.allowed)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )
    context = {
        "page": page,
        "organization": org,
        "description": visible.mask(page.description),
        "contacts": visible.mask(page.contacts),
        "regulations": Regulation.objects.filter(organization=org).approved().order_by("audience"),
        "roadmap": roadmap,
        "stages": stages,
        "forms": forms,
        "figures": Figures.from_state(state),
        "news": [_dress_news(item, visible) for item in _news(page)[:NEWS_ON_INDEX]],
        "news_count": state["news_n"] or 0,
        "practices": [_dress_practice(p, visible) for p in _practices(page)[:PRACTICES_ON_INDEX]],
        "mentors": mentors,
    }
    return render(request, "publication/public/index.html", context)


@login_not_required
def visually_impaired(request: HttpRequest, slug: str) -> HttpResponse:
    """Switch the version for the visually impaired on (`?on=1`) or off; anyone, no login."""
    page = published_page(slug)
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None) or not target.startswith(
        f"/p/{page.organization.slug}/"
    ):
        target = reverse("public:index", args=[page.organization.slug])
    response = redirect(target)
    if request.GET.get("on") == "1":
        response.set_cookie(VI_COOKIE, "1", max_age=VI_COOKIE_AGE, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(VI_COOKIE, samesite="Lax")
    return response


@login_not_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    """The organization's programme at a glance; anyone."""
    page = published_page(slug)
    return cached_response(request, page, lambda state: _index(request, page, state))


@login_not_required
def news_list(request: HttpRequest, slug: str) -> HttpResponse:
    """All news and announcements, newest first; anyone."""
    from mentoring.lib.views import paginate

    page = published_page(slug)

    def render_list(state: dict) -> HttpResponse:
        visible = Visible(page.organization)
        news_page = paginate(request, _news(page), per_page=NEWS_PER_PAGE)
        news_page.object_list = [_dress_news(item, visible) for item in news_page.object_list]
        context = {"page": page, "organization": page.organization, "news_page": news_page}
        return render(request, "publication/public/news_list.html", context)

    return cached_response(request, page, render_list)


@login_not_required
def news_detail(request: HttpRequest, slug: str, uuid) -> HttpResponse:
    """One news item; anyone."""
    page = published_page(slug)
    item = get_object_or_404(_news(page), uuid=uuid)

    def render_item(state: dict) -> HttpResponse:
        visible = Visible(page.organization)
        context = {
            "page": page,
            "organization": page.organization,
            "item": _dress_news(item, visible, full=True),
        }
        return render(request, "publication/public/news_detail.html", context)

    return cached_response(request, page, render_item)


class NewsFeed(Feed):
    """The Atom feed of the page's news; names masked as on the page, no authors named."""

    feed_type = Atom1Feed

    def __init__(self, page: PublicPage):
        super().__init__()
        self.page = page
        self.visible = Visible(page.organization)

    def get_object(self, request, *args, **kwargs):
        return self.page

    def title(self, page):
        return f"{page.title} — {page.organization.short_name}"

    def link(self, page):
        return reverse("public:index", args=[page.organization.slug])

    def subtitle(self, page):
        return f"Новости и анонсы программы наставничества {page.organization.short_name}"

    def author_name(self, page):
        return page.organization.short_name

    def items(self, page):
        return _news(page)[:NEWS_PER_PAGE]

    def item_title(self, item):
        return self.visible.mask(item.title)

    def item_description(self, item):
        return self.visible.mask(item.body)

    def item_link(self, item):
        return reverse("public:news_detail", args=[self.page.organization.slug, item.uuid])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False


@login_not_required
def feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The Atom feed of the news; anyone."""
    page = published_page(slug)
    return cached_response(request, page, lambda state: NewsFeed(page)(request))


def _approved_regulation(page: PublicPage, uuid) -> Regulation:
    return get_object_or_404(
        Regulation.objects.filter(organization=page.organization_id)
        .approved()
        .select_related("organization"),
        uuid=uuid,
    )


@login_not_required
def regulation(request: HttpRequest, slug: str, uuid) -> HttpResponse:
    """The Положение in force as a page; anyone."""
    page = published_page(slug)
    item = _approved_regulation(page, uuid)

    def render_page(state: dict) -> HttpResponse:
        visible = Visible(page.organization)
        context = {"page": page, **documents.regulation_context(item, mask=visible.mask)}
        return render(request, "publication/public/regulation.html", context)

    return cached_response(request, page, render_page)


@login_not_required
def regulation_pdf(request: HttpRequest, slug: str, uuid) -> HttpResponse:
    """The Положение in force as PDF: the approved copy, or a masked one if it names someone
    who has no consent to dissemination (any more); anyone."""
    page = published_page(slug)
    item = _approved_regulation(page, uuid)

    def render_pdf_response(state: dict) -> HttpResponse:
        visible = Visible(page.organization)
        text = "\n".join(f"{s.get('title', '')}\n{s.get('text', '')}" for s in item.sections)
        if item.public_sections or visible.guard.hidden_names(text):
            content = documents.render_regulation_pdf(item, mask=visible.mask)
        else:
            try:
                content = documents.regulation_pdf(item)
            except documents.FrozenDocumentDamaged as exc:
                raise Http404("Файл положения недоступен") from exc
        return pdf_response(content, documents.regulation_filename(item))

    return cached_response(request, page, render_pdf_response)


@login_not_required
def roadmap_pdf(request: HttpRequest, slug: str, uuid) -> HttpResponse:
    """The approved roadmap as PDF; responsible staff named only with consent; anyone."""
    from roadmap.models import Roadmap

    page = published_page(slug)
    roadmap = get_object_or_404(
        Roadmap.objects.filter(
            organization=page.organization_id, status=Roadmap.Status.APPROVED
        ).select_related("organization", "academic_year"),
        uuid=uuid,
    )

    def render_roadmap(state: dict) -> HttpResponse:
        visible = Visible(page.organization)
        stages = roadmap.stages.prefetch_related("activities__responsible")
        rows = []
        for stage in stages:
            activities = []
            for activity in stage.activities.all():
                names = [p.short_name for p in activity.responsible.all() if p.pk in visible.allowed]
                activity.title = visible.mask(activity.title)
                activity.content = visible.mask(activity.content)
                activity.expected_result = visible.mask(activity.expected_result)
                activities.append((activity, "\n".join(names + activity.roles_list)))
            rows.append((stage, activities))
        content = render_pdf(
            "documents/roadmap.html",
            {"roadmap": roadmap, "organization": roadmap.organization, "rows": rows, "public": True},
        )
        return pdf_response(content, f"Дорожная карта {roadmap.academic_year.label.replace('/', '-')}.pdf")

    return cached_response(request, page, render_roadmap)


def _public_practice(page: PublicPage, uuid) -> BestPractice:
    return get_object_or_404(_practices(page), uuid=uuid)


@login_not_required
def practice(request: HttpRequest, slug: str, uuid) -> HttpResponse:
    """A best practice the curator made public; anyone."""
    page = published_page(slug)
    item = _public_practice(page, uuid)

    def render_practice(state: dict) -> HttpResponse:
        visible = Visible(page.organization)
        context = {
            "page": page,
            "organization": page.organization,
            "practice": _dress_practice(item, visible),
        }
        return render(request, "publication/public/practice.html", context)

    return cached_response(request, page, render_practice)


@login_not_required
def practice_file(request: HttpRequest, slug: str, uuid) -> HttpResponse:
    """The file of a public best practice's material; anyone."""
    page = published_page(slug)
    item = _public_practice(page, uuid)
    if item.material is None or not item.material.file:
        raise Http404
    # Files are streamed, not stored in the cache; the ETag still spares a repeated download.
    return cached_response(request, page, lambda state: file_response(item.material))


def _frame_ancestors(organization) -> list[str]:
    """The school's own site may embed the card; without a site on record, any site may."""
    parsed = urlparse(organization.website or "")
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return ["'self'", f"{parsed.scheme}://{parsed.netloc}"]
    return ["*"]


@login_not_required
@xframe_options_exempt
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    """The card the school embeds in its site (an iframe): figures and the latest news; anyone."""
    page = published_page(slug)

    def render_card(state: dict) -> HttpResponse:
        visible = Visible(page.organization)
        context = {
            "page": page,
            "organization": page.organization,
            "figures": Figures.from_state(state),
            "news": [_dress_news(item, visible) for item in _news(page)[:3]],
        }
        return render(request, "publication/public/embed.html", context)

    response = cached_response(request, page, render_card)
    response._csp_replace = {"frame-ancestors": _frame_ancestors(page.organization)}
    return response
