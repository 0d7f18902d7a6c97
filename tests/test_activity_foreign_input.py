"""Platform exports and register entries as users hand them in, not as the adapters were
first written for: the failures an adversarial pass over issue 14's formats found, each kept
as a test that fails without its fix.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.register import load_register
from auditor.verify import verify
from tests.helpers import write_register
from tests.test_activity_platforms import (
    DID,
    POSTS,
    SKEETS,
    UTC,
    VIDEOS,
    account,
    bluesky_repo,
    load,
    mastodon_archive,
    registered,
    youtube_table,
)

# --- Mastodon on the organisation's own domain ----------------------------------------------


def test_a_mastodon_address_on_the_organisations_domain_matches_the_server_below_it(tmp_path):
    """A server may give its accounts the organisation's domain: `@gemeente@zeist.nl`, served
    from social.zeist.nl. The archive names the server; the register the address."""
    folder = mastodon_archive(tmp_path / "archief", "gemeente", "social.zeist.nl", POSTS)
    row = registered("Mastodon", None, handle="@Gemeente@zeist.nl")
    register = load_register(write_register(tmp_path / "register.xlsx", [row]))
    frame = load([folder], register.accounts).frame
    assert set(frame["account_id"]) == {"mastodon:gemeente@zeist.nl"}
    assert frame["registered"].all() and len(frame) == len(POSTS)
    answers = verify(register.accounts, ["https://social.zeist.nl/@gemeente", "@x@zeist.nl"])
    assert [a.verdict for a in answers] == ["active", "not_found"]
    # Only downwards: a server above the address, or beside it, is another account.
    for elsewhere in ("zeist.nl.example.org", "mastodon.social"):
        other = mastodon_archive(tmp_path / elsewhere, "gemeente", elsewhere, POSTS)
        assert not load([other], register.accounts).frame["registered"].any()
    assert verify(register.accounts, ["https://zeist.nl.example.org/@gemeente"])[0].verdict == (
        "not_found"
    )


def test_a_mastodon_address_beside_its_servers_url_is_one_account_without_a_warning(tmp_path):
    row = registered("Mastodon", "https://social.zeist.nl/@gemeente", handle="@gemeente@zeist.nl")
    path = write_register(tmp_path / "register.xlsx", [row])
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == ["mastodon:gemeente@social.zeist.nl"]
    assert not [p for p in register.problems if p.message.key == "register.name_not_handle"]
    answers = verify(register.accounts, ["@gemeente@zeist.nl", "social.zeist.nl/@gemeente"])
    assert [a.verdict for a in answers] == ["active", "active"]
    # Another name on the same server is still reported.
    row = registered("Mastodon", "https://social.zeist.nl/@gemeente", handle="@raad@zeist.nl")
    register = load_register(write_register(tmp_path / "other.xlsx", [row]))
    assert [p.message.key for p in register.problems if p.row == 2] == ["register.name_not_handle"]
    result = CliRunner().invoke(cli, ["validate", "--inventory", str(path), "--lang", "en"])
    assert "is not the account in the URL" not in result.output


# --- YouTube Studio's download ---------------------------------------------------------------


def studio_download(path: Path, table: Path, folder: str = "") -> Path:
    """The zip Studio downloads: the table, the chart's daily rows per video, the totals."""
    chart = ["Date,Content,Video title,Video publish time,Duration,Views"]
    for day in range(1, 11):
        for video_id, published in VIDEOS:
            when = f"{published:%b} {published.day}, {published.year}"
            chart.append(f'2026-07-{day:02d},{video_id},"Raad, live","{when}",60,{day}')
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(table, f"{folder}Table data.csv")
        archive.writestr(f"{folder}Chart data.csv", "\n".join(chart) + "\n")
        archive.writestr(f"{folder}Totals.csv", "Date,Views\n2026-07-01,100\n")
    return path


@pytest.mark.parametrize("folder", ["", "Content 2026-07-01_2026-09-30 Gemeente Zeist/"])
def test_youtube_chart_data_is_daily_figures_not_videos(tmp_path, folder):
    """`Chart data.csv` repeats every video once a day: it was read as a list of videos, its
    rows counted as duplicates and the videos credited to it rather than to the table."""
    table = youtube_table(tmp_path / "Table data.csv", VIDEOS)
    download = studio_download(tmp_path / "downloads" / "Content.zip", table, folder)
    result = load([download], [account("youtube", "RaadZeist")])
    (entry,) = result.ledger
    assert entry.path.endswith("Content.zip/" + folder + "Table data.csv")
    assert (entry.rows_read, entry.rows_used, entry.rows_duplicate) == (3, 2, 0)
    skipped = sorted(name.rsplit("/", 1)[-1] for name in result.skipped_files)
    assert skipped == ["Chart data.csv", "Totals.csv"]


def test_a_file_no_account_is_known_for_is_named_by_its_path_not_its_name_alone(tmp_path):
    """Every Studio download holds a `Table data.csv`: the run's warning named that alone,
    which did not say which of a folder's downloads is meant."""
    exports = tmp_path / "exports"
    table = youtube_table(tmp_path / "Table data.csv", VIDEOS)
    for channel in ("Jeugd", "Raad"):
        studio_download(exports / f"{channel}.zip", table)
    accounts = [account("youtube", "jongzeist"), account("youtube", "raadzeist")]
    result = load([exports], accounts)
    warnings = sorted(w("en") for w in result.warnings() if "Table data" in w("en"))
    assert len(warnings) == 2
    assert "'exports/Jeugd.zip/Table data.csv'" in warnings[0]
    assert "'exports/Raad.zip/Table data.csv'" in warnings[1]


# --- Bluesky: a register names accounts by handle, a repository by DID ------------------------


def test_a_bluesky_repository_is_the_registers_only_bluesky_account(tmp_path):
    """A register names a Bluesky account by its handle, which a repository does not hold:
    with one Bluesky account registered, every post was rejected as of an unknown account."""
    car = bluesky_repo(tmp_path / "repo.car", DID, SKEETS)
    row = registered("Bluesky", "https://bsky.app/profile/GemeenteZeist.bsky.social/")
    register = load_register(write_register(tmp_path / "register.xlsx", [row]))
    result = load([car], register.accounts)
    assert set(result.frame["account_id"]) == {"bluesky:gemeentezeist.bsky.social"}
    assert result.frame["registered"].all() and len(result.frame) == len(SKEETS)
    note = result.ledger[0].note("en")
    assert "only Bluesky account" in note and DID in note
    assert result.warnings() == []
    # One registered by another DID is another account: never credited.
    other = account("bluesky", "did:plc:anders", url="https://bsky.app/profile/did:plc:anders")
    assert load([car], [other]).frame.empty


def test_an_empty_bluesky_repository_still_names_its_account(tmp_path):
    """A repository without posts said it named no account (no DID), and the run warned so."""
    car = bluesky_repo(tmp_path / "repo.car", DID, [])
    result = load([car], [account("bluesky", DID)])
    (entry,) = result.ledger
    assert (entry.rows_read, entry.rows_used) == (0, 0)
    assert DID in entry.note("en") and "no DID" not in entry.note("en")
    assert result.warnings() == []


# --- register forms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=UWQNrpakgcA",
        "https://youtube.com/shorts/UWQNrpakgcA?feature=share",
        "https://www.youtube.com/live/UWQNrpakgcA",
        "https://vm.tiktok.com/ZMhvqjqjq/",
    ],
)
def test_a_videos_address_in_the_register_names_no_account(tmp_path, url):
    """A video's address (or a short link to it) was read as an account named `watch`,
    `shorts`, `live` or after the link's code; `verify` then called any video official."""
    platform = "TikTok" if "tiktok" in url else "YouTube"
    rows = [
        registered(platform, url, handle="@GemeenteZeist"),
        registered(platform, url),
    ]
    register = load_register(write_register(tmp_path / "register.xlsx", rows))
    assert [a.account_id for a in register.accounts] == [f"{platform.lower()}:gemeentezeist"]
    said = {(p.row, p.message.key) for p in register.problems if p.row in (2, 3)}
    # With a handle beside it, the address is said to be no profile; alone, one message says
    # both that and that no account is named (not two that seem to contradict), a short
    # link's as a short link.
    alone = "register.short_link" if "vm.tiktok" in url else "register.not_a_profile_no_handle"
    assert said == {(2, "register.not_a_profile"), (3, alone)}
    other_video = url.replace("UWQNrpakgcA", "AAAAAAAAAAA").replace("ZMhvqjqjq", "ZMother")
    # Not the municipality's: no account at all, or none in the register.
    assert verify(register.accounts, [other_video])[0].verdict in ("unreadable", "not_found")


# --- ids a spreadsheet rounded ----------------------------------------------------------------


def test_ids_a_spreadsheet_rounded_are_rejected_with_that_reason_not_as_conflicts(tmp_path):
    """Excel writes a long id back as `7,52762E+18`: distinct posts then share an id, and all
    but the first were rejected as conflicting with it (or counted as its duplicates)."""
    path = tmp_path / "eigen.csv"
    path.write_text(
        "platform;account;item_id;timestamp;direction\n"
        "tiktok;@gemeentezeist;7,52762E+18;2025-07-16 12:00;out\n"
        "tiktok;@gemeentezeist;7,52762E+18;2025-07-17 12:00;out\n"
        "tiktok;@gemeentezeist;7.52762e+18;2025-07-18 12:00;out\n"
        "tiktok;@gemeentezeist;7527623000473079054;2025-07-16 12:00;out\n",
        encoding="utf-8",
    )
    result = load([path], [account("tiktok", "gemeentezeist")])
    (entry,) = result.ledger
    assert (entry.rows_used, entry.rows_duplicate, entry.rows_rejected) == (1, 0, 3)
    assert [r.row for r in entry.rejected] == [2, 3, 4]
    assert all("rounded by a spreadsheet" in r.reason for r in entry.rejected)
    assert "'7,52762E+18'" in entry.rejected[0].reason


def test_x_post_ids_a_spreadsheet_rounded_are_taken_from_the_post_link(tmp_path):
    header = "Post id;Date;Post text;Post Link;Impressions"
    rows = [
        "1,89596E+18;Fri, Feb 27, 2026;Nieuws;https://x.com/gemeentezeist/status/{};10",
        "1,89596E+18;Fri, Feb 27, 2026;Nieuws;https://x.com/gemeentezeist/status/{};10",
    ]
    ids = ["1895960123456789012", "1895960123456789013"]
    path = tmp_path / "account_analytics_content.csv"
    lines = [header] + [row.format(i) for row, i in zip(rows, ids, strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load([path], [account("x", "gemeentezeist")])
    assert sorted(result.frame["item_id"]) == ids
    assert result.ledger[0].rows_used == 2


# --- a silent account in an export of its whole history ------------------------------------


def tid(at: dt.datetime) -> str:
    """A timestamp id (TID) as Bluesky writes a commit's `rev`."""
    digits = "234567abcdefghijklmnopqrstuvwxyz"
    number = int(at.timestamp() * 1_000_000) << 10
    return "".join(digits[(number >> (5 * i)) & 31] for i in reversed(range(13)))


def test_an_account_silent_after_its_last_post_is_judged_when_its_export_says_it_covers(
    tmp_path,
):
    """A Mastodon archive or a Bluesky repository holds every post up to its making, and a
    YouTube download names the period it was asked for. Their stretch ended at the last post,
    so an account that fell silent was `not judged`, never dormant."""
    early = [dt.datetime(2026, 4, 1, 9, tzinfo=UTC), dt.datetime(2026, 7, 2, 9, tzinfo=UTC)]
    made = dt.datetime(2026, 10, 2, 10, 11, 12, tzinfo=UTC)
    exports = tmp_path / "exports"
    archive = mastodon_archive(tmp_path / "archief", "gemeente", "social.zeist.nl", POSTS[:1])
    exports.mkdir()
    shutil.make_archive(str(exports / f"archive-{made:%Y%m%d%H%M%S}-0123abcd"), "zip", archive)
    bluesky_repo(exports / "repo.car", DID, [(t, False) for t in early], rev=tid(made))
    table = youtube_table(tmp_path / "Table data.csv", [("oudevideo01", early[0].date())])
    studio_download(exports / "Content 2026-07-01_2026-09-30 Raad Zeist.zip", table)
    rows = [
        registered("YouTube", "https://www.youtube.com/@RaadZeist"),
        registered("Mastodon", "https://social.zeist.nl/@gemeente"),
        registered("Bluesky", f"https://bsky.app/profile/{DID}"),
    ]
    register = write_register(tmp_path / "register.xlsx", rows)
    out = tmp_path / "audit"
    args = ["run", "-i", str(register), "-a", str(exports), "--period", "2026-Q3"]
    args += ["--out", str(out), "--history", str(tmp_path / "h.sqlite"), "--lang", "en"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "not judged" not in result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    dormant = {f["account_id"] for f in findings["findings"] if f["check_id"] == "ACT002"}
    assert dormant == {
        "youtube:raadzeist",
        "mastodon:gemeente@social.zeist.nl",
        f"bluesky:{DID}",
    }


def test_an_account_mapping_written_with_windows_backslashes_names_its_folder(tmp_path):
    """On Windows a folder is typed `youtube\\jeugd`: the entry matched no file, and the two
    channels' rows were rejected."""
    from auditor.settings import load_config

    settings = tmp_path / "auditor.toml"
    settings.write_text(
        '[activity.accounts]\n"youtube\\\\jeugd\\\\*.csv" = "youtube:jongzeist"\n'
        '"YouTube\\\\Raad\\\\Table data.csv" = "youtube:raadzeist"\n',
        encoding="utf-8",
    )
    exports = tmp_path / "exports"
    youtube_table(exports / "youtube" / "jeugd" / "Table data.csv", VIDEOS[:1])
    youtube_table(exports / "youtube" / "raad" / "Table data.csv", VIDEOS[1:])
    accounts = [account("youtube", "jongzeist"), account("youtube", "raadzeist")]
    result = load([exports], accounts, load_config(settings))
    assert sorted(zip(result.frame["item_id"], result.frame["account_id"], strict=True)) == [
        (VIDEOS[1][0], "youtube:raadzeist"),
        (VIDEOS[0][0], "youtube:jongzeist"),
    ]


def test_an_empty_zip_is_named_not_passed_over_in_silence(tmp_path):
    empty = tmp_path / "Content 2026-07-01_2026-09-30 Gemeente Zeist.zip"
    zipfile.ZipFile(empty, "w").close()
    result = load([empty], [account("youtube", "gemeentezeist")])
    assert result.ledger == [] and result.skipped_files == [str(empty)]
    assert [w("en") for w in result.warnings()] == [
        f"{empty}: not a supported activity export; not read"
    ]


def test_youtube_older_export_with_dates_an_american_excel_re_saved(tmp_path):
    """Exports of 2021 name the id column `Video`; an American Excel writes the month first
    (`7-16-2020`, `08-05-2020`). The file was not recognised; its dates, read day first, put
    `08-05-2020` on 8 May and rejected `7-16-2020`."""
    path = tmp_path / "Aggregated_Metrics_By_Video.csv"
    path.write_text(
        "Video,Video title,Video publish time,Comments added,Video views\n"
        "Total,,,1419,556848\n"
        "4OZip0cgOho,How I Would Learn,08-05-2020,907,1253559\n"
        'hO_YKK_0Qck,"Raad, live",7-16-2020,402,21350\n'
        " -pdXWmj9xxU,Studying code,04-09-2020,78,10588\n",
        encoding="utf-8",
    )
    result = load([path], [account("youtube", "gemeentezeist")])
    days = dict(zip(result.frame["item_id"], result.frame["timestamp"], strict=True))
    local = {k: v.tz_convert("Europe/Amsterdam").date() for k, v in days.items()}
    assert local == {
        "4OZip0cgOho": dt.date(2020, 8, 5),
        "hO_YKK_0Qck": dt.date(2020, 7, 16),
        "-pdXWmj9xxU": dt.date(2020, 4, 9),
    }
    # A Dutch Excel writes the day first; a file whose dates never tell is read so too.
    for dutch in (["5-8-2020", "16-7-2020"], ["5-8-2020"]):
        rows = [f"id{n:09d},Raad,{day}" for n, day in enumerate(dutch)]
        path.write_text("Content,Video title,Video publish time\n" + "\n".join(rows) + "\n")
        first = load([path], [account("youtube", "gemeentezeist")]).frame["timestamp"].iloc[0]
        assert first.tz_convert("Europe/Amsterdam").date() == dt.date(2020, 8, 5)


# --- an inbox read through a mapping ---------------------------------------------------------


def test_a_mapping_naming_a_column_the_file_lacks_says_so(tmp_path):
    """A misspelt `in_reply_to` left every answer unpaired, and every question unanswered,
    without a word."""
    from auditor.config import Config

    path = tmp_path / "twcs.csv"
    path.write_text(
        ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "0,1,115712,True,Tue Oct 31 22:10:47 +0000 2017,@AppleSupport help,2,\n"
        "1,2,AppleSupport,False,Tue Oct 31 22:40:00 +0000 2017,@115712 sure,,1.0\n",
        encoding="utf-8",
    )

    def mapping(in_reply_to: str) -> Config:
        return Config.model_validate(
            {
                "activity": {
                    "mappings": {
                        "customer_care": {
                            "detect": ["tweet_id", "author_id", "inbound"],
                            "item_id": "tweet_id",
                            "timestamp": "created_at",
                            "timestamp_format": "%a %b %d %H:%M:%S %z %Y",
                            "direction": "inbound",
                            "inbound": ["True"],
                            "outbound": ["False"],
                            "in_reply_to": in_reply_to,
                            "author": "author_id",
                            "platform_value": "x",
                        }
                    }
                }
            }
        )

    accounts = [account("x", "AppleSupport")]
    typo = load([path], accounts, mapping("in_reponse_to_tweet_id"))
    (warning,) = [w("en") for w in typo.warnings()]
    assert warning.startswith(f"{path}: [activity.mappings.customer_care] names columns")
    assert 'in_reply_to = "in_reponse_to_tweet_id"' in warning
    right = load([path], accounts, mapping("In_Response_To_Tweet_ID"))
    assert right.warnings() == [] and right.ledger[0].rows_used == 2


def test_an_empty_youtube_table_needs_no_account(tmp_path):
    """Header only (a period without views): the run warned it could not tell its channel."""
    path = youtube_table(tmp_path / "Table data.csv", [])
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = load([path], [account("youtube", "jongzeist"), account("youtube", "raadzeist")])
    assert result.ledger[0].rows_read == 0 and result.warnings() == []


def test_ids_a_spreadsheet_read_as_formulas_are_rejected_with_that_reason(tmp_path):
    """An Excel re-save turns a YouTube id starting with `-` into `#NAME?` (Dutch: `#NAAM?`):
    two such videos on one day were one video and a duplicate, lost without a word."""
    day = "Aug 28, 2025"
    rows = [f'#NAME?,Raad,"{day}"', f'#NAAM?,Raad,"{day}"', f'#NAME?,Raad,"{day}"']
    path = tmp_path / "Table data.csv"
    rows.append(f'abcdefghijk,Raad,"{day}"')
    path.write_text("Content,Video title,Video publish time\n" + "\n".join(rows) + "\n")
    result = load([path], [account("youtube", "gemeentezeist")])
    (entry,) = result.ledger
    assert (entry.rows_used, entry.rows_duplicate, entry.rows_rejected) == (1, 0, 3)
    assert all("error value, not an id" in r.reason for r in entry.rejected)


def test_an_account_mapping_may_name_the_zip_studio_downloaded(tmp_path):
    """`"Content … Jeugd.zip" = …` names the download the user has: it matched none of the
    tables inside it, whose rows were then rejected."""
    from auditor.config import Config

    table = youtube_table(tmp_path / "Table data.csv", VIDEOS)
    jeugd = studio_download(tmp_path / "exports" / "Content 2026-07-01_2026-09-30 Jeugd.zip", table)
    config = Config.model_validate({"activity": {"accounts": {jeugd.name: "youtube:jongzeist"}}})
    accounts = [account("youtube", "jongzeist"), account("youtube", "raadzeist")]
    result = load([jeugd.parent], accounts, config)
    assert set(result.frame["account_id"]) == {"youtube:jongzeist"}
    assert result.ledger[0].rows_used == len(VIDEOS)
