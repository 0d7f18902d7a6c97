"""TikTok Studio's content export (Analytics → Download data: `Content.csv`).

`Post time` has no year (`July 16`, in a Spanish interface `8 de marzo`) and `Time` is the day
of the export, so neither can place a video in a year. The video id can: `id >> 32` is its
creation time in Unix seconds. The account is the `@handle` in `Video link`
(`https://www.tiktok.com/@handle/video/<id>`); a row whose link holds no video id (TikTok
writes `undefined`) is rejected with that reason.
"""

from __future__ import annotations

import pandas as pd

from auditor.activity.adapters.base import (
    Adapter,
    AdapterContext,
    FormatDoc,
    Header,
    Parsed,
    Reasons,
    constant,
    finish,
    snowflake_times,
    text,
)
from auditor.activity.columns import as_text
from auditor.activity.readers import RawTable
from auditor.messages import Message
from auditor.models import Platform

_LINK = r"tiktok\.com/@(?P<handle>[^/?#\s]+)/(?:video|photo)/(?P<id>\d{1,19})(?:[/?#]|$)"
# TikTok started in September 2016: an id that reads earlier carries no time.
_TIMED_IDS_SINCE = pd.Timestamp("2016-09-01", tz="UTC")


class TikTokStudio(Adapter):
    name = "tiktok_studio"
    expects = Message("activity.expects.tiktok_studio")
    doc = FormatDoc(
        title="**TikTok Studio** content export (Analytics → Download data, `Content.csv`)",
        reads="columns `Video title`, `Video link`, `Post time`",
        time="from the video id in `Video link` (`id >> 32` = Unix seconds); `Post time` has no "
        "year and is not used",
        account="the `@handle` in `Video link`",
    )

    def matches(self, header: Header) -> bool:
        return header.has("Video link", "Post time", "Video title")

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        header = Header(table.data.columns)
        n = len(table.data)
        reasons = Reasons(n)
        link = text(table, header.find("Video link"))
        parts = link.str.extract(_LINK)
        handle = as_text(parts["handle"])
        item_id = as_text(parts["id"])
        reasons.add(item_id.isna().to_numpy(), Message("activity.reason.tiktok_no_video_id"), link)
        timestamp = snowflake_times(item_id, 32, 0, unit_ms=1000)
        early = (timestamp < _TIMED_IDS_SINCE).to_numpy()
        reasons.add(early, Message("activity.reason.tiktok_id_without_time"), item_id)

        return finish(
            {
                "platform": constant(n, Platform.TIKTOK.value),
                "account": handle,
                "item_id": item_id,
                "timestamp": timestamp,
                "direction": constant(n, "out"),
                "kind": constant(n, "post"),
            },
            reasons,
        )
