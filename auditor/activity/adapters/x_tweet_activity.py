"""X's legacy "Tweet activity" export (`tweet_activity_metrics_<handle>_…csv`).

`time` is UTC written as `2016-12-23 18:50 +0000`; the account is only in the permalink, and
the id too where a spreadsheet rounded the `Tweet id` column.
There are no inbound messages: every row is the account's own post or reply.
"""

from __future__ import annotations

from auditor.activity.adapters.base import (
    Adapter,
    AdapterContext,
    FormatDoc,
    Header,
    Parsed,
    Reasons,
    constant,
    finish,
    parse_with_format,
    text,
    time_reasons,
)
from auditor.activity.adapters.x_common import ids_kept_whole, reply_kind, split_links
from auditor.activity.readers import RawTable
from auditor.messages import Message
from auditor.models import Platform


class XTweetActivity(Adapter):
    name = "x_tweet_activity"
    expects = Message("activity.expects.x_tweet_activity")
    doc = FormatDoc(
        title="**X** legacy *Tweet activity* export (`tweet_activity_metrics_….csv`)",
        reads="columns `Tweet id` (taken from the permalink where a spreadsheet rounded it), "
        "`Tweet permalink`, `time`; a reply is text opening with `@`",
        time="`time`, UTC (`2016-12-23 18:50 +0000`)",
        account="the handle in `Tweet permalink`",
    )

    def matches(self, header: Header) -> bool:
        return header.has("Tweet id", "Tweet permalink", "time")

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        header = Header(table.data.columns)
        n = len(table.data)
        reasons = Reasons(n)
        link = text(table, header.find("Tweet permalink"))
        handle, status = split_links(link)
        tweet_id = text(table, header.find("Tweet id"))
        item_id = ids_kept_whole(tweet_id, status)
        reasons.add(item_id.isna().to_numpy(), Message("activity.reason.x_no_tweet_id"), link)
        reasons.add(
            handle.isna().to_numpy(), Message("activity.reason.x_no_account_in_permalink"), link
        )

        raw_time = text(table, header.find("time"))
        timestamp = parse_with_format(raw_time, "%Y-%m-%d %H:%M %z", ctx.config.timezone)
        time_reasons(
            reasons,
            raw_time,
            timestamp,
            "time",
            Message("activity.reason.not_a_date", column="time"),
        )

        return finish(
            {
                "platform": constant(n, Platform.X.value),
                "account": handle,
                "item_id": item_id,
                "timestamp": timestamp,
                "direction": constant(n, "out"),
                "kind": reply_kind(text(table, header.find("Tweet text"))),
            },
            reasons,
        )
