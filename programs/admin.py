from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Program, Recipient, Remiss, RemissDocument, RemissStatus

# Where a recipient stands is changed only through programs.services (which reschedule its
# reminders once): in the admin these fields are shown, not edited. The same for a sent
# remiss's remisstid and status (the remiss page's edit and close actions change them).
RECIPIENT_STATE_FIELDS = ("anstand_deadline", "declined", "declined_reason", "answered_at")
SENT_REMISS_FIELDS = ("deadline", "status")


class RemissDocumentInline(admin.TabularInline):
    model = RemissDocument
    extra = 0


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    fields = ("organisation", "own_dnr", "handlaggare", "anstand_deadline", "declined",
              "answered_at")
    readonly_fields = RECIPIENT_STATE_FIELDS
    autocomplete_fields = ("organisation", "handlaggare")


class RemissInline(admin.TabularInline):
    model = Remiss
    extra = 0
    fields = ("ks_dnr", "title", "remiss_date", "deadline", "status")
    readonly_fields = SENT_REMISS_FIELDS
    show_change_link = True
    can_delete = False  # deleted on the remiss's own admin page, and only as utkast

    def has_add_permission(self, request, obj=None):
        return False  # a remiss is added on its own page (or in the app), with its remisstid


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

    def has_delete_permission(self, request, obj=None):
        # A sent remiss is a registered case with answers awaited: it is closed, never deleted.
        if obj is not None and obj.status != RemissStatus.UTKAST:
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status != RemissStatus.UTKAST:
            fields = (*fields, *SENT_REMISS_FIELDS)
        return fields


@admin.register(Recipient)
class RecipientAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "remiss", "handlaggare", "anstand_deadline", "declined",
                    "answered_at")
    list_filter = ("declined", "organisation__kind", "remiss__status")
    search_fields = ("organisation__name", "remiss__ks_dnr", "remiss__title", "own_dnr")
    autocomplete_fields = ("organisation", "handlaggare", "remiss")
    readonly_fields = RECIPIENT_STATE_FIELDS
