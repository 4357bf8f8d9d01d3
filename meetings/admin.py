from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Arende, LeadTimes, MemberStatement, Sammantrade


@admin.register(Sammantrade)
class SammantradeAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "date", "time", "place", "state"]
    list_filter = ["state", "organisation"]
    date_hierarchy = "date"


@admin.register(LeadTimes)
class LeadTimesAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "kallelse_days", "signering_days", "granskning_days",
                    "justering_days"]


class MemberStatementInline(admin.TabularInline):
    model = MemberStatement
    extra = 0


@admin.register(Arende)
class ArendeAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "paragraph", "utlatande", "outcome", "decision_date",
                    "omedelbar_justering", "justerad_date"]
    list_filter = ["outcome"]
    raw_id_fields = ["meeting", "utlatande", "recorded_by"]
    inlines = [MemberStatementInline]
