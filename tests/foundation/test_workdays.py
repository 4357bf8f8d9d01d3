"""The one working-day calendar: public holidays plus midsommarafton, julafton, nyårsafton."""

import datetime

import pytest

from remiss import workdays

D = datetime.date


@pytest.mark.parametrize(("day", "name"), [
    (D(2026, 6, 19), "Midsommarafton"),
    (D(2027, 6, 25), "Midsommarafton"),
    (D(2031, 6, 20), "Midsommarafton"),
    (D(2026, 12, 24), "Julafton"),
    (D(2027, 12, 31), "Nyårsafton"),
    (D(2026, 5, 14), "Kristi himmelsfärdsdag"),
    (D(2027, 1, 6), "Trettondedag jul"),
])
def test_days_off_have_their_swedish_name(day, name):
    assert workdays.holiday_name(day) == name
    assert not workdays.is_working_day(day)


def test_midsommarafton_is_the_friday_before_midsommardagen_every_year():
    for year in range(2020, 2060):
        afton = workdays.midsommarafton(year)
        assert afton.weekday() == 4 and D(year, 6, 19) <= afton <= D(year, 6, 25)
        assert workdays.holiday_name(afton + datetime.timedelta(days=1)) == "Midsommardagen"


def test_ordinary_weekdays_are_working_days_and_weekends_are_not():
    assert workdays.is_working_day(D(2026, 9, 22))
    assert workdays.is_working_day(D(2026, 12, 23))
    assert not workdays.is_working_day(D(2026, 9, 26))  # Saturday


def test_moving_to_the_nearest_working_day():
    # Julafton (Thu), juldagen, annandag jul (Sat), Sunday: back to 12-23, forward to 12-28.
    assert workdays.working_day_on_or_before(D(2026, 12, 26)) == D(2026, 12, 23)
    assert workdays.working_day_on_or_after(D(2026, 12, 24)) == D(2026, 12, 28)
    # Nyårsafton and nyårsdagen: forward to Monday 2027-01-04.
    assert workdays.working_day_on_or_after(D(2026, 12, 31)) == D(2027, 1, 4)
    assert workdays.working_day_on_or_before(D(2026, 9, 22)) == D(2026, 9, 22)
