"""CON001–CON002 through real files: a register workbook and canonical exports in tmp_path."""

from __future__ import annotations

import datetime as dt

from auditor.messages import AccountRef, to_json
from tests.helpers import canonical_rows, compliant_account, main_account

SPORT = {"audience": "Sporters in Zeist", "sender": "Gemeente Zeist", "goal": "informeren, dialoog"}


def _audit(make_register, make_export, audit_files, accounts, rows, **kwargs):
    register = make_register([main_account("x", "gemeentezeist"), *accounts])
    export = make_export([*canonical_rows("gemeentezeist"), *rows])
    return audit_files(register, [export], **kwargs)


def _own_voice(handle: str, **overrides) -> dict:
    """An account sharing nothing with the main account: own audience, sender and goal."""
    own = {"audience": f"publiek van {handle}", "sender": f"Stichting {handle}"}
    return compliant_account(handle, **{**own, "goal": "samenwerken", **overrides})


# ---------------------------------------------------------------- CON001 consolidation-candidate


def test_con001_fails_a_quiet_account_sharing_the_main_accounts_audience(
    make_register, make_export, audit_files
):
    quiet = _own_voice("wijk", audience="Inwoners van  ZEIST", goal="luisteren")
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [quiet],
        canonical_rows("wijk", every_days=14),  # 7 posts: 0.53 a week
    )
    [finding] = result.findings_for("CON001")
    assert finding.account_id == "x:wijk"
    assert finding.severity == "info"
    assert finding.evidence["minimum"] == 1
    # Another account is named by reference (its department decides what a pack shows); it
    # serialises to its id, so findings.json keeps its shape.
    [candidate] = finding.evidence["candidates"]
    assert candidate["account_id"] == AccountRef(
        account_id="x:gemeentezeist", department="Communicatie"
    )
    assert to_json(finding.evidence["candidates"]) == [
        {
            "account_id": "x:gemeentezeist",
            "type": "main",
            "shared": ["audience"],
            "shared_goals": [],
            "posts_per_week": 7.0,
        }
    ]
    assert finding.message("nl") == (
        "weinig berichten: 0,53 per week (minimum 1). Overweeg aan te sluiten bij "
        "x:gemeentezeist (doelgroep): zelfde platform en gedeelde doelgroep, afzender of doel"
    )
    assert finding.message("en") == (
        "few posts: 0.53 a week (minimum 1). Consider joining x:gemeentezeist (audience): "
        "same platform and a shared audience, sender or goal"
    )


def test_con001_fails_and_ranks_the_account_with_most_in_common_first(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [
            _own_voice("wijk", audience="Ouders", sender="Gemeente Zeist", goal="informeren"),
            _own_voice("buurt", audience="ouders", sender="Gemeente Zeist", goal="informeren"),
        ],
        [*canonical_rows("wijk", every_days=14), *canonical_rows("buurt")],
    )
    [finding] = result.findings_for("CON001")
    candidates = finding.evidence["candidates"]
    assert [c["account_id"].account_id for c in candidates] == ["x:buurt", "x:gemeentezeist"]
    assert candidates[0]["shared"] == ["audience", "sender", "goal"]
    assert candidates[1]["shared"] == ["sender", "goal"]
    assert candidates[1]["shared_goals"] == ["informeren"]
    assert (
        "x:buurt (doelgroep, afzender, doel informeren) of x:gemeentezeist (afzender, doel "
        "informeren):" in finding.message("nl")
    )
    assert (
        "x:buurt (audience, sender, goal informeren) or x:gemeentezeist (sender, goal "
        "informeren):" in finding.message("en")
    )
    # The busy partner is not advised to join anyone.
    assert [f.account_id for f in result.findings_for("CON001")] == ["x:wijk"]


def test_con001_passes_a_quiet_account_that_shares_nothing(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [_own_voice("wijk")],
        canonical_rows("wijk", every_days=14),
    )
    assert result.findings_for("CON001") == []


def test_con001_passes_a_busy_account_that_shares_everything(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [_own_voice("wijk", audience="inwoners van Zeist", sender="Gemeente Zeist")],
        canonical_rows("wijk", every_days=2),
    )
    assert result.findings_for("CON001") == []


def test_con001_passes_a_quiet_main_account(make_register, make_export, audit_files):
    # Others join the main account, never the other way round.
    register = make_register(
        [main_account("x", "gemeentezeist"), _own_voice("sport", sender="Gemeente Zeist")]
    )
    export = make_export([*canonical_rows("gemeentezeist", every_days=7), *canonical_rows("sport")])
    result = audit_files(register, [export])
    assert result.findings_for("CON001") == []


def test_con001_passes_partners_on_another_platform(make_register, make_export, audit_files):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [_own_voice("wijk", platform="facebook", audience="inwoners van Zeist")],
        canonical_rows("wijk", platform="facebook", every_days=14),
    )
    assert result.findings_for("CON001") == []


# ---------------------------------------------------------------- CON002 overlapping-accounts


def test_con002_fails_two_accounts_with_one_audience_sender_and_goal(
    make_register, make_export, audit_files
):
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [
            compliant_account("sport", **SPORT),
            compliant_account(
                "sportief",
                audience="  sporters IN zeist ",
                sender="gemeente zeist",
                goal="Dialoog; informeren",
            ),
        ],
        [*canonical_rows("sport"), *canonical_rows("sportief", every_days=3)],
    )
    [finding] = result.findings_for("CON002")
    assert finding.account_id == "x:sportief"  # the quieter of the two
    assert finding.subject == "x:sport"
    assert finding.severity == "low"
    evidence = finding.evidence
    assert evidence["other_account"] == AccountRef(account_id="x:sport", department="Sport")
    assert to_json(evidence)["other_account"] == "x:sport"
    assert evidence["goal"] == ["dialoog", "informeren"]
    assert (evidence["audience"], evidence["sender"]) == ("sporters IN zeist", "gemeente zeist")
    assert evidence["posts_per_week"] < evidence["other_posts_per_week"]
    assert finding.message("nl") == (
        "zelfde doelgroep (sporters IN zeist), afzender (gemeente zeist) en doel (dialoog, "
        "informeren) als x:sport op hetzelfde platform; dit account plaatst 2,4 berichten per "
        "week, het andere 7. Overweeg samenvoegen"
    )
    assert finding.message("en") == (
        "same audience (sporters IN zeist), sender (gemeente zeist) and goal (dialoog, "
        "informeren) as x:sport on the same platform; this account posts 2.4 a week, the other "
        "7. Consider merging"
    )


def test_con002_fails_on_the_secondary_account_beside_the_main_one(
    make_register, make_export, audit_files
):
    twin = compliant_account(
        "zeistnieuws",
        audience="inwoners van Zeist",
        sender="Gemeente Zeist",
        goal="informeren, dialoog",
    )
    result = _audit(
        make_register,
        make_export,
        audit_files,
        [twin],
        canonical_rows("zeistnieuws", every_days=0.5),  # busier than the main account
    )
    [finding] = result.findings_for("CON002")
    assert (finding.account_id, finding.subject) == ("x:zeistnieuws", "x:gemeentezeist")
    assert finding.evidence["other_type"] == "main"
    assert "als x:gemeentezeist op hetzelfde platform; dat is het hoofdaccount. Overweeg" in (
        finding.message("nl")
    )
    assert "as x:gemeentezeist on the same platform; that is the main account. Consider" in (
        finding.message("en")
    )


def test_con002_names_the_account_to_keep_once_for_each_other_account_of_a_group(
    make_register, make_export, audit_files
):
    accounts = [compliant_account(h, **SPORT) for h in ("sport1", "sport2", "sport3")]
    rows = canonical_rows("sport2", every_days=1)  # the busiest: the one to keep
    result = _audit(make_register, make_export, audit_files, accounts, rows)
    findings = result.findings_for("CON002")
    # A group of three is two findings pointing to the one to keep, not three pairs.
    assert sorted((f.account_id, f.subject) for f in findings) == [
        ("x:sport1", "x:sport2"),
        ("x:sport3", "x:sport2"),
    ]
    assert {f.evidence["group_size"] for f in findings} == {3}
    [first, _] = sorted(findings, key=lambda f: f.account_id)
    assert "als x:sport2 en nog één ander account op hetzelfde platform" in first.message("nl")
    assert "as x:sport2 and one other account on the same platform" in first.message("en")


def test_con002_a_pair_says_no_others(make_register, make_export, audit_files):
    accounts = [compliant_account(h, **SPORT) for h in ("sport1", "sport2")]
    result = _audit(make_register, make_export, audit_files, accounts, [])
    [finding] = result.findings_for("CON002")
    assert finding.evidence["group_size"] == 2
    assert "ander account" not in finding.message("nl")


def test_con001_keeps_the_best_candidates_and_counts_them_all(
    make_register, make_export, audit_files
):
    # Thirty accounts sharing one goal: a quiet one names three, keeps ten, counts thirty.
    busy = [_own_voice(f"team{i:02}", goal="informeren") for i in range(30)]
    quiet = _own_voice("wijk", goal="informeren", sender="Stichting team07")
    rows = [*canonical_rows("wijk", every_days=14)]
    for account in busy:
        rows += canonical_rows(account["handle"].lstrip("@"))
    result = _audit(make_register, make_export, audit_files, [quiet, *busy], rows)
    [finding] = [f for f in result.findings_for("CON001") if f.account_id == "x:wijk"]
    assert finding.evidence["candidate_count"] == 31  # the thirty and the main account
    candidates = finding.evidence["candidates"]
    assert len(candidates) == 10
    # Most in common first (goal and sender), then the main account, then by id.
    assert [c["account_id"].account_id for c in candidates[:4]] == [
        "x:team07",
        "x:gemeentezeist",
        "x:team00",
        "x:team01",
    ]
    assert "een van 28 andere" in finding.message("nl")
    assert "one of 28 others" in finding.message("en")


def test_con002_passes_different_goals(make_register, make_export, audit_files):
    accounts = [
        compliant_account("sport", **SPORT),
        compliant_account("sportief", **{**SPORT, "goal": "informeren"}),
    ]
    result = _audit(make_register, make_export, audit_files, accounts, [])
    assert result.findings_for("CON002") == []


def test_con002_passes_when_values_are_missing(make_register, make_export, audit_files):
    accounts = [
        compliant_account("sport", **{**SPORT, "sender": None}),
        compliant_account("sportief", **{**SPORT, "sender": "n.v.t."}),
    ]
    result = _audit(make_register, make_export, audit_files, accounts, [])
    assert result.findings_for("CON002") == []


def test_con002_passes_another_platform_or_a_closed_account(
    make_register, make_export, audit_files
):
    accounts = [
        compliant_account("sport", **SPORT),
        compliant_account("sportief", platform="instagram", **SPORT),
        compliant_account("sportoud", status="gesloten", closed=dt.date(2026, 1, 1), **SPORT),
    ]
    result = _audit(make_register, make_export, audit_files, accounts, [])
    assert result.findings_for("CON002") == []
