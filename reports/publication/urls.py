"""URLs of the publication section, one namespace per place it is mounted (see mentoring/urls.py):
the Положение at /regulations/, the library at /library/, managing the public page at /publication/,
and the public page itself at /p/ (no login needed)."""

from __future__ import annotations

from django.urls import path

from reports.publication.views import library, management, public, regulations

regulation_urls = (
    [
        path("", regulations.regulation_list, name="list"),
        path("new/", regulations.regulation_create, name="create"),
        path("<uuid:uuid>/", regulations.regulation_detail, name="detail"),
        path("<uuid:uuid>/edit/", regulations.regulation_edit, name="edit"),
        path("<uuid:uuid>/submit/", regulations.regulation_submit, name="submit"),
        path("<uuid:uuid>/approve/", regulations.regulation_approve, name="approve"),
        path("<uuid:uuid>/return/", regulations.regulation_return, name="return"),
        path("<uuid:uuid>/pdf/", regulations.regulation_pdf, name="pdf"),
    ],
    "regulation",
)

library_urls = (
    [
        path("", library.material_list, name="list"),
        path("new/", library.material_create, name="create"),
        path("<uuid:uuid>/", library.material_detail, name="detail"),
        path("<uuid:uuid>/edit/", library.material_edit, name="edit"),
        path("<uuid:uuid>/delete/", library.material_delete, name="delete"),
        path("<uuid:uuid>/file/", library.material_file, name="file"),
        path("<uuid:uuid>/best/", library.material_mark, name="mark"),
        path("practices/", library.practice_list, name="practices"),
        path("practices/pair/<uuid:uuid>/", library.pair_mark, name="pair_mark"),
        path("practices/<uuid:uuid>/", library.practice_edit, name="practice_edit"),
        path("practices/<uuid:uuid>/delete/", library.practice_delete, name="practice_delete"),
    ],
    "library",
)

management_urls = (
    [
        path("", management.page_settings, name="settings"),
        path("news/", management.news_list, name="news_list"),
        path("news/new/", management.news_create, name="news_create"),
        path("news/<uuid:uuid>/edit/", management.news_edit, name="news_edit"),
        path("news/<uuid:uuid>/delete/", management.news_delete, name="news_delete"),
    ],
    "publication",
)

public_urls = (
    [
        path("<slug:slug>/", public.index, name="index"),
        path("<slug:slug>/embed/", public.embed, name="embed"),
        path("<slug:slug>/vi/", public.visually_impaired, name="visually_impaired"),
        path("<slug:slug>/news/", public.news_list, name="news_list"),
        path("<slug:slug>/news/feed/", public.feed, name="feed"),
        path("<slug:slug>/news/<uuid:uuid>/", public.news_detail, name="news_detail"),
        path("<slug:slug>/polozhenie/<uuid:uuid>/", public.regulation, name="regulation"),
        path("<slug:slug>/polozhenie/<uuid:uuid>/pdf/", public.regulation_pdf, name="regulation_pdf"),
        path("<slug:slug>/roadmap/<uuid:uuid>/pdf/", public.roadmap_pdf, name="roadmap_pdf"),
        path("<slug:slug>/practices/<uuid:uuid>/", public.practice, name="practice"),
        path("<slug:slug>/practices/<uuid:uuid>/file/", public.practice_file, name="practice_file"),
    ],
    "public",
)
