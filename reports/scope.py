"""What each report may contain: slugs for file names, and the department pack's scope.

A department pack is the full audit result cut down to one department. Cutting the result
(instead of filtering in templates) makes isolation structural: a template cannot show what
it was never given. Check messages may still name another account (a consolidation
candidate, say), so every text left in the pack is also scrubbed of other departments' names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from auditor.models import Finding, Skipped, Text
from auditor.result import AccountResult, AuditResult, DepartmentResult
from auditor.slugs import slugify

REDACTED = Text(nl="[andere afdeling]", en="[other department]")
# Shorter tokens would match ordinary words; no real handle, name or address is that short.
_MIN_TOKEN = 3


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


def owners(accounts: Iterable[AccountResult]) -> dict[str, str]:
    """Owner name → slug, for every owner of a registered account."""
    names = sorted({a.owner_name for a in accounts if a.registered and a.owner_name})
    return unique_slugs(names, fallback="beheerder")


def _tokens(accounts: Iterable[AccountResult], depts: Iterable[DepartmentResult]) -> set[str]:
    tokens: set[str] = set()
    for a in accounts:
        tokens.update((a.account_id, a.handle, f"@{a.handle}", a.display_name or ""))
        tokens.update((a.owner_name or "", a.owner_email or "", a.substitute_name or ""))
    for d in depts:
        # Department names stay (check messages name Communicatie and the KCC by role), and
        # so do managers' names: a manager approves waivers for other departments too.
        tokens.add(d.manager_email or "")
    return {t.strip() for t in tokens if t and len(t.strip()) >= _MIN_TOKEN}


class Redactor:
    """Replaces names of other departments' accounts and people in free text."""

    def __init__(self, foreign: set[str], own: set[str]):
        tokens = sorted(
            (t for t in foreign if t.casefold() not in {o.casefold() for o in own}),
            key=len,
            reverse=True,
        )
        self._pattern = (
            re.compile(
                r"(?<![\w@.-])@?(?:" + "|".join(re.escape(t) for t in tokens) + r")(?![\w-])",
                re.IGNORECASE,
            )
            if tokens
            else None
        )

    def text(self, value: str, lang: str) -> str:
        if self._pattern is None:
            return value
        return self._pattern.sub(REDACTED(lang), value)

    def bilingual(self, value: Text) -> Text:
        return Text(nl=self.text(value.nl, "nl"), en=self.text(value.en, "en"))

    def any(self, value: Any, lang: str) -> Any:
        if isinstance(value, str):
            return self.text(value, lang)
        if isinstance(value, dict):
            return {k: self.any(v, lang) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.any(v, lang) for v in value]
        return value


def department_result(result: AuditResult, department: DepartmentResult) -> AuditResult:
    """The audit as one department's manager may see it: its own accounts and nothing else.

    Platform findings (REG001) and unregistered accounts belong to Communicatie's overview.
    The input ledger names every file and rejected row of the whole organisation, so it stays
    out; the history is cut down to this department's findings and compliance.
    """
    own = [a for a in result.accounts if a.registered and a.department == department.name]
    own_ids = {a.account_id for a in own}
    others = [a for a in result.accounts if a.account_id not in own_ids]
    other_depts = [d for d in result.departments if d.name != department.name]
    redactor = Redactor(_tokens(others, other_depts), _tokens(own, [department]))

    findings = [
        _redacted_finding(f, redactor, result.lang)
        for f in result.findings
        if f.account_id is not None and f.account_id in own_ids
    ]
    skipped = [
        Skipped(check_id=s.check_id, reason=redactor.bilingual(s.reason)) for s in result.skipped
    ]
    return result.model_copy(
        update={
            "accounts": own,
            "departments": [department],
            "findings": findings,
            "skipped": skipped,
            "inputs": [],
            "problems": [],
            "history": _department_history(
                result.history, department.name, own_ids, findings, redactor, result.lang
            ),
        }
    )


def _department_history(
    history: dict[str, Any] | None,
    name: str,
    own_ids: set[str],
    findings: list[Finding],
    redactor: Redactor,
    lang: str,
) -> dict[str, Any] | None:
    """The quarterly comparison as far as it concerns this department's accounts."""
    if not history:
        return None
    trend = history.get("trend") or {}
    resolved = [
        redactor.any(entry, lang)
        for entry in history.get("resolved") or []
        if entry.get("account_id") in own_ids
    ]
    statuses = [f.status.value for f in findings]
    responses = history.get("responses") or {}
    finding_ids = {f.finding_id for f in findings}
    answers = {
        fid: {k: v for k, v in answer.items() if k != "file"}  # another department's file name
        for fid, answer in (responses.get("by_finding") or {}).items()
        if fid in finding_ids
    }
    contradictions = [fid for fid, answer in answers.items() if answer.get("contradiction")]
    return {
        "previous_period": history.get("previous_period"),
        "counts": {
            "new": statuses.count("new"),
            "persisting": statuses.count("persisting"),
            "resolved": len(resolved),
        },
        "resolved": resolved,
        "trend": {
            "periods": list(trend.get("periods") or []),
            "compliance": list((trend.get("compliance_by_department") or {}).get(name) or []),
        },
        "responses": {
            "answered_period": responses.get("answered_period"),
            "by_finding": redactor.any(answers, lang),
            "contradictions": contradictions,
            "counts": {"answered": len(answers), "contradictions": len(contradictions)},
        },
    }


def owner_accounts(result: AuditResult, owner: str) -> list[AccountResult]:
    return [a for a in result.accounts if a.registered and a.owner_name == owner]


def _redacted_finding(finding: Finding, redactor: Redactor, lang: str) -> Finding:
    return finding.model_copy(
        update={
            "message": redactor.bilingual(finding.message),
            "fix": redactor.bilingual(finding.fix),
            "evidence": redactor.any(finding.evidence, lang),
            "subject": redactor.text(finding.subject, lang) if finding.subject else None,
            "waiver": _redacted_waiver(finding.waiver, redactor, lang),
        }
    )


def _redacted_waiver(waiver: dict[str, Any] | None, redactor: Redactor, lang: str):
    """Who approved a department's own waiver is part of that waiver, whoever it was."""
    if not waiver:
        return None
    cleaned = redactor.any({k: v for k, v in waiver.items() if k != "approved_by"}, lang)
    return {**cleaned, "approved_by": waiver.get("approved_by")}
