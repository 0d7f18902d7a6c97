"""DOC001–DOC005 through real register workbooks."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.messages import to_json
from tests.helpers import compliant_account, main_account

MAIN = main_account("x", "gemeentezeist")


@pytest.fixture
def audit(make_register, audit_files):
    def run(*accounts, config=None):
        return audit_files(make_register([MAIN, *accounts]), config=config)

    return run


def by_account(findings):
    return {f.account_id: f for f in findings}


def test_doc001_fails_without_goal_or_with_a_goal_outside_the_four(audit):
    result = audit(
        compliant_account("leeg", goal=None),
        compliant_account("marketing", goal="marketing"),
        compliant_account("deels", goal="informeren, werving"),
    )
    findings = by_account(result.findings_for("DOC001"))
    assert sorted(findings) == ["x:deels", "x:leeg", "x:marketing"]
    assert to_json(findings["x:leeg"].evidence)["reason"] == "missing"
    assert findings["x:leeg"].evidence["goal_raw"] is None
    assert to_json(findings["x:marketing"].evidence)["reason"] == "not_a_policy_goal"
    assert findings["x:marketing"].evidence["unknown"] == ["marketing"]
    assert findings["x:deels"].evidence["unknown"] == ["werving"]
    assert to_json(findings["x:deels"].evidence)["goal_raw"] == "informeren, werving"
    assert findings["x:leeg"].message("nl") == "geen doel ingevuld"
    assert findings["x:deels"].message("en") == (
        "goal 'werving' is not one of: luisteren, informeren, dialoog, samenwerken"
    )


def test_doc001_passes_for_the_policy_goals(audit):
    goals = ["informeren", "Luisteren en samenwerken", "dialoog; informeren", "samen werken"]
    result = audit(*(compliant_account(f"goal{i}", goal=g) for i, g in enumerate(goals)))
    assert result.findings_for("DOC001") == []


def test_doc002_fails_without_role(audit):
    findings = audit(compliant_account("sport", role=None)).findings_for("DOC002")
    assert [(f.account_id, f.evidence) for f in findings] == [("x:sport", {"role": None})]


def test_doc002_passes_with_role(audit):
    assert audit(compliant_account("sport", role="gast")).findings_for("DOC002") == []


def test_doc003_fails_without_content_strategy(audit):
    findings = audit(compliant_account("sport", content_strategy="n.v.t.")).findings_for("DOC003")
    assert [(f.account_id, f.evidence) for f in findings] == [
        ("x:sport", {"content_strategy": None})
    ]


def test_doc003_passes_with_content_strategy(audit):
    assert audit(compliant_account("sport")).findings_for("DOC003") == []


def test_doc004_fails_without_training_or_with_an_old_one(audit):
    result = audit(
        compliant_account("nooit", owner_training=None),
        compliant_account("oud", owner_training=dt.date(2023, 9, 29)),
    )
    findings = by_account(result.findings_for("DOC004"))
    assert sorted(findings) == ["x:nooit", "x:oud"]
    assert to_json(findings["x:nooit"].evidence) == {
        "owner_training": None,
        "valid_until": None,
        "reason": "missing",
        "valid_years": 3,
    }
    assert to_json(findings["x:oud"].evidence) == {
        "owner_training": "2023-09-29",
        "valid_until": "2026-09-29",
        "reason": "expired",
        "valid_years": 3,
    }
    assert "verlopen op 29-09-2026 (geldig 3 jaar)" in findings["x:oud"].message("nl")
    assert "(valid 3 years)" in findings["x:oud"].message("en")
    assert findings["x:nooit"].message("nl") == "geen training van de beheerder vastgelegd"


def test_doc004_passes_for_a_training_valid_at_period_end(audit):
    # Three years to the day before the end of the period still counts.
    result = audit(compliant_account("sport", owner_training=dt.date(2023, 9, 30)))
    assert result.findings_for("DOC004") == []
    longer = {"checks": {"DOC004": {"valid_years": 5}}}
    old = audit(compliant_account("oud", owner_training=dt.date(2022, 1, 1)), config=longer)
    assert old.findings_for("DOC004") == []


def test_doc005_fails_without_acknowledged_guideline(audit):
    result = audit(
        compliant_account("nee", guideline_ack="nee"),
        compliant_account("leeg", guideline_ack=None),
    )
    findings = by_account(result.findings_for("DOC005"))
    assert sorted(findings) == ["x:leeg", "x:nee"]
    assert to_json(findings["x:nee"].evidence) == {"guideline_ack": False, "guideline_ack_on": None}
    assert to_json(findings["x:leeg"].evidence) == {"guideline_ack": None, "guideline_ack_on": None}
    assert findings["x:nee"].message("nl") == "handreiking volgens het register niet gelezen"
    assert findings["x:leeg"].message("en") == "no record that the guideline was read"


def test_doc005_passes_with_yes_or_a_date(audit):
    result = audit(
        compliant_account("ja", guideline_ack="ja"),
        compliant_account("datum", guideline_ack=dt.date(2024, 2, 1)),
    )
    assert result.findings_for("DOC005") == []
