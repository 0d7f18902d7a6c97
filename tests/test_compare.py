"""The quarterly cycle: new, persisting and resolved findings, trends and owners' answers."""

from __future__ import annotations

from pathlib import Path

from auditor.compare import apply_history, compare
from auditor.history import HistoryStore, StoredFinding, StoredRun
from auditor.history_model import AuditHistory, HistoryCounts
from auditor.messages import AccountRef, Message
from auditor.models import FindingStatus, Severity
from auditor.reports.scope import department_results
from auditor.responses import read_responses
from auditor.result import AuditResult
from tests.test_history import account, finding, make_result, quarter, said, table_counts
from tests.test_responses import row, write_answers

HIGH, MEDIUM, LOW = Severity.HIGH, Severity.MEDIUM, Severity.LOW

# A: owner missing on x:ruimte, reported fixed by its owner in Q1 but still failing in Q2
A = {"fid": "OWN002-ruimte", "account_id": "x:ruimte", "severity": HIGH}
B = {"fid": "RSP001-jeugd", "account_id": "x:jeugd", "severity": MEDIUM, "department": "Sociaal"}
C = {"fid": "OWN001-sport", "account_id": "x:sport", "severity": HIGH}  # waived until Q3
D = {"fid": "ACT002-sport", "account_id": "x:sport", "severity": MEDIUM}
E = {"fid": "OWN002-sport", "account_id": "x:sport", "severity": HIGH}
P = {"fid": "REG001-tiktok", "account_id": None, "severity": LOW, "department": None}


def quarter_result(label: str, specs: list[dict], medians: tuple, waived: set[str]) -> AuditResult:
    ruimte, sport, jeugd = medians
    accounts = [
        account("x:ruimte", "Ruimte", reply_median=ruimte),
        account("x:sport", "Ruimte", reply_median=sport),
        account("x:jeugd", "Sociaal", reply_median=jeugd),
    ]
    findings = [
        finding(
            spec["fid"],
            spec["account_id"],
            severity=spec["severity"],
            department=spec.get("department", "Ruimte"),
            waived=spec["fid"] in waived,
        )
        for spec in specs
    ]
    return make_result(label, findings, accounts)


def statuses(result: AuditResult) -> dict[str, str]:
    return {f.finding_id: f.status.value for f in result.findings}


def test_three_quarters_new_persisting_resolved_and_trend(tmp_path: Path) -> None:
    path = tmp_path / "audit-history.sqlite"
    waiver = {C["fid"]}
    q1 = quarter_result("2026-Q1", [A, B, C, P], (4.0, 2.0, 10.0), waiver)
    q2 = quarter_result("2026-Q2", [A, C, P, D], (4.0, 2.0, None), waiver)
    q3 = quarter_result("2026-Q3", [C, D, E], (1.0, 2.0, 3.0), set())  # waiver expired

    returned = write_answers(
        tmp_path / "audit-2026-Q1" / "audit.xlsx",
        [
            row(A["fid"], "opgelost", "Piet is nu beheerder"),
            row(B["fid"], "Opgelost", "reactietijd verbeterd"),
            row(P["fid"], "in behandeling", "TikTok-account wordt aangevraagd"),
            row("OWN009-onbekend", "opgelost"),
            # the owner deleted C's row
        ],
    )

    with HistoryStore.open(path) as store:
        first = apply_history(q1, store, config_digest="d")
    assert statuses(q1) == {
        A["fid"]: "open",
        B["fid"]: "open",
        C["fid"]: "waived",
        P["fid"]: "open",
    }
    assert first.previous_period is None
    assert first.counts.model_dump() == {
        "new": 0,
        "persisting": 0,
        "resolved": 0,
        "account_closed": 0,
        "gone": 0,
    }
    assert first.responses.answered_period is None

    with HistoryStore.open(path) as store:
        second = apply_history(q2, store, config_digest="d", responses=read_responses([returned]))
    assert statuses(q2) == {
        A["fid"]: "persisting",
        C["fid"]: "waived",
        P["fid"]: "persisting",
        D["fid"]: "new",
    }
    assert second.previous_period == "2026-Q1"
    assert second.counts.model_dump() == {
        "new": 1,
        "persisting": 2,
        "resolved": 1,
        "account_closed": 0,
        "gone": 0,
    }
    [resolved] = second.resolved
    assert resolved.finding_id == B["fid"]
    assert (resolved.check_id, resolved.account_id, resolved.department) == (
        "RSP001",
        "x:jeugd",
        "Sociaal",
    )
    assert resolved.message == said("melding RSP001-jeugd", "message RSP001-jeugd")
    assert resolved.answer.status == "resolved"

    answers = second.responses
    assert answers.answered_period == "2026-Q1"
    assert answers.by_finding[A["fid"]].contradiction is True
    assert answers.by_finding[A["fid"]].comment == "Piet is nu beheerder"
    assert answers.by_finding[P["fid"]].status == "in_progress"
    assert answers.by_finding[P["fid"]].contradiction is False
    assert answers.contradictions == [A["fid"]]
    assert [(u.row, u.finding_id) for u in answers.unmatched] == [(7, "OWN009-onbekend")]
    assert answers.not_returned == [C["fid"]]
    assert answers.counts.model_dump() == {
        "answered": 3,
        "untouched": 0,
        "unmatched": 1,
        "contradictions": 1,
        "disputes": 0,
        "conflicts": 0,
    }

    with HistoryStore.open(path) as store:
        third = apply_history(q3, store, config_digest="d")
        stored_q2 = {f.finding_id: f.status.value for f in store.run("2026-Q2").findings}
    assert stored_q2 == statuses(q2)  # the history keeps new/persisting too
    assert statuses(q3) == {C["fid"]: "persisting", D["fid"]: "persisting", E["fid"]: "new"}
    assert third.counts.model_dump() == {
        "new": 1,
        "persisting": 2,
        "resolved": 2,
        "account_closed": 0,
        "gone": 0,
    }
    assert [r.finding_id for r in third.resolved] == [A["fid"], P["fid"]]  # worst first
    assert third.resolved[0].answer.period == "2026-Q1"
    assert third.responses.by_finding == {}
    assert third.responses.answered_period is None

    assert third.trend.model_dump() == {
        "periods": ["2026-Q1", "2026-Q2", "2026-Q3"],
        "compliance": [0.3333, 0.3333, 0.6667],
        "compliance_by_department": {"Ruimte": [0.5, 0.0, 0.5], "Sociaal": [0.0, 1.0, 1.0]},
        "open_by_severity": {
            "critical": [0, 0, 0],
            "high": [1, 1, 2],
            "medium": [1, 1, 1],
            "low": [1, 1, 0],
            "info": [0, 0, 0],
        },
        "reply_median_business_hours": [4.0, 3.0, 2.0],
    }
    assert q3.history is third
    assert AuditHistory.model_validate_json(third.model_dump_json()) == third
    assert [f["status"] for f in q3.to_json()["findings"]] == ["persisting", "persisting", "new"]


def test_rerunning_a_quarter_gives_the_same_history(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with HistoryStore.open(path) as store:
        apply_history(
            quarter_result("2026-Q1", [A, B], (1.0, 1.0, 1.0), set()), store, config_digest="d"
        )
        once = apply_history(
            quarter_result("2026-Q2", [A, D], (1.0, 1.0, 1.0), set()), store, config_digest="d"
        )
        counts = table_counts(path)
        twice = apply_history(
            quarter_result("2026-Q2", [A, D], (1.0, 1.0, 1.0), set()), store, config_digest="d"
        )
    assert twice == once
    assert table_counts(path) == counts
    assert once.counts.model_dump() == {
        "new": 1,
        "persisting": 1,
        "resolved": 1,
        "account_closed": 0,
        "gone": 0,
    }


def test_answers_without_history_answer_this_audit(tmp_path: Path) -> None:
    returned = write_answers(tmp_path / "audit.xlsx", [row(A["fid"], "opgelost")])
    result = quarter_result("2026-Q1", [A], (1.0, 1.0, 1.0), set())
    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        history = apply_history(
            result, store, config_digest="d", responses=read_responses([returned])
        )
    assert history.responses.answered_period == "2026-Q1"
    assert history.responses.contradictions == [A["fid"]]


def _stored(fid: str, status: FindingStatus) -> StoredFinding:
    base = finding(fid)
    return StoredFinding(
        **base.model_dump(exclude={"fix", "waiver", "status", "message"}),
        message=base.message,
        status=status,
    )


def _previous(*findings: StoredFinding) -> StoredRun:
    return StoredRun(
        period=quarter("2026-Q1"),
        run_at="2026-04-02T09:00:00Z",
        tool_version="0.1.0",
        config_digest="d",
        organisation="Gemeente Zeist",
        inputs=[],
        findings=list(findings),
    )


def test_a_finding_whose_waiver_ended_persists() -> None:
    current = [finding("OWN001-a")]
    result = compare(current, _previous(_stored("OWN001-a", FindingStatus.WAIVED)))
    assert current[0].status is FindingStatus.PERSISTING
    assert result.counts() == HistoryCounts(new=0, persisting=1, resolved=0)


def test_a_finding_waived_now_is_not_resolved() -> None:
    current = [finding("OWN001-a", waived=True)]
    result = compare(current, _previous(_stored("OWN001-a", FindingStatus.PERSISTING)))
    assert current[0].status is FindingStatus.WAIVED
    assert result.counts() == HistoryCounts(new=0, persisting=0, resolved=0)


def test_without_a_previous_audit_nothing_changes() -> None:
    current = [finding("OWN001-a"), finding("OWN002-a", waived=True)]
    result = compare(current, None)
    assert [f.status for f in current] == [FindingStatus.OPEN, FindingStatus.WAIVED]
    assert result.previous_period is None


def test_a_department_pack_s_history_holds_only_that_department(tmp_path: Path) -> None:
    q1 = quarter_result("2026-Q1", [A, B, C, P], (4.0, 2.0, 10.0), {C["fid"]})
    jeugd = next(f for f in q1.findings if f.finding_id == B["fid"])
    # Sociaal's finding names Ruimte's account: its pack must not show that name.
    # Sociaal's finding names Ruimte's account; the history keeps that reference with its
    # department, so the pack can hide it after the round trip through the history.
    jeugd.message = Message(
        "activity.account_not_in_exports",
        account=AccountRef(account_id="x:sport", department="Ruimte"),
    )
    returned = write_answers(
        tmp_path / "audit.xlsx",
        [
            row(A["fid"], "opgelost", "Piet is nu beheerder"),
            row(B["fid"], "opgelost", "afgestemd met sport"),
            row("OWN009-onbekend", "opgelost"),
        ],
    )
    q2 = quarter_result("2026-Q2", [A, C, P, D], (4.0, 2.0, None), {C["fid"]})
    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        apply_history(q1, store, config_digest="d")
        full = apply_history(q2, store, config_digest="d", responses=read_responses([returned]))
    assert [r.finding_id for r in full.resolved] == [B["fid"]]
    assert set(full.responses.by_finding) == {A["fid"]}

    packs = department_results(q2)
    ruimte, sociaal = packs["Ruimte"].history, packs["Sociaal"].history

    assert ruimte.resolved == []
    assert list(ruimte.responses.by_finding) == [A["fid"]]
    assert ruimte.responses.by_finding[A["fid"]].file is None  # the organisation's workbook
    assert ruimte.responses.contradictions == [A["fid"]]
    assert ruimte.counts == HistoryCounts(new=1, persisting=1, resolved=0)  # D new, A persisting

    [resolved] = sociaal.resolved
    assert (resolved.finding_id, resolved.account_id) == (B["fid"], "x:jeugd")
    assert resolved.message("nl") == (
        "[andere afdeling]: komt in geen enkele export voor; de activiteit wordt niet beoordeeld"
    )
    assert "sport" not in resolved.message("en")
    # The comment is the department's own owner's answer to its own finding: shown as written.
    assert resolved.answer.comment == "afgestemd met sport"
    assert sociaal.responses.by_finding == {}
    assert sociaal.counts == HistoryCounts(new=0, persisting=0, resolved=1)

    for name, pack in packs.items():
        history = pack.history
        assert history.trend.periods == full.trend.periods
        assert history.trend.compliance == full.trend.compliance_by_department[name]
        # Nothing of the whole organisation: other departments' series, file names, rows.
        assert history.trend.compliance_by_department == {}
        assert history.trend.open_by_severity == {}
        assert history.trend.reply_median_business_hours == []
        assert history.responses.files == []
        assert history.responses.unmatched == []
        assert history.responses.not_returned == []
        assert history.responses.counts.untouched is None
        assert history.responses.answered_period == "2026-Q1"
        assert history.responses.conflicts == []
        assert history.responses.counts.conflicts is None


def test_two_workbooks_that_answer_one_finding_differently_are_a_conflict(tmp_path: Path) -> None:
    overview = write_answers(
        tmp_path / "audit.xlsx",
        [row(A["fid"], "in behandeling", "Communicatie pakt het op"), row("OWN009-x", "open", "?")],
    )
    ruimte = write_answers(
        tmp_path / "ruimte.xlsx",
        [row(A["fid"], "opgelost", "Piet is nu beheerder"), row("OWN009-x", "opgelost")],
    )
    q1 = quarter_result("2026-Q1", [A, D], (1.0, 1.0, 1.0), set())
    q2 = quarter_result("2026-Q2", [A, D], (1.0, 1.0, 1.0), set())
    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        apply_history(q1, store, config_digest="d")
        history = apply_history(
            q2, store, config_digest="d", responses=read_responses([overview, ruimte])
        )
    # Only findings of the audit answered: the unknown id is unmatched, not a conflict.
    [conflict] = history.responses.conflicts
    assert conflict.finding_id == A["fid"]
    assert [(a.file, a.status.value, a.comment) for a in conflict.answers] == [
        ("audit.xlsx", "in_progress", "Communicatie pakt het op"),
        ("ruimte.xlsx", "resolved", "Piet is nu beheerder"),
    ]
    assert history.responses.counts.conflicts == 1
    assert history.responses.by_finding[A["fid"]].comment == "Piet is nu beheerder"  # the last
    assert conflict.as_message()("en") == (
        f"{A['fid']} is answered differently in audit.xlsx › Bevindingen › row 4 and "
        "ruimte.xlsx › Bevindingen › row 4; the answer in ruimte.xlsx › Bevindingen › row 4 "
        "counts (the last one read)"
    )
    # The pack may not name another department's workbook: no conflicts there.
    assert department_results(q2)["Ruimte"].history.responses.conflicts == []
