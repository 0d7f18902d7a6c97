"""X's legacy "Tweet activity" export (`tweet_activity_metrics_<handle>_…csv`).

`time` is UTC written as `2016-12-23 18:50 +0000`; the account is only in the permalink, and
the id too where a spreadsheet rounded the `Tweet id` column. A spreadsheet that saved the file
again wrote `time` on its own clock (`23-12-2016 18:50`, `12/23/2016 6:50 PM`): the id carries
the same minute, as it does in X's other exports.
There are no inbound messages: every row is the account's own post or reply.
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
    parse_with_format,
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


class XTweetActivity(Adapter):
    name = "x_tweet_activity"
    expects = Message("activity.expects.x_tweet_activity")
    doc = FormatDoc(
        title="**X** legacy *Tweet activity* export (`tweet_activity_metrics_….csv`)",
        reads="columns `Tweet id` (taken from the permalink where a spreadsheet rounded it), "
        "`Tweet permalink`, `time`; a reply is text opening with `@`",
        time="`time`, UTC (`2016-12-23 18:50 +0000`); written again by a spreadsheet, the "
        "minute the tweet id carries",
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
        missing = (timestamp.isna() & raw_time.notna()).to_numpy()
        if missing.any():
            # To the minute, as X writes `time`: the same tweet in the file as downloaded
            # is then the same tweet at the same time, not a conflict.
            minute = snowflake_times(item_id[missing], 22, X_EPOCH_MS).dt.floor("min")
            minute[(minute < TIMED_IDS_SINCE).to_numpy()] = pd.NaT
            timestamp[missing] = minute.array
        time_reasons(
            reasons,
            raw_time,
            timestamp,
            "time",
            Message("activity.reason.not_a_date", column="time"),
        )

        kinds, no_texts = reply_kinds(table, header, "Tweet text", ctx)
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
