"""WVR001: an expired waiver no longer applies, and the audit says so."""

from __future__ import annotations

import datetime as dt

from tests.helpers import compliant_account, main_account

ACCOUNTS = [main_account("x", "gemeentezeist"), compliant_account("sport", role=None)]


def waiver(until: dt.date | None) -> dict:
    return {
        "platform": "x",
        "account": "@sport",
        "check_id": "DOC002",
        "reason": "Rol wordt herzien",
        "approved_by": "Ilse Jansen",
        "until": until,
    }


def test_wvr001_fails_for_a_waiver_that_ended_before_the_period(make_register, audit_files):
    register = make_register(ACCOUNTS, waivers=[waiver(dt.date(2026, 9, 29))])
    result = audit_files(register)
    findings = result.findings_for("WVR001")
    assert [(f.account_id, f.subject, f.severity) for f in findings] == [
        ("x:sport", "DOC002", "info")
    ]
    assert findings[0].evidence == {
        "check_id": "DOC002",
        "until": "2026-09-29",
        "period_end": "2026-09-30",
        "reason": "Rol wordt herzien",
        "approved_by": "Ilse Jansen",
        "source_row": 2,
    }
    # The finding the waiver covered counts again.
    assert [f.status for f in result.findings_for("DOC002")] == ["open"]


def test_wvr001_passes_for_a_waiver_that_still_holds(make_register, audit_files):
    for until in (dt.date(2026, 9, 30), None):
        register = make_register(ACCOUNTS, waivers=[waiver(until)], name=f"r{until}.xlsx")
        result = audit_files(register)
        assert result.findings_for("WVR001") == []
        assert [f.status for f in result.findings_for("DOC002")] == ["waived"]
