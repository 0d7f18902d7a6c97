"""One audit, start to end: read inputs, compute the period and metrics, run the checks,
and write the outputs atomically."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic_core import to_json

from auditor import __version__
from auditor.activity.frame import LedgerEntry
from auditor.config import Config
from auditor.engine import AuditContext, check_settings, registry, run_checks
from auditor.folders import replace_folder
from auditor.identity import make_account_id
from auditor.messages import Message
from auditor.models import AccountStatus, Period, Person
from auditor.problems import InputError
from auditor.register import Register, load_register
from auditor.register.people import initial_key, staff_key
from auditor.result import AccountResult, AuditResult, DepartmentResult
from auditor.slugs import slugify
from auditor.stages import stage


@dataclass
class AuditRun:
    result: AuditResult
    register: Register
    config: Config
    period_reason: Message | None = None  # why the audit has this period, for the run's summary
    # About the activity inputs and, once compared, the returned workbooks (for the summary).
    warnings: list[Message] = field(default_factory=list)


def resolve_period(
    frame: pd.DataFrame,
    config: Config,
    label: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[Period, Message]:
    """The audit period, and why it is that one (for the run's summary)."""
    from auditor.period import (
        latest_complete_quarter,
        latest_ended_quarter,
        parse_period,
        period_from_dates,
    )

    if label and (start or end):
        raise InputError(None, Message("cli.run.period_or_dates"))
    if label:
        return parse_period(label), Message("cli.period_reason.given_period")
    if start or end:
        if not (start and end):
            raise InputError(None, Message("cli.run.from_and_to"))
        return period_from_dates(start, end), Message("cli.period_reason.given_dates")
    if frame.empty:
        # A register on its own is still worth auditing: for the quarter that ended last.
        return latest_ended_quarter(today), Message("cli.period_reason.no_activity")
    choice = latest_complete_quarter(frame["timestamp"], config.zone, today)
    return choice.period, choice.reason


def run_audit(
    inventory: str | Path,
    activity: Sequence[str | Path] = (),
    config: Config | None = None,
    *,
    period: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    lang: str | None = None,
    run_date: dt.date | None = None,
) -> AuditRun:
    from auditor.activity.ahead import ReadAhead
    from auditor.activity.calendar import BusinessCalendar
    from auditor.activity.coverage import inbound_unregistered, period_warnings
    from auditor.activity.load import load_activity
    from auditor.activity.metrics import compute_metrics

    config = config or Config()
    today = run_date or dt.date.today()
    with ReadAhead(activity, config) as ahead:
        with stage("reading the register"):
            register = load_register(inventory, config.waivers)
        with stage("reading the exports") as step:
            loaded = load_activity(
                list(activity), config, register.accounts, step=step, ahead=ahead
            )
    the_period, why = resolve_period(loaded.frame, config, period, start, end, today=today)
    account_ids = [a.account_id for a in register.accounts]
    active = [a.account_id for a in register.accounts if a.status == AccountStatus.ACTIVE]
    warnings = loaded.warnings() + period_warnings(
        loaded.coverage,
        loaded.frame["timestamp"],
        the_period,
        config.zone,
        today,
        active,
        exports=bool(loaded.ledger),
    )
    with stage("computing the figures per account"):
        calendar = BusinessCalendar.from_config(config)
        metrics = compute_metrics(
            loaded.frame,
            the_period,
            calendar,
            unanswered_after_business_days=_unanswered_days(config),
            account_ids=account_ids,
            covered=loaded.coverage.covered(
                list(dict.fromkeys([*account_ids, *loaded.coverage.accounts])),
                the_period,
                config.zone,
            ),
        )
    warnings += inbound_unregistered(metrics)
    ctx = AuditContext(
        config=config,
        period=the_period,
        accounts=register.accounts_frame(),
        activity=loaded.frame,
        metrics=metrics,
        staff=register.staff_frame(),
        departments=register.departments_frame(),
        waivers=register.waivers,
        calendar=calendar,
        run_date=today,
    )
    with stage("running the checks"):
        checks = run_checks(ctx)
    result = AuditResult(
        tool_version=__version__,
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        lang=str(lang or config.language),
        organisation=config.organisation.name,
        communications_department=config.organisation.communications_department,
        kcc=config.organisation.kcc,
        period=the_period,
        inputs=[*register.ledger, *loaded.ledger],
        accounts=_accounts(register, metrics, the_period.end),
        departments=_departments(register),
        findings=checks.findings,
        skipped=checks.skipped,
        problems=[p.as_message() for p in register.problems] + warnings,
        answer_due=today + dt.timedelta(days=config.reports.answer_within_days),
    )
    _assert_ledger(result.inputs)
    return AuditRun(
        result=result, register=register, config=config, period_reason=why, warnings=warnings
    )


def _unanswered_days(config: Config) -> float:
    if "RSP002" not in registry():
        return 2.0
    return float(check_settings(config, "RSP002").params.unanswered_after_business_days)


def _assert_ledger(entries: list[LedgerEntry]) -> None:
    for entry in entries:
        if not entry.balanced():
            raise AssertionError(f"ledger of {entry.path} does not balance: {entry}")


def _accounts(register: Register, metrics: pd.DataFrame, end: dt.date) -> list[AccountResult]:
    from auditor.activity.metrics import metrics_for_json

    out = []
    leavers = _Leavers(register.staff or [], end)
    # One dict per account at once: a row taken out of a frame of mixed columns costs about
    # as much as converting the whole frame does for a few rows.
    rows = dict(zip(metrics.index, metrics.to_dict("records"), strict=True))
    for account in register.accounts:
        row = rows.get(account.account_id)
        out.append(
            AccountResult(
                account_id=account.account_id,
                platform=account.platform,
                handle=account.handle,
                channel_id=account.channel_id,
                handle_as_written=account.handle_as_written,
                display_name=account.display_name,
                type=account.type.value if account.type else None,
                department=account.department,
                status=account.status.value,
                owner_name=account.owner_name,
                owner_email=account.owner_email,
                substitute_name=account.substitute_name,
                substitute_email=account.substitute_email,
                owner_left=leavers.has_left(account.owner_name, account.owner_email),
                substitute_left=leavers.has_left(account.substitute_name, account.substitute_email),
                registered=True,
                former_ids=[make_account_id(account.platform, h) for h in account.former_handles],
                metrics=metrics_for_json(row) if row is not None else {},
            )
        )
    known = {a.account_id for a in register.accounts}
    for account_id, row in rows.items():
        if account_id in known:
            continue
        if not (row.get("posts") or row.get("replies")):
            # Only written to, never writing: nothing shows it is the organisation's, and it
            # may be a person writing in (an export that gives the sender as the account).
            # Their handles never reach a report; the run counts them (`inbound_unregistered`).
            continue
        platform, _, handle = str(account_id).partition(":")
        out.append(
            AccountResult(
                account_id=str(account_id),
                platform=platform,
                handle=handle,
                registered=False,
                metrics=metrics_for_json(row),
            )
        )
    return out


def _key(value: str | None) -> str:
    return " ".join(str(value or "").split()).casefold()


class _Leavers:
    """Who has left by `end` according to the staff list, looked up as OWN004 compares: by
    e-mail when both have one, else by name, written either way round (`Bakker-de Wit,
    Jolanda` is the list's `Jolanda Bakker-de Wit`), else by initial and surname where the list
    has one person of those (`A. de Vries`). Indexed once: a scan of the list per account would
    cost accounts × staff."""

    def __init__(self, staff: list[Person], end: dt.date):
        self.end = end
        self.by_email: dict[str, list[Person]] = defaultdict(list)
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        self.by_initial: dict[str, list[Person]] = defaultdict(list)
        for person in staff:
            if email := _key(person.email):
                self.by_email[email].append(person)
            if name := _key(person.name):
                self.by_name[staff_key(name)].append(person)
                if initials := initial_key(name, initial_only=False):
                    self.by_initial[initials].append(person)

    def has_left(self, name: str | None, email: str | None) -> bool:
        """Found in the staff list, and gone by `end` in every entry found. Someone the list
        does not know has not left as far as the audit knows: OWN004 reports them apart."""
        email_key, name_key = _key(email), _key(name)
        found = list(self.by_email.get(email_key, ())) if email_key else []
        # By name only where the two cannot be compared by e-mail.
        named = self.by_name.get(staff_key(name_key), []) if name_key else []
        if name_key and not named:
            once = self.by_initial.get(initial_key(name_key, initial_only=True), [])
            named = once if len(once) == 1 else []
        found += [p for p in named if not (email_key and _key(p.email))]
        return bool(found) and all(
            not p.active or (p.left_on or dt.date.max) <= self.end for p in found
        )


def _departments(register: Register) -> list[DepartmentResult]:
    listed = {d.name: d for d in register.departments or []}
    names = list(
        dict.fromkeys([*listed, *(a.department for a in register.accounts if a.department)])
    )
    # `Sport & Recreatie` and `Sport/Recreatie` slug alike: each pack its own file, or the
    # second overwrote the first and its accounts were in no pack.
    slugs: dict[str, str] = {}
    for name in names:
        base = slug = slugify(name)
        n = 1
        while slug in slugs.values():
            n += 1
            slug = f"{base}-{n}"
        slugs[name] = slug
    return [
        DepartmentResult(
            name=name,
            slug=slugs[name],
            manager_name=listed[name].manager_name if name in listed else None,
            manager_email=listed[name].manager_email if name in listed else None,
        )
        for name in names
    ]


# Writes the reports of a result into a folder: the report package's `write_reports`.
Writer = Callable[[AuditResult, Path], object]


def write_audit(
    result: AuditResult, out_dir: str | Path, *, write: Writer, force: bool = False
) -> Path:
    """Write every output into a temporary folder beside `out_dir`, then move it into place.

    An existing audit folder is never touched without `force`; with it, the old folder is only
    removed once the new one is complete.
    """

    def fill(staging: Path) -> None:
        with stage("writing findings.json"):
            # The same text as `json.dumps(..., ensure_ascii=False, indent=2)`, whose indenting
            # encoder is pure Python (5× slower on a large audit's 19 MB).
            (staging / "findings.json").write_bytes(to_json(result.to_json(), indent=2))
        write(result, staging)

    return replace_folder(out_dir, fill, force=force, exists=Message("cli.run.folder_exists"))
