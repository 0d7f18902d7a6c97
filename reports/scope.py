"""What each report may contain: slugs for file names, and the department pack's scope.

A department pack is built from what that department may see, not cut from the whole: its own
registered accounts; their findings with only the evidence fields each check declares shared
(`CheckMeta.shared`); and every account or person a message or evidence refers to
(`AccountRef`, `PersonRef`) replaced by `Hidden` when it belongs elsewhere, before any sentence
is rendered. A field or a reference nobody thought of stays out, because nothing is shown that
was not let in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditor.checks.consolidation import (
    fix_seen_from_another_department,
    seen_from_another_department,
)
from auditor.engine import CheckMeta, registry
from auditor.history_model import (
    AnswerCounts,
    AuditHistory,
    CurrentAnswer,
    HistoryCounts,
    ResolvedFinding,
    Responses,
    Trend,
)
from auditor.messages import STORED_TEXT, AccountRef, Hidden, Message, PersonRef, has, map_values
from auditor.models import Finding, FindingRef
from auditor.result import AccountResult, AuditResult, DepartmentResult
from auditor.slugs import slugify


def unique_slugs(names: Iterable[str], fallback: str = "onbekend") -> dict[str, str]:
    """One slug per name; two names that slug alike get -2, -3 so no pack overwrites another."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        if name in slugs:
            continue
        base = slugify(name)
        base = fallback if base == "onbekend" and not name.strip() else base
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def departments(result: AuditResult) -> list[DepartmentResult]:
    """The register's departments plus any department named only on an account."""
    known = {d.name for d in result.departments}
    extra = sorted({a.department for a in result.accounts if a.registered and a.department} - known)
    listed = [*result.departments, *(DepartmentResult(name=n, slug="") for n in extra)]
    slugs = unique_slugs((d.slug or d.name for d in listed), fallback="afdeling")
    return [d.model_copy(update={"slug": slugs[d.slug or d.name]}) for d in listed]


def department_results(
    result: AuditResult, checks: dict[str, CheckMeta] | None = None
) -> dict[str, AuditResult]:
    """Every department's pack, by department name; `checks` (id → metadata, by default the
    registry's) say which evidence fields each check shares."""
    shared = _shared(checks)
    # Grouped once, so the packs together cost what the audit holds, not that times the
    # number of departments.
    accounts: dict[str | None, list[AccountResult]] = {}
    for account in result.accounts:
        if account.registered:
            accounts.setdefault(account.department, []).append(account)
    home = {a.account_id: a.department for a in result.accounts if a.registered}
    findings: dict[str | None, list[Finding]] = {}
    for finding in result.findings:
        if finding.account_id in home:
            findings.setdefault(home[finding.account_id], []).append(finding)
    return {
        d.name: department_result(
            result, d, shared, accounts.get(d.name, []), findings.get(d.name, [])
        )
        for d in departments(result)
    }


def _shared(checks: dict[str, CheckMeta] | None) -> dict[str, tuple[str, ...]]:
    if checks is None:
        checks = {check_id: check.meta for check_id, check in registry().items()}
    return {check_id: meta.shared for check_id, meta in checks.items()}


def department_result(
    result: AuditResult,
    department: DepartmentResult,
    shared: dict[str, tuple[str, ...]] | None = None,
    own: list[AccountResult] | None = None,
    own_findings: list[Finding] | None = None,
) -> AuditResult:
    """The audit as one department's manager may see it: its own accounts and nothing else.

    Platform findings (REG001) and unregistered accounts belong to Communicatie's overview.
    The input ledger names every file and rejected row of the whole organisation, so it stays
    out; the history is cut down to this department's findings and compliance.
    """
    if shared is None:
        shared = _shared(None)
    view = _View(department.name, shared)
    if own is None:
        own = [a for a in result.accounts if a.registered and a.department == department.name]
    own_ids = {a.account_id for a in own}
    if own_findings is None:
        own_findings = [f for f in result.findings if f.account_id in own_ids]
    findings = [view.finding(f) for f in own_findings]
    return AuditResult(
        tool_version=result.tool_version,
        generated_at=result.generated_at,
        lang=result.lang,
        organisation=result.organisation,
        communications_department=result.communications_department,
        kcc=result.kcc,
        period=result.period,
        inputs=[],
        accounts=own,
        departments=[department],
        findings=findings,
        skipped=[
            s.model_copy(update={"reason": _for_a_manager(view.message(s.reason), result)})
            for s in result.skipped
        ],
        problems=[],
        history=_department_history(result.history, department.name, own_ids, findings, view),
        answer_due=result.answer_due,
    )


class _View:
    """What one department may see of a finding, a message or a value."""

    def __init__(self, department: str, shared: dict[str, tuple[str, ...]]):
        self.department = department
        self.shared = shared

    def value(self, value: Any) -> Any:
        return map_values(value, self._narrow)

    def _narrow(self, value: Any) -> Any:
        if isinstance(value, AccountRef) and value.department != self.department:
            return Hidden(kind="account")
        if isinstance(value, PersonRef) and value.department != self.department:
            return Hidden(kind="person")
        return value

    def message(self, message: Message, check_id: str | None = None) -> Message:
        if message.key == STORED_TEXT and check_id is not None:
            # A sentence an older version recorded as text has no references to hide: the
            # pack names the check instead.
            return Message(f"{check_id}.title")
        return seen_from_another_department(message.map(self._narrow))

    def evidence(self, check_id: str, evidence: dict[str, Any]) -> dict[str, Any]:
        allowed = self.shared.get(check_id, ())
        return {key: self.value(evidence[key]) for key in allowed if key in evidence}

    def finding(self, finding: Finding) -> Finding:
        message = self.message(finding.message)
        return Finding(
            **_naming(finding),
            status=finding.status,
            message=message,
            evidence=self.evidence(finding.check_id, finding.evidence),
            fix=fix_seen_from_another_department(message, self.message(finding.fix)),
            # The department's own waiver, with who approved it (a manager, often of another
            # department, approving is part of the waiver).
            waiver=finding.waiver,
        )


def _for_a_manager(reason: Message, result: AuditResult) -> Message:
    """Why a check did not run, as a department's pack says it: what was missing, and who can
    supply it. How (an option, a setting, a column) is for whoever runs the audit, whom the
    overview tells; the catalogue's `…_in_pack` sentence where it has one."""
    key = f"{reason.key}_in_pack"
    if not has(key):
        return reason
    return Message(key, **reason.params, team=result.communications_department)


def _naming(finding: FindingRef) -> dict[str, Any]:
    """What names a finding, for its copy in a pack. A subject tells two findings on one
    account apart and may name another account: it stays out."""
    return {name: getattr(finding, name) for name in FindingRef.model_fields if name != "subject"}


def _department_history(
    history: AuditHistory | None,
    name: str,
    own_ids: set[str],
    findings: list[Finding],
    view: _View,
) -> AuditHistory | None:
    """The quarterly comparison as far as it concerns this department's accounts, built anew
    field by field, so a series or a list the organisation's history gains later reaches no
    pack until it is let in here."""
    if history is None:
        return None
    resolved = [
        ResolvedFinding(
            **_naming(entry),
            message=view.message(entry.message, entry.check_id),
            answer=entry.answer.model_copy(update={"file": None}) if entry.answer else None,
            account_closed=entry.account_closed,
        )
        for entry in history.resolved
        if entry.account_id in own_ids
    ]
    statuses = [f.status.value for f in findings]
    finding_ids = {f.finding_id for f in findings}
    answers = {
        # The file an answer came from may be another department's workbook.
        fid: CurrentAnswer.model_validate({**answer.model_dump(), "file": None})
        for fid, answer in history.responses.by_finding.items()
        if fid in finding_ids
    }
    # The department's answers to the audit answered, as the overview counts that audit's:
    # those to findings fixed since too (they counted only the findings still open).
    period = history.responses.answered_period
    answered = sum(a.period == period for a in answers.values()) + sum(
        r.answer is not None and r.answer.period == period for r in resolved
    )
    own_compliance = history.trend.compliance_by_department.get(name)
    return AuditHistory(
        previous_period=history.previous_period,
        counts=HistoryCounts(
            new=statuses.count("new"),
            persisting=statuses.count("persisting"),
            resolved=len(resolved),
            account_closed=sum(entry.account_closed for entry in resolved),
        ),
        resolved=resolved,
        trend=Trend(
            periods=list(history.trend.periods),
            compliance=list(own_compliance or [None] * len(history.trend.periods)),
        ),
        responses=Responses(
            answered_period=history.responses.answered_period,
            by_finding=answers,
            counts=AnswerCounts(
                answered=answered,
                contradictions=sum(a.contradiction for a in answers.values()),
                disputes=sum(a.disputed for a in answers.values()),
            ),
        ),
    )
