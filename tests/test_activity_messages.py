"""The words of the activity inputs, the history and owners' answers: one catalogue entry per
sentence in every language, English as the ledger and findings.json keep it, Dutch for the
reports."""

from __future__ import annotations

import datetime as dt
import string

import pandas as pd
import pytest

from auditor.activity.coverage import Coverage, period_warnings
from auditor.activity.frame import RejectedRow
from auditor.messages import Message, catalogue, languages
from auditor.models import Period
from auditor.responses import OWNER_STATUS_LABELS, OwnerStatus, parse_owner_status
from tests.test_activity_load import CANONICAL, load, write

SECTIONS = ("activity.", "history.", "responses.")
Q3 = Period(label="2026-Q3", start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30))


def _fields(entry: str | dict) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {
        name.split(".")[0].split("[")[0]
        for text in texts
        for _, name, _, _ in string.Formatter().parse(text)
        if name
    }


def _literal(entry: str | dict) -> str:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return "".join(literal for text in texts for literal, *_ in string.Formatter().parse(text))


def _entries(lang: str) -> dict:
    # `activity.` is also the prefix of nothing else: the checks' sections are their ids.
    return {k: v for k, v in catalogue(lang).items() if k.startswith(SECTIONS)}


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != "en"])
def test_every_entry_is_in_every_language_with_the_same_values(lang):
    english, other = _entries("en"), _entries(lang)
    assert sorted(other) == sorted(english)
    for key, entry in english.items():
        if key != "history.stored_text":  # the text recorded in each language: `{nl}`, `{en}`
            assert _fields(other[key]) == _fields(entry), key
        assert isinstance(other[key], dict) == isinstance(entry, dict), key
        # A sentence around values is translated; a value alone (`{reason}`) or a word the
        # languages share (`open`) is not.
        if _fields(entry) and any(c.isalpha() for c in _literal(entry)):
            assert other[key] != entry, f"{key} is not translated"


def _utc(day: str) -> pd.Timestamp:
    return pd.Timestamp(day, tz="UTC")


def test_period_warnings_in_english_as_before_and_in_dutch():
    coverage = Coverage(
        files={
            "kwartaal.csv": (_utc("2026-07-01 09:00"), _utc("2026-09-30 09:00")),
            "laat.csv": (_utc("2026-08-01 09:00"), _utc("2026-09-30 09:00")),
        },
        accounts={"x:zeist": ["kwartaal.csv"], "x:laat": ["laat.csv"]},
    )
    times = pd.Series([_utc("2026-08-01 09:00")])
    warnings = period_warnings(
        coverage,
        times,
        Period(label="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31)),
        "Europe/Amsterdam",
        dt.date(2026, 11, 15),
        ["x:zeist"],
    )
    assert [w("en") for w in warnings] == [
        "period 2026-Q4 has not ended yet (it ends 2026-12-31): its figures are incomplete",
        "no export row falls in period 2026-Q4 (2026-10-01 – 2026-12-31); the exports "
        "(kwartaal.csv, laat.csv) span 2026-07-01 – 2026-09-30: no account's activity is judged",
    ]
    assert [w("nl") for w in warnings] == [
        "periode 2026-Q4 is nog niet voorbij (die loopt tot en met 31-12-2026): de cijfers zijn "
        "onvolledig",
        "geen enkele exportrij valt in periode 2026-Q4 (01-10-2026 – 31-12-2026); de exports "
        "(kwartaal.csv, laat.csv) beslaan 01-07-2026 – 30-09-2026: van geen enkel account "
        "wordt de activiteit beoordeeld",
    ]

    active = ["x:zeist", "x:laat", "x:a", "x:b", "x:c", "x:d"]
    warnings = period_warnings(
        coverage, times, Q3, "Europe/Amsterdam", dt.date(2026, 11, 15), active
    )
    assert [w("en") for w in warnings] == [
        "no export mentions 4 active accounts, so their activity is not judged: x:a, x:b, x:c, x:d",
        "x:laat: its exports (laat.csv) cover 2026-08-01 – 2026-09-30, not all of 2026-Q3 "
        "(2026-07-01 – 2026-09-30); its activity is not judged",
    ]
    assert [w("nl") for w in warnings] == [
        "4 actieve accounts komen in geen enkele export voor, dus hun activiteit wordt niet "
        "beoordeeld: x:a, x:b, x:c, x:d",
        "x:laat: de exports (laat.csv) beslaan 01-08-2026 – 30-09-2026, niet heel 2026-Q3 "
        "(01-07-2026 – 30-09-2026); de activiteit wordt niet beoordeeld",
    ]


def test_a_rejected_row_keeps_its_english_reason_and_renders_in_dutch(tmp_path):
    path = write(
        tmp_path / "a.csv",
        CANONICAL
        + "x,zeist,1,2026-07-01T09:00:00Z,out\n"
        + "x,zeist,2,gisteren,out\n"
        + "myspace,zeist,3,2026-07-01T09:00:00Z,out\n"
        + "x,zeist,4,2026-07-01T09:00:00Z,sideways\n"
        + "x,,5,2026-07-01T09:00:00Z,out\n",
    )
    [entry] = load([path]).ledger
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (3, "timestamp 'gisteren' is not a date"),
        (4, "platform 'myspace' is not known"),
        (5, "direction 'sideways' is neither 'in' nor 'out'"),
        (6, "no account"),
    ]
    assert [r.as_message()("nl") for r in entry.rejected] == [
        "timestamp 'gisteren' is geen datum",
        "platform 'myspace' is onbekend",
        "direction 'sideways' is niet 'in' of 'out'",
        "geen account",
    ]
    # findings.json and the history keep the ledger as before: row and English reason.
    assert entry.model_dump()["rejected"][0] == {"row": 3, "reason": entry.rejected[0].reason}


def test_a_reason_read_back_without_its_message_renders_as_recorded(tmp_path):
    path = write(tmp_path / "a.csv", CANONICAL + "x,zeist,2,gisteren,out\n")
    [entry] = load([path]).ledger
    again = type(entry).model_validate_json(entry.model_dump_json())
    assert again.rejected[0].message is None
    assert again.rejected[0].as_message()("nl") == "timestamp 'gisteren' is not a date"


def test_a_cell_too_long_for_a_reason_is_cut_short(tmp_path):
    long = "x" * 60
    path = write(tmp_path / "a.csv", CANONICAL + f"x,zeist,2,{long},out\n")
    [rejected] = load([path]).ledger[0].rejected
    assert rejected.reason == f"timestamp '{'x' * 40}…' is not a date"
    assert rejected.as_message()("nl") == f"timestamp '{'x' * 40}…' is geen datum"


@pytest.mark.parametrize("lang", languages())
def test_owner_statuses_are_offered_and_read_in_every_language(lang):
    for status, label in OWNER_STATUS_LABELS.items():
        assert parse_owner_status(label(lang)) is status
        assert parse_owner_status(label(lang).upper()) is status
    assert OWNER_STATUS_LABELS[OwnerStatus.IN_PROGRESS]("nl") == "in behandeling"
    assert OWNER_STATUS_LABELS[OwnerStatus.IN_PROGRESS]("en") == "in progress"


def test_a_rejected_row_made_from_a_message_keeps_both():
    why = Message("activity.reason.field_count", fields=3, width=5)
    rejected = RejectedRow(row=7, reason=why)
    assert (rejected.reason, rejected.message) == ("has 3 fields, the header has 5", why)
    assert rejected.as_message()("nl") == "heeft 3 velden, de kopregel heeft er 5"
    assert rejected.model_dump() == {"row": 7, "reason": "has 3 fields, the header has 5"}
    one = Message("activity.reason.field_count", count=1, fields=1, width=5)
    assert (one("nl"), one("en")) == (
        "heeft 1 veld, de kopregel heeft er 5",
        "has 1 field, the header has 5",
    )
