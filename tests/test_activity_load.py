"""load_activity over files and folders: ledger, duplicates, matching, and the real samples."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from auditor.activity.frame import COLUMNS
from auditor.activity.load import load_activity
from auditor.config import Config
from auditor.models import Account
from auditor.problems import InputError

# Beside the project (../shared), or where AUDITOR_SAMPLES says (a checkout elsewhere).
SAMPLES = Path(
    os.environ.get("AUDITOR_SAMPLES")
    or Path(__file__).resolve().parents[1].parent / "shared" / "formats" / "samples"
)


def account(platform, handle, **extra):
    return Account(
        account_id=f"{platform}:{handle.lower()}", platform=platform, handle=handle, **extra
    )


def load(paths, accounts=()):
    result = load_activity(paths, Config(), list(accounts))
    for entry in result.ledger:
        assert entry.balanced(), entry
    return result


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


CANONICAL = "platform,account,item_id,timestamp,direction\n"


def test_duplicates_within_and_across_files_count_once(tmp_path):
    first = write(
        tmp_path / "a.csv",
        CANONICAL
        + "x,zeist,1,2026-07-01T09:00:00Z,out\n"
        + "x,@Zeist,1,2026-07-01T11:00:00+02:00,out\n"  # same account and instant, written apart
        + "facebook,zeist,1,2026-07-01T09:00:00Z,out\n"  # another platform: not a duplicate
        + "x,zeist,2,2026-07-01T09:00:00Z,out\n",
    )
    second = write(
        tmp_path / "b.csv",
        CANONICAL
        + "x,https://x.com/zeist,2,2026-07-01T09:00:00Z,out\n"
        + "x,zeist,3,garbage,out\n"
        + "x,zeist,3,2026-07-01T09:00:00Z,out\n",
    )
    result = load([first, second])
    a, b = result.ledger
    assert (a.rows_read, a.rows_used, a.rows_duplicate, a.rows_rejected) == (4, 3, 1, 0)
    assert (b.rows_read, b.rows_used, b.rows_duplicate, b.rows_rejected) == (3, 1, 1, 1)
    f = result.frame
    assert list(zip(f["account_id"], f["item_id"], f["source_row"], strict=True)) == [
        ("x:zeist", "1", 2),
        ("facebook:zeist", "1", 4),
        ("x:zeist", "2", 5),
        ("x:zeist", "3", 4),
    ]
    assert f["timestamp"].iloc[0] == pd.Timestamp("2026-07-01 09:00", tz="UTC")
    assert list(f["source"]) == [str(first)] * 3 + [str(second)]


def test_folder_mixing_every_format_in_one_call(tmp_path):
    folder = tmp_path / "exports"
    write(folder / "canonical.csv", CANONICAL + "x,gemeentezeist,1,2026-07-01T09:00:00Z,out\n")
    write(
        folder / "x" / "tweet_activity_metrics_gemeentezeist.csv",
        '"Tweet id","Tweet permalink","Tweet text","time"\n'
        '"2","https://twitter.com/gemeentezeist/status/2","hoi","2026-07-01 10:00 +0000"\n',
    )
    write(
        folder / "x" / "account_analytics_content.csv",
        "Post id,Date,Post text,Post Link\n"
        '2027324435158704495,"Fri, Feb 27, 2026",x,'
        "https://x.com/gemeentezeist/status/2027324435158704495\n",
    )
    write(
        folder / "meta" / "Jul-01-2026_Jul-31-2026_1.csv",
        '\ufeff"Post ID","Page ID","Page name","Publish time","Post type"\n'
        '5,42,"Gemeente Zeist","07/01/2026 01:00",Photos\n',
    )
    wb = openpyxl.Workbook()
    wb.active.title = "All posts"
    wb.active.append(["Post title", "Post link", "Posted by", "Created date"])
    wb.active.append(
        [
            "t",
            "https://www.linkedin.com/feed/update/urn:li:activity:7306192134921981953",
            "Jan",
            "03/14/2025",
        ]
    )
    (folder / "li").mkdir()
    wb.save(folder / "li" / "gemeente-zeist_content_1.xlsx")
    write(
        folder / "inbox.csv",
        "Message ID,Conversation ID,Direction,Created at,Channel,Medium\n"
        "m1,c1,inbound,2026-07-01T09:00:00Z,@gemeentezeist,Twitter\n"
        "m2,c1,outbound,2026-07-01T09:10:00Z,@gemeentezeist,Twitter\n",
    )
    write(folder / "readme.pdf", "%PDF")
    write(folder / ".hidden.csv", "junk")
    write(folder / "~$canonical.xlsx", "lock")
    accounts = [
        account("x", "gemeentezeist"),
        account("facebook", "gemeentezeist", url="https://facebook.com/profile.php?id=42"),
        account("linkedin", "gemeente-zeist"),
        account("linkedin", "werkenbijzeist"),
    ]
    result = load([folder], accounts)
    # Files found in a folder are named from that folder on: no private disk paths in reports.
    formats = {e.path.removeprefix(f"{folder.name}/"): e.format for e in result.ledger}
    assert all(e.path.startswith(f"{folder.name}/") for e in result.ledger)
    assert formats == {
        "canonical.csv": "canonical",
        "inbox.csv": "inbox:hootsuite",
        "li/gemeente-zeist_content_1.xlsx": "linkedin_content",
        "meta/Jul-01-2026_Jul-31-2026_1.csv": "meta_posts",
        "x/account_analytics_content.csv": "x_account_analytics",
        "x/tweet_activity_metrics_gemeentezeist.csv": "x_tweet_activity",
    }
    assert [Path(p).name for p in result.skipped_files] == ["readme.pdf"]
    assert sum(e.rows_used for e in result.ledger) == len(result.frame) == 7
    assert all(e.rows_rejected == 0 for e in result.ledger)
    assert result.frame["registered"].all()
    assert sorted(set(result.frame["account_id"])) == [
        "facebook:gemeentezeist",
        "linkedin:gemeente-zeist",
        "x:gemeentezeist",
    ]
    for entry in result.ledger:
        on_disk = folder.parent / entry.path
        assert entry.sha256 == hashlib.sha256(on_disk.read_bytes()).hexdigest()
    assert dict(result.frame.dtypes.astype(str)) == {
        k: str(pd.Series(dtype=v).dtype) for k, v in COLUMNS.items()
    }


def test_a_folder_with_a_file_of_unknown_header_reads_the_rest_and_names_it(tmp_path):
    folder = tmp_path / "exports"
    write(folder / "ok.csv", CANONICAL + "x,zeist,1,2026-07-01T09:00:00Z,out\n")
    write(folder / "zz.csv", "Datum;Bedrag\n01-07-2026;12\n")
    wb = openpyxl.Workbook()
    wb.active.append(["Datum", "Bedrag"])
    wb.save(folder / "budget.xlsx")
    (folder / "leeg.csv").write_bytes(b"")
    (folder / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    (folder / "foto.txt").write_bytes(bytes(range(256)))
    result = load([folder])
    assert [e.path for e in result.ledger] == ["exports/ok.csv"]
    assert len(result.frame) == 1
    skipped = ["budget.xlsx", "foto.txt", "leeg.csv", "oud.xls", "zz.csv"]
    assert result.skipped_files == [f"exports/{name}" for name in skipped]
    # A file that is something else says what: empty, binary, an old workbook.
    assert [w("en") for w in result.warnings()] == [
        "exports/budget.xlsx: not a supported activity export; not read",
        "exports/foto.txt: binary data, not a CSV text file; not read",
        "exports/leeg.csv: the file is empty; not read",
        "exports/oud.xls: old binary Excel file (.xls); save it as .xlsx or CSV; not read",
        "exports/zz.csv: not a supported activity export; not read",
        # Said once after the files: a table of unknown columns may be an inbox export.
        "an inbox or webcare export with columns of its own is read with an "
        "[activity.mappings] in auditor.toml (see the README: mapping an unknown inbox export)",
    ]
    assert result.warnings()[0]("nl") == (
        "exports/budget.xlsx: geen ondersteunde activiteitenexport; niet gelezen"
    )


def test_a_folder_tells_its_stage_how_many_files_and_each_one_done(tmp_path):
    """At a terminal, a folder of hundreds of downloads shows a count, not only a spinner."""

    class Told:
        def __init__(self):
            self.total, self.done = None, 0

        def expect(self, total):
            self.total = total

        def advance(self, units=1):
            self.done += units

    folder = tmp_path / "exports"
    for n in range(3):
        write(folder / f"{n}.csv", CANONICAL + f"x,zeist,{n},2026-07-01T09:00:00Z,out\n")
    write(folder / "zz.csv", "Datum;Bedrag\n01-07-2026;12\n")  # skipped, counted all the same
    told = Told()
    load_activity([folder], Config(), [], step=told)
    assert (told.total, told.done) == (4, 4)
    one = Told()
    load_activity([folder / "0.csv"], Config(), [], step=one)
    assert (one.total, one.done) == (None, 1)  # one file: no count to show


def test_a_file_of_unknown_header_named_explicitly_is_an_input_error(tmp_path):
    write(tmp_path / "ok.csv", CANONICAL + "x,zeist,1,2026-07-01T09:00:00Z,out\n")
    bad = write(tmp_path / "zz.csv", "Datum;Bedrag\n01-07-2026;12\n")
    with pytest.raises(InputError) as caught:
        load([tmp_path / "ok.csv", bad])
    assert caught.value.path == str(bad)
    assert "canonical columns platform, account, item_id" in caught.value.message("en")
    assert "; X tweet activity columns" in caught.value.message("en")
    assert "standaardkolommen platform, account, item_id" in caught.value.message("nl")


def test_unregistered_accounts_are_kept(tmp_path):
    path = write(
        tmp_path / "a.csv",
        CANONICAL
        + "instagram,https://www.instagram.com/Zeist.Jong/,1,2026-07-01T09:00:00Z,out\n"
        + "x,gemeentezeist,2,2026-07-01T09:00:00Z,out\n",
    )
    f = load([path], [account("x", "gemeentezeist")]).frame
    assert list(f["account_id"]) == ["instagram:zeist.jong", "x:gemeentezeist"]
    assert list(f["handle"]) == ["zeist.jong", "gemeentezeist"]
    assert list(f["registered"]) == [False, True]


def test_register_url_and_display_name_find_the_account(tmp_path):
    path = write(
        tmp_path / "a.csv",
        CANONICAL
        + "x,https://twitter.com/ZeistOpWeg/status/1,1,2026-07-01T09:00:00Z,out\n"
        + "x,Zeist Op Weg,2,2026-07-01T09:00:00Z,out\n",
    )
    accounts = [
        account("x", "zeist_wegen", url="https://x.com/zeistopweg", display_name="Zeist op weg")
    ]
    f = load([path], accounts).frame
    assert list(f["account_id"]) == ["x:zeist_wegen", "x:zeist_wegen"]
    assert list(f["handle"]) == ["zeist_wegen", "zeist_wegen"]


def test_nothing_given_is_an_empty_frame_with_the_declared_columns(tmp_path):
    result = load([tmp_path])
    assert list(result.frame.columns) == list(COLUMNS)
    assert result.ledger == []


# --- the real exports in shared/formats/samples -------------------------------------------


@pytest.fixture
def samples():
    if not SAMPLES.is_dir():
        pytest.skip(f"no sample exports at {SAMPLES}")
    return SAMPLES


def records(path):
    """Records as Python's csv module counts them, independently of the loader."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sample_x_tweet_activity(samples):
    path = samples / "x_tweet_activity_rOpenSci_2016-12.csv"
    result = load([path], [account("x", "rOpenSci")])
    f = result.frame
    rows = records(path)
    assert result.ledger[0].rows_used == len(rows) == 37
    assert list(f["item_id"]) == [r["Tweet id"] for r in rows]
    assert f["registered"].all() and set(f["account_id"]) == {"x:ropensci"}
    assert f["timestamp"].iloc[0] == pd.Timestamp("2016-12-23 18:50", tz="UTC")
    replies = [r["Tweet text"].startswith("@") for r in rows]
    assert list(f["kind"] == "reply") == replies


def test_sample_x_account_analytics(samples):
    path = samples / "x_account_analytics_content_2026-02.csv"
    result = load([path])
    f = result.frame
    rows = records(path)
    entry = result.ledger[0]
    assert entry.rows_read == len(rows)
    assert entry.rows_used + entry.rows_rejected == len(rows)
    assert set(f["account_id"]) == {"x:razrbchk"}
    assert not f["registered"].any()
    dates = {r["Post id"]: pd.to_datetime(r["Date"], format="mixed").date() for r in rows}
    assert all(dates[i] == t.date() for i, t in zip(f["item_id"], f["timestamp"], strict=True))
    first = f.set_index("item_id").loc["2027324435158704495", "timestamp"]
    assert first == pd.Timestamp((2027324435158704495 >> 22) + 1288834974657, unit="ms", tz="UTC")


def test_sample_meta_facebook(samples):
    path = samples / "meta_facebook_posts_2025-02.csv"
    accounts = [
        account(
            "facebook", "proefficient", url="https://www.facebook.com/profile.php?id=61569323067856"
        )
    ]
    result = load([path], accounts)
    f = result.frame
    rows = records(path)
    assert result.ledger[0].rows_used == len(rows) == 5
    assert list(f["item_id"]) == [r["Post ID"] for r in rows]
    assert set(f["account_id"]) == {"facebook:proefficient"} and f["registered"].all()
    assert f["timestamp"].iloc[0] == pd.Timestamp("2025-03-15 10:06", tz="UTC")  # 03:06 PDT
    assert list(f["has_image"]) == [r["Post type"] == "Photos" for r in rows]
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    first_lines = [
        next(n for n, line in enumerate(lines, 1) if line.startswith(r["Post ID"])) for r in rows
    ]
    assert list(f["source_row"]) == first_lines == [2, 19, 26, 33, 46]


def test_sample_meta_instagram(samples):
    path = samples / "meta_instagram_posts_2024_excerpt.csv"
    f = load([path], [account("instagram", "kan_news")]).frame
    assert len(f) == 5
    assert list(f["account_id"]) == ["instagram:kan_news"] * 3 + ["instagram:shapirayaara"] + [
        "instagram:kan_news"
    ]
    assert list(f["registered"]) == [True, True, True, False, True]
    assert f["timestamp"].iloc[0] == pd.Timestamp("2024-12-18 20:26", tz="UTC")  # 12:26 PST


def test_sample_linkedin(samples):
    path = samples / "linkedin_page_content_2025-03.xlsx"
    result = load([path], [account("linkedin", "proefficientdataentry")])
    f = result.frame
    assert result.ledger[0].rows_used == 8
    assert set(f["account_id"]) == {"linkedin:proefficientdataentry"}
    assert "only active" in result.ledger[0].note("en")
    assert f["timestamp"].iloc[0] == pd.Timestamp(7306192134921981953 >> 22, unit="ms", tz="UTC")
    assert (
        f["timestamp"].iloc[0].tz_convert("America/New_York").strftime("%m/%d/%Y") == "03/14/2025"
    )


SUPPORTED_SAMPLES = {
    "linkedin_page_content_2025-03.xlsx": 8,
    "meta_facebook_posts_2025-02.csv": 5,
    "meta_instagram_posts_2024_excerpt.csv": 5,
    "x_account_analytics_content_2026-02.csv": 49,
    "x_tweet_activity_rOpenSci_2016-12.csv": 37,
    "youtube_studio_table_data_2025.csv": 443,
    "tiktok_studio_content_2025.csv": 13,
    "mastodon_archive_2024": 1586,  # a folder: one export
}


def test_all_samples_in_one_call(samples):
    """Every supported sample is read; every other file is named, and only those."""
    result = load([samples])
    # A workbook's entry names the sheet its rows are on, as a row's place does.
    read = {Path(e.path.split(" › ")[0]).name: e.rows_read for e in result.ledger}
    sheets = [e.path.split(" › ")[1] for e in result.ledger if " › " in e.path]
    assert sheets == (["All posts"] if "linkedin_page_content_2025-03.xlsx" in read else [])
    assert read == {name: n for name, n in SUPPORTED_SAMPLES.items() if (samples / name).exists()}
    on_disk = sorted(
        Path(samples.name, p.relative_to(samples)).as_posix()
        for p in samples.rglob("*")
        if p.is_file()
        and p.name not in SUPPORTED_SAMPLES
        and not any(a.name in SUPPORTED_SAMPLES for a in p.parents)
    )
    assert sorted(result.skipped_files) == on_disk
    warnings = [w("en") for w in result.warnings()]
    assert warnings[: len(result.skipped_files)] == [
        f"{name}: not a supported activity export; not read" for name in result.skipped_files
    ]
    # YouTube's table names no channel, and this register has no YouTube account; nor has it
    # the LinkedIn page, so none of that file's rows is used.
    youtube = "cannot tell which YouTube account 'samples/youtube_studio_table_data_2025.csv'"
    linkedin = "samples/linkedin_page_content_2025-03.xlsx › All posts: none of its 8 rows is used"
    others = [w for w in warnings[len(result.skipped_files) :] if youtube not in w]
    # The webcare sample has columns of its own: the mapping that reads it is pointed to.
    hint = "an inbox or webcare export with columns of its own is read with an [activity.mappings]"
    assert [w for w in others if not w.startswith((linkedin, hint))] == []
    assert sum(w.startswith(hint) for w in others) == 1


def test_the_same_ids_months_apart_are_conflicts_kept_out_and_named(tmp_path):
    """Two sources that number their items alike: nothing is folded into the first file."""
    folder = tmp_path / "exports"
    march = "".join(f"x,zeist,{i},2026-03-{1 + i % 28:02d}T09:00:00Z,out\n" for i in range(1, 41))
    july = "".join(f"x,zeist,{i},2026-07-{1 + i % 28:02d}T09:00:00Z,out\n" for i in range(1, 41))
    write(folder / "a.csv", CANONICAL + march)
    write(folder / "b.csv", CANONICAL + july + "x,zeist,1,2026-03-02T10:00:00+01:00,out\n")
    result = load([folder])
    a, b = result.ledger
    assert (a.rows_read, a.rows_used, a.rows_duplicate, a.rows_rejected) == (40, 40, 0, 0)
    # 40 conflicts; the last row is item 1 at a.csv's very instant: a duplicate.
    assert (b.rows_read, b.rows_used, b.rows_duplicate, b.rows_rejected) == (41, 0, 1, 40)
    assert b.rejected[0].row == 2
    assert b.rejected[0].reason == (
        "conflicts with exports/a.csv row 2: the same item id at 2026-03-02 10:00:00, "
        "here at 2026-07-02 11:00:00"
    )
    assert all(r.reason.startswith("conflicts with exports/a.csv row ") for r in b.rejected)
    assert len(result.frame) == 40
    assert set(result.frame["source"]) == {"exports/a.csv"}
    # b.csv's one row in the audit is a.csv's: it covers the instant of that row only.
    march = pd.Timestamp("2026-03-02 09:00", tz="UTC")
    assert result.coverage.files["exports/b.csv"] == (march, march)
    assert [w("en") for w in result.warnings()] == [
        "exports/b.csv: 40 rows kept out, their item ids already in exports/a.csv at another "
        "time (conflicts; see the ledger's rejected rows)"
    ]
    assert b.rejected[0].as_message()("nl") == (
        "botst met exports/a.csv, rij 2: hetzelfde item-id op 2026-03-02 10:00:00, "
        "hier op 2026-07-02 11:00:00"
    )


def test_a_conflict_inside_one_file_names_its_own_row(tmp_path):
    path = write(
        tmp_path / "a.csv",
        CANONICAL
        + "x,zeist,7,2026-07-01T09:00:00Z,out\n"
        + "x,zeist,8,2026-07-01T10:00:00Z,out\n"
        + "x,zeist,7,2026-07-01T09:00:01Z,out\n"  # a second later: another time
        + "x,zeist,7,2026-07-01T09:00:00Z,out\n",  # the first one's instant: a duplicate
    )
    result = load([path])
    [entry] = result.ledger
    assert (entry.rows_used, entry.rows_duplicate, entry.rows_rejected) == (2, 1, 1)
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (
            4,
            f"conflicts with {path} row 2: the same item id at 2026-07-01 11:00:00, "
            "here at 2026-07-01 11:00:01",
        )
    ]


def test_coverage_is_the_span_of_each_file_and_the_files_naming_an_account(tmp_path):
    quarter = write(
        tmp_path / "all.csv",
        CANONICAL
        + "x,busy,1,2026-07-01T09:00:00Z,out\n"
        + "x,quiet,2,2026-05-01T09:00:00Z,out\n"  # quiet's only row, before the quarter
        + "x,busy,3,2026-09-30T09:00:00Z,out\n"
        + "x,busy,4,garbage,out\n",  # rejected rows do not stretch a file
    )
    late = write(tmp_path / "late.csv", CANONICAL + "x,late,5,2026-08-03T09:00:00Z,out\n")
    coverage = load([quarter, late]).coverage
    assert coverage.files == {
        str(quarter): (
            pd.Timestamp("2026-05-01 09:00", tz="UTC"),
            pd.Timestamp("2026-09-30 09:00", tz="UTC"),
        ),
        str(late): (
            pd.Timestamp("2026-08-03 09:00", tz="UTC"),
            pd.Timestamp("2026-08-03 09:00", tz="UTC"),
        ),
    }
    assert coverage.accounts == {
        "x:busy": [str(quarter)],
        "x:quiet": [str(quarter)],
        "x:late": [str(late)],
    }


def test_coverage_of_files_some_only_rejected_some_only_repeats(tmp_path):
    """Worked out for all files at once: a file of rejected rows alone covers nothing, a file
    that only repeats another's rows covers its stretch too, and an account's files are
    listed in input order."""
    first = write(
        tmp_path / "a.csv",
        CANONICAL + "x,busy,1,2026-07-01T09:00:00Z,out\nx,other,2,2026-07-02T09:00:00Z,out\n",
    )
    broken = write(tmp_path / "b.csv", CANONICAL + "x,busy,3,garbage,out\n")
    again = write(tmp_path / "c.csv", CANONICAL + "x,busy,1,2026-07-01T09:00:00Z,out\n")
    coverage = load([first, broken, again]).coverage
    july_1 = pd.Timestamp("2026-07-01 09:00", tz="UTC")
    assert coverage.files == {
        str(first): (july_1, pd.Timestamp("2026-07-02 09:00", tz="UTC")),
        str(again): (july_1, july_1),
    }
    assert coverage.accounts == {
        "x:busy": [str(first), str(again)],
        "x:other": [str(first)],
    }
