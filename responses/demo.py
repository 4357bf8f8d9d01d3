"""The demo city: Stockholm's organisations, users per role, the program for
kvalitetsutveckling with its three historical remisser and their real answers
(imported from the seed documents), and open remisser with deadlines around today.

Idempotent: every object is looked up by its natural key and only created when
missing, so a second run writes nothing.
"""

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind, Role, User
from programs.models import Program, Recipient, Remiss, RemissStatus
from programs.services import recipient_mark_answered

from .content import STANDARD_DECISION_POINTS, SectionKind, new_section
from .models import Stance, State, Utlatande, UtlatandeRecipient

DATA_DIR = Path(__file__).resolve().parent / "demo"
ORGANISATIONS_CSV = Path(__file__).resolve().parent.parent / "organisations" / "data" / (
    "stockholm-organisations.csv")
PROGRAM_TITLE = "Program för kvalitetsutveckling"

# Stadsarkivet answers under Kulturnämnden but writes its own tjänsteutlåtanden.
EXTRA_ORGANISATIONS = [
    ("Kulturnämnden, Stadsarkivet", "Stadsarkivet", OrganisationKind.FACKNAMND, "ssa"),
]

# username, first, last, organisation short, role, title, phone
DEMO_USERS = [
    ("handlaggare.kultur", "Maria", "Lindqvist", "kun", Role.HANDLAGGARE, "Utredare",
     "08-508 319 12"),
    ("granskare.kultur", "Per", "Ekström", "kun", Role.GRANSKARE, "Förvaltningschef",
     "08-508 319 00"),
    ("sekreterare.kultur", "Anna", "Berg", "kun", Role.NAMNDSEKRETERARE, "Nämndsekreterare",
     "08-508 319 05"),
    ("handlaggare.stadsarkivet", "Jonas", "Holm", "ssa", Role.HANDLAGGARE, "Arkivarie",
     "08-508 283 10"),
    ("granskare.stadsarkivet", "Eva", "Sundberg", "ssa", Role.GRANSKARE, "Stadsarkivarie",
     "08-508 283 00"),
    ("handlaggare.rinkeby", "Klas", "Robinson", "rik", Role.HANDLAGGARE, "Utvecklingsstrateg",
     "08-508 013 52"),
    ("granskare.rinkeby", "Olle", "Johnselius", "rik", Role.GRANSKARE, "Stadsdelsdirektör",
     "08-508 010 00"),
    ("sekreterare.rinkeby", "Fatima", "Ali", "rik", Role.NAMNDSEKRETERARE, "Nämndsekreterare",
     "08-508 010 20"),
    ("handlaggare.utbildning", "Sara", "Nyström", "utn", Role.HANDLAGGARE, "Utredare",
     "08-508 335 40"),
    ("granskare.utbildning", "Thomas", "Persson", "utn", Role.GRANSKARE, "Utbildningsdirektör",
     "08-508 330 00"),
    ("slk", "Karin", "Wallin", "ks", Role.STADSLEDNINGSKONTORET, "Remissamordnare",
     "08-508 290 00"),
    ("admin", "Admin", "Istratör", "ks", Role.ADMINISTRATOR, "Systemförvaltare",
     "08-508 290 99"),
]


@dataclass(frozen=True)
class OpenRemiss:
    ks_dnr: str
    title: str
    sent_days_ago: int
    deadline_in_days: int
    description: str
    program: str | None = None


OPEN_REMISSER = [
    OpenRemiss("KS 2026/1204", "Stockholms stads miljöprogram 2028–2031", 60, -6,
               "Stadsledningskontoret har tagit fram ett förslag till nytt miljöprogram med "
               "mål för klimat, biologisk mångfald och cirkulär ekonomi."),
    OpenRemiss("KS 2026/1350", "Reviderat program för kvalitetsutveckling 2027–2030", 45, 4,
               "Programmet revideras för fjärde gången. Förslaget lyfter fram brukarnas "
               "delaktighet, uppföljning och analys samt ledarskapets betydelse.",
               PROGRAM_TITLE),
    OpenRemiss("KS 2026/1422", "Handlingsplan för ett tillgängligt Stockholm 2027–2030", 10, 24,
               "Handlingsplanen beskriver hur staden ska nå målen i programmet för "
               "tillgänglighet och delaktighet för personer med funktionsnedsättning."),
    OpenRemiss("KS 2026/987", "Strategi för digital förnyelse i Stockholms stad", 90, -20,
               "Strategin anger inriktningen för stadens digitala utveckling och "
               "gemensamma digitala tjänster."),
]

HISTORICAL_REMISSER = [
    # ks_dnr, title, remiss_date, deadline
    ("KS-dnr 009-1322/2011", "Stadsledningskontorets förslag till program för "
     "kvalitetsutveckling", datetime.date(2011, 6, 14), datetime.date(2011, 9, 30)),
    ("174-742/2016", "Reviderat program för kvalitetsutveckling",
     datetime.date(2016, 7, 7), datetime.date(2016, 11, 28)),
    ("KS 2021/866", "Program för kvalitetsutveckling 2022–2025",
     datetime.date(2021, 6, 22), datetime.date(2021, 10, 19)),
]

# seed file, ks_dnr of its remiss, organisation short
SEED_ANSWERS = [
    ("2011-rinkeby-kista.txt", "KS-dnr 009-1322/2011", "rik"),
    ("2011-utbildningsforvaltningen.txt", "KS-dnr 009-1322/2011", "utn"),
    ("2016-stadsarkivet.txt", "174-742/2016", "ssa"),
    ("2016-kulturforvaltningen.txt", "174-742/2016", "kun"),
]


def load_organisations() -> dict[str, Organisation]:
    rows = []
    with ORGANISATIONS_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows.append((row["name"], row["forvaltning"], row["kind"], row["short"]))
    rows.extend(EXTRA_ORGANISATIONS)
    result = {}
    for name, forvaltning, kind, short in rows:
        org, _ = Organisation.objects.get_or_create(
            short=short,
            defaults={"name": name, "forvaltning": forvaltning, "kind": kind,
                      "email": f"registrator.{short}@stockholm.se"},
        )
        result[short] = org
    return result


def load_users(orgs: dict[str, Organisation]) -> dict[str, User]:
    users = {}
    for username, first, last, short, role, title, phone in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last,
                        organisation=orgs[short], role=role, title=title, phone=phone,
                        email=f"{username}@stockholm.se")
            user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        users[username] = user
    return users


def _remiss(ks_dnr, title, remiss_date, deadline, status, sender, program, description=""):
    remiss, _ = Remiss.objects.get_or_create(
        ks_dnr=ks_dnr,
        defaults={
            "title": title, "remiss_date": remiss_date, "deadline": deadline, "status": status,
            "sender": sender, "program": program, "description": description,
            "contact_name": "Karin Wallin", "contact_email": "slk@stockholm.se",
            "contact_phone": "08-508 290 00",
            "sent_at": timezone.make_aware(datetime.datetime.combine(remiss_date,
                                                                     datetime.time(9))),
        },
    )
    return remiss


def _recipients(remiss, orgs, handlaggare_by_org):
    result = {}
    for org in orgs:
        recipient, _ = Recipient.objects.get_or_create(
            remiss=remiss, organisation=org,
            defaults={"handlaggare": handlaggare_by_org.get(org.short),
                      "notified_at": remiss.sent_at},
        )
        result[org.short] = recipient
    return result


def load_remisser(orgs, users):
    ks = orgs["ks"]
    program, _ = Program.objects.get_or_create(
        title=PROGRAM_TITLE,
        defaults={"description": "Stadens program för kvalitetsutveckling beskriver "
                                 "inriktningen och de gemensamma ramarna för stadens "
                                 "kvalitetsarbete. Det revideras ungefär vart femte år."},
    )
    answering = [o for o in orgs.values() if o.kind != OrganisationKind.KOMMUNSTYRELSE]
    handlaggare_by_org = {u.organisation.short: u for u in users.values()
                          if u.role == Role.HANDLAGGARE}
    historical = {}
    for ks_dnr, title, remiss_date, deadline in HISTORICAL_REMISSER:
        remiss = _remiss(ks_dnr, title, remiss_date, deadline, RemissStatus.AVSLUTAD, ks,
                         program)
        historical[ks_dnr] = _recipients(remiss, answering, {})
    today = timezone.localdate()
    open_rows = {}
    for spec in OPEN_REMISSER:
        remiss = _remiss(spec.ks_dnr, spec.title, today - datetime.timedelta(spec.sent_days_ago),
                         today + datetime.timedelta(spec.deadline_in_days),
                         RemissStatus.UTSKICKAD, ks,
                         program if spec.program else None, spec.description)
        open_rows[spec.ks_dnr] = _recipients(remiss, answering, handlaggare_by_org)
    _remiss("KS 2026/1500", "Riktlinjer för stadens lokalförsörjning", today,
            today + datetime.timedelta(60), RemissStatus.UTKAST, ks, None,
            "Utkast till remiss; ännu inte utskickad.")
    return historical, open_rows


def _answer(recipient, *, state, stance, owner, synpunkter, answered=False):
    """A short realistic answer for the open remisser (the historical ones are imported)."""
    if recipient.links.exists():
        return
    org = recipient.organisation
    remiss = recipient.remiss
    utlatande = Utlatande.objects.create(
        organisation=org, title=f"{remiss.title} ({remiss.ks_dnr}). Svar på remiss från "
                                f"kommunstyrelsen",
        date=remiss.remiss_date + datetime.timedelta(days=20), till=org.name,
        own_dnr=f"{org.short.upper()} 2026/{recipient.pk % 900 + 100}",
        handlaggare=[{"name": owner.get_full_name(), "telefon": owner.phone}] if owner else [],
        owner=owner, decision_points=list(STANDARD_DECISION_POINTS), stance=stance, state=state,
        sections=[
            new_section(SectionKind.SAMMANFATTNING, "Sammanfattning",
                        f"<p>{org.forvaltning} har tagit del av förslaget. {synpunkter}</p>"),
            new_section(SectionKind.ARENDET, "Ärendet",
                        f"<p>{remiss.description}</p>"),
            new_section(SectionKind.BEREDNING, "Ärendets beredning",
                        f"<p>Ärendet har beretts inom {org.forvaltning}.</p>"),
            new_section(SectionKind.SYNPUNKTER, "Förvaltningens synpunkter",
                        f"<p>{synpunkter}</p>"),
        ],
    )
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
    if answered:
        recipient_mark_answered(recipient=recipient, by=owner)


def load_open_answers(open_rows, users):
    """Give the open remisser some life: answers in every state of the workflow."""
    miljo = open_rows["KS 2026/1204"]
    digital = open_rows["KS 2026/987"]
    kvalitet = open_rows["KS 2026/1350"]
    positive = ("Förvaltningen ställer sig positiv till förslaget som helhet men önskar "
                "tydligare skrivningar om uppföljning.")
    for i, short in enumerate(["bro", "far", "kh", "nm", "sod", "ost", "idn", "tn"]):
        _answer(miljo[short], state=State.BESVARAD,
                stance=Stance.TILLSTYRKER if i % 2 else Stance.TILLSTYRKER_MED_SYNPUNKTER,
                owner=None, synpunkter=positive, answered=True)
    _answer(miljo["rik"], state=State.GRANSKNING, stance=Stance.TILLSTYRKER_MED_SYNPUNKTER,
            owner=users["handlaggare.rinkeby"], synpunkter=positive)
    # Kulturnämnden's two answers are decided and justerade at its last sammanträde
    # (meetings.demo.seed_justerad_meeting): the meeting is the one door for decisions.
    _answer(miljo["kun"], state=State.KLAR_FOR_NAMND, stance=Stance.TILLSTYRKER,
            owner=users["handlaggare.kultur"],
            synpunkter="Förvaltningen vill att programmet lyfter fram stadens levande "
                       "kulturmiljöer. Kulturmiljöernas kvalitet är en resurs för ett hållbart "
                       "Stockholm och bör följas upp tillsammans med övriga miljömål.")
    _answer(digital["kun"], state=State.KLAR_FOR_NAMND,
            stance=Stance.TILLSTYRKER_MED_SYNPUNKTER, owner=users["handlaggare.kultur"],
            synpunkter=positive)
    for short in ["bro", "eav", "far", "hal", "hv", "kh", "nm", "rik", "ska", "skh", "st",
                  "sod", "ost", "amn", "son", "utn", "aln"]:
        _answer(digital[short], state=State.BESVARAD, stance=Stance.TILLSTYRKER,
                owner=None, synpunkter=positive, answered=True)
    digital["fsn"].declined = True
    if not digital["fsn"].declined_reason:
        digital["fsn"].declined_reason = "Ärendet berör inte nämndens verksamhet."
        digital["fsn"].save()
    _answer(kvalitet["kun"], state=State.UTKAST, stance="", owner=users["handlaggare.kultur"],
            synpunkter="Kulturförvaltningen ställer sig bakom programmet som helhet.")
    _answer(kvalitet["utn"], state=State.KLAR_FOR_NAMND, stance=Stance.TILLSTYRKER,
            owner=users["handlaggare.utbildning"], synpunkter=positive)


def load_seed_answers(historical):
    """The four real answers, structured by the importer."""
    from .importer.service import import_seed_answer  # the importer owns the parsing

    for filename, ks_dnr, short in SEED_ANSWERS:
        recipient = historical[ks_dnr][short]
        if recipient.links.exists():
            continue
        import_seed_answer(DATA_DIR / "seeds" / filename, recipient)


@transaction.atomic
def seed_demo() -> None:
    orgs = load_organisations()
    users = load_users(orgs)
    historical, open_rows = load_remisser(orgs, users)
    load_seed_answers(historical)
    load_open_answers(open_rows, users)
