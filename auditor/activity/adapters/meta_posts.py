"""Meta Business Suite post exports, Facebook pages and Instagram accounts.

`Publish time` is `MM/DD/YYYY HH:MM` in US Pacific time for every account, wherever the page
is. A spreadsheet that saved the file again changes how the time is written, not its clock: a
Dutch Excel writes `1-7-2026 09:05`, a workbook holds a date. One file may hold several pages
or accounts. A Facebook page is named by `Page ID` and `Page name` (matching finds it by the id
in the register's URL, by handle or by display name); an Instagram account by
`Account username`. None of these files holds messages from others.
"""

from __future__ import annotations

import numpy as np
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
    parse_with_format,
    slashed_order,
    text,
    time_reasons,
)
from auditor.activity.readers import RawTable
from auditor.messages import Message
from auditor.models import Platform

META_ZONE = "America/Los_Angeles"
# Publish time after a spreadsheet saved the file again: a workbook's date (read as ISO text),
# a Dutch Excel's `d-m-yyyy h:mm`. Meta itself never writes the day first.
_SAVED_AGAIN = ("%Y-%m-%dT%H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S")
_SAVED_AGAIN += ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")  # as LibreOffice or a script writes it
# Meta's own notation, and the same month first as an American spreadsheet shows it again
# (with seconds, or on a 12-hour clock: `7/1/2026 9:05 AM`): no day was read as a month.
_AS_META_WROTE = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p")
# The same slashes day first, as a Belgian Excel (`d/mm/jjjj`) or one set to `dd/mm/jjjj`
# writes a whole file again: a file whose dates say so (`15/07/2026`) is read so throughout.
_DAY_FIRST = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %I:%M %p")
IMAGE_POST_TYPES = frozenset({"ig image", "ig carousel", "photos", "photo", "album"})


def has_image(post_types: pd.Series) -> pd.Series:
    known = post_types.notna().to_numpy()
    image = post_types.str.casefold().isin(IMAGE_POST_TYPES).to_numpy()
    return pd.Series(pd.arrays.BooleanArray(image, ~known))


def publish_times(written: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Meta's notation first; only the rows it leaves without a time are read again. With
    the rows that may have day and month swapped: re-written by a spreadsheet in a file
    whose other rows still say MM/DD/YYYY. A whole file re-written tells nothing of the
    sort (a spreadsheet read it right), a mixed one that each cell was read on a Dutch
    clock: 07/01 (1 July) as 7 January, while 07/13, no date there, stayed as written."""
    slashed = _DAY_FIRST if slashed_order(written) == "day" else _AS_META_WROTE
    timestamp = parse_with_format(written, slashed[0], META_ZONE)
    for fmt in slashed[1:]:
        missing = (timestamp.isna() & written.notna()).to_numpy()
        if not missing.any():
            break
        timestamp[missing] = parse_with_format(written[missing], fmt, META_ZONE).array
    as_meta_wrote = timestamp.notna().to_numpy()
    for fmt in _SAVED_AGAIN:
        missing = (timestamp.isna() & written.notna()).to_numpy()
        if not missing.any():
            break
        again = parse_with_format(written[missing], fmt, META_ZONE)
        timestamp[missing] = again.array
    rewritten = timestamp.notna().to_numpy() & ~as_meta_wrote
    swapped = rewritten if as_meta_wrote.any() else np.zeros(len(written), dtype=bool)
    return timestamp, swapped


class MetaPosts(Adapter):
    name = "meta_posts"
    expects = Message("activity.expects.meta_posts")
    doc = FormatDoc(
        title="**Meta Business Suite** Facebook and Instagram post exports",
        reads="columns `Post ID`, `Publish time`, and `Page ID` (Facebook) or "
        "`Account username` (Instagram)",
        time="`Publish time`, `MM/DD/YYYY HH:MM` in US Pacific time for every page (also "
        "with seconds or on a 12-hour clock, `7/1/2026 9:05 PM`; `1-7-2026 09:05` as a Dutch "
        "Excel saves it again, `15/07/2026 09:05` in a file whose dates put the day first, "
        "ISO, or a workbook's date; a day-first time "
        "in a file whose other rows still say `MM/DD/YYYY` is rejected: a spreadsheet read it "
        "day first)",
        account="`Page ID` or `Page name` (matched to the register's URL, handle or name); "
        "`Account username`",
    )

    def matches(self, header: Header) -> bool:
        return header.has("Post ID", "Publish time") and (
            header.has("Page ID") or header.has("Account username")
        )

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        header = Header(table.data.columns)
        n = len(table.data)
        reasons = Reasons(n)
        instagram = header.has("Account username")
        if instagram:
            platform = Platform.INSTAGRAM
            account = text(table, header.find("Account username"))
            page_id = text(table, header.find("Account ID"))
            display_name = text(table, header.find("Account name"))
            reasons.add(
                account.isna().to_numpy(),
                Message("activity.reason.no_column", column="Account username"),
            )
        else:
            platform = Platform.FACEBOOK
            page_id = text(table, header.find("Page ID"))
            display_name = text(table, header.find("Page name"))
            account = pd.Series(np.full(n, np.nan, dtype=object), dtype="str")
            nameless = (page_id.isna() & display_name.isna()).to_numpy()
            reasons.add(nameless, Message("activity.reason.no_page_id_or_name"))

        item_id = text(table, header.find("Post ID"))
        raw_time = text(table, header.find("Publish time"))
        timestamp, swapped = publish_times(raw_time)
        reasons.add(swapped, Message("activity.reason.day_month_swapped"), raw_time)
        not_a_time = Message(
            "activity.reason.not_in_format", column="Publish time", format="MM/DD/YYYY HH:MM"
        )
        time_reasons(reasons, raw_time, timestamp, "Publish time", not_a_time)

        return finish(
            {
                "platform": constant(n, platform.value),
                "account": account,
                "page_id": page_id,
                "display_name": display_name,
                "item_id": item_id,
                "timestamp": timestamp,
                "direction": constant(n, "out"),
                "kind": constant(n, "post"),
                "has_image": has_image(text(table, header.find("Post type"))),
            },
            reasons,
        )
