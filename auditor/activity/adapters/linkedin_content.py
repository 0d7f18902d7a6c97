"""LinkedIn page content export (`<page>_content_<epoch-ms>.xls`, sheet `All posts`).

The time is in the activity URN of `Post link` (`id >> 22` = Unix ms); `Created date`
(`MM/DD/YYYY`) is the fallback. The rows do not name the page (`Posted by` is a person), so
the file is attributed as a whole, by the first rule that gives an answer:

1. `[activity.accounts]` in auditor.toml maps the file to a LinkedIn account;
2. a page URL or a register page name in the description rows above the header;
3. the file name's `<page>_content_<digits>` prefix matched against the register's LinkedIn
   accounts (the name only attributes the account, the header decides the format);
4. the only active LinkedIn account in the register.

Otherwise its rows are rejected: counting them for a guessed page would hide an unregistered
page or credit the wrong one, whereas a rejected file shows in the ledger with what to do
(name the page in the file name or register the page). The rule used is the ledger's note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from auditor.activity.adapters.attribution import mapped, split_account
from auditor.activity.adapters.base import (
    Adapter,
    AdapterContext,
    FormatDoc,
    Header,
    Parsed,
    Reasons,
    constant,
    finish,
    localize,
    snowflake_times,
    text,
    time_reasons,
)
from auditor.activity.columns import as_text
from auditor.activity.matching import AccountIndex, name_key
from auditor.activity.readers import RawTable
from auditor.messages import Message
from auditor.models import Platform

_URN = r"urn:li:(?:activity|share|ugcPost):(\d+)"
_PAGE_URL = re.compile(r"linkedin\.com/(?:company|showcase|school)/([^/\s?#\"']+)", re.I)
_FILE_NAME = re.compile(r"^(?P<page>.+?)_content_\d+", re.I)
_PAGE_COLUMNS = ("Page name", "Page", "Organization name", "Company name", "Page URL")
_IMAGE_WORDS = ("image", "photo", "afbeelding", "foto", "carousel", "document")


@dataclass(frozen=True)
class Attribution:
    account: str | None  # a handle or page name to match, None when the file is unattributed
    note: Message


def attribute(table: RawTable, ctx: AdapterContext, index: AccountIndex) -> Attribution:
    linkedin = Platform.LINKEDIN.value
    found = mapped(ctx.path, ctx.config.activity.accounts)
    if found is not None and split_account(found[1])[0] == linkedin:
        pattern, written = found
        return Attribution(
            split_account(written)[1],
            Message("activity.attribution.mapped", pattern=pattern, account=written),
        )
    described = " ".join(cell for row in table.preamble for cell in row if cell)
    url = _PAGE_URL.search(described)
    if url:
        return Attribution(
            url.group(1), Message("activity.linkedin.from_description_url", url=url[0])
        )
    if described:
        named = [
            a
            for a in index.active(Platform.LINKEDIN)
            if any(
                key and len(key) >= 4 and key in (name_key(described) or "")
                for key in (name_key(a.display_name), name_key(a.handle))
            )
        ]
        if len(named) == 1:
            return Attribution(
                named[0].handle,
                Message("activity.linkedin.named_in_description", account=named[0].account_id),
            )
    stem = _FILE_NAME.match(ctx.path.stem)
    if stem:
        found = index.find(linkedin, stem["page"], display_name=stem["page"])
        if found is not None:
            return Attribution(
                found.handle,
                Message(
                    "activity.linkedin.from_file_name",
                    file=ctx.path.name,
                    account=found.account_id,
                ),
            )
    active = index.active(Platform.LINKEDIN)
    if len(active) == 1:
        return Attribution(
            active[0].handle,
            Message("activity.linkedin.only_active", account=active[0].account_id),
        )
    return Attribution(
        None,
        Message(
            "activity.linkedin.unattributed",
            why=Message(
                "activity.reason.linkedin_unknown_page", file=ctx.path.name, count=len(active)
            ),
        ),
    )


class LinkedInContent(Adapter):
    name = "linkedin_content"
    expects = Message("activity.expects.linkedin_content")
    doc = FormatDoc(
        title="**LinkedIn** page content export (`<page>_content_<number>.xls`, sheet `All posts`)",
        reads="columns `Post link`, `Created date`, and `Post title` or `Posted by`",
        time="from the activity URN in `Post link` (`id >> 22` Unix ms); `Created date` "
        "where it has none",
        account="a page column, else `[activity.accounts]`, the page named above the header, "
        "in the file name, or the only active LinkedIn account; otherwise its rows are rejected",
    )

    def matches(self, header: Header) -> bool:
        return header.has("Post link", "Created date") and (
            header.has("Post title") or header.has("Posted by")
        )

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        header = Header(table.data.columns)
        n = len(table.data)
        reasons = Reasons(n)
        page_column = header.find(*_PAGE_COLUMNS)
        if page_column is not None:
            account = text(table, page_column)
            note = Message("activity.linkedin.per_row", column=page_column)
            reasons.add(
                account.isna().to_numpy(),
                Message("activity.reason.no_page_in_column", column=page_column),
            )
        else:
            found = attribute(table, ctx, AccountIndex(ctx.accounts))
            account = constant(n, found.account)
            note = found.note
            if found.account is None:
                reasons.add(np.ones(n, dtype=bool), found.note.params["why"])

        link = text(table, header.find("Post link"))
        urn = as_text(link.str.extract(_URN, expand=False))
        item_id = urn.fillna(link)
        timestamp = snowflake_times(urn, 22, 0)
        raw_date = text(table, header.find("Created date"))
        missing = timestamp.isna().to_numpy()
        if missing.any():
            dates = pd.to_datetime(raw_date[missing], format="%m/%d/%Y", errors="coerce")
            timestamp[missing] = localize(dates, ctx.config.timezone)
        not_a_date = Message(
            "activity.reason.not_in_format", column="Created date", format="MM/DD/YYYY"
        )
        time_reasons(reasons, raw_date, timestamp, "Created date", not_a_date)
        reasons.add(
            item_id.isna().to_numpy(), Message("activity.reason.no_column", column="Post link")
        )

        return finish(
            {
                "platform": constant(n, Platform.LINKEDIN.value),
                "account": account,
                "item_id": item_id,
                "timestamp": timestamp,
                "direction": constant(n, "out"),
                "kind": constant(n, "post"),
                "has_image": _has_image(text(table, header.find("Content Type"))),
            },
            reasons,
            note,
        )


def _has_image(content_types: pd.Series) -> pd.Series:
    known = content_types.notna().to_numpy()
    pattern = "|".join(_IMAGE_WORDS)
    image = content_types.str.casefold().str.contains(pattern, na=False).to_numpy()
    return pd.Series(pd.arrays.BooleanArray(image, ~known))
