"""The admin pages of the libraries the project uses, in Russian and working with Django 5.2.

The libraries name their apps and models in English («AXES», «PGHISTORY → Events»,
«PROCRASTINATE → Procrastinate jobs»). Their apps get Russian names in `MentoringConfig.ready()` (an
app's name is not part of its migrations); their models are renamed in the admin's app list only, since changing a
library's model options would show up as a migration of that library.
"""

from __future__ import annotations

from django.contrib import admin
from pghistory.admin.core import EventsAdmin

MODEL_NAMES = {
    ("pghistory", "Events"): "События истории",
    ("procrastinate", "ProcrastinateJob"): "Задания",
}


_get_app_list = admin.site.get_app_list


def _app_list(request, app_label=None):
    app_list = _get_app_list(request, app_label)
    for app in app_list:
        for model in app["models"]:
            model["name"] = MODEL_NAMES.get((app["app_label"], model["object_name"]), model["name"])
    return app_list


admin.site.get_app_list = _app_list


class EventsAdminWithoutFacets(EventsAdmin):
    """The history's admin (settings.PGHISTORY_ADMIN_CLASS)."""

    # pghistory 3.9 (the newest) overrides ChangeList.get_queryset without Django 5's
    # `exclude_parameters`, which the facet counts pass: «?_facets=True» would answer 500.
    show_facets = admin.ShowFacets.NEVER
