"""Reading export files: encodings, delimiters, row numbers, and files that are not exports."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pandas as pd
import pytest

from auditor.activity.load import load_activity
from auditor.config import Config
from auditor.problems import InputError

HEADER = ["platform", "account", "item_id", "timestamp", "direction"]


def load(*paths, accounts=()):
    result = load_activity(list(paths), Config(), list(accounts))
    assert all(entry.balanced() for entry in result.ledger)
    return result


def write(path, text, encoding="utf-8"):
    return write_bytes(path, text.encode(encoding))


def write_bytes(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "delimiter", "newline"),
    [
        ("utf-8", ",", "\n"),
        ("utf-8-sig", ";", "\r\n"),
        ("cp1252", ";", "\r\n"),
        ("utf-16", "\t", "\r\n"),
        ("utf-8", "\t", "\n"),
    ],
)
def test_encodings_and_delimiters(tmp_path, encoding, delimiter, newline):
    lines = [
        delimiter.join([*HEADER, "text"]),
        delimiter.join(["x", "@GemeenteZeist", "1", "2026-07-01T09:00:00Z", "out", "Café"]),
        delimiter.join(["x", "gemeentezeist", "2", "2026-07-01T11:00:00+02:00", "in", "é"]),
    ]
    path = write(tmp_path / "export.csv", newline.join(lines) + newline, encoding)
    result = load(path)
    frame = result.frame
    assert list(frame["item_id"]) == ["1", "2"]
    assert list(frame["account_id"]) == ["x:gemeentezeist"] * 2
    assert list(frame["timestamp"]) == [pd.Timestamp("2026-07-01 09:00", tz="UTC")] * 2
    assert list(frame["source_row"]) == [2, 3]
    assert result.ledger[0].rows_read == 2


def test_cp1252_byte_after_a_long_utf8_looking_start_is_read(tmp_path):
    # The first megabyte is plain ASCII; the é in Windows-1252 only comes at the end.
    rows = [f"x,zeist,{i},2026-07-01T09:00:00Z,out" for i in range(40_000)]
    body = ",".join(HEADER) + ",note\n" + "\n".join(r + ",ok" for r in rows) + "\n"
    body += "x,zeist,last,2026-07-01T09:00:00Z,out,caf\xe9\n"
    path = tmp_path / "late.csv"
    path.write_bytes(body.encode("cp1252"))
    result = load(path)
    assert len(result.frame) == 40_001
    assert result.frame["item_id"].iloc[-1] == "last"


def test_multiline_cells_number_records_by_their_first_line(tmp_path):
    text = (
        "platform,account,item_id,timestamp,direction,text\r\n"
        'x,zeist,1,2026-07-01T09:00:00Z,out,"one\r\ntwo ""quoted""\r\nthree"\r\n'
        "\r\n"
        "x,zeist,2,not a time,out,plain\r\n"
        'x,zeist,3,2026-07-01T10:00:00Z,out,"a\nb"\r\n'
    )
    result = load(write(tmp_path / "ml.csv", text))
    assert list(result.frame["source_row"]) == [2, 7]
    entry = result.ledger[0]
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (3, 2, 1)
    assert entry.rejected[0].row == 6
    assert entry.rejected[0].reason == "timestamp 'not a time' is not a date"


def test_rows_with_the_wrong_number_of_fields_are_rejected_not_fatal(tmp_path):
    text = (
        "platform,account,item_id,timestamp,direction\n"
        "x,zeist,1,2026-07-01T09:00:00Z,out\n"
        "x,zeist,2\n"
        "x,zeist,3,2026-07-01T09:00:00Z,out,extra\n"
        "x,zeist,4,2026-07-01T09:00:00Z,out\n"
    )
    result = load(write(tmp_path / "ragged.csv", text))
    entry = result.ledger[0]
    assert list(result.frame["item_id"]) == ["1", "4"]
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (3, "has 3 fields, the header has 5"),
        (4, "has 6 fields, the header has 5"),
    ]


def test_header_below_title_rows_and_sep_line(tmp_path):
    text = "sep=;\nActivity export Gemeente Zeist\n\n" + ";".join(HEADER) + "\n"
    text += "x;zeist;1;01-07-2026 11:00;out\n"
    result = load(write(tmp_path / "titled.csv", text))
    assert list(result.frame["source_row"]) == [5]
    assert result.frame["timestamp"].iloc[0] == pd.Timestamp("2026-07-01 09:00", tz="UTC")


def test_header_only_file_is_an_empty_ledger_entry(tmp_path):
    result = load(write(tmp_path / "none.csv", ",".join(HEADER) + "\n"))
    assert result.frame.empty
    assert result.ledger[0].rows_read == 0


@pytest.mark.parametrize(
    "above",
    [
        # A description row far longer than the first lines looked at.
        '"' + "Alle berichten van het kwartaal. " * 3000 + '"\n',
        # A quoted note whose lines run past them, holding a row that looks like a header.
        '"Let op:\n' + "regel\n" * 12000 + ",".join(HEADER) + '\n"\n',
    ],
)
def test_a_header_below_long_rows_is_found_where_a_whole_read_finds_it(tmp_path, above):
    rows = "".join(f"x,zeist,{i},2026-07-01T10:00:00Z,out\n" for i in range(3))
    result = load(write(tmp_path / "long.csv", above + ",".join(HEADER) + "\n" + rows))
    assert list(result.frame["item_id"]) == ["0", "1", "2"]
    first = above.count("\n") + 2
    assert list(result.frame["source_row"]) == [first, first + 1, first + 2]


def test_a_header_whose_quoted_name_runs_past_the_first_lines_is_read_whole(tmp_path):
    """The header's last cell holds line breaks past the first 64 KB: the header is read
    whole, with that column, not cut at the lines first looked at."""
    long_name = "notitie" + "\n" * 70_000
    header = ",".join(HEADER) + ',"' + long_name + '"\n'
    text = header + "x,zeist,1,2026-07-01T10:00:00Z,out,kort\n"
    result = load(write(tmp_path / "odd.csv", text))
    assert result.ledger[0].rows_read == 1
    assert list(result.frame["item_id"]) == ["1"]


def _truncated_xlsx(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    full = tmp_path / "full.xlsx"
    wb.save(full)
    data = full.read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _zip_without_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: write(p / "empty.csv", ""), "empty"),
        (lambda p: write(p / "blank.csv", "\n\n  \n"), "empty"),
        (lambda p: write_bytes(p / "image.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), "binary"),
        (lambda p: write(p / "other.csv", "name,age\nPiet,40\n"), "no known header"),
        (lambda p: write(p / "fake.xlsx", "platform,account\n"), "not a readable Excel"),
        (
            lambda p: write_bytes(p / "old.xls", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(64)),
            "old binary Excel",
        ),
        (_truncated_xlsx, "not a readable Excel"),
        (_zip_without_workbook, "not a readable Excel"),
        (lambda p: write(p / "notes.pdf", "%PDF"), "not an activity export"),
        (lambda p: p / "missing.csv", "no such file"),
    ],
)
def test_hostile_inputs_raise_input_error_naming_the_file(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.path == str(path)
    assert message in caught.value.message("en")
    assert caught.value.render("en").startswith(f"{path.name} › ")
    assert caught.value.render("nl").startswith(f"{path.name} › ")


@pytest.mark.parametrize("make", [_truncated_xlsx, _zip_without_workbook])
def test_a_damaged_workbook_is_said_in_the_users_words_with_what_to_do(tmp_path, make):
    # It said the library's own English (`File is not a zip file`) inside the Dutch sentence.
    with pytest.raises(InputError) as caught:
        load(make(tmp_path))
    assert caught.value.message("nl") == (
        "geen leesbare Excel-werkmap (.xlsx): beschadigd of onvolledig, bijvoorbeeld niet "
        "helemaal gedownload of gekopieerd; download of exporteer het bestand opnieuw"
    )


def test_a_half_downloaded_zip_and_a_damaged_register_are_said_in_the_users_words(tmp_path):
    from auditor.register import load_register

    archive = tmp_path / "youtube.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Table data.csv", "Content,Views\n" * 2000)
    archive.write_bytes(archive.read_bytes()[:-30])  # the central directory cut off
    with pytest.raises(InputError) as caught:
        load(archive)
    assert caught.value.render("nl") == (
        "youtube.zip › geen leesbaar zip-archief: beschadigd of onvolledig, bijvoorbeeld niet "
        "helemaal gedownload of gekopieerd; download het opnieuw"
    )
    register = _truncated_xlsx(tmp_path)
    with pytest.raises(InputError) as caught:
        load_register(register)
    assert caught.value.render("nl") == (
        "truncated.xlsx › geen leesbare Excel-werkmap (.xlsx): een ander soort bestand, of "
        "beschadigd of onvolledig"
    )


def test_xlsx_header_found_by_content_and_cells_converted(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Uitleg"
    wb.active.append(["Only an explanation here"])
    sheet = wb.create_sheet("Data")
    sheet.append(["Export Zeist"])
    sheet.append([])
    sheet.append([*HEADER, "has_image"])
    # Excel keeps numbers as doubles: a long id survives only as text, a short one as a number.
    sheet.append(["x", "zeist", "1234567890123456789", dt.datetime(2026, 7, 1, 11), "out", True])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["x", "zeist", 123456789012345, "2026-07-01T09:00:00Z", "in", "nee"])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    result = load(path)
    frame = result.frame
    assert list(frame["item_id"]) == ["1234567890123456789", "123456789012345"]
    assert list(frame["source_row"]) == [4, 6]
    assert list(frame["timestamp"]) == [pd.Timestamp("2026-07-01 09:00", tz="UTC")] * 2
    assert list(frame["has_image"]) == [True, False]
    assert result.ledger[0].rows_read == 2
