from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, User


class MemberInline(admin.TabularInline):
    model = User
    fields = ("username", "first_name", "last_name", "email", "role", "title")
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "forvaltning", "kind", "short", "email", "remissvar_delegated")
    list_filter = ("kind", "remissvar_delegated")
    search_fields = ("name", "forvaltning", "short", "email")
    inlines = [MemberInline]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "get_full_name", "organisation", "role", "email", "is_active")
    list_filter = ("role", "organisation__kind", "is_active", "organisation")
    search_fields = ("username", "first_name", "last_name", "email", "organisation__name")
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Organisation"), {"fields": ("organisation", "role", "title", "phone")}),
    )
