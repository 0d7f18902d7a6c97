"""RSP001–RSP002 through real files: a register workbook and a canonical inbox export."""

from __future__ import annotations

from itertools import pairwise

from tests.helpers import canonical_rows, compliant_account, main_account, message_pair

# Mondays to Fridays of July 2026 without holidays; office hours 08:30–17:00 (8.5 hours a day).
WEEKDAYS = ["2026-07-06", "2026-07-07", "2026-07-08", "2026-07-09", "2026-07-13"]


def _audit(make_register, make_export, audit_files, messages, **kwargs):
    register = make_register([main_account("x", "gemeentezeist"), compliant_account("sport")])
    export = make_export(
        [*canonical_rows("gemeentezeist"), *canonical_rows("sport", every_days=3), *messages]
    )
    return audit_files(register, [export], **kwargs)


def _next_day_replies() -> list[dict]:
    """In at 09:00, out at 16:30 the next working day: 8 + 8 = 16 business hours each."""
    days = WEEKDAYS[:4]
    rows = []
    for n, (day, next_day) in enumerate(pairwise(days)):
        rows += message_pair("sport", f"s{n}", f"{day} 09:00", f"{next_day} 16:30")
    return rows


# ---------------------------------------------------------------- RSP001 response-time


def test_rsp001_fails_a_slow_median(make_register, make_export, audit_files):
    messages = _next_day_replies()
    result = _audit(make_register, make_export, audit_files, messages)
    [finding] = result.findings_for("RSP001")
    assert finding.account_id == "x:sport"
    evidence = finding.evidence
    assert evidence["reply_median_business_hours"] == 16
    assert (evidence["median_too_slow"], evidence["p90_too_slow"]) == (True, False)
    assert (evidence["inbound"], evidence["limit_median_business_hours"]) == (3, 8)
    assert "mediaan reactietijd 16 werkuren (norm ≤ 8)" in finding.message("nl")
    assert finding.message("en").startswith("median reply time 16 business hours (norm ≤ 8); ")


def test_rsp001_fails_a_slow_tail_with_a_quick_median(make_register, make_export, audit_files):
    messages = []
    for n, day in enumerate(WEEKDAYS[:4]):
        messages += message_pair("sport", f"s{n}", f"{day} 09:00", f"{day} 10:00")
    # Monday 6 July 09:00 → Wednesday 15 July 09:00: seven working days later.
    messages += message_pair("sport", "late", "2026-07-06 09:00", "2026-07-15 09:00")
    result = _audit(make_register, make_export, audit_files, messages)
    [finding] = result.findings_for("RSP001")
    assert (finding.evidence["median_too_slow"], finding.evidence["p90_too_slow"]) == (False, True)
    assert finding.evidence["reply_median_business_hours"] == 1
    assert finding.evidence["reply_p90_business_hours"] > 16


def test_rsp001_passes_quick_replies(make_register, make_export, audit_files):
    messages = []
    for n, day in enumerate(WEEKDAYS):
        messages += message_pair("sport", f"s{n}", f"{day} 09:00", f"{day} 11:00")
    result = _audit(make_register, make_export, audit_files, messages)
    assert result.findings_for("RSP001") == []
    assert "RSP001" not in [s.check_id for s in result.skipped]


def test_rsp001_passes_with_a_looser_configured_target(make_register, make_export, audit_files):
    messages = _next_day_replies()
    config = {"checks": {"RSP001": {"max_median_business_hours": 16}}}
    result = _audit(make_register, make_export, audit_files, messages, config=config)
    assert result.findings_for("RSP001") == []


def test_rsp001_passes_an_account_without_incoming_messages(
    make_register, make_export, audit_files
):
    # Only the main account receives messages; the quiet secondary account is not judged.
    messages = []
    for n, day in enumerate(WEEKDAYS):
        messages += message_pair("gemeentezeist", f"g{n}", f"{day} 09:00", f"{day} 09:30")
    result = _audit(make_register, make_export, audit_files, messages)
    assert result.findings_for("RSP001") == []
    assert result.findings_for("RSP002") == []


def test_rsp001_skipped_without_an_inbox_export(make_register, make_export, audit_files):
    result = _audit(make_register, make_export, audit_files, [])
    skipped = {s.check_id: s.reason for s in result.skipped}
    assert result.findings_for("RSP001") == []
    assert "webcare" in skipped["RSP001"]("nl")
    assert "inbox" in skipped["RSP001"]("en")
    assert "RSP002" in skipped


# ---------------------------------------------------------------- RSP002 unanswered


def test_rsp002_fails_too_many_unanswered_messages(make_register, make_export, audit_files):
    messages = []
    for n, day in enumerate(WEEKDAYS[:4]):
        messages += message_pair("sport", f"s{n}", f"{day} 09:00", f"{day} 10:00")
    messages += message_pair("sport", "lost", "2026-07-13 09:00", None)
    result = _audit(make_register, make_export, audit_files, messages)
    [finding] = result.findings_for("RSP002")
    assert finding.account_id == "x:sport"
    evidence = finding.evidence
    assert (evidence["inbound"], evidence["unanswered"], evidence["pending"]) == (5, 1, 0)
    assert evidence["unanswered_share"] == 0.2
    assert (evidence["limit_share"], evidence["after_business_days"]) == (0.05, 2)
    assert "20 % van de inkomende berichten (1 van 5)" in finding.message("nl")
    assert finding.message("en") == (
        "20 % of incoming messages (1 of 5) not answered within 2 business days (norm ≤ 5 %)"
    )


def test_rsp002_fails_a_reply_later_than_two_business_days(make_register, make_export, audit_files):
    # Monday 09:00 → Thursday 09:00 is 25.5 business hours: later than 2 × 8.5.
    messages = message_pair("sport", "slow", "2026-07-06 09:00", "2026-07-09 09:00")
    result = _audit(make_register, make_export, audit_files, messages)
    [finding] = result.findings_for("RSP002")
    assert finding.evidence["unanswered"] == 1
    assert finding.evidence["answered"] == 0


def test_rsp002_passes_when_every_message_is_answered(make_register, make_export, audit_files):
    messages = []
    for n, day in enumerate(WEEKDAYS):
        messages += message_pair("sport", f"s{n}", f"{day} 09:00", f"{day} 15:00")
    result = _audit(make_register, make_export, audit_files, messages)
    assert result.findings_for("RSP002") == []


def test_rsp002_passes_a_message_still_pending_at_the_end_of_the_data(
    make_register, make_export, audit_files
):
    messages = []
    for n, day in enumerate(WEEKDAYS):
        messages += message_pair("sport", f"s{n}", f"{day} 09:00", f"{day} 10:00")
    # Arrives on the last afternoon; the data ends before two business days have passed.
    messages += message_pair("sport", "fresh", "2026-09-30 16:00", None)
    result = _audit(make_register, make_export, audit_files, messages)
    assert result.findings_for("RSP002") == []


def test_rsp002_passes_with_a_looser_configured_share(make_register, make_export, audit_files):
    messages = []
    for n, day in enumerate(WEEKDAYS[:4]):
        messages += message_pair("sport", f"s{n}", f"{day} 09:00", f"{day} 10:00")
    messages += message_pair("sport", "lost", "2026-07-13 09:00", None)
    config = {"checks": {"RSP002": {"max_unanswered_share": 0.25}}}
    result = _audit(make_register, make_export, audit_files, messages, config=config)
    assert result.findings_for("RSP002") == []
