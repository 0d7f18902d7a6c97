"""Account safety and record keeping: two-factor authentication, more than one administrator,
and an archiving arrangement.

The 2013 policy predates these; they come from later government guidance (the information
security baseline BIO, the NCSC's advice) and from the Archiefwet, and are marked extra. Like
the documentation checks they read whether the register records the arrangement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from pydantic import Field

from auditor.checks._common import missing, plain, rows
from auditor.checks.ownership import _not_a_person, _unit_names
from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Evidence,
    Flag,
    PolicyRef,
    register,
    shared,
)
from auditor.messages import Message
from auditor.models import Severity
from auditor.register.people import Person, distinct, mentioned, read_person

SECTION_2 = "2. Hoe organiseren we het gebruik?"
SECTION_3 = "3. Algemene spelregels bij het gebruik van social media"
KEEPER = "Het bewaakt de afspraken rond social media-accounts."

# What people type when two-factor authentication (or an archiving arrangement) is not there,
# or when nobody knows: "onbekend" records nothing. Anything else recorded says it is (ja, a
# date, "authenticator-app", "sms").
_OFF = {
    *("nee", "n", "no", "false", "0", "niet", "uit", "off", "nognietaan", "nognietingesteld"),
    "onwaar",  # a Dutch spreadsheet's FALSE, as a CSV saved from it writes an unticked box
}
_OFF_START = (
    *("nee", "niet", "nog niet", "uit", "no ", "not ", "geen"),
    # Not yet: asked for, planned, being arranged, partly.
    *("moet nog", "todo", "to do", "in aanvraag", "aangevraagd", "volgt", "bezig"),
    *("gepland", "in behandeling", "in te stellen", "deels", "gedeeltelijk", "pending"),
    *("wordt geregeld", "wordt ingesteld", "wordt aangevraagd", "wordt uitgezocht"),
)
# A cross or an empty box ticked in the column: no.
_OFF_MARKS = {"✗", "✘", "❌", "☐", "✕", "×", "⨯", "❎", "[ ]", "[]"}  # `[ ]`: a wiki's empty box
_UNKNOWN = {"onbekend", "unknown", "weetniet", "nietbekend", "nntb", "tbd", "nb", "ntb", "nnb"}
_UNKNOWN |= {"navragen", "weetiknie", "weetikniet", "onduidelijk", "unclear"}


def _not_recorded(values: pd.Series) -> pd.Series:
    """True where the register records nothing, or records that there is none."""
    return values.map(lambda v: _unknown(v) or _said_no(v)).astype(bool)


def _said_no(value: object) -> bool:
    text = str(value).strip().casefold()
    if text in _OFF_MARKS:
        return True
    if re.match(r"nog (?!steeds|altijd)", text):  # `nog regelen`, not `nog steeds via …`
        return True
    if re.sub(r"[^a-z0-9]", "", text) in _OFF or text.startswith(_OFF_START):
        return True
    # `Wordt niet gearchiveerd`, `Berichten worden niet bewaard`: said no in a sentence. A
    # remark in brackets is no answer (`Archiefweb (niet voor DM's)`).
    words = re.findall(r"[a-z]+", re.sub(r"\([^)]*\)", " ", text))
    return words[:1] not in (["ja"], ["yes"]) and bool(_NEGATIONS & set(words[:3]))


_NEGATIONS = {"niet", "not", "never", "nooit", "nergens"}


def _unknown(value: object) -> bool:
    """Nothing recorded: an empty cell, or "onbekend"."""
    return missing(value) or re.sub(r"[^a-z]", "", str(value).casefold()) in _UNKNOWN


class Sec001Evidence(Evidence):
    two_factor: str | None = shared()
    reason: str | None = shared()


@register(
    CheckMeta(
        id="SEC001",
        needs=("two_factor",),
        name="two-factor",
        family="security",
        severity=Severity.HIGH,
        extra=True,
        evidence=Sec001Evidence,
        policy=PolicyRef(
            section=SECTION_2,
            quote=KEEPER,
            source="Baseline Informatiebeveiliging Overheid (BIO): meerfactorauthenticatie; "
            "NCSC-advies: gebruik tweefactorauthenticatie",
        ),
    )
)
def two_factor(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    for row in rows(accounts[_not_recorded(accounts["two_factor"])], "account_id", "two_factor"):
        value = plain(row.two_factor)
        reason = "missing" if _unknown(value) else "off"
        yield Flag(
            row.account_id,
            Message(f"SEC001.{reason}", value=value or ""),
            evidence={"two_factor": value, "reason": reason},
        )


class AdministratorsParams(CheckParams):
    minimum: int = Field(2, ge=1)


class Sec002Evidence(Evidence):
    named: int | None = shared()
    minimum: int | None = shared()


def _in_cell(name: object, email: object, units: set[str]) -> list[Person]:
    """The people an owner's or substitute's cells name: one, with its address; or several
    listed in the name cell (`Jan Jansen / Piet Pietersen`), the address going with the one
    it names, else with the first."""
    if missing(name) and missing(email):
        return []
    listed = [] if missing(name) else mentioned(str(name))
    address = None if missing(email) else read_person(str(email))
    if len(listed) <= 1:
        if _not_a_person(name, email, units) is not None:
            return []
        if missing(email) and _no_one_named(str(name), units):  # `zie eigenaar`, `Stagiair`
            return []
        cells = " ".join(str(v) for v in (name, email) if not missing(v))
        return [p] if (p := read_person(cells)) else []
    listed = [p for p in listed if _a_named_person(p, units)]  # `Jan Jansen / Team Sport`
    if not listed:
        return [address] if address is not None and _a_named_person(address, units) else []
    if address is not None:
        owner = next((p for p in listed if p.is_same(address)), listed[0])
        owner.merge(address)
    return listed


def _administrators(row, units: set[str]) -> list[Person]:
    """The distinct people with administrator access: the owner, the substitute and everyone
    the Administrators column names. A person named twice (by name and by address, surname
    first, by first name or initial, as owner and again in the column) counts once; a team or
    a shared mailbox is no person. The rule is `auditor.register.people`'s."""
    named: list[Person] = []
    for name, email in (
        (row.owner_name, row.owner_email),
        (row.substitute_name, row.substitute_email),
    ):
        named += _in_cell(name, email, units)
    listed = "" if missing(row.administrators) else str(row.administrators)
    named += [p for p in mentioned(listed, known=named) if _a_named_person(p, units)]
    return distinct(named)


def _a_named_person(person: Person, units: set[str]) -> bool:
    """Whether a mention names a person: not a tick, a pointer, a group or post, a team or a
    shared mailbox. An address alone is judged as an address."""
    address = next(iter(sorted(person.emails)), None)
    if person.name_text and _no_one_named(person.name_text, units):
        return False
    return _not_a_person(person.name_text or address, address, units) is None


# What a Beheerders cell holds that names no one: a tick, a yes or no, a pointer elsewhere.
_NO_NAME = {"x", "v", "ja", "nee", "yes", "no", "j", "n", "ok", "idem", "dito", "zelfde"}
_POINTERS = ("zieboven", "zelfdeals", "alsboven", "zieeigenaar", "zievervanger", "ziehierboven")
# Words for a group or a post rather than a person: `Iedereen van Communicatie`, `alle
# medewerkers KCC`, `Stagiair`, `Wethouder` (but `Wethouder Jan Jansen` is named).
_GROUP_WORDS = {
    *("iedereen", "alle", "allen", "medewerkers", "medewerker", "collega", "collegas"),
    *("stagiair", "stagiairs", "stagiaire", "redactie", "wethouder", "wethouders"),
    *("burgemeester", "secretaris", "gemeentesecretaris", "directeur", "directie", "manager"),
    *("teamleider", "woordvoerder", "woordvoerders", "extern", "externe", "bureau"),
    *("vrijwilliger", "vrijwilligers", "beheerder", "beheerders", "afdelingshoofd", "hoofd"),
    *("communicatieadviseur", "adviseur", "adviseurs", "webredacteur", "webredactie"),
    *("eigenaar", "vervanger", "owner", "backup"),
}
_FILLER = {"van", "de", "het", "en", "s", "of", "the", "all", "staff"}


def _no_one_named(text: str, units: set[str]) -> bool:
    """Whether a mention in the Beheerders column names no person: a tick or yes/no, a pointer
    (`zie boven`, `idem`), or a group or post with nothing but the names of units after it."""
    folded = re.sub(r"[^a-z]", "", text.casefold())
    if folded in _NO_NAME or folded.startswith(_POINTERS):
        return True
    words = [w for w in re.split(r"[\s'’]+", text) if re.search(r"[^\W\d_]", w)]
    if not words:
        return True
    if _word(words[0]) not in _GROUP_WORDS:
        return False
    known = _GROUP_WORDS | _FILLER | units
    return all(_word(w) in known or not w[:1].isupper() for w in words[1:])


def _word(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.casefold())


@register(
    CheckMeta(
        id="SEC002",
        needs=("owner_name", "substitute_name", "administrators"),
        name="two-administrators",
        family="security",
        severity=Severity.HIGH,
        extra=True,
        evidence=Sec002Evidence,
        policy=PolicyRef(
            section=SECTION_3,
            quote="Zorg ook voor vervanging bij ziekte en vakantie.",
            source="Baseline Informatiebeveiliging Overheid (BIO): persoonlijke toegang, "
            "geen gedeelde wachtwoorden",
        ),
    ),
    AdministratorsParams,
)
def two_administrators(ctx: AuditContext, p: AdministratorsParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    # The organisation's own name is no person's either (`Redactie Zeist`).
    units = _unit_names(ctx) | {_word(w) for w in ctx.config.organisation.name.split()}
    columns = (
        "owner_name",
        "owner_email",
        "substitute_name",
        "substitute_email",
        "administrators",
    )
    for row in rows(accounts, "account_id", *columns):
        named = len(_administrators(row, units))
        if named < p.minimum:
            yield Flag(
                row.account_id,
                Message("SEC002.too_few", count=named, minimum=p.minimum),
                evidence={"named": named, "minimum": p.minimum},
            )


class Arc001Evidence(Evidence):
    archiving: str | None = shared()


@register(
    CheckMeta(
        id="ARC001",
        needs=("archiving",),
        name="archiving",
        family="security",
        severity=Severity.MEDIUM,
        extra=True,
        evidence=Arc001Evidence,
        policy=PolicyRef(
            section=SECTION_2,
            quote=KEEPER,
            source="Archiefwet 1995, artikel 3: archiefbescheiden “in goede, geordende en "
            "toegankelijke staat te brengen en te bewaren”; Wet open overheid (Woo); "
            "Nationaal Archief, handreiking archiveren sociale media",
        ),
    )
)
def archiving(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    for row in rows(accounts[_not_recorded(accounts["archiving"])], "account_id", "archiving"):
        value = plain(row.archiving)
        yield Flag(
            row.account_id,
            Message("ARC001.missing" if _unknown(value) else "ARC001.none", value=value or ""),
            evidence={"archiving": value},
        )
