"""What each report may contain: slugs for file names, and the department pack's scope.

A department pack is the full audit result cut down to one department. Cutting the result
(instead of filtering in templates) makes isolation structural: a template cannot show what
it was never given. Check messages may still name another account (a consolidation
candidate, say), so every text left in the pack is also scrubbed of other departments' names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel

from auditor.history_model import AnswerCounts, AuditHistory, HistoryCounts, Responses, Trend
from auditor.models import Finding, Skipped, Text
from auditor.result import AccountResult, AuditResult, DepartmentResult
from auditor.slugs import slugify

M = TypeVar("M", bound=BaseModel)

REDACTED = Text(nl="[andere afdeling]", en="[other department]")
# Shorter tokens would match ordinary words; no real handle, name or address is that short.
_MIN_TOKEN = 3
# Nor is any longer than this (a sentence typed in a name cell); it would only deepen the pattern.
_MAX_TOKEN = 100


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


def _owned_tokens(result: AuditResult) -> dict[str, set[str | None]]:
    """Every name of an account or person in the audit (folded) → the departments it belongs
    to; None stands for no department, so such a name belongs to none of them."""
    owned: dict[str, set[str | None]] = {}

    def add(token: str | None, department: str | None) -> None:
        token = (token or "").strip()
        if _MIN_TOKEN <= len(token) <= _MAX_TOKEN:
            owned.setdefault(token.casefold(), set()).add(department)

    for a in result.accounts:
        home = a.department if a.registered else None
        for token in (a.account_id, a.handle, a.display_name, a.owner_name, a.owner_email):
            add(token, home)
        add(a.substitute_name, home)
    for d in result.departments:
        # Department names stay (check messages name Communicatie and the KCC by role), and
        # so do managers' names: a manager approves waivers for other departments too.
        add(d.manager_email, d.name)
    return owned


class Redactor:
    """Replaces names of other departments' accounts and people in free text.

    One pattern of every name in the audit serves all departments; whether a match is
    replaced depends on the department, so the cost of a pack is the text it holds, not the
    number of departments times the names of all the others.
    """

    def __init__(self, owned: dict[str, set[str | None]], pattern: re.Pattern | None, own: str):
        self._owned = owned
        self._pattern = pattern
        self._own = own

    @staticmethod
    def pattern(owned: dict[str, set[str | None]]) -> re.Pattern | None:
        if not owned:
            return None
        return re.compile(r"(?<![\w@.-])@?" + _trie(owned) + r"(?![\w-])", re.IGNORECASE)

    def text(self, value: str, lang: str) -> str:
        if self._pattern is None:
            return value
        redacted = REDACTED(lang)

        def replace(match: re.Match) -> str:
            owners = self._owned.get(match.group(0).removeprefix("@").casefold(), set())
            return match.group(0) if self._own in owners else redacted

        return self._pattern.sub(replace, value)

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


def _trie(words: Iterable[str]) -> str:
    """One regex alternation of `words` shaped as a tree of shared prefixes: a regex engine
    tries a flat alternation of thousands of names at every position of the text, but walks
    a tree only as far as the text follows it. Longer names win over their prefixes."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = []
        for char, child in node.items():
            if not char:
                continue
            run = char
            while len(child) == 1 and "" not in child:  # a chain without ends: one literal
                ((char, child),) = child.items()
                run += char
            branches.append(re.escape(run) + render(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + render(tree) + ")"


def department_results(result: AuditResult) -> dict[str, AuditResult]:
    """Every department's pack, by department name; the names are gathered once for all."""
    owned = _owned_tokens(result)
    pattern = Redactor.pattern(owned)
    return {
        d.name: department_result(result, d, Redactor(owned, pattern, d.name))
        for d in departments(result)
    }


def department_result(
    result: AuditResult, department: DepartmentResult, redactor: Redactor | None = None
) -> AuditResult:
    """The audit as one department's manager may see it: its own accounts and nothing else.

    Platform findings (REG001) and unregistered accounts belong to Communicatie's overview.
    The input ledger names every file and rejected row of the whole organisation, so it stays
    out; the history is cut down to this department's findings and compliance.
    """
    own = [a for a in result.accounts if a.registered and a.department == department.name]
    own_ids = {a.account_id for a in own}
    if redactor is None:
        owned = _owned_tokens(result)
        redactor = Redactor(owned, Redactor.pattern(owned), department.name)

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
    history: AuditHistory | None,
    name: str,
    own_ids: set[str],
    findings: list[Finding],
    redactor: Redactor,
    lang: str,
) -> AuditHistory | None:
    """The quarterly comparison as far as it concerns this department's accounts."""
    if history is None:
        return None
    resolved = [
        _redacted_model(entry, redactor, lang)
        for entry in history.resolved
        if entry.account_id in own_ids
    ]
    statuses = [f.status.value for f in findings]
    finding_ids = {f.finding_id for f in findings}
    answers = {
        # The file an answer came from may be another department's workbook.
        fid: _redacted_model(answer.model_copy(update={"file": None}), redactor, lang)
        for fid, answer in history.responses.by_finding.items()
        if fid in finding_ids
    }
    contradictions = [fid for fid, answer in answers.items() if answer.contradiction]
    # The trend and the answers are built anew rather than copied, so a series or a list the
    # organisation's history gains later reaches no pack until it is let in here.
    own_compliance = history.trend.compliance_by_department.get(name)
    return history.model_copy(
        update={
            "counts": HistoryCounts(
                new=statuses.count("new"),
                persisting=statuses.count("persisting"),
                resolved=len(resolved),
            ),
            "resolved": resolved,
            "trend": Trend(
                periods=list(history.trend.periods),
                compliance=list(own_compliance or [None] * len(history.trend.periods)),
            ),
            "responses": Responses(
                answered_period=history.responses.answered_period,
                by_finding=answers,
                contradictions=contradictions,
                counts=AnswerCounts(answered=len(answers), contradictions=len(contradictions)),
            ),
        }
    )


def _redacted_model(model: M, redactor: Redactor, lang: str) -> M:
    """Every text of `model`, nested models included, redacted; an enum value (a severity)
    is a code, not a name, and stays."""
    update: dict[str, Any] = {}
    for field_name in type(model).model_fields:
        value = getattr(model, field_name)
        if isinstance(value, Enum):
            continue
        if isinstance(value, BaseModel):
            update[field_name] = _redacted_model(value, redactor, lang)
        elif isinstance(value, str | dict | list):
            update[field_name] = redactor.any(value, lang)
    return model.model_copy(update=update)


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
