"""Review comments anchored to sections, and copying a section from the previous answer."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import help_panel
from .content import new_section
from .editing import Conflict, NotEditable, save_draft
from .forms import ReviewCommentForm
from .models import ReviewComment
from .selectors import editable_utlatanden, visible_utlatanden
from .views import _may_comment


def notify_author(comment: ReviewComment) -> None:
    """E-mail the document's owner (handläggare) that a comment waits, after commit."""
    utlatande = comment.utlatande
    owner = utlatande.owner
    if owner is None or not owner.email or owner == comment.author:
        return
    heading = next((s["heading"] for s in utlatande.sections
                    if s["key"] == comment.section_key), _("hela dokumentet"))
    url = settings.SITE_URL + reverse("responses:detail", args=[utlatande.pk])
    subject = _("Ny granskningskommentar: %(title)s") % {"title": utlatande.title[:80]}
    body = _("%(author)s har kommenterat ”%(section)s”:\n\n%(text)s\n\nÖppna dokumentet: "
             "%(url)s") % {"author": comment.author, "section": heading,
                           "text": comment.text, "url": url}
    transaction.on_commit(lambda: send_mail(subject, body, None, [owner.email],
                                            fail_silently=True))


@login_required
@require_POST
def add_comment(request, pk):
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    if not _may_comment(request.user, utlatande):
        raise PermissionDenied(_("Du kan inte kommentera det här dokumentet."))
    form = ReviewCommentForm(request.POST, sections=utlatande.sections)
    if not form.is_valid():
        messages.error(request, _("Skriv en kommentar och välj ett avsnitt som finns."))
        return redirect(utlatande)
    comment = ReviewComment(utlatande=utlatande, author=request.user,
                            section_key=form.cleaned_data["section_key"],
                            text=form.cleaned_data["text"].strip())
    comment._history_user = request.user
    comment.save()
    notify_author(comment)
    messages.success(request, _("Kommentaren är sparad och handläggaren har fått besked."))
    return redirect(f"{utlatande.get_absolute_url()}#kommentar-{comment.pk}")


@login_required
@require_POST
def resolve_comment(request, pk, comment_pk):
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    if not _may_comment(request.user, utlatande):
        raise PermissionDenied(_("Du kan inte ändra kommentarer i det här dokumentet."))
    comment = get_object_or_404(utlatande.comments, pk=comment_pk)
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = request.user
        comment._history_user = request.user
        comment.save()
    messages.success(request, _("Kommentaren är markerad som åtgärdad."))
    return redirect(utlatande)


@login_required
@require_POST
def copy_section(request, pk):
    """Append a section of the previous answer to the draft (a normal optimistic save)."""
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    if not editable_utlatanden(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    source = help_panel.previous_answer(utlatande)
    if source is None or str(source.pk) != request.POST.get("source"):
        raise PermissionDenied
    section = next((s for s in source.sections if s["key"] == request.POST.get("section")),
                   None)
    if section is None:
        messages.error(request, _("Avsnittet finns inte längre."))
        return redirect("responses:edit", pk=pk)
    copied = new_section(section["kind"], section["heading"], section["html"])
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = -1
    sections = [*utlatande.sections, copied]
    try:
        save_draft(utlatande, expected_version=expected, changes={"sections": sections},
                   user=request.user)
    except (Conflict, NotEditable):
        messages.error(request, _("Utkastet har ändrats sedan sidan laddades. Spara dina "
                                  "ändringar och kopiera igen."))
        return redirect("responses:edit", pk=pk)
    messages.success(request, _("Avsnittet ”%(h)s” är kopierat sist i utkastet.")
                     % {"h": section["heading"]})
    return redirect(f"{reverse('responses:edit', args=[pk])}#avsnitt-{copied['key']}")
