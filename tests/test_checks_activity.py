"""ACT001–ACT003 through real files: a register workbook and canonical exports in tmp_path."""

from __future__ import annotations

import datetime as dt

from auditor.messages import to_json
from tests.helpers import canonical_rows, compliant_account, main_account, message_pair


def _ids(findings):
    return [f.account_id for f in findings]


def _audit(make_register, make_export, audit_files, accounts, rows, **kwargs):
    register = make_register([main_account("x", "gemeentezeist"), *accounts])
    export = make_export([*canonical_rows("gemeentezeist"), *rows])
    return audit_files(register, [export], **kwargs)


# ---------------------------------------------------------------- ACT001 posting-frequency


def test_act001_fails_below_the_minimum_for_a_secondary_account(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        canonical_rows("sport", every_days=14),  # 7 posts in 13 weeks
    )
    [finding] = result.findings_for("ACT001")
    assert finding.account_id == "x:sport"
    assert finding.evidence["posts"] == 7
    assert finding.evidence["posts_per_week"] == round(7 / (92 / 7), 2)
    assert finding.evidence["minimum"] == 1
    assert finding.evidence["below_minimum"] is True
    assert "norm ≥ 1 per week voor een nevenaccount" in finding.message("nl")
    assert finding.message("en") == (
        "0.53 own posts a week (7 in the period): norm ≥ 1 a week for a secondary account; "
        "and less than 50 % of the 2 a week the register expects (norm ≥ 1)"
    )


def test_act001_fails_a_main_account_below_three_a_week(make_register, make_export, audit_files):
    register = make_register([main_account("x", "gemeentezeist")])
    export = make_export(canonical_rows("gemeentezeist", every_days=3))  # 31 posts
    result = audit_files(register, [export])
    [finding] = result.findings_for("ACT001")
    assert finding.account_id == "x:gemeentezeist"
    assert (finding.evidence["posts"], finding.evidence["minimum"]) == (31, 3)


def test_act001_fails_below_half_the_expected_rate_and_says_both_reasons(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [
            compliant_account("busy", expected_posts_per_week=10),
            compliant_account("quiet", expected_posts_per_week=10),
        ],
        [
            *canonical_rows("busy", every_days=2),  # 46 posts: 3.5 a week, under 5
            *canonical_rows("quiet", every_days=14),  # under 1 and under 5
        ],
    )
    found = {f.account_id: f for f in result.findings_for("ACT001")}
    assert sorted(found) == ["x:busy", "x:quiet"]
    busy = found["x:busy"].evidence
    assert (busy["below_minimum"], busy["below_expected"]) == (False, True)
    assert (busy["expected"], busy["expected_floor"]) == (10, 5)
    quiet = found["x:quiet"]
    assert (quiet.evidence["below_minimum"], quiet.evidence["below_expected"]) == (True, True)
    # "(ondergrens 5)" left a manager to work out what fell short of what
    assert "; en minder dan 50 % van de 10 per week die het register verwacht" in quiet.message(
        "nl"
    )
    assert found["x:busy"].message("nl") == (
        "3,5 eigen berichten per week (46 in de periode): minder dan 50 % van de 10 per week "
        "die het register verwacht (norm ≥ 5 per week)"
    )
    assert quiet.message("en").endswith(
        "norm ≥ 1 a week for a secondary account; and less than 50 % of the 10 a week the "
        "register expects (norm ≥ 5)"
    )


def test_act001_fails_with_a_stricter_configured_minimum(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport", expected_posts_per_week=None)],
        canonical_rows("sport", every_days=7),
        config={"checks": {"ACT001": {"min_posts_per_week_secondary": 2}}},
    )
    assert _ids(result.findings_for("ACT001")) == ["x:sport"]
    assert result.findings_for("ACT001")[0].evidence["minimum"] == 2


def test_act001_passes_at_one_post_a_week(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],  # expects 2 a week: floor 1
        canonical_rows("sport", every_days=7),  # 14 posts: 1.07 a week
    )
    assert result.findings_for("ACT001") == []


def test_act001_passes_an_account_the_exports_do_not_cover(make_register, make_export, audit_files):
    result = _audit(make_register, make_export, audit_files, [compliant_account("sport")], [])
    assert result.findings_for("ACT001") == []


def test_act001_passes_an_account_started_in_the_period_judged_since_its_start(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("nieuw", started=dt.date(2026, 9, 1))],
        canonical_rows("nieuw", start="2026-09-01", every_days=7),  # 5 posts in 30 days
    )
    assert result.findings_for("ACT001") == []


# ---------------------------------------------------------------- ACT002 dormant


def test_act002_fails_when_the_last_post_is_older_than_sixty_days(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        canonical_rows("sport", end="2026-07-20"),
    )
    [finding] = result.findings_for("ACT002")
    assert finding.account_id == "x:sport"
    assert to_json(finding.evidence) == {
        "days_since_last_post": 72,
        "last_post": "2026-07-20",
        "limit_days": 60,
    }
    assert finding.severity == "high"
    assert "72 dagen" in finding.message("nl")
    assert finding.message("en") == (
        "last own post 72 days before the end of the period (2026-07-20; norm ≤ 60)"
    )


def test_act002_fails_a_covered_account_that_never_posted(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        message_pair("sport", "q1", "2026-08-03 10:00", None),  # only a message to it
    )
    [finding] = result.findings_for("ACT002")
    assert finding.account_id == "x:sport"
    assert finding.evidence["days_since_last_post"] is None
    assert finding.evidence["last_post"] is None


def test_act002_fails_with_a_shorter_configured_limit(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        canonical_rows("sport", end="2026-08-31"),  # 30 days before the end
        config={"checks": {"ACT002": {"days": 28}}},
    )
    assert _ids(result.findings_for("ACT002")) == ["x:sport"]
    assert result.findings_for("ACT002")[0].evidence["limit_days"] == 28


def test_act002_passes_a_post_within_sixty_days(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        canonical_rows("sport", end="2026-08-01"),  # 60 days: at the limit
    )
    assert result.findings_for("ACT002") == []


def test_act002_passes_a_new_account_that_has_not_posted_yet(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("nieuw", started=dt.date(2026, 9, 15))],
        message_pair("nieuw", "q1", "2026-09-16 10:00", None),
    )
    assert result.findings_for("ACT002") == []


def test_act002_passes_closed_and_planned_accounts(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [
            compliant_account("oud", status="gesloten", closed=dt.date(2026, 7, 15)),
            compliant_account("later", status="gepland"),
        ],
        [
            *canonical_rows("oud", end="2026-07-10"),
            *message_pair("later", "q1", "2026-08-03 10:00", None),
        ],
    )
    assert result.findings_for("ACT002") == []


# ---------------------------------------------------------------- ACT003 coverage-gap


def _with_gap(handle: str, last_before: str, first_after: str) -> list[dict]:
    return [
        *canonical_rows(handle, end=last_before, prefix=f"{handle}-a"),
        *canonical_rows(handle, start=first_after, prefix=f"{handle}-b"),
    ]


def test_act003_fails_a_silence_longer_than_three_weeks(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        _with_gap("sport", "2026-07-31", "2026-08-31"),  # silent 1–30 August
    )
    [finding] = result.findings_for("ACT003")
    assert finding.account_id == "x:sport"
    assert to_json(finding.evidence) == {
        "longest_gap_days": 30,
        "gap_start": "2026-08-01",
        "gap_end": "2026-08-30",
        "limit_days": 21,
    }
    assert "01-08-2026 tot 30-08-2026" in finding.message("nl")
    assert finding.message("en") == (
        "silence of 30 days without an own post (2026-08-01 to 2026-08-30; norm ≤ 21)"
    )


def test_act003_fails_a_trailing_silence_when_dormancy_is_switched_off(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        canonical_rows("sport", end="2026-07-20"),
        config={"checks": {"ACT002": {"enabled": False}}},
    )
    [finding] = result.findings_for("ACT003")
    assert to_json(finding.evidence)["gap_start"] == "2026-07-21"
    assert to_json(finding.evidence)["gap_end"] == "2026-09-30"


def test_act003_passes_a_silence_of_exactly_three_weeks(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        _with_gap("sport", "2026-07-31", "2026-08-22"),  # silent 1–21 August
    )
    assert result.findings_for("ACT003") == []


def test_act003_passes_a_dormant_account_reported_once_by_act002(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("sport")],
        canonical_rows("sport", end="2026-07-20"),
    )
    assert _ids(result.findings_for("ACT002")) == ["x:sport"]
    assert result.findings_for("ACT003") == []


def test_act003_passes_the_days_before_an_account_was_started(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [compliant_account("nieuw", started=dt.date(2026, 8, 20))],
        canonical_rows("nieuw", start="2026-08-20"),
    )
    assert result.findings_for("ACT003") == []


def test_activity_checks_are_skipped_not_passed_without_any_activity_data(
    make_register, audit_files
):
    register = make_register([compliant_account("sport")])
    result = audit_files(register, [])
    skipped = {s.check_id: s.reason("en") for s in result.skipped}
    for check_id in ("ACT001", "ACT002", "ACT003", "CON001", "RSP001", "RSP002"):
        assert check_id in skipped
    assert "--activity" in skipped["ACT002"]
