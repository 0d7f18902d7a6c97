"""`auditor.toml`: every threshold and setting, validated strictly (a typo is an error).

What is wrong is said per setting, `checks.ACT002.days: ...`, in the words of the catalogue's
`config` section; a validator here raises a `PydanticCustomError` whose type is its entry.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from auditor.identity import looks_like_url
from auditor.messages import DEFAULT_LANG, Message, languages

_HOURS = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True, allow_inf_nan=False)


class Organisation(Strict):
    name: str = Field("Gemeente Zeist", description="Name of the organisation in reports")
    communications_department: str = Field(
        "Communicatie",
        description="Department that coordinates the main accounts (OWN006), and that the "
        "reports send their readers to",
    )
    kcc: str = Field("KCC", description="Customer contact centre that answers on main accounts")
    policy_date: dt.date = Field(
        dt.date(2013, 8, 29), description="Accounts started after this date need REG003"
    )

    @field_validator("name", "communications_department", "kcc")
    @classmethod
    def _names(cls, value: str) -> str:
        return _filled(value)


def _filled(value: str) -> str:
    """A name or domain the checks compare with: empty, it matches everything or nothing and
    turns a check into noise or silence (switch a check off with `enabled = false`)."""
    if not value.strip():
        raise PydanticCustomError("config.empty_text", "may not be empty")
    return value.strip()


class BusinessHours(Strict):
    monday: str | None = Field("08:30-17:00", description='Opening hours "HH:MM-HH:MM"; "" closed')
    tuesday: str | None = "08:30-17:00"
    wednesday: str | None = "08:30-17:00"
    thursday: str | None = "08:30-17:00"
    friday: str | None = "08:30-17:00"
    saturday: str | None = None
    sunday: str | None = None
    holiday_country: str | None = Field("NL", description="Public holidays (ISO country code)")
    holiday_subdivision: str | None = None
    closed_days: list[dt.date] = Field(
        default_factory=list, description="Extra closed days, e.g. [2026-05-15]"
    )
    # Most Dutch municipalities work on Good Friday, which the holidays package counts as a
    # public holiday: the organisation says so here, rather than the package's list changing.
    open_days: list[dt.date] = Field(
        default_factory=list,
        description="Public holidays on which the organisation is open, e.g. [2026-04-03]",
    )

    @field_validator("closed_days", "open_days", mode="before")
    @classmethod
    def _one_day(cls, value: Any) -> Any:
        # `closed_days = 2026-05-15`: one day, written without the list around it.
        return [value] if isinstance(value, dt.date | str) else value

    @field_validator(*WEEKDAYS)
    @classmethod
    def _hours(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        match = _HOURS.match(value.strip())
        if not match:
            raise PydanticCustomError(
                "config.hours_format", 'expected "HH:MM-HH:MM", e.g. "08:30-17:00"'
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if not (0 <= h1 <= 24 and 0 <= h2 <= 24 and m1 < 60 and m2 < 60):
            raise PydanticCustomError(
                "config.hours_range", "hours must lie between 00:00 and 24:00"
            )
        if h1 * 60 + m1 >= h2 * 60 + m2:
            raise PydanticCustomError(
                "config.hours_order", "opening time must be before closing time"
            )
        return value.strip()

    @field_validator("holiday_country", "holiday_subdivision")
    @classmethod
    def _blank(cls, value: str | None) -> str | None:
        return value.strip() or None if value else None

    @field_validator("holiday_country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        # Told here, where the key is known, not when the first holiday is looked up.
        if value is None:
            return None
        if value.upper() not in _holiday_countries():
            raise PydanticCustomError(
                "config.unknown_country", "unknown country {value}", {"value": value}
            )
        return value.upper()

    @field_validator("holiday_subdivision")
    @classmethod
    def _subdivision(cls, value: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("holiday_country")
        if value is None or country is None:
            return value
        known = _subdivisions(country)
        found = next((s for s in known if s.casefold() == value.casefold()), None)
        if found is None:
            raise PydanticCustomError(
                "config.unknown_subdivision",
                "unknown subdivision {value} of {country}",
                {"value": value, "country": country, "choices": list(known) or ["–"]},
            )
        return found

    @model_validator(mode="after")
    def _open_or_closed(self) -> BusinessHours:
        both = sorted(set(self.closed_days) & set(self.open_days))
        if both:
            raise PydanticCustomError(
                "config.open_and_closed",
                "{days} both open and closed",
                {"days": ", ".join(day.isoformat() for day in both)},
            )
        return self

    @model_validator(mode="after")
    def _open_some_day(self) -> BusinessHours:
        # Never open, every reply takes 0 business hours: the reply checks could never fire.
        if all(getattr(self, day) is None for day in WEEKDAYS):
            raise PydanticCustomError("config.never_open", "open on no day of the week")
        return self

    def minutes(self) -> list[tuple[int, int] | None]:
        """(open, close) in minutes after midnight, Monday first."""
        out: list[tuple[int, int] | None] = []
        for day in WEEKDAYS:
            value = getattr(self, day)
            if value is None:
                out.append(None)
                continue
            h1, m1, h2, m2 = (int(g) for g in _HOURS.match(value).groups())
            out.append((h1 * 60 + m1, h2 * 60 + m2))
        return out


@cache
def _holiday_countries() -> frozenset[str]:
    """The codes of the countries whose public holidays are known."""
    # The registry's codes: `list_supported_countries()` lists every country's subdivisions
    # to check one code. (Either way the calendar imports all countries: `holidays.countries`
    # imports them as a package, 0.05 s of every run.)
    from holidays.registry import EntityLoader

    return frozenset(EntityLoader.get_country_codes())


@cache
def _subdivisions(country: str) -> list[str]:
    import holidays

    return list(getattr(holidays, country).subdivisions)


class HouseStyle(Strict):
    naming_pattern: str = Field(
        r"(?i)\bzeist\b",
        description="Regular expression a display name must match (STY001)",
    )
    naming_rule: str = Field(
        "de naam bevat ‘Zeist’",
        description="The naming pattern in words, as reports quote it (STY001)",
    )
    home_domain: str = Field("zeist.nl", description="Site profiles must link to (STY002)")

    @field_validator("naming_pattern", "naming_rule", "home_domain", mode="before")
    @classmethod
    def _texts(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        filled = _filled(value)
        return value if info.field_name == "naming_pattern" else filled  # a space may matter

    @field_validator("naming_pattern")
    @classmethod
    def _regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            # Where, not Python's English why: the pattern is the user's own to look at.
            position = (exc.pos if exc.pos is not None else len(value)) + 1
            raise PydanticCustomError(
                "config.bad_regex",
                "not a valid regular expression at character {position}",
                {"position": position, "pattern": value},
            ) from None
        return value


class InboxMapping(Strict):
    """Column mapping for a webcare/inbox export; a new vendor is a new mapping, not new code."""

    detect: list[str] = Field(description="Header names that must all be present")
    item_id: str = Field(description="Column of the message id")
    timestamp: str = Field(description="Column of the time the message was sent or received")
    direction: str = Field(description="Column saying whether a message came in or went out")
    inbound: list[str] = Field(
        default_factory=lambda: ["inbound", "in", "incoming", "inkomend"],
        description='Values of `direction` meaning inbound; a yes/no column: ["True"]',
    )
    outbound: list[str] = Field(
        default_factory=lambda: ["outbound", "out", "outgoing", "uitgaand", "reply", "uit"],
        description='Values of `direction` meaning outbound; a yes/no column: ["False"]',
    )
    conversation_id: str | None = Field(None, description="Column of the conversation id")
    in_reply_to: str | None = Field(
        None, description="Column of the id of the message a message answers"
    )
    account: str | None = Field(None, description="Column naming the organisation's own account")
    author: str | None = Field(
        None,
        description="Instead of `account`: column of the author; the account is the author of "
        "the outbound messages and of the answers to an inbound one (read, never kept)",
    )
    text: str | None = Field(
        None,
        description="With `author`: column of the message text; an inbound message nobody "
        "answered belongs to the account its leading @handle names (read, never kept)",
    )
    platform: str | None = Field(None, description="Column naming the platform")
    platform_value: str | None = Field(None, description="Fixed platform when no column says it")
    kind: str | None = Field(None, description="Column of the kind: post, reply, message ...")
    timestamp_format: str | None = Field(
        None, description="strptime format, e.g. %d-%m-%Y %H:%M; default ISO 8601"
    )
    dayfirst: bool = Field(False, description="Without a format: 03/04 is 3 April, not 4 March")
    timezone: str | None = Field(None, description="Zone of naive times; default the audit zone")

    @field_validator("detect", "inbound", "outbound")
    @classmethod
    def _not_empty(cls, value: list[str]) -> list[str]:
        # An empty `detect` holds for every file, and empty `inbound`/`outbound` for no row.
        if not [v for v in value if v.strip()]:
            raise PydanticCustomError("config.empty_list", "give at least one value")
        return value

    @field_validator("timestamp_format")
    @classmethod
    def _format(cls, value: str | None) -> str | None:
        if value is None:
            return None
        sample = dt.datetime(2026, 3, 14, 15, 9, 26, tzinfo=dt.UTC)  # %z and %Z need a zone
        try:
            if "%" not in value:  # `dd-mm-yyyy`, as a spreadsheet writes a format
                raise ValueError(value)
            dt.datetime.strptime(sample.strftime(value), value)
        except ValueError:
            raise PydanticCustomError(
                "config.bad_time_format",
                "'{value}' is not a time format",
                {"value": value},
            ) from None
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError(
                "config.unknown_zone", "unknown time zone '{zone}'", {"zone": value}
            ) from None
        return value

    @model_validator(mode="after")
    def _one_way_to_the_account(self) -> InboxMapping:
        if self.account and self.author:
            raise PydanticCustomError(
                "config.account_or_author",
                "give the account column (account) or the author column (author), not both",
            )
        if self.text and not self.author:
            raise PydanticCustomError(
                "config.text_needs_author", "text is only read together with author"
            )
        both = {w.strip().casefold() for w in self.inbound} & {
            w.strip().casefold() for w in self.outbound
        }
        if both:
            raise PydanticCustomError(
                "config.inbound_and_outbound",
                "'{value}' is in both inbound and outbound",
                {"value": sorted(both)[0]},
            )
        return self


class Reports(Strict):
    answer_within_days: int = Field(
        30,
        ge=1,
        le=366,
        description="Days after the audit date within which owners answer; reports name the date",
    )


class Activity(Strict):
    mappings: dict[str, InboxMapping] = Field(default_factory=dict)
    accounts: dict[str, str] = Field(
        default_factory=dict,
        description="Export file (name or glob) → the register account it belongs to, for "
        'exports that do not name their account, e.g. "Table data.csv" = "youtube:gemeentezeist"',
    )

    @field_validator("accounts")
    @classmethod
    def _accounts(cls, value: dict[str, str]) -> dict[str, str]:
        for pattern, account in value.items():
            if not pattern.strip():
                raise PydanticCustomError("config.empty_file_pattern", "a file name is empty")
            if not _names_account(account):
                raise PydanticCustomError(
                    "config.not_an_account",
                    "'{value}' for '{file}' is not an account: write <platform>:<handle> "
                    '(e.g. "youtube:gemeentezeist") or a profile URL',
                    {"value": account, "file": pattern},
                )
        return value


def _names_account(value: str) -> bool:
    """`platform:handle` or a profile URL (`https://www.youtube.com/@zeist`)."""
    text = value.strip()
    if looks_like_url(text):
        return True
    platform, _, handle = text.partition(":")
    return bool(platform.strip() and handle.strip().lstrip("@"))


class Config(Strict):
    timezone: str = Field("Europe/Amsterdam", description="Zone for days, weeks and office hours")
    language: str = Field(DEFAULT_LANG, description="Report language: a catalogue's, nl or en")
    organisation: Organisation = Field(default_factory=Organisation)
    business_hours: BusinessHours = Field(default_factory=BusinessHours)
    house_style: HouseStyle = Field(default_factory=HouseStyle)
    reports: Reports = Field(default_factory=Reports)
    activity: Activity = Field(default_factory=Activity)
    waivers: list[Path] = Field(
        default_factory=list,
        description="Waiver files (xlsx or csv) besides the register's Uitzonderingen sheet; "
        "relative to this file",
    )
    checks: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per check: enabled, severity and its thresholds, e.g. [checks.ACT002]",
    )

    @field_validator("waivers", mode="before")
    @classmethod
    def _one_file(cls, value: Any) -> Any:
        # `waivers = "uitzonderingen.xlsx"`: one file, written without the list around it.
        return [value] if isinstance(value, str) else value

    @field_validator("language", mode="before")
    @classmethod
    def _language_case(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in languages():
            raise PydanticCustomError(
                "config.not_one_of",
                "'{value}' is not one of {choices}",
                {"value": value, "choices": list(languages())},
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError(
                "config.unknown_zone", "unknown time zone '{zone}'", {"zone": value}
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def key_path(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)


def at_setting(setting: str, what: Message) -> Message:
    """What is wrong with one setting, named by its key."""
    return Message("config.at_setting", setting=setting, what=what)


# Pydantic's own errors that a hand-written auditor.toml meets, by error type: the catalogue
# entry and the context values it takes.
_PYDANTIC = {
    "extra_forbidden": ("config.unknown_key", ()),
    "missing": ("config.missing", ()),
    "string_type": ("config.expected_text", ()),
    "int_type": ("config.expected_integer", ()),
    "int_parsing": ("config.expected_integer", ()),
    "int_from_float": ("config.expected_integer", ()),
    "float_type": ("config.expected_number", ()),
    "float_parsing": ("config.expected_number", ()),
    "finite_number": ("config.finite_number", ()),
    "bool_type": ("config.expected_boolean", ()),
    "bool_parsing": ("config.expected_boolean", ()),
    "date_type": ("config.expected_date", ()),
    "date_parsing": ("config.expected_date", ()),
    "date_from_datetime_parsing": ("config.expected_date", ()),
    "date_from_datetime_inexact": ("config.expected_date", ()),
    "list_type": ("config.expected_list", ()),
    "path_type": ("config.expected_file_name", ()),
    "dict_type": ("config.expected_table", ()),
    "model_type": ("config.expected_table", ()),
    "greater_than": ("config.greater_than", ("gt",)),
    "greater_than_equal": ("config.at_least", ("ge",)),
    "less_than": ("config.less_than", ("lt",)),
    "less_than_equal": ("config.at_most", ("le",)),
}


def pydantic_message(err: dict) -> Message:
    """One pydantic error in the catalogue's words: our validators' errors are typed by their
    entry; pydantic's common ones are mapped; any other keeps pydantic's (English) text."""
    ctx = err.get("ctx") or {}
    if err["type"].startswith("config."):
        return Message(err["type"], **ctx)
    if err["type"] in _PYDANTIC:
        entry, names = _PYDANTIC[err["type"]]
        return Message(entry, **{name: ctx[name] for name in names})
    if err["type"] in {"enum", "literal_error"} and "expected" in ctx:
        # pydantic says the choices as "'nl' or 'en'"
        choices = re.findall(r"'([^']*)'", str(ctx["expected"]))
        return Message("config.not_one_of", value=str(err["input"]), choices=choices)
    if err["type"] == "value_error" and "error" in ctx:
        return Message("config.invalid", detail=str(ctx["error"]))
    return Message("config.invalid", detail=err["msg"])


def in_turn(messages: list[Message]) -> Message:
    """Sentences said one after the other, separated by semicolons."""
    first, *rest = messages
    return Message("config.in_turn", first=first, rest=in_turn(rest)) if rest else first


CONFIG_NAME = "auditor.toml"


def find_config(path: str | Path | None, register: str | Path | None = None) -> Path | None:
    """The settings file: the one given; else an auditor.toml beside the register (where
    `auditor init` writes it), else in the working directory; None: the defaults."""
    if path is not None:
        return Path(path)
    places = [Path(register).parent] if register is not None else []
    for folder in [*places, Path.cwd()]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None
