"""The check engine: a registry of checks with their metadata, and the run over an audit.

Checks say *what* fails (they yield `Flag`s); the engine owns everything around that:
which checks run, their severity, the finding ids, waivers and skips.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from auditor.config import Config
from auditor.messages import KCC, TEAM, AccountRef, Message, PersonRef
from auditor.models import (
    Finding,
    FindingStatus,
    Period,
    Severity,
    Skipped,
    Waiver,
)


class CheckParams(BaseModel):
    """Thresholds of one check; `extra="forbid"` makes a typo in auditor.toml an error."""

    # `inf` and `nan` are numbers in TOML; a threshold of nan compares false with everything
    # and would switch the check off without a word.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class PolicyRef(BaseModel):
    model_config = ConfigDict(frozen=True)
    section: str
    quote: str
    # What an extra check enforces beyond the policy text (a law, a government baseline),
    # named as its readers know it; the quote still ties it to the policy.
    source: str | None = None


class Evidence(BaseModel):
    """What a check measured for one finding, field by field and typed. Every field may be
    missing (None); a field a department's manager may see in the pack is declared with
    `shared()`, and any other stays in the overview, so a field added later reaches no pack
    until it is declared shareable."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def shared() -> Any:
    """An evidence field a department's manager may see about the department's own account."""
    return Field(default=None, json_schema_extra={"shared": True})


# A measured number keeps its type (a count stays an int, a rate a float).
Number = int | float


class CheckMeta(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    name: str
    family: str
    severity: Severity
    policy: PolicyRef
    extra: bool = False  # goes beyond the policy text; says so wherever it is shown
    # Closed and planned accounts are judged too; most checks judge active accounts alone, and
    # the scorecard shows them as not applicable to the others rather than as passed.
    judges_inactive: bool = False
    # The check judges what the exports show: on an account whose exports do not cover the
    # period it judged nothing, and the scorecard says so rather than showing it passed.
    judges_activity: bool = False
    # Register columns the check reads as "recorded or not": with all of them missing from the
    # register it fails for every account it applies to, which the reader says once, up front.
    needs: tuple[str, ...] = ()
    evidence: type[Evidence] = Evidence

    @property
    def shared(self) -> tuple[str, ...]:
        """The evidence fields a department's manager may see in the pack."""
        return tuple(
            name
            for name, field in self.evidence.model_fields.items()
            if isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get("shared")
        )

    # The communications department and the customer contact centre the sentences name, as
    # the settings name them; None for the catalogue's default (see `for_team`).
    team: str | None = None
    kcc: str | None = None

    def for_team(self, team: str | None, kcc: str | None = None) -> CheckMeta:
        """The same check, its sentences naming `team` as the communications department and
        `kcc` as the customer contact centre."""
        if (team, kcc) == (self.team, self.kcc):
            return self
        return self.model_copy(update={"team": team, "kcc": kcc})

    # Title, description, reason and remedy are catalogue entries under the check's id.
    @property
    def title(self) -> Message:
        return self._sentence("title")

    @property
    def what(self) -> Message:
        return self._sentence("what")

    @property
    def why(self) -> Message:
        return self._sentence("why")

    @property
    def fix(self) -> Message:
        return self._sentence("fix")

    def _sentence(self, part: str) -> Message:
        named = {TEAM: self.team, KCC: self.kcc}
        return Message(f"{self.id}.{part}", **{k: v for k, v in named.items() if v is not None})


@dataclass(frozen=True)
class Flag:
    """One failure a check found: the engine turns it into a `Finding`."""

    account_id: str | None
    message: Message
    evidence: dict[str, Any] = field(default_factory=dict)
    subject: str | None = None  # tells apart two findings of one check on one account
    platform: str | None = None  # for findings about a platform (REG001)


class SkipCheck(Exception):
    """The check could not run (missing input); recorded with its reason, never a silent pass."""

    def __init__(self, reason: Message):
        self.reason = reason
        super().__init__(reason.key)


CheckFunc = Callable[["AuditContext", Any], Iterable[Flag]]


@dataclass(frozen=True)
class Check:
    meta: CheckMeta
    params_model: type[CheckParams]
    run: CheckFunc


_REGISTRY: dict[str, Check] = {}
# Check families are the modules of this package, found by walking it: adding a family is
# adding a module, and one that fails to import fails the run instead of silently missing.
CHECKS_PACKAGE = "auditor.checks"


def register(meta: CheckMeta, params: type[CheckParams] = CheckParams):
    def decorate(func: CheckFunc) -> CheckFunc:
        if meta.id in _REGISTRY and _REGISTRY[meta.id].run is not func:
            raise RuntimeError(f"check id {meta.id} registered twice")
        _REGISTRY[meta.id] = Check(meta=meta, params_model=params, run=func)
        return func

    return decorate


def registry() -> dict[str, Check]:
    """Every check, in catalogue order (by id)."""
    package = importlib.import_module(CHECKS_PACKAGE)
    for family in pkgutil.iter_modules(package.__path__, f"{CHECKS_PACKAGE}."):
        if not family.name.rpartition(".")[2].startswith("_"):
            importlib.import_module(family.name)
    return dict(sorted(_REGISTRY.items()))


class CheckSettings(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    enabled: bool
    severity: Severity
    params: Any


def check_settings(config: Config, check_id: str) -> CheckSettings:
    """A check as the configuration sets it: on or off, its severity, its thresholds."""
    check = registry()[check_id]
    raw = dict(config.checks.get(check_id, {}))
    enabled = raw.pop("enabled", True)
    severity = raw.pop("severity", None)
    return CheckSettings(
        enabled=enabled,
        severity=Severity(severity) if severity else check.meta.severity,
        params=check.params_model(**raw),
    )


@dataclass
class AuditContext:
    """What a check may look at. Frames, not loops: one row per account in `accounts`."""

    config: Config
    period: Period
    accounts: pd.DataFrame  # every register account (all statuses), one row each
    activity: pd.DataFrame  # canonical activity frame, every input row used
    metrics: pd.DataFrame  # per account_id, for the period
    staff: pd.DataFrame | None = None
    departments: pd.DataFrame | None = None
    waivers: list[Waiver] = field(default_factory=list)
    calendar: Any = None
    run_date: dt.date = field(default_factory=dt.date.today)

    @property
    def active_accounts(self) -> pd.DataFrame:
        return self.accounts[self.accounts["status"] == "active"]

    def params(self, check_id: str) -> Any:
        return check_settings(self.config, check_id).params

    def account(self, account_id: str) -> AccountRef:
        """A reference to an account, with its department as the register gives it; an
        account the register does not hold belongs to no department."""
        return AccountRef(account_id=account_id, department=self.homes.get(account_id))

    def person(self, name: str, *, of_account: str | None = None) -> PersonRef:
        """A reference to a person named on an account (owner, substitute): they belong to
        that account's department."""
        home = self.homes.get(of_account) if of_account is not None else None
        return PersonRef(name=name, department=home)

    @cached_property
    def homes(self) -> dict[str, str | None]:
        """Each register account's department (None: none named)."""
        departments = self.accounts["department"].astype(object)
        return {
            str(a): (None if pd.isna(d) else str(d))
            for a, d in zip(self.accounts["account_id"], departments, strict=True)
        }


@dataclass
class CheckRun:
    findings: list[Finding]
    skipped: list[Skipped]


def finding_id(check_id: str, account_id: str | None, subject: str | None) -> str:
    key = "|".join([check_id, account_id or "", subject or ""])
    return f"{check_id}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"


SWITCHED_OFF = Message("explain.disabled")


def run_checks(ctx: AuditContext) -> CheckRun:
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    # Where each account stands, read once: a lookup in the frame per finding cost seconds.
    platforms = dict(zip(ctx.accounts["account_id"], ctx.accounts["platform"], strict=True))
    team = ctx.config.organisation.communications_department
    for check_id, check in registry().items():
        settings = check_settings(ctx.config, check_id)
        if not settings.enabled:
            skipped.append(Skipped(check_id=check_id, reason=SWITCHED_OFF))
            continue
        try:
            flags = list(check.run(ctx, settings.params))
        except SkipCheck as skip:
            skipped.append(Skipped(check_id=check_id, reason=skip.reason))
            continue
        fix = check.meta.for_team(team, ctx.config.organisation.kcc).fix
        for flag in flags:
            findings.append(_finding(check, settings.severity, flag, platforms, ctx.homes, fix))
    _apply_waivers(findings, ctx.waivers, ctx.period)
    findings.sort(key=lambda f: (-f.severity.rank, f.check_id, f.account_id or "", f.subject or ""))
    return CheckRun(findings=findings, skipped=skipped)


def _finding(
    check: Check,
    severity: Severity,
    flag: Flag,
    platforms: dict[str, Any],
    homes: dict[str, str | None],
    fix: Message,
) -> Finding:
    platform = flag.platform
    department = None
    if flag.account_id is not None:
        if flag.account_id in platforms:
            platform = platforms[flag.account_id]
            department = homes.get(flag.account_id)
        elif platform is None:
            platform = flag.account_id.split(":", 1)[0]
    return Finding(
        finding_id=finding_id(check.meta.id, flag.account_id, flag.subject),
        check_id=check.meta.id,
        severity=severity,
        account_id=flag.account_id,
        platform=str(platform) if platform else None,
        department=department,
        subject=flag.subject,
        message=flag.message,
        evidence=_typed(check.meta, flag.evidence),
        fix=fix,
    )


def _typed(meta: CheckMeta, evidence: dict[str, Any]) -> dict[str, Any]:
    """The evidence checked against the check's model: a field it does not declare, or a value
    of the wrong type, is a mistake in the check, not in the input."""
    model = meta.evidence.model_validate(evidence)
    return {key: getattr(model, key) for key in evidence}


def waiver_applies(waiver: Waiver, period: Period) -> bool:
    return waiver.until is None or waiver.until >= period.end


def _apply_waivers(findings: list[Finding], waivers: list[Waiver], period: Period) -> None:
    active = {(w.account_id, w.check_id): w for w in waivers if waiver_applies(w, period)}
    for finding in findings:
        waiver = active.get((finding.account_id, finding.check_id))
        if waiver is None:
            continue
        finding.status = FindingStatus.WAIVED
        finding.waiver = {
            "reason": waiver.reason,
            "approved_by": waiver.approved_by,
            "until": waiver.until.isoformat() if waiver.until else None,
        }
