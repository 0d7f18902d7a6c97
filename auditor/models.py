"""Domain models: what the register holds and what an audit produces."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from auditor.messages import Message, to_json


class Platform(StrEnum):
    """The platforms the auditor knows by name; an account elsewhere keeps its platform's name
    as written (normalised), because the register oversees every account."""

    X = "x"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    LINKEDIN = "linkedin"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    THREADS = "threads"
    WHATSAPP = "whatsapp"
    OTHER = "other"


# Platforms whose profiles live on hosts the auditor knows (Mastodon's live on any server):
# an address on any other host is not their profile.
HOSTED_PLATFORMS = {p.value for p in Platform} - {Platform.MASTODON, Platform.OTHER}


class AccountType(StrEnum):
    MAIN = "main"
    SECONDARY = "secondary"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"
    PLANNED = "planned"


class Goal(StrEnum):
    LUISTEREN = "luisteren"
    INFORMEREN = "informeren"
    DIALOOG = "dialoog"
    SAMENWERKEN = "samenwerken"


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {severity: rank for rank, severity in enumerate(Severity)}


class FindingStatus(StrEnum):
    OPEN = "open"
    WAIVED = "waived"
    NEW = "new"
    PERSISTING = "persisting"


class _Row(BaseModel):
    """A register row: remembers where it came from so problems can name the place."""

    model_config = ConfigDict(extra="forbid")
    source_row: int | None = None


class Account(_Row):
    account_id: str
    platform: str  # a `Platform` value, or an unknown platform's normalised name
    handle: str
    # Another handle the register gives the account (a YouTube @name beside a channel URL).
    aliases: list[str] = Field(default_factory=list)
    # A YouTube channel known by its id: the id as the register writes it (`UCabc…`), which
    # reports and messages show; `handle` holds it folded, as ids and exports match it.
    channel_id: str | None = None
    # The handle as the register spells it (`RijnwoudeNL`), when not as `handle` reads: shown
    # in the reports; `handle` and the id stay folded, as matching is free of case.
    handle_as_written: str | None = None
    # A handle the register says the account had before (`Account (oud)`): exports made before
    # the renaming name it so. Never the account's identity: someone else may hold it now.
    former_handles: list[str] = Field(default_factory=list)
    # The Account cell held a name (`Gemeente Zeist`) and no URL says which profile it is: the
    # handle is that name folded, and nobody checked that such a profile is the account.
    handle_from_name: bool = False
    url: str | None = None
    display_name: str | None = None
    type: AccountType | None = None
    department: str | None = None
    sender: str | None = None
    owner_name: str | None = None
    owner_email: str | None = None
    substitute_name: str | None = None
    substitute_email: str | None = None
    # What the owner or substitute cell says where it names no one (`vacature`, `n.t.b.`, `?`):
    # never a person, but what OWN001 and OWN002 show the register says.
    owner_unnamed: str | None = None
    substitute_unnamed: str | None = None
    responder: str | None = None
    goal: list[Goal] = Field(default_factory=list)
    goal_raw: str | None = None
    role: str | None = None
    audience: str | None = None
    content_strategy: str | None = None
    communicatie_consulted: bool | None = None
    communicatie_consulted_on: dt.date | None = None
    house_style_review: dt.date | None = None
    owner_training: dt.date | None = None
    guideline_ack: bool | None = None
    guideline_ack_on: dt.date | None = None
    bio: str | None = None
    website: str | None = None
    expected_posts_per_week: float | None = None
    started: dt.date | None = None
    status: AccountStatus = AccountStatus.ACTIVE
    closed: dt.date | None = None
    # Account safety and record keeping, as recorded (SEC001, SEC002, ARC001).
    two_factor: str | None = None
    administrators: str | None = None
    archiving: str | None = None


class Person(_Row):
    name: str
    email: str | None = None
    department: str | None = None
    active: bool = True
    left_on: dt.date | None = None


class Department(_Row):
    name: str
    manager_name: str | None = None
    manager_email: str | None = None
    kind: str | None = None


class Waiver(_Row):
    account_id: str | None
    check_id: str
    reason: str | None = None
    approved_by: str | None = None
    until: dt.date | None = None
    source: str | None = None  # the file and sheet it stands in, as the ledger names them


class Period(BaseModel):
    model_config = ConfigDict(frozen=True)
    label: str
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class FindingRef(BaseModel):
    """What names a finding, in this audit or as resolved since the previous one."""

    finding_id: str
    check_id: str
    severity: Severity
    account_id: str | None
    platform: str | None
    department: str | None
    subject: str | None = None

    def ref_json(self) -> dict[str, Any]:
        """The fields findings.json gives every finding, current or resolved, in its order."""
        return {
            "finding_id": self.finding_id,
            "check_id": self.check_id,
            "severity": self.severity.value,
            "account_id": self.account_id,
            "platform": self.platform,
            "department": self.department,
        }


class Finding(FindingRef):
    status: FindingStatus = FindingStatus.OPEN
    message: Message
    evidence: dict[str, Any] = Field(default_factory=dict)
    fix: Message
    waiver: dict[str, Any] | None = None

    def to_json(self, lang: str) -> dict[str, Any]:
        """The finding as findings.json gives it: the sentence in the report's language, and the
        key and typed values it was rendered from, so other tools can use their own words."""
        return {
            **self.ref_json(),
            "status": self.status.value,
            "message": self.message(lang),
            "message_key": self.message.key,
            "message_params": self.message.params_json(),
            "evidence": to_json(self.evidence),
            "fix": self.fix(lang),
            **({"subject": self.subject} if self.subject else {}),
            **({"waiver": self.waiver} if self.waiver else {}),
        }


class Skipped(BaseModel):
    check_id: str
    reason: Message
