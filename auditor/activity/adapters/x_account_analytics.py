"""X's "Account analytics" content export (`account_analytics_content_<from>_<to>.csv`).

`Date` is a UTC date only, so the time comes from the post id (X ids carry their creation
time). Two header variants are known (`Post Link` / `Link`); junk rows with no id and a link
ending in `status/undefined` occur and are rejected with that reason.
"""

from __future__ import annotations

import pandas as pd

from auditor.activity.adapters.base import (
    X_EPOCH_MS,
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
from auditor.activity.adapters.x_common import (
    TIMED_IDS_SINCE,
    ids_kept_whole,
    reply_kinds,
    split_links,
)
from auditor.activity.readers import RawTable
from auditor.messages import Message
from auditor.models import Platform

_LINK_NAMES = ("Post Link", "Link", "Post link")
_DATE_FORMATS = ("%a, %b %d, %Y", "%a %b %d %Y", "%Y-%m-%d")


class XAccountAnalytics(Adapter):
    name = "x_account_analytics"
    expects = Message("activity.expects.x_account_analytics")
    doc = FormatDoc(
        title="**X** *Account analytics* content export (`account_analytics_content_….csv`)",
        reads="columns `Post id`, `Date`, `Post Link` (or `Link`); rows with a link ending "
        "`status/undefined` are rejected",
        time="from the post id (`(id >> 22) + 1288834974657` Unix ms); `Date`, a UTC date, at "
        "00:00 UTC where the id carries no time",
        account="the handle in the post link",
    )

    def matches(self, header: Header) -> bool:
        return header.has("Post id", "Date") and header.find(*_LINK_NAMES) is not None

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        header = Header(table.data.columns)
        n = len(table.data)
        reasons = Reasons(n)
        link = text(table, header.find(*_LINK_NAMES))
        handle, status = split_links(link)
        post_id = text(table, header.find("Post id"))
        item_id = ids_kept_whole(post_id, status)
        undefined = item_id.isna() & link.str.endswith("/undefined", na=False)
        reasons.add(undefined.to_numpy(), Message("activity.reason.x_status_undefined"))
        reasons.add(item_id.isna().to_numpy(), Message("activity.reason.x_no_post_id"), link)
        reasons.add(handle.isna().to_numpy(), Message("activity.reason.x_no_account"), link)

        timestamp = snowflake_times(item_id, 22, X_EPOCH_MS)
        timestamp[(timestamp < TIMED_IDS_SINCE).to_numpy()] = pd.NaT
        raw_date = text(table, header.find("Date"))
        missing = timestamp.isna().to_numpy()
        if missing.any():
            timestamp[missing] = _dates(raw_date[missing])
        time_reasons(
            reasons,
            raw_date,
            timestamp,
            "date",
            Message("activity.reason.not_a_date", column="date"),
        )

        kinds, no_texts = reply_kinds(table, header, "Post text", ctx)
        return finish(
            {
                "platform": constant(n, Platform.X.value),
                "account": handle,
                "item_id": item_id,
                "timestamp": timestamp,
                "direction": constant(n, "out"),
                "kind": kinds,
            },
            reasons,
            warning=no_texts,
        )


def _dates(values: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(values, format=_DATE_FORMATS[0], errors="coerce")
    for fmt in _DATE_FORMATS[1:]:
        missing = parsed.isna()
        parsed[missing] = pd.to_datetime(values[missing], format=fmt, errors="coerce")
    return localize(parsed, "UTC")
