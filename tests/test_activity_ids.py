"""The fast paths of the activity stage give what the general ones give: item ids compared as
numbers where that is exact (duplicates, replies), yes/no cells read by Arrow where it can."""

from __future__ import annotations

import pandas as pd
import pytest

from auditor.activity.adapters.base import (
    booleans,
)
from auditor.activity.calendar import BusinessCalendar
from auditor.activity.columns import (
    id_numbers,
)
from auditor.activity.load import load_activity
from auditor.activity.metrics import compute_metrics
from auditor.config import Config
from auditor.period import period_from_dates

HEADER = "platform,account,item_id,timestamp,direction,in_reply_to\n"
JUNE = period_from_dates("2026-06-01", "2026-06-30")


def load(tmp_path, *lines: str):
    path = tmp_path / "activity.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    result = load_activity([path], Config(), [])
    (entry,) = result.ledger
    assert entry.balanced(), entry
    return result, entry


@pytest.mark.parametrize(
    ("ids", "numbers"),
    [
        (["7", "12", None, "7"], [7, 12, 0, 7]),
        (["-7", "0", "9223372036854775807"], [-7, 0, 9223372036854775807]),
        (["7", "07"], None),
        (["7", "0x7"], None),
        (["7", "-07"], None),
        (["7", "+7"], None),
        (["7", "00"], None),
        (["7", "urn:li:share:7"], None),
    ],
)
def test_id_numbers_only_for_ids_written_as_their_own_number(ids, numbers):
    found = id_numbers(pd.Series(ids, dtype="string"))
    assert (found if found is None else found.tolist()) == numbers


@pytest.mark.parametrize("other", ["07", "0x7", "-07", "00"])
def test_ids_that_read_as_the_same_number_are_different_items(tmp_path, other):
    result, entry = load(
        tmp_path,
        "x,zeist,7,2026-06-01T09:00:00Z,out,",
        f"x,zeist,{other},2026-06-01T10:00:00Z,out,",
        "x,zeist,8,2026-06-01T11:00:00Z,out,",
    )
    assert (entry.rows_used, entry.rows_duplicate) == (3, 0)
    assert list(result.frame["item_id"]) == ["7", other, "8"]


@pytest.mark.parametrize(
    "first",
    ["1", "1861234567890123456", "post-1"],
    ids=["numbered-ids", "far-apart-ids", "text-ids"],
)
def test_a_repeated_item_is_a_duplicate_only_on_the_same_account(tmp_path, first):
    result, entry = load(
        tmp_path,
        f"x,zeist,{first},2026-06-01T09:00:00Z,out,",
        "x,zeist,5,2026-06-01T10:00:00Z,out,",
        f"x,jongeren,{first},2026-06-01T11:00:00Z,out,",
        f"x,zeist,{first},2026-06-02T09:00:00Z,out,",
    )
    assert (entry.rows_used, entry.rows_duplicate) == (3, 1)
    # The first occurrence is the one kept.
    kept = result.frame[result.frame["item_id"].eq(first)]
    assert list(kept["timestamp"].dt.day) == [1, 1]


@pytest.mark.parametrize(
    ("asked", "named", "answered"),
    [
        ("7", "7", 1),
        ("7", "07", 0),
        ("1861234567890123456", "1861234567890123456", 1),
        ("in-7", "in-7", 1),
    ],
)
def test_a_reply_answers_the_item_it_names_exactly(tmp_path, asked, named, answered):
    result, _ = load(
        tmp_path,
        f"x,zeist,{asked},2026-06-02T09:00:00Z,in,",
        f"x,zeist,900,2026-06-02T10:00:00Z,out,{named}",
        # The same id on another account is another item: its reply does not count here.
        f"x,jongeren,{asked},2026-06-02T09:00:00Z,in,",
    )
    figures = compute_metrics(result.frame, JUNE, BusinessCalendar.from_config(Config()))
    assert figures.loc["x:zeist", "answered"] == answered
    assert figures.loc["x:jongeren", "answered"] == 0


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["true", "FALSE", "1", "0", None], [True, False, True, False, None]),
        (["ja", "True", " 0", "misschien", None], [True, True, False, None, None]),
    ],
    ids=["arrow-reads-them", "read-one-by-one"],
)
def test_yes_no_cells_mean_the_same_on_either_path(cells, expected):
    flags = booleans(pd.Series(cells, dtype="string"))
    assert str(flags.dtype) == "boolean"
    assert [None if pd.isna(f) else bool(f) for f in flags] == expected
