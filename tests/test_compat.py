"""What the oldest allowed pandas and pyarrow do differently, held to what pandas 3 and newer
pyarrow do (mostly auditor/compat.py). Each test fails under those versions without its fix."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd

from auditor.activity.load import load_activity
from auditor.activity.readers import read_table
from auditor.checks._common import as_dates
from auditor.config import Config
from tests.helpers import canonical_rows, compliant_account, main_account


def test_an_all_empty_text_column_is_text(tmp_path: Path):
    # pyarrow before 19 left such a column to pandas 2, which kept it as object: trimming it
    # then met a null array and `auditor demo` crashed.
    path = tmp_path / "a.csv"
    path.write_text(
        "platform,account,item_id,timestamp,direction,in_reply_to\n"
        "x,zeist,1,2026-07-01T09:00:00Z,out,\n"
        "x,zeist,2,2026-07-02T09:00:00Z,out,\n",
        encoding="utf-8",
    )
    table = read_table(path, path.read_bytes(), lambda cells: "platform" in cells, "")
    assert table.data["in_reply_to"].dtype == "str"
    result = load_activity([path], Config(), [])
    assert len(result.frame) == 2
    assert result.frame["in_reply_to"].isna().all()


def test_missing_text_stays_missing_through_astype_str():
    # pandas 2 without `future.infer_string` writes a missing value as the text 'nan'.
    values = pd.Series(["a", None], dtype=object).astype("str")
    assert values.dtype == "str"
    assert values.isna().tolist() == [False, True]


def test_register_dates_past_nanoseconds_stay_dates():
    # pandas 2 makes 9999-12-31 ("no end") NaT, which REG002 took for "closed, no date".
    values = pd.Series(
        [dt.date(9999, 12, 31), dt.date(2026, 1, 1), None, "gisteren", dt.date(1000, 1, 1)],
        dtype=object,
    )
    dates = as_dates(values)
    assert [None if pd.isna(d) else d.date() for d in dates] == [
        dt.date(9999, 12, 31),
        dt.date(2026, 1, 1),
        None,
        None,
        dt.date(1000, 1, 1),
    ]


def test_checks_index_accounts_without_a_future_warning(make_register, make_export, audit_files):
    # pandas 2.3 inferred text for an index made from the register's object column, and warned
    # that pandas 3 will not: once per activity and overlap check on every run (compat.py's
    # filter hid it from users, not from `-W error::FutureWarning`).
    register = make_register([main_account("x", "gemeentezeist"), compliant_account("zeistjong")])
    rows = canonical_rows("gemeentezeist") + canonical_rows("zeistjong")
    export = make_export([{**r, "has_image": True, "has_alt_text": True} for r in rows])
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        result = audit_files(register, [export])
    # The checks that index the accounts ran (none skipped for want of activity).
    ran = ("ACT", "CON", "STY004")
    assert not [s.check_id for s in result.skipped if s.check_id.startswith(ran)]
