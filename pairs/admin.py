from django.contrib import admin

from pairs.models import Meeting, Pair, PairMentee, PairMentor


class PairMentorInline(admin.TabularInline):
    model = PairMentor
    extra = 0
    raw_id_fields = ["mentor"]


class PairMenteeInline(admin.TabularInline):
    model = PairMentee
    extra = 0
    raw_id_fields = ["mentee"]


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    # No __str__ here: it names the members, a query per row.
    list_display = ["uuid", "organization", "form", "type", "status", "planned_start", "planned_end"]
    list_filter = ["status", "form", "organization"]
    list_select_related = ["organization", "form", "type"]
    inlines = [PairMentorInline, PairMenteeInline]
    readonly_fields = ["uuid"]
    list_per_page = 25


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "topic", "pair"]
    list_filter = ["kind"]
    raw_id_fields = ["pair", "attendees"]
    date_hierarchy = "date"
    list_per_page = 25
