"""TikTok Studio's content export (Analytics → Download data: `Content.csv`).

`Post time` has no year (`July 16`, in a Spanish interface `8 de marzo`) and `Time` is the day
of the export, so neither can place a video in a year. The video id can: `id >> 32` is its
creation time in Unix seconds. The account is the `@handle` in `Video link`
(`https://www.tiktok.com/@handle/video/<id>`); a row whose link holds no video id (TikTok
writes `undefined`) is rejected with that reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.activity.adapters.base import (
    Adapter,
    AdapterContext,
    FormatDoc,
    Header,
    Parsed,
    Reasons,
    constant,
    finish,
    text,
)
from auditor.activity.columns import TEXT
from auditor.activity.readers import RawTable
from auditor.compat import arrow_types
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
        handle, item_id, timestamp = _split_links(link)
        reasons.add(item_id.isna().to_numpy(), Message("activity.reason.tiktok_no_video_id"), link)
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


def _split_links(links: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(handle, video id, creation time) per link, all in Arrow's kernels: no row is
    touched in Python. NA where a link holds no video id."""
    parts = pc.extract_regex(pa.array(links, type=TEXT), _LINK)
    found = pc.is_valid(parts)
    handle = pc.if_else(found, pc.struct_field(parts, "handle"), pa.scalar(None, TEXT))
    video = pc.if_else(found, pc.struct_field(parts, "id"), pa.scalar(None, TEXT))
    # Up to 19 digits always fit in 64 bits; the top 32 are the Unix second.
    numbers = pc.fill_null(pc.cast(video, pa.uint64()), 0).to_numpy(zero_copy_only=False)
    seconds = (numbers >> np.uint64(32)).astype("datetime64[s]").astype("datetime64[ns]")
    times = pd.Series(seconds).dt.tz_localize("UTC").where(found.to_numpy(zero_copy_only=False))
    types = arrow_types()
    return handle.to_pandas(types_mapper=types), video.to_pandas(types_mapper=types), times
