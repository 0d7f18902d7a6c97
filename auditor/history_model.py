"""The quarterly comparison as data: built by `auditor.compare`, narrowed for a department pack
by `auditor.reports.scope`, read by the reports, and shown in `findings.json` by `to_json`.

Every part has a default, so a history that a department pack narrows keeps its type: what the
pack may not see (the organisation's other series, the workbooks' names, rows that matched
nothing) is left empty or None rather than removed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from auditor.messages import StoredMessage
from auditor.models import FindingRef
from auditor.responses import AnswerConflict, UnmatchedAnswer


class Trend(BaseModel):
    """Per period, oldest first; every list has one value per entry of `periods`, except the
    series a department pack leaves empty."""

    periods: list[str]
    # Share of active registered accounts without an open finding; None: no such account.
    compliance: list[float | None]
    compliance_by_department: dict[str, list[float | None]] = Field(default_factory=dict)
    open_by_severity: dict[str, list[int]] = Field(default_factory=dict)
    # The median over accounts of their median reply time.
    reply_median_business_hours: list[float | None] = Field(default_factory=list)


class Answer(BaseModel):
    """An owner's answer to a finding, and the returned workbook row it came from."""

    # An OwnerStatus value; kept as the text stored, so a history written by another version
    # still reads.
    status: str
    comment: str | None = None
    period: str  # the audit it answered
    file: str | None = None  # None in a department pack: it may be another department's file
    sheet: str
    row: int


class CurrentAnswer(Answer):
    """The latest answer to a finding of this audit."""

    contradiction: bool = False  # marked resolved by the owner, still failing
    disputed: bool = False  # held wrong by the owner, still failing: Communicatie decides


class ResolvedFinding(FindingRef):
    """A finding open in the previous audit and gone now."""

    message: StoredMessage  # the message of last time, rendered in the report's language
    answer: Answer | None = None
    # The register marks the account closed now: the finding ended with the account, which
    # readers must not take for a fix.
    account_closed: bool = False


class HistoryCounts(BaseModel):
    new: int = 0
    persisting: int = 0
    resolved: int = 0
    # Of the resolved, those of an account the register now marks closed.
    account_closed: int = 0
    # Findings of accounts the register held last time and holds no more: gone, not fixed.
    gone: int = 0


class AnswerCounts(BaseModel):
    answered: int = 0
    # Rows over every returned workbook: None in a department pack, which holds one department.
    untouched: int | None = None
    unmatched: int | None = None
    contradictions: int = 0
    disputes: int = 0
    # Findings answered differently in several rows: None in a department pack, as above.
    conflicts: int | None = None


class Responses(BaseModel):
    answered_period: str | None = None  # the audit the given workbooks answered; None: none
    files: list[str] = Field(default_factory=list)
    by_finding: dict[str, CurrentAnswer] = Field(default_factory=dict)
    unmatched: list[UnmatchedAnswer] = Field(default_factory=list)
    not_returned: list[str] = Field(default_factory=list)  # findings answered by no row
    # Findings answered differently in several rows, with every answer; empty in a department
    # pack, as the rows may be in another department's workbook.
    conflicts: list[AnswerConflict] = Field(default_factory=list)
    counts: AnswerCounts = Field(default_factory=AnswerCounts)

    @property
    def contradictions(self) -> list[str]:
        """The findings marked resolved by their owner that the check still finds."""
        return [fid for fid, answer in self.by_finding.items() if answer.contradiction]

    @property
    def disputes(self) -> list[str]:
        """The findings their owner holds wrong that the check still finds."""
        return [fid for fid, answer in self.by_finding.items() if answer.disputed]


class AuditHistory(BaseModel):
    """What changed since the previous audit, the trend, and owners' answers."""

    previous_period: str | None = None  # None: the first audit in the history
    counts: HistoryCounts = Field(default_factory=HistoryCounts)
    resolved: list[ResolvedFinding] = Field(default_factory=list)  # worst first
    # Open last time on an account the register no longer holds (removed, not marked closed):
    # whether it was fixed cannot be told.
    gone: list[ResolvedFinding] = Field(default_factory=list)
    trend: Trend
    responses: Responses = Field(default_factory=Responses)

    def to_json(self, lang: str) -> dict[str, Any]:
        """The `history` object of findings.json (an addition to SPEC), without the owners'
        answers; a resolved finding's message is in the report's language, as a current
        finding's is."""
        return {
            "previous_period": self.previous_period,
            "counts": self.counts.model_dump(),
            "resolved": [
                {
                    **r.ref_json(),
                    "subject": r.subject,
                    "message": r.message(lang),
                    "account_closed": r.account_closed,
                }
                for r in self.resolved
            ],
            "gone": [
                {**r.ref_json(), "subject": r.subject, "message": r.message(lang)}
                for r in self.gone
            ],
            "trend": self.trend.model_dump(mode="json"),
        }
