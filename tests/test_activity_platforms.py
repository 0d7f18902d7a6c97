"""YouTube Studio, TikTok Studio and Mastodon archives: each item counted once, for the right
register account, on the right day; what is not an own post is in the ledger with its reason.

Fixtures are written here in the platforms' formats; the real samples of ../shared are read
too when present.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from auditor.activity.load import load_activity
from auditor.cli import cli
from auditor.config import Config
from auditor.models import Account
from auditor.register import load_register
from tests.helpers import compliant_account, write_register
from tests.test_activity_load import SAMPLES

UTC = dt.UTC
AMS = "Europe/Amsterdam"


def account(platform: str, handle: str, **extra) -> Account:
    return Account(
        account_id=f"{platform}:{handle.lower()}", platform=platform, handle=handle, **extra
    )


def load(paths, accounts=(), config: Config | None = None):
    result = load_activity([*paths], config or Config(), list(accounts))
    for entry in result.ledger:
        assert entry.balanced(), entry
    return result


def reasons(result) -> list[str]:
    return [r.reason for e in result.ledger for r in e.rejected]


# --- writers of the platforms' formats ----------------------------------------------------

YOUTUBE_HEADER = [
    "Content",
    "Video title",
    "Video publish time",
    "Duration",
    "Views",
    "Watch time (hours)",
    "Subscribers",
    "Impressions",
    "Impressions click-through rate (%)",
]


def youtube_table(path: Path, videos: list[tuple[str, dt.date]]) -> Path:
    """YouTube Studio's `Table data.csv`: the Total row first, then one row a video."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(YOUTUBE_HEADER)
        writer.writerow(["Total", "", "", "", "1200", "12.5", "3", "4000", "2.1"])
        for video_id, day in videos:
            published = f"{day:%b} {day.day}, {day.year}"
            writer.writerow(
                [video_id, "Raadsvergadering", published, "60", "10", "1", "0", "9", "1"]
            )
    return path


def tiktok_id(at: dt.datetime, n: int = 0) -> str:
    """A TikTok video id carrying `at`: its creation time in Unix seconds above bit 32."""
    return str((int(at.timestamp()) << 32) | (0x5A5A0000 + n))


def tiktok_content(path: Path, handle: str, times: list[dt.datetime], junk: bool = True) -> Path:
    """TikTok Studio's `Content.csv`: UTF-8 with BOM, every value quoted, year-less dates."""
    rows = [
        [
            "Time",
            "Video title",
            "Video link",
            "Post time",
            "Total likes",
            "Total comments",
            "Total shares",
            "Total views",
        ]
    ]
    for n, at in enumerate(times):
        link = f"https://www.tiktok.com/@{handle}/video/{tiktok_id(at, n)}"
        rows.append(
            ["October 2", "Nieuws uit Zeist", link, f"{at:%B} {at.day}", "5", "1", "0", "90"]
        )
    if junk:
        rows.append(["October 2", "", "undefined", "undefined", "0", "0", "0", "0"])
        # A Spanish interface writes the day so; the year is in the id all the same.
        rows.append(
            [
                "2 de octubre",
                "Hola",
                f"https://www.tiktok.com/@{handle}/video/undefined",
                "8 de marzo",
                "0",
                "0",
                "0",
                "0",
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8-sig") as handle_:
        csv.writer(handle_, quoting=csv.QUOTE_ALL).writerows(rows)
    return path


def mastodon_archive(
    folder: Path,
    user: str,
    host: str,
    posts: list[tuple[dt.datetime, bool]],
    boosts: list[dt.datetime] = (),
) -> Path:
    """An unpacked Mastodon archive: outbox.json, actor.json and a media folder. `posts` are
    (time, is a reply); `totalItems` is wrong on purpose, as in real archives."""
    actor = f"https://{host}/users/{user}"
    items = []
    for n, (at, reply) in enumerate(posts):
        status = f"{actor}/statuses/{112000000000000000 + n}"
        items.append(
            {
                "id": f"{status}/activity",
                "type": "Create",
                "actor": actor,
                "published": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "object": {
                    "id": status,
                    "type": "Note",
                    "inReplyTo": "https://mastodon.social/users/inwoner/statuses/1"
                    if reply
                    else None,
                    "published": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "content": "<p>Nieuws</p>",
                    "attachment": [
                        {"type": "Document", "mediaType": "image/jpeg", "name": "Het gemeentehuis"}
                    ]
                    if n == 0
                    else [],
                },
            }
        )
    for n, at in enumerate(boosts):
        items.append(
            {
                "id": f"{actor}/statuses/{113000000000000000 + n}/activity",
                "type": "Announce",
                "actor": actor,
                "published": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "object": f"https://mastodon.social/users/iemand/statuses/{n}",
            }
        )
    folder.mkdir(parents=True, exist_ok=True)
    outbox = {"type": "OrderedCollection", "totalItems": len(items) - 1, "orderedItems": items}
    (folder / "outbox.json").write_text(json.dumps(outbox), encoding="utf-8")
    (folder / "actor.json").write_text(
        json.dumps(
            {
                "id": actor,
                "type": "Person",
                "preferredUsername": user,
                "url": f"https://{host}/@{user}",
            }
        ),
        encoding="utf-8",
    )
    media = folder / "media_attachments" / "files" / "110"
    media.mkdir(parents=True)
    (media / "original.csv").write_text("not,an,export\n", encoding="utf-8")
    (media / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    return folder


def zipped(folder: Path) -> Path:
    return Path(shutil.make_archive(str(folder.parent / f"archive-{folder.name}"), "zip", folder))


def weekly(first: dt.datetime, last: dt.datetime, every_days: int = 3) -> list[dt.datetime]:
    out, at = [], first
    while at <= last:
        out.append(at)
        at += dt.timedelta(days=every_days)
    return out


# --- YouTube ------------------------------------------------------------------------------

VIDEOS = [("dQw4w9WgXcQ", dt.date(2026, 7, 3)), ("a-B_c1d2E3f", dt.date(2026, 3, 29))]


def test_youtube_with_one_account_counts_every_video_for_it_and_the_total_row_as_no_video(
    tmp_path,
):
    table = youtube_table(tmp_path / "Table data.csv", VIDEOS)
    result = load([table], [account("youtube", "RaadZeist"), account("x", "zeist")])
    entry = result.ledger[0]
    assert (entry.format, entry.rows_read, entry.rows_used, entry.rows_rejected) == (
        "youtube_studio",
        3,
        2,
        1,
    )
    assert entry.rejected[0].row == 2  # the Total row, right below the header
    assert "Total row" in entry.rejected[0].reason and "not a video" in entry.rejected[0].reason
    assert "only YouTube account in the register, youtube:raadzeist" in entry.note("en")
    frame = result.frame
    assert set(frame["account_id"]) == {"youtube:raadzeist"}
    assert list(frame["item_id"]) == ["dQw4w9WgXcQ", "a-B_c1d2E3f"]  # ids keep their case
    # A date only is noon in the audit's zone: on its day, also on the day summer time starts.
    local = frame["timestamp"].dt.tz_convert(AMS)
    assert [t.date() for t in local] == [dt.date(2026, 7, 3), dt.date(2026, 3, 29)]
    assert [t.hour for t in local] == [12, 12]
    assert result.warnings() == []


def test_youtube_without_a_youtube_account_rejects_its_rows_and_says_so(tmp_path):
    table = youtube_table(tmp_path / "Table data.csv", VIDEOS)
    result = load([table], [account("x", "zeist")])
    assert result.frame.empty
    assert result.ledger[0].rows_rejected == 3
    (warning,) = [w("en") for w in result.warnings()]
    assert "Table data.csv'" in warning and "register holds no YouTube account" in warning


def test_youtube_with_two_accounts_and_no_mapping_never_guesses(tmp_path):
    table = youtube_table(tmp_path / "Table data.csv", VIDEOS)
    accounts = [account("youtube", "RaadZeist"), account("youtube", "GemeenteZeist")]
    result = load([table], accounts)
    assert result.frame.empty
    entry = result.ledger[0]
    assert entry.rows_rejected == 3 and entry.rows_used == 0
    (warning,) = [w("en") for w in result.warnings()]
    assert "Table data.csv'" in warning
    assert "2 YouTube accounts (youtube:gemeentezeist, youtube:raadzeist)" in warning
    assert warning in reasons(result)  # each video row says why
    assert "Total row" in entry.rejected[0].reason  # the total is no video, whoever owns it
    dutch = next(w("nl") for w in result.warnings())
    assert "youtube:gemeentezeist, youtube:raadzeist" in dutch and "register heeft 2" in dutch


@pytest.mark.parametrize(
    ("pattern", "written"),
    [
        ("Table data.csv", "youtube:raadzeist"),
        ("raad/*.csv", "youtube:@RaadZeist"),
        ("RAAD/table DATA.csv", "https://www.youtube.com/@raadzeist"),
    ],
)
def test_youtube_mapped_in_auditor_toml(tmp_path, pattern, written):
    table = youtube_table(tmp_path / "raad" / "Table data.csv", VIDEOS)
    other = youtube_table(
        tmp_path / "gemeente" / "Table data.csv", [("zzzzzzzzzzz", dt.date(2026, 7, 4))]
    )
    # The first entry that matches counts: the bare file name matches both files.
    config = Config.model_validate(
        {"activity": {"accounts": {"gemeente/*": "youtube:gemeentezeist", pattern: written}}}
    )
    accounts = [account("youtube", "RaadZeist"), account("youtube", "GemeenteZeist")]
    result = load([table, other], accounts, config)
    by_file = result.frame.groupby(result.frame["source"].astype(str))["account_id"]
    assert {f: set(ids.astype(str)) for f, ids in by_file} == {
        str(table): {"youtube:raadzeist"},
        str(other): {"youtube:gemeentezeist"},
    }
    assert result.ledger[0].rows_used == 2 and result.ledger[1].rows_used == 1
    assert f"[activity.accounts] '{pattern}'" in result.ledger[0].note("en")
    assert result.warnings() == []


def test_youtube_mapped_to_an_account_of_another_platform_is_rejected(tmp_path):
    table = youtube_table(tmp_path / "Table data.csv", VIDEOS)
    config = Config.model_validate({"activity": {"accounts": {"*.csv": "x:zeist"}}})
    result = load([table], [account("youtube", "RaadZeist")], config)
    assert result.frame.empty
    assert "which is no YouTube account" in result.warnings()[0]("en")


def test_an_account_mapping_must_name_an_account():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="not an account"):
        Config.model_validate({"activity": {"accounts": {"Table data.csv": "raadzeist"}}})


# --- TikTok -------------------------------------------------------------------------------


def test_tiktok_year_and_time_come_from_the_video_id(tmp_path):
    times = [
        dt.datetime(2025, 7, 16, 10, 21, 48, tzinfo=UTC),
        dt.datetime(2026, 3, 8, 23, 30, tzinfo=UTC),  # 00:30 on 9 March in Amsterdam
    ]
    content = tiktok_content(tmp_path / "Content.csv", "Jong.Zeist", times)
    result = load([content], [account("tiktok", "jong.zeist")])
    entry = result.ledger[0]
    assert (entry.format, entry.rows_read, entry.rows_used, entry.rows_rejected) == (
        "tiktok_studio",
        4,
        2,
        2,
    )
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (4, "no video id in link 'undefined'"),
        (5, "no video id in link 'https://www.tiktok.com/@Jong.Zeist/video…'"),  # cut short
    ]
    frame = result.frame
    assert set(frame["account_id"]) == {"tiktok:jong.zeist"} and frame["registered"].all()
    assert list(frame["timestamp"]) == [pd.Timestamp(t) for t in times]
    assert frame["timestamp"].dt.tz_convert(AMS).iloc[1].date() == dt.date(2026, 3, 9)


def test_tiktok_id_arithmetic_matches_the_documented_example(tmp_path):
    path = tmp_path / "Content.csv"
    path.write_text(
        '\ufeff"Time","Video title","Video link","Post time","Total likes","Total comments",'
        '"Total shares","Total views"\n'
        '"February 28","","https://www.tiktok.com/@zeist/video/7527623000473079054","July 16",'
        '"1","0","0","5"\n',
        encoding="utf-8",
    )
    frame = load([path]).frame
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2025-07-16 10:21:48", tz="UTC")
    assert not frame["registered"].iloc[0]  # an account not in the register stays itself


# --- Mastodon -----------------------------------------------------------------------------

POSTS = [
    (dt.datetime(2026, 7, 1, 8, 0, tzinfo=UTC), False),
    (dt.datetime(2026, 7, 1, 22, 30, tzinfo=UTC), True),  # 00:30 on 2 July in Amsterdam
    (dt.datetime(2026, 7, 5, 12, 0, tzinfo=UTC), False),
]
BOOSTS = [dt.datetime(2026, 7, 2, 9, 0, tzinfo=UTC)]


def _check_mastodon(result, shown_kind=None):
    (entry,) = result.ledger
    assert entry.format == "mastodon_archive"
    # Four items present, though totalItems says three; the boost is no own post.
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (4, 3, 1)
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (4, "a boost (Announce) of another post, not an own post")
    ]
    frame = result.frame
    assert set(frame["account_id"]) == {"mastodon:gemeente@social.zeist.nl"}
    assert frame["registered"].all()
    assert list(frame["kind"]) == ["post", "reply", "post"]
    assert list(frame["direction"]) == ["out"] * 3
    assert list(frame["timestamp"]) == [pd.Timestamp(t) for t, _ in POSTS]
    assert list(frame["has_image"]) == [True, False, False]
    assert frame["has_alt_text"].iloc[0]
    assert result.skipped_files == []  # the media are no inputs of their own


MASTODON_REGISTERED = account(
    "mastodon", "gemeente@social.zeist.nl", url="https://social.zeist.nl/@Gemeente"
)


def test_mastodon_archive_folder_is_one_export(tmp_path):
    folder = mastodon_archive(
        tmp_path / "exports" / "archief", "Gemeente", "social.zeist.nl", POSTS, BOOSTS
    )
    # The folder given itself, and found inside a folder of downloads.
    _check_mastodon(load([folder], [MASTODON_REGISTERED]))
    _check_mastodon(load([tmp_path / "exports"], [MASTODON_REGISTERED]))


def test_mastodon_archive_zip_and_outbox_alone(tmp_path):
    folder = mastodon_archive(tmp_path / "archief", "Gemeente", "social.zeist.nl", POSTS, BOOSTS)
    archive = zipped(folder)
    with zipfile.ZipFile(archive) as z:
        assert "media_attachments/files/110/photo.jpg" in z.namelist()
    _check_mastodon(load([archive], [MASTODON_REGISTERED]))
    _check_mastodon(load([folder / "outbox.json"], [MASTODON_REGISTERED]))
    # Without actor.json the account comes from each item's actor.
    (folder / "actor.json").unlink()
    _check_mastodon(load([folder / "outbox.json"], [MASTODON_REGISTERED]))


def test_the_same_archive_twice_counts_every_post_once(tmp_path):
    folder = mastodon_archive(tmp_path / "archief", "Gemeente", "social.zeist.nl", POSTS, BOOSTS)
    result = load([folder, zipped(folder)], [MASTODON_REGISTERED])
    assert [e.rows_used for e in result.ledger] == [3, 0]
    assert [e.rows_duplicate for e in result.ledger] == [0, 3]
    assert len(result.frame) == 3


def test_a_json_file_of_another_kind_is_named_not_read(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "likes.json").write_text('{"type": "OrderedCollection"}', encoding="utf-8")
    result = load([exports])
    assert result.ledger == [] and result.skipped_files == ["exports/likes.json"]


# --- register handles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "handle", "url", "account_id"),
    [
        ("Mastodon", "@Gemeente@Social.Zeist.nl", None, "mastodon:gemeente@social.zeist.nl"),
        (
            "Mastodon",
            None,
            "https://social.zeist.nl/@Gemeente",
            "mastodon:gemeente@social.zeist.nl",
        ),
        (
            "Mastodon",
            None,
            "https://social.zeist.nl/users/gemeente",
            "mastodon:gemeente@social.zeist.nl",
        ),
        ("YouTube", None, "youtube.com/@RaadZeist", "youtube:raadzeist"),
        ("YouTube", None, "https://www.youtube.com/channel/UCx1y2Z3", "youtube:ucx1y2z3"),
        ("YouTube", None, "https://www.youtube.com/user/RaadZeist", "youtube:raadzeist"),
        ("YouTube", None, "https://www.youtube.com/c/RaadZeist", "youtube:raadzeist"),
        (None, None, "https://www.youtube.com/@RaadZeist/videos", "youtube:raadzeist"),
        ("TikTok", None, "https://www.tiktok.com/@Jong.Zeist", "tiktok:jong.zeist"),
        ("TikTok", "@Jong.Zeist", None, "tiktok:jong.zeist"),
        (
            "Bluesky",
            None,
            "https://bsky.app/profile/zeist.bsky.social",
            "bluesky:zeist.bsky.social",
        ),
        ("Bluesky", None, "https://bsky.app/profile/did:plc:abc123", "bluesky:did:plc:abc123"),
    ],
)
def test_register_handles_of_these_platforms(tmp_path, platform, handle, url, account_id):
    row = compliant_account("x") | {"platform": platform, "handle": handle, "url": url}
    register = load_register(write_register(tmp_path / "register.xlsx", [row]))
    assert [a.account_id for a in register.accounts] == [account_id]
    assert [p for p in register.problems if p.level.value == "error"] == []


def registered(platform: str, url: str | None, **extra) -> dict:
    """A register row that passes the register's checks, on `platform`."""
    row = compliant_account("x") | {"expected_posts_per_week": 1, "handle": None}
    return row | {"platform": platform, "url": url, "display_name": "Zeist"} | extra


def test_exports_match_register_accounts_written_in_any_case(tmp_path):
    rows = [
        registered("Mastodon", "https://Social.Zeist.nl/@GEMEENTE"),
        registered("TikTok", None, handle="@JONG.zeist"),
    ]
    register = load_register(write_register(tmp_path / "register.xlsx", rows))
    folder = mastodon_archive(tmp_path / "archief", "gemeente", "social.zeist.nl", POSTS)
    content = tiktok_content(tmp_path / "Content.csv", "jong.Zeist", [POSTS[0][0]], junk=False)
    frame = load([folder, content], register.accounts).frame
    assert frame["registered"].all()
    assert set(frame["account_id"]) == {a.account_id for a in register.accounts}


# --- the real samples ---------------------------------------------------------------------


@pytest.fixture
def samples():
    if not SAMPLES.is_dir():
        pytest.skip(f"samples not found at {SAMPLES}")
    return SAMPLES


def test_sample_youtube(samples):
    path = samples / "youtube_studio_table_data_2025.csv"
    result = load([path], [account("youtube", "kanaal")])
    entry = result.ledger[0]
    assert (entry.rows_read, entry.rows_used, entry.rows_duplicate, entry.rows_rejected) == (
        443,
        442,
        0,
        1,
    )
    assert entry.rejected[0].row == 2 and "Total row" in entry.rejected[0].reason
    frame = result.frame
    assert frame["item_id"].iloc[0] == "UWQNrpakgcA"
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2025-08-28 12:00", tz=AMS)
    assert frame["item_id"].is_unique


def test_sample_tiktok(samples):
    path = samples / "tiktok_studio_content_2025.csv"
    result = load([path], [account("tiktok", "HaileyTupy2.0")])
    frame = result.frame
    assert result.ledger[0].rows_used == 13 and frame["registered"].all()
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2025-07-16 10:21:48", tz="UTC")
    # The year-less `Post time` agrees with the id's day, in every row.
    written = pd.read_csv(path, encoding="utf-8-sig", dtype=str)["Post time"]
    days = frame["timestamp"].dt.tz_convert("America/Los_Angeles")
    assert list(days.dt.strftime("%B %-d")) == list(written)


def test_sample_mastodon(samples, tmp_path):
    folder = samples / "mastodon_archive_2024"
    registered = account("mastodon", "dealingwith@indieweb.social")
    for given in (folder, zipped_copy(folder, tmp_path)):
        result = load([given], [registered])
        entry = result.ledger[0]
        assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (1586, 1260, 326)
        assert {r.reason for r in entry.rejected} == {
            "a boost (Announce) of another post, not an own post"
        }
        frame = result.frame
        assert set(frame["account_id"]) == {"mastodon:dealingwith@indieweb.social"}
        # 422 answers, 18 of them direct messages; 31 direct messages (to mentioned people
        # only) in all, which are no posts.
        kinds = frame["kind"].astype(str).value_counts().to_dict()
        assert kinds == {"post": 825, "reply": 404, "message": 31}
        assert frame["timestamp"].min() == pd.Timestamp("2022-11-08 03:07:14", tz="UTC")


def zipped_copy(folder: Path, tmp_path: Path) -> Path:
    return Path(shutil.make_archive(str(tmp_path / "archive"), "zip", folder))


# --- the whole run ------------------------------------------------------------------------

Q3_FIRST = dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
Q3_LAST = dt.datetime(2026, 9, 29, 9, 0, tzinfo=UTC)


def test_run_judges_the_activity_of_these_platforms(tmp_path):
    rows = [
        registered("YouTube", "https://www.youtube.com/@RaadZeist"),
        registered("YouTube", "https://www.youtube.com/@GemeenteZeist"),
        registered("TikTok", "https://www.tiktok.com/@jong.zeist"),
        registered("TikTok", "https://www.tiktok.com/@zeistsport"),
        registered("Mastodon", "https://social.zeist.nl/@gemeente"),
        registered("Bluesky", f"https://bsky.app/profile/{DID}"),
    ]
    register = write_register(tmp_path / "register.xlsx", rows)
    exports = tmp_path / "exports"
    often = weekly(Q3_FIRST, Q3_LAST)
    days = [t.date() for t in often]
    youtube_table(
        exports / "raad" / "Table data.csv", [(f"raad{n:07d}", d) for n, d in enumerate(days)]
    )
    youtube_table(
        exports / "tv" / "Table data.csv", [(f"tv{n:09d}", d) for n, d in enumerate(days)]
    )
    tiktok_content(exports / "jong" / "Content.csv", "jong.zeist", often)
    # Three videos in the quarter: below the minimum of one a week.
    tiktok_content(
        exports / "sport" / "Content.csv",
        "ZeistSport",
        [Q3_FIRST, Q3_FIRST + dt.timedelta(days=45), Q3_LAST],
    )
    mastodon_archive(
        exports / "mastodon-archief",
        "gemeente",
        "social.zeist.nl",
        [(t, False) for t in often],
        BOOSTS,
    )
    (exports / "bluesky").mkdir()
    bluesky_repo(exports / "bluesky" / "repo.car", DID, [(t, False) for t in often])
    config = tmp_path / "auditor.toml"
    config.write_text(
        '[activity.accounts]\n"raad/*.csv" = "youtube:raadzeist"\n'
        '"tv/Table data.csv" = "https://www.youtube.com/@GemeenteZeist"\n',
        encoding="utf-8",
    )
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "--inventory",
            str(register),
            "--activity",
            str(exports),
            "--config",
            str(config),
            "--period",
            "2026-Q3",
            "--out",
            str(out),
            "--history",
            str(tmp_path / "h.sqlite"),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "not judged" not in result.output and "not read" not in result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    ledger = {
        Path(e["path"]).parent.name: e for e in findings["inputs"] if e["format"] != "register"
    }
    assert {k: (e["rows_used"], e["rows_rejected"]) for k, e in ledger.items()} == {
        "raad": (len(days), 1),
        "tv": (len(days), 1),
        "jong": (len(often), 2),
        "sport": (3, 2),
        "exports": (len(often), 1),
        "bluesky": (len(often), 0),
    }
    activity = {
        (f["check_id"], f["account_id"])
        for f in findings["findings"]
        if f["check_id"].startswith("ACT")
    }
    assert activity == {("ACT001", "tiktok:zeistsport"), ("ACT003", "tiktok:zeistsport")}
    skipped = {s["check_id"] for s in findings["skipped"]}
    assert not {"ACT001", "ACT002", "ACT003"} & skipped


# --- Bluesky ------------------------------------------------------------------------------


def _cid(block: bytes) -> bytes:
    """A CIDv1 of a DAG-CBOR block: version 1, codec 0x71, sha2-256 multihash."""
    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def bluesky_repo(
    path: Path,
    did: str,
    posts: list[tuple[dt.datetime, bool]],
    reposts: list[dt.datetime] = (),
    rev: str = "3l",
) -> Path:
    """A repository export as `com.atproto.sync.getRepo` writes it: a CAR file whose root is
    the commit naming the DID, a tree node, and the records."""
    libipld = pytest.importorskip("libipld")
    records = []
    for n, (at, reply) in enumerate(posts):
        record = {
            "$type": "app.bsky.feed.post",
            "text": f"Nieuws {n}",
            "createdAt": at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        }
        if reply:
            parent = {"uri": "at://did:plc:inwoner/app.bsky.feed.post/1", "cid": "bafyrei"}
            record["reply"] = {"root": parent, "parent": parent}
        if n == 0:
            image = {"alt": "", "image": {"$type": "blob", "mimeType": "image/jpeg", "size": 1}}
            record["embed"] = {"$type": "app.bsky.embed.images", "images": [image]}
        records.append(record)
    for at in reposts:
        subject = {"uri": "at://did:plc:iemand/app.bsky.feed.post/2", "cid": "bafyrei"}
        records.append(
            {"$type": "app.bsky.feed.repost", "subject": subject, "createdAt": at.isoformat()}
        )
    records.append({"$type": "app.bsky.graph.follow", "subject": "did:plc:iemand"})
    blocks = [libipld.encode_dag_cbor(r) for r in records]
    node = libipld.encode_dag_cbor({"l": None, "e": [{"p": 0, "k": b"a", "v": _cid(blocks[0])}]})
    commit = libipld.encode_dag_cbor({"did": did, "version": 3, "data": _cid(node), "rev": rev})
    header = libipld.encode_dag_cbor({"roots": [_cid(commit)], "version": 1})
    body = b"".join(_varint(len(_cid(b)) + len(b)) + _cid(b) + b for b in [commit, node, *blocks])
    path.write_bytes(_varint(len(header)) + header + body)
    return path


DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
SKEETS = [
    (dt.datetime(2026, 7, 1, 8, 0, tzinfo=UTC), False),
    (dt.datetime(2026, 7, 2, 9, 0, tzinfo=UTC), True),
]


def test_bluesky_repository_posts_replies_and_reposts(tmp_path):
    car = bluesky_repo(tmp_path / "repo.car", DID, SKEETS, [dt.datetime(2026, 7, 3, tzinfo=UTC)])
    registered = account("bluesky", DID, url=f"https://bsky.app/profile/{DID}")
    result = load([car], [registered, account("bluesky", "zeist.bsky.social")])
    (entry,) = result.ledger
    assert (entry.format, entry.rows_read, entry.rows_used, entry.rows_rejected) == (
        "bluesky_repository",
        3,
        2,
        1,
    )
    assert entry.rejected[0].reason == "a repost of another post, not an own post"
    assert DID in entry.note("en")
    frame = result.frame
    assert set(frame["account_id"]) == {f"bluesky:{DID}"} and frame["registered"].all()
    assert list(frame["kind"]) == ["post", "reply"]
    assert list(frame["timestamp"]) == [pd.Timestamp(t) for t, _ in SKEETS]
    assert list(frame["has_image"]) == [True, False]
    assert frame["has_alt_text"].iloc[0] == False  # noqa: E712 - an image without alt text
    assert frame["item_id"].str.startswith("bafyrei").all()
    # The same repository exported again: every post once.
    again = load([car, bluesky_repo(tmp_path / "later.car", DID, SKEETS)], [registered])
    assert [e.rows_duplicate for e in again.ledger] == [0, 2]


def test_bluesky_repository_of_an_unknown_did_is_never_credited_to_a_guess(tmp_path):
    car = bluesky_repo(tmp_path / "repo.car", DID, SKEETS)
    accounts = [account("bluesky", "zeist.bsky.social"), account("bluesky", "raad.bsky.social")]
    result = load([car], accounts)
    assert result.frame.empty
    (warning,) = [w("en") for w in result.warnings()]
    assert DID in warning and "bluesky:zeist.bsky.social" in warning
    # Mapped in auditor.toml, it is that account.
    config = Config.model_validate(
        {"activity": {"accounts": {"repo.car": "https://bsky.app/profile/zeist.bsky.social"}}}
    )
    mapped = load([car], accounts, config)
    assert set(mapped.frame["account_id"]) == {"bluesky:zeist.bsky.social"}
    assert mapped.warnings() == []
    # With no Bluesky account in the register, the DID is an account missing from it.
    alone = load([car], [account("x", "zeist")])
    assert set(alone.frame["account_id"]) == {f"bluesky:{DID}"}
    assert not alone.frame["registered"].any()


def test_linkedin_file_mapped_in_auditor_toml(tmp_path):
    from tests.test_activity_formats import LI_ACCOUNTS, linkedin_file

    path = linkedin_file(tmp_path / "export.xlsx")
    unmapped = load([path], LI_ACCOUNTS)
    assert unmapped.frame.empty and "[activity.accounts]" in unmapped.ledger[0].note("en")
    config = Config.model_validate(
        {"activity": {"accounts": {"export.xlsx": "linkedin:werkenbijzeist"}}}
    )
    result = load([path], LI_ACCOUNTS, config)
    assert set(result.frame["account_id"]) == {"linkedin:werkenbijzeist"}
    assert "[activity.accounts] 'export.xlsx'" in result.ledger[0].note("en")


def test_a_mastodon_account_registered_without_its_server_matches_the_archive(tmp_path):
    folder = mastodon_archive(tmp_path / "archief", "Gemeente", "social.zeist.nl", POSTS)
    result = load([folder], [account("mastodon", "gemeente")])
    assert set(result.frame["account_id"]) == {"mastodon:gemeente"}
    assert result.frame["registered"].all()
    # One registered on another server is another account.
    elsewhere = load([folder], [account("mastodon", "gemeente@mastodon.nl")])
    assert set(elsewhere.frame["account_id"]) == {"mastodon:gemeente@social.zeist.nl"}
    assert not elsewhere.frame["registered"].any()


def test_a_damaged_repository_is_an_input_error_naming_the_file(tmp_path):
    from auditor.problems import InputError

    car = bluesky_repo(tmp_path / "repo.car", DID, SKEETS)
    car.write_bytes(car.read_bytes()[:-40])
    with pytest.raises(InputError) as caught:
        load([car])
    assert caught.value.path == str(car)
    assert "no export of a known format" in caught.value.message("en")


def test_a_damaged_archive_is_an_input_error_naming_the_file(tmp_path):
    from auditor.problems import InputError

    archive = zipped(mastodon_archive(tmp_path / "archief", "g", "social.zeist.nl", POSTS))
    archive.write_bytes(archive.read_bytes()[:200])
    with pytest.raises(InputError) as caught:
        load([archive])
    assert caught.value.path == str(archive)
    assert "not a readable zip archive" in caught.value.message("en")


def test_validate_says_rows_rejected_for_one_reason_in_one_line(tmp_path):
    register = write_register(tmp_path / "register.xlsx", [registered("YouTube", None, handle="a")])
    exports = tmp_path / "exports"
    folder = mastodon_archive(exports / "archief", "g", "social.zeist.nl", POSTS, BOOSTS * 5)
    result = CliRunner().invoke(
        cli, ["validate", "--inventory", str(register), "--activity", str(exports), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "boost" in line]
    assert lines == [
        f"warning: exports/{folder.name} › rows 4, 5, 6 and 2 more › a boost (Announce) of "
        "another post, not an own post"
    ]
    assert "0 errors, 1 warning" in result.output
