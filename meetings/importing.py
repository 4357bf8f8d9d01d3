"""Reading a sammanträdesplan from an ICS (iCalendar) or CSV file.

Parsing is separate from saving: a file is read completely and checked first; only a file
without errors is saved, in one transaction (nothing half saved).
"""

import csv
import datetime
import io
import zoneinfo
from dataclasses import dataclass

import icalendar
from dateutil.rrule import rrulestr
from django.conf import settings
from django.db import transaction
from django.utils.dateparse import parse_date, parse_time
from django.utils.translation import gettext as _

from .models import MeetingState, Sammantrade

LOCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
MAX_MEETINGS = 400


class ImportError_(Exception):
    """The file cannot be imported; `errors` are Swedish messages for the user."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = list(errors)


@dataclass
class ParsedMeeting:
    date: datetime.date
    time: datetime.time | None = None
    place: str = ""
    uid: str = ""
    cancelled: bool = False


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped_past: int = 0


def _local(value) -> tuple[datetime.date, datetime.time | None]:
    """A DTSTART value as a local Stockholm date and time (all-day events have no time)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LOCAL_TZ)
        return value.date(), value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.date):
        return value, None
    raise ValueError(value)


def parse_ics(data: bytes) -> list[ParsedMeeting]:
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # icalendar raises ValueError, KeyError, ... on garbage
        raise ImportError_([_("Filen är inte en giltig iCalendar-fil (ICS).")]) from error
    meetings, errors = [], []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        start = event.get("DTSTART")
        try:
            starts = _occurrences(event, start.dt if start is not None else None)
            local = [_local(value) for value in starts]
        except (ValueError, AttributeError, TypeError):
            errors.append(_("Händelse %(n)s saknar giltigt startdatum eller har en "
                            "upprepningsregel som inte går att läsa.") % {"n": number})
            continue
        status = str(event.get("STATUS", "")).upper()
        uid = str(event.get("UID", ""))[:240]
        for index, (day, time) in enumerate(local):
            meetings.append(ParsedMeeting(
                date=day, time=time, place=str(event.get("LOCATION", ""))[:200],
                uid=uid if len(local) == 1 else f"{uid}#{index}",
                cancelled=status == "CANCELLED"))
    if errors:
        raise ImportError_(errors)
    return meetings


def _occurrences(event, start) -> list:
    """DTSTART, or every occurrence of a recurring series (RRULE minus EXDATE), capped."""
    if start is None:
        raise ValueError("no DTSTART")
    rule = event.get("RRULE")
    if rule is None:
        return [start]
    if isinstance(start, datetime.datetime):
        base = start
    else:
        base = datetime.datetime.combine(start, datetime.time())
    text = rule.to_ical().decode()
    if base.tzinfo is None:
        # dateutil refuses an aware UNTIL with a naive start: compare in local wall time.
        text = ";".join(p if not p.startswith("UNTIL=") else p.rstrip("Z")
                        for p in text.split(";"))
    occurrences = []
    for moment in rrulestr(text, dtstart=base):
        occurrences.append(moment)
        if len(occurrences) >= MAX_MEETINGS:
            break
    excluded = set()
    exdates = event.get("EXDATE")
    for group in exdates if isinstance(exdates, list) else [exdates] if exdates else []:
        excluded.update(_local(d.dt)[0] for d in group.dts)
    result = [m if isinstance(start, datetime.datetime) else m.date() for m in occurrences]
    return [m for m in result if _local(m)[0] not in excluded]


class _Semicolon(csv.excel):
    delimiter = ";"


def parse_csv(text: str) -> list[ParsedMeeting]:
    """Rows of datum[;tid[;plats]], a header row optional; separator ; or , ."""
    # Old Mac and some export tools end lines with a bare CR, which csv refuses.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,\t")
    except csv.Error:
        dialect = _Semicolon
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:  # a NUL byte, an unterminated quote at the end
        raise ImportError_([_("Filen går inte att läsa som CSV. Spara den som CSV (UTF-8) "
                              "med en rad per sammanträde.")]) from error
    meetings, errors = [], []
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        day = parse_date(cells[0]) if _looks_like_date(cells[0]) else None
        if day is None:
            if number == 1:  # a header row
                continue
            errors.append(_("Rad %(n)s: ”%(v)s” är inte ett datum (ÅÅÅÅ-MM-DD).")
                          % {"n": number, "v": cells[0][:40]})
            continue
        time = None
        if len(cells) > 1 and cells[1]:
            try:
                time = parse_time(cells[1])
            except ValueError:
                time = None
            if time is None:
                errors.append(_("Rad %(n)s: ”%(v)s” är inte en tid (TT:MM).")
                              % {"n": number, "v": cells[1][:40]})
                continue
        place = cells[2][:200] if len(cells) > 2 else ""
        meetings.append(ParsedMeeting(date=day, time=time, place=place))
    if errors:
        raise ImportError_(errors)
    return meetings


def _looks_like_date(value: str) -> bool:
    try:
        return parse_date(value) is not None
    except ValueError:
        return False


def parse_file(name: str, data: bytes) -> list[ParsedMeeting]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_([_("Filen måste vara en textfil i UTF-8 (ICS eller CSV).")]) \
            from error
    if text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        meetings = parse_ics(data)
    elif name.lower().endswith(".ics"):
        raise ImportError_([_("Filen är inte en giltig iCalendar-fil (ICS).")])
    else:
        meetings = parse_csv(text)
    if not meetings:
        raise ImportError_([_("Filen innehåller inga sammanträden.")])
    if len(meetings) > MAX_MEETINGS:
        raise ImportError_([_("Filen innehåller för många sammanträden (högst %(n)s).")
                            % {"n": MAX_MEETINGS}])
    seen: dict[datetime.date, int] = {}
    for meeting in meetings:
        seen[meeting.date] = seen.get(meeting.date, 0) + 1
    doubles = sorted(d for d, count in seen.items() if count > 1)
    if doubles:
        raise ImportError_([_("Två sammanträden samma dag: %(d)s. Ta bort det ena och "
                              "försök igen.") % {"d": f"{day:%Y-%m-%d}"} for day in doubles])
    return meetings


def import_meetings(organisation, meetings: list[ParsedMeeting], *,
                    today: datetime.date) -> ImportResult:
    """Save parsed meetings: new dates are created, known dates updated, past ones skipped."""
    result = ImportResult()
    with transaction.atomic():
        existing = {m.date: m for m in Sammantrade.objects.select_for_update()
                    .filter(organisation=organisation)}
        for parsed in meetings:
            if parsed.date < today:
                result.skipped_past += 1
                continue
            state = MeetingState.INSTALLT if parsed.cancelled else MeetingState.PLANERAT
            meeting = existing.get(parsed.date)
            if meeting is None:
                Sammantrade.objects.create(organisation=organisation, date=parsed.date,
                                           time=parsed.time, place=parsed.place,
                                           uid=parsed.uid, state=state)
                result.created += 1
                continue
            meeting.time = parsed.time or meeting.time
            meeting.place = parsed.place or meeting.place
            meeting.uid = parsed.uid or meeting.uid
            if meeting.state != MeetingState.GENOMFORT:
                meeting.state = state
            meeting.save()
            result.updated += 1
    return result
