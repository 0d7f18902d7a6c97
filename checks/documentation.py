"""Documentation: goal, role, content strategy, the owner's training and the guideline.

Section 3 of the policy lists what an account owner settles before and while running an
account; these checks read whether the register records it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from pydantic import Field

from auditor.checks._common import as_dates, blank, flag_outdated, is_true, missing, plain, rows
from auditor.engine import AuditContext, CheckMeta, CheckParams, Flag, PolicyRef, register
from auditor.models import Goal, Severity, Text

SECTION_3 = "3. Algemene spelregels bij het gebruik van social media"

GOALS = [g.value for g in Goal]
# How people write the four goals: Dutch stems (informeren, informeren (nieuws), samen werken)
# and the English words of an English register.
_GOAL_STEMS = (
    "luister",
    "informe",
    "dialo",
    "samenwerk",
    "listen",
    "inform",
    "collaborat",
    "cooperat",
)
_SEPARATORS = re.compile(r"[,;/+&|\n]|\s+(?:en|and|of|or)\s+", re.IGNORECASE)


def unknown_goals(raw: object) -> list[str]:
    """The parts of a typed goal that are none of the four policy goals."""
    if missing(raw):
        return []
    parts = [part.strip() for part in _SEPARATORS.split(str(raw)) if part and part.strip()]
    return [
        part for part in parts if not re.sub(r"[^a-z]", "", part.casefold()).startswith(_GOAL_STEMS)
    ]


def _has_goal(value: object) -> bool:
    if isinstance(value, str) or value is None:
        return False
    try:
        return len(value) > 0
    except TypeError:  # NaN from a frame built without the column
        return False


@register(
    CheckMeta(
        id="DOC001",
        needs=("goal",),
        name="goal-documented",
        family="documentation",
        severity=Severity.MEDIUM,
        title=Text(nl="Doel niet vastgelegd", en="Goal not documented"),
        what=Text(
            nl="Het register noemt het doel van het account, met alleen de vier doelen uit het "
            "beleid: luisteren, informeren, dialoog, samenwerken.",
            en="The register states the account's goal, using only the four goals of the "
            "policy: luisteren (listen), informeren (inform), dialoog (dialogue), samenwerken "
            "(collaborate).",
        ),
        why=Text(
            nl="Het doel bepaalt de rol, de contentstrategie en of een eigen account nodig is. "
            "Zonder doel is niet te beoordelen of het account werkt.",
            en="The goal decides the role, the content strategy and whether an account of its "
            "own is needed. Without a goal nobody can judge whether the account works.",
        ),
        fix=Text(
            nl="Kies een of meer van luisteren, informeren, dialoog en samenwerken en zet die "
            "in de kolom Doel van het register.",
            en="Choose one or more of luisteren, informeren, dialoog and samenwerken and put "
            "them in the register's Goal column.",
        ),
        policy=PolicyRef(section=SECTION_3, quote="Bepaal de doelstelling van je account"),
    )
)
def goal_documented(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    has_goal = accounts["goal"].map(_has_goal).astype(bool)
    unknown = accounts["goal_raw"].map(unknown_goals)
    failing = ~has_goal | unknown.map(bool).astype(bool)
    allowed = ", ".join(GOALS)
    for row, extra in zip(
        rows(accounts[failing], "account_id", "goal", "goal_raw"), unknown[failing], strict=True
    ):
        raw = plain(row.goal_raw)
        if raw is None and not extra:
            message = Text(nl="geen doel ingevuld", en="no goal recorded")
            reason = "missing"
        else:
            words = ", ".join(f"'{w}'" for w in extra) or f"'{raw}'"
            message = Text(
                nl=f"doel {words} is niet een van: {allowed}",
                en=f"goal {words} is not one of: {allowed}",
            )
            reason = "not_a_policy_goal"
        yield Flag(
            row.account_id,
            message,
            evidence={
                "reason": reason,
                "goal_raw": raw,
                "goals": [str(g) for g in row.goal] if _has_goal(row.goal) else [],
                "unknown": extra or ([raw] if raw is not None else []),
                "allowed": GOALS,
            },
        )


def _missing_text_check(ctx: AuditContext, column: str, message: Text) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    for account_id in accounts.loc[blank(accounts[column]), "account_id"]:
        yield Flag(account_id, message, evidence={column: None})


@register(
    CheckMeta(
        id="DOC002",
        needs=("role",),
        name="role-documented",
        family="documentation",
        severity=Severity.MEDIUM,
        title=Text(nl="Rol niet vastgelegd", en="Role not documented"),
        what=Text(
            nl="Het register beschrijft de rol van de gemeente in het account (bijvoorbeeld "
            "initiatiefnemer, gastheer, of gast op andermans platform).",
            en="The register describes the municipality's role in the account (for example "
            "initiator, host, or guest on someone else's platform).",
        ),
        why=Text(
            nl="De rol bepaalt hoeveel sturing de gemeente neemt en wat volgers mogen verwachten.",
            en="The role decides how much the municipality steers and what followers may expect.",
        ),
        fix=Text(
            nl="Beschrijf in de kolom Rol welke rol het account heeft, passend bij het doel.",
            en="Describe in the Role column which role the account has, in line with its goal.",
        ),
        policy=PolicyRef(section=SECTION_3, quote="de rol die je gaat vervullen in die account"),
    )
)
def role_documented(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    return _missing_text_check(ctx, "role", Text(nl="geen rol ingevuld", en="no role recorded"))


@register(
    CheckMeta(
        id="DOC003",
        needs=("content_strategy",),
        name="content-strategy",
        family="documentation",
        severity=Severity.MEDIUM,
        title=Text(nl="Geen contentstrategie", en="No content strategy"),
        what=Text(
            nl="Het register noemt de contentstrategie van het account (of waar die staat).",
            en="The register records the account's content strategy (or where it is kept).",
        ),
        why=Text(
            nl="Een contentstrategie helpt het doel te bereiken; zonder strategie wordt een "
            "account onregelmatig en willekeurig gevuld.",
            en="A content strategy helps reach the goal; without one an account is filled "
            "irregularly and at random.",
        ),
        fix=Text(
            nl="Stel met Communicatie een contentstrategie op en zet een korte samenvatting of "
            "de vindplaats in de kolom Contentstrategie.",
            en="Draw up a content strategy with Communicatie and put a short summary or its "
            "location in the Content strategy column.",
        ),
        policy=PolicyRef(
            section=SECTION_3,
            quote="Bepaal een contentstrategie voor het account, die je helpt je doel te bereiken",
        ),
    )
)
def content_strategy(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    return _missing_text_check(
        ctx,
        "content_strategy",
        Text(nl="geen contentstrategie ingevuld", en="no content strategy recorded"),
    )


class TrainingParams(CheckParams):
    valid_years: int = Field(
        3,
        ge=1,
        description="A recorded owner training counts for this many years",
        json_schema_extra={"nl": "Zoveel jaar telt een vastgelegde training van de beheerder"},
    )


@register(
    CheckMeta(
        id="DOC004",
        needs=("owner_training",),
        name="owner-trained",
        family="documentation",
        severity=Severity.MEDIUM,
        title=Text(nl="Beheerder niet (recent) getraind", en="Owner not (recently) trained"),
        what=Text(
            nl="Het register noemt de datum van de training van de beheerder (Zeist Academy) en "
            "die is aan het eind van de periode niet ouder dan de geldigheid (3 jaar).",
            en="The register records the date of the owner's training (Zeist Academy) and it "
            "is not older than its validity (3 years) at the end of the period.",
        ),
        why=Text(
            nl="Platforms, regels en risico's veranderen snel; een getrainde beheerder maakt "
            "minder fouten en reageert beter.",
            en="Platforms, rules and risks change fast; a trained owner makes fewer mistakes "
            "and responds better.",
        ),
        fix=Text(
            nl="Laat de beheerder een training van de Zeist Academy volgen en zet de datum in "
            "het register.",
            en="Have the owner take a Zeist Academy training and record the date in the register.",
        ),
        policy=PolicyRef(
            section=SECTION_3,
            quote="Zorg voor opleiding voor de beheerder, b.v. via de relevante trainingen in de "
            "Zeist Academy.",
        ),
    ),
    TrainingParams,
)
def owner_trained(ctx: AuditContext, p: TrainingParams) -> Iterable[Flag]:
    return flag_outdated(
        ctx,
        "owner_training",
        pd.DateOffset(years=p.valid_years),
        {"valid_years": p.valid_years},
        missing_text=Text(nl="geen training van de beheerder vastgelegd", en="no owner training"),
        noun=Text(nl="training beheerder", en="owner training"),
        validity=Text(nl=f"{p.valid_years} jaar", en=f"{p.valid_years} years"),
    )


@register(
    CheckMeta(
        id="DOC005",
        needs=("guideline_ack",),
        name="guideline-acknowledged",
        family="documentation",
        severity=Severity.MEDIUM,
        title=Text(nl="Handreiking niet gelezen", en="Guideline not acknowledged"),
        what=Text(
            nl="Het register legt vast dat de beheerder de handreiking 'Social media met gezond "
            "verstand' heeft gelezen (ja of een datum).",
            en="The register records that the owner has read the guideline 'Social media met "
            "gezond verstand' (yes or a date).",
        ),
        why=Text(
            nl="Op social media is de grens tussen persoon en organisatie dun; de handreiking "
            "helpt de beheerder daar verstandig mee om te gaan.",
            en="On social media the line between person and organisation is thin; the "
            "guideline helps the owner deal with that sensibly.",
        ),
        fix=Text(
            nl="Laat de beheerder de handreiking (intranet) lezen en zet 'ja' of de datum in "
            "het register.",
            en="Have the owner read the guideline (intranet) and record 'yes' or the date in "
            "the register.",
        ),
        policy=PolicyRef(
            section=SECTION_3,
            quote="Vul het beheer in, in de geest van de handreiking 'Social media met gezond "
            "verstand' (zie intranet).",
        ),
    )
)
def guideline_acknowledged(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    accounts = ctx.active_accounts
    acknowledged = (
        is_true(accounts["guideline_ack"]) | as_dates(accounts["guideline_ack_on"]).notna()
    )
    for row in rows(accounts[~acknowledged], "account_id", "guideline_ack"):
        said_no = plain(row.guideline_ack) is False
        yield Flag(
            row.account_id,
            Text(
                nl="handreiking volgens het register niet gelezen"
                if said_no
                else "niet vastgelegd dat de handreiking is gelezen",
                en="guideline not read according to the register"
                if said_no
                else "no record that the guideline was read",
            ),
            evidence={"guideline_ack": plain(row.guideline_ack), "guideline_ack_on": None},
        )
