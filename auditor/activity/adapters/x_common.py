"""What both X (Twitter) exports share: the account and post id inside a post's link."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.activity.adapters.base import AdapterContext, Header, rounded_ids, text
from auditor.activity.columns import TEXT, as_text
from auditor.activity.readers import RawTable
from auditor.compat import arrow_types
from auditor.messages import Message

# X ids carry their creation time only since 4 November 2010; the older, sequential ids read
# as the first seconds after X's epoch (that day, 01:42 UTC). For those the date is all there is.
TIMED_IDS_SINCE = pd.Timestamp("2010-11-05", tz="UTC")
_LINK = r"^(?:https?://)?(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<handle>[^/?#]+)/status(?:es)?/(?P<tail>[^/?#]*)"


def split_links(links: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(handle, status id) from post links; NA where a link is missing or has no numeric id.
    Split in Arrow's kernel: pandas 3 extracts groups in Python, a match object per row (a
    million-row export read 4x as slow as the canonical one)."""
    parts = pc.extract_regex(pa.array(links, type=TEXT), _LINK)
    found = pc.is_valid(parts)
    nothing = pa.scalar(None, TEXT)

    def group(name: str) -> pd.Series:
        values = pc.if_else(found, pc.struct_field(parts, name), nothing)
        column = values.to_pandas(types_mapper=arrow_types())
        return as_text(column.set_axis(links.index).rename(name))

    handle, tail = group("handle"), group("tail")
    status = tail.where(tail.str.fullmatch(r"\d+", na=False), np.nan)
    return handle, status


def ids_kept_whole(ids: pd.Series, status: pd.Series) -> pd.Series:
    """The post ids, a rounded one (`1.89596E+18`, as a spreadsheet writes the id column)
    and a missing one taken from the post's link, which keeps it whole."""
    rounded = rounded_ids(ids) & status.notna().to_numpy()
    return ids.where(~rounded, status).fillna(status)


def reply_kinds(
    table: RawTable, header: Header, column: str, ctx: AdapterContext
) -> tuple[pd.Series, Message | None]:
    """Each row's kind from the texts in `column`, and what the run says where the file has
    no such column (taken out before the file was handed over): every row is then a post."""
    found = header.find(column)
    kinds = reply_kind(text(table, found))
    if found is not None or not len(table.data):
        return kinds, None
    return kinds, Message("activity.x_no_texts", file=ctx.file, column=column)


def reply_kind(texts: pd.Series) -> pd.Series:
    """X marks no reply in its exports; an own reply is the text that opens with `@`."""
    replies = texts.str.startswith("@", na=False).to_numpy()
    return pd.Series(np.where(replies, "reply", "post"), dtype="str")
