"""The published shape of `findings.json`: pydantic models whose JSON Schema ships with the
package (`auditor/findings.schema.json`, printed by `auditor schema`).

The models describe the file, they do not make it (`AuditResult.to_json` does); a test checks
that what the audit writes validates against them and that the shipped schema is theirs.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.engine import registry
from auditor.models import FindingStatus, Severity

SCHEMA_FILE = "findings.schema.json"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PeriodOut(_Strict):
    label: str
    start: str = Field(description="first day, ISO date")
    end: str = Field(description="last day (inclusive), ISO date")


class RejectedOut(_Strict):
    row: int
    reason: str = Field(description="why the row was not used, in the report's language")


class InputOut(_Strict):
    """What became of every row of one input file: read = used + duplicate + rejected."""

    path: str
    format: str
    sha256: str
    rows_read: int
    rows_used: int
    rows_duplicate: int
    rows_rejected: int
    rejected: list[RejectedOut]
    note: str | None = Field(description="how the file was attributed, when its rows do not say")


class AccountOut(_Strict):
    account_id: str
    platform: str
    type: str | None
    department: str | None
    status: str | None
    metrics: dict[str, Any]


class WaiverOut(_Strict):
    reason: str | None
    approved_by: str | None
    until: str | None


class FindingOut(_Strict):
    finding_id: str = Field(description="stable across runs for the same check, account, subject")
    check_id: str
    severity: Severity
    account_id: str | None = Field(description="null for a finding about a platform (REG001)")
    platform: str | None
    department: str | None
    status: FindingStatus
    message: str = Field(description="the sentence, in the report's language")
    message_key: str = Field(description="the catalogue entry the message was rendered from")
    message_params: dict[str, Any] = Field(
        description="the typed values the message was made from: numbers, ISO dates, lists, "
        "accounts by id, people by name, nested messages as {key, params}"
    )
    evidence: dict[str, Any]
    fix: str
    subject: str | None = None
    waiver: WaiverOut | None = None


class SkippedOut(_Strict):
    check_id: str
    reason: str


class SummaryOut(_Strict):
    accounts: int
    findings: int = Field(description="open findings (waived ones not counted)")
    waived: int
    by_severity: dict[str, int]


class FindingsFile(_Strict):
    """`findings.json`, as SPEC.md describes it; `history` only when the audit has one."""

    schema_: Literal["auditor.findings/1"] = Field(alias="schema")
    tool_version: str
    period: PeriodOut
    inputs: list[InputOut]
    accounts: list[AccountOut]
    findings: list[FindingOut]
    skipped: list[SkippedOut]
    history: dict[str, Any] | None = None
    summary: SummaryOut


def json_schema() -> dict[str, Any]:
    schema = FindingsFile.model_json_schema(by_alias=True)
    _add_evidence(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "auditor.findings/1"
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _add_evidence(schema: dict[str, Any]) -> None:
    """Each check's evidence model, and a rule that a finding of that check carries it."""
    defs = schema["$defs"]
    rules = []
    for check_id, check in registry().items():
        evidence = check.meta.evidence.model_json_schema(
            mode="serialization", ref_template="#/$defs/{model}"
        )
        defs.update(evidence.pop("$defs", {}))
        name = f"{check_id}Evidence"
        defs[name] = evidence
        rules.append(
            {
                "if": {"properties": {"check_id": {"const": check_id}}},
                "then": {"properties": {"evidence": {"$ref": f"#/$defs/{name}"}}},
            }
        )
    defs["FindingOut"]["allOf"] = rules
