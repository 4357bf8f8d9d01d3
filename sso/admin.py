from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AccountEvent, ExternalIdentity, RoleMapping
from .provisioning import user_reactivate


@admin.register(RoleMapping)
class RoleMappingAdmin(admin.ModelAdmin):
    list_display = ("value", "organisation", "role", "priority")
    list_filter = ("role", "organisation")
    search_fields = ("value", "organisation__name")


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "provider", "subject", "last_login_at")
    search_fields = ("subject", "user__username")
    readonly_fields = ("user", "provider", "subject", "groups", "last_login_at")
    actions = ["reactivate"]

    @admin.action(description=_("Återaktivera valda användare"))
    def reactivate(self, request, queryset):
        for identity in queryset.select_related("user"):
            user_reactivate(user=identity.user, reason=_("Återaktiverad av administratör."),
                            by=request.user)


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "reason", "by", "at")
    list_filter = ("kind",)
    readonly_fields = ("user", "kind", "reason", "by", "at")

    def has_add_permission(self, request):
        return False
