"""A deterministic synthetic city for benchmarks: years of remisser, recipients and answers.

`generate_city(years=10, seed=1)` fills an empty database with about 60 remissinstanser,
1 000 users, 400 remisser a year (about 50 recipients each) and a tjänsteutlåtande for
about half of the recipient rows, with bodies recombined from the seed answers in
responses/demo/seeds/. The same seed and `today` give the same rows. The large tables
are written with COPY (model defaults apply; signals and history do not: this is
benchmark data, not a record of anyone's work).

A development tool: nothing in the app imports it.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import connection, connections, transaction
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind, Role, User
from programs.models import Program, Recipient, Remiss, RemissStatus
from responses.content import STANDARD_DECISION_POINTS, SectionKind
from responses.models import Stance, State, TransitionRecord, Utlatande, UtlatandeRecipient

# Bump when the generated data changes, so that cached benchmark databases are rebuilt.
CITYGEN_VERSION = 4
BENCH_PASSWORD = "remiss-bench-losenord"
BATCH = 5000

SEEDS_DIR = Path(__file__).resolve().parent.parent / "responses" / "demo" / "seeds"
ORGANISATIONS_CSV = Path(__file__).resolve().parent.parent / "organisations" / "data" / (
    "stockholm-organisations.csv")

# Stockholm has about 60 remissinstanser; the CSV has 43, these complete the list
# (names compiled for demo data, codes are ours).
EXTRA_ORGANISATIONS = [
    ("Kulturnämnden, Stadsarkivet", "Stadsarkivet", OrganisationKind.FACKNAMND, "ssa"),
    ("Valnämnden", "Valförvaltningen", OrganisationKind.FACKNAMND, "vn"),
    ("Krisledningsnämnden", "Stadsledningskontorets krisberedskap", OrganisationKind.FACKNAMND,
     "kln"),
    ("Stockholms Stadsteater AB", "Stockholms Stadsteater", OrganisationKind.BOLAG, "stt"),
    ("Stockholm Globe Arena Fastigheter AB", "SGA Fastigheter", OrganisationKind.BOLAG, "sga"),
    ("S:t Erik Markutveckling AB", "S:t Erik Markutveckling", OrganisationKind.BOLAG, "sem"),
    ("S:t Erik Kommunikation AB", "S:t Erik Kommunikation", OrganisationKind.BOLAG, "sek"),
    ("Mässfastigheter i Stockholm AB", "Mässfastigheter", OrganisationKind.BOLAG, "mf"),
    ("Stockholm Vatten VA AB", "Stockholm Vatten VA", OrganisationKind.BOLAG, "svva"),
    ("Stockholm Vatten Avfall AB", "Stockholm Vatten Avfall", OrganisationKind.BOLAG, "svav"),
    ("Stockholms stads Förvaltnings AB", "Stadshusets förvaltning", OrganisationKind.BOLAG,
     "sfab"),
    ("Kommunstyrelsens råd för mänskliga rättigheter", "Stadsledningskontoret",
     OrganisationKind.RAD, "ksmr"),
    ("Kommunstyrelsens råd för integration", "Stadsledningskontoret", OrganisationKind.RAD,
     "ksri"),
    ("Stockholms stads ungdomsråd", "Stadsledningskontoret", OrganisationKind.RAD, "ksur"),
    ("Kommunstyrelsens jämställdhetsråd", "Stadsledningskontoret", OrganisationKind.RAD,
     "ksjr"),
    ("Kommunstyrelsens trygghetsråd", "Stadsledningskontoret", OrganisationKind.RAD, "kstr"),
    ("Kommunstyrelsens råd för landsbygd och skärgård", "Stadsledningskontoret",
     OrganisationKind.RAD, "kslr"),
    ("Kommunstyrelsens näringslivsråd", "Stadsledningskontoret", OrganisationKind.RAD, "ksnr"),
    ("Kommunstyrelsens råd för barnets rättigheter", "Stadsledningskontoret",
     OrganisationKind.RAD, "ksbr"),
]

TOPICS = [
    "kvalitetsutveckling", "miljö", "klimat", "tillgänglighet", "digital förnyelse",
    "trygghet", "jämställdhet", "mänskliga rättigheter", "barnets rättigheter",
    "näringsliv", "idrott", "kultur", "äldreomsorg", "förskola", "skolans digitalisering",
    "arbetsmarknad", "integration", "hemlöshet", "bostadsförsörjning", "lokalförsörjning",
    "upphandling", "informationssäkerhet", "krisberedskap", "folkhälsa", "stadsodling",
    "biologisk mångfald", "dagvatten", "cykeltrafik", "gångtrafik", "kollektivtrafik",
    "parkering", "offentlig konst", "arkiv och informationsförvaltning", "e-arkiv",
    "medborgardialog", "ungdomars inflytande", "funktionshinderpolitik", "ANDT-förebyggande",
    "våld i nära relationer", "suicidprevention", "klimatanpassning", "energi",
    "avfall och återvinning", "vatten och avlopp", "grönstruktur", "stadsmiljö", "belysning",
    "vinterväghållning", "besöksnäring", "evenemang", "landsbygd och skärgård",
    "kompetensförsörjning", "ledarskap", "lönepolitik", "arbetsmiljö", "internkontroll",
    "riskhantering", "visselblåsning", "sponsring", "lobbyverksamhet",
]
KINDS = ["Program för", "Strategi för", "Handlingsplan för", "Riktlinjer för", "Policy för",
         "Plan för"]
ONE_OFF = [
    "Motion om {t}", "Remiss av betänkande om {t}", "Remiss av promemoria om {t}",
    "Skrivelse om {t}", "Förslag till föreskrifter om {t}", "Utredning om {t}",
]
FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara",
               "Per", "Lena", "Mikael", "Emma", "Fredrik", "Sofia", "Jonas", "Ida", "Ahmed",
               "Fatima", "Mohammed", "Elin", "Oskar", "Hanna", "Nils", "Leila", "Olle",
               "Amira", "Gustav", "Klara", "Yusuf"]
LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
              "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Lindqvist",
              "Berg", "Holm", "Sundberg", "Ekström", "Nyström", "Wallin", "Ali", "Hassan",
              "Lindberg", "Axelsson", "Hedlund", "Sjöberg", "Öberg", "Åkesson"]
TITLES = {
    Role.HANDLAGGARE: ["Utredare", "Handläggare", "Utvecklingsstrateg", "Controller",
                       "Planeringsledare"],
    Role.GRANSKARE: ["Avdelningschef", "Förvaltningschef", "Enhetschef"],
    Role.NAMNDSEKRETERARE: ["Nämndsekreterare"],
    Role.STADSLEDNINGSKONTORET: ["Remissamordnare", "Utredare"],
    Role.ADMINISTRATOR: ["Systemförvaltare"],
}
# Users per organisation and role, about 16 per remissinstans (1 000 in all).
ROLE_MIX = [(Role.HANDLAGGARE, 10), (Role.GRANSKARE, 3), (Role.NAMNDSEKRETERARE, 2)]
SYNONYMS = [("anser", "bedömer"), ("viktigt", "angeläget"), ("positiv", "välvillig"),
            ("tydligare", "mer konkreta"), ("utveckla", "vidareutveckla"),
            ("stockholmarna", "invånarna"), ("verksamheten", "verksamheterna")]
SOURCE_NAMES = re.compile(
    r"Kulturförvaltningen|kulturförvaltningen|Stadsarkivet|stadsarkivet|"
    r"Utbildningsförvaltningen|utbildningsförvaltningen|Rinkeby-Kista stadsdelsförvaltning|"
    r"stadsdelsförvaltningen|Stadsdelsförvaltningen")
SOURCE_TOPIC = re.compile(r"program(met)? för kvalitetsutveckling|kvalitetsprogrammet",
                          re.IGNORECASE)

# Per closed remiss row: share answered with a tjänsteutlåtande, share declined.
ANSWERED_SHARE = 0.52
DECLINED_SHARE = 0.07
OPEN_STATES = [State.UTKAST, State.UTKAST, State.GRANSKNING, State.KLAR_FOR_NAMND,
               State.BESLUTAD, State.JUSTERAD, State.BESVARAD]
WORKFLOW = [State.UTKAST, State.GRANSKNING, State.KLAR_FOR_NAMND, State.BESLUTAD,
            State.JUSTERAD, State.BESVARAD]
# The workflow action (responses/workflow.py) that enters each state.
ACTION_INTO = {State.GRANSKNING: "skicka_till_granskning", State.KLAR_FOR_NAMND: "godkann",
               State.BESLUTAD: "besluta", State.JUSTERAD: "justera", State.BESVARAD: "besvara"}


@dataclass
class SeedText:
    """Paragraphs and bullet items taken from the real answers."""

    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    # Each paragraph as HTML-escaped sentences with {fv} and {topic} placeholders, so that
    # varying a paragraph costs a str.format, not regular expressions.
    templates: list[list[str]] = field(default_factory=list)


def _template(sentence: str) -> str:
    escaped = html.escape(sentence).replace("{", "{{").replace("}", "}}")
    return SOURCE_TOPIC.sub("programmet för {topic}", SOURCE_NAMES.sub("{fv}", escaped))


HEADING_WORDS = re.compile(
    r"^(Sammanfattning|Bakgrund|Ärendet|Ärendets beredning|Underlag för beslut|"
    r"Förvaltningens synpunkter(?: och förslag)?|Stadsarkivets synpunkter(?: och förslag)?|"
    r"Synpunkter:?)\s+(?=[A-ZÅÄÖ])")


def _blocks(raw: str) -> Iterator[list[str]]:
    """Blocks of lines. Two layouts occur: markdown-like text with one paragraph per line,
    and PDF extractions where every wrapped line is followed by an empty line and a
    paragraph ends at a line holding only spaces."""
    pdf_layout = raw.count("\n \n") > 5
    block: list[str] = []
    for line in raw.splitlines():
        is_break = (line.strip() == "" and line != "") if pdf_layout else not line.strip()
        if is_break or (pdf_layout and line.strip()[:1] in ("•", "#")):
            if block:
                yield block
            block = [line] if not is_break else []
        elif line.strip():
            block.append(line)
    if block:
        yield block


def load_seed_text(seeds_dir: Path = SEEDS_DIR) -> SeedText:
    text = SeedText()
    for path in sorted(seeds_dir.glob("*.txt")):
        for block in _blocks(path.read_text(encoding="utf-8")):
            lines = [" ".join(line.replace("*", "").split()) for line in block]
            if lines[0].startswith("#"):
                heading = lines[0].lstrip("# ").strip()
                if 3 < len(heading) < 60:
                    text.headings.append(heading)
                lines = lines[1:]
            bullets = [line[2:].strip() for line in lines if line[:2] in ("- ", "• ")]
            text.bullets.extend(b for b in bullets if 10 < len(b) < 200)
            prose = " ".join(line for line in lines if line[:2] not in ("- ", "• "))
            prose = HEADING_WORDS.sub("", prose)
            # Whole paragraphs only: PDF page breaks leave fragments that start mid-sentence.
            if len(prose) >= 120 and prose[0].isupper() and "Telefon" not in prose:
                text.paragraphs.append(prose)
                text.templates.append([_template(sentence) for sentence in
                                       re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", prose)])
    return text


class Writer:
    """Builds varied tjänsteutlåtande bodies from the seed text, deterministically."""

    def __init__(self, rng: random.Random, seed_text: SeedText):
        self.rng = rng
        self.text = seed_text

    def _vary(self, sentences: list[str], forvaltning: str, topic: str) -> str:
        if len(sentences) > 2 and self.rng.random() < 0.5:
            sentences = sentences[: self.rng.randint(2, len(sentences))]
        paragraph = " ".join(sentences).format(fv=html.escape(forvaltning),
                                               topic=html.escape(topic))
        for a, b in SYNONYMS:
            if self.rng.random() < 0.5:
                paragraph = paragraph.replace(a, b)
        return paragraph

    def _paragraphs(self, n: int, forvaltning: str, topic: str) -> str:
        picked = self.rng.sample(self.text.templates, min(n, len(self.text.templates)))
        return "".join(f"<p>{self._vary(p, forvaltning, topic)}</p>" for p in picked)

    def _bullets(self, n: int) -> str:
        items = self.rng.sample(self.text.bullets, min(n, len(self.text.bullets)))
        return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"

    def _key(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def section(self, kind: str, heading: str, body: str) -> dict:
        return {"key": self._key(), "kind": kind, "heading": heading, "html": body}

    def sections(self, org: Organisation, remiss: Remiss, topic: str, stance: str) -> list:
        fv = org.forvaltning
        stance_line = {
            Stance.TILLSTYRKER: f"{fv} ställer sig positiv till förslaget som helhet.",
            Stance.TILLSTYRKER_MED_SYNPUNKTER: f"{fv} ställer sig bakom förslaget men önskar "
                                               f"tydligare skrivningar om {topic}.",
            Stance.AVSTYRKER: f"{fv} avstyrker förslaget i dess nuvarande form.",
            Stance.AVSTAR: f"{fv} avstår från att yttra sig.",
        }.get(stance, f"{fv} har tagit del av förslaget.")
        synpunkter = self._paragraphs(self.rng.randint(2, 4), fv, topic)
        if self.rng.random() < 0.6:
            synpunkter += self._bullets(self.rng.randint(3, 5))
        if self.rng.random() < 0.4:
            synpunkter += (f"<h3>{html.escape(self.rng.choice(self.text.headings))}</h3>"
                           + self._paragraphs(1, fv, topic))
        return [
            self.section(SectionKind.SAMMANFATTNING, "Sammanfattning",
                         f"<p>{html.escape(stance_line)}</p>" + self._paragraphs(1, fv, topic)),
            self.section(SectionKind.ARENDET, "Ärendet",
                         f"<p>Kommunstyrelsen har remitterat {html.escape(remiss.title)} "
                         f"({html.escape(remiss.ks_dnr)}) med svar senast "
                         f"{remiss.deadline.isoformat()}.</p>" + self._paragraphs(1, fv, topic)),
            self.section(SectionKind.BEREDNING, "Ärendets beredning",
                         f"<p>Ärendet har beretts inom {html.escape(fv)}.</p>"),
            self.section(SectionKind.SYNPUNKTER, "Förvaltningens synpunkter", synpunkter),
        ]


@contextmanager
def explicit_timestamps(*models) -> Iterator[None]:
    """Let bulk_create keep the created/updated times we set instead of 'now'."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _copy(model, objs: list) -> None:
    """Write rows with PostgreSQL's COPY: primary keys are drawn from the table's sequence
    first, so later rows can point at them. Field values are prepared by the fields
    themselves (as bulk_create would), without building one huge INSERT."""
    meta = model._meta
    fields = meta.concrete_fields
    db = connections[connection.alias]  # the wrapper itself: the proxy costs per attribute
    quote = db.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                       "FROM generate_series(1, %s)", [meta.db_table, meta.pk.column, len(objs)])
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj._prepare_related_fields_for_save(operation_name="copy")
            obj.pk = pk
            obj._state.adding, obj._state.db = False, connection.alias
        columns = ", ".join(quote(f.column) for f in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(getattr(obj, f.attname), db)
                                for f in fields])


@contextmanager
def fast_load(models, log: Callable[[str], None]) -> Iterator[None]:
    """PostgreSQL bulk-load practice inside the current transaction: drop the plain
    indexes of the big tables (the full-text GIN index costs most) and rebuild them once
    at the end, and skip per-row foreign-key triggers when allowed (superuser)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except Exception:  # not a superuser: keep the checks, only slower
            log("  (foreign-key triggers stay on)")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = ANY(%s::regclass[]) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [[m._meta.db_table for m in models]])
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        started = time.monotonic()
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        log(f"  {len(indexes)} index återskapade på {time.monotonic() - started:.0f} s")


def _bulk(model, objs: list, log: Callable[[str], None]) -> list:
    if connection.vendor == "postgresql":
        for start in range(0, len(objs), BATCH * 4):
            _copy(model, objs[start:start + BATCH * 4])
    else:
        model.objects.bulk_create(objs, batch_size=BATCH)
    log(f"  {model._meta.label}: {len(objs)}")
    return objs


def create_organisations() -> list[Organisation]:
    import csv

    rows = []
    with ORGANISATIONS_CSV.open(encoding="utf-8") as fh:
        rows = [(r["name"], r["forvaltning"], r["kind"], r["short"]) for r in csv.DictReader(fh)]
    rows.extend(EXTRA_ORGANISATIONS)
    return Organisation.objects.bulk_create([
        Organisation(name=name, forvaltning=fv, kind=kind, short=short,
                     email=f"registrator.{short}@stockholm.se",
                     remissvar_delegated=(kind == OrganisationKind.BOLAG))
        for name, fv, kind, short in rows
    ])


def create_users(rng: random.Random, orgs: list[Organisation], per_org: int) -> list[User]:
    """Named users per organisation and role: bench.<short>.<role>.<n>."""
    password = make_password(BENCH_PASSWORD)
    users = []
    mix = [(role, max(1, round(n * per_org / 15))) for role, n in ROLE_MIX]
    for org in orgs:
        if org.kind == OrganisationKind.KOMMUNSTYRELSE:
            org_mix = [(Role.STADSLEDNINGSKONTORET, max(2, per_org)),
                       (Role.ADMINISTRATOR, 1)]
        else:
            org_mix = mix
        for role, count in org_mix:
            for n in range(1, count + 1):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                username = f"bench.{org.short}.{role}.{n}"
                users.append(User(
                    username=username, first_name=first, last_name=last, organisation=org,
                    role=role, title=rng.choice(TITLES[role]), password=password,
                    email=f"{username}@stockholm.se",
                    phone=f"08-508 {rng.randint(100, 999)} {rng.randint(10, 99)}",
                    is_staff=role == Role.ADMINISTRATOR,
                    is_superuser=role == Role.ADMINISTRATOR,
                ))
    return User.objects.bulk_create(users, batch_size=BATCH)


@dataclass
class CityCounts:
    organisations: int = 0
    users: int = 0
    programs: int = 0
    remisser: int = 0
    recipients: int = 0
    utlatanden: int = 0
    transitions: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _title_for(rng: random.Random, programs: list[Program], year: int) -> tuple:
    """(title, program or None, topic): two in five remisser revise a program."""
    if rng.random() < 0.4:
        program = rng.choice(programs)
        topic = program.title.split(" för ", 1)[-1]
        return f"{program.title} {year + 1}–{year + 4}", program, topic
    topic = rng.choice(TOPICS)
    return rng.choice(ONE_OFF).format(t=topic), None, topic


def generate_city(*, years: int = 10, seed: int = 1, today: datetime.date | None = None,
                  remisser_per_year: int = 400, users_per_org: int = 16,
                  log: Callable[[str], None] = lambda _msg: None) -> CityCounts:
    """Fill an empty database with `years` of city data ending `today`. Deterministic."""
    if Remiss.objects.exists() or Organisation.objects.exists():
        raise ValueError("Databasen innehåller redan data; generate_city kräver en tom databas.")
    today = today or timezone.localdate()
    rng = random.Random(seed)
    writer = Writer(rng, load_seed_text())
    counts = CityCounts()
    big = (Remiss, Recipient, Utlatande, UtlatandeRecipient, TransitionRecord)
    from meetings.models import Arende, Sammantrade  # the decisions live in the meetings app

    with transaction.atomic(), explicit_timestamps(Remiss, Utlatande, TransitionRecord,
                                                   Sammantrade, Arende), \
            fast_load(big, log):
        orgs = create_organisations()
        counts.organisations = len(orgs)
        ks = next(o for o in orgs if o.kind == OrganisationKind.KOMMUNSTYRELSE)
        answering = [o for o in orgs if o is not ks]
        users = create_users(rng, orgs, users_per_org)
        counts.users = len(users)
        log(f"  organisationer: {len(orgs)}, användare: {len(users)}")
        by_org_role: dict[tuple[int, str], list[User]] = {}
        for u in users:
            by_org_role.setdefault((u.organisation_id, u.role), []).append(u)
        slk_users = by_org_role[(ks.pk, Role.STADSLEDNINGSKONTORET)]

        programs = Program.objects.bulk_create([
            Program(title=f"{kind} {topic}",
                    description=f"Stadens gemensamma inriktning för {topic}.")
            for topic in TOPICS for kind in KINDS[:2]
        ])
        counts.programs = len(programs)

        remisser = _make_remisser(rng, years, remisser_per_year, today, ks, slk_users, programs)
        _bulk(Remiss, [r for r, _topic in remisser], log)
        counts.remisser = len(remisser)

        recipients, answers = _make_recipients(rng, remisser, answering, by_org_role, today)
        # Answers are planned before the recipient rows are written: they set answered_at.
        utlatanden, links, transitions, decided = _make_answers(rng, writer, answers,
                                                               by_org_role, today)
        _bulk(Recipient, recipients, log)
        counts.recipients = len(recipients)
        _bulk(Utlatande, utlatanden, log)
        _bulk(UtlatandeRecipient, links, log)
        _bulk(TransitionRecord, transitions, log)
        meetings, arenden = _make_decisions(decided, by_org_role)
        _bulk(Sammantrade, meetings, log)
        _bulk(Arende, arenden, log)
        counts.utlatanden, counts.transitions = len(utlatanden), len(transitions)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map now, so autovacuum does not start on the fresh
            # tables while they are being measured; it cannot run inside a transaction.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return counts


def _make_remisser(rng, years, per_year, today, ks, slk_users, programs) -> list[tuple]:
    result = []
    start = today - datetime.timedelta(days=365 * years)
    total = years * per_year
    for i in range(total):
        remiss_date = start + datetime.timedelta(days=int(i * 365 * years / total))
        year = remiss_date.year
        title, program, topic = _title_for(rng, programs, year)
        deadline = remiss_date + datetime.timedelta(days=rng.randint(42, 100))
        if deadline + datetime.timedelta(days=30) < today:
            status = RemissStatus.AVSLUTAD
        elif rng.random() < 0.03:
            status = RemissStatus.UTKAST
        else:
            status = RemissStatus.UTSKICKAD
        contact = rng.choice(slk_users)
        sent = _aware(remiss_date) if status != RemissStatus.UTKAST else None
        remiss = Remiss(
            program=program, title=title, ks_dnr=f"KS {year}/{i + 100}",
            remiss_date=remiss_date, deadline=deadline, sender=ks, status=status,
            description=f"Stadsledningskontoret har tagit fram ett förslag om {topic}. "
                        f"Nämnder och bolagsstyrelser ges tillfälle att yttra sig.",
            contact_name=contact.get_full_name(), contact_email=contact.email,
            contact_phone=contact.phone, sent_at=sent,
            closed_at=_aware(deadline + datetime.timedelta(days=30), 15)
            if status == RemissStatus.AVSLUTAD else None,
            created_by=contact, created_at=_aware(remiss_date, 8),
            updated_at=_aware(remiss_date, 8),
        )
        result.append((remiss, topic))
    return result


def _make_recipients(rng, remisser, answering, by_org_role, today):
    """About 50 recipients per remiss; one remiss in forty goes to every organisation."""
    recipients, answers = [], []
    for remiss, topic in remisser:
        if remiss.status == RemissStatus.UTKAST:
            count = rng.randint(20, len(answering))
        elif rng.random() < 0.025:
            count = len(answering)
        else:
            count = rng.randint(42, len(answering) - 2)
        for org in sorted(rng.sample(answering, count), key=lambda o: o.pk):
            handlaggare = by_org_role.get((org.pk, Role.HANDLAGGARE), [None])
            row = Recipient(remiss=remiss, organisation=org,
                            own_dnr=f"{org.short.upper()} {remiss.remiss_date.year}/"
                                    f"{rng.randint(100, 9999)}",
                            handlaggare=rng.choice(handlaggare) if rng.random() < 0.8 else None,
                            notified_at=remiss.sent_at)
            recipients.append(row)
            if remiss.status == RemissStatus.UTKAST:
                continue
            if rng.random() < 0.03:
                row.anstand_deadline = remiss.deadline + datetime.timedelta(
                    days=rng.randint(7, 30))
                row.anstand_reason = "Nämnden sammanträder först efter remisstiden."
            roll = rng.random()
            if roll < DECLINED_SHARE:
                row.declined = True
                row.declined_reason = "Ärendet berör inte nämndens verksamhet."
            elif roll < DECLINED_SHARE + ANSWERED_SHARE:
                answers.append((row, topic))
    return recipients, answers


def _make_answers(rng, writer, answers, by_org_role, today):
    utlatanden, links, transitions, decided = [], [], [], []
    stances = [Stance.TILLSTYRKER, Stance.TILLSTYRKER_MED_SYNPUNKTER,
               Stance.TILLSTYRKER_MED_SYNPUNKTER, Stance.AVSTYRKER]
    for row, topic in answers:
        remiss, org = row.remiss, row.organisation
        if remiss.status == RemissStatus.AVSLUTAD:
            state = State.BESVARAD
        else:
            state = rng.choice(OPEN_STATES)
        stance = rng.choice(stances) if state != State.UTKAST or rng.random() < 0.3 else ""
        owner = row.handlaggare or rng.choice(by_org_role[(org.pk, Role.HANDLAGGARE)])
        signers = by_org_role.get((org.pk, Role.GRANSKARE), [])
        date = min(remiss.remiss_date + datetime.timedelta(days=rng.randint(14, 40)), today)
        deadline = row.effective_deadline
        meeting = min(deadline - datetime.timedelta(days=rng.randint(0, 10)), today)
        if meeting < date:
            meeting = date
        public = state in (State.BESLUTAD, State.JUSTERAD, State.BESVARAD)
        sections = writer.sections(org, remiss, topic, stance)
        if public:
            # The draw that once numbered the § keeps the random stream, and so the city,
            # as it was; the § is now numbered per meeting in _make_decisions.
            rng.randint(1, 40)
        version = rng.randint(1, 12)
        utlatande = Utlatande(
            organisation=org, title=f"{remiss.title} ({remiss.ks_dnr}). Svar på remiss från "
                                    f"kommunstyrelsen",
            date=date, own_dnr=row.own_dnr, avdelning="Avdelningen för verksamhetsstöd",
            till=org.name, owner=owner,
            handlaggare=[{"name": owner.get_full_name(), "telefon": owner.phone}],
            decision_points=list(STANDARD_DECISION_POINTS),
            signatories=[{"name": s.get_full_name(), "title": s.title, "organisation": ""}
                         for s in signers[:2]],
            sections=sections, stance=stance, state=state,
            version=version,
            created_at=_aware(date, 10), updated_at=_aware(meeting if public else date, 14),
        )
        utlatanden.append(utlatande)
        if public:
            decided.append((utlatande, meeting, state in (State.JUSTERAD, State.BESVARAD)))
        links.append(UtlatandeRecipient(utlatande=utlatande, recipient=row))
        if state == State.BESVARAD:
            row.answered_at = _aware(meeting + datetime.timedelta(days=1), 11)
        steps = WORKFLOW[: WORKFLOW.index(state) + 1]
        for step, (a, b) in enumerate(zip(steps, steps[1:], strict=False)):
            by = signers[0] if (b == State.KLAR_FOR_NAMND and signers) else owner
            transitions.append(TransitionRecord(
                utlatande=utlatande, from_state=a, to_state=b, by=by, action=ACTION_INTO[b],
                at=_aware(min(date + datetime.timedelta(days=step * 3), today), 13)))
    return utlatanden, links, transitions, decided


def _make_decisions(decided, by_org_role) -> tuple[list, list]:
    """The sammanträde and paragraph (meetings.Arende) at which each public answer was
    decided: the nämnd's decision is stored there, not on the answer."""
    from meetings.models import Arende, MeetingState, Outcome, Sammantrade

    meetings, arenden, numbers = {}, [], {}
    for utlatande, day, justerad in decided:
        key = (utlatande.organisation_id, day)
        if key not in meetings:
            meetings[key] = Sammantrade(
                organisation_id=utlatande.organisation_id, date=day,
                time=datetime.time(16, 0), state=MeetingState.GENOMFORT,
                created_at=_aware(day, 8), updated_at=_aware(day, 8))
        meeting = meetings[key]
        numbers[key] = numbers.get(key, 0) + 1
        secretary = by_org_role.get((utlatande.organisation_id, Role.NAMNDSEKRETERARE))
        arenden.append(Arende(
            meeting=meeting, utlatande=utlatande, paragraph=str(numbers[key]),
            outcome=Outcome.ENLIGT_FORSLAG, decision_date=day,
            decision_text="Nämnden beslutar i enlighet med förvaltningens förslag.",
            omedelbar_justering=justerad, justerad_date=day if justerad else None,
            justerare="Ordföranden och en ledamot" if justerad else "",
            recorded_by=secretary[0] if secretary else None, recorded_at=_aware(day, 17)))
    return list(meetings.values()), arenden


def city_fingerprint() -> str:
    """A digest of the generated content, independent of primary keys (for tests)."""
    digest = hashlib.sha256()
    for row in Remiss.objects.order_by("ks_dnr").values_list(
            "ks_dnr", "title", "remiss_date", "deadline", "status"):
        digest.update(repr(row).encode())
    for row in Recipient.objects.order_by("remiss__ks_dnr", "organisation__short").values_list(
            "remiss__ks_dnr", "organisation__short", "handlaggare__username", "declined",
            "answered_at"):
        digest.update(repr(row).encode())
    for row in Utlatande.objects.order_by("own_dnr", "title").values_list(
            "title", "state", "stance", "sections"):
        digest.update(repr(row).encode())
    return digest.hexdigest()
