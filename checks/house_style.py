"""House style: the profile looks like the municipality's and leads people to its site.

Section 3 asks to set accounts up "conform de huisstijl" with Communicatie; section 2 calls
www.zeist.nl the digital head office that the social media "embassies" lead people to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd
from pydantic import Field

from auditor.checks._common import by_account, flag_outdated, missing, plain, rows
from auditor.engine import (
    AuditContext,
    CheckMeta,
    CheckParams,
    Evidence,
    Flag,
    Number,
    PolicyRef,
    SkipCheck,
    register,
    shared,
)
from auditor.messages import Message
from auditor.models import Severity

SECTION_2 = "2. Hoe organiseren we het gebruik?"
SECTION_3 = "3. Algemene spelregels bij het gebruik van social media"


class Sty001Evidence(Evidence):
    display_name: str | None = shared()
    pattern: str | None = shared()


@register(
    CheckMeta(
        id="STY001",
        needs=("display_name",),
        name="display-name",
        family="house_style",
        severity=Severity.LOW,
        evidence=Sty001Evidence,
        policy=PolicyRef(
            section=SECTION_3, quote="Maar ook om de account conform de huisstijl in te richten."
        ),
    )
)
def display_name(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    pattern = ctx.config.house_style.naming_pattern
    rule = ctx.config.house_style.naming_rule  # readers of a report do not read regexes
    naming = re.compile(pattern)
    accounts = ctx.active_accounts
    matches = accounts["display_name"].map(lambda v: not missing(v) and bool(naming.search(str(v))))
    for row in rows(accounts[~matches.astype(bool)], "account_id", "display_name"):
        name = plain(row.display_name)
        if name is None:
            message = Message("STY001.missing_display_name")
        else:
            message = Message("STY001.off_style", name=name, rule=rule)
        yield Flag(row.account_id, message, evidence={"display_name": name, "pattern": pattern})


# A host name in free text; not one that follows "@" (an e-mail address is not a link).
_HOST = re.compile(
    r"(?<![\w@.-])(?:[a-z][a-z0-9+.-]*://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})"
    r"(?![\w-])",
    re.IGNORECASE,
)


def hosts(text: object) -> list[str]:
    """Host names linked in a website field or bio, lower-case."""
    if missing(text):
        return []
    return [h.casefold() for h in _HOST.findall(str(text))]


def links_to(domain: str, found: list[str]) -> bool:
    """`www.zeist.nl` links to `zeist.nl`; `notzeist.nl` and `zeist.nl.example.com` do not."""
    home = domain.casefold().strip().removeprefix("https://").removeprefix("http://")
    home = home.removeprefix("www.").strip("/")
    return any(h == home or h.endswith("." + home) for h in found)


class Sty002Evidence(Evidence):
    website: str | None = shared()
    hosts: list[str] | None = shared()
    home_domain: str | None = shared()


@register(
    CheckMeta(
        id="STY002",
        needs=("website", "bio"),
        name="links-home",
        family="house_style",
        severity=Severity.LOW,
        evidence=Sty002Evidence,
        policy=PolicyRef(
            section=SECTION_2,
            quote="We gaan daar in gesprek en/of leiden ze naar de informatie en diensten die ze "
            "op de hoofd- en bijkantoren kunnen vinden.",
        ),
    )
)
def links_home(ctx: AuditContext, p: CheckParams) -> Iterable[Flag]:
    domain = ctx.config.house_style.home_domain
    accounts = ctx.active_accounts
    found = accounts["website"].map(hosts) + accounts["bio"].map(hosts)
    linked = found.map(lambda h: links_to(domain, h)).astype(bool)
    for row, seen in zip(
        rows(accounts[~linked], "account_id", "website"), found[~linked], strict=True
    ):
        website = plain(row.website)
        message = (
            Message("STY002.no_link", website=website, domain=domain)
            if website
            else Message("STY002.no_website", domain=domain)
        )
        yield Flag(
            row.account_id,
            message,
            evidence={"website": website, "hosts": sorted(set(seen)), "home_domain": domain},
        )


class ReviewParams(CheckParams):
    valid_months: int = Field(
        12,
        ge=1,
        le=1200,
    )


class Sty003Evidence(Evidence):
    house_style_review: dt.date | None = shared()
    valid_until: dt.date | None = shared()
    reason: str | None = shared()
    valid_months: int | None = shared()


@register(
    CheckMeta(
        id="STY003",
        needs=("house_style_review",),
        name="house-style-review",
        family="house_style",
        severity=Severity.LOW,
        evidence=Sty003Evidence,
        policy=PolicyRef(section=SECTION_3, quote="conform de huisstijl in te richten"),
    ),
    ReviewParams,
)
def house_style_review(ctx: AuditContext, p: ReviewParams) -> Iterable[Flag]:
    return flag_outdated(
        ctx,
        "house_style_review",
        pd.DateOffset(months=p.valid_months),
        {"valid_months": p.valid_months},
        missing_text=Message("STY003.missing_review"),
        noun=Message("STY003.noun"),
        validity=Message("STY003.validity", count=p.valid_months),
    )


class AltTextParams(CheckParams):
    # WCAG 1.1.1 asks a text alternative for every image, so the ideal is 0. A tenth leaves room
    # for what the export cannot tell apart (decorative images, alt text in the post itself)
    # while a habit of posting images without alt text still fails.
    max_share: float = Field(
        0.1,
        ge=0,
        le=1,
    )


NO_ALT_DATA = Message("STY004.no_alt_data")


class Sty004Evidence(Evidence):
    image_posts: int | None = shared()
    image_posts_alt_known: int | None = shared()
    image_posts_without_alt: int | None = shared()
    share_without_alt: Number | None = shared()
    max_share: Number | None = shared()


@register(
    CheckMeta(
        id="STY004",
        name="alt-text",
        family="house_style",
        judges_activity=True,
        severity=Severity.LOW,
        evidence=Sty004Evidence,
        extra=True,
        policy=PolicyRef(
            section=SECTION_2,
            quote="We sluiten aan bij de wijzen waarop de mensen in de Zeister samenleving "
            "informatie tot zich nemen of delen.",
        ),
    ),
    AltTextParams,
)
def alt_text(ctx: AuditContext, p: AltTextParams) -> Iterable[Flag]:
    if not ctx.activity["has_alt_text"].notna().any():
        raise SkipCheck(NO_ALT_DATA)
    columns = ["covered", "image_posts", "image_posts_alt_known", "image_posts_without_alt"]
    metrics = ctx.metrics.reindex(by_account(ctx.active_accounts).index)[columns]
    known = metrics["image_posts_alt_known"].fillna(0)
    without = metrics["image_posts_without_alt"].fillna(0)
    judged = metrics["covered"].astype("boolean").fillna(False).astype(bool) & (known > 0)
    share = (without / known.where(known > 0)).where(judged)
    for account_id, value in share[share > p.max_share].items():
        yield Flag(
            account_id,
            Message(
                "STY004.without_alt",
                share=float(value),
                without=int(without[account_id]),
                known=int(known[account_id]),
                max_share=p.max_share,
            ),
            evidence={
                "image_posts": int(metrics["image_posts"].fillna(0)[account_id]),
                "image_posts_alt_known": int(known[account_id]),
                "image_posts_without_alt": int(without[account_id]),
                "share_without_alt": round(float(value), 4),
                "max_share": p.max_share,
            },
        )
