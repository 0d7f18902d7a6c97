"""The quarterly comparison: what is new, what persists, what was fixed — and owners' answers.

`apply_history(result, store, config_digest=..., responses=...)` does the whole cycle for one
audit: compares with the previous stored audit (setting each finding's status), stores the
owners' answers and this audit, and fills `AuditResult.history` with an `AuditHistory`
(`auditor.history_model`): the previous period, counts of new / persisting / resolved findings,
the resolved findings with their answers, the trend over up to eight audits, and the owners'
answers to the current findings (contradictions, rows that matched nothing, findings
answered differently in several rows).

Statuses: with a previous audit, a current finding that is not waived becomes `persisting` when
its finding_id was in the previous audit (whatever its status there), else `new`; waived stays
waived. Without a previous audit nothing changes (`open`). A previous finding that was not waived
and whose finding_id is absent now is `resolved`; one that is waived now is still failing, so
it is not resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.engine import finding_id
from auditor.history import HistoryStore, StoredAnswer, StoredFinding, StoredRun
from auditor.history_model import (
    Answer,
    AnswerCounts,
    AuditHistory,
    CurrentAnswer,
    HistoryCounts,
    ResolvedFinding,
    Responses,
    Trend,
)
from auditor.messages import Message
from auditor.models import AccountStatus, Finding, FindingStatus, Period
from auditor.responses import OwnerStatus, ResponsesLoad
from auditor.result import AuditResult

TREND_PERIODS = 8
# What a stored finding brings to the resolved list; its status and evidence stay behind.
_RESOLVED_FIELDS = set(ResolvedFinding.model_fields) - {"answer", "account_closed"}


@dataclass
class Comparison:
    previous_period: str | None
    new: list[str] = field(default_factory=list)
    persisting: list[str] = field(default_factory=list)
    resolved: list[StoredFinding] = field(default_factory=list)
    gone: list[StoredFinding] = field(default_factory=list)
    # Accounts the register marks closed now: their resolved findings ended with them.
    closed: frozenset[str] = frozenset()

    def counts(self) -> HistoryCounts:
        return HistoryCounts(
            new=len(self.new),
            persisting=len(self.persisting),
            resolved=len(self.resolved),
            account_closed=sum(f.account_id in self.closed for f in self.resolved),
            gone=len(self.gone),
        )


def compare(
    findings: list[Finding],
    previous: StoredRun | None,
    removed: set[str] = frozenset(),
    renamed: dict[str, str] | None = None,
    closed: set[str] = frozenset(),
) -> Comparison:
    """Mark each current finding new or persisting (in place) and list the resolved ones;
    those of an account in `removed` (in the register last time, not now) are gone instead:
    an account left out of the register fixed nothing that can be told. `renamed`: an
    account's id of last time → its id now, for an account renamed since (`Account (oud)`).
    `closed`: accounts the register marks closed now, whose findings ended with them."""
    if previous is None:
        return Comparison(previous_period=None)
    renamed = renamed or {}

    def as_now(f: StoredFinding) -> str:
        """The id the finding has now: under the account's new name, if renamed."""
        if f.account_id in renamed:
            return finding_id(f.check_id, renamed[f.account_id], f.subject)
        return f.finding_id

    before = {as_now(f) for f in previous.findings}
    now = {f.finding_id for f in findings}
    comparison = Comparison(previous_period=previous.period.label, closed=frozenset(closed))
    for finding in findings:
        if finding.status is FindingStatus.WAIVED:
            continue
        if finding.finding_id in before:
            finding.status = FindingStatus.PERSISTING
            comparison.persisting.append(finding.finding_id)
        else:
            finding.status = FindingStatus.NEW
            comparison.new.append(finding.finding_id)
    ended = sorted(
        (
            f
            for f in previous.findings
            if f.status is not FindingStatus.WAIVED and as_now(f) not in now
        ),
        key=lambda f: (-f.severity.rank, f.check_id, f.account_id or "", f.subject or ""),
    )
    comparison.resolved = [f for f in ended if f.account_id not in removed]
    comparison.gone = [f for f in ended if f.account_id in removed]
    return comparison


def answers_section(
    findings: list[Finding],
    latest: dict[str, StoredAnswer],
    load: ResponsesLoad | None,
    answered_period: str | None,
    renamed: dict[str, str] | None = None,
) -> Responses:
    """The owners' part of the history: latest answers to the current findings. `renamed`:
    an account's id of last time → its id now; an answer given to a finding under the old
    name belongs to the finding under the new one, as the comparison found it persisting."""
    former: dict[str, list[str]] = {}
    for old, new in (renamed or {}).items():
        former.setdefault(new, []).append(old)
    by_finding: dict[str, CurrentAnswer] = {}
    for finding in findings:
        answer = latest.get(finding.finding_id)
        for old in former.get(finding.account_id or "", ()):
            if answer is not None:
                break
            answer = latest.get(finding_id(finding.check_id, old, finding.subject))
        if answer is None:
            continue
        still_failing = finding.status is not FindingStatus.WAIVED
        by_finding[finding.finding_id] = CurrentAnswer(
            **_answer(answer).model_dump(),
            contradiction=answer.status == OwnerStatus.RESOLVED and still_failing,
            disputed=answer.status == OwnerStatus.DISPUTED and still_failing,
        )
    unmatched = list(load.unmatched) if load else []
    conflicts = list(load.conflicts) if load else []
    return Responses(
        answered_period=answered_period,
        files=list(load.files) if load else [],
        by_finding=by_finding,
        unmatched=unmatched,
        not_returned=list(load.not_returned) if load else [],
        conflicts=conflicts,
        counts=AnswerCounts(
            answered=len(load.answers) if load else 0,
            untouched=load.untouched if load else 0,
            unmatched=len(unmatched),
            contradictions=sum(a.contradiction for a in by_finding.values()),
            disputes=sum(a.disputed for a in by_finding.values()),
            conflicts=len(conflicts),
        ),
    )


def build_history(
    comparison: Comparison,
    trend: Trend,
    responses: Responses,
    latest: dict[str, StoredAnswer],
) -> AuditHistory:
    def resolved(found: list[StoredFinding]) -> list[ResolvedFinding]:
        return [
            ResolvedFinding(
                **f.model_dump(include=_RESOLVED_FIELDS),
                answer=_answer(latest[f.finding_id]) if f.finding_id in latest else None,
                account_closed=f.account_id in comparison.closed,
            )
            for f in found
        ]

    return AuditHistory(
        previous_period=comparison.previous_period,
        counts=comparison.counts(),
        resolved=resolved(comparison.resolved),
        gone=resolved(comparison.gone),
        trend=trend,
        responses=responses,
    )


def foreign_history(result: AuditResult, store: HistoryStore) -> Message | None:
    """A warning when the previous audit in the history is of another organisation, or
    shares no account with this one: a history given by mistake (another register's, a
    colleague's test) would report all of this audit as new and all of that one as resolved.
    """
    previous = store.previous_run(result.period)
    if previous is None:
        return None
    if previous.organisation.casefold() != result.organisation.casefold():
        return Message(
            "history.other_organisation",
            period=previous.period.label,
            theirs=previous.organisation,
            ours=result.organisation,
        )
    before = store.account_ids(previous.period.label)
    if before and result.accounts and not before & {a.account_id for a in result.accounts}:
        return Message("history.no_shared_accounts", period=previous.period.label)
    return None


def apply_history(
    result: AuditResult,
    store: HistoryStore,
    *,
    config_digest: str,
    responses: ResponsesLoad | None = None,
    trend_periods: int = TREND_PERIODS,
) -> AuditHistory:
    """Compare with the previous audit, store answers and this audit, fill `result.history`.

    The given answers are taken to answer the previous stored audit (the report owners had);
    with no previous audit, they answer this one. Findings' statuses are set before the audit
    is stored, so the history keeps new/persisting too.
    """
    previous = store.previous_run(result.period)
    removed: set[str] = set()
    renamed = {old: a.account_id for a in result.accounts for old in a.former_ids}
    if previous is not None:
        now = {a.account_id for a in result.accounts if a.registered}
        removed = store.registered_account_ids(previous.period.label) - now - set(renamed)
    closed = {
        a.account_id for a in result.accounts if a.registered and a.status == AccountStatus.CLOSED
    }
    comparison = compare(result.findings, previous, removed, renamed, closed)

    answered: Period | None = None
    if responses is not None:
        answered = previous.period if previous else result.period
        known = previous.findings if previous else result.findings
        # Workbooks of an audit the history does not hold, later than the last it holds
        # (labels begin with their year): another history was meant, not another workbook.
        unheld = {
            p
            for p in responses.periods.values()
            if store.run_at(p) is None and (previous is None or p > previous.period.label)
        }
        responses = responses.match(
            (f.finding_id for f in known),
            answered.label,
            running=result.period.label,
            unheld=(store.path.name, unheld),
        )
        store.record_responses(responses.answers.values(), answered)

    store.record(result, config_digest)
    latest = store.responses(up_to=result.period)
    section = answers_section(
        result.findings, latest, responses, answered.label if answered else None, renamed
    )
    trend = store.trend(last=trend_periods, up_to=result.period)
    result.history = build_history(comparison, trend, section, latest)
    return result.history


def _answer(answer: StoredAnswer) -> Answer:
    return Answer(
        status=answer.status,
        comment=answer.comment,
        period=answer.period,
        file=answer.source,
        sheet=answer.sheet,
        row=answer.row,
    )


def changes_said(history: AuditHistory | None) -> list[Message]:
    """What the run's summary says of the comparison: what changed since the previous audit,
    the findings of accounts since removed from the register, and how owners' answers fared.
    Nothing for a first audit. The counts are those findings.json and the overview show."""
    if history is None or history.previous_period is None:
        return []
    counts = history.counts
    closed = (
        Message("cli.run.changes_closed", count=counts.account_closed)
        if counts.account_closed
        else ""
    )
    said = [
        Message(
            "cli.run.changes",
            previous=history.previous_period,
            new=counts.new,
            persisting=counts.persisting,
            resolved=counts.resolved,
            closed=closed,
        )
    ]
    if counts.gone:
        said.append(Message("cli.run.changes_gone", count=counts.gone))
    answers = history.responses
    if answers.answered_period is not None:
        said.append(
            Message(
                "cli.run.answers",
                previous=answers.answered_period,
                answered=answers.counts.answered,
                contradictions=Message(
                    "cli.run.answers_contradictions", count=answers.counts.contradictions
                )
                if answers.counts.contradictions
                else "",
                disputes=Message("cli.run.answers_disputes", count=answers.counts.disputes)
                if answers.counts.disputes
                else "",
                see=Message("cli.run.answers_see")
                if answers.counts.contradictions or answers.counts.disputes
                else "",
            )
        )
    return said
