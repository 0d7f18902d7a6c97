"""Exports as another organisation's communications officer hands them in: opened in a Dutch
Excel and saved again, saved as a workbook, pasted together. Each test is a defect an
adversarial pass over the real samples found, kept as a test that fails without its fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from auditor.activity.load import load_activity
from auditor.cli import cli
from auditor.config import Config
from auditor.models import Account


def account(platform, handle, **extra):
    return Account(
        account_id=f"{platform}:{handle.lower()}", platform=platform, handle=handle, **extra
    )


def load(paths, accounts=()):
    result = load_activity([*paths], Config(), list(accounts))
    for entry in result.ledger:
        assert entry.balanced(), entry
    return result


def utc(text):
    return pd.Timestamp(text, tz="UTC")


def write_csv(path, rows, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def reasons(result):
    return [r.reason for entry in result.ledger for r in entry.rejected]


# --- Meta's Publish time after a spreadsheet saved it again -----------------------------------

META_HEADER = ["Post ID", "Page ID", "Page name", "Description", "Publish time", "Post type"]
# Publish time is US Pacific: 1 July 09:05 PDT is 16:05 UTC, 25 October 22:30 PDT 05:30 UTC.
META_POSTS = [
    ("122020727204532684", dt.datetime(2026, 7, 1, 9, 5), utc("2026-07-01 16:05")),
    ("122020733805528319", dt.datetime(2026, 10, 24, 22, 30), utc("2026-10-25 05:30")),
    ("122020741818326680", dt.datetime(2026, 12, 13, 7, 0), utc("2026-12-13 15:00")),
]


def _meta_rows(written):
    return [META_HEADER] + [
        [post_id, "100064318726455", "Gemeente Zeist", "Eén € per zak", written(when), "Photos"]
        for post_id, when, _ in META_POSTS
    ]


def _dutch_excel(when):  # `d-m-jjjj u:mm`, how a Dutch Excel writes a date and time back
    return f"{when.day}-{when.month}-{when.year} {when:%H:%M}"


def _american_excel(when):  # `m/d/yyyy h:mm`, how an American Excel writes it back
    return f"{when.month}/{when.day}/{when.year} {when.hour}:{when:%M}"


@pytest.mark.parametrize(
    "saved",
    [
        lambda path: write_csv(path / "fb.csv", _meta_rows(_dutch_excel), ";", "cp1252"),
        lambda path: write_csv(path / "fb.csv", _meta_rows(_american_excel)),
        # A workbook holds the times as dates: no notation at all.
        lambda path: write_xlsx(path / "fb.xlsx", _meta_rows(lambda when: when)),
    ],
    ids=["dutch-excel-csv", "american-excel-csv", "workbook"],
)
def test_meta_publish_times_a_spreadsheet_saved_again_stay_pacific_times(tmp_path, saved):
    """Every post was rejected (`Publish time '1-7-2026 09:05' is not MM/DD/YYYY HH:MM`): the
    page's whole quarter disappeared because the file had been opened and saved once."""
    page = account("facebook", "gemeentezeist", display_name="Gemeente Zeist")
    result = load([saved(tmp_path)], [page])
    assert reasons(result) == []
    assert list(result.frame["timestamp"]) == [moment for *_, moment in META_POSTS]
    assert list(result.frame["item_id"]) == [post_id for post_id, *_ in META_POSTS]


# --- ids a workbook holds as numbers -----------------------------------------------------------

X_HEADER = ["Post id", "Date", "Post text", "Post Link", "Impressions"]
X_POSTS = ["2070184493183930071", "2070895679370170106", "2071614666961850157"]


def _x_rows(post_id):
    return [X_HEADER] + [
        [post_id(i), "Thu, Jun 25, 2026", "Nieuws", f"https://x.com/gemeentezeist/status/{i}", 10]
        for i in X_POSTS
    ]


def test_x_post_ids_a_workbook_holds_as_numbers_are_taken_from_the_post_link(tmp_path):
    """Excel keeps 15 digits of a number: a 19-digit post id saved in a workbook comes back
    as another id (`2070184493183930112`). It was used as it was, so the same post in the
    CSV and in the workbook counted twice, and no reply could name it."""
    downloaded = write_csv(tmp_path / "account_analytics_content.csv", _x_rows(str))
    saved = write_xlsx(tmp_path / "account_analytics_content.xlsx", _x_rows(float))
    result = load([downloaded, saved], [account("x", "gemeentezeist")])
    assert list(result.frame["item_id"]) == X_POSTS
    assert [(e.rows_used, e.rows_duplicate) for e in result.ledger] == [(3, 0), (0, 3)]


def test_meta_post_ids_a_workbook_rounded_are_rejected_not_used(tmp_path):
    """Meta's file has no link to take the id from: the rounded id is rejected with the
    reason a spreadsheet's scientific notation gets, as in a CSV."""
    rounded = _meta_rows(lambda when: when)
    for row in rounded[1:]:
        row[0] = float(row[0])
    page = account("facebook", "gemeentezeist", display_name="Gemeente Zeist")
    result = load([write_xlsx(tmp_path / "rounded.xlsx", rounded)], [page])
    assert result.frame.empty
    assert all("rounded by a spreadsheet" in reason for reason in reasons(result))
    assert len(reasons(result)) == len(META_POSTS)


TWEETS = [
    ("812369747765362688", "8,12370E+17", "2016-12-23 18:50 +0000", utc("2016-12-23 18:50")),
    ("812341199767863296", "8,12341E+17", "2016-12-23 16:56 +0000", utc("2016-12-23 16:56")),
]


def _tweet_rows(post_id):
    header = ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions"]
    return [header] + [
        [
            post_id(exact, shown),
            f"https://twitter.com/GemeenteZeist/status/{exact}",
            "Nieuw",
            when,
            9,
        ]
        for exact, shown, when, _ in TWEETS
    ]


@pytest.mark.parametrize(
    "saved",
    [
        lambda path: write_csv(path / "t.csv", _tweet_rows(lambda _, shown: shown), ";", "cp1252"),
        lambda path: write_xlsx(path / "t.xlsx", _tweet_rows(lambda exact, _: float(exact))),
    ],
    ids=["dutch-excel-csv", "workbook"],
)
def test_tweet_ids_a_spreadsheet_rounded_are_taken_from_the_permalink(tmp_path, saved):
    """Every tweet was rejected as of a rounded id, while its permalink holds the id whole
    (X's newer export already took it from there)."""
    result = load([saved(tmp_path)], [account("x", "gemeentezeist")])
    assert reasons(result) == []
    assert list(result.frame["item_id"]) == [exact for exact, *_ in TWEETS]
    assert list(result.frame["timestamp"]) == [moment for *_, moment in TWEETS]


# --- two exports pasted into one file ----------------------------------------------------------


def _pasted(path, *parts):
    """Two downloads joined as `copy /b a.csv+b.csv` joins them: the second BOM included."""
    path.write_bytes(b"".join(parts))
    return path


def test_a_header_repeated_where_two_exports_were_pasted_together_is_named_as_such(tmp_path):
    """The second month's header was a row like any other, rejected for its cells:
    `Publish time 'Publish time' is not MM/DD/YYYY HH:MM`, which tells no one what happened."""
    rows = _meta_rows(lambda when: f"{when:%m/%d/%Y %H:%M}")
    header, first, rest = rows[0], rows[1:2], rows[2:]
    july = write_csv(tmp_path / "july.csv", [header, *first]).read_bytes()
    august = write_csv(tmp_path / "august.csv", [header, *rest]).read_bytes()
    bom = "\ufeff".encode()
    page = account("facebook", "gemeentezeist", display_name="Gemeente Zeist")
    for pasted in (
        _pasted(tmp_path / "pasted.csv", july, august),
        _pasted(tmp_path / "pasted_bom.csv", bom + july, bom + august),
    ):
        result = load([pasted], [page])
        (entry,) = result.ledger
        assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (4, 3, 1)
        (rejected,) = entry.rejected
        assert rejected.row == 3
        assert rejected.reason.startswith("the header again")
        assert rejected.as_message()("nl").startswith("de kopregel nog eens")
    sheet = write_xlsx(tmp_path / "pasted.xlsx", [header, *first, header, *rest])
    (entry,) = load([sheet], [page]).ledger
    assert [(r.row, r.reason[:16]) for r in entry.rejected] == [(3, "the header again")]


# --- a file of which no row could be used -------------------------------------------------------


def test_an_export_of_which_no_row_is_used_is_said_with_the_reason_of_its_first_row(tmp_path):
    """A Facebook export a Dutch Excel saved again (every id rounded) beside a good X export:
    the run said only that the page was in no export, as if the file had not been given;
    the reason was in the ledger alone, among the hundreds of rows of the report's appendix."""
    rounded = _meta_rows(_dutch_excel)
    for row in rounded[1:]:
        row[0] = "1,22021E+17"
    folder = tmp_path / "exports"
    folder.mkdir()
    write_csv(folder / "facebook.csv", rounded, ";", "cp1252")
    write_csv(folder / "x.csv", _x_rows(str))
    page = account("facebook", "gemeentezeist", display_name="Gemeente Zeist")
    result = load([folder], [page, account("x", "gemeentezeist")])
    said = [warning("en") for warning in result.warnings()]
    assert said == [
        "exports/facebook.csv: none of its 3 rows is used (row 2: id '1,22021E+17' was rounded "
        "by a spreadsheet (a number in scientific notation, its last digits lost): use the "
        "export as downloaded, or open it with its id columns as text)"
    ]
    assert result.warnings()[0]("nl").startswith(
        "exports/facebook.csv: geen van de 3 rijen is gebruikt (rij 2: id '1,22021E+17' is door "
    )
    # A file with nothing in it, or whose rows all count already, is no such file.
    write_csv(folder / "facebook.csv", rounded[:1])
    write_csv(folder / "x_again.csv", _x_rows(str))
    # (x_again.csv is x.csv byte for byte: said as that, not as a file of which none is used)
    said = load([folder], [page, account("x", "gemeentezeist")]).warnings()
    assert [message.key for message in said] == ["activity.same_file"]


# --- what a downloads folder holds besides exports -------------------------------------------

LOGIN_PAGE = (
    '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Inloggen | Facebook'
    '</title></head>\n<body><form action="/login"><input name="email"></form></body></html>\n'
)


def test_a_login_page_saved_as_the_export_is_named_as_a_web_page(tmp_path, make_register):
    """A download that expired saves the platform's login page under the export's name. It
    was said to have no known header in its first 30 rows, then a list of every format:
    nothing a communications officer recognises as 'download it again'."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "Jul-01-2026_Sep-30-2026_412263.csv").write_text(LOGIN_PAGE, encoding="utf-8")
    (folder / "Jul-01-2026_Sep-30-2026_977263.xlsx").write_text(LOGIN_PAGE, encoding="utf-8")
    (folder / "leeg.csv").write_bytes(b"")
    (folder / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (folder / "LEESMIJ.txt").write_text("De exports van Q3.\n", encoding="utf-8")
    write_csv(folder / "x.csv", _x_rows(str))
    result = load([folder], [account("x", "gemeentezeist")])
    assert [e.path for e in result.ledger] == ["exports/x.csv"]
    said = sorted(warning("nl") for warning in result.warnings())
    web_page = (
        ": een webpagina (HTML), geen export: waarschijnlijk is een inlog- of foutpagina "
        "bewaard in plaats van de download; download de export opnieuw; niet gelezen"
    )
    assert said == [
        "exports/Jul-01-2026_Sep-30-2026_412263.csv" + web_page,
        "exports/Jul-01-2026_Sep-30-2026_977263.xlsx" + web_page,
        "exports/LEESMIJ.txt: geen ondersteunde activiteitenexport; niet gelezen",
        "exports/leeg.csv: het bestand is leeg; niet gelezen",
        "exports/oud.xls: oud binair Excel-bestand (.xls); sla het op als .xlsx of CSV; "
        "niet gelezen",
    ]
    # Named on the command line, it stops the run with the same words.
    register = make_register([])
    page = folder / "Jul-01-2026_Sep-30-2026_412263.csv"
    run = CliRunner().invoke(cli, ["validate", "-i", str(register), "-a", str(page)])
    assert run.exit_code == 2
    assert run.output == (
        "fout: Jul-01-2026_Sep-30-2026_412263.csv › een webpagina (HTML), geen export: "
        "waarschijnlijk is een inlog- of foutpagina bewaard in plaats van de download; "
        "download de export opnieuw\n"
    )


# --- a CSV a Dutch Excel opened in one column ----------------------------------------------------


def _one_column_rows():
    """A comma-separated export as a Dutch Excel opens it by a double click: it splits at
    semicolons, so each line stays whole in the first column."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(_x_rows(str))
    return [[line] for line in buffer.getvalue().splitlines()]


def test_an_export_opened_in_one_column_and_saved_says_so(tmp_path, make_register):
    """Saved as a workbook, it was said to have no known header, then every format listed:
    the header is there, in one cell. Saved as a CSV, its header (no quotes in it) was found
    and every row rejected as having 1 field. Said plainly, the user knows to take the file
    as downloaded."""
    book = write_xlsx(tmp_path / "x.xlsx", _one_column_rows())
    register = make_register([])
    run = CliRunner().invoke(cli, ["validate", "-i", str(register), "-a", str(book)])
    assert run.exit_code == 2
    assert run.output == (
        "fout: x.xlsx › elke rij staat in één kolom, de kopregel in één cel: een spreadsheet "
        "opende de CSV met een ander scheidingsteken en sloeg hem zo op; gebruik de export "
        "zoals gedownload\n"
    )
    text = write_csv(tmp_path / "x.csv", _one_column_rows(), ";", "cp1252")
    (entry,) = load([text], [account("x", "gemeentezeist")]).ledger
    assert (entry.rows_read, entry.rows_rejected) == (3, 3)
    assert {r.reason for r in entry.rejected} == {
        "the whole row in one cell: a spreadsheet opened the CSV with another separator and "
        "saved it so; use the export as downloaded"
    }


# --- a download cut off --------------------------------------------------------------------------


def test_an_export_cut_off_in_its_last_row_says_so(tmp_path):
    """A download that broke off, or a copy from a full disk, ends in the middle of a row.
    That row was rejected as having 3 fields where the header has 6, which does not say the
    file is incomplete (and its other rows, read, look like a whole export)."""
    whole = write_csv(tmp_path / "whole.csv", _meta_rows(lambda when: f"{when:%m/%d/%Y %H:%M}"))
    data = whole.read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: data.rindex(b",Gemeente Zeist,") + 5])
    page = account("facebook", "gemeentezeist", display_name="Gemeente Zeist")
    (entry,) = load([cut], [page]).ledger
    assert (entry.rows_read, entry.rows_used) == (3, 2)
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (
            4,
            "the file ends in the middle of this row (3 of its 6 fields): the download was "
            "cut off; download the export again",
        )
    ]
    # A short row that ends as rows end is no cut: it keeps its reason.
    short = tmp_path / "short.csv"
    short.write_bytes(data[: data.rindex(b",Gemeente Zeist,") + 5] + b"\r\n")
    (entry,) = load([short], [page]).ledger
    assert [r.reason for r in entry.rejected] == ["has 3 fields, the header has 6"]


def test_meta_times_a_dutch_excel_read_day_first_are_rejected_not_misread(tmp_path):
    """Excel's legacy text import converts each cell on the computer's (Dutch) clock: 07/01
    (1 July) becomes 7 January, 07/13 is no date there and stays as Meta wrote it. Rows of
    both kinds in one file are that signature: the re-written ones may have day and month
    swapped, and are rejected rather than counted in January."""
    header = META_HEADER
    rows = [
        ["1", "100064318726455", "Gemeente Zeist", "a", "7-1-2026 09:05", "Photos"],
        ["2", "100064318726455", "Gemeente Zeist", "b", "07/13/2026 09:05", "Photos"],
        ["3", "100064318726455", "Gemeente Zeist", "c", "8-2-2026 10:00", "Photos"],
    ]
    page = account("facebook", "gemeentezeist", display_name="Gemeente Zeist")
    mixed = write_csv(tmp_path / "mixed.csv", [header, *rows], ";")
    book = [header, *rows]
    book[1][4], book[3][4] = dt.datetime(2026, 1, 7, 9, 5), dt.datetime(2026, 2, 8, 10, 0)
    for path in (mixed, write_xlsx(tmp_path / "mixed.xlsx", book)):
        result = load([path], [page])
        assert list(result.frame["item_id"]) == ["2"]
        assert list(result.frame["timestamp"]) == [utc("2026-07-13 16:05")]
        (entry,) = result.ledger
        assert [r.row for r in entry.rejected] == [2, 4]
        assert "day and month may be swapped" in entry.rejected[0].reason


# --- times as other tools write them -------------------------------------------------------------

HOOTSUITE_HEADER = (
    "Message ID,Conversation ID,Direction,Message Type,Post URL,Content,Created at,Channel,"
    "Medium,Contact Primary Identifier\n"
)


@pytest.mark.parametrize(
    ("asked", "answered"),
    [
        ("1782889500", "1782893100"),  # Unix seconds
        ("1782889500000", "1782893100000"),  # Unix milliseconds
        ("07/01/2026 09:05 AM", "07/01/2026 10:05 AM"),  # American 12-hour clock, Amsterdam
        ("7/1/2026 9:05:00 AM", "7/1/2026 10:05:00 AM"),
    ],
)
def test_inbox_times_written_as_unix_time_or_on_a_12_hour_clock_are_read(tmp_path, asked, answered):
    """Both were rejected as 'not a date', and no mapping could say otherwise: `strptime`
    has no notation for Unix time."""
    text = HOOTSUITE_HEADER + (
        f"1,c1,inbound,Mention,,Vraag,{asked},@gemeentezeist,Twitter,@inwoner\n"
        f"2,c1,outbound,Reply,,Antwoord,{answered},@gemeentezeist,Twitter,@inwoner\n"
    )
    path = tmp_path / "inbox.csv"
    path.write_text(text, encoding="utf-8")
    result = load([path], [account("x", "gemeentezeist")])
    assert reasons(result) == []
    # 1782889500 is 2026-07-01 07:05 UTC, 09:05 in Amsterdam.
    assert list(result.frame["timestamp"]) == [utc("2026-07-01 07:05"), utc("2026-07-01 08:05")]


def test_canonical_times_as_unix_time_are_read(tmp_path):
    path = tmp_path / "canonical.csv"
    path.write_text(
        "platform,account,item_id,timestamp,direction\n"
        "x,gemeentezeist,1,1782889500,out\n"
        "x,gemeentezeist,2,1782889500123,out\n"
        "x,gemeentezeist,3,2026-07-01 09:05,out\n"
        "x,gemeentezeist,4,178288950,out\n",  # nine digits: 1975, no time of these exports
        encoding="utf-8",
    )
    result = load([path], [account("x", "gemeentezeist")])
    assert list(result.frame["timestamp"]) == [
        utc("2026-07-01 07:05"),
        utc("2026-07-01 07:05:00.123"),
        utc("2026-07-01 07:05"),
    ]
    assert reasons(result) == ["timestamp '178288950' is not a date"]


# --- a citizen's handle in a cell a reason quotes ---------------------------------------------


def test_a_handle_in_a_cell_a_reason_quotes_is_not_shown(tmp_path):
    """A row of an inbox export missing one field and with one to spare has its cells one
    column along: the contact's handle lands in `Medium`, and the reason quoted it
    (`platform '@inwoner' in column 'Medium' is not known`) into the report's ledger. A
    mapping that names the wrong column quotes one on every row."""
    path = tmp_path / "inbox.csv"
    path.write_text(
        HOOTSUITE_HEADER
        + "1,c1,inbound,Mention,Vraag,2026-07-01 09:05,@gemeentezeist,Twitter,@inwoner,\n"
        + "2,c2,@inwoner2,Mention,,Vraag,2026-07-01 09:05,@gemeentezeist,Twitter,@inwoner2\n"
        + "3,c3,inbound,Mention,,Vraag,piet@example.nl,@gemeentezeist,Twitter,@inwoner3\n",
        encoding="utf-8",
    )
    canonical = tmp_path / "canonical.csv"
    canonical.write_text(
        "platform,account,item_id,timestamp,direction,author,text\n"
        "@inwoner4,gemeentezeist,1,2026-07-01 09:05,in,@inwoner4,Vraag\n"
        "x,gemeentezeist,2,2026-07-01 09:05,@inwoner5,@inwoner5,Vraag\n",
        encoding="utf-8",
    )
    result = load([path, canonical], [account("x", "gemeentezeist")])
    said = reasons(result)
    assert len(said) == 5
    assert not [reason for reason in said if "inwoner" in reason or "piet@" in reason]
    assert said[0] == "platform '@…' in column 'Medium' is not known"


# --- the same messages in an export saved again ---------------------------------------------------


def test_messages_in_an_export_a_spreadsheet_saved_to_the_minute_are_duplicates(tmp_path):
    """Excel shows a time to the minute and saves it so: 08:42:20 becomes 08:42. The same
    message in the quarter before (saved again) and in this quarter's download (as is) was a
    conflict, kept out with a warning that the two files disagree, instead of a duplicate."""
    downloaded = tmp_path / "inbox_q3.csv"
    downloaded.write_text(
        HOOTSUITE_HEADER
        + "11,c1,inbound,Mention,,Vraag,2026-06-29T08:42:20+02:00,@gemeentezeist,Twitter,@a\n"
        + "12,c1,outbound,Reply,,Antwoord,2026-06-29T09:43:59+02:00,@gemeentezeist,Twitter,@a\n"
        + "13,c2,inbound,Mention,,Vraag,2026-07-02T10:00:00+02:00,@gemeentezeist,Twitter,@b\n",
        encoding="utf-8",
    )
    saved = tmp_path / "inbox_q2.csv"
    saved.write_text(
        HOOTSUITE_HEADER.replace(",", ";")
        + "10;c0;inbound;Mention;;Vraag;28-6-2026 10:00;@gemeentezeist;Twitter;@c\n"
        + "11;c1;inbound;Mention;;Vraag;29-6-2026 08:42;@gemeentezeist;Twitter;@a\n"
        + "12;c1;outbound;Reply;;Antwoord;29-6-2026 09:43;@gemeentezeist;Twitter;@a\n",
        encoding="cp1252",
    )
    gemeente = account("x", "gemeentezeist")
    for first, second in ((saved, downloaded), (downloaded, saved)):
        result = load([first, second], [gemeente])
        # Whichever comes first, the times to the second are the ones used.
        counts = {e.path: (e.rows_used, e.rows_duplicate, e.rows_rejected) for e in result.ledger}
        assert counts == {str(downloaded): (3, 0, 0), str(saved): (1, 2, 0)}
        assert result.warnings() == []
    # Another minute is still another time: a conflict.
    saved.write_text(saved.read_text(encoding="cp1252").replace("08:42", "08:41"), "cp1252")
    for first, second in ((saved, downloaded), (downloaded, saved)):
        rejected = {
            e.path: [r.row for r in e.rejected] for e in load([first, second], [gemeente]).ledger
        }
        assert rejected == {str(saved): [3], str(downloaded): []}  # the time to the second kept


def _to_15_digits(post_id: str) -> str:
    """An id as Excel writes it back from a column formatted as a number: 15 digits kept,
    the rest zeros (`122020727204532684` → `122020727204532000`)."""
    return post_id[:15] + "0" * (len(post_id) - 15)


def test_ids_a_spreadsheet_wrote_back_to_15_digits_are_rounded_ids(tmp_path):
    """The advice to show ids whole in Excel is to format the column as a number; saved, the
    ids keep 15 digits and zeros after. Nothing said so: such ids were used as other ids."""
    rows = _meta_rows(lambda when: f"{when:%m/%d/%Y %H:%M}")
    for row in rows[1:]:
        row[0] = _to_15_digits(row[0])
    page = account("facebook", "gemeentezeist", display_name="Gemeente Zeist")
    result = load([write_csv(tmp_path / "fb.csv", rows, ";")], [page])
    assert result.frame.empty
    assert reasons(result)[0] == (
        "id '122020727204532000' was rounded by a spreadsheet (15 digits kept, zeros after "
        "them): use the export as downloaded, or open it with its id columns as text"
    )
    # X's post id is then taken from the post link.
    x_rows = _x_rows(str)
    for row in x_rows[1:]:
        row[0] = _to_15_digits(row[0])
    result = load([write_csv(tmp_path / "x.csv", x_rows)], [account("x", "gemeentezeist")])
    assert list(result.frame["item_id"]) == X_POSTS
    # Ids that end in zeros by chance, among others that do not, are ids.
    rows = _meta_rows(lambda when: f"{when:%m/%d/%Y %H:%M}")
    rows[1][0] = _to_15_digits(rows[1][0])
    result = load([write_csv(tmp_path / "fb_chance.csv", rows)], [page])
    assert reasons(result) == [] and len(result.frame) == len(META_POSTS)


@pytest.mark.parametrize(("name", "separator"), [("export.xls", "\t"), ("export.xlsx", ",")])
def test_text_under_a_workbooks_name_is_read_as_the_text_it_is(tmp_path, name, separator):
    """Some tools' "export to Excel" writes a tab-separated or comma file called .xls; in a
    folder beside other exports it stopped the whole run. A text file that is no export is
    still said to be no readable workbook, and in a folder it is passed over, saying so."""
    from auditor.activity.load import load_activity
    from auditor.config import Config
    from tests.helpers import canonical_rows

    rows = canonical_rows("sportzeist", start="2026-07-01", end="2026-07-10")
    columns = ["platform", "account", "item_id", "timestamp", "direction"]
    lines = [separator.join(columns)]
    lines += [separator.join(str(r[c]) for c in columns) for r in rows]
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "notes.xls").write_text(
        "Notities bij de export\nniets bijzonders\n", encoding="utf-8"
    )
    loaded = load_activity([folder], Config(), [])
    (entry,) = loaded.ledger
    assert (entry.path.endswith(name), entry.rows_read, entry.rows_used) == (True, 10, 10)
    said = [w("nl") for w in loaded.warnings()]
    assert any("notes.xls" in line and "Excel-werkmap" in line for line in said), said


def test_only_ten_or_thirteen_digits_alone_are_unix_time():
    """A number that merely ends in 13 digits (`1.100000023841858`, as a spreadsheet writes a
    float) is no Unix time: pandas 2.0 anchored the two alternatives apart and took it for one,
    and the run stopped converting it (found by the generated-input tests on the oldest
    versions)."""
    import pandas as pd

    from auditor.activity.adapters.base import parse_times

    values = pd.Series(
        ["1751360700", "1751360700000", "1.100000023841858", "17513607001", "x1751360700"],
        dtype="string[pyarrow]",  # as exports are read
    )
    times = parse_times(values, "Europe/Amsterdam")
    assert times.iloc[0] == times.iloc[1] == pd.Timestamp("2025-07-01 09:05", tz="UTC")
    assert times.iloc[2:].isna().all()


def test_a_day_first_time_with_a_spaced_offset_is_read_by_arrows_own_regex():
    """`01-07-2026 10:00 +02:00`: the space before the offset is taken out with a pattern
    Arrow's RE2 reads (pandas 2 hands `string[pyarrow]` to it, and it knows no lookahead: the
    run stopped; found by the generated-input tests on the oldest versions)."""
    import pandas as pd

    from auditor.activity.adapters.base import parse_times

    values = pd.Series(
        ["01-07-2026 10:00 +02:00", "1-7-2026 09:00 -0100", "1000-01-01T00:00:00Z"],
        dtype="string[pyarrow]",  # as exports are read
    )
    times = parse_times(values, "Europe/Amsterdam")
    assert list(times.iloc[:2]) == [
        pd.Timestamp("2026-07-01 08:00", tz="UTC"),
        pd.Timestamp("2026-07-01 10:00", tz="UTC"),
    ]


def test_times_in_several_notations_in_one_column_are_each_read():
    """One column mixing `Z`, an offset (spaced or not, after a no-break space too), a zone's
    name and wall-clock time: each is read as what it says (the column is split by patterns
    pandas hands to Arrow, not to Python's `re` one value at a time)."""
    from auditor.activity.adapters.base import parse_times

    values = pd.Series(
        [
            "2026-07-01T08:00:00Z",
            "2026-07-01T10:00:00+02:00",
            "2026-07-01 10:00:00 +0200",
            "01-07-2026 10:00\u00a0+02:00",
            "01-07-2026 10:00 CEST",
            "2026-07-01 10:00:00",
            "01-07-2026 10:00",
        ],
        dtype="string[pyarrow]",
    )
    times = parse_times(values, "Europe/Amsterdam")
    assert times.tolist() == [pd.Timestamp("2026-07-01 08:00", tz="UTC")] * len(values)


def test_the_space_in_time_patterns_is_pythons_space_in_arrow_too():
    """The class spelled out for `\\s` (which pandas would leave to Python's `re`) matches
    exactly the characters Python's `\\s` does, in Python and in Arrow's RE2."""
    import re
    import sys

    import pyarrow as pa
    import pyarrow.compute as pc

    from auditor.activity.adapters.base import _SPACE

    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    python = [re.fullmatch(r"\s", c) is not None for c in chars]
    assert [re.fullmatch(_SPACE, c) is not None for c in chars] == python
    assert pc.match_substring_regex(pa.array(chars), f"^{_SPACE}$").to_pylist() == python
