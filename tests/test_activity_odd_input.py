"""Export cells nobody here made: times beyond what a nanosecond clock holds, empty columns,
files with a header only, odd encodings, unsupported files. Every supported format, in CSV and
xlsx; a row that cannot be used is rejected with its reason, never an exception."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from auditor.activity.load import load_activity
from auditor.cli import cli
from auditor.config import Config
from auditor.models import Account

# Per format: its header, and a row with {time} and {id} (the time as the format writes it).
FORMATS = {
    "canonical": (
        ["platform", "account", "item_id", "timestamp", "direction", "kind", "in_reply_to"],
        ["x", "zeist", "{id}", "{time}", "out", "", ""],
        "timestamp",
    ),
    "x_tweet_activity": (
        ["Tweet id", "Tweet permalink", "Tweet text", "time"],
        ["{id}", "https://twitter.com/zeist/status/{id}", "", "{time} +0000"],
        "time",
    ),
    "meta_posts": (
        ["Post ID", "Page ID", "Page name", "Publish time", "Post type"],
        ["{id}", "42", "", "{us_time}", ""],
        "Publish time",
    ),
    "inbox:hootsuite": (
        ["Message ID", "Conversation ID", "Direction", "Created at", "Channel", "Medium", "Tag"],
        ["m{id}", "", "inbound", "{time}", "@zeist", "Twitter", ""],
        "Created at",
    ),
    "linkedin_content": (
        ["Post title", "Post link", "Posted by", "Created date", "Content Type"],
        ["", "https://www.linkedin.com/feed/update/{id}", "", "{us_date}", ""],
        "Created date",
    ),
    "x_account_analytics": (
        ["Post id", "Date", "Post text", "Post Link"],
        # ids this small carry no time (older than X's timed ids): the Date column counts
        ["{id}", "{date}", "", "https://x.com/zeist/status/{id}"],
        "date",
    ),
}
ACCOUNTS = [
    Account(account_id="x:zeist", platform="x", handle="zeist"),
    Account(
        account_id="facebook:zeist",
        platform="facebook",
        handle="zeist",
        url="https://facebook.com/profile.php?id=42",
    ),
    Account(account_id="linkedin:zeist", platform="linkedin", handle="zeist"),
]


def _cells(template: list[str], moment: dt.datetime, n: int) -> list[str]:
    values = {
        "id": str(n),
        "time": moment.strftime("%Y-%m-%d %H:%M"),
        "us_time": moment.strftime("%m/%d/%Y %H:%M"),
        "us_date": moment.strftime("%m/%d/%Y"),
        "date": moment.strftime("%Y-%m-%d"),
    }
    return [cell.format(**values) for cell in template]


def _write(tmp_path, kind, header, rows):
    if kind == "csv":
        path = tmp_path / "export.csv"
        lines = [",".join(header)] + [",".join(row) for row in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    path = tmp_path / "export.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append([cell or None for cell in row])
    workbook.save(path)
    return path


def _load(path):
    result = load_activity([path], Config(), ACCOUNTS)
    [entry] = result.ledger
    assert entry.balanced(), entry
    return result, entry


# Years with no nanosecond time (pandas' range is 1677-09-21 – 2262-04-11), and the edge.
ODD_YEARS = [1000, 1677, 2300, 9999]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("name", list(FORMATS))
def test_times_outside_the_nanosecond_range_are_rejected_with_their_reason(tmp_path, name, kind):
    header, template, column = FORMATS[name]
    good = dt.datetime(2026, 7, 1, 9, 0)
    rows = [_cells(template, good.replace(year=y), i) for i, y in enumerate(ODD_YEARS, start=1)]
    rows.append(_cells(template, good, 99))
    result, entry = _load(_write(tmp_path, kind, header, rows))
    assert entry.format == name
    assert (entry.rows_read, entry.rows_used) == (5, 1)
    assert [r.row for r in entry.rejected] == [2, 3, 4, 5]
    for rejected in entry.rejected:
        assert "is outside the years 1678–2261" in rejected.reason, rejected.reason
        assert rejected.reason.lower().startswith(column.lower()), rejected.reason
    assert result.frame["timestamp"].dt.tz_convert("Europe/Amsterdam").dt.date.tolist() == [
        good.date()
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("name", list(FORMATS))
def test_entirely_empty_columns_are_read(tmp_path, name, kind):
    header, template, _ = FORMATS[name]
    rows = [_cells(template, dt.datetime(2026, 7, d, 9, 0), d) for d in (1, 2)]
    result, entry = _load(_write(tmp_path, kind, header, rows))
    assert entry.format == name
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (2, 2, 0), entry.rejected
    assert len(result.frame) == 2


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("name", list(FORMATS))
def test_any_column_entirely_empty_gives_reasons_not_exceptions(tmp_path, name, kind):
    header, template, _ = FORMATS[name]
    rows = [_cells(template, dt.datetime(2026, 7, d, 9, 0), d) for d in (1, 2)]
    for blank, column in enumerate(header):
        folder = tmp_path / str(blank)
        folder.mkdir()
        emptied = [[("" if i == blank else cell) for i, cell in enumerate(row)] for row in rows]
        result, entry = _load(_write(folder, kind, header, emptied))
        assert entry.format == name, column
        assert entry.rows_read == 2, column
        assert len(result.frame) == entry.rows_used, column
        assert all(r.reason for r in entry.rejected), column


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("name", list(FORMATS))
def test_a_header_without_rows_is_an_empty_export(tmp_path, name, kind):
    header, _, _ = FORMATS[name]
    result, entry = _load(_write(tmp_path, kind, header, []))
    assert entry.format == name
    assert (entry.rows_read, entry.rows_used) == (0, 0)
    assert result.frame.empty
    assert result.coverage.files == {}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_column_empty_but_for_whitespace_is_empty(tmp_path, kind):
    header = ["platform", "account", "item_id", "timestamp", "direction", "in_reply_to"]
    rows = [["x", "zeist", "1", "2026-07-01T09:00:00Z", "out", "  "]]
    result, entry = _load(_write(tmp_path, kind, header, rows))
    assert entry.rows_used == 1
    assert result.frame["in_reply_to"].isna().all()


def test_naive_times_are_wall_clock_in_the_configured_zone(tmp_path):
    path = tmp_path / "export.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["platform", "account", "item_id", "timestamp", "direction"])
    workbook.active.append(["x", "zeist", "1", dt.datetime(2026, 7, 1, 9, 0), "out"])  # summer
    workbook.active.append(["x", "zeist", "2", "2026-01-05 09:00", "out"])  # winter, as text
    workbook.active.append(["x", "zeist", "3", dt.datetime(1000, 1, 5, 9, 0), "out"])
    workbook.save(path)
    result, entry = _load(path)
    assert [r.reason for r in entry.rejected] == [
        "timestamp '1000-01-05T09:00:00' is outside the years 1678–2261"
    ]
    assert result.frame["timestamp"].tolist() == [
        pd.Timestamp("2026-07-01 07:00", tz="UTC"),
        pd.Timestamp("2026-01-05 08:00", tz="UTC"),
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_odd_encodings_are_read(tmp_path, encoding):
    path = tmp_path / "export.csv"
    text = (
        "platform;account;item_id;timestamp;direction;kind\n"
        "x;zeist;é1;2026-07-01T09:00:00Z;out;post\n"
        "x;zeist;2;2026-07-02T09:00:00Z;uit;\n"
    )
    path.write_bytes(text.encode(encoding))
    result, entry = _load(path)
    assert entry.rows_used == 2
    assert result.frame["item_id"].tolist() == ["é1", "2"]


def test_an_unsupported_file_named_explicitly_exits_2_naming_it(make_register, tmp_path):
    register = make_register([])
    other = tmp_path / "youtube_studio_table_data.csv"
    other.write_text("Content,Video title,Views\nabc,Hallo,3\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["validate", "-i", str(register), "-a", str(other), "--lang", "en"]
    )
    assert result.exit_code == 2
    assert result.output.startswith("error: youtube_studio_table_data.csv › no known header")
    assert len(result.output.strip().splitlines()) == 1


def test_an_unsupported_file_in_a_folder_is_named_and_the_rest_read(make_register, tmp_path):
    register = make_register([])
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "youtube_studio_table_data.csv").write_text(
        "Content,Video title,Views\nabc,Hallo,3\n", encoding="utf-8"
    )
    (folder / "a.csv").write_text(
        "platform,account,item_id,timestamp,direction\nx,zeist,1,2026-07-01T09:00:00Z,out\n"
        "x,zeist,1,2026-08-01T09:00:00Z,out\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["validate", "-i", str(register), "-a", str(folder), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        "warning: exports/youtube_studio_table_data.csv: not a supported activity export; "
        "not read" in lines
    )
    assert (
        "warning: exports/a.csv: 1 row kept out, their item ids already in exports/a.csv at "
        "another time (conflicts; see the ledger's rejected rows)" in lines
    )
    assert (
        "warning: exports/a.csv › row 3 › conflicts with exports/a.csv row 2: the same item id "
        "at 2026-07-01 11:00:00, here at 2026-08-01 11:00:00" in lines
    )
    assert "  exports/a.csv: read 2, used 1, duplicate 0, rejected 1" in lines
