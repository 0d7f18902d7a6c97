"""The figures the reports show, computed once from an AuditResult for HTML and Excel alike."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from auditor.activity.metrics import METRIC_COLUMNS
from auditor.engine import CheckMeta, registry
from auditor.history_model import AnswerCounts, CurrentAnswer, HistoryCounts, ResolvedFinding
from auditor.models import Finding, FindingStatus, Severity
from auditor.register.people import one_way_each, several_people
from auditor.responses import AnswerConflict, UnmatchedAnswer
from auditor.result import AccountResult, AuditResult, DepartmentResult

NOT_RUN = "not_run"
NOT_APPLICABLE = "not_applicable"  # a check of active accounts, on a closed or planned one
PASSED = "passed"
WAIVED = "waived"

# The metrics the Metrics sheet shows, in the metrics stage's order.
METRICS = tuple(c for c in METRIC_COLUMNS if c not in {"platform", "registered"})
# The few a page can show in one readable table; the workbook has them all.
PAGE_METRICS = (
    "posts",
    "posts_per_week",
    "last_post",
    "longest_gap_days",
    "inbound",
    "unanswered",
    "unanswered_share",
    "reply_median_business_hours",
    "reply_p90_business_hours",
)
# Account facts that travel in the metrics dict but are columns of their own.
NOT_METRICS = {"platform", "registered"}
SHARE_METRICS = {"unanswered_share"}
DATE_METRICS = {"first_post", "last_post", "longest_gap_start", "longest_gap_end"}
PLATFORM_LEVEL = "REG001"
# Who must act on an account's findings, in the order tried.
OWNER, SUBSTITUTE, MANAGER, NOBODY = "owner", "substitute", "manager", "nobody"
# Findings of this severity or worse are urgent; with none, the worst severity present is.
URGENT = Severity.HIGH


def catalogue() -> dict[str, CheckMeta]:
    return {check_id: check.meta for check_id, check in registry().items()}


def for_team(
    checks: dict[str, CheckMeta], team: str, kcc: str | None = None
) -> dict[str, CheckMeta]:
    """The checks' sentences naming the audit's communications department and KCC."""
    return {check_id: meta.for_team(team, kcc) for check_id, meta in checks.items()}


def is_open(finding: Finding) -> bool:
    return finding.status != FindingStatus.WAIVED


def is_active(account: AccountResult) -> bool:
    """Compliance is measured over active accounts, as the audit history does."""
    return account.status in (None, "active")


@dataclass
class Share:
    """A group of accounts and how many of them have no open finding."""

    label: str
    accounts: int
    compliant: int
    open_findings: int
    slug: str | None = None
    no_serious: int = 0  # accounts without an open finding of URGENT severity or worse

    @property
    def share(self) -> float | None:
        return self.compliant / self.accounts if self.accounts else None

    @property
    def share_no_serious(self) -> float | None:
        return self.no_serious / self.accounts if self.accounts else None


@dataclass
class CheckCount:
    check_id: str
    meta: CheckMeta | None
    open: int = 0
    waived: int = 0
    accounts: int = 0
    skipped_reason: str | None = None


@dataclass
class OutOfHours:
    account: AccountResult
    inbound: int | None
    out_of_hours: int | None
    median_wait_hours: float | None

    @property
    def share(self) -> float | None:
        if not self.inbound or self.out_of_hours is None:
            return None
        return self.out_of_hours / self.inbound


@dataclass(frozen=True)
class Actor:
    """The person who must act on an account's findings: its owner, or whoever stands in when
    the owner has left or is unknown."""

    name: str | None
    email: str | None
    role: str  # OWNER, SUBSTITUTE, MANAGER or NOBODY
    owner: str | None = None  # the owner stood in for, when known
    owner_left: bool = False
    owner_not_a_person: bool = False  # a team or mailbox, as OWN001 found
    # The others a cell naming several people names beside `name` (`Anna de Vries / Piet
    # Bakker`): each acts on the account as well, and has it in their own list.
    also: tuple[str, ...] = ()


def _named(cell: str) -> tuple[str, tuple[str, ...]]:
    """The first person a cell names and the others it names beside them; a cell of one
    person (or of none the register's reading knows as a person) is itself."""
    # As OWN004 reads the cell: `Jan en Piet` names no one whole, and stays as written.
    people = [p.name_text for p in several_people(cell)]
    if not people:
        return cell, ()
    return people[0], tuple(people[1:])


# The check that finds an owner who is no person (a team, a department, a mailbox): such an
# owner cannot be the one who acts.
NO_PERSON_CHECK = "OWN001"


def actor(
    account: AccountResult, department: DepartmentResult | None, owner_is_person: bool = True
) -> Actor:
    owner = account.owner_name or account.owner_email
    if owner and not account.owner_left and owner_is_person:
        name, also = _named(owner)
        return Actor(name, account.owner_email, OWNER, also=also)
    stand_in = {
        "owner": owner,
        "owner_left": account.owner_left,
        "owner_not_a_person": bool(owner) and not owner_is_person,
    }
    substitute = account.substitute_name or account.substitute_email
    if substitute and not account.substitute_left:
        name, also = _named(substitute)
        return Actor(name, account.substitute_email, SUBSTITUTE, also=also, **stand_in)
    if department is not None and department.manager_name:
        return Actor(department.manager_name, department.manager_email, MANAGER, **stand_in)
    return Actor(None, None, NOBODY, **stand_in)


@dataclass
class ActionGroup:
    """One person's most urgent findings, for the overview's first screen."""

    name: str | None  # None: nobody is known who could act
    email: str | None
    managers: list[str]
    findings: list[tuple[Finding, AccountResult, Actor]]
    more: int  # open findings of theirs not listed here
    # The departments of these findings the person manages: a manager standing in has no
    # manager of their own in the register, and is not to be told their manager is unknown.
    manages: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Everything a page or workbook needs, in report order."""

    result: AuditResult
    checks: dict[str, CheckMeta]
    accounts: list[AccountResult]
    unregistered: list[AccountResult]
    findings_by_account: dict[str | None, list[Finding]]
    platform_findings: list[Finding]
    by_severity: dict[str, int]
    waived: int
    compliant: int
    per_department: list[Share] = field(default_factory=list)
    per_platform: list[Share] = field(default_factory=list)
    per_check: list[CheckCount] = field(default_factory=list)
    scorecard_checks: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    out_of_hours: list[OutOfHours] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)  # by account id
    managers: dict[str, str] = field(default_factory=dict)  # department → manager's name
    # Each way an actor's name is written → how they are shown: one person written two ways
    # (`de Wit, Sanne` on one row, `Sanne de Wit` on another) has one action list.
    people: dict[str, str] = field(default_factory=dict)

    def actor(self, account_id: str | None) -> Actor | None:
        return self.actors.get(account_id) if account_id else None

    def manager(self, department: str | None) -> str | None:
        return self.managers.get(department) if department else None

    def urgent_actions(self, per_person: int = 3) -> list[ActionGroup]:
        """The urgent open findings grouped by who must act: worst first, then most."""
        open_ = self._open_with_actor
        if not open_:
            return []
        floor = min(max(f.severity.rank for f in open_), URGENT.rank)
        totals = Counter(self.actors[f.account_id].name for f in open_)
        groups: dict[str | None, list[Finding]] = defaultdict(list)
        for finding in open_:
            if finding.severity.rank >= floor:
                groups[self.actors[finding.account_id].name].append(finding)
        ordered = sorted(
            groups.items(),
            key=lambda item: (
                item[0] is None,
                -max(f.severity.rank for f in item[1]),
                -len(item[1]),
                item[0] or "",
            ),
        )
        by_account = {a.account_id: a for a in self.accounts}
        return [
            self._group(who, found, totals[who], per_person, by_account) for who, found in ordered
        ]

    def quieter_actors(self) -> int:
        """How many people have open findings, none urgent enough for `urgent_actions`: the
        list named one owner of four, and a manager took the others to have nothing to do."""
        urgent = {group.name for group in self.urgent_actions()}
        return len({self.actors[f.account_id].name for f in self._open_with_actor} - urgent)

    @cached_property
    def _open_with_actor(self) -> list[Finding]:
        """The open findings someone is known to act on (an account's owner or stand-in)."""
        return [f for f in self.result.findings if is_open(f) and f.account_id in self.actors]

    def _group(
        self,
        who: str | None,
        found: list[Finding],
        total: int,
        limit: int,
        by_account: dict[str, AccountResult],
    ) -> ActionGroup:
        shown = found[:limit]
        return ActionGroup(
            name=who,
            email=next((e for f in found if (e := self.actors[f.account_id].email)), None),
            managers=sorted({m for f in found if (m := self.manager(f.department))} - {who}),
            findings=[(f, by_account[f.account_id], self.actors[f.account_id]) for f in shown],
            more=total - len(shown),
            manages=sorted(
                {f.department for f in found if who and self.manager(f.department) == who}
            ),
        )

    @property
    def active(self) -> list[AccountResult]:
        return [a for a in self.accounts if is_active(a)]

    @property
    def share_compliant(self) -> float | None:
        active = len(self.active)
        return self.compliant / active if active else None

    @property
    def open_total(self) -> int:
        return sum(self.by_severity.values())

    def score(self, account_id: str, check_id: str) -> str:
        """Worst open severity of one check on one account, else waived / passed / not run."""
        if check_id in self.skipped:
            return NOT_RUN
        hits = [f for f in self.findings_by_account.get(account_id, []) if f.check_id == check_id]
        open_hits = [f for f in hits if is_open(f)]
        if open_hits:
            return max(open_hits, key=lambda f: f.severity.rank).severity.value
        if hits:
            return WAIVED
        meta = self.checks.get(check_id)
        if account_id in self.inactive and not (meta and meta.judges_inactive):
            return NOT_APPLICABLE  # a closed account read as passing every check
        if account_id in self.uncovered and meta and meta.judges_activity:
            return NOT_RUN  # its exports do not cover the period: nothing was judged
        return PASSED

    @cached_property
    def uncovered(self) -> set[str]:
        """The accounts whose exports do not cover the period: their activity is not judged."""
        return {a.account_id for a in self.accounts if a.metrics.get("covered") is False}

    def shows_not_run(self, check_ids: list[str]) -> bool:
        """Whether a scorecard of these columns has a cell of a check not run."""
        return any(
            c in self.skipped
            or (self.uncovered and (m := self.checks.get(c)) and m.judges_activity)
            for c in check_ids
        )

    @cached_property
    def inactive(self) -> set[str]:
        """The closed and planned accounts, which most checks do not judge."""
        return {a.account_id for a in self.accounts if not is_active(a)}

    def worst(self, account_id: str) -> Severity | None:
        open_hits = [f for f in self.findings_by_account.get(account_id, []) if is_open(f)]
        return max((f.severity for f in open_hits), key=lambda s: s.rank, default=None)

    def meta(self, check_id: str) -> CheckMeta | None:
        return self.checks.get(check_id)

    @cached_property
    def _found(self) -> frozenset[str]:
        """The checks with a finding in the report (open, waived or answered)."""
        return frozenset(f.check_id for f in self.result.findings)

    def pack_scorecard_checks(self) -> list[str]:
        """The scorecard's columns in a department's pack: the checks with a finding in it.
        Thirty columns of ✓ for a pack of a few findings made it a landscape page of its own
        on paper, and a sheet as wide."""
        return [check_id for check_id in self.scorecard_checks if check_id in self._found]

    def concerned(self) -> dict[str, CheckMeta]:
        """The checks a department's reader needs explained: those with a finding in the
        report, open, waived or fixed since the last audit. A pack listed all of them, so its
        catalogue cost as much for one finding as for a hundred; the overview keeps them all."""
        found = set(self._found)
        if self.result.history is not None:
            found |= {entry.check_id for entry in self.result.history.resolved}
        return {check_id: meta for check_id, meta in self.checks.items() if check_id in found}

    def ooh_totals(self) -> tuple[int, int]:
        inbound = sum(row.inbound or 0 for row in self.out_of_hours)
        outside = sum(row.out_of_hours or 0 for row in self.out_of_hours)
        return inbound, outside


def build(
    result: AuditResult,
    checks: dict[str, CheckMeta] | None = None,
    department_slugs: dict[str, str] | None = None,
    people: dict[str, str] | None = None,
) -> Report:
    """`people`: each way an actor's name is written → the way to show them, as the whole
    audit's report chose it (a department's pack must name people as the overview links them);
    by default chosen from this result's own actors."""
    checks = for_team(
        dict(sorted((catalogue() if checks is None else checks).items())),
        result.communications_department,
        result.kcc,
    )
    lang = result.lang
    registered = [a for a in result.accounts if a.registered]
    by_account: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_account[finding.account_id].append(finding)
    active = [a for a in registered if is_active(a)]
    compliant_ids = {
        a.account_id for a in active if not any(is_open(f) for f in by_account[a.account_id])
    }
    skipped = {s.check_id: s.reason(lang) for s in result.skipped}
    report = Report(
        result=result,
        checks=checks,
        accounts=registered,
        unregistered=[a for a in result.accounts if not a.registered],
        findings_by_account=dict(by_account),
        platform_findings=[f for f in result.findings if f.account_id is None],
        by_severity=result.by_severity(),
        waived=sum(not is_open(f) for f in result.findings),
        compliant=len(compliant_ids),
        skipped=skipped,
    )
    departments = {d.name: d for d in result.departments}
    no_person = {
        f.account_id for f in result.findings if f.check_id == NO_PERSON_CHECK and is_open(f)
    }
    report.actors = {
        a.account_id: actor(a, departments.get(a.department or ""), a.account_id not in no_person)
        for a in registered
    }
    if people is None:
        people = one_way_each(
            [(a.name, a.email) for a in report.actors.values() if a.name]
            + [(also, None) for a in report.actors.values() for also in a.also]
            # Substitutes too: `Vos, Anouk` on one account and `Anouk Vos` on the next are
            # shown alike in the tables, and their action list finds both.
            + [(a.substitute_name, a.substitute_email) for a in registered if a.substitute_name]
        )
    report.people = people
    report.actors = {
        account_id: replace(
            who,
            name=people.get(who.name, who.name),
            also=tuple(people.get(n, n) for n in who.also),
        )
        if who.name
        else who
        for account_id, who in report.actors.items()
    }
    report.managers = {d.name: d.manager_name for d in result.departments if d.manager_name}
    report.per_department = _shares(
        active, compliant_ids, by_account, lambda a: a.department, department_slugs or {}
    )
    report.per_platform = _shares(active, compliant_ids, by_account, lambda a: a.platform, {})
    report.per_check = _per_check(result.findings, checks, skipped)
    report.scorecard_checks = [
        c
        for c in sorted(set(checks) | {f.check_id for f in result.findings if f.account_id})
        if c != PLATFORM_LEVEL
    ]
    report.out_of_hours = [
        OutOfHours(
            account=a,
            inbound=_int(a.metrics.get("inbound")),
            out_of_hours=_int(a.metrics.get("out_of_hours_inbound")),
            median_wait_hours=_float(a.metrics.get("out_of_hours_reply_median_calendar_hours")),
        )
        for a in registered
        if a.metrics.get("inbound") or a.metrics.get("out_of_hours_inbound")
    ]
    return report


def _shares(accounts, compliant_ids, by_account, key, slugs) -> list[Share]:
    groups: dict[str, list[AccountResult]] = defaultdict(list)
    for account in accounts:
        groups[key(account) or ""].append(account)
    shares = [
        Share(
            label=name,
            accounts=len(members),
            compliant=sum(a.account_id in compliant_ids for a in members),
            open_findings=sum(is_open(f) for a in members for f in by_account[a.account_id]),
            slug=slugs.get(name),
            no_serious=sum(not _serious(by_account[a.account_id]) for a in members),
        )
        for name, members in groups.items()
    ]
    return sorted(shares, key=lambda s: (s.share if s.share is not None else 2, s.label))


def _serious(findings: list[Finding]) -> bool:
    return any(is_open(f) and f.severity.rank >= URGENT.rank for f in findings)


def _per_check(findings, checks, skipped) -> list[CheckCount]:
    counts = {
        cid: CheckCount(cid, meta, skipped_reason=skipped.get(cid)) for cid, meta in checks.items()
    }
    accounts: dict[str, set] = defaultdict(set)
    for finding in findings:
        count = counts.setdefault(
            finding.check_id, CheckCount(finding.check_id, None, skipped_reason=None)
        )
        if is_open(finding):
            count.open += 1
            accounts[finding.check_id].add(finding.account_id or finding.platform)
        else:
            count.waived += 1
    for cid, members in accounts.items():
        counts[cid].accounts = len(members)
    worst: dict[str, int] = defaultdict(int)
    for finding in findings:
        if is_open(finding):
            worst[finding.check_id] = max(worst[finding.check_id], finding.severity.rank + 1)
    return sorted(
        counts.values(), key=lambda c: (-worst[c.check_id], -c.open, -c.waived, c.check_id)
    )


def metric_keys(accounts: list[AccountResult], *, page: bool = False) -> list[str]:
    present = Counter(k for a in accounts for k in a.metrics if k not in NOT_METRICS)
    if page:
        return [k for k in PAGE_METRICS if k in present]
    return [k for k in METRICS if k in present] + sorted(k for k in present if k not in METRICS)


def as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and value == value else None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and value == value else None


@dataclass
class TrendRow:
    period: str
    compliance: float | None
    open_by_severity: dict[str, int | None]
    reply_median: float | None

    @property
    def open_total(self) -> int | None:
        values = [v for v in self.open_by_severity.values() if v is not None]
        return sum(values) if values else None


@dataclass
class History:
    """`AuditResult.history` laid out for a page or a sheet: one row per audit of the trend."""

    previous_period: str | None
    counts: HistoryCounts
    rows: list[TrendRow]
    severities: list[str]
    resolved: list[ResolvedFinding]
    gone: list[ResolvedFinding]
    answered_period: str | None
    answers: dict[str, CurrentAnswer]
    contradictions: list[str]
    disputes: list[str]
    unmatched: list[UnmatchedAnswer]
    answer_counts: AnswerCounts
    conflicts: list[AnswerConflict]

    @property
    def gone_accounts(self) -> list[str]:
        """The accounts whose findings are gone with them, in the order of their findings."""
        return list(dict.fromkeys(r.account_id for r in self.gone if r.account_id))

    @property
    def resolved_by_id(self) -> dict[str, ResolvedFinding]:
        """The findings fixed since, by id: an answer may concern one of them."""
        return {r.finding_id: r for r in self.resolved}

    @property
    def has_trend(self) -> bool:
        """Two audits or more with a measured share: a single point or only gaps is no trend."""
        return sum(row.compliance is not None for row in self.rows) >= 2


def history(result: AuditResult) -> History | None:
    data = result.history
    if data is None:
        return None
    trend = data.trend
    by_severity = trend.open_by_severity
    severities = [s.value for s in reversed(Severity) if s.value in by_severity]

    def at(values: list, i: int) -> Any:
        # A department pack's history has no reply times: its list is empty.
        return values[i] if i < len(values) else None

    rows = [
        TrendRow(
            period=period,
            compliance=at(trend.compliance, i),
            open_by_severity={s: at(by_severity[s], i) for s in severities},
            reply_median=at(trend.reply_median_business_hours, i),
        )
        for i, period in enumerate(trend.periods)
    ]
    responses = data.responses
    return History(
        previous_period=data.previous_period,
        counts=data.counts,
        rows=rows,
        severities=severities,
        resolved=data.resolved,
        gone=data.gone,
        answered_period=responses.answered_period,
        answers=responses.by_finding,
        contradictions=responses.contradictions,
        disputes=responses.disputes,
        unmatched=responses.unmatched,
        answer_counts=responses.counts,
        conflicts=responses.conflicts,
    )
