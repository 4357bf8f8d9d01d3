from django.contrib import admin

from .models import DocumentSignature, EarkivExport, SignedDocument


class SignatureInline(admin.TabularInline):
    model = DocumentSignature
    extra = 0
    can_delete = False
    readonly_fields = ("field_name", "signer_name", "role", "backend", "signed_at",
                       "recorded_by")


@admin.register(SignedDocument)
class SignedDocumentAdmin(admin.ModelAdmin):
    list_display = ("arende", "sha256", "updated_at")
    readonly_fields = ("arende", "pdf", "sha256")
    inlines = [SignatureInline]

    def has_add_permission(self, request):
        return False  # made by the justering only


@admin.register(EarkivExport)
class EarkivExportAdmin(admin.ModelAdmin):
    """The e-arkiv page (archive:earkiv) starts exports; the admin lists them."""

    change_list_template = "archive/admin_earkiv_change_list.html"
    list_display = ("year", "remiss", "status", "done", "total", "created_at")
    readonly_fields = ("year", "remiss", "status", "done", "total", "result", "sha256",
                       "error", "created_by", "finished_at")
