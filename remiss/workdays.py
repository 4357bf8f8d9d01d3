"""The working-day calendar of Stockholm stad: the one place that says which days are off.

Days off are Saturdays, Sundays, the Swedish public holidays (from the `holidays`
package, matched by date) and the three de facto days off in Swedish public
administration: midsommarafton, julafton and nyårsafton. The de facto days are computed
here from their date rules, never found by a holiday's name. Reminders (send days) and
meetings (milestones, justering) both use it.
"""

import datetime
import functools

import holidays

ONE_DAY = datetime.timedelta(days=1)


def midsommarafton(year: int) -> datetime.date:
    """The Friday between 19 and 25 June (midsommardagen is the Saturday after)."""
    june19 = datetime.date(year, 6, 19)
    return june19 + datetime.timedelta(days=(4 - june19.weekday()) % 7)


def _de_facto_days_off(year: int) -> dict[datetime.date, str]:
    return {midsommarafton(year): "Midsommarafton",
            datetime.date(year, 12, 24): "Julafton",
            datetime.date(year, 12, 31): "Nyårsafton"}


@functools.lru_cache(maxsize=64)
def days_off(year: int) -> dict[datetime.date, str]:
    """Holidays and de facto days off of one year (weekends aside), with Swedish names."""
    public = holidays.Sweden(years=year, categories=(holidays.PUBLIC,), language="sv",
                             include_sundays=False)
    return {**dict(public.items()), **_de_facto_days_off(year)}


def holiday_name(day: datetime.date) -> str | None:
    """The Swedish name of the holiday or de facto day off, or None."""
    return days_off(day.year).get(day)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def working_day_on_or_before(day: datetime.date) -> datetime.date:
    """The day itself when it is a working day, else the nearest working day before it."""
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def working_day_on_or_after(day: datetime.date) -> datetime.date:
    """The day itself when it is a working day, else the nearest working day after it."""
    while not is_working_day(day):
        day += ONE_DAY
    return day
