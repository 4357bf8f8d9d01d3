from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Bilaga,
    ExportJob,
    ResponseTemplate,
    ReviewComment,
    TransitionRecord,
    Utlatande,
    UtlatandeRecipient,
)


class LinkInline(admin.TabularInline):
    model = UtlatandeRecipient
    extra = 0
    autocomplete_fields = ("recipient",)


class BilagaInline(admin.TabularInline):
    model = Bilaga
    extra = 0


class TransitionInline(admin.TabularInline):
    model = TransitionRecord
    extra = 0
    readonly_fields = ("action", "from_state", "to_state", "by", "organisation", "at",
                       "comment")
    can_delete = False


@admin.register(Utlatande)
class UtlatandeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organisation", "state", "stance", "date", "version")
    list_filter = ("state", "stance", "organisation__kind", "imported", "organisation")
    search_fields = ("title", "own_dnr", "organisation__name")
    readonly_fields = ("version", "archived_sha256", "archived_at")
    inlines = [LinkInline, BilagaInline, TransitionInline]


@admin.register(ReviewComment)
class ReviewCommentAdmin(SimpleHistoryAdmin):
    list_display = ("utlatande", "author", "created_at", "resolved_at")
    list_filter = ("resolved_at",)


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(SimpleHistoryAdmin):
    list_display = ("organisation",)


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("kind", "created_by", "status", "progress", "total", "created_at")
    list_filter = ("status", "kind")
