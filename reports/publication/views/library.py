"""The methodical library («методическая копилка») and its best practices.

Curators and mentors add materials (a file up to 20 MB, its type checked by content, or a link);
the director and mentors read; the curator marks materials and completed pairs' programmes as
best practices and decides which of them the public page shows.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.lib.actions import refusals
from mentoring.lib.files import stored_file_response
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.uploads import CONTENT_TYPES
from mentoring.lib.views import org_permission_required, paginate
from people.models import Person
from reports.publication import actions
from reports.publication.forms import BestPracticeForm, MaterialFilter, MaterialForm
from reports.publication.models import BestPractice, Material


def _material(request: HttpRequest, uuid, perm: str) -> Material:
    materials = Material.objects.select_related("organization", "form", "author", "academic_year")
    return get_visible_or_404(request, materials, perm, uuid=uuid)


def _practice(request: HttpRequest, uuid) -> BestPractice:
    practices = BestPractice.objects.for_list()
    return get_visible_or_404(request, practices, "publication.manage_best_practices", uuid=uuid)


def file_response(material: Material) -> FileResponse:
    """The stored file with the type found at upload, always as a download."""
    if not material.file:
        raise Http404("У материала нет файла")
    name = material.file_name or f"{material.title[:80]}.{material.file_type}"
    content_type = CONTENT_TYPES.get(material.file_type, "application/octet-stream")
    return stored_file_response(material.file, filename=name, content_type=content_type)


@org_permission_required("publication.view_library")
def material_list(request: HttpRequest) -> HttpResponse:
    """Search and filters over the organization's materials; curators, directors, mentors."""
    materials = Material.objects.visible_to(request.user).filter(organization=request.organization).for_list()
    filterset = MaterialFilter(request.GET or None, queryset=materials)
    context = {
        "filter": filterset,
        "page": paginate(request, filterset.qs),
        "can_add": request.user.has_perm("publication.add_material", request.organization),
        "can_mark": request.user.has_perm("publication.manage_best_practices", request.organization),
    }
    return render(request, "publication/material_list.html", context)


@org_permission_required("publication.add_material")
def material_create(request: HttpRequest) -> HttpResponse:
    """Add a material (file or link); curators and mentors."""
    author = Person.objects.filter(organization=request.organization, user=request.user).first()
    form = MaterialForm(
        request.POST or None, request.FILES or None, organization=request.organization, author=author
    )
    if request.method == "POST" and form.is_valid():
        material = actions.material_create(form.save(commit=False), actor=request.user)
        messages.success(request, "Материал добавлен в методическую копилку.")
        return redirect(material.get_absolute_url())
    return render(request, "publication/material_form.html", {"form": form, "material": None})


@login_required
def material_detail(request: HttpRequest, uuid) -> HttpResponse:
    """A material with its file or link; whoever sees the library."""
    material = _material(request, uuid, "publication.view_library")
    practice = BestPractice.objects.filter(material=material).first()
    context = {
        "material": material,
        "practice": practice,
        "can_change": request.user.has_perm("publication.change_material", material),
        "can_mark": request.user.has_perm("publication.manage_best_practices", material),
    }
    return render(request, "publication/material_detail.html", context)


@login_required
def material_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Edit a material; the curator, or the mentor who added it."""
    material = _material(request, uuid, "publication.change_material")
    form = MaterialForm(
        request.POST or None, request.FILES or None, instance=material, organization=material.organization
    )
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            material = actions.material_update(form.save(commit=False), actor=request.user)
        if not refused:
            messages.success(request, "Материал сохранён.")
            return redirect(material.get_absolute_url())
    return render(request, "publication/material_form.html", {"form": form, "material": material})


@require_POST
@login_required
def material_delete(request: HttpRequest, uuid) -> HttpResponse:
    """Delete a material and its file; the curator, or the mentor who added it."""
    material = _material(request, uuid, "publication.change_material")
    with refusals(request):
        actions.material_delete(material, actor=request.user)
        messages.success(request, "Материал удалён.")
    return redirect("library:list")


@login_required
def material_file(request: HttpRequest, uuid) -> FileResponse:
    """Download the material's file; whoever sees the library."""
    return file_response(_material(request, uuid, "publication.view_library"))


@require_POST
@login_required
def material_mark(request: HttpRequest, uuid) -> HttpResponse:
    """Mark a material as a best practice; the curator."""
    material = _material(request, uuid, "publication.manage_best_practices")
    with refusals(request) as refused:
        practice = actions.practice_mark_material(material, actor=request.user)
    if refused:
        return redirect(material.get_absolute_url())
    messages.success(
        request, "Материал отмечен как лучшая практика. Решите, показывать ли его на публичной странице."
    )
    return redirect("library:practice_edit", practice.uuid)


@require_POST
@login_required
def pair_mark(request: HttpRequest, uuid) -> HttpResponse:
    """Mark a completed pair's programme as a best practice; the curator."""
    from pairs.models import Pair

    pair = get_visible_or_404(
        request, Pair.objects.for_list(), "publication.manage_best_practices", uuid=uuid
    )
    with refusals(request) as refused:
        practice = actions.practice_mark_pair(pair, actor=request.user)
    if refused:
        return redirect(pair.get_absolute_url())
    messages.success(
        request, "Программа пары отмечена как лучшая практика. Проверьте описание для публичной страницы."
    )
    return redirect("library:practice_edit", practice.uuid)


@org_permission_required("publication.view_library")
def practice_list(request: HttpRequest) -> HttpResponse:
    """Best practices of the organization; whoever sees the library."""
    practices = BestPractice.objects.visible_to(request.user).filter(organization=request.organization)
    practices = practices.for_list()
    context = {
        "practices": practices,
        "can_manage": request.user.has_perm("publication.manage_best_practices", request.organization),
    }
    return render(request, "publication/practice_list.html", context)


@login_required
def practice_edit(request: HttpRequest, uuid) -> HttpResponse:
    """The public description of a best practice and whether the public page shows it; the curator."""
    practice = _practice(request, uuid)
    form = BestPracticeForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        actions.practice_update(form.save(commit=False), actor=request.user)
        messages.success(request, "Лучшая практика сохранена.")
        return redirect("library:practices")
    return render(request, "publication/practice_form.html", {"form": form, "practice": practice})


@require_POST
@login_required
def practice_delete(request: HttpRequest, uuid) -> HttpResponse:
    """Remove the «лучшая практика» mark (the material or pair stays); the curator."""
    practice = _practice(request, uuid)
    actions.practice_delete(practice, actor=request.user)
    messages.success(request, "Отметка «лучшая практика» снята.")
    return redirect("library:practices")
