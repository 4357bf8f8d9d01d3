"""Admin: API keys (the plain key shown once), webhook subscriptions and the delivery log."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from . import services
from .models import (
    ApiKey,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookEventType,
    WebhookSubscription,
)

# The library's own key model is unused: ours carries organisation, scopes and user.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


@admin.register(ApiKey)
class ApiKeyAdmin(APIKeyModelAdmin):
    list_display = ("prefix", "name", "organisation", "scopes", "created", "last_used_at",
                    "revoked")
    list_filter = ("revoked", "organisation")
    fields = ("name", "organisation", "scopes", "expiry_date", "revoked", "prefix",
              "last_used_at")
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        fields = ("prefix", "last_used_at")
        if obj is not None:
            # Another organisation would change what the key sees: make a new key instead.
            fields += ("organisation",)
        if obj is not None and obj.revoked:
            fields += ("name", "scopes", "revoked", "expiry_date")
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        created, key = services.api_key_create(
            name=obj.name, organisation=obj.organisation, scopes=obj.scopes, by=request.user)
        if obj.expiry_date:
            created.expiry_date = obj.expiry_date
            created.save(update_fields=["expiry_date"])
        obj.pk = created.pk
        messages.warning(request, _("API-nyckeln för %(name)s är: %(key)s — spara den nu, "
                                    "den visas inte igen.") % {"name": obj.name, "key": key})

    @admin.action(description=_("Återkalla valda nycklar"))
    def revoke(self, request, queryset):
        for api_key in queryset.filter(revoked=False):
            services.api_key_revoke(api_key=api_key)


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(label=_("Adress"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(label=_("Händelser"), choices=WebhookEventType.choices,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookSubscription
        fields = ("name", "url", "events", "organisation", "is_active", "secret")


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ("name", "url", "organisation", "is_active")
    list_filter = ("is_active",)


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = ("number", "at", "status_code", "duration_ms", "error")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: every attempt, its answer, and what failed for good."""

    list_display = ("event", "subscription", "status", "attempts", "last_status_code",
                    "next_attempt_at", "delivered_at")
    list_filter = ("status", "subscription")
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    inlines = [AttemptInline]

    def has_add_permission(self, request):
        return False


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("id", "type", "created_at")
    list_filter = ("type",)
    readonly_fields = ("id", "type", "dedupe_key", "organisation_ids", "payload", "created_at")

    def has_add_permission(self, request):
        return False
