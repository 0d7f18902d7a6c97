"""Each export format on a file written here in that format: rows, accounts, exact UTC times."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from auditor.activity.load import load_activity
from auditor.config import Config, InboxMapping
from auditor.models import Account, AccountStatus


def utc(text):
    return pd.Timestamp(text, tz="UTC")


def account(platform, handle, **extra):
    return Account(
        account_id=f"{platform}:{handle.lower()}", platform=platform, handle=handle, **extra
    )


def load(paths, accounts=(), config=None):
    paths = paths if isinstance(paths, list) else [paths]
    result = load_activity(paths, config or Config(), list(accounts))
    assert all(entry.balanced() for entry in result.ledger)
    return result


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


# --- canonical ---------------------------------------------------------------------------


def test_canonical_times_booleans_and_ids(tmp_path):
    text = (
        "platform,account,item_id,timestamp,direction,kind,in_reply_to,author,has_image,"
        "has_alt_text,text\n"
        "Twitter,https://x.com/GemeenteZeist,0012,2026-07-01T09:00:00Z,out,Reply,9,,ja,nee,hi\n"
        "x,@gemeentezeist,9,2026-07-01T10:30:00+02:00,in,mention,,Piet,,,vraag\n"
        "x,gemeentezeist,10,2026-07-01 11:00,OUT,post,,,x,1,\n"
        "x,gemeentezeist,11,01-12-2026 11:00,out,,,,yes,no,\n"
        "x,gemeentezeist,12,2026-10-25 02:30,out,,,,true,false,\n"
    )
    result = load(write(tmp_path / "a.csv", text), [account("x", "gemeentezeist")])
    f = result.frame
    assert list(f["item_id"]) == ["0012", "9", "10", "11", "12"]
    assert list(f["timestamp"]) == [
        utc("2026-07-01 09:00"),
        utc("2026-07-01 08:30"),
        utc("2026-07-01 09:00"),  # naive = Amsterdam summer time
        utc("2026-12-01 10:00"),  # winter time
        utc("2026-10-25 00:30"),  # the doubled autumn hour: the first (summer) one
    ]
    assert list(f["direction"]) == ["out", "in", "out", "out", "out"]
    assert list(f["kind"].astype("string").fillna("-")) == ["reply", "mention", "post", "-", "-"]
    assert list(f["in_reply_to"].fillna("-")) == ["9", "-", "-", "-", "-"]
    assert list(f["has_image"].fillna(False)) == [True, False, True, True, True]
    assert list(f["has_alt_text"].astype("object").fillna("?")) == [False, "?", True, False, False]
    assert set(f["account_id"]) == {"x:gemeentezeist"}
    assert f["registered"].all()
    assert "author" not in f.columns and "text" not in f.columns


def test_canonical_rejections_have_reasons(tmp_path):
    text = (
        "platform;account;item_id;timestamp;direction\n"
        "x;zeist;1;31-02-2026 10:00;out\n"
        "myspace;zeist;2;2026-07-01T09:00:00Z;out\n"
        "x;;3;2026-07-01T09:00:00Z;out\n"
        "x;zeist;;2026-07-01T09:00:00Z;out\n"
        "x;zeist;5;2026-07-01T09:00:00Z;sideways\n"
        "x;zeist;6;;out\n"
        "x;zeist;7;2026-07-01T09:00:00Z;in\n"
    )
    result = load(write(tmp_path / "bad.csv", text))
    entry = result.ledger[0]
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (2, "timestamp '31-02-2026 10:00' is not a date"),
        (3, "platform 'myspace' is not known"),
        (4, "no account"),
        (5, "no item_id"),
        (6, "direction 'sideways' is neither 'in' nor 'out'"),
        (7, "no timestamp"),
    ]
    assert list(result.frame["item_id"]) == ["7"]
    assert result.frame["account_id"].iloc[0] == "x:zeist"
    assert not result.frame["registered"].iloc[0]


# --- X -----------------------------------------------------------------------------------

TWEET_HEADER = (
    '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements",'
    '"promoted impressions"\n'
)


def test_x_tweet_activity(tmp_path):
    text = TWEET_HEADER + (
        '"812369747765362688","https://twitter.com/GemeenteZeist/status/812369747765362688",'
        '"Nieuw: afvalkalender &amp; meer","2016-12-23 18:50 +0000","1938.0","18.0","-"\n'
        '"812341199767863296","https://twitter.com/GemeenteZeist/status/812341199767863296",'
        '"@inwoner Dank voor je vraag","2016-12-23 16:56 +0000","3626.0","72.0","-"\n'
    )
    result = load(write(tmp_path / "t.csv", text), [account("x", "gemeentezeist")])
    f = result.frame
    assert result.ledger[0].format == "x_tweet_activity"
    assert list(f["item_id"]) == ["812369747765362688", "812341199767863296"]
    assert list(f["timestamp"]) == [utc("2016-12-23 18:50"), utc("2016-12-23 16:56")]
    assert list(f["kind"]) == ["post", "reply"]
    assert set(f["direction"]) == {"out"}
    assert set(f["account_id"]) == {"x:gemeentezeist"} and f["registered"].all()


@pytest.mark.parametrize(
    ("header", "date", "newline"),
    [
        (
            "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks\n",
            '"Fri, Feb 27, 2026"',
            "\n",
        ),
        (
            "Post id,Date,Post text,Link,Impressions,Likes,Engagements,Share\r\n",
            "Fri Feb 27 2026",
            "\r\n",
        ),
    ],
)
def test_x_account_analytics_variants(tmp_path, header, date, newline):
    text = (
        header
        + newline.join(
            [
                f"2027324435158704495,{date},@someone thanks,"
                "https://x.com/GemeenteZeist/status/2027324435158704495,6,0,0,0",
                f",{date},,https://x.com/GemeenteZeist/status/undefined,0,0,0,0",
                f'2027282228221542461,{date},"Werk aan de weg, let op",'
                "https://x.com/GemeenteZeist/status/2027282228221542461,100,0,2,0",
            ]
        )
        + newline
    )
    result = load(write(tmp_path / "a.csv", text), [account("x", "GemeenteZeist")])
    f = result.frame
    entry = result.ledger[0]
    assert entry.format == "x_account_analytics"
    assert [(r.row, r.reason) for r in entry.rejected] == [
        (3, "no post id (link ends in status/undefined)")
    ]
    assert list(f["item_id"]) == ["2027324435158704495", "2027282228221542461"]
    # (id >> 22) + 1288834974657 ms
    assert list(f["timestamp"]) == [
        pd.Timestamp((2027324435158704495 >> 22) + 1288834974657, unit="ms", tz="UTC"),
        pd.Timestamp((2027282228221542461 >> 22) + 1288834974657, unit="ms", tz="UTC"),
    ]
    assert f["timestamp"].dt.date.astype(str).tolist() == ["2026-02-27", "2026-02-27"]
    assert list(f["kind"]) == ["reply", "post"]
    assert list(f["source_row"]) == [2, 4]


# --- Meta --------------------------------------------------------------------------------


def test_meta_facebook_posts_several_pages(tmp_path):
    text = (
        '\ufeff"Post ID","Page ID","Page name",Title,Description,"Duration (sec)","Publish time",'
        '"Caption type",Permalink,"Post type",Date,Views,Reach,Views\n'
        '111,61569323067856,"Gemeente Zeist","Titel","Regel een\n\nRegel ""twee""",0,'
        '"03/15/2025 03:06",N/A,https://www.facebook.com/x,Photos,Lifetime,1,2,3\n'
        '112,999,"Zeist Centrum",,"kort",0,"07/01/2025 00:30",N/A,https://www.facebook.com/y,'
        "Videos,Lifetime,1,2,3\n"
        '113,555,"Onbekende Pagina",,"",0,"11/02/2025 01:30",N/A,,Links,Lifetime,1,2,3\n'
    )
    accounts = [
        account(
            "facebook",
            "gemeentezeist",
            url="https://www.facebook.com/profile.php?id=61569323067856",
        ),
        account("facebook", "zeistcentrum", display_name="Zeist centrum"),
    ]
    result = load(write(tmp_path / "Mar-01-2025_Mar-31-2025_1.csv", text), accounts)
    f = result.frame
    assert result.ledger[0].format == "meta_posts"
    assert list(f["account_id"]) == [
        "facebook:gemeentezeist",
        "facebook:zeistcentrum",
        "facebook:onbekendepagina",
    ]
    assert list(f["registered"]) == [True, True, False]
    assert list(f["timestamp"]) == [
        utc("2025-03-15 10:06"),  # PDT, UTC-7
        utc("2025-07-01 07:30"),
        utc("2025-11-02 08:30"),  # the doubled hour in Los Angeles: the first (PDT) one
    ]
    assert list(f["has_image"]) == [True, False, False]
    assert list(f["source_row"]) == [2, 5, 6]


def test_meta_instagram_posts(tmp_path):
    text = (
        '\ufeff"Post ID","Account ID","Account username","Account name",Description,'
        '"Duration (sec)","Publish time",Permalink,"Post type",Date,Reach\n'
        '18030796796603144,1784,gemeentezeist,"Gemeente Zeist","Kijk\n@iemand",78,'
        '"12/18/2024 12:26",https://www.instagram.com/reel/a/,"IG reel",Lifetime,4\n'
        '17907222519070878,1785,jongerenzeist,"Jong","",81,"12/31/2024 10:39",'
        'https://www.instagram.com/p/b/,"IG carousel",Lifetime,2\n'
    )
    accounts = [
        account("instagram", "gemeentezeist", url="https://www.instagram.com/gemeentezeist")
    ]
    f = load(write(tmp_path / "ig.csv", text), accounts).frame
    assert list(f["account_id"]) == ["instagram:gemeentezeist", "instagram:jongerenzeist"]
    assert list(f["registered"]) == [True, False]
    assert list(f["timestamp"]) == [utc("2024-12-18 20:26"), utc("2024-12-31 18:39")]
    assert list(f["has_image"]) == [False, True]


# --- LinkedIn ----------------------------------------------------------------------------

LI_HEADER = ["Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date"]
LI_ROWS = [
    [
        "Eerste\nregel",
        "https://www.linkedin.com/feed/update/urn:li:activity:7306192134921981953",
        "Organic",
        "",
        "Jan Jansen",
        "03/14/2025",
    ],
    ["Tweede", "https://www.linkedin.com/company/x/posts", "Organic", "", "Jan", "03/12/2025"],
]


def linkedin_file(path, description=None):
    wb = openpyxl.Workbook()
    wb.active.title = "Metrics"
    wb.active.append(["Date", "Impressions (organic)"])
    sheet = wb.create_sheet("All posts")
    if description:
        sheet.append([description])
    sheet.append(LI_HEADER)
    for row in LI_ROWS:
        sheet.append(row)
    wb.save(path)
    return path


LI_ACCOUNTS = [
    account(
        "linkedin",
        "gemeente-zeist",
        display_name="Gemeente Zeist",
        url="https://www.linkedin.com/company/gemeente-zeist",
    ),
    account("linkedin", "werkenbijzeist", display_name="Werken bij Zeist"),
]


def test_linkedin_times_from_urn_and_created_date(tmp_path):
    path = linkedin_file(tmp_path / "gemeente-zeist_content_1741900000000.xlsx")
    result = load(path, LI_ACCOUNTS)
    f = result.frame
    entry = result.ledger[0]
    assert entry.format == "linkedin_content"
    assert list(f["item_id"]) == ["7306192134921981953", "https://www.linkedin.com/company/x/posts"]
    assert list(f["timestamp"]) == [
        pd.Timestamp(7306192134921981953 >> 22, unit="ms", tz="UTC"),
        utc("2025-03-11 23:00"),  # the date at midnight in Amsterdam
    ]
    assert set(f["account_id"]) == {"linkedin:gemeente-zeist"}
    assert "file name" in entry.note("en")
    assert list(f["source_row"]) == [2, 3]


@pytest.mark.parametrize(
    ("name", "description", "accounts", "expected", "rule"),
    [
        (
            "export.xlsx",
            "Page: https://www.linkedin.com/company/werkenbijzeist/ – posts",
            LI_ACCOUNTS,
            "linkedin:werkenbijzeist",
            "description row",
        ),
        (
            "export.xlsx",
            "All posts of Werken bij Zeist, 2025",
            LI_ACCOUNTS,
            "linkedin:werkenbijzeist",
            "description row",
        ),
        (
            "werken-bij-zeist_content_1741900000000.xlsx",
            None,
            LI_ACCOUNTS,
            "linkedin:werkenbijzeist",
            "file name",
        ),
        (
            "export.xlsx",
            None,
            [*LI_ACCOUNTS[:1], LI_ACCOUNTS[1].model_copy(update={"status": AccountStatus.CLOSED})],
            "linkedin:gemeente-zeist",
            "only active",
        ),
    ],
)
def test_linkedin_attribution_rules(tmp_path, name, description, accounts, expected, rule):
    result = load(linkedin_file(tmp_path / name, description), accounts)
    assert set(result.frame["account_id"]) == {expected}
    assert rule in result.ledger[0].note("en")
    if description:
        assert list(result.frame["source_row"]) == [3, 4]


def test_linkedin_file_that_cannot_be_attributed_is_rejected_with_advice(tmp_path):
    result = load(linkedin_file(tmp_path / "export.xlsx"), LI_ACCOUNTS)
    entry = result.ledger[0]
    assert result.frame.empty
    assert entry.rows_rejected == 2
    assert entry.rejected[0].reason.startswith(
        "cannot tell which LinkedIn page this file belongs to"
    )
    assert "2 active LinkedIn accounts" in entry.rejected[0].reason
    assert "_content_" in entry.note("en")


# --- inbox -------------------------------------------------------------------------------


def test_hootsuite_inbox_export(tmp_path):
    text = (
        "Message ID,Conversation ID,Direction,Message Type,Post URL,Content,Created at,Channel,"
        "Medium,Contact Primary Identifier\n"
        "m1,c1,inbound,Direct Message,,Waar is mijn pas?,2026-07-01T09:00:00+02:00,"
        "@gemeentezeist,Twitter,@piet\n"
        "m2,c1,outbound,Direct Message,,Hoi Piet,2026-07-01 09:30,@gemeentezeist,Twitter,@piet\n"
        "m3,c2,inbound,Comment,,Vraag,2026-07-01T10:00:00Z,https://facebook.com/gemeentezeist,"
        "Facebook,Kees\n"
        "m4,c2,sideways,Comment,,?,2026-07-01T10:00:00Z,@gemeentezeist,Twitter,Kees\n"
    )
    accounts = [account("x", "gemeentezeist"), account("facebook", "gemeentezeist")]
    result = load(write(tmp_path / "inbox.csv", text), accounts)
    f = result.frame
    entry = result.ledger[0]
    assert entry.format == "inbox:hootsuite"
    assert list(f["item_id"]) == ["m1", "m2", "m3"]
    assert list(f["direction"]) == ["in", "out", "in"]
    assert list(f["conversation_id"]) == ["c1", "c1", "c2"]
    assert list(f["kind"]) == ["message", "message", "comment"]
    assert list(f["account_id"]) == ["x:gemeentezeist", "x:gemeentezeist", "facebook:gemeentezeist"]
    assert list(f["timestamp"]) == [
        utc("2026-07-01 07:00"),
        utc("2026-07-01 07:30"),
        utc("2026-07-01 10:00"),
    ]
    assert [r.row for r in entry.rejected] == [5]
    assert "sideways" in entry.rejected[0].reason
    assert not any(f.astype(str).apply(lambda c: c.str.contains("Piet|Kees|pas")).any())


def test_obi4wan_style_dutch_export(tmp_path):
    text = (
        "Bericht ID;Gesprek ID;Reactie op;Richting;Publicatiedatum;Kanaal;Account;Bericht;"
        "Geplaatst door (optioneel)\r\n"
        "b1;g1;;inkomend;01-07-2026 09:00;Facebook;gemeentezeist;Vraag over de\xe9 weg;Jan\r\n"
        "b2;g1;b1;uitgaand;01-07-2026 10:15;Facebook;gemeentezeist;Antwoord;Webcare\r\n"
    )
    result = load(
        write(tmp_path / "berichten-01-07-2026_10_00.csv", text, "cp1252"),
        [account("facebook", "gemeentezeist")],
    )
    f = result.frame
    assert result.ledger[0].format == "inbox:obi4wan"
    assert list(f["direction"]) == ["in", "out"]
    assert list(f["in_reply_to"].fillna("-")) == ["-", "b1"]
    assert list(f["timestamp"]) == [utc("2026-07-01 07:00"), utc("2026-07-01 08:15")]


def test_configured_mapping_adds_a_vendor(tmp_path):
    config = Config(
        activity={
            "mappings": {
                "sprout": InboxMapping(
                    detect=["Guid", "Received", "Inbound?"],
                    item_id="Guid",
                    timestamp="Received",
                    direction="Inbound?",
                    inbound=["yes"],
                    outbound=["no"],
                    account="Profile",
                    platform_value="instagram",
                    timestamp_format="%d/%m/%Y %H:%M",
                    timezone="UTC",
                )
            }
        }
    )
    text = "Guid\tReceived\tInbound?\tProfile\nA\t02/07/2026 09:00\tyes\tgemeentezeist\n"
    result = load(write(tmp_path / "s.txt", text), [account("instagram", "gemeentezeist")], config)
    f = result.frame
    assert result.ledger[0].format == "inbox:sprout"
    assert list(f["timestamp"]) == [utc("2026-07-02 09:00")]
    assert list(f["account_id"]) == ["instagram:gemeentezeist"]
    assert list(f["direction"]) == ["in"]


def test_x_links_are_split_into_handle_and_status_id_row_by_row():
    """Handle and numeric status id from each post link, on the rows' own index; links of
    another site, without an id or with a word for one give NA."""
    import pandas as pd

    from auditor.activity.adapters.x_common import split_links

    links = pd.Series(
        [
            "https://x.com/GemeenteZeist/status/2027324435158704495",
            "twitter.com/rOpenSci/statuses/812369747765362688?s=20",
            "https://mobile.twitter.com/zeist_nl/status/undefined",
            None,
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ],
        index=[10, 11, 12, 13, 14],
        dtype="string[pyarrow]",
    )
    handle, status = split_links(links)
    assert list(handle.index) == list(status.index) == [10, 11, 12, 13, 14]
    assert handle.tolist()[:3] == ["GemeenteZeist", "rOpenSci", "zeist_nl"]
    assert handle.iloc[3:].isna().all()
    assert status.tolist()[:2] == ["2027324435158704495", "812369747765362688"]
    assert status.iloc[2:].isna().all()
