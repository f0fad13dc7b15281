"""Managing the public page: its text, publication, the snippet for the school's site, and news."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import org_permission_required, paginate, require_perm
from reports.publication import actions
from reports.publication.forms import NewsItemForm, PublicPageForm
from reports.publication.models import BestPractice, NewsItem, PublicPage
from reports.publication.names import NameGuard


def page_of(organization) -> PublicPage:
    page, _ = PublicPage.objects.get_or_create(
        organization=organization, defaults={"title": f"Наставничество в {organization.short_name}"}
    )
    return page


def snippet(request: HttpRequest, page: PublicPage) -> str:
    """The HTML the school pastes into its site: the embedded card and plain links."""
    slug = page.organization.slug
    embed = request.build_absolute_uri(reverse("public:embed", args=[slug]))
    index = request.build_absolute_uri(reverse("public:index", args=[slug]))
    feed = request.build_absolute_uri(reverse("public:feed", args=[slug]))
    title = f"{page.title} — {page.organization.short_name}".replace('"', "&quot;")
    return (
        f'<iframe src="{embed}" title="{title}" width="100%" height="460" '
        'style="border:0;max-width:720px" loading="lazy"></iframe>\n'
        f'<p><a href="{index}">Наставничество: положение, дорожная карта, новости</a> · '
        f'<a href="{feed}">Новости (Atom)</a></p>'
    )


@org_permission_required("publication.view_publication")
def page_settings(request: HttpRequest) -> HttpResponse:
    """The public page's text and publication, and the snippet; the curator edits, the director reads."""
    page = page_of(request.organization)
    can_manage = request.user.has_perm("publication.manage_publication", request.organization)
    form = PublicPageForm(request.POST or None, instance=page)
    if request.method == "POST":
        require_perm(request, "publication.manage_publication", request.organization)
        if form.is_valid():
            page = actions.public_page_update(form.save(commit=False), actor=request.user)
            messages.success(
                request,
                "Публичная страница опубликована."
                if page.is_published
                else "Страница сохранена (не опубликована).",
            )
            return redirect("publication:settings")
    guard = NameGuard.for_organization(request.organization)
    context = {
        "page": page,
        "form": form,
        "can_manage": can_manage,
        "snippet": snippet(request, page),
        "hidden_names": guard.hidden_names(f"{page.description}\n{page.contacts}"),
        "practices": BestPractice.objects.visible_to(request.user)
        .filter(organization=request.organization)
        .for_list(),
    }
    return render(request, "publication/publication_settings.html", context)


@org_permission_required("publication.view_publication")
def news_list(request: HttpRequest) -> HttpResponse:
    """The organization's news and announcements; staff readers."""
    items = NewsItem.objects.visible_to(request.user).filter(organization=request.organization)
    items = items.select_related("author")
    context = {
        "page": paginate(request, items),
        "can_manage": request.user.has_perm("publication.manage_publication", request.organization),
    }
    return render(request, "publication/news_list.html", context)


def _news_form(request: HttpRequest, item: NewsItem) -> HttpResponse:
    form = NewsItemForm(request.POST or None, instance=item)
    guard = NameGuard.for_organization(item.organization)
    if request.method == "POST" and form.is_valid():
        item = actions.news_save(form.save(commit=False), actor=request.user)
        hidden = guard.hidden_names(f"{item.title}\n{item.body}")
        if hidden:
            messages.warning(
                request,
                "Сохранено. На публичной странице будут скрыты имена людей без согласия на "
                f"распространение персональных данных: {', '.join(hidden)}.",
            )
        else:
            messages.success(request, "Сохранено.")
        return redirect("publication:news_list")
    return render(request, "publication/news_form.html", {"form": form, "item": item})


@org_permission_required("publication.manage_publication")
def news_create(request: HttpRequest) -> HttpResponse:
    """Write a news item or an announcement; the curator."""
    return _news_form(request, NewsItem(organization=request.organization))


@login_required
def news_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Edit a news item; the curator."""
    news = NewsItem.objects.select_related("organization")
    item = get_visible_or_404(request, news, "publication.manage_publication", uuid=uuid)
    return _news_form(request, item)


@require_POST
@login_required
def news_delete(request: HttpRequest, uuid) -> HttpResponse:
    """Delete a news item; the curator."""
    item = get_visible_or_404(request, NewsItem, "publication.manage_publication", uuid=uuid)
    actions.news_delete(item, actor=request.user)
    messages.success(request, "Новость удалена.")
    return redirect("publication:news_list")
