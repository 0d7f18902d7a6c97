"""Helpers several check families share (checks/_common.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd

from auditor.checks._common import flag_outdated
from auditor.messages import Message


def test_flag_outdated_says_what_expired_and_when_in_both_languages():
    ctx = SimpleNamespace(
        active_accounts=pd.DataFrame(
            {
                "account_id": ["x:old", "x:none", "x:fresh"],
                "house_style_review": [dt.date(2025, 2, 1), None, dt.date(2026, 6, 1)],
            }
        ),
        period=SimpleNamespace(end=dt.date(2026, 9, 30)),
    )
    flags = list(
        flag_outdated(
            ctx,
            "house_style_review",
            pd.DateOffset(months=12),
            {"valid_months": 12},
            missing_text=Message("OWN002.no_substitute"),  # any sentence will do
            noun=Message("OWN004.role.owner"),
            validity=Message("STY003.validity", count=12),
        )
    )
    found = {f.account_id: f for f in flags}
    assert sorted(found) == ["x:none", "x:old"]
    assert found["x:none"].message == Message("OWN002.no_substitute")
    assert found["x:none"].evidence == {
        "house_style_review": None,
        "valid_until": None,
        "reason": "missing",
        "valid_months": 12,
    }
    old = found["x:old"]
    assert old.message.params["done"] == dt.date(2025, 2, 1)
    assert old.message.params["expiry"] == dt.date(2026, 2, 1)
    assert old.message("nl") == "beheerder 01-02-2025, verlopen op 01-02-2026 (geldig 12 maanden)"
    assert old.message("en") == "owner 2025-02-01, expired on 2026-02-01 (valid 12 months)"
    assert old.evidence == {
        "house_style_review": "2025-02-01",
        "valid_until": "2026-02-01",
        "reason": "expired",
        "valid_months": 12,
    }


def test_validity_spans_agree_with_their_count():
    assert Message("DOC004.validity", count=1)("en") == "1 year"
    assert Message("DOC004.validity", count=2)("en") == "2 years"
    assert Message("DOC004.validity", count=2)("nl") == "2 jaar"
    assert Message("STY003.validity", count=1)("nl") == "1 maand"
    assert Message("STY003.validity", count=6)("nl") == "6 maanden"
