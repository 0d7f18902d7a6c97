"""Round five of inputs nobody here made: activity exports as people hand them over (saved
again by a spreadsheet, cut, mixed in one folder) and the quarter-to-quarter cycle."""

from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.cli import cli
from tests.helpers import main_account


def _csv(path: Path, rows: list[list[object]], delimiter: str = ",", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _run(tmp_path: Path, register: Path, *exports: Path, period: str = "2026-Q3", extra=()):
    args = ["run", "--lang", "en", "-i", str(register), "--period", period]
    for export in exports:
        args += ["-a", str(export)]
    args += ["--out", str(tmp_path / "out"), "--history", str(tmp_path / "h.sqlite"), *extra]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    findings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    return result, findings


def _metrics(findings: dict, account_id: str) -> dict:
    (account,) = [a for a in findings["accounts"] if a["account_id"] == account_id]
    return account["metrics"]


META_HEADER = ["Post ID", "Page ID", "Page name", "Description", "Publish time", "Post type"]


def test_meta_times_a_spreadsheet_wrote_day_first_with_slashes_are_read_day_first(
    tmp_path: Path, make_register
):
    # A Belgian Excel (d/mm/jjjj), or a Dutch one set to dd/mm/jjjj, writes the whole file
    # day first: 15/07 says so, and 03/08 is then 3 August. It was read as 8 March, and
    # 01/09 as 9 January: two of three posts fell out of the quarter without a word.
    register = make_register(
        [main_account("facebook", "gemeentezeist", display_name="Gemeente Zeist")]
    )
    rows = [
        ["1", "100064318726455", "Gemeente Zeist", "a", "15/07/2026 09:05", "Photos"],
        ["2", "100064318726455", "Gemeente Zeist", "b", "03/08/2026 10:00", "Photos"],
        ["3", "100064318726455", "Gemeente Zeist", "c", "01/09/2026 11:30", "Photos"],
    ]
    export = _csv(tmp_path / "fb.csv", [META_HEADER, *rows], ";", "cp1252")
    result, findings = _run(tmp_path, register, export)
    metrics = _metrics(findings, "facebook:gemeentezeist")
    # Pacific time: 15 July 09:05 PDT is 18:05 in Zeist, 1 September 11:30 is 20:30.
    assert (metrics["first_post"], metrics["last_post"]) == (
        "2026-07-15T18:05:00+02:00",
        "2026-09-01T20:30:00+02:00",
    )
    assert "cover 2026-07-15 – 2026-09-01, not all of 2026-Q3" in result.output
    (entry,) = [i for i in findings["inputs"] if i["path"].endswith("fb.csv")]
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (3, 3, 0)


CANONICAL_HEADER = ["platform", "account", "item_id", "timestamp", "direction", "kind"]
# A post on 3 July, a question on Monday 13 July answered 2.5 hours later, a post on 3 August.
CANONICAL_TIMES = [
    (2026, 7, 3, 14, 5),
    (2026, 7, 13, 9, 0),
    (2026, 7, 13, 11, 30),
    (2026, 8, 3, 16, 0),
]


def _canonical(path: Path, written, delimiter=";") -> Path:
    kinds = [("p1", "out", "post"), ("i1", "in", "mention"), ("r1", "out", "reply")]
    kinds += [("p2", "out", "post")]
    rows = [
        ["x", "@GemeenteZeist", item, written(*when), direction, kind, ""]
        for (item, direction, kind), when in zip(kinds, CANONICAL_TIMES, strict=True)
    ]
    rows[2][-1] = "i1"
    return _csv(path, [[*CANONICAL_HEADER, "in_reply_to"], *rows], delimiter, "cp1252")


def _twelve_hour(hour: int) -> str:
    return f"{hour % 12 or 12}:{{:02d}} {'AM' if hour < 12 else 'PM'}"


@pytest.mark.parametrize(
    "written",
    [
        lambda y, m, d, h, mi: f"{d:02d}/{m:02d}/{y} {h:02d}:{mi:02d}",  # dd/mm/jjjj u:mm
        lambda y, m, d, h, mi: f"{d}/{m}/{y} {h}:{mi:02d}:00",  # a Belgian Excel, seconds
        lambda y, m, d, h, mi: f"{m}/{d}/{y} " + _twelve_hour(h).format(mi),  # American
        lambda y, m, d, h, mi: f"{m}/{d}/{y} {h}:{mi:02d}",  # American, 13/07 says month first
    ],
    ids=["day-first", "day-first-seconds", "american-12-hour", "american-24-hour"],
)
def test_canonical_times_a_spreadsheet_wrote_with_slashes_are_read(
    tmp_path: Path, make_register, written
):
    # Every row was rejected as "timestamp '03/07/2026 14:05' is not a date": the quarter of
    # an export opened and saved once in a spreadsheet was lost.
    register = make_register([main_account("x", "GemeenteZeist")])
    export = _canonical(tmp_path / "activiteit.csv", written)
    _, findings = _run(tmp_path, register, export)
    (entry,) = [i for i in findings["inputs"] if i["path"].endswith("activiteit.csv")]
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (4, 4, 0)
    metrics = _metrics(findings, "x:gemeentezeist")
    assert (metrics["first_post"], metrics["last_post"]) == (
        "2026-07-03T14:05:00+02:00",
        "2026-08-03T16:00:00+02:00",
    )
    assert metrics["reply_median_calendar_hours"] == 2.5


@pytest.mark.parametrize("clock", [lambda h: f"{h:02d}:00", lambda h: _twelve_hour(h).format(0)])
def test_a_webcare_export_a_spreadsheet_wrote_day_first_is_read_day_first(
    tmp_path: Path, make_register, clock
):
    # Hootsuite writes the month first. Saved again day first, 13/07 was rejected as no date
    # and 03/08 (3 August) was read as 8 March: the question of 3 August and its answer
    # fell out of the quarter, and the answer to 13 July had no question. On a 12-hour
    # clock (as a British spreadsheet writes it) every time was rejected.
    register = make_register([main_account("x", "GemeenteZeist")])
    header = "Message ID;Conversation ID;Direction;Message Type;Created at;Channel;Medium\n"
    rows = [
        f"1;c1;inbound;Mention;13/07/2026 {clock(9)};@GemeenteZeist;Twitter",
        f"2;c1;outbound;Reply;13/07/2026 {clock(10)};@GemeenteZeist;Twitter",
        f"3;c2;inbound;Mention;03/08/2026 {clock(10)};@GemeenteZeist;Twitter",
        f"4;c2;outbound;Reply;03/08/2026 {clock(13)};@GemeenteZeist;Twitter",
    ]
    export = tmp_path / "berichten.csv"
    export.write_text(header + "\n".join(rows) + "\n", encoding="cp1252")
    _, findings = _run(tmp_path, register, export)
    (entry,) = [i for i in findings["inputs"] if i["path"].endswith("berichten.csv")]
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (4, 4, 0)
    metrics = _metrics(findings, "x:gemeentezeist")
    assert (metrics["inbound"], metrics["answered"]) == (2, 2)
    assert metrics["reply_median_calendar_hours"] == 2.0


def test_a_returned_workbook_without_its_finding_id_column_names_that_column(
    tmp_path: Path, make_register
):
    # An owner deleted the finding_id column of Findings (it looked technical). The run said
    # "sheet Evidence has a finding_id column but no Status, Toelichting column": another
    # sheet than the one filled in, and other columns than the one gone.
    register = make_register([main_account("x", "GemeenteZeist", owner_name="Team Web")])
    args = ["run", "-i", str(register), "--history", str(tmp_path / "h.sqlite")]
    first = CliRunner().invoke(cli, [*args, "--period", "2026-Q2", "--out", str(tmp_path / "q2")])
    assert first.exit_code in (0, 1), first.output
    book = openpyxl.load_workbook(tmp_path / "q2" / "audit.xlsx")
    sheet = book["Bevindingen"]
    rows = sheet.iter_rows(max_row=5)
    (header_row,) = [r for r in rows if any(c.value == "finding_id" for c in r)]
    headers = [c.value for c in header_row]
    sheet.cell(header_row[0].row + 1, headers.index("Status") + 1).value = "opgelost"
    sheet.delete_cols(headers.index("finding_id") + 1)
    book.save(tmp_path / "terug.xlsx")
    args += ["--period", "2026-Q3", "--out", str(tmp_path / "q3")]
    args += ["--responses", str(tmp_path / "terug.xlsx")]
    for lang, said in [
        (
            "nl",
            "terug.xlsx › tabblad Bevindingen heeft de kolommen Status, Toelichting voor "
            "de antwoorden, maar geen kolom finding_id",
        ),
        (
            "en",
            "terug.xlsx › sheet Bevindingen has the columns Status, Toelichting for the "
            "answers but no finding_id column",
        ),
    ]:
        result = CliRunner().invoke(cli, [*args, "--lang", lang])
        assert result.exit_code == 2, result.output
        assert said in result.output
        assert "Evidence" not in result.output and "Bewijs" not in result.output


def test_an_export_workbook_kept_a_month_a_sheet_is_read_sheet_by_sheet(
    tmp_path: Path, make_register
):
    # Only the first sheet with an export's header was read: August and September were
    # left out without a word, and the account looked silent for two months.
    register = make_register([main_account("x", "GemeenteZeist")])
    book = openpyxl.Workbook()
    book.remove(book.active)
    for month, name in [(7, "Juli"), (8, "Augustus"), (9, "September")]:
        sheet = book.create_sheet(name)
        sheet.append([f"Berichten {name} 2026"])
        sheet.append(CANONICAL_HEADER)
        for day in (1, 15, 28):
            when = dt.datetime(2026, month, day, 10, 0)
            sheet.append(["x", "@GemeenteZeist", f"{month}-{day}", when, "out", "post"])
    book.create_sheet("Totaal").append(["Aantal berichten", 9])
    book.save(tmp_path / "berichten.xlsx")
    _, findings = _run(tmp_path, register, tmp_path / "berichten.xlsx")
    read = {Path(i["path"]).name: (i["rows_read"], i["rows_used"]) for i in findings["inputs"]}
    for name in ("Juli", "Augustus", "September"):
        assert read[f"berichten.xlsx › {name}"] == (3, 3)
    metrics = _metrics(findings, "x:gemeentezeist")
    assert (metrics["posts"], metrics["last_post"]) == (9, "2026-09-28T10:00:00+02:00")
    # A sheet's row is placed on its sheet: row 3 of September is its first post.
    book["September"]["D3"] = "niet een tijd"
    book.save(tmp_path / "berichten.xlsx")
    _, findings = _run(tmp_path, register, tmp_path / "berichten.xlsx", extra=["--force"])
    (september,) = [i for i in findings["inputs"] if i["path"].endswith("› September")]
    assert [(r["row"], r["reason"]) for r in september["rejected"]] == [
        (3, "timestamp 'niet een tijd' is not a date")
    ]


TIKTOK_VIDEO = "https://www.tiktok.com/@gemeentezeist/video/7527623000473079054"


@pytest.mark.parametrize(
    ("name", "rows", "delimiter"),
    [
        (  # the canonical format: "platform 'Totaal' is not known"
            "activiteit.csv",
            [
                [*CANONICAL_HEADER],
                ["x", "@GemeenteZeist", "1", "1-7-2026 10:00", "out", "post"],
                ["Totaal", "", "1", "", "", ""],
            ],
            ";",
        ),
        (  # Meta: "no Page ID or Page name"
            "fb.csv",
            [
                ["Post ID", "Page ID", "Page name", "Publish time", "Post type", "Reach"],
                ["1", "100064318726455", "Gemeente Zeist", "07/01/2026 10:00", "Photos", "5"],
                ["Total:", "", "", "", "", "5"],
            ],
            ",",
        ),
        (  # TikTok: "no video id in link ''"
            "Content.csv",
            [
                ["Time", "Video title", "Video link", "Post time", "Total views"],
                ["July 16", "a", TIKTOK_VIDEO, "July 16", "5"],
                ["Totaal", "", "", "", "5"],
            ],
            ",",
        ),
    ],
    ids=["canonical", "meta", "tiktok"],
)
def test_a_row_of_sums_below_the_export_is_rejected_as_such(
    tmp_path: Path, make_register, name, rows, delimiter
):
    # Someone added a row of sums under the downloaded table. It was rejected (not counted),
    # but for its cells: "platform 'Totaal' is not known", "no video id in link ''".
    register = make_register(
        [
            main_account("x", "GemeenteZeist"),
            main_account("facebook", "gemeentezeist", display_name="Gemeente Zeist"),
            main_account("tiktok", "gemeentezeist"),
        ]
    )
    export = _csv(tmp_path / name, rows, delimiter)
    result = CliRunner().invoke(
        cli, ["validate", "--lang", "en", "-i", str(register), "-a", str(export)]
    )
    assert result.exit_code == 0, result.output
    total = rows[-1][0]
    assert f"{name} › row 3 › a row of sums ('{total}'), not an item of the export" in (
        result.output
    )
    assert f"{name}: read 2, used 1, duplicate 0, rejected 1" in result.output
    said = CliRunner().invoke(
        cli, ["validate", "--lang", "nl", "-i", str(register), "-a", str(export)]
    )
    assert f"{name} › rij 3 › een rij met totalen ('{total}'), geen bericht van de export" in (
        said.output
    )


# --- any set of times, saved again with slashes, reads as the times written --------------------

_TIMES = st.lists(
    st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2026, 12, 31, 23, 59)),
    min_size=1,
    max_size=6,
).map(lambda times: [t.replace(second=0, microsecond=0) for t in times])


def _day_first(t: dt.datetime) -> str:
    return f"{t.day:02d}/{t.month:02d}/{t.year} {t:%H:%M}"


def _american(t: dt.datetime) -> str:
    return f"{t.month}/{t.day}/{t.year} {t.hour % 12 or 12}:{t:%M} {'AM' if t.hour < 12 else 'PM'}"


def _loaded(folder: Path, name: str, rows: list[list[str]], accounts) -> list[pd.Timestamp]:
    from auditor.activity.load import load_activity
    from auditor.config import Config

    result = load_activity([_csv(folder / name, rows, ";")], Config(), accounts)
    (entry,) = result.ledger
    assert entry.rows_rejected == 0, entry.rejected
    return sorted(result.frame["timestamp"])


@settings(max_examples=40, deadline=None)
@given(times=_TIMES, written=st.sampled_from([_day_first, _american]))
def test_canonical_times_saved_with_slashes_read_as_written_in_any_file(times, written):
    # Day first unless the file shows the month first; an American spreadsheet's 12-hour
    # clock shows it: the times read are the wall-clock times written, in the audit's zone.
    from auditor.models import Account

    rows = [["platform", "account", "item_id", "timestamp", "direction"]]
    rows += [["x", "@GemeenteZeist", str(n), written(t), "out"] for n, t in enumerate(times)]
    zone = "Europe/Amsterdam"
    expected = sorted(pd.Timestamp(t).tz_localize(zone).tz_convert("UTC") for t in times)
    account = Account(account_id="x:gemeentezeist", platform="x", handle="GemeenteZeist")
    with tempfile.TemporaryDirectory() as folder:
        assert _loaded(Path(folder), "activiteit.csv", rows, [account]) == expected


@settings(max_examples=40, deadline=None)
@given(times=_TIMES.filter(lambda times: any(t.day > 12 for t in times)))
def test_meta_times_a_spreadsheet_wrote_day_first_read_as_meta_wrote_them(times):
    # A file whose every Publish time was written again day first, and shows it (a day above
    # 12), gives the times of the file as Meta wrote it, in US Pacific time.
    from auditor.models import Account

    def rows(written):
        header = [["Post ID", "Page ID", "Page name", "Publish time", "Post type"]]
        page = ["100064318726455", "Gemeente Zeist"]
        return header + [[str(n), *page, written(t), "Photos"] for n, t in enumerate(times)]

    page = Account(
        account_id="facebook:gemeentezeist",
        platform="facebook",
        handle="gemeentezeist",
        display_name="Gemeente Zeist",
    )
    with tempfile.TemporaryDirectory() as folder:
        as_meta = _loaded(Path(folder), "meta.csv", rows(lambda t: f"{t:%m/%d/%Y %H:%M}"), [page])
        again = _loaded(Path(folder), "again.csv", rows(_day_first), [page])
    assert again == as_meta


def test_answers_to_an_audit_the_history_does_not_hold_say_which_history_to_give(
    tmp_path: Path, make_register
):
    # Q2 was audited into a/ (its history beside it), Q3 into b/, a new history. The owners'
    # answers to Q2 were refused with "ask the owner to fill in the 2026-Q3 workbook": the
    # owner had filled in the right one; the history given was the wrong one.
    register = make_register([main_account("x", "GemeenteZeist", owner_name="Team Web")])
    q2 = tmp_path / "a" / "audit-2026-Q2"
    first = CliRunner().invoke(
        cli, ["run", "-i", str(register), "--period", "2026-Q2", "--out", str(q2)]
    )
    assert first.exit_code in (0, 1), first.output
    book = openpyxl.load_workbook(q2 / "audit.xlsx")
    sheet = book["Bevindingen"]
    rows = sheet.iter_rows(max_row=5)
    (header_row,) = [r for r in rows if any(c.value == "finding_id" for c in r)]
    headers = [c.value for c in header_row]
    sheet.cell(header_row[0].row + 1, headers.index("Status") + 1).value = "opgelost"
    book.save(tmp_path / "terug.xlsx")
    args = ["run", "-i", str(register), "--period", "2026-Q3", "--responses"]
    args += [str(tmp_path / "terug.xlsx"), "--out", str(tmp_path / "b" / "audit-2026-Q3")]
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert result.exit_code in (0, 1), result.output
    assert (
        "the workbook is of the 2026-Q2 audit, which the history audit-history.sqlite does "
        "not hold: this answer does not count; give the history that audit was stored in "
        "with --history" in result.output
    )
    assert "fill in the 2026-Q3 workbook" not in result.output
    # With the history that holds Q2, the answer counts.
    args += ["--history", str(tmp_path / "a" / "audit-history.sqlite"), "--force"]
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert "not counted" not in result.output
    findings = json.loads(
        (tmp_path / "b" / "audit-2026-Q3" / "findings.json").read_text(encoding="utf-8")
    )
    assert findings["history"]["previous_period"] == "2026-Q2"


TWEET_HEADER = ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions"]
# Ids of 2026: each carries its creation time, 1 July 09:05:31 and 13 August 18:50:07 UTC.
TWEETS = [
    ("2072245200876470272", "Nieuw: het afvalrooster", dt.datetime(2026, 7, 1, 9, 5)),
    ("2087974998504374272", "@inwoner Dank voor uw melding", dt.datetime(2026, 8, 13, 18, 50)),
]


@pytest.mark.parametrize(
    "written",
    [
        lambda t: f"{t.day}-{t.month}-{t.year} {t:%H:%M}",  # a Dutch Excel
        lambda t: (
            f"{t.month}/{t.day}/{t.year} {t.hour % 12 or 12}:{t:%M} "  # an American one
            + ("AM" if t.hour < 12 else "PM")
        ),
    ],
    ids=["dutch-excel", "american-excel"],
)
def test_tweet_activity_a_spreadsheet_saved_again_keeps_its_tweets(
    tmp_path: Path, make_register, written
):
    # Every row was rejected as "time '1-7-2026 09:05' is not a date": the account's
    # quarter was lost for a file opened and saved once. The tweet id carries the time.
    register = make_register([main_account("x", "GemeenteZeist")])
    rows = [
        [tweet_id, f"https://twitter.com/GemeenteZeist/status/{tweet_id}", said, when, "10"]
        for tweet_id, said, when in TWEETS
    ]
    original = _csv(
        tmp_path / "tweet_activity_metrics_GemeenteZeist.csv",
        [TWEET_HEADER, *[[*r[:3], f"{r[3]:%Y-%m-%d %H:%M} +0000", r[4]] for r in rows]],
    )
    again = _csv(
        tmp_path / "opnieuw_opgeslagen.csv",
        [TWEET_HEADER, *[[*r[:3], written(r[3]), r[4]] for r in rows]],
        ";",
        "cp1252",
    )
    _, findings = _run(tmp_path, register, again)
    (entry,) = [i for i in findings["inputs"] if i["path"].endswith("opgeslagen.csv")]
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (2, 2, 0)
    metrics = _metrics(findings, "x:gemeentezeist")
    # UTC written, shown on Zeist's clock: 11:05 and 20:50.
    assert (metrics["first_post"], metrics["last_post"]) == (
        "2026-07-01T11:05:00+02:00",
        "2026-08-13T20:50:00+02:00",
    )
    # Beside the file as downloaded, its tweets are the same tweets: duplicates, no conflict.
    result, findings = _run(tmp_path, register, original, again, extra=["--force"])
    (entry,) = [i for i in findings["inputs"] if i["path"].endswith("opgeslagen.csv")]
    assert (entry["rows_used"], entry["rows_duplicate"]) == (0, 2)
    assert "conflict" not in result.output


TWEETED = "2026-07-01 09:05 +0000"


@pytest.mark.parametrize(
    ("name", "header", "row"),
    [
        (
            "account_analytics_content.csv",
            ["Post id", "Date", "Post Link", "Impressions"],
            lambda i: [i, "Wed, Jul 1, 2026", f"https://x.com/GemeenteZeist/status/{i}", "5"],
        ),
        (
            "tweet_activity_metrics.csv",
            ["Tweet id", "Tweet permalink", "time", "impressions"],
            lambda i: [i, f"https://twitter.com/GemeenteZeist/status/{i}", TWEETED, "5"],
        ),
    ],
    ids=["account-analytics", "tweet-activity"],
)
def test_an_x_export_without_its_texts_says_replies_count_as_posts(
    tmp_path: Path, make_register, name, header, row
):
    # The texts were taken out before the export was handed over (citizens' handles are in
    # them). X marks a reply only by its text opening with @: without them every reply was
    # counted as a post, unsaid, and the account seemed to post far more than it did.
    register = make_register([main_account("x", "GemeenteZeist")])
    ids = ["2072245200876470272", "2087974998504374272"]
    export = _csv(tmp_path / name, [header, *[row(i) for i in ids]])
    column = "Post text" if "Date" in header else "Tweet text"
    for lang, said in [
        ("en", f"{name}: no column of the posts' texts ({column}): X marks a reply only by"),
        ("nl", f"{name}: geen kolom met de teksten van de berichten ({column}): X geeft"),
    ]:
        result = CliRunner().invoke(
            cli, ["validate", "--lang", lang, "-i", str(register), "-a", str(export)]
        )
        assert result.exit_code == 0, result.output
        assert said in result.output
    # With the texts, nothing is said.
    export = _csv(tmp_path / name, [[*header, column], *[[*row(i), "Nieuws"] for i in ids]])
    result = CliRunner().invoke(cli, ["validate", "-i", str(register), "-a", str(export)])
    assert "X marks" not in result.output and "X geeft" not in result.output


@pytest.mark.parametrize(
    "written",
    [
        "2026-07-01 09:05:00 +02",
        "2026-07-01 09:05+02",
        "2026-07-01T02:05:00-05",
        "01-07-2026 07:05 +00",
        "20260701T090500+0200",  # ISO's basic notation
        "2026-07-01T0905+02",
    ],
)
def test_canonical_times_with_an_offset_of_whole_hours_are_read(
    tmp_path: Path, make_register, written
):
    # An offset written as hours alone (`+02`, as PostgreSQL writes it), or after ISO's basic
    # notation, ended the run in an internal error: a time pandas read with its offset was
    # taken for a wall-clock time, or a column of both refused whole.
    register = make_register([main_account("x", "GemeenteZeist")])
    export = _csv(
        tmp_path / "activiteit.csv",
        [CANONICAL_HEADER, ["x", "@GemeenteZeist", "1", written, "out", "post"]],
        ";",
    )
    result, findings = _run(tmp_path, register, export)
    assert "Traceback" not in result.output
    assert _metrics(findings, "x:gemeentezeist")["first_post"] == "2026-07-01T09:05:00+02:00"


_DAYS = ["2026-07-01", "20260701", "01-07-2026", "1-7-2026", "01/07/2026"]
_CLOCKS = ["09", "0905", "09:05", "090500", "09:05:00", "09:05:00.5", "9:05"]
_OFFSETS = ["", "Z", "+02", "+0200", "+02:00", " +02", " +02:00", "-0000", " CEST", " UTC"]


@settings(max_examples=60, deadline=None)
@given(
    written=st.lists(
        st.tuples(
            st.sampled_from(_DAYS),
            st.sampled_from(["T", " "]),
            st.sampled_from(_CLOCKS),
            st.sampled_from(_OFFSETS),
        ).map("".join),
        min_size=1,
        max_size=4,
    )
)
def test_canonical_times_in_any_iso_like_notation_are_read_or_rejected_never_an_error(written):
    # Any mix of notations in one file: each row is used or rejected with its reason (no
    # internal error, the ledger balances), and a row used is a time of 1 July 2026.
    from auditor.activity.load import load_activity
    from auditor.config import Config
    from auditor.models import Account

    rows = [["platform", "account", "item_id", "timestamp", "direction"]]
    rows += [["x", "@GemeenteZeist", str(n), w, "out"] for n, w in enumerate(written)]
    account = Account(account_id="x:gemeentezeist", platform="x", handle="GemeenteZeist")
    with tempfile.TemporaryDirectory() as folder:
        path = _csv(Path(folder) / "activiteit.csv", rows, ";")
        result = load_activity([path], Config(), [account])
    (entry,) = result.ledger
    assert entry.balanced()
    for moment in result.frame["timestamp"]:
        assert pd.Timestamp("2026-07-01 00:00", tz="UTC") <= moment
        assert moment <= pd.Timestamp("2026-07-01 10:00", tz="UTC")
