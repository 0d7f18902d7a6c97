"""Ownership: every account has a named person, a substitute and a responsible department.

Policy section 3 asks that it is clear *who* fills an account and who steps in during illness
and holidays; section 2 puts secondary accounts in the line and main accounts with
Communicatie and the KCC.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd

from auditor.checks._common import as_dates, blank, missing, name_key, plain, rows, to_date
from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Evidence,
    Flag,
    PolicyRef,
    SkipCheck,
    register,
    shared,
)
from auditor.messages import Message, PersonRef
from auditor.models import Severity
from auditor.register.people import (
    initial_key,
    read_person,
    several_people,
    staff_key,
)
from auditor.register.person_cells import names_no_one

SECTION_2 = "2. Hoe organiseren we het gebruik?"
SECTION_3 = "3. Algemene spelregels bij het gebruik van social media"

# A name starting with (or made of) one of these words is an organisational unit.
_UNIT_WORDS = {
    "team",
    "afdeling",
    "afd",
    "department",
    "dept",
    "sector",
    "cluster",
    "bureau",
    "unit",
    "dienst",
    "directie",
    "werkgroep",
    "projectgroep",
    "projectteam",
    "gemeente",
    "municipality",
}
# Functions rather than people: a name equal to one of these is a team.
_FUNCTIONS = {
    "communicatie",
    "communications",
    "kcc",
    "klantcontactcentrum",
    "webcare",
    "redactie",
    "servicedesk",
    "helpdesk",
    "secretariaat",
    "socialmedia",
    "webteam",
    "pers",
    "persvoorlichting",
}
# Local parts of shared mailboxes.
_MAILBOXES = _FUNCTIONS | {
    "info",
    "noreply",
    "donotreply",
    "contact",
    "post",
    "postbus",
    "social",
    "admin",
    "beheer",
    "marketing",
    "nieuws",
    "news",
    "webmaster",
    "klantcontact",
    "online",
    "web",
    "team",
    "gemeente",
}


def _letters(value: str) -> str:
    return re.sub(r"[^a-z]", "", value.casefold())


def _is_shared_mailbox(address: str, units: set[str]) -> bool:
    local = _letters(address.split("@", 1)[0])
    return local in _MAILBOXES or local in units or local.startswith(("team", "afdeling"))


def _not_a_person(name: object, email: object, units: set[str]) -> tuple[str, str | None] | None:
    """The rule that shows an owner is not a named person, with what matched; None if a person.

    Without a name the address is all there is: a shared mailbox there is the more telling
    rule, a personal address still leaves the owner unnamed.
    """
    # Words people type when there is nobody: the register reader reads them as no one, but
    # a register built elsewhere may still carry them.
    if missing(name) or names_no_one(str(name)):
        if not missing(email) and _is_shared_mailbox(str(email), units):
            return ("shared_mailbox", str(email))
        return ("missing", None) if missing(name) else ("placeholder", str(name))
    text = str(name).strip()
    if "@" in text:
        return ("shared_mailbox", text) if _is_shared_mailbox(text, units) else None
    if not re.search(r"[^\W\d_]", text):
        return ("no_letters", text)
    if _letters(text) in units:
        return ("department_name", text)
    words = [_letters(w) for w in re.split(r"[\s/&+,-]+", text) if _letters(w)]
    if _letters(text) in _FUNCTIONS or (words and words[0] in _UNIT_WORDS):
        return ("team_name", text)
    if any(w in {"team", "afdeling"} or (len(w) >= 8 and w.endswith("team")) for w in words):
        return ("team_name", text)
    return None


# What a substitute cell may hold that is no person: a team or a shared mailbox stands in for
# nobody by name (an empty cell or a placeholder is OWN002's `no_substitute`).
_NO_PERSON_SUBSTITUTE = {"shared_mailbox", "team_name", "department_name"}


def _substitute_not_a_person(
    name: object, email: object, units: set[str]
) -> tuple[str, str | None] | None:
    verdict = _not_a_person(name, email, units)
    return verdict if verdict is not None and verdict[0] in _NO_PERSON_SUBSTITUTE else None


def _unit_names(ctx: AuditContext) -> set[str]:
    names = list(ctx.accounts["department"].dropna())
    if ctx.departments is not None and len(ctx.departments):
        names += list(ctx.departments["name"].dropna())
    names += [ctx.config.organisation.communications_department, ctx.config.organisation.kcc]
    return {_letters(str(n)) for n in names if _letters(str(n))}


def _person(ctx: AuditContext, value: object, account_id: str) -> PersonRef | None:
    """A name or address from an account's owner or substitute cells as a person of that
    account; None when the cell is empty. A cell a rule says is no person still stands where a
    person should, and the rule may be wrong about a real name: it is a person all the same."""
    if missing(value):
        return None
    return ctx.person(str(plain(value)), of_account=account_id)


def _unnamed(accounts: pd.DataFrame, role: str) -> list:
    """What each account's owner or substitute cell says where it names no one; None for
    each where the frame does not keep it (one built elsewhere than by the register reader)."""
    column = f"{role}_unnamed"
    return list(accounts[column]) if column in accounts else [None] * len(accounts)


class Own001Evidence(Evidence):
    rule: str | None = shared()
    matched: PersonRef | None = shared()
    owner_name: PersonRef | None = shared()
    owner_email: PersonRef | None = shared()


@register(
    CheckMeta(
        id="OWN001",
        needs=("owner_name",),
        evidence=Own001Evidence,
        name="owner-named",
        family="ownership",
        severity=Severity.HIGH,
        policy=PolicyRef(
            section=SECTION_3,
            quote="Duidelijk moet zijn wie die rol heeft. Deze rol ligt in de lijn.",
        ),
    )
)
def owner_named(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    units = _unit_names(ctx)
    # `vacature`, `n.t.b.` or `zie tabblad Contacten` where the name belongs: the register
    # reader reads no one, and the finding says what the register wrote, not an empty cell.
    verdicts = []
    for name, email, written in zip(
        accounts["owner_name"], accounts["owner_email"], _unnamed(accounts, "owner"), strict=True
    ):
        verdict = _not_a_person(name, email, units)
        if verdict == ("missing", None) and not missing(written):
            verdict = ("placeholder", written)
        verdicts.append(verdict)
    for account_id, name, email, verdict in zip(
        accounts["account_id"],
        accounts["owner_name"],
        accounts["owner_email"],
        verdicts,
        strict=True,
    ):
        if verdict is None:
            continue
        rule, matched = verdict
        owner = _person(ctx, matched, account_id)
        yield Flag(
            account_id,
            # OWN001.missing, .placeholder, .no_letters, .department_name, .team_name,
            # .shared_mailbox
            Message(f"OWN001.{rule}", owner=owner),
            evidence={
                "rule": rule,
                "matched": owner,
                "owner_name": _person(ctx, name, account_id),
                "owner_email": _person(ctx, email, account_id),
            },
        )


class Own002Evidence(Evidence):
    substitute_name: PersonRef | None = shared()
    substitute_email: PersonRef | None = shared()


@register(
    CheckMeta(
        id="OWN002",
        needs=("substitute_name",),
        evidence=Own002Evidence,
        name="substitute-named",
        family="ownership",
        severity=Severity.HIGH,
        policy=PolicyRef(
            section=SECTION_3, quote="Zorg ook voor vervanging bij ziekte en vakantie."
        ),
    )
)
def substitute_named(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    placeholder = accounts["substitute_name"].map(lambda v: not missing(v) and names_no_one(str(v)))
    no_name = blank(accounts["substitute_name"]) | placeholder.astype(bool)
    missing_substitute = no_name & blank(accounts["substitute_email"])
    failing = accounts[missing_substitute]
    written = _unnamed(failing, "substitute")
    for row, unnamed in zip(rows(failing, "account_id", "substitute_name"), written, strict=True):
        # `n.t.b.` or `vacature` in the cell: nobody named, and the finding shows what is there.
        said = row.substitute_name if not missing(row.substitute_name) else unnamed
        said = None if missing(said) else said
        yield Flag(
            row.account_id,
            Message("OWN002.no_substitute")
            if said is None
            else Message("OWN002.placeholder", substitute=_person(ctx, said, row.account_id)),
            evidence={
                "substitute_name": _person(ctx, said, row.account_id),
                "substitute_email": None,
            },
        )
    # A team or a shared mailbox as the substitute stands in for nobody by name; it was "not
    # in the staff list" (OWN004), which sent the register's keeper to add a mailbox there.
    units = _unit_names(ctx)
    named = accounts[~missing_substitute]
    for row in rows(named, "account_id", "substitute_name", "substitute_email"):
        verdict = _substitute_not_a_person(row.substitute_name, row.substitute_email, units)
        if verdict is None:
            continue
        rule, matched = verdict
        yield Flag(
            row.account_id,
            # OWN002.shared_mailbox, .team_name, .department_name
            Message(f"OWN002.{rule}", substitute=_person(ctx, matched, row.account_id)),
            evidence={
                "substitute_name": _person(ctx, row.substitute_name, row.account_id),
                "substitute_email": _person(ctx, row.substitute_email, row.account_id),
            },
        )


class Own003Evidence(Evidence):
    matched_on: str | None = shared()
    owner_name: PersonRef | None = shared()
    owner_email: PersonRef | None = shared()
    substitute_name: PersonRef | None = shared()
    substitute_email: PersonRef | None = shared()


@register(
    CheckMeta(
        id="OWN003",
        name="substitute-distinct",
        evidence=Own003Evidence,
        family="ownership",
        severity=Severity.HIGH,
        policy=PolicyRef(
            section=SECTION_3, quote="Zorg ook voor vervanging bij ziekte en vakantie."
        ),
    )
)
def substitute_distinct(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    keys = {
        col: accounts[col].map(_person_key if col.endswith("_name") else name_key)
        for col in ("owner_name", "substitute_name", "owner_email", "substitute_email")
    }
    same_email = keys["owner_email"].ne("") & keys["owner_email"].eq(keys["substitute_email"])
    same_name = keys["owner_name"].ne("") & keys["owner_name"].eq(keys["substitute_name"])
    for row, by_email in zip(
        rows(accounts[same_email | same_name], "account_id", *keys),
        same_email[same_email | same_name],
        strict=True,
    ):
        people = {
            col: _person(ctx, getattr(row, col), row.account_id)
            for col in ("owner_name", "owner_email", "substitute_name", "substitute_email")
        }
        yield Flag(
            row.account_id,
            Message("OWN003.same_person", owner=people["owner_name"] or people["owner_email"]),
            evidence={"matched_on": "email" if by_email else "name", **people},
        )


class PeopleCurrentParams(CheckParams):
    pass


NO_STAFF_LIST = Message("OWN004.no_staff_list")


def _each_person(name: object, email: object) -> list[tuple[object, object]]:
    """The people a name cell names, each with the address where it is theirs: `Jan Jansen /
    Piet Smit` is two people (as SEC002 counts them), the address going with the one it
    names, else with the first. Taken whole, the cell was one person no staff list holds."""
    listed = [] if missing(name) else several_people(str(name))
    if not listed:
        return [(name, email)]
    address = None if missing(email) else read_person(str(email))
    holder = next((i for i, p in enumerate(listed) if address and p.is_same(address)), 0)
    return [(p.name_text, email if i == holder else None) for i, p in enumerate(listed)]


def _people(accounts: pd.DataFrame, units: set[str]) -> pd.DataFrame:
    """Owner and substitute of each account as rows (role, name, email).

    Missing people are dropped (OWN002 reports a missing substitute), and so are owners that
    OWN001 already reports as no person: a team is never in the staff list, one finding is enough.
    """
    found: list[tuple[str, str, object, object]] = []
    for role, name_col, email_col in (
        ("owner", "owner_name", "owner_email"),
        ("substitute", "substitute_name", "substitute_email"),
    ):
        for account_id, name, email in zip(
            accounts["account_id"], accounts[name_col], accounts[email_col], strict=True
        ):
            found += [(account_id, role, n, e) for n, e in _each_person(plain(name), plain(email))]
    people = pd.DataFrame(found, columns=["account_id", "role", "name", "email"], dtype=object)
    people["name_key"] = people["name"].map(_person_key)
    people["email_key"] = people["email"].map(name_key)
    people["initial_key"] = people["name"].map(lambda v: _initial_key(v, initial_only=True))
    not_a_person = pd.Series(
        [
            (role == "owner" and _not_a_person(name, email, units) is not None)
            or (role == "substitute" and _substitute_not_a_person(name, email, units) is not None)
            for role, name, email in zip(
                people["role"], people["name"], people["email"], strict=True
            )
        ],
        index=people.index,
        dtype=bool,
    )
    known = people["name_key"].ne("") | people["email_key"].ne("")
    return people[known & ~not_a_person]


def _person_key(value: object) -> str:
    return staff_key(name_key(value))


def _initial_key(value: object, initial_only: bool) -> str:
    return "" if missing(value) else initial_key(str(value), initial_only)


def _current_staff(staff: pd.DataFrame, period_end: pd.Timestamp) -> pd.DataFrame:
    left_on = as_dates(staff["left_on"]) if "left_on" in staff else pd.Series(pd.NaT, staff.index)
    active = staff["active"].astype("boolean").fillna(True).astype(bool)
    return pd.DataFrame(
        {
            "name_key": staff["name"].map(_person_key).to_numpy(),
            "email_key": staff["email"].map(name_key).to_numpy(),
            "initial_key": staff["name"].map(lambda v: _initial_key(v, False)).to_numpy(),
            "left": (~active | (left_on <= period_end)).to_numpy(),
            "left_on": left_on.to_numpy(),
        }
    )


def _same_people(people: pd.DataFrame, staff: pd.DataFrame) -> pd.DataFrame:
    """Each person paired with the staff entries that are them: by e-mail when both have
    one, else by name. Two equi-joins, not a cross join: that would cost people × staff."""
    by_email = people[people["email_key"].ne("")].merge(
        staff[staff["email_key"].ne("")], on="email_key", suffixes=("", "_staff")
    )
    by_name = people[people["name_key"].ne("")].merge(staff, on="name_key", suffixes=("", "_staff"))
    by_name = by_name[by_name["email_key"].eq("") | by_name["email_key_staff"].eq("")]
    if "initial_key" not in people or "initial_key" not in staff:
        return pd.concat([by_email, by_name], ignore_index=True)
    # `A. de Vries` is the Anna de Vries of the staff list when no one else there has that
    # initial and surname: "not in the staff list" (high) was said of a colleague who is.
    once = staff[staff["initial_key"].ne("") & ~staff["initial_key"].duplicated(keep=False)]
    by_initial = people[people["initial_key"].ne("")].merge(
        once.drop(columns="name_key"), on="initial_key", suffixes=("", "_staff")
    )
    by_initial = by_initial[by_initial["email_key"].eq("") | by_initial["email_key_staff"].eq("")]
    return pd.concat([by_email, by_name, by_initial], ignore_index=True)


class Own004Evidence(Evidence):
    role: str | None = shared()
    reason: str | None = shared()
    name: PersonRef | None = shared()
    email: PersonRef | None = shared()
    left_on: dt.date | None = shared()


@register(
    CheckMeta(
        id="OWN004",
        name="people-current",
        evidence=Own004Evidence,
        family="ownership",
        severity=Severity.HIGH,
        policy=PolicyRef(section=SECTION_3, quote="Duidelijk moet zijn wie die rol heeft."),
    ),
    PeopleCurrentParams,
)
def people_current(ctx: AuditContext, p: PeopleCurrentParams) -> Iterable[Flag]:
    if ctx.staff is None:
        raise SkipCheck(NO_STAFF_LIST)
    period_end = pd.Timestamp(ctx.period.end)
    people = _people(ctx.active_accounts, _unit_names(ctx))
    staff = _current_staff(ctx.staff, period_end)
    matches = _same_people(people.reset_index(names="person"), staff)
    current = matches.loc[~matches["left"], "person"].unique()
    known = set(matches["person"])
    last_left = matches.groupby("person", observed=True)["left_on"].max()
    failing = people[~people.index.isin(current)]
    for person, row in zip(
        failing.index, rows(failing, "account_id", "role", "name", "email"), strict=True
    ):
        left = person in known
        left_day = to_date(last_left.get(person)) if left else None
        name = _person(ctx, row.name, row.account_id)
        email = _person(ctx, row.email, row.account_id)
        params = {"role": Message(f"OWN004.role.{row.role}"), "person": name or email}
        if not left:
            message = Message("OWN004.not_in_staff_list", **params)
        elif left_day is None:
            message = Message("OWN004.left", **params)
        else:
            message = Message("OWN004.left_on", **params, day=left_day)
        yield Flag(
            row.account_id,
            message,
            evidence={
                "role": row.role,
                "reason": "left" if left else "not_in_staff_list",
                "name": name,
                "email": email,
                "left_on": plain(left_day),
            },
            subject=row.role,
        )


def _is_main(accounts: pd.DataFrame) -> pd.Series:
    return accounts["type"].astype("string").fillna("").eq("main")


def _department_keys(ctx: AuditContext) -> set[str] | None:
    if ctx.departments is None:
        return None
    return {name_key(n) for n in ctx.departments["name"]} - {""}


class Own005Evidence(Evidence):
    reason: str | None = shared()
    department: str | None = shared()


@register(
    CheckMeta(
        id="OWN005",
        needs=("department",),
        evidence=Own005Evidence,
        name="department-responsible",
        family="ownership",
        severity=Severity.HIGH,
        policy=PolicyRef(
            section=SECTION_2,
            quote="Het beheer van de nevenaccounts is, zoals eerder vermeld, de "
            "verantwoordelijkheid van de betreffende projectorganisatie of lijnafdeling.",
        ),
    )
)
def department_responsible(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    secondary = accounts[~_is_main(accounts)]
    known = _department_keys(ctx)
    no_department = blank(secondary["department"])
    unknown = ~no_department & (
        ~secondary["department"].map(name_key).isin(known) if known is not None else False
    )
    for row in rows(secondary[no_department], "account_id"):
        yield Flag(
            row.account_id,
            Message("OWN005.no_department"),
            evidence={"reason": "missing", "department": None},
        )
    for row in rows(secondary[unknown], "account_id", "department"):
        yield Flag(
            row.account_id,
            Message("OWN005.unknown_department", department=row.department),
            evidence={"reason": "not_in_department_list", "department": row.department},
        )


class Own006Evidence(Evidence):
    department: str | None = shared()
    expected_department: str | None = shared()
    responder: str | None = shared()
    expected_responder: str | None = shared()


@register(
    CheckMeta(
        id="OWN006",
        needs=("responder",),
        evidence=Own006Evidence,
        name="main-account-roles",
        family="ownership",
        severity=Severity.HIGH,
        policy=PolicyRef(
            section=SECTION_2,
            quote="Het team Communicatie coördineert het beheer van deze accounts en plaatst "
            "berichten. Het KCC heeft als rol het beantwoorden van de publieksvragen die er "
            "binnen komen.",
        ),
    )
)
def main_account_roles(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    org = ctx.config.organisation
    accounts = ctx.active_accounts
    main = accounts[_is_main(accounts)]
    wrong_department = main["department"].map(name_key).ne(name_key(org.communications_department))
    kcc = re.compile(rf"(?<![^\W_]){re.escape(org.kcc)}(?![^\W_])", re.IGNORECASE)
    no_kcc = ~main["responder"].map(lambda v: not missing(v) and bool(kcc.search(str(v))))
    for row in rows(main[wrong_department], "account_id", "department"):
        dept = plain(row.department)
        yield Flag(
            row.account_id,
            # An empty cell said as empty: it was "afdeling is '–'" in the returned workbook.
            Message("OWN006.no_department", expected=org.communications_department)
            if dept is None
            else Message(
                "OWN006.wrong_department",
                department=dept,
                expected=org.communications_department,
            ),
            evidence={"department": dept, "expected_department": org.communications_department},
            subject="department",
        )
    for row in rows(main[no_kcc.astype(bool)], "account_id", "responder"):
        responder = plain(row.responder)
        yield Flag(
            row.account_id,
            Message("OWN006.no_responder", kcc=org.kcc)
            if responder is None
            else Message("OWN006.not_kcc", responder=responder, kcc=org.kcc),
            evidence={"responder": responder, "expected_responder": org.kcc},
            subject="responder",
        )
