from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import ledger
from .models import CalendarFeedToken, ReminderMute, ReminderPolicy, SentReminder


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "days_before", "on_deadline_day", "repeat_after_days",
                    "send_hour", "enabled", "updated_at"]

    def has_add_permission(self, request):
        return not ReminderPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Every open row's cursor follows the new policy.
        from .tasks import reschedule_all_task

        transaction.on_commit(reschedule_all_task.delay)


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["kind_label", "occasion", "addressee", "target_label", "status", "attempts",
                    "created_at", "sent_at"]
    list_filter = ["status", "kind", "occasion"]
    search_fields = ["addressee", "subject", "last_error"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in SentReminder._meta.fields] + ["target_label"]
    actions = ["retry_failed"]

    @admin.display(description=_("gäller"))
    def target_label(self, obj):
        return str(obj.target) if obj.target is not None else "–"

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Försök skicka misslyckade påminnelser igen"))
    def retry_failed(self, request, queryset):
        count = ledger.retry(queryset)
        self.message_user(request, _("%(n)d påminnelser köade igen.") % {"n": count},
                          messages.SUCCESS)


@admin.register(ReminderMute)
class ReminderMuteAdmin(admin.ModelAdmin):
    list_display = ["user", "remiss", "created_at"]
    raw_id_fields = ["user", "remiss"]


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    exclude = ["token"]
    readonly_fields = ["user", "created_at"]
