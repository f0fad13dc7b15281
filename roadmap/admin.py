from django.contrib import admin

from mentoring.lib.admin import ReadOnlyAdmin, ReadOnlyTabularInline
from roadmap.models import Activity, CalendarToken, Roadmap, Stage


class StageInline(ReadOnlyTabularInline):
    model = Stage


@admin.register(Roadmap)
class RoadmapAdmin(ReadOnlyAdmin):
    list_display = ["organization", "academic_year", "version", "status", "approved_on", "order_number"]
    list_filter = ["status", "academic_year"]
    list_select_related = ["organization", "academic_year"]
    search_fields = ["organization__short_name", "title"]
    inlines = [StageInline]
    raw_id_fields = ["previous", "created_by"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "deadline_text", "start", "end", "status"]
    list_filter = ["status", "recurrence"]
    list_select_related = ["stage__roadmap"]
    search_fields = ["title", "deadline_text"]
    raw_id_fields = ["stage"]
    autocomplete_fields = ["responsible"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(ReadOnlyAdmin):
    list_display = ["person", "created_at"]
    raw_id_fields = ["person"]
    exclude = ["token"]
