"""Inputs the generative tests found crashing the auditor, each kept as a plain test.

Every test runs the CLI on real files and states what the user gets instead of the crash.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from auditor.slugs import MAX_LENGTH, slugify
from tests.generative.harness import assert_handled, invoke, run_args
from tests.helpers import (
    DEFAULT_DEPARTMENTS,
    DEFAULT_STAFF,
    canonical_rows,
    compliant_account,
    main_account,
    write_export,
    write_register,
)

MAIN = main_account("x", "gemeentezeist")


def _run(tmp_path: Path, accounts: list[dict], rows: list[dict], **register) -> dict:
    inventory = write_register(
        tmp_path / "register.xlsx",
        accounts,
        staff=register.get("staff", DEFAULT_STAFF),
        departments=register.get("departments", DEFAULT_DEPARTMENTS),
    )
    export = write_export(tmp_path / "x.csv", rows)
    out = tmp_path / "audit"
    outcome = invoke(run_args(inventory, [export], out))
    assert_handled(outcome, [inventory, export])
    assert outcome.exit_code == 0, outcome.output
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))


def _reg002(findings: dict) -> dict[str, dict]:
    return {f["account_id"]: f for f in findings["findings"] if f["check_id"] == "REG002"}


# REG002 compared the activity's instants with closing days built from the register in another
# resolution: "Invalid comparison between dtype=datetime64[ns, UTC] and DatetimeArray" when
# no closed account had a readable date, and a crash on a closing date past year 2262.


@pytest.mark.parametrize("closed", [None, "gisteren"], ids=["no-date", "unreadable-date"])
def test_closed_account_without_a_closing_date_posting_is_flagged(tmp_path, closed):
    account = compliant_account("dicht", status="gesloten", closed=closed)
    rows = canonical_rows("dicht", start="2026-08-01", end="2026-08-30", every_days=5)
    found = _reg002(_run(tmp_path, [MAIN, account], rows))
    assert list(found) == ["x:dicht"]
    assert found["x:dicht"]["evidence"]["closed_on"] is None
    assert found["x:dicht"]["evidence"]["posts"] == 6


@pytest.mark.parametrize(
    ("closed", "flagged"),
    [(dt.date(9999, 12, 31), False), (dt.date(1000, 1, 1), True), (dt.date(2026, 8, 15), True)],
    ids=["year-9999", "year-1000", "mid-period"],
)
def test_closing_dates_far_from_now_compare_as_days(tmp_path, closed, flagged):
    account = compliant_account("dicht", status="gesloten", closed=closed)
    rows = canonical_rows("dicht", start="2026-08-01", end="2026-08-30", every_days=5)
    found = _reg002(_run(tmp_path, [MAIN, account], rows))
    assert ("x:dicht" in found) is flagged
    if flagged:
        assert found["x:dicht"]["evidence"]["closed_on"] == closed.isoformat()


# A department or owner name of a few hundred characters gave "File name too long" for its
# report page.

LONG = "Afdeling Maatschappelijke Ontwikkeling en Participatie " * 8


def test_long_department_and_owner_names_get_short_distinct_pages(tmp_path):
    accounts = [
        MAIN,
        compliant_account("een", department=LONG + "Noord", owner_name=PERSON + "Anna"),
        compliant_account("twee", department=LONG + "Zuid", owner_name=PERSON + "Piet"),
    ]
    _run(tmp_path, accounts, canonical_rows("een"))
    pages = {p.name for p in (tmp_path / "audit" / "departments").glob("afdeling-*.html")}
    owners = {p.name for p in (tmp_path / "audit" / "owners").glob("maria-*.html")}
    assert len(pages) == 2 and len(owners) == 2
    assert all(len(name) <= MAX_LENGTH + len(".html") for name in pages | owners)
    assert all(name.startswith("afdeling-maatschappelijke-") for name in pages)


# A person's name as long (a department's name as owner is no person: the substitute acts).
PERSON = "Maria Johanna Wilhelmina Theodora van den Heuvel-Ouwehand " * 8


def test_slugs_of_long_names_are_stable_and_short_names_unchanged():
    assert slugify(LONG + "Noord") == slugify(LONG + "Noord")
    assert slugify(LONG + "Noord") != slugify(LONG + "Zuid")
    assert slugify("Sociaal Domein") == "sociaal-domein"
    assert slugify("Con") == "con-1"  # Windows cannot create con.html


# Times outside pandas' nanosecond range (before 1677-09-21, after 2262-04-11) parsed in a
# coarser unit and crashed on the way into the activity frame ("Out of bounds nanosecond
# timestamp"). They are rejected rows now, named in the ledger.

OUT_OF_RANGE = ["1000-01-01T00:00:00Z", "2300-01-01 10:00", "1677-01-01T00:00:00+00:00"]


def _validate(tmp_path: Path, name: str, text: str) -> str:
    inventory = write_register(tmp_path / "register.xlsx", [MAIN])
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    outcome = invoke(["validate", "--inventory", inventory, "--activity", export, "--lang", "en"])
    assert_handled(outcome, [inventory, export])
    assert outcome.exit_code == 0, outcome.output
    return outcome.output


@pytest.mark.parametrize("written", OUT_OF_RANGE)
def test_canonical_time_out_of_range_is_a_rejected_row(tmp_path, written):
    rows = canonical_rows("gemeentezeist", start="2026-08-01", end="2026-08-02")
    rows[0]["timestamp"] = written
    export = write_export(tmp_path / "x.csv", rows)
    output = _validate(tmp_path, "x.csv", export.read_text(encoding="utf-8"))
    # A time read typed is quoted as read (2300-01-01 10:00:00), others as written.
    assert f"x.csv › row 2 › timestamp '{written}" in output
    assert "is outside the years" in output
    assert "read 2, used 1, duplicate 0, rejected 1" in output


def test_inbox_time_out_of_range_is_a_rejected_row(tmp_path):
    text = (
        "Message ID,Conversation ID,Direction,Created at,Channel,Medium\n"
        "m1,c1,inbound,2300-01-01T10:00:00+00:00,gemeentezeist,Twitter\n"
        "m2,c1,outbound,2026-08-01T10:00:00+00:00,gemeentezeist,Twitter\n"
        "m3,c2,inbound,1000-01-01 10:00,gemeentezeist,Twitter\n"
    )
    output = _validate(tmp_path, "inbox.csv", text)
    assert "inbox.csv › row 2 › Created at '2300-01-01T10:00:00+00:00' is outside the" in output
    assert "inbox.csv › row 4 › Created at '1000-01-01 10:00' is outside the years" in output
    assert "read 3, used 1, duplicate 0, rejected 2" in output


def test_x_analytics_date_out_of_range_is_a_rejected_row(tmp_path):
    # An id that carries no time leaves the date, and year 9999 is no date to count.
    text = (
        "Post id,Date,Post text,Post Link,Impressions\n"
        "p1,9999-12-31,hallo,https://x.com/gemeentezeist/status/1,1\n"
        "p2,2026-08-01,hallo,https://x.com/gemeentezeist/status/2,1\n"
    )
    output = _validate(tmp_path, "account_analytics_content.csv", text)
    assert "row 2 › date '9999-12-31' is outside the years" in output
    assert "read 2, used 1, duplicate 0, rejected 1" in output


# A CSV register or export holding control characters (\x01, an escape sequence, a vertical
# tab) crashed the Excel report: openpyxl refuses them in a cell.


def test_control_characters_from_a_csv_register_do_not_break_the_workbook(tmp_path):
    from openpyxl import load_workbook

    inventory = tmp_path / "register.csv"
    inventory.write_text(
        "Platform,Account,Afdeling,Beheerder,Bio,Status\n"
        "x,gemeentezeist,Sport\x01,Anna\x0bde Vries,bio \x1b[31mrood,actief\n",
        encoding="utf-8",
    )
    export = write_export(tmp_path / "x.csv", canonical_rows("gemeentezeist"))
    out = tmp_path / "audit"
    outcome = invoke(run_args(inventory, [export], out))
    assert_handled(outcome, [inventory, export])
    assert outcome.exit_code == 0, outcome.output
    sheet = load_workbook(out / "audit.xlsx")["Bevindingen"]
    texts = {c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Sport\N{REPLACEMENT CHARACTER}" in texts


# A `[` in a URL cell (or in a handle that looks like a URL) opens an IPv6 host for urllib,
# which raised "Invalid IPv6 URL" when the register was read. The first was a colour escape
# pasted into the URL column.


@pytest.mark.parametrize(
    ("url", "handle", "exit_code", "message"),
    [
        ("bio [31mrood", "sportzeist", 0, "read 2, used 2"),
        (None, "www.[x.com/sportzeist", 2, "register.xlsx › Accounts › row 3 › Account:"),
    ],
    ids=["url-column", "handle-column"],
)
def test_a_bracket_in_a_url_is_read_not_a_crash(tmp_path, url, handle, exit_code, message):
    account = compliant_account("sportzeist") | {"url": url, "handle": handle}
    inventory = write_register(tmp_path / "register.xlsx", [MAIN, account])
    export = write_export(tmp_path / "x.csv", canonical_rows("gemeentezeist"))
    checked = invoke(["validate", "--inventory", inventory, "--activity", export, "--lang", "en"])
    assert_handled(checked, [inventory, export])
    assert checked.exit_code == exit_code, checked.output
    assert message in checked.output
    outcome = invoke(run_args(inventory, [export], tmp_path / "audit"))
    assert_handled(outcome, [inventory, export])
    assert outcome.exit_code == 0, outcome.output
