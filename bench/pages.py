"""The key pages the benchmark measures: name, who opens it, and its URL in the benchmark data.

A page's URL is built from `ctx` (bench.run.Context): the organization measured, its users and
records. Pages are added here as the apps that serve them land.
"""

from __future__ import annotations

from django.urls import reverse

PAGES = [
    ("curator dashboard", "curator", lambda ctx: reverse("dashboard")),
    ("people registry", "curator", lambda ctx: reverse("people:person_list") + "?kind=staff&page=2"),
]

# Throughput over HTTP: (name, role, url) of the measured list pages, the stack's limit and the
# Django admin changelist of the same model with the same page size.
THROUGHPUT = [
    ("curator dashboard", "curator", lambda ctx: reverse("dashboard")),
    ("people registry", "curator", lambda ctx: reverse("people:person_list") + "?kind=staff"),
]
LIMIT_PAGE = ("minimal page (base template)", "curator", lambda ctx: reverse("about"))
ADMIN_PAGES = {
    "people registry": lambda ctx: (
        reverse("admin:people_person_changelist") + f"?organization__id__exact={ctx.org.pk}"
    ),
    "curator dashboard": lambda ctx: (
        reverse("admin:people_person_changelist") + f"?organization__id__exact={ctx.org.pk}"
    ),
}
