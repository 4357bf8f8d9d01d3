"""The pages `make bench` measures: a URL name (first one that exists wins), who is
logged in, and how to pick the URL's arguments from the generated city.

A page whose URL name does not exist (yet) is reported as "saknas", so the benchmark
runs against whatever has landed. Pickers run inside Django (bench/prepare.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q


@dataclass(frozen=True)
class Page:
    key: str  # the key in results.json
    label: str  # Swedish, for the table
    url_names: tuple[str, ...]
    role: str  # who is logged in: handlaggare, slk or none
    # The URL's kwargs; "_user" in the result logs in another user for this page.
    pick: Callable[[object], dict] = field(default=lambda user: {})
    query: str = ""


def bench_handlaggare():
    """The handläggare with the most open assignments: the fullest desk."""
    from organisations.models import User
    from programs.models import RemissStatus

    return (User.objects.filter(role="handlaggare", username__startswith="bench.")
            .annotate(n=Count("assigned_recipients", filter=Q(
                assigned_recipients__remiss__status=RemissStatus.UTSKICKAD)))
            .order_by("-n", "pk").first())


def bench_slk():
    from organisations.models import User

    return User.objects.filter(role="stadsledningskontoret",
                               username__startswith="bench.").order_by("pk").first()


def pick_draft(user) -> dict:
    """An utkast of the user's organisation (the editor's usual case); in a small city
    without one, any utkast, opened by its owner ("_user")."""
    from responses.models import State, Utlatande

    drafts = Utlatande.objects.filter(state=State.UTKAST).order_by("-pk")
    draft = drafts.filter(organisation_id=user.organisation_id).first()
    if draft is None:
        draft = drafts.exclude(owner=None).first()
        return {"pk": draft.pk, "_user": draft.owner}
    return {"pk": draft.pk}


def pick_public_answer(user) -> dict:
    from responses.models import State, Utlatande

    return {"pk": Utlatande.objects.filter(state=State.BESVARAD).order_by("-pk").first().pk}


def pick_largest_open_remiss(user) -> dict:
    """The open remiss with the most recipients (every organisation: about 60)."""
    from programs.models import Remiss, RemissStatus

    remiss = (Remiss.objects.filter(status=RemissStatus.UTSKICKAD)
              .annotate(n=Count("recipients")).order_by("-n", "-pk").first())
    return {"pk": remiss.pk}


def pick_largest_closed_remiss(user) -> dict:
    """A closed remiss with the most answers: every answer's sections on one page."""
    from programs.models import Remiss, RemissStatus

    remiss = (Remiss.objects.filter(status=RemissStatus.AVSLUTAD)
              .annotate(n=Count("recipients__links")).order_by("-n", "-pk").first())
    return {"pk": remiss.pk}


def pick_busiest_program(user) -> dict:
    from programs.models import Program

    program = Program.objects.annotate(n=Count("remisser")).order_by("-n", "pk").first()
    return {"pk": program.pk}


def archived_with_file():
    """The latest answer whose archived PDF is stored and present on disk, or None."""
    from responses.models import Utlatande

    for utlatande in Utlatande.objects.exclude(archived_pdf="").order_by("-pk")[:20]:
        if utlatande.archived_pdf.storage.exists(utlatande.archived_pdf.name):
            return utlatande
    return None


def pick_archived_pdf(user) -> dict:
    """A justerad answer with its archived PDF (prepare.py archives one if needed)."""
    return {"pk": archived_with_file().pk}


PAGES = [
    Page("desk", "Handläggarens skrivbord", ("responses:desk", "desk", "start"),
         "handlaggare"),
    Page("editor", "Redigeraren (öppna utkast)", ("responses:edit", "responses:editor"),
         "handlaggare", pick_draft),
    Page("detail", "Tjänsteutlåtande (läsvy)", ("responses:detail",), "handlaggare",
         pick_public_answer),
    Page("matrix", "Remissmatris (60 remissinstanser)",
         ("programs:remiss_matrix", "programs:matrix", "programs:tracking",
          "programs:remiss_tracking"), "slk", pick_largest_open_remiss),
    Page("answers", "Svaren sida vid sida (avslutad remiss)", ("programs:answers",), "slk",
         pick_largest_closed_remiss),
    Page("overview", "Översikt remisser", ("programs:overview", "programs:remiss_list",
                                           "programs:list", "programs:index"), "slk"),
    Page("program", "Programsida", ("programs:program_detail",), "slk", pick_busiest_program),
    Page("search", "Sökning ”kvalitetsutveckling”",
         ("programs:search", "search", "responses:search"), "handlaggare",
         query="q=kvalitetsutveckling"),
    Page("pdf", "PDF (lagrat dokument)",
         ("responses:pdf", "responses:pdf_download", "responses:download_pdf",
          "responses:archived_pdf"), "handlaggare", pick_archived_pdf),
]

# The framework ceiling: the same middleware and routing, no query, no template.
CEILING = Page("halsa", "Ramverkstak (/halsa/)", ("health",), "none")
