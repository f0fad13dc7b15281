from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count

from mentoring.lib.admin import ReadOnlyAdmin
from people.models import (
    AcademicYear,
    AccessLog,
    Competency,
    Consent,
    Membership,
    Mentee,
    Mentor,
    MentoringForm,
    MentoringType,
    Municipality,
    Organization,
    Person,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    fields = ["role", "organization", "municipality"]
    autocomplete_fields = ["organization", "municipality"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "last_name", "first_name", "email", "is_active"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "oktmo", "organization_count"]
    search_fields = ["short_name", "name", "oktmo"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(organization_count=Count("organizations"))

    @admin.display(description="организаций", ordering="organization_count")
    def organization_count(self, municipality) -> int:
        return municipality.organization_count


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "municipality", "city", "director_name", "slug"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["short_name", "full_name", "city", "slug"]
    autocomplete_fields = ["municipality"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["label", "start_year"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["last_name", "first_name", "middle_name", "kind", "organization", "school_class"]
    list_filter = ["kind", "organization"]
    list_select_related = ["organization"]
    search_fields = ["last_name", "first_name", "middle_name"]
    readonly_fields = ["uuid", "anonymized_at"]
    list_per_page = 25


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organization", "municipality"]
    list_filter = ["role", "municipality"]
    list_select_related = ["user", "organization", "municipality"]
    autocomplete_fields = ["user", "organization", "municipality"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["viewed_at", "user", "person", "path"]
    list_select_related = ["user", "person"]
    date_hierarchy = "viewed_at"


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ["name", "mentor_kind", "mentee_kind", "is_active", "position"]
    list_editable = ["is_active", "position"]


@admin.register(MentoringType)
class MentoringTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "is_group", "position"]
    list_editable = ["position"]


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["name", "for_students", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Mentor)
class MentorAdmin(ReadOnlyAdmin):
    list_display = ["person", "organization", "status", "capacity"]
    list_filter = ["status", "organization"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__last_name"]
    raw_id_fields = ["person"]
    list_per_page = 25


@admin.register(Mentee)
class MenteeAdmin(ReadOnlyAdmin):
    list_display = ["person", "organization", "category", "status"]
    list_filter = ["status", "category", "organization"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__last_name"]
    raw_id_fields = ["person"]
    list_per_page = 25


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["person", "kind", "signer", "signed_on", "valid_until", "withdrawn_on"]
    list_filter = ["kind", "signer"]
    list_select_related = ["person"]
    raw_id_fields = ["person", "representative"]
