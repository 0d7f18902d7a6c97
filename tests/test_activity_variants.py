"""Exports as users hand them in after a round through Excel or another interface language:
each variant must count the same items, for the same account, on the same day as the
original. Files are written here; no sample is read."""

from __future__ import annotations

import csv
import datetime as dt

from tests.test_activity_platforms import AMS, YOUTUBE_HEADER, account, load


def test_youtube_dates_re_saved_by_dutch_excel_or_written_in_dutch_keep_their_day(tmp_path):
    written = {
        "aaaaaaaaaa1": ("Aug 28, 2025", dt.date(2025, 8, 28)),
        "aaaaaaaaaa2": ("28-8-2025", dt.date(2025, 8, 28)),
        "aaaaaaaaaa3": ("04-03-2026", dt.date(2026, 3, 4)),
        "aaaaaaaaaa4": ("5 okt. 2025", dt.date(2025, 10, 5)),
        "aaaaaaaaaa5": ("20 mrt 2026", dt.date(2026, 3, 20)),
        "aaaaaaaaaa6": ("3 mei 2026", dt.date(2026, 5, 3)),
        "aaaaaaaaaa7": ("2025-12-31", dt.date(2025, 12, 31)),
    }
    path = tmp_path / "Table data.csv"
    with path.open("w", newline="", encoding="cp1252") as handle:  # Dutch Excel's CSV
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(YOUTUBE_HEADER)
        for video, (day, _) in written.items():
            writer.writerow([video, "Raadsvergadering", day, "60", "10", "1,5", "0", "9", "1"])
        writer.writerow(["Total", "", "", "", "70", "10,5", "0", "63", "1"])
        handle.write("\r\n")
    result = load([path], [account("youtube", "RaadZeist")])
    entry = result.ledger[0]
    assert (entry.rows_used, entry.rows_rejected) == (7, 1), entry.rejected
    local = result.frame["timestamp"].dt.tz_convert(AMS).dt.date
    assert dict(zip(result.frame["item_id"], local, strict=True)) == {
        video: day for video, (_, day) in written.items()
    }
    assert "not a date" not in str(entry.rejected) and "Total" in entry.rejected[0].reason


def test_youtube_mapped_by_the_at_name_typed_beside_the_channel_url(tmp_path):
    from auditor.config import Config
    from auditor.register import load_register
    from tests.helpers import compliant_account, write_register
    from tests.test_activity_platforms import youtube_table

    channel = "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv"
    register = write_register(
        tmp_path / "register.xlsx",
        [
            compliant_account("RaadZeist", platform="YouTube", url=channel),
            compliant_account("GemeenteZeist", platform="YouTube", url=None),
        ],
    )
    accounts = load_register(register).accounts
    table = youtube_table(tmp_path / "Table data.csv", [("dQw4w9WgXcQ", dt.date(2026, 7, 3))])
    config = Config.model_validate({"activity": {"accounts": {"*.csv": "youtube:@raadzeist"}}})
    result = load([table], accounts, config)
    assert list(result.frame["account_id"].astype(str)) == ["youtube:ucabcdefghijklmnopqrstuv"]
    assert result.frame["registered"].all()


def test_webcare_export_re_saved_by_dutch_excel_says_waar_and_onwaar(tmp_path):
    """The README's mapping verbatim (`inbound = ["True"]`) on the file after a Dutch Excel:
    semicolons, Windows-1252, and True/False turned into WAAR/ONWAAR."""
    import json

    from tests.helpers import compliant_account, main_account, write_register
    from tests.test_webcare_mapping import MAPPING, metrics_of, run, write_shaped_export

    original = write_shaped_export(tmp_path / "care.csv")
    with original.open(newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    dutch = {"True": "WAAR", "False": "ONWAAR"}
    resaved = tmp_path / "excel" / "care.csv"
    resaved.parent.mkdir()
    with resaved.open("w", newline="", encoding="cp1252") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerows([[dutch.get(cell, cell) for cell in r] for r in records])
    register = write_register(
        tmp_path / "register.xlsx",
        [main_account("x", "GemeenteZeist"), compliant_account("ZeistWerkt")],
    )
    config = tmp_path / "auditor.toml"
    config.write_text(MAPPING, encoding="utf-8")
    figures = []
    for export in (original, resaved):
        out = tmp_path / f"audit-{export.parent.name}"
        run(register, export, config, out, "--period", "2026-Q3")
        findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
        figures.append(metrics_of(findings))
    assert figures[1] == figures[0]
    assert figures[1]["x:gemeentezeist"]["answered"] == 2


def test_a_mastodon_account_registered_by_its_web_app_address_matches_its_archive(tmp_path):
    """A logged-in browser shows a profile as https://server/web/@name: copied into the
    register, it is the account `name@server`, found by the archive and by `verify`."""
    from auditor.register import load_register
    from auditor.verify import verify
    from tests.helpers import write_register
    from tests.test_activity_platforms import POSTS, mastodon_archive, registered

    row = registered("Mastodon", "https://social.zeist.nl/web/@Gemeente")
    register = load_register(write_register(tmp_path / "register.xlsx", [row]))
    assert [a.account_id for a in register.accounts] == ["mastodon:gemeente@social.zeist.nl"]
    folder = mastodon_archive(tmp_path / "archief", "gemeente", "social.zeist.nl", POSTS)
    frame = load([folder], register.accounts).frame
    assert frame["registered"].all() and len(frame) == len(POSTS)
    queries = ["https://social.zeist.nl/web/@gemeente", "https://social.zeist.nl/users/Gemeente"]
    answers = verify(register.accounts, queries)
    assert [a.verdict for a in answers] == ["active", "active"]


def test_mastodon_direct_messages_are_own_activity_but_no_posts(tmp_path):
    """Public, unlisted and followers-only posts are posts; a direct message (to mentioned
    people only) is the account's own message, not a post; a boost of its own post is no
    new post."""
    import json

    from tests.test_activity_platforms import mastodon_archive

    at = [dt.datetime(2026, 7, d, 9, 0, tzinfo=dt.UTC) for d in (1, 2, 3, 6, 7)]
    folder = mastodon_archive(
        tmp_path / "archief", "gemeente", "social.zeist.nl", [(t, False) for t in at]
    )
    outbox = json.loads((folder / "outbox.json").read_text(encoding="utf-8"))
    public = "https://www.w3.org/ns/activitystreams#Public"
    followers = "https://social.zeist.nl/users/gemeente/followers"
    citizen = "https://mastodon.social/users/inwoner"
    audiences = [
        ([public], [followers]),  # public
        ([followers], [public]),  # unlisted
        ([followers], [citizen]),  # followers only
        ([citizen], []),  # direct
        ([citizen], []),  # direct, an answer
    ]
    for item, (to, cc) in zip(outbox["orderedItems"], audiences, strict=True):
        item["to"], item["cc"] = to, cc
        item["object"]["to"], item["object"]["cc"] = to, cc
    outbox["orderedItems"][4]["object"]["inReplyTo"] = f"{citizen}/statuses/7"
    own = outbox["orderedItems"][0]["object"]["id"]
    outbox["orderedItems"].append(
        {
            "id": "https://social.zeist.nl/users/gemeente/statuses/9/activity",
            "type": "Announce",
            "actor": "https://social.zeist.nl/users/gemeente",
            "published": "2026-07-08T09:00:00Z",
            "to": [public],
            "object": own,
        }
    )
    (folder / "outbox.json").write_text(json.dumps(outbox), encoding="utf-8")
    result = load([folder], [account("mastodon", "gemeente@social.zeist.nl")])
    entry = result.ledger[0]
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (6, 5, 1)
    kinds = result.frame.sort_values("timestamp")["kind"].astype(str).tolist()
    assert kinds == ["post", "post", "post", "message", "message"]


def test_youtube_studio_download_read_as_the_zip_it_comes_in(tmp_path):
    """YouTube Studio's export arrives as a zip of `Table data.csv`, `Chart data.csv` and
    `Totals.csv`: given as it is, or in a folder of downloads, its table is read, each member
    under its own name, and the daily totals are named and not read."""
    import zipfile

    from tests.test_activity_platforms import VIDEOS, youtube_table

    table = youtube_table(tmp_path / "Table data.csv", VIDEOS)
    download = tmp_path / "downloads" / "Analytics 2026 Q3 Gemeente Zeist.zip"
    download.parent.mkdir()
    with zipfile.ZipFile(download, "w") as archive:
        archive.write(table, "Table data.csv")
        archive.writestr("Totals.csv", "Date,Views\n2026-07-01,100\n")
    for given in (download, download.parent):
        result = load([given], [account("youtube", "RaadZeist")])
        (entry,) = result.ledger
        assert entry.path.endswith("Analytics 2026 Q3 Gemeente Zeist.zip/Table data.csv")
        assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (3, 2, 1)
        assert set(result.frame["account_id"]) == {"youtube:raadzeist"}
        assert [name.rsplit("/", 1)[-1] for name in result.skipped_files] == ["Totals.csv"]
