from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Program, Recipient, Remiss, RemissDocument


class RemissDocumentInline(admin.TabularInline):
    model = RemissDocument
    extra = 0


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    fields = ("organisation", "own_dnr", "handlaggare", "anstand_deadline", "declined",
              "answered_at")
    autocomplete_fields = ("organisation", "handlaggare")


class RemissInline(admin.TabularInline):
    model = Remiss
    extra = 0
    fields = ("ks_dnr", "title", "remiss_date", "deadline", "status")
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ("title",)
    search_fields = ("title", "description")
    inlines = [RemissInline]


@admin.register(Remiss)
class RemissAdmin(SimpleHistoryAdmin):
    list_display = ("ks_dnr", "title", "program", "remiss_date", "deadline", "status")
    list_filter = ("status", "program", "sender")
    search_fields = ("ks_dnr", "title", "description")
    date_hierarchy = "deadline"
    inlines = [RemissDocumentInline, RecipientInline]


@admin.register(Recipient)
class RecipientAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "remiss", "handlaggare", "anstand_deadline", "declined",
                    "answered_at")
    list_filter = ("declined", "organisation__kind", "remiss__status")
    search_fields = ("organisation__name", "remiss__ks_dnr", "remiss__title", "own_dnr")
    autocomplete_fields = ("organisation", "handlaggare", "remiss")
