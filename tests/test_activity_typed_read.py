"""Canonical CSV columns converted in the read itself: the same rows, times and reasons as
when every cell is read as text and converted afterwards."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from auditor.activity.adapters import Canonical, Header
from auditor.activity.load import load_activity
from auditor.activity.readers import read_table
from auditor.config import Config

HEADER = "platform,account,item_id,timestamp,direction,has_image,has_alt_text\n"


def write(path: Path, lines: list[str]) -> Path:
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def load(path: Path):
    result = load_activity([path], Config(), [])
    (entry,) = result.ledger
    assert entry.balanced(), entry
    return result.frame, entry


def times(frame: pd.DataFrame) -> dict[str, str]:
    return {
        item: stamp.isoformat()
        for item, stamp in zip(frame["item_id"], frame["timestamp"], strict=True)
    }


def typed_read(path: Path):
    def typed(names):
        return Canonical().column_types(Header(names))

    return read_table(path, path.read_bytes(), lambda cells: "platform" in cells, "", typed)


def test_times_with_offsets_are_read_typed_and_kept(tmp_path):
    path = write(
        tmp_path / "a.csv",
        [
            "x,zeist,1,2026-07-01T09:00:00Z,out,true,false",
            "x,zeist,2,2026-07-01T09:00:00+02:00,out,,",
        ],
    )
    assert typed_read(path).data["timestamp"].dtype == "datetime64[us, UTC]"
    frame, _ = load(path)
    assert times(frame) == {"1": "2026-07-01T09:00:00+00:00", "2": "2026-07-01T07:00:00+00:00"}
    assert frame["has_image"].tolist() == [True, pd.NA]
    assert frame["has_alt_text"].tolist() == [False, pd.NA]


def test_wall_clock_times_are_local_time_with_summer_time(tmp_path):
    path = write(
        tmp_path / "a.csv",
        [
            "x,zeist,1,2026-01-05 12:00,out,,",  # winter: UTC+1
            "x,zeist,2,2026-07-01T12:00:00,out,,",  # summer: UTC+2
            "x,zeist,3,2026-10-25T02:30:00,out,,",  # the hour that happens twice: summer's
            "x,zeist,4,2026-03-29T02:30:00,out,,",  # the hour that does not happen: after it
        ],
    )
    table = typed_read(path)
    assert table.data["timestamp"].dtype == "datetime64[us]"
    frame, _ = load(path)
    assert times(frame) == {
        "1": "2026-01-05T11:00:00+00:00",
        "2": "2026-07-01T10:00:00+00:00",
        "3": "2026-10-25T00:30:00+00:00",
        "4": "2026-03-29T01:00:00+00:00",
    }


def test_mixed_and_dutch_notations_fall_back_to_text(tmp_path):
    path = write(
        tmp_path / "a.csv",
        [
            "x,zeist,1,2026-07-01T09:00:00Z,out,ja,nee",
            "x,zeist,2,2026-07-01T09:00:00,out,,",
            "x,zeist,3,01-07-2026 09:00,out,,",
            "x,zeist,4, 2026-07-01T09:00:00Z ,out,,",
        ],
    )
    assert pd.api.types.is_string_dtype(typed_read(path).data["timestamp"].dtype)
    frame, entry = load(path)
    assert entry.rows_used == 4
    assert times(frame) == {
        "1": "2026-07-01T09:00:00+00:00",
        "2": "2026-07-01T07:00:00+00:00",
        "3": "2026-07-01T07:00:00+00:00",
        "4": "2026-07-01T09:00:00+00:00",
    }
    assert frame["has_image"].tolist()[0] is True
    assert frame["has_alt_text"].tolist()[0] is False


def test_a_time_that_is_no_date_rejects_its_row_with_its_number(tmp_path):
    path = write(
        tmp_path / "a.csv",
        [
            "x,zeist,1,2026-07-01T09:00:00Z,out,,",
            "",
            "x,zeist,2,gisteren,out,,",
            "x,zeist,3,,out,,",
            "x,zeist,4,2026-07-01T10:00:00Z,out,,",
        ],
    )
    frame, entry = load(path)
    assert list(frame["item_id"]) == ["1", "4"]
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (4, "timestamp 'gisteren' is not a date"),
        (5, "no timestamp"),
    ]


def test_an_empty_time_in_a_typed_read_is_no_timestamp(tmp_path):
    path = write(
        tmp_path / "a.csv",
        ["x,zeist,1,,out,,", 'x,zeist,2,"",out,,', "x,zeist,3,2026-07-01T09:00:00Z,out,1,0"],
    )
    assert typed_read(path).data["timestamp"].dtype == "datetime64[us, UTC]"
    frame, entry = load(path)
    assert [(r.row, r.reason) for r in entry.rejected] == [(2, "no timestamp"), (3, "no timestamp")]
    assert frame["has_image"].tolist() == [True]
    assert frame["has_alt_text"].tolist() == [False]


def test_other_formats_stay_text(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("a,timestamp\n1,2026-07-01T09:00:00Z\n", encoding="utf-8")
    table = read_table(path, path.read_bytes(), lambda cells: "a" in cells, "", lambda n: [])
    assert pd.api.types.is_string_dtype(table.data["timestamp"].dtype)
    if isinstance(table.data["a"].dtype, pd.StringDtype):  # pandas 3: Arrow-backed text
        assert pa.array(table.data["a"]).type == pa.large_string()


def test_accounts_read_as_codes_are_trimmed_and_merged(tmp_path):
    path = write(
        tmp_path / "a.csv",
        [
            "x,zeist,1,2026-07-01T09:00:00Z,out,,",
            'x," zeist ",2,2026-07-01T09:00:00Z,out,,',
            "x,   ,3,2026-07-01T09:00:00Z,out,,",
            " X ,@Zeist,4,2026-07-01T09:00:00Z, OUT ,,",
            "x,zeist,5,2026-07-01T09:00:00Z,sideways,,",
        ],
    )
    assert isinstance(typed_read(path).data["account"].dtype, pd.CategoricalDtype)
    frame, entry = load(path)
    assert list(frame["item_id"]) == ["1", "2", "4"]
    assert set(frame["account_id"]) == {"x:zeist"}
    assert set(frame["direction"]) == {"out"}
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (4, "no account"),
        (6, "direction 'sideways' is neither 'in' nor 'out'"),
    ]


def test_line_breaks_inside_quotes_across_read_blocks(tmp_path):
    # Far more than one read block (1 MB), with a multi-line message every few rows: the
    # read that assumes one record a line must not be the one that counts.
    lines = []
    for i in range(40_000):
        message = '"Goedemorgen,\nhoe gaat het?\n\n-- groet"' if i % 7 == 3 else "hallo"
        lines.append(f"x,zeist,{i},2026-07-01T09:00:00Z,out,true,false,{message}")
    path = tmp_path / "a.csv"
    path.write_text(HEADER.strip() + ",text\n" + "\n".join(lines) + "\n", encoding="utf-8")
    frame, entry = load(path)
    assert entry.rows_used == 40_000
    assert list(frame["item_id"][:5]) == ["0", "1", "2", "3", "4"]
    rows = frame["source_row"].to_numpy()
    # Row 2 first; a record after a four-line message starts four lines further on.
    assert list(rows[:6]) == [2, 3, 4, 5, 9, 10]
    assert rows[-1] == 2 + 40_000 - 1 + 3 * len(range(3, 40_000, 7))


def test_factorize_of_a_categorical_leaves_out_unused_categories():
    from auditor.activity.columns import (
        factorize,
    )

    values = pd.Series(pd.Categorical(["b", None, "d", "b"], categories=["a", "b", "c", "d"]))
    codes, uniques = factorize(values)
    assert [None if c < 0 else uniques[c] for c in codes] == ["b", None, "d", "b"]
    assert sorted(uniques) == ["b", "d"]
