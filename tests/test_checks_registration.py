"""REG001–REG003 through real register workbooks and activity exports."""

from __future__ import annotations

import datetime as dt

from auditor.messages import AccountRef, to_json
from tests.helpers import canonical_rows, compliant_account, main_account

MAIN = main_account("x", "gemeentezeist")


def test_reg001_fails_for_a_platform_without_or_with_two_main_accounts(make_register, audit_files):
    register = make_register(
        [
            MAIN,
            main_account("x", "zeistnieuws"),
            compliant_account("fbsport", platform="facebook"),
            compliant_account("fbjeugd", platform="facebook"),
        ]
    )
    found = {f.subject: f for f in audit_files(register).findings_for("REG001")}
    assert sorted(found) == ["facebook", "x"]
    assert found["facebook"].account_id is None
    assert found["facebook"].platform == "facebook"
    # Accounts in the evidence are references (so a department pack can hide another
    # department's); findings.json gives them as plain ids.
    assert to_json(found["facebook"].evidence) == {
        "platform": "facebook",
        "main_count": 0,
        "main_accounts": [],
        "accounts": ["facebook:fbjeugd", "facebook:fbsport"],
    }
    assert all(isinstance(a, AccountRef) for a in found["facebook"].evidence["accounts"])
    assert found["x"].evidence["main_count"] == 2
    assert to_json(found["x"].evidence["main_accounts"]) == ["x:gemeentezeist", "x:zeistnieuws"]
    assert found["x"].message("nl") == (
        "X: 2 hoofdaccounts (x:gemeentezeist, x:zeistnieuws) (norm: precies 1)"
    )
    assert found["facebook"].message("en") == (
        "Facebook: no main account among 2 active accounts (expected exactly 1)"
    )


def test_reg001_passes_with_one_main_account_per_active_platform(make_register, audit_files):
    register = make_register(
        [
            MAIN,
            compliant_account("sport"),
            # A closed second main account and a platform with only closed accounts do not count.
            {**main_account("x", "oudhoofd"), "status": "gesloten", "closed": dt.date(2024, 1, 1)},
            compliant_account("oudfb", platform="facebook", status="gesloten"),
        ]
    )
    assert audit_files(register).findings_for("REG001") == []


def test_reg002_fails_for_an_account_missing_from_the_register(
    make_register, make_export, audit_files
):
    register = make_register([MAIN])
    posts = canonical_rows("zeistpraat", start="2026-07-06", end="2026-07-20", every_days=7)
    first = make_export(canonical_rows("gemeentezeist") + posts[:2], name="x-juli.csv")
    second = make_export(posts[1:], name="x-overlap.csv")  # the same post twice counts once
    findings = audit_files(register, [first, second]).findings_for("REG002")
    assert [f.account_id for f in findings] == ["x:zeistpraat"]
    assert findings[0].department is None
    assert to_json(findings[0].evidence) == {
        "reason": "not_in_register",
        "posts": 3,
        "first_post": "2026-07-06",
        "last_post": "2026-07-20",
        "sources": ["x-juli.csv", "x-overlap.csv"],
    }
    assert findings[0].message("nl") == (
        "niet in het register, maar 3 eigen berichten in de periode (06-07-2026 t/m 20-07-2026)"
    )


def test_reg002_gives_each_unregistered_account_its_own_days_and_files(
    make_register, make_export, audit_files
):
    """Several accounts missing from the register, in files of their own and one shared:
    each finding counts that account's posts, its first and last day in the audit's zone
    (00:30 on 1 July is 30 June in UTC) and only the files that hold its posts."""
    register = make_register([MAIN])
    early = canonical_rows("vroeg", start="2026-07-01", end="2026-07-03", hour=0)
    for row in early:
        row["timestamp"] = row["timestamp"].replace("T00:00", "T00:30") + "+02:00"
    late = canonical_rows("laat", start="2026-09-28", end="2026-09-30", hour=23)
    shared = make_export(canonical_rows("gemeentezeist") + early[:1] + late[:1], name="a.csv")
    own = make_export(early[1:], name="b.csv")
    findings = {
        f.account_id: to_json(f.evidence)
        for f in audit_files(register, [shared, own]).findings_for("REG002")
    }
    assert findings == {
        "x:vroeg": {
            "reason": "not_in_register",
            "posts": 3,
            "first_post": "2026-07-01",
            "last_post": "2026-07-03",
            "sources": ["a.csv", "b.csv"],
        },
        "x:laat": {
            "reason": "not_in_register",
            "posts": 1,
            "first_post": "2026-09-28",
            "last_post": "2026-09-28",
            "sources": ["a.csv"],
        },
    }


def test_reg002_fails_for_a_closed_account_that_still_posts(
    make_register, make_export, audit_files
):
    register = make_register(
        [
            MAIN,
            compliant_account("dicht", status="gesloten", closed=dt.date(2026, 8, 15)),
            compliant_account("zonderdatum", status="gesloten"),
        ]
    )
    export = make_export(
        canonical_rows("dicht", start="2026-08-01", end="2026-08-30", every_days=5)
        + canonical_rows("zonderdatum", start="2026-09-29", end="2026-09-30")
    )
    findings = {f.account_id: f for f in audit_files(register, [export]).findings_for("REG002")}
    assert sorted(findings) == ["x:dicht", "x:zonderdatum"]
    assert to_json(findings["x:dicht"].evidence) == {
        "reason": "closed",
        "posts": 3,  # 16, 21 and 26 August; 1, 6 and 11 August came before closing
        "first_post": "2026-08-16",
        "last_post": "2026-08-26",
        "sources": ["activity.csv"],
        "closed_on": "2026-08-15",
        "status": "closed",
    }
    assert findings["x:zonderdatum"].evidence["posts"] == 2
    assert findings["x:zonderdatum"].evidence["closed_on"] is None
    assert findings["x:dicht"].message("en") == (
        "closed on 2026-08-15 according to the register, but 3 own posts since "
        "(2026-08-16 to 2026-08-26)"
    )
    assert (
        findings["x:zonderdatum"]
        .message("nl")
        .startswith("gesloten volgens het register, maar 2 eigen berichten daarna")
    )


def test_reg002_passes_for_registered_accounts_and_activity_outside_the_period(
    make_register, make_export, audit_files
):
    register = make_register(
        [MAIN, compliant_account("dicht", status="gesloten", closed=dt.date(2026, 8, 15))]
    )
    export = make_export(
        canonical_rows("gemeentezeist")
        + canonical_rows("dicht", start="2026-07-01", end="2026-08-15")
        + canonical_rows("oudaccount", start="2026-03-01", end="2026-06-30")
    )
    assert audit_files(register, [export]).findings_for("REG002") == []


def test_reg003_fails_without_record_of_consultation(make_register, audit_files):
    register = make_register(
        [
            MAIN,
            compliant_account("nieuw", started=dt.date(2021, 5, 1), communicatie_consulted=None),
            compliant_account("nee", communicatie_consulted="nee"),
            compliant_account("onbekend", started=None, communicatie_consulted=None),
        ]
    )
    findings = {f.account_id: f for f in audit_files(register).findings_for("REG003")}
    assert sorted(findings) == ["x:nee", "x:nieuw", "x:onbekend"]
    assert to_json(findings["x:nieuw"].evidence) == {
        "started": "2021-05-01",
        "started_known": True,
        "policy_date": "2013-08-29",
        "communicatie_consulted": None,
        "communicatie_consulted_on": None,
    }
    assert findings["x:nee"].evidence["communicatie_consulted"] is False
    # Without a start date consultation cannot be shown, so it fails and says why.
    assert findings["x:onbekend"].evidence["started_known"] is False
    assert "startdatum onbekend" in findings["x:onbekend"].message("nl")
    assert findings["x:nieuw"].message("nl") == (
        "gestart 01-05-2021 (na 29-08-2013) zonder vastgelegd overleg met Communicatie"
    )


def test_reg003_passes_when_consulted_or_started_before_the_policy(make_register, audit_files):
    register = make_register(
        [
            MAIN,  # started 2010 without a record
            compliant_account("datum"),  # consulted on a date
            compliant_account("ja", communicatie_consulted="ja"),
            compliant_account("oud", started=dt.date(2013, 8, 29), communicatie_consulted=None),
        ]
    )
    assert audit_files(register).findings_for("REG003") == []
    later = {"organisation": {"policy_date": "2022-01-01"}}
    late_start = make_register(
        [compliant_account("x21", started=dt.date(2021, 6, 1), communicatie_consulted=None)],
        name="later.xlsx",
    )
    assert audit_files(late_start, config=later).findings_for("REG003") == []
