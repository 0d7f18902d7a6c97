"""What the exports cover, through real files: the default period and why, and the warnings
when a period has not ended, no export reaches it, or an account's exports miss part of it."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from auditor.audit import run_audit
from auditor.cli import cli
from auditor.config import Config
from tests.helpers import canonical_rows, compliant_account, main_account, message_pair

AFTER_Q3 = dt.date(2026, 12, 2)


def _run(register, exports, *, period=None, today=AFTER_Q3):
    return run_audit(register, list(exports), Config(), period=period, run_date=today)


def _said(run, lang="en"):
    """The run's warnings as the summary prints them in `lang`."""
    return [warning(lang) for warning in run.warnings]


def _ids(result, check_id):
    return sorted(f.account_id for f in result.result.findings if f.check_id == check_id)


def test_default_period_is_the_latest_ended_quarter_the_exports_reach(make_register, make_export):
    register = make_register([main_account("x", "gemeentezeist")])
    # No post on 30 September: still the third quarter.
    export = make_export(canonical_rows("gemeentezeist", start="2026-06-29", end="2026-09-29"))
    run = _run(register, [export])
    assert run.result.period.label == "2026-Q3"
    assert run.period_reason("en") == (
        "the latest ended quarter the exports reach into; exports span 2026-06-29 – 2026-09-29;"
        " choose another quarter with --period"
    )
    assert _said(run) == []


def test_a_period_that_has_not_ended_is_said_to_be_incomplete(make_register, make_export):
    register = make_register([main_account("x", "gemeentezeist")])
    export = make_export(canonical_rows("gemeentezeist", start="2026-10-01", end="2026-11-30"))
    run = _run(register, [export])
    assert run.result.period.label == "2026-Q4"
    assert run.period_reason("en").startswith("no quarter the exports reach into has ended yet")
    assert _said(run)[0] == (
        "period 2026-Q4 has not ended yet (it ends 2026-12-31): its figures are incomplete"
    )
    # The exports stop a month before the quarter does: its activity is not judged.
    assert _said(run)[1].startswith("x:gemeentezeist: its exports (")
    assert _ids(run, "ACT002") == [] and _ids(run, "ACT003") == []
    given = _run(register, [export], period="2026-Q4")
    assert given.period_reason("en") == "given with --period"
    assert given.warnings[0] == run.warnings[0]


def test_a_period_no_export_reaches_is_said_loudly_and_nobody_is_dormant(
    make_register, make_export
):
    register = make_register(
        [main_account("x", "gemeentezeist"), compliant_account("sport"), compliant_account("jong")]
    )
    export = make_export([*canonical_rows("gemeentezeist"), *canonical_rows("sport")])
    run = _run(register, [export], period="2025-Q1")
    assert _said(run) == [
        "no export row falls in period 2025-Q1 (2025-01-01 – 2025-03-31); the exports "
        f"({export}) span 2026-07-01 – 2026-09-30: no account's activity is judged"
    ]
    assert [f for f in run.result.findings if f.check_id.startswith("ACT")] == []
    skipped = {s.check_id: s.reason("en") for s in run.result.skipped}
    assert set(skipped) >= {"ACT001", "ACT002", "ACT003"}
    assert skipped["ACT002"].startswith("no activity data covering the period")
    assert run.warnings[0] in run.result.problems


def test_an_account_whose_exports_miss_part_of_the_period_is_named_and_not_judged(
    make_register, make_export
):
    register = make_register(
        [
            main_account("x", "gemeentezeist"),
            compliant_account("stil"),  # in the quarter's export, but only a message to it
            compliant_account("laat"),  # its only export spans August – September
            compliant_account("nergens"),  # in no export at all
        ]
    )
    quarter = make_export(
        [*canonical_rows("gemeentezeist"), *message_pair("stil", "q1", "2026-08-03 10:00", None)],
        name="kwartaal.csv",
    )
    late = make_export(
        canonical_rows("laat", start="2026-08-01", every_days=30), name="laat_aug-sep.csv"
    )
    run = _run(register, [quarter, late], period="2026-Q3")
    assert _said(run) == [
        "x:nergens: no export mentions it; its activity is not judged",
        f"x:laat: its exports ({late}) cover 2026-08-01 – 2026-09-30, not all of 2026-Q3 "
        "(2026-07-01 – 2026-09-30); its activity is not judged",
    ]
    # A silent account inside a full-quarter export is covered, and dormant.
    assert _ids(run, "ACT002") == ["x:stil"]
    assert "x:laat" not in _ids(run, "ACT001") + _ids(run, "ACT003")
    metrics = {a.account_id: a.metrics for a in run.result.accounts}
    assert metrics["x:stil"]["covered"] is True
    assert metrics["x:laat"]["covered"] is False
    assert metrics["x:laat"]["posts"] == 3  # counted, not judged


def test_consecutive_exports_with_a_few_days_between_them_cover_the_quarter(
    make_register, make_export
):
    register = make_register([main_account("x", "gemeentezeist"), compliant_account("sport")])
    first = make_export(
        [*canonical_rows("gemeentezeist"), *canonical_rows("sport", end="2026-08-10")],
        name="a.csv",
    )
    second = make_export(canonical_rows("sport", start="2026-08-15", prefix="b"), name="b.csv")
    run = _run(register, [first, second], period="2026-Q3")
    assert _said(run) == []
    assert {a.account_id: a.metrics["covered"] for a in run.result.accounts}["x:sport"] is True


def test_the_run_prints_the_period_its_reason_and_the_warnings(
    make_register, make_export, tmp_path
):
    register = make_register([main_account("x", "gemeentezeist"), compliant_account("nergens")])
    export = make_export(canonical_rows("gemeentezeist", start="2025-07-01", end="2025-09-30"))
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "-i",
            str(register),
            "-a",
            str(export),
            "--out",
            str(tmp_path / "out"),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        "Period 2025-Q3: the latest ended quarter the exports reach into; "
        "exports span 2025-07-01 – 2025-09-30; choose another quarter with --period."
        in result.output
    )
    assert "warning: x:nergens: no export mentions it; its activity is not judged" in (
        result.output
    )


def test_an_audit_without_exports_warns_only_of_an_unfinished_period(make_register):
    register = make_register([main_account("x", "gemeentezeist")])
    assert _said(_run(register, [], period="2026-Q3")) == []
    assert _said(_run(register, [], period="2026-Q4")) == [
        "period 2026-Q4 has not ended yet (it ends 2026-12-31): its figures are incomplete"
    ]


def test_exports_without_a_usable_row_are_said_loudly(make_register, make_export):
    register = make_register([main_account("x", "gemeentezeist")])
    export = make_export([{**canonical_rows("gemeentezeist")[0], "timestamp": "1000-07-01"}])
    run = _run(register, [export], period="2026-Q3")
    assert _said(run)[1:] == [
        "no export row falls in period 2026-Q3 (2026-07-01 – 2026-09-30); no export has a "
        "usable row: no account's activity is judged"
    ]
    # The file itself is named, with the reason of its first row.
    assert _said(run)[0].startswith(f"{export}: its one row is not used (row 2: timestamp '1000")
    [entry] = [e for e in run.result.inputs if e.format == "canonical"]
    # As written, or as read where the CSV's times were read typed ('1000-07-01 00:00:00').
    reason = entry.rejected[0].reason
    assert reason.startswith("timestamp '1000-07-01")
    assert reason.endswith("' is outside the years 1678–2261")


def test_a_quarter_whose_ids_conflict_with_an_earlier_file_is_not_judged_dormant(
    make_register, make_export
):
    """Two quarterly exports that number their rows 1, 2, …: the later one is kept out as
    conflicts, said so, and its accounts are not judged on the quarter they no longer cover."""
    register = make_register([main_account("x", "gemeentezeist"), compliant_account("sport")])
    main = make_export(canonical_rows("gemeentezeist"), name="hoofdaccount.csv")
    spring = make_export(
        canonical_rows("sport", start="2026-04-01", end="2026-06-30"), name="voorjaar.csv"
    )
    summer = make_export(canonical_rows("sport", end="2026-09-29"), name="zomer.csv")
    run = _run(register, [main, spring, summer], period="2026-Q3")
    [ledger] = [e for e in run.result.inputs if e.path == str(summer)]
    assert (ledger.rows_used, ledger.rows_duplicate, ledger.rows_rejected) == (0, 0, 91)
    assert _said(run)[0].startswith(f"{summer}: 91 rows kept out, their item ids already in ")
    assert _said(run)[1] == (
        f"x:sport: its exports ({spring}) cover 2026-04-01 – 2026-06-30, not all of 2026-Q3 "
        "(2026-07-01 – 2026-09-30); its activity is not judged"
    )
    assert _ids(run, "ACT002") == []


def test_accounts_in_no_export_are_named_in_one_line(make_register, make_export):
    register = make_register(
        [
            main_account("x", "gemeentezeist"),
            compliant_account("a"),
            compliant_account("b"),
            compliant_account("c", status="gesloten", closed=dt.date(2025, 1, 1)),
        ]
    )
    run = _run(register, [make_export(canonical_rows("gemeentezeist"))], period="2026-Q3")
    assert _said(run) == [
        "no export mentions 2 active accounts, so their activity is not judged: x:a, x:b"
    ]


def test_a_folder_of_monthly_exports_per_account_audits_as_the_one_export_they_were_cut_from(
    make_register, make_export, tmp_path
):
    """Many small files, as a folder of downloads holds them (one a month and account): the
    audit is the one of the whole export they were cut from, coverage apart."""
    register = make_register(
        [main_account("x", "gemeentezeist"), compliant_account("sport"), compliant_account("kort")]
    )
    rows = [
        *canonical_rows("gemeentezeist", every_days=0.5),
        *canonical_rows("sport", every_days=3, prefix="s"),
        *canonical_rows("kort", end="2026-07-20", prefix="k"),  # covers July only
        *message_pair("@sport", "m1", "2026-07-03 09:00", "2026-07-03 11:30"),
        *message_pair("@sport", "m2", "2026-08-28 16:00", "2026-09-01 10:00"),  # across files
        *message_pair("@gemeentezeist", "m3", "2026-09-10 20:00", None),
    ]
    whole = _run(register, [make_export(rows, name="all.csv")], period="2026-Q3")
    folder = tmp_path / "exports"
    folder.mkdir()
    for account in ("@gemeentezeist", "@sport", "@kort"):
        for month in ("07", "08", "09"):
            part = [r for r in rows if r["account"] == account and f"-{month}-" in r["timestamp"]]
            if part:
                make_export(part, name=f"exports/{account[1:]}-{month}.csv")
    cut = _run(register, [folder], period="2026-Q3")
    assert len([e for e in cut.result.inputs if e.format != "register"]) == 7
    # The whole file covered the quarter for all three (a file covers its stretch for every
    # account it names); cut, `kort`'s one file covers July alone: its figures are of July
    # and it is not judged.
    figures = lambda run: {  # noqa: E731
        a.account_id: a.metrics for a in run.result.accounts if a.account_id != "x:kort"
    }
    assert figures(cut) == figures(whole)
    assert {a.account_id: a.metrics["covered"] for a in cut.result.accounts} == {
        "x:gemeentezeist": True,
        "x:sport": True,
        "x:kort": False,
    }
    judged = lambda run: sorted(  # noqa: E731
        (
            (f.check_id, f.account_id, f.evidence)
            for f in run.result.findings
            if f.account_id != "x:kort"
        ),
        key=str,
    )
    assert judged(cut) == judged(whole)
    assert judged(cut)  # some findings to compare
