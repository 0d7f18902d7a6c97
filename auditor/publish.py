"""The public list of the municipality's official accounts, from the register.

Citizens, journalists and the KCC need to tell the municipality's accounts from impostors.
The list says which accounts are official and which are no longer in use, and never who runs
them: no owner, substitute, e-mail address or manager leaves the register this way. Only the
fields of `PublicAccount` are written, so a column added to the register later reaches no
public file until it is added here.

The open data (CSV and JSON) is language-neutral: platforms and goals by their codes. The web
page is rendered by the report package, in Dutch or English.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Collection
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlencode

from pydantic import BaseModel, ConfigDict, Field

from auditor import __version__
from auditor.folders import replace_folder
from auditor.identity import channel_address, is_channel_id, parse_url, platform_from_url
from auditor.messages import Message, has, text
from auditor.models import Account, AccountStatus, AccountType, Platform
from auditor.register import Register
from auditor.register.people import (
    KnownPeople,
    Person,
    letters,
    mentioned,
    names_someone,
    read_person,
)

SCHEMA_ID = "auditor.public-accounts/1"
SCHEMA_FILE = "public-accounts.schema.json"
CSV_FILE = "accounts.csv"
JSON_FILE = "accounts.json"
PAGE_FILE = "index.html"

PublicStatus = Literal["active", "closed", "planned"]
_STATUS = {
    AccountStatus.ACTIVE: "active",
    AccountStatus.CLOSED: "closed",
    AccountStatus.PLANNED: "planned",
}


class PublicAccount(BaseModel):
    """One account as the public may know it: nothing in it names a person."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_serialization_defaults_required=True
    )
    status: PublicStatus = Field(
        description="active: an official account in use; closed: no longer in use, "
        "so messages on it do not come from the municipality (the published list holds no "
        "planned account; `auditor verify --format json` may say planned)"
    )
    platform: str = Field(
        description="Platform code: x, facebook, instagram, … or the name of another platform "
        "as the register writes it, folded"
    )
    platform_name: str = Field(description="The platform as people write it (X, LinkedIn)")
    handle: str = Field(description="The account's handle, lower-case, without @")
    url: str | None = Field(description="Link to the profile (http or https), if known")
    name: str | None = Field(description="The account's display name")
    department: str | None = Field(description="Department or project responsible")
    main_account: bool = Field(
        description="The municipality's general account on the platform (hoofdaccount)"
    )
    goals: list[str] = Field(
        description="The account's goals from the policy: luisteren, informeren, dialoog, "
        "samenwerken"
    )
    closed_on: dt.date | None = Field(description="Date the account was closed, if known")


class PublicList(BaseModel):
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, json_schema_serialization_defaults_required=True
    )
    # The type said outright: pydantic before 2.7 leaves it out of a one-value Literal's schema.
    schema_: Literal["auditor.public-accounts/1"] = Field(
        SCHEMA_ID, alias="schema", json_schema_extra={"type": "string"}
    )
    organisation: str
    generated_on: dt.date
    tool_version: str = __version__
    accounts: list[PublicAccount] = Field(
        description="Official accounts in use first, then those no longer in use"
    )

    @property
    def active(self) -> list[PublicAccount]:
        return [a for a in self.accounts if a.status == "active"]

    @property
    def closed(self) -> list[PublicAccount]:
        return [a for a in self.accounts if a.status == "closed"]

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


# The columns of accounts.csv, in order: the fields of PublicAccount.
CSV_COLUMNS = list(PublicAccount.model_fields)


def public_list(register: Register, organisation: str, today: dt.date) -> PublicList:
    """The active and the closed accounts of the register; planned accounts are left out: they
    do not exist yet, and naming their handles early invites someone else to take them."""
    shown = [
        a for a in register.accounts if a.status in (AccountStatus.ACTIVE, AccountStatus.CLOSED)
    ]
    people = people_named(register)
    accounts = sorted((public_account(a, people) for a in shown), key=_order)
    return PublicList(organisation=organisation, generated_on=today, accounts=accounts)


def _order(account: PublicAccount) -> tuple:
    return (
        account.status != "active",
        account.platform_name.casefold(),
        not account.main_account,
        (account.name or account.handle).casefold(),
        account.handle,
    )


def public_account(account: Account, people: Collection[Person] = ()) -> PublicAccount:
    """An account as the public may know it; `people` are everyone the register names as a
    person, none of whom may be its display name or department."""
    return PublicAccount(
        status=_STATUS[account.status],
        platform=account.platform,
        platform_name=platform_name(account.platform),
        handle=account.handle,
        url=_link(account),
        name=public_name(account, people),
        department=_impersonal(account.department, account, people),
        main_account=account.type == AccountType.MAIN,
        goals=[str(g) for g in account.goal],
        closed_on=account.closed if account.status == AccountStatus.CLOSED else None,
    )


def platform_name(code: str) -> str:
    """A platform's name as people write it; the same in every language the auditor speaks,
    except the word for another platform, which the open data gives in English."""
    key = f"platform.{code}"
    return text(key, "en") if has(key) else code.capitalize()


def public_name(account: Account, people: Collection[Person] = ()) -> str | None:
    """The display name, unless it names a person: the account's owner or substitute (or
    their first name alone), or anyone else the register names as a person, in any way a
    register writes them (`Jansen, Jan`, `J. Jansen`, the name in an address); or unless it
    holds an e-mail address or telephone number. A register whose "Naam" column holds a
    person must not publish that person."""
    return _impersonal(account.display_name, account, people)


def _impersonal(value: str | None, account: Account, people: Collection[Person]) -> str | None:
    if value is None or not value.strip():
        return None
    own = _account_people(account, {letters(account.department or "")})
    if names_someone(value, own) or names_someone(value, people):
        return None
    # The account's own people by first name anywhere in it: `Wijkagent Anna`, `Anna's blog`.
    first_names = {n.given for p in own for n in p.names if len(n.given) >= 3}
    words = {letters(re.sub(r"['’]s$", "", w)) for w in value.split()}
    return None if words & first_names else value


def _account_people(account: Account, units: set[str]) -> list[Person]:
    found = [
        read_person(" ".join(v for v in (name, email) if v))
        for name, email in (
            (account.owner_name, account.owner_email),
            (account.substitute_name, account.substitute_email),
        )
        if name or email
    ]
    found += mentioned(account.administrators)
    return [p for p in found if p and not _a_unit(p, units)]


# Words that make a name in the Administrators column a team's rather than a person's.
_TEAM_WORDS = {"team", "afdeling", "afd", "webcare", "kcc", "communicatie", "redactie"}


def _a_unit(person: Person, units: set[str]) -> bool:
    """A department or team the Administrators column lists beside people (`Team Sport`,
    `Communicatie`): no person, and its name may well be the account's department."""
    name = letters(person.name_text)
    if not name:  # an address alone: a person's, as far as anyone can tell
        return False
    words = {letters(w) for w in person.name_text.split()}
    return name in units or bool(words & _TEAM_WORDS)


def people_named(register: Register) -> KnownPeople:
    """Everyone the register names as a person: owners, substitutes, listed administrators,
    staff and managers, each with the ways they are written."""
    units = {letters(a.department) for a in register.accounts if a.department}
    units |= {letters(d.name) for d in register.departments or []}
    found: list[Person] = []
    for account in register.accounts:
        found += _account_people(account, units)
    pairs = [(p.name, p.email) for p in register.staff or []]
    pairs += [(d.manager_name, d.manager_email) for d in register.departments or []]
    for name, email in pairs:
        if name or email:
            person = read_person(" ".join(v for v in (name, email) if v))
            found += [person] if person else []
    return KnownPeople(found)


# Where a profile lives, for an account the register gives no link for.
_PROFILES = {
    Platform.X: "https://x.com/{handle}",
    Platform.INSTAGRAM: "https://www.instagram.com/{handle}",
    Platform.TIKTOK: "https://www.tiktok.com/@{handle}",
    Platform.YOUTUBE: "https://www.youtube.com/@{handle}",
    Platform.THREADS: "https://www.threads.net/@{handle}",
    Platform.BLUESKY: "https://bsky.app/profile/{handle}",
}


def _link(account: Account) -> str | None:
    """The register's URL when it is a web address that names this account (not the
    municipality's site, not someone else's profile); else the profile's usual address on a
    platform whose addresses follow from the handle; else none. A published link always
    leads `auditor verify` back to the account."""
    from auditor.verify import Index, Verdict

    found = Index([account])
    # The register's link tidied, else the platform's usual address for the handle (a link
    # copied through a login wall names the account only in its query), else the link as is.
    candidates = [_tidy(account.url)] if account.url else []
    # A handle folded from a name (`Gemeente Zeist`) may well be someone else's profile.
    usual = None if account.handle_from_name else _usual_address(account)
    candidates += [usual, account.url]
    for url in candidates:
        parsed = parse_url(url) if url else None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.hostname:
            continue
        if _tidy(url) is None:  # a port that is no number
            continue
        link = parsed.geturl()
        if found.find(link).verdict not in (Verdict.NOT_FOUND, Verdict.UNREADABLE):
            return link
    return None


def _tidy(url: str) -> str | None:
    """A profile link as it is published: the host in lower case, and on a platform the
    auditor knows, https and without what a copied link carries along (`?hl=nl`,
    `?ref_src=twsrc`, `#about`), except the id of `profile.php?id=…`."""
    parsed = parse_url(url)
    if parsed is None or not parsed.hostname:
        return None
    try:
        port = parsed.port
    except ValueError:  # `x.com:abc`: no address a browser can open
        return None
    host = parsed.hostname.casefold() + (f":{port}" if port else "")
    if platform_from_url(url) is None:
        return parsed._replace(netloc=host, fragment="").geturl()
    query = ""
    if parsed.path.casefold().rstrip("/").endswith("profile.php"):
        ids = {k.casefold(): v for k, v in parse_qs(parsed.query).items()}.get("id")
        query = urlencode({"id": ids[0]}) if ids else ""
    return parsed._replace(scheme="https", netloc=host, query=query, fragment="").geturl()


# A handle that can stand in a profile address as it is.
_PLAIN_HANDLE = re.compile(r"[a-z0-9][a-z0-9._-]*(@[a-z0-9.-]+)?")


def _usual_address(account: Account) -> str | None:
    handle = account.handle
    if not _PLAIN_HANDLE.fullmatch(handle):
        return None
    if account.platform == Platform.MASTODON:
        user, at, server = handle.partition("@")
        return f"https://{server}/@{user}" if at else None
    if "@" in handle:
        return None
    if is_channel_id(account.platform, handle):
        # Not `youtube.com/@UC…`: a channel's id has its own address, in its own case.
        return channel_address(account.platform, account.channel_id or handle)
    if account.platform == Platform.FACEBOOK:
        return f"https://www.facebook.com/{handle}"
    template = _PROFILES.get(account.platform)  # type: ignore[call-overload]
    return template.format(handle=handle) if template else None


def csv_text(public: PublicList) -> str:
    """accounts.csv: comma-separated, UTF-8, a header row; lists joined with "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for account in public.accounts:
        row = account.model_dump(mode="json")
        writer.writerow([_csv_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(value)
    value = str(value)
    # A spreadsheet runs a cell that starts like a formula; the open data is read in one.
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def json_schema() -> dict[str, Any]:
    schema = PublicList.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Official social media accounts"
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema() -> str:
    return resources.files("auditor").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


# Writes the web page of a public list into a folder, in a language: the report package's.
PageWriter = Callable[[PublicList, Path, str], object]


def write_public(
    public: PublicList, out_dir: Path, *, write_page: PageWriter, lang: str, force: bool = False
) -> Path:
    """The page, the open data and its schema, written whole into `out_dir` or not at all."""

    def fill(folder: Path) -> None:
        (folder / JSON_FILE).write_text(
            json.dumps(public.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (folder / CSV_FILE).write_text(csv_text(public), encoding="utf-8", newline="")
        (folder / SCHEMA_FILE).write_text(shipped_schema(), encoding="utf-8")
        write_page(public, folder, lang)

    return replace_folder(out_dir, fill, force=force, exists=Message("publish.folder_exists"))
