"""A file saved again beside itself: what a browser, a file manager or a mail program names
the second download of `x.csv` or the workbook returned again (`x (1).csv`, `wonen (2).xlsx`).
Wherever files are read in name order, a copy comes after the file it copies."""

from __future__ import annotations

import re

_COPY_NUMBER = re.compile(r"^(?P<stem>.*?)\s*\((?P<number>\d+)\)$")


def copy_of(stem: str) -> tuple[str, int]:
    """The name a file's stem copies and the copy's number; the stem itself and 0 for a file
    that is no copy."""
    found = _COPY_NUMBER.match(stem)
    return (found["stem"], int(found["number"])) if found else (stem, 0)
