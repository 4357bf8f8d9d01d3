"""The import page: upload → preview with the import report → save (nämndsekreterare, admin).

The uploaded bytes wait between preview and save in the media storage under their SHA-256;
the session lists the hashes this user may save, so nobody can save another's upload.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisations.models import Organisation, Role
from programs.selectors import visible_remisser
from responses.sanitize import clean_html

from .forms import CorrectionForm, ImportForm
from .service import find_duplicate, import_utlatande, parse_file

SESSION_KEY = "importer_pending"
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
CORRECTED = "rattelse-skickad"  # set by the preview's form: its fields are to be read


def may_import(user) -> bool:
    return user.is_authenticated and (
        user.is_administrator
        or (user.role == Role.NAMNDSEKRETERARE and user.organisation_id is not None))


def _pending_path(sha256: str) -> str:
    return f"importer/pending/{sha256}"


def _demote(html: str) -> str:
    """Sub-headings one level below the preview's section headings (h4), keeping order."""
    return html.replace("<h3>", "<h5>").replace("</h3>", "</h5>")


@login_required
def upload(request):
    """Upload form, then the preview. Templates: responses/import/upload.html, preview.html."""
    if not may_import(request.user):
        raise PermissionDenied(_("Bara nämndsekreterare och administratörer kan importera."))
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        result = form.result
        pending = request.session.get(SESSION_KEY, {})
        path = pending.get(result.sha256, {}).get("path")
        if not path or not default_storage.exists(path):
            # The storage picks the final name (a random directory): remember it.
            path = default_storage.save(_pending_path(result.sha256),
                                        ContentFile(form.data_bytes))
        pending[result.sha256] = {
            "path": path,
            "filename": form.cleaned_data["file"].name[-120:],
            "remiss": form.cleaned_data["remiss"].pk,
            "organisation": form.cleaned_data["organisation"].pk,
            "state": form.cleaned_data["state"],
        }
        request.session[SESSION_KEY] = pending
        return _preview(request, result, form.cleaned_data["remiss"],
                        form.cleaned_data["organisation"],
                        CorrectionForm(parsed=result.parsed))
    return render(request, "responses/import/upload.html", {"form": form})


def _preview(request, result, remiss, organisation, corrections: CorrectionForm):
    """The preview: what was read, with a confidence per field and a form to correct it."""
    parsed = result.parsed
    return render(request, "responses/import/preview.html", {
        "result": result, "parsed": parsed, "sha256": result.sha256,
        "remiss": remiss, "organisation": organisation,
        "duplicate": find_duplicate(result.sha256), "corrections": corrections,
        "sections": [{"heading": s.heading, "html": _demote(clean_html(s.html))}
                     for s in parsed.sections],
        "recognised": [m for k, m in result.report if k == "recognised"],
        "guessed": [m for k, m in result.report if k == "guessed"],
        "free_text": [m for k, m in result.report if k == "free_text"] + parsed.missing,
    })


@login_required
@require_POST
def confirm(request):
    """Save the previewed upload and show the new tjänsteutlåtande."""
    if not may_import(request.user):
        raise PermissionDenied(_("Bara nämndsekreterare och administratörer kan importera."))
    sha256 = request.POST.get("sha256", "")
    pending = request.session.get(SESSION_KEY, {})
    if not SHA_RE.match(sha256) or sha256 not in pending:
        raise Http404(_("Det finns ingen uppladdad fil att spara. Ladda upp den igen."))
    info = pending[sha256]
    remiss = get_object_or_404(visible_remisser(request.user), pk=info["remiss"])
    organisation = get_object_or_404(Organisation, pk=info["organisation"])
    if not request.user.is_administrator and organisation.pk != request.user.organisation_id:
        raise PermissionDenied
    path = info.get("path", "")
    if not path.startswith("importer/pending/") or not default_storage.exists(path):
        raise Http404(_("Den uppladdade filen finns inte längre. Ladda upp den igen."))
    with default_storage.open(path, "rb") as handle:
        data = handle.read()
    try:
        result = parse_file(data, info["filename"])
        corrections = {}
        if CORRECTED in request.POST:  # the preview's fields, possibly corrected
            form = CorrectionForm(request.POST, parsed=result.parsed)
            if not form.is_valid():
                return _preview(request, result, remiss, organisation, form)
            corrections = form.corrections()
        result = import_utlatande(data=data, filename=info["filename"], remiss=remiss,
                                  organisation=organisation, by=request.user,
                                  state=info["state"], result=result, corrections=corrections)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("responses:import_upload")
    default_storage.delete(path)
    pending.pop(sha256, None)
    request.session[SESSION_KEY] = pending
    if result.duplicate:
        messages.info(request, _("Filen var redan importerad; inget nytt tjänsteutlåtande "
                                 "skapades."))
    else:
        messages.success(request, _("Tjänsteutlåtandet importerades."))
    return redirect(result.utlatande.get_absolute_url())
