"""YouTube Studio's table export (Analytics → Advanced mode → Export: `Table data.csv`).

`Content` is the video id; `Video publish time` a date only (`Aug 28, 2025`; re-saved by a
Dutch Excel `28-8-2025`, written out in Dutch `28 aug. 2025`). A date only is
taken as noon on that day in the audit's zone, so the video counts on the day written whatever
the zone: the export does not say in which zone its dates are, and noon keeps a date on its
day where midnight would slip to the day before west of the zone. (X's Account analytics dates
are UTC dates, taken at 00:00 UTC: in Amsterdam the same day too.)

The first data row is the `Total` over all videos, no video: it is rejected with that reason.
The download's `Chart data.csv` (a row a video a day) and `Totals.csv` are no list of videos.
The file does not name its channel: it is attributed as a whole (`attribution`).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from auditor.activity.adapters.attribution import attribute
from auditor.activity.adapters.base import (
    Adapter,
    AdapterContext,
    FormatDoc,
    Header,
    Parsed,
    Reasons,
    Stretch,
    constant,
    finish,
    localize,
    map_unique,
    text,
    time_reasons,
)
from auditor.activity.readers import RawTable
from auditor.messages import Message
from auditor.models import Platform
from auditor.register import cells

_PUBLISHED = "Video publish time"
_VIDEO_ID = ("Content", "Video")  # older exports (2021) say `Video`
_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%Y-%m-%d", "%d %b %Y")
NOON = pd.Timedelta(hours=12)


class YouTubeStudio(Adapter):
    name = "youtube_studio"
    expects = Message("activity.expects.youtube_studio")
    doc = FormatDoc(
        title="**YouTube Studio** table export (Analytics → Export, `Table data.csv`, also "
        "inside the zip it downloads as; its `Chart data.csv` and `Totals.csv`, daily figures, "
        "are named and not read)",
        reads="columns `Content` (in older exports `Video`), `Video title`, `Video publish "
        "time`; the `Total` row is rejected as no video",
        time="`Video publish time` is a date only (`Aug 28, 2025`; also `28-8-2025` or `28 aug. "
        "2025`, as Dutch Excel re-saves it, and `8/28/2025` when the file's dates show the month "
        "first): noon of that day in the audit's zone; the period in "
        "the download's name (`Content 2025-07-01_2025-09-30 ….zip`) is the stretch it covers, "
        "so a channel that published nothing in it is judged as silent",
        account="the file names no channel: `[activity.accounts]` in auditor.toml maps it, "
        "else the register's only YouTube account; with several and no mapping its rows are "
        "rejected and the run names the candidates",
    )

    def matches(self, header: Header) -> bool:
        # `Chart data.csv` has the same columns after a `Date`: a row a video a day, daily
        # views, not posts (its videos are the table's, again and again).
        return (
            header.has(_PUBLISHED, "Video title")
            and header.find(*_VIDEO_ID) is not None
            and not header.has("Date")
        )

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        header = Header(table.data.columns)
        n = len(table.data)
        reasons = Reasons(n)
        item_id = text(table, header.find(*_VIDEO_ID))
        total = item_id.str.casefold().eq("total").fillna(False).to_numpy(dtype=bool)
        reasons.add(total, Message("activity.reason.youtube_total"))

        owner = attribute(ctx, Platform.YOUTUBE.value, "YouTube")
        if owner.why is not None:
            reasons.add(np.ones(n, dtype=bool), owner.why)

        written = text(table, header.find(_PUBLISHED))
        timestamp = _noon(written, ctx.config.timezone)
        not_a_date = Message(
            "activity.reason.not_in_format", column=_PUBLISHED, format="Aug 28, 2025"
        )
        time_reasons(reasons, written, timestamp, _PUBLISHED, not_a_date)

        parsed = finish(
            {
                "platform": constant(n, Platform.YOUTUBE.value),
                "account": constant(n, owner.account),
                "item_id": item_id,
                "timestamp": timestamp,
                "direction": constant(n, "out"),
                "kind": constant(n, "post"),
            },
            reasons,
            owner.note,
            owner.why if n else None,  # a file without rows needs no account
        )
        parsed.covers = asked_for(ctx.path, ctx.config.timezone)
        return parsed


# Studio names its download after the period asked for: `Content 2025-07-01_2025-09-30 Name.zip`.
_PERIOD = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})(?!\d)")


def asked_for(path: Path, zone: str) -> Stretch | None:
    """The period the table was exported for, from the download's name (the zip, the folder
    it unpacked to, or the file): the table lists the videos watched in it, published then
    or before, so a channel that published nothing in it shows only older videos."""
    for name in (path.parent.name, path.name):
        found = _PERIOD.search(name)
        if found is None:
            continue
        first, last = pd.to_datetime(list(found.groups()), format="%Y-%m-%d", errors="coerce")
        if pd.isna(first) or pd.isna(last) or first > last:
            return None
        start, end = localize(pd.Series([first, last + pd.Timedelta(days=1)]), zone)
        # A period running on past the download (`this year`) covers the days up to it.
        return start, min(end - pd.Timedelta(microseconds=1), pd.Timestamp.now("UTC"))
    return None


def _noon(written: pd.Series, zone: str) -> pd.Series:
    """Each date at 12:00 wall-clock time in `zone` (summer time changes at night)."""
    parsed = pd.to_datetime(written, format=_FORMATS[0], errors="coerce")
    for fmt in _FORMATS[1:]:
        missing = parsed.isna()
        if not missing.any():
            break
        parsed[missing] = pd.to_datetime(written[missing], format=fmt, errors="coerce")
    missing = parsed.isna() & written.notna()
    if missing.any() and _month_first(written[missing]):
        parts = written[missing].str.extract(_NUMERIC)
        us = parts["year"] + "-" + parts["first"] + "-" + parts["second"]
        parsed[missing] = pd.to_datetime(us, format="%Y-%m-%d", errors="coerce").to_numpy()
        missing = parsed.isna() & written.notna()
    if missing.any():
        # The notations a register's dates come in: a few distinct values, read one by one.
        dutch = map_unique(written[missing], _register_date)
        parsed[missing] = pd.to_datetime(dutch, format="%Y-%m-%d", errors="coerce").to_numpy()
    return localize(parsed + NOON, zone)


_NUMERIC = r"^(?P<first>\d{1,2})[-/.](?P<second>\d{1,2})[-/.](?P<year>\d{4})$"


def _month_first(written: pd.Series) -> bool:
    """Whether the file's numeric dates put the month first (`7-16-2020`, `8/28/2025`), as an
    American Excel re-saves them: some date says so (a day above 12 in second place) and none
    says otherwise. A Dutch Excel writes the day first (`28-8-2025`), and so is a file read
    whose dates never tell (`5-8-2025`): the same rule for every row of it, never a guess per
    row."""
    parts = written.str.extract(_NUMERIC)
    first = pd.to_numeric(parts["first"], errors="coerce")
    second = pd.to_numeric(parts["second"], errors="coerce")
    return bool((second > 12).any() and not (first > 12).any())


def _register_date(value: str) -> str | None:
    try:
        day = cells.date(value)
    except cells.CellError:
        return None
    return day.isoformat() if day else None
