"""The organisation's template for new answers, edited by its nämndsekreterare."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from organisations.models import Role

from .content import STANDARD_DECISION_POINTS, STANDARD_SECTIONS, new_section
from .forms import ResponseTemplateForm
from .models import ResponseTemplate


@login_required
def edit_template(request):
    """Template: responses/template_form.html."""
    user = request.user
    if user.role != Role.NAMNDSEKRETERARE or user.organisation is None:
        raise PermissionDenied(_("Bara nämndsekreterare kan ändra organisationens mall."))
    template = ResponseTemplate.objects.filter(organisation=user.organisation).first()
    points = template.decision_points if template else list(STANDARD_DECISION_POINTS)
    sections = template.sections if template and template.sections else [
        new_section(kind, heading) for kind, heading in STANDARD_SECTIONS]
    initial = {"decision_points": "\n".join(points)}
    if request.method == "POST":
        form = ResponseTemplateForm(request.POST, sections=sections, initial=initial)
        if form.is_valid():
            points, sections = form.values()
            template = template or ResponseTemplate(organisation=user.organisation)
            template.decision_points = points
            template.sections = sections
            template._history_user = user
            template.save()
            messages.success(request, _("Mallen är sparad. Nya svar utgår från den."))
            return redirect("responses:template")
    else:
        form = ResponseTemplateForm(sections=sections, initial=initial)
    return render(request, "responses/template_form.html",
                  {"form": form, "organisation": user.organisation})
