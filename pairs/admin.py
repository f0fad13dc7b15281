from django.contrib import admin

from mentoring.lib.admin import ReadOnlyAdmin, ReadOnlyTabularInline
from pairs.models import Meeting, Pair, PairMentee, PairMentor


class PairMentorInline(ReadOnlyTabularInline):
    model = PairMentor
    raw_id_fields = ["mentor"]


class PairMenteeInline(ReadOnlyTabularInline):
    model = PairMentee
    raw_id_fields = ["mentee"]


@admin.register(Pair)
class PairAdmin(ReadOnlyAdmin):
    list_display = ["uuid", "organization", "form", "type", "status", "planned_start", "planned_end"]
    list_filter = ["status", "form", "organization"]
    list_select_related = ["organization", "form", "type"]
    inlines = [PairMentorInline, PairMenteeInline]
    readonly_fields = ["uuid"]
    list_per_page = 25

    def get_queryset(self, request):
        # The row checkbox is labelled with str(pair), which names the members: without the
        # prefetch that was six queries a row.
        return (
            super()
            .get_queryset(request)
            .prefetch_related("pair_mentors__mentor__person", "pair_mentees__mentee__person")
        )


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "topic", "pair"]
    list_filter = ["kind"]
    raw_id_fields = ["pair", "attendees"]
    date_hierarchy = "date"
    list_per_page = 25
