"""What one audit produced: the source of `findings.json`, the reports and the history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from auditor.activity.frame import LedgerEntry
from auditor.history_model import AuditHistory
from auditor.identity import handle_shown
from auditor.messages import DEFAULT_LANG, Message
from auditor.models import Finding, Period, Severity, Skipped

SCHEMA = "auditor.findings/1"


class AccountResult(BaseModel):
    """One account as the reports show it: register facts plus the period's metrics."""

    account_id: str
    platform: str
    handle: str
    channel_id: str | None = None  # a YouTube channel's id as the register writes it
    handle_as_written: str | None = None  # `RijnwoudeNL`, where the register spells it so
    display_name: str | None = None
    type: str | None = None
    department: str | None = None
    status: str | None = None
    owner_name: str | None = None
    owner_email: str | None = None
    substitute_name: str | None = None
    substitute_email: str | None = None
    # Gone by the end of the period according to the staff list (as OWN004 judges): the
    # reports then address whoever stands in.
    owner_left: bool = False
    substitute_left: bool = False
    registered: bool = True
    # The ids the account had before it was renamed (`Account (oud)`): its findings of then
    # are its findings now, not fixed and new.
    former_ids: list[str] = Field(default_factory=list)
    metrics: dict[str, Any] = Field(default_factory=dict)

    @property
    def shown_handle(self) -> str:
        """`@gemeentezeist`; a YouTube channel's id as written, without @ (`UCabc…`)."""
        return handle_shown(self.platform, self.handle, self.channel_id, self.handle_as_written)


class DepartmentResult(BaseModel):
    name: str
    slug: str
    manager_name: str | None = None
    manager_email: str | None = None


class AuditResult(BaseModel):
    tool_version: str
    generated_at: dt.datetime
    lang: str = DEFAULT_LANG  # a catalogue's language (auditor.messages.languages())
    organisation: str
    # The department the reports send readers to (`[organisation] communications_department`).
    communications_department: str = "Communicatie"
    # The customer contact centre the checks' sentences name (`[organisation] kcc`).
    kcc: str = "KCC"
    period: Period
    inputs: list[LedgerEntry]
    accounts: list[AccountResult]
    departments: list[DepartmentResult]
    findings: list[Finding]
    skipped: list[Skipped]
    problems: list[Message] = Field(default_factory=list)  # warnings met while reading inputs
    history: AuditHistory | None = None  # filled by the quarterly cycle (auditor.compare)
    answer_due: dt.date | None = None  # owners answer by this day (`[reports] answer_within_days`)

    def findings_for(self, check_id: str) -> list[Finding]:
        return [f for f in self.findings if f.check_id == check_id]

    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.status != "waived"]

    def by_severity(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.open_findings():
            counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
        return {s.value: counts[s.value] for s in reversed(Severity) if s.value in counts}

    def to_json(self) -> dict[str, Any]:
        """`findings.json` exactly as SPEC.md describes it."""
        lang = str(self.lang)
        return {
            "schema": SCHEMA,
            "tool_version": self.tool_version,
            "period": {
                "label": self.period.label,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "inputs": [_ledger_json(entry, lang) for entry in self.inputs],
            "accounts": [
                {
                    "account_id": a.account_id,
                    "platform": a.platform,
                    "type": a.type,
                    "department": a.department,
                    "status": a.status,
                    "metrics": a.metrics,
                }
                for a in self.accounts
            ],
            "findings": [f.to_json(lang) for f in self.findings],
            "skipped": [{"check_id": s.check_id, "reason": s.reason(lang)} for s in self.skipped],
            **({"history": self.history.to_json(lang)} if self.history is not None else {}),
            "summary": {
                "accounts": len([a for a in self.accounts if a.registered]),
                "findings": len(self.open_findings()),
                "waived": len(self.findings) - len(self.open_findings()),
                "by_severity": self.by_severity(),
            },
        }


def _ledger_json(entry: LedgerEntry, lang: str) -> dict[str, Any]:
    """A ledger entry with each rejected row's reason in the report's language, as a finding's
    message is."""
    data = entry.model_dump()
    data["note"] = entry.note(lang) if entry.note is not None else None
    for row, rejected in zip(data["rejected"], entry.rejected, strict=True):
        row["reason"] = rejected.as_message()(lang)
    return data
