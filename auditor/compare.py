"""The quarterly comparison: what is new, what persists, what was fixed — and owners' answers.

`apply_history(result, store, config_digest=..., responses=...)` does the whole cycle for one
audit: compares with the previous stored audit (setting each finding's status), stores the
owners' answers and this audit, and fills `AuditResult.history` with this JSON-able dict,
which the reports read:

```
{
  "previous_period": "2026-Q2" | null,     # the audit compared with; null: first audit
  "counts": {"new": 3, "persisting": 5, "resolved": 2},
  "resolved": [                            # open last time, gone now; worst first
    {"finding_id": "OWN002-…", "check_id": "OWN002", "severity": "high",
     "account_id": "x:project-a" | null, "platform": "x" | null, "department": "Ruimte" | null,
     "subject": null, "message": {"nl": "…", "en": "…"},   # the message of last time
     "answer": {…} | null}                 # the owner's answer to it, shape as below
  ],
  "trend": {                               # oldest first, this audit last; one value a period
    "periods": ["2026-Q1", "2026-Q2", "2026-Q3"],
    "compliance": [0.6, 0.7, 0.8],         # share of active registered accounts without an
                                           # open finding; null when no such account
    "compliance_by_department": {"Ruimte": [0.5, null, 1.0]},   # "" = no department
    "open_by_severity": {"critical": [0, 0, 0], "high": [2, 1, 0], …, "info": [0, 0, 0]},
    "reply_median_business_hours": [3.5, null, 2.0]   # median over accounts of their medians
  },
  "responses": {
    "answered_period": "2026-Q2" | null,   # the audit the given workbooks answered; null: none
    "files": ["…/audit.xlsx"],
    "by_finding": {                        # per current finding, its latest answer
      "OWN002-…": {"status": "resolved",   # open | in_progress | resolved | waiver_requested
                   "comment": "…" | null, "period": "2026-Q2",
                   "file": "…", "sheet": "Bevindingen", "row": 7,
                   "contradiction": true}  # marked resolved by the owner, still failing
    },
    "contradictions": ["OWN002-…"],
    "unmatched": [{"file": "…", "sheet": "…", "row": 9, "finding_id": "…" | null,
                   "status": "…" | null, "reason": "…"}],
    "not_returned": ["…"],                 # findings of the answered audit with no row
    "counts": {"answered": 4, "untouched": 10, "unmatched": 1, "contradictions": 1}
  }
}
```

Statuses: with a previous audit, a current finding that is not waived becomes `persisting` when
its finding_id was in the previous audit (whatever its status there), else `new`; waived stays
waived. Without a previous audit nothing changes (`open`). A previous finding that was not waived
and whose finding_id is absent now is `resolved`; one that is waived now is still failing, so
it is not resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.history import HistoryStore, StoredAnswer, StoredFinding, StoredRun, Trend
from auditor.models import Finding, FindingStatus, Period
from auditor.responses import OwnerStatus, ResponsesLoad
from auditor.result import AuditResult

TREND_PERIODS = 8


@dataclass
class Comparison:
    previous_period: str | None
    new: list[str] = field(default_factory=list)
    persisting: list[str] = field(default_factory=list)
    resolved: list[StoredFinding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "persisting": len(self.persisting),
            "resolved": len(self.resolved),
        }


def compare(findings: list[Finding], previous: StoredRun | None) -> Comparison:
    """Mark each current finding new or persisting (in place) and list the resolved ones."""
    if previous is None:
        return Comparison(previous_period=None)
    before = {f.finding_id for f in previous.findings}
    now = {f.finding_id for f in findings}
    comparison = Comparison(previous_period=previous.period.label)
    for finding in findings:
        if finding.status is FindingStatus.WAIVED:
            continue
        if finding.finding_id in before:
            finding.status = FindingStatus.PERSISTING
            comparison.persisting.append(finding.finding_id)
        else:
            finding.status = FindingStatus.NEW
            comparison.new.append(finding.finding_id)
    comparison.resolved = sorted(
        (
            f
            for f in previous.findings
            if f.status is not FindingStatus.WAIVED and f.finding_id not in now
        ),
        key=lambda f: (-f.severity.rank, f.check_id, f.account_id or "", f.subject or ""),
    )
    return comparison


def answers_section(
    findings: list[Finding],
    latest: dict[str, StoredAnswer],
    load: ResponsesLoad | None,
    answered_period: str | None,
) -> dict[str, Any]:
    """The `responses` part of the history dict: latest answers to the current findings."""
    by_finding: dict[str, dict[str, Any]] = {}
    for finding in findings:
        answer = latest.get(finding.finding_id)
        if answer is None:
            continue
        still_failing = finding.status is not FindingStatus.WAIVED
        by_finding[finding.finding_id] = {
            **_answer_json(answer),
            "contradiction": answer.status == OwnerStatus.RESOLVED and still_failing,
        }
    contradictions = [fid for fid, a in by_finding.items() if a["contradiction"]]
    unmatched = [u.model_dump(mode="json") for u in load.unmatched] if load else []
    return {
        "answered_period": answered_period,
        "files": list(load.files) if load else [],
        "by_finding": by_finding,
        "contradictions": contradictions,
        "unmatched": unmatched,
        "not_returned": list(load.not_returned) if load else [],
        "counts": {
            "answered": len(load.answers) if load else 0,
            "untouched": load.untouched if load else 0,
            "unmatched": len(unmatched),
            "contradictions": len(contradictions),
        },
    }


def history_dict(
    comparison: Comparison,
    trend: Trend,
    responses: dict[str, Any],
    latest: dict[str, StoredAnswer],
) -> dict[str, Any]:
    return {
        "previous_period": comparison.previous_period,
        "counts": comparison.counts(),
        "resolved": [
            {
                "finding_id": f.finding_id,
                "check_id": f.check_id,
                "severity": f.severity.value,
                "account_id": f.account_id,
                "platform": f.platform,
                "department": f.department,
                "subject": f.subject,
                "message": {"nl": f.message.nl, "en": f.message.en},
                "answer": _answer_json(latest[f.finding_id]) if f.finding_id in latest else None,
            }
            for f in comparison.resolved
        ],
        "trend": trend.model_dump(mode="json"),
        "responses": responses,
    }


def apply_history(
    result: AuditResult,
    store: HistoryStore,
    *,
    config_digest: str,
    responses: ResponsesLoad | None = None,
    trend_periods: int = TREND_PERIODS,
) -> dict[str, Any]:
    """Compare with the previous audit, store answers and this audit, fill `result.history`.

    The given answers are taken to answer the previous stored audit (the report owners had);
    with no previous audit, they answer this one. Findings' statuses are set before the audit
    is stored, so the history keeps new/persisting too.
    """
    previous = store.previous_run(result.period)
    comparison = compare(result.findings, previous)

    answered: Period | None = None
    if responses is not None:
        answered = previous.period if previous else result.period
        known = previous.findings if previous else result.findings
        responses = responses.match((f.finding_id for f in known), answered.label)
        store.record_responses(responses.answers.values(), answered)

    store.record(result, config_digest)
    latest = store.responses(up_to=result.period)
    section = answers_section(
        result.findings, latest, responses, answered.label if answered else None
    )
    trend = store.trend(last=trend_periods, up_to=result.period)
    result.history = history_dict(comparison, trend, section, latest)
    return result.history


def _answer_json(answer: StoredAnswer) -> dict[str, Any]:
    return {
        "status": answer.status,
        "comment": answer.comment,
        "period": answer.period,
        "file": answer.source,
        "sheet": answer.sheet,
        "row": answer.row,
    }
