"""Verifiera (signed protokollsutdrag and uploaded PDFs) and the e-arkiv export page."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from responses.selectors import visible_utlatanden

from . import verification
from .earkiv.export import ExportError, build_remiss_package, find_remiss
from .forms import EarkivRemissForm, EarkivYearForm, VerifyUploadForm
from .models import EarkivExport, ExportStatus, SignedDocument
from .services import earkiv_year_export_create


@login_required
@require_GET
def verify_document(request, pk):
    """Verifiera a stored signed protokollsutdrag. Template: archive/verify.html.

    Context: document, report (VerificationReport), sha256_ok (the stored file still has
    the digest recorded when it was last signed), signatures (as recorded).
    """
    document = get_object_or_404(SignedDocument.objects.select_related(
        "arende", "arende__meeting", "arende__meeting__organisation"), pk=pk)
    if not visible_utlatanden(request.user).filter(pk=document.arende.utlatande_id).exists():
        raise PermissionDenied(_("Du har inte behörighet att se ärendet."))
    checked = verification.verify_document(document)
    return render(request, "archive/verify.html", {
        "document": document, "report": checked.report, "sha256_ok": checked.sha256_ok,
        "signatures": document.signatures.all()})


@login_required
def verify_upload(request):
    """Verifiera any PDF someone has (a copy received by e-mail, a download).

    Template: archive/verify_upload.html. Context: form, report, filename.
    """
    form = VerifyUploadForm(request.POST, request.FILES) if request.method == "POST" \
        else VerifyUploadForm()
    report = None
    if request.method == "POST" and form.is_valid():
        report = verification.verify_pdf(form.cleaned_data["file"])
    return render(request, "archive/verify_upload.html", {
        "form": form, "report": report,
        "filename": request.FILES["file"].name if report else ""},
        status=400 if form.errors else 200)


def _require_admin(user):
    if not user.is_administrator:
        raise PermissionDenied(_("Bara administratörer kan exportera till e-arkivet."))


@login_required
def earkiv(request):
    """Export one remiss as an E-ARK SIP, or queue a year's closed remisser.

    Template: archive/earkiv.html. Context: remiss_form, year_form, exports.
    """
    _require_admin(request.user)
    remiss_form = EarkivRemissForm(request.POST if "remiss" in request.POST else None,
                                   initial={"ks_dnr": request.GET.get("ks_dnr", "")})
    if request.method == "POST" and "remiss" in request.POST and remiss_form.is_valid():
        remiss = find_remiss(remiss_form.cleaned_data["ks_dnr"])
        if remiss is None:
            remiss_form.add_error("ks_dnr", _("Det finns ingen remiss med det diarienumret."))
        else:
            try:
                package = build_remiss_package(remiss)
            except ExportError as error:
                remiss_form.add_error(None, str(error))
            else:
                response = HttpResponse(package.data, content_type="application/zip")
                response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
                response["X-Checksum-SHA256"] = hashlib.sha256(package.data).hexdigest()
                return response
    return render(request, "archive/earkiv.html", {
        "remiss_form": remiss_form, "year_form": EarkivYearForm(),
        "exports": EarkivExport.objects.all()[:20]},
        status=400 if remiss_form.errors else 200)


@login_required
@require_POST
def earkiv_year(request):
    _require_admin(request.user)
    form = EarkivYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("year", [])))
        return redirect("archive:earkiv")
    export = earkiv_year_export_create(year=form.cleaned_data["year"], by=request.user)
    messages.success(request, ngettext(
        "Exporten av %(year)s är köad (%(n)s avslutad remiss).",
        "Exporten av %(year)s är köad (%(n)s avslutade remisser).", export.total) % {
        "year": export.year, "n": export.total})
    return redirect("archive:earkiv")


@login_required
@require_GET
def earkiv_download(request, pk):
    _require_admin(request.user)
    export = get_object_or_404(EarkivExport, pk=pk, status=ExportStatus.KLAR)
    response = FileResponse(export.result.open("rb"), as_attachment=True,
                            filename=f"e-arkiv-{export.year}.zip")
    response["X-Checksum-SHA256"] = export.sha256
    return response
