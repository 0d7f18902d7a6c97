import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.activity.calendar import BusinessCalendar
from auditor.config import WEEKDAYS, BusinessHours, Config
from auditor.problems import InputError

ZONE = "Europe/Amsterdam"


def local(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=ZONE)


@pytest.fixture(scope="module")
def calendar() -> BusinessCalendar:
    return BusinessCalendar.from_config(Config())


@pytest.mark.parametrize(
    ("arrive", "reply", "hours"),
    [
        ("2026-04-24 16:00", "2026-04-28 09:30", 2.0),  # Friday → Tuesday over King's Day
        ("2026-05-13 16:30", "2026-05-15 09:00", 1.0),  # over Ascension Day
        ("2026-05-23 10:00", "2026-05-26 08:45", 0.25),  # weekend and Whit Monday
        ("2026-06-02 19:30", "2026-06-03 10:00", 1.5),  # arrives in the evening
        ("2026-06-02 07:00", "2026-06-02 08:30", 0.0),  # before opening
        ("2026-06-05 17:30", "2026-06-07 23:00", 0.0),  # both inside one closed weekend
        ("2026-06-03 10:00", "2026-06-03 09:00", 0.0),  # reply before arrival
        ("2026-06-03 09:00", "2026-06-03 09:00", 0.0),
        ("2026-03-27 16:00", "2026-03-30 09:00", 1.5),  # over the spring DST switch
        ("2026-03-28 12:00", "2026-03-30 08:45", 0.25),  # from the Saturday before it
        ("2026-10-23 16:00", "2026-10-26 09:00", 1.5),  # over the autumn DST switch
        ("2026-10-24 23:00", "2026-10-26 17:00", 8.5),  # from the Saturday night before it
        ("2026-06-01 08:30", "2026-06-08 08:30", 42.5),  # a full week: five days of 8.5 h
    ],
)
def test_business_hours(calendar, arrive, reply, hours):
    assert calendar.business_hours(local(arrive), local(reply)) == pytest.approx(hours)


def test_business_hours_of_series_in_utc(calendar):
    arrive = pd.Series(pd.to_datetime(["2026-04-24 14:00Z", "2026-05-13 14:30Z", None], utc=True))
    reply = pd.Series(
        pd.to_datetime(["2026-04-28 07:30Z", "2026-05-15 07:00Z", "2026-05-15 00:00Z"])
    )
    result = calendar.business_hours(arrive, reply)
    np.testing.assert_allclose(result[:2], [2.0, 1.0])
    assert np.isnan(result[2])


def test_broadcasts_a_scalar_end(calendar):
    arrive = pd.Series([local("2026-06-01 16:00"), local("2026-06-02 16:00")])
    np.testing.assert_allclose(
        calendar.business_hours(arrive, local("2026-06-03 09:30")), [10.5, 2.0]
    )


def test_naive_instants_are_refused(calendar):
    with pytest.raises(TypeError, match="time-zone aware"):
        calendar.business_hours(pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-02"))


def test_years_far_apart_build_one_table(calendar):
    hours = calendar.business_hours(local("2019-12-31 16:00"), local("2030-01-02 09:30"))
    fresh = BusinessCalendar.from_config(Config())
    assert hours == fresh.business_hours(local("2019-12-31 16:00"), local("2030-01-02 09:30"))
    assert 21_000 < hours[()] < 22_000  # ten years of about 252 working days of 8.5 hours


@pytest.mark.parametrize(
    ("instant", "open_"),
    [
        ("2026-06-01 08:29", False),
        ("2026-06-01 08:30", True),
        ("2026-06-01 16:59", True),
        ("2026-06-01 17:00", False),
        ("2026-04-27 10:00", False),  # King's Day
        ("2026-05-14 10:00", False),  # Ascension
        ("2026-06-06 10:00", False),  # Saturday
        ("2026-03-30 08:30", True),  # Monday after the clocks went forward
        ("2026-10-26 08:15", False),  # Monday after they went back
    ],
)
def test_is_open(calendar, instant, open_):
    assert calendar.is_open(pd.Series([local(instant)])).tolist() == [open_]


def test_is_open_of_nat_is_false(calendar):
    instants = pd.Series([pd.NaT, local("2026-06-01 10:00")], dtype="datetime64[ns, UTC]")
    assert calendar.is_open(instants).tolist() == [False, True]


def test_configured_hours_closed_days_and_subdivision():
    hours = BusinessHours(
        friday="09:00-12:00",
        saturday="10:00-14:00",
        closed_days=[dt.date(2026, 6, 3)],
        holiday_country=None,
    )
    calendar = BusinessCalendar.from_config(Config(business_hours=hours))
    # Tue 16:00 → Mon 09:00: Tue 1 h, Wed closed, Thu 8.5, Fri 3, Sat 4, Mon 0.5
    assert calendar.business_hours(local("2026-06-02 16:00"), local("2026-06-08 09:00")) == 17.0
    # without holidays King's Day is a working day
    assert calendar.is_open(pd.Series([local("2026-04-27 10:00")])).tolist() == [True]
    assert calendar.standard_day_hours == 8.5


def test_a_public_holiday_the_organisation_works_counts_as_open():
    # Good Friday 2026 is 3 April: a public holiday to the holidays package, a working day to
    # most Dutch municipalities. Easter Monday stays closed.
    default = BusinessCalendar.from_config(Config())
    works = BusinessCalendar.from_config(
        Config(business_hours=BusinessHours(open_days=[dt.date(2026, 4, 3)]))
    )
    arrive, reply = local("2026-04-02 16:00"), local("2026-04-07 09:00")
    assert default.business_hours(arrive, reply) == 1.5  # Thu 1 h, Tue 0.5 h
    assert works.business_hours(arrive, reply) == 10.0  # and Good Friday's 8.5 h
    # An open day lifts a holiday only: a Saturday named there keeps the week's hours (none).
    saturday = BusinessCalendar.from_config(
        Config(business_hours=BusinessHours(open_days=[dt.date(2026, 4, 4)]))
    )
    assert saturday.business_hours(arrive, reply) == 1.5


def test_a_day_both_open_and_closed_is_refused_by_its_key():
    from auditor.settings import parse_config

    hours = {"closed_days": ["2026-04-03", "2026-05-15"], "open_days": "2026-04-03"}
    with pytest.raises(InputError) as caught:
        parse_config({"business_hours": hours})
    text = caught.value.render("nl")
    assert "business_hours" in text
    assert "2026-04-03 staat zowel bij closed_days als bij open_days" in text
    assert "2026-05-15" not in text


@pytest.mark.parametrize(
    ("country", "subdivision", "message"),
    [
        ("XX", None, "holiday_country: unknown country 'XX' for public holidays"),
        ("NL", "ZZ", "holiday_subdivision: unknown subdivision 'ZZ' of NL"),
    ],
)
def test_unknown_holiday_country_is_an_input_error(country, subdivision, message):
    # Told when the settings are read, by their key, in the catalogue's words (the holidays
    # library's English came only when the first holiday was looked up).
    from auditor.settings import parse_config

    with pytest.raises(InputError) as caught:
        parse_config(
            {"business_hours": {"holiday_country": country, "holiday_subdivision": subdivision}}
        )
    assert f"business_hours.{message}" in caught.value.render("en")


def test_standard_day_hours_prefers_the_most_common_length():
    hours = BusinessHours(
        monday="09:00-17:00", tuesday="09:00-17:00", wednesday="09:00-12:00", thursday="09:00-17:00"
    )
    assert BusinessCalendar.from_config(Config(business_hours=hours)).standard_day_hours == 8.0
    # Hours open on no day are refused in auditor.toml; the calendar still answers for them.
    never = BusinessHours().model_copy(update=dict.fromkeys(WEEKDAYS))
    config = Config().model_copy(update={"business_hours": never})
    assert BusinessCalendar.from_config(config).standard_day_hours == 0.0


# 2026 from January to December, to the minute, in UTC.
_instants = st.integers(
    min_value=int(pd.Timestamp("2026-01-01", tz="UTC").value // 60_000_000_000),
    max_value=int(pd.Timestamp("2026-12-31", tz="UTC").value // 60_000_000_000),
).map(lambda minute: pd.Timestamp(minute * 60_000_000_000, tz="UTC"))


@settings(max_examples=100, deadline=None)
@given(a=_instants, b=_instants)
def test_never_more_than_calendar_hours(calendar, a, b):
    start, end = min(a, b), max(a, b)
    calendar_hours = (end - start).total_seconds() / 3600
    assert 0 <= calendar.business_hours(start, end) <= calendar_hours + 1e-9


@settings(max_examples=100, deadline=None)
@given(points=st.lists(_instants, min_size=3, max_size=3))
def test_additive_over_a_split_point(calendar, points):
    start, middle, end = sorted(points)
    whole = calendar.business_hours(start, end)
    parts = calendar.business_hours(start, middle) + calendar.business_hours(middle, end)
    assert whole == pytest.approx(parts, abs=1e-9)


_maybe = st.one_of(st.none(), _instants)


def _index(instants) -> pd.DatetimeIndex:
    return pd.DatetimeIndex([pd.NaT if t is None else t for t in instants], tz="UTC")


@settings(max_examples=100, deadline=None)
@given(
    pairs=st.lists(st.tuples(_maybe, _maybe), max_size=12),
    one=_maybe,
    years=st.integers(0, 3),
)
def test_several_ends_at_once_as_one_at_a_time(pairs, one, years):
    # A calendar per example: its tables start empty, and an end years later must grow them.
    calendar = BusinessCalendar.from_config(Config())
    starts = _index(a for a, _ in pairs)
    ends = _index(b for _, b in pairs)
    single = _index([one]) + pd.DateOffset(years=years)
    to_ends, to_single = calendar.business_hours_to(starts, [ends, single])
    np.testing.assert_array_equal(to_ends, calendar.business_hours(starts, ends))
    np.testing.assert_array_equal(to_single, calendar.business_hours(starts, single))


@settings(max_examples=100, deadline=None)
@given(
    day=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)),
    a=st.integers(0, 24 * 60 - 1),
    b=st.integers(0, 24 * 60 - 1),
)
def test_zero_inside_closed_time(calendar, day, a, b):
    start = pd.Timestamp(day, tz=ZONE) + pd.Timedelta(minutes=min(a, b))
    end = pd.Timestamp(day, tz=ZONE) + pd.Timedelta(minutes=max(a, b))
    # Counted from `periods`: pandas 2 gives `start` itself for an empty half-open range.
    minutes = pd.date_range(start, periods=abs(a - b), freq="min")
    if not calendar.is_open(minutes).any():
        assert calendar.business_hours(start, end) == 0
    else:
        assert calendar.business_hours(start, end) > 0


# Zones whose clocks change at midnight (Havana, Santiago), by half an hour (Lord Howe), or
# jumped a whole day (Apia skipped 30 December 2011).
_ZONES = ["Europe/Amsterdam", "America/Havana", "America/Santiago", "Australia/Lord_Howe"]
_ZONES += ["Pacific/Apia", "UTC"]


def _converted_days(instants: pd.DatetimeIndex, zone: str) -> np.ndarray:
    wall = instants.tz_convert(zone).tz_localize(None).as_unit("ns")
    return wall.asi8 // (24 * 3600 * 10**9)


@pytest.mark.parametrize("zone", _ZONES)
def test_local_days_agree_with_a_conversion_per_instant(zone):
    calendar = BusinessCalendar(zone=zone, holiday_country=None)
    # Every quarter of an hour over years with changes, in a scrambled order.
    minutes = pd.date_range("2010-12-25", "2012-01-10", freq="15min", tz="UTC", unit="ns")
    scrambled = np.random.default_rng(7).permutation(minutes.asi8)
    instants = pd.DatetimeIndex(scrambled.view("M8[ns]")).tz_localize("UTC")
    assert (calendar.local_days(instants) == _converted_days(instants, zone)).all()


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(_ZONES),
    seconds=st.lists(st.integers(-(2**33), 2**33), min_size=1, max_size=40),
)
def test_local_days_of_any_instants(zone, seconds):
    calendar = BusinessCalendar(zone=zone, holiday_country=None)
    stamps = (np.asarray(seconds, dtype=np.int64) * 10**9).view("M8[ns]")
    instants = pd.DatetimeIndex(stamps).tz_localize("UTC")
    assert (calendar.local_days(instants) == _converted_days(instants, zone)).all()


def test_local_days_keep_nat_and_grow_their_table(calendar):
    first = calendar.local_days(pd.DatetimeIndex(["2026-06-30 22:30", None], tz="UTC"))
    assert first[0] == (dt.date(2026, 7, 1) - dt.date(1970, 1, 1)).days
    assert first[1] == np.iinfo(np.int64).min
    later = calendar.local_days(pd.DatetimeIndex(["2031-01-01 00:30"], tz="Europe/Amsterdam"))
    assert later[0] == (dt.date(2031, 1, 1) - dt.date(1970, 1, 1)).days
