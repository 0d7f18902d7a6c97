"""`auditor verify` on a real register: every form of a profile URL finds its account."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, compliant_account, write_register

ACCOUNTS = [
    compliant_account("GemeenteZeist", url="https://x.com/GemeenteZeist", type="hoofdaccount"),
    compliant_account(
        "gemeentezeist", platform="facebook", url="https://www.facebook.com/gemeentezeist"
    ),
    compliant_account(
        "gemeentezeist", platform="instagram", url="https://www.instagram.com/gemeentezeist/"
    ),
    compliant_account(
        "gemeentezeist", platform="tiktok", url="https://www.tiktok.com/@gemeentezeist"
    ),
    # The register gives the channel's @name and its channel URL: both find it.
    compliant_account(
        "GemeenteZeist", platform="youtube", url="https://www.youtube.com/channel/UCz3iSt0Ab9"
    ),
    compliant_account("zeist", platform="Mastodon", url="https://social.example.nl/@zeist"),
    compliant_account("gemeentezeist.bsky.social", platform="Bluesky", url=None),
    compliant_account(
        "gemeentezeist", platform="Flickr", url="https://www.flickr.com/photos/gemeentezeist"
    ),
    compliant_account(
        "gemeente-zeist",
        platform="linkedin",
        url="https://www.linkedin.com/company/gemeente-zeist/",
    ),
    compliant_account(
        "12345678", platform="facebook", url="https://www.facebook.com/profile.php?id=12345678"
    ),
    compliant_account("zeistnieuws", status="gesloten", url="https://twitter.com/zeistnieuws"),
    compliant_account("duurzaamzeist", platform="tiktok", status="gepland", url=None),
]

FORMS = {
    "x:gemeentezeist": [
        "https://x.com/GemeenteZeist",
        "http://x.com/gemeentezeist",
        "https://twitter.com/gemeentezeist/",
        "https://www.twitter.com/GEMEENTEZEIST?lang=nl",
        "https://mobile.twitter.com/gemeentezeist",
        "https://m.twitter.com/gemeentezeist/status/1234567890",
        "x.com/gemeentezeist",
        "www.x.com/gemeentezeist/",
        "HTTPS://X.COM/GEMEENTEZEIST",
        "x:gemeentezeist",
        "twitter:@GemeenteZeist",
    ],
    "facebook:gemeentezeist": [
        "https://www.facebook.com/gemeentezeist",
        "https://m.facebook.com/GemeenteZeist/",
        "fb.com/gemeentezeist",
        "https://www.fb.com/gemeentezeist?ref=bookmarks",
        "https://facebook.com/gemeentezeist/posts/123",
    ],
    "facebook:12345678": ["https://www.facebook.com/profile.php?id=12345678&ref=share"],
    "instagram:gemeentezeist": [
        "instagram.com/gemeentezeist",
        "https://www.instagram.com/GemeenteZeist/?hl=nl",
        "http://m.instagram.com/gemeentezeist",
    ],
    "tiktok:gemeentezeist": [
        "https://www.tiktok.com/@GemeenteZeist?lang=nl",
        "tiktok.com/@gemeentezeist/",
    ],
    "youtube:ucz3ist0ab9": [
        "https://www.youtube.com/channel/UCz3iSt0Ab9",
        "https://m.youtube.com/channel/ucz3ist0ab9/videos",
        "https://www.youtube.com/@GemeenteZeist",
        "youtube.com/@gemeentezeist/",
    ],
    "mastodon:zeist@social.example.nl": [
        "@zeist@social.example.nl",
        "zeist@SOCIAL.example.nl",
        "https://social.example.nl/@Zeist",
        "http://social.example.nl/@zeist/",
    ],
    "bluesky:gemeentezeist.bsky.social": [
        "@gemeentezeist.bsky.social",
        "https://bsky.app/profile/gemeentezeist.bsky.social",
    ],
    "flickr:gemeentezeist": [
        "https://flickr.com/photos/GemeenteZeist/",
        "www.flickr.com/photos/gemeentezeist",
    ],
    "linkedin:gemeente-zeist": [
        "https://nl.linkedin.com/company/gemeente-zeist",
        "linkedin.com/company/Gemeente-Zeist/about/",
    ],
}


@pytest.fixture(scope="module")
def register(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("verify") / "register.xlsx"
    return write_register(path, ACCOUNTS, staff=DEFAULT_STAFF, departments=DEFAULT_DEPARTMENTS)


def verify(register: Path, *queries: str, options: tuple[str, ...] = ()):
    return CliRunner().invoke(cli, ["verify", "-i", str(register), *options, *queries])


def answers(register: Path, *queries: str, options: tuple[str, ...] = ()):
    result = verify(register, *queries, options=("--format", "json", *options))
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize(
    ("account_id", "query"),
    [(account_id, query) for account_id, queries in FORMS.items() for query in queries],
)
def test_every_form_of_a_profile_finds_its_account(register, account_id, query):
    code, data = answers(register, query)
    [result] = data["results"]
    assert result["verdict"] == "active", result
    assert [a["account_id"] for a in result["accounts"]] == [account_id]
    assert code == 0


def test_a_bare_handle_finds_it_on_every_platform_or_the_one_named(register):
    _, data = answers(register, "@GemeenteZeist")
    found = {a["account_id"] for a in data["results"][0]["accounts"]}
    assert found == {
        "x:gemeentezeist",
        "facebook:gemeentezeist",
        "instagram:gemeentezeist",
        "tiktok:gemeentezeist",
        "youtube:ucz3ist0ab9",
        "flickr:gemeentezeist",
    }
    _, data = answers(register, "gemeentezeist", options=("--platform", "Instagram"))
    assert [a["account_id"] for a in data["results"][0]["accounts"]] == ["instagram:gemeentezeist"]


def test_closed_planned_and_unknown_accounts_say_so_and_exit_1(register):
    code, data = answers(
        register,
        "https://x.com/zeistnieuws",
        "tiktok.com/@duurzaamzeist",
        "https://x.com/gemeentezeist_echt",
        "@nepzeist",
        "https://www.instagram.com/zeistnieuws",  # the handle, on another platform
    )
    assert code == 1
    assert [r["verdict"] for r in data["results"]] == [
        "closed",
        "planned",
        "not_found",
        "not_found",
        "not_found",
    ]
    assert data["all_active"] is False
    assert data["results"][0]["accounts"][0]["status"] == "closed"


def test_exit_status_0_only_when_every_one_is_active(register):
    assert verify(register, "x.com/gemeentezeist", "fb.com/gemeentezeist").exit_code == 0
    assert verify(register, "x.com/gemeentezeist", "x.com/zeistnieuws").exit_code == 1
    assert verify(register, "x.com/gemeentezeist", "x.com/bestaatniet").exit_code == 1


def test_a_query_that_names_no_account_is_bad_input(register):
    result = verify(register, "https://x.com/")
    assert result.exit_code == 2
    assert "geen account of profiel-URL" in result.output


def test_text_answers_in_dutch_and_english(register):
    result = verify(register, "https://twitter.com/zeistnieuws", "@nepzeist")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("https://twitter.com/zeistnieuws: was een account van")
    assert "niet meer in gebruik" in lines[0] and "X @zeistnieuws" in lines[0]
    assert "staat niet in het register" in lines[1]
    english = verify(register, "x.com/gemeentezeist", options=("--lang", "en"))
    assert english.exit_code == 0
    assert "official account of Gemeente Zeist, in use" in english.stdout


def test_json_answers_name_no_person(register):
    _, data = answers(register, "@gemeentezeist", "x.com/zeistnieuws")
    text = json.dumps(data).casefold()
    for person in ("anna de vries", "a.devries@zeist.nl", "piet bakker", "p.bakker@zeist.nl"):
        assert person not in text


def test_the_account_id_form_works_for_a_platform_the_auditor_does_not_know(register):
    # Found by the generative tests: `flickr:name` was read as a bare handle.
    code, data = answers(register, "flickr:GemeenteZeist", "Flickr:@gemeentezeist")
    assert code == 0
    assert [r["accounts"][0]["account_id"] for r in data["results"]] == [
        "flickr:gemeentezeist",
        "flickr:gemeentezeist",
    ]


def _by_url(platform: str, url: str, handle: str | None = None) -> dict:
    """An account the register knows by its URL; the Account column empty or a name."""
    return compliant_account("x", platform=platform, url=url) | {"handle": handle}


@pytest.fixture(scope="module")
def pages_register(tmp_path_factory) -> Path:
    """Profiles whose URL path starts with a word that is no handle, as real registers hold
    them (seen in a public register of 1,865 government accounts)."""
    path = tmp_path_factory.mktemp("pages") / "register.xlsx"
    accounts = [
        _by_url("facebook", "https://www.facebook.com/profile.php?id=100072520562001"),
        _by_url("facebook", "https://www.facebook.com/profile.php?id=61576807395001"),
        _by_url("facebook", "https://www.facebook.com/p/Gemeente-Zeist-100064012345678/", "Zeist"),
        _by_url("facebook", "https://www.facebook.com/pages/Jeugd-Zeist/123456789012"),
        _by_url("facebook", "https://www.facebook.com/groups/buurtpreventiezeist"),
        # A page as Facebook named it before usernames: name and id in one part.
        _by_url("facebook", "https://www.facebook.com/Zeist-Wijk-Oost-100064077777777/"),
        _by_url("Snapchat", "snapchat.com/add/zeist"),
        compliant_account("zeistoud", url="https://twitter.com/#!/zeistoud"),
    ]
    return write_register(path, accounts, staff=DEFAULT_STAFF, departments=DEFAULT_DEPARTMENTS)


@pytest.mark.parametrize(
    ("query", "account_id"),
    [
        ("https://www.facebook.com/profile.php?id=100072520562001", "facebook:100072520562001"),
        ("HTTPS://M.FACEBOOK.COM/PROFILE.PHP?ID=61576807395001", "facebook:61576807395001"),
        ("facebook.com/profile.php?id=61576807395001/", "facebook:61576807395001"),
        # A page without a username is known by its id, whatever name its URL carries.
        ("https://www.facebook.com/p/Gemeente-Zeist-100064012345678", "facebook:100064012345678"),
        ("https://www.facebook.com/profile.php?id=100064012345678", "facebook:100064012345678"),
        ("https://www.facebook.com/123456789012", "facebook:123456789012"),
        ("https://www.facebook.com/pages/Jeugd-Zeist-Oud/123456789012", "facebook:123456789012"),
        (
            "https://www.facebook.com/pages/category/Government-Organization/Jeugd-123456789012/",
            "facebook:123456789012",
        ),
        ("https://www.facebook.com/groups/BuurtpreventieZeist/", "facebook:buurtpreventiezeist"),
        ("https://www.snapchat.com/add/zeist", "snapchat:zeist"),
        ("https://twitter.com/#!/zeistoud", "x:zeistoud"),
        ("x.com/zeistoud", "x:zeistoud"),
        ("https://www.facebook.com/profile.php?id=100064077777777", "facebook:100064077777777"),
        ("https://m.facebook.com/Zeist-Wijk-Oost-100064077777777", "facebook:100064077777777"),
        ("https://www.facebook.com/100064077777777/", "facebook:100064077777777"),
    ],
)
def test_profiles_behind_a_path_word_find_their_own_account(pages_register, query, account_id):
    _, data = answers(pages_register, query)
    assert [a["account_id"] for a in data["results"][0]["accounts"]] == [account_id]


@pytest.mark.parametrize(
    "query",
    [
        # Each was "official": its path word (or a page's name) was taken for the account.
        "https://www.facebook.com/profile.php?id=12345",
        "https://www.facebook.com/groups/nepgroep",
        "https://www.snapchat.com/add/nepzeist",
        "https://www.facebook.com/p/Gemeente-Zeist-100064099999999/",
        "https://www.facebook.com/pages/Jeugd-Zeist/999999999999",  # the same name, another page
        "https://twitter.com/#!/nepzeist",
        "https://www.facebook.com/Zeist-Wijk-Oost-100064011111111/",  # same name, other page
    ],
)
def test_an_impostor_behind_the_same_path_word_is_not_found(pages_register, query):
    code, data = answers(pages_register, query)
    assert data["results"][0]["verdict"] == "not_found", data
    assert code == 1


def test_the_text_answer_names_no_person_either(tmp_path):
    # Seen on a register whose "Naam" column held the owner: `verify` said "X @sport (Anna de
    # Vries)" in text, though its JSON and the public list left the name out.
    accounts = [
        compliant_account("sport", display_name="Anna de Vries"),
        compliant_account("jeugd", display_name="Sanne Smit"),  # a colleague on the staff sheet
        compliant_account("cultuur", display_name="Cultuur Zeist"),
    ]
    path = write_register(tmp_path / "r.xlsx", accounts, staff=DEFAULT_STAFF)
    result = verify(path, "x.com/sport", "x.com/jeugd", "x.com/cultuur")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith("X @sport") and lines[1].endswith("X @jeugd")
    assert lines[2].endswith("X @cultuur (Cultuur Zeist)")
    _, data = answers(path, "x.com/jeugd")
    assert data["results"][0]["accounts"][0]["name"] is None


@pytest.mark.parametrize(
    "query",
    [
        # Anyone can take the company page's name as a person or a group: neither is it.
        "https://www.linkedin.com/in/gemeente-zeist/",
        "https://nl.linkedin.com/in/Gemeente-Zeist",
        "https://www.linkedin.com/school/gemeente-zeist/",
        "https://www.facebook.com/groups/gemeentezeist",
    ],
)
def test_a_person_or_group_of_the_same_name_is_not_the_page(register, query):
    code, data = answers(register, query)
    assert data["results"][0]["verdict"] == "not_found", data
    assert code == 1


def test_a_showcase_link_finds_the_company_page_of_that_name(register):
    code, data = answers(register, "https://www.linkedin.com/showcase/gemeente-zeist/")
    assert [a["account_id"] for a in data["results"][0]["accounts"]] == ["linkedin:gemeente-zeist"]
    assert code == 0


def test_a_group_in_the_register_is_found_as_a_group_only(pages_register):
    _, data = answers(pages_register, "https://www.facebook.com/buurtpreventiezeist")
    assert data["results"][0]["verdict"] == "not_found"


@pytest.mark.parametrize(
    "query",
    [
        "@GemeenteZeist.",
        "<https://x.com/gemeentezeist>",
        "“@GemeenteZeist”",
        '"x.com/gemeentezeist",',
        "(https://twitter.com/GemeenteZeist)",
        "'@gemeentezeist'",
    ],
)
def test_a_handle_copied_with_the_punctuation_around_it_is_found(register, query):
    # Seen when a KCC colleague pasted a handle from a sentence or a mail: "@GemeenteZeist."
    # was "not the municipality's".
    code, data = answers(register, query)
    assert "x:gemeentezeist" in [a["account_id"] for a in data["results"][0]["accounts"]]
    assert code == 0


def _linked_register(path: Path) -> Path:
    """A register as Excel keeps links: a HYPERLINK formula with a label in the URL column,
    and a link inserted on a cell that shows only the handle."""
    from openpyxl import load_workbook

    accounts = [
        compliant_account("placeholder", url=None),
        compliant_account("sportzeist", platform="instagram", url=None),
    ]
    write_register(path, accounts, staff=DEFAULT_STAFF, departments=DEFAULT_DEPARTMENTS)
    workbook = load_workbook(path)
    sheet = workbook["Accounts"]
    headers = [c.value for c in sheet[1]]
    url, handle = headers.index("URL") + 1, headers.index("Account") + 1
    sheet.cell(2, handle).value = None
    sheet.cell(
        2, url
    ).value = (
        '=HYPERLINK("https://twitter.com/GemeenteZeist?ref_src=twsrc%5Etfw","Twitter-account")'
    )
    sheet.cell(3, handle).value = "Instagram"
    sheet.cell(3, handle).hyperlink = "https://www.instagram.com/sportzeist/?hl=nl"
    workbook.save(path)
    return path


def test_links_kept_as_excel_keeps_them_name_the_account(tmp_path):
    path = _linked_register(tmp_path / "register.xlsx")
    code, data = answers(path, "x.com/gemeentezeist", "instagram.com/sportzeist")
    assert [r["verdict"] for r in data["results"]] == ["active", "active"]
    assert code == 0
    result = CliRunner().invoke(cli, ["publish", "-i", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    published = json.loads((tmp_path / "o" / "accounts.json").read_text(encoding="utf-8"))
    assert sorted((a["platform"], a["handle"], a["url"]) for a in published["accounts"]) == [
        ("instagram", "sportzeist", "https://www.instagram.com/sportzeist/"),
        ("x", "gemeentezeist", "https://twitter.com/GemeenteZeist"),
    ]


def test_a_link_to_a_place_in_the_workbook_or_a_mailbox_is_no_profile(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "register.xlsx"
    accounts = [compliant_account("intern", url=None), compliant_account("post", url=None)]
    write_register(path, accounts, staff=DEFAULT_STAFF, departments=DEFAULT_DEPARTMENTS)
    workbook = load_workbook(path)
    sheet = workbook["Accounts"]
    handle = [c.value for c in sheet[1]].index("Account") + 1
    sheet.cell(2, handle).hyperlink = "#Accounts!A1"
    sheet.cell(3, handle).hyperlink = "mailto:post@zeist.nl"
    workbook.save(path)
    code, data = answers(path, "x.com/intern", "x.com/post")
    assert [r["verdict"] for r in data["results"]] == ["active", "active"]
    assert code == 0


# URL and Account cells as hand-kept registers hold them, and the query that must find each.
TYPED = [
    ({"url": "https://x.com/ZeistEen (oud: https://twitter.com/ZeistOud)"}, "x.com/zeisteen"),
    ({"url": None, "handle": "Twitter: @ZeistTwee"}, "@zeisttwee"),
    ({"url": "https://x.com/ZeistDrie."}, "https://x.com/ZeistDrie"),
    ({"url": "(https://x.com/ZeistVier)"}, "x.com/zeistvier"),
    ({"url": "https://x.com/ZeistVijf\nhttps://twitter.com/ZeistVijf"}, "x.com/zeistvijf"),
    (
        {"url": "https://x.com/i/flow/login?redirect_after_login=%2FZeistZes"},
        "https://x.com/ZeistZes",
    ),
    ({"url": "<https://x.com/ZeistZeven>"}, "x.com/zeistzeven"),
    ({"url": "https://www.zeist.nl/sport https://x.com/ZeistTien"}, "x.com/zeisttien"),
    ({"url": None, "handle": "\u200b@ZeistAcht"}, "@zeistacht"),
    ({"url": None, "handle": "“@ZeistNegen”"}, "@zeistnegen"),
]


def test_a_handle_or_link_typed_with_what_surrounds_it_is_the_account(tmp_path):
    # Seen on hand-kept registers: each cell made an account id like
    # `x:zeisteen(oud:https:` or `x:twitter:@zeisttwee`, and verify said "not ours".
    accounts = [
        compliant_account(f"filler{i}") | {"handle": None} | cells
        for i, (cells, _) in enumerate(TYPED)
    ]
    path = write_register(tmp_path / "register.xlsx", accounts, staff=DEFAULT_STAFF)
    code, data = answers(path, *(query for _, query in TYPED))
    assert [r["verdict"] for r in data["results"]] == ["active"] * len(TYPED), data
    assert code == 0
    result = CliRunner().invoke(cli, ["validate", "-i", str(path)])
    assert "meer dan één adres" in result.output  # the old link beside the new one, named
    out = tmp_path / "openbaar"
    assert CliRunner().invoke(cli, ["publish", "-i", str(path), "--out", str(out)]).exit_code == 0
    links = [a["url"] for a in json.loads((out / "accounts.json").read_text("utf-8"))["accounts"]]
    assert "https://x.com/zeistzes" in links and not [u for u in links if "login" in u]


@pytest.mark.parametrize(
    "query", ["https://x.com/hashtag/gemeentezeist", "https://x.com/i/lists/123456"]
)
def test_a_page_of_the_platform_itself_is_no_account(register, query):
    result = verify(register, query)
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(
    ("query", "account_id"),
    [
        ("Instagram @GemeenteZeist", "instagram:gemeentezeist"),
        ("Twitter: @GemeenteZeist", "x:gemeentezeist"),
        ("tiktok gemeentezeist", "tiktok:gemeentezeist"),
    ],
)
def test_a_platform_named_before_the_handle_is_where_it_is_looked_up(register, query, account_id):
    code, data = answers(register, query)
    assert [a["account_id"] for a in data["results"][0]["accounts"]] == [account_id]
    assert code == 0


def test_a_handle_ending_in_a_bracket_it_opened_keeps_it(tmp_path):
    # Found by the generative tests: stripping what a copy brings along took the `)` off
    # `x:=sum(a1:a3)`, a handle the register holds as typed, and verify no longer found it.
    path = write_register(
        tmp_path / "register.xlsx", [compliant_account("zeist_(oud)", url=None)], staff=None
    )
    code, data = answers(path, "x:zeist_(oud)", "(@zeist_(oud))")
    assert [r["verdict"] for r in data["results"]] == ["active", "active"]
    assert code == 0


def test_facebook_ignores_the_full_stops_in_a_username(register):
    code, data = answers(
        register, "https://www.facebook.com/Gemeente.Zeist", "facebook:g.emeentezeist"
    )
    assert [[a["account_id"] for a in r["accounts"]] for r in data["results"]] == [
        ["facebook:gemeentezeist"],
        ["facebook:gemeentezeist"],
    ]
    assert code == 0
    # Instagram does not: instagram.com/gemeente.zeist is someone else's.
    code, data = answers(register, "https://www.instagram.com/gemeente.zeist")
    assert data["results"][0]["verdict"] == "not_found" and code == 1


def test_a_platform_named_among_other_words_is_that_platform(tmp_path):
    # `X (voorheen Twitter)` in the Platform column made an unknown platform of that name.
    accounts = [
        compliant_account("gemeentezeist", platform="X (voorheen Twitter)", url=None),
        compliant_account("zeisttv", platform="Kanaal: YouTube", url=None),
    ]
    path = write_register(tmp_path / "register.xlsx", accounts, staff=None)
    code, data = answers(path, "https://twitter.com/GemeenteZeist", "youtube.com/@zeisttv")
    assert [r["verdict"] for r in data["results"]] == ["active", "active"]
    assert code == 0


def test_a_youtube_channel_id_is_said_as_written(tmp_path):
    # Folded to `ucabc…` and said as `@ucabc…`, an id read as a handle that names no channel.
    from auditor.register import load_register

    channel = "UCabcdefghijklmnopqrstuv"
    register = write_register(
        tmp_path / "register.xlsx",
        [
            compliant_account("x", platform="youtube", url=f"https://youtube.com/channel/{channel}")
            | {"handle": "Gemeente Zeist", "display_name": None}
        ],
    )
    result = verify(register, f"youtube.com/channel/{channel.casefold()}")
    assert result.exit_code == 0, result.output
    assert f"in gebruik: YouTube {channel} (Gemeente Zeist)\n" in result.output
    # The register's own message about the name beside the link names the channel so too.
    (said,) = [p for p in load_register(register).problems if p.message.key.endswith("handle")]
    assert said.message("nl") == (
        f'"Gemeente Zeist" is niet het account uit de URL ({channel}); de accountnaam uit de '
        "URL wordt gebruikt"
    )
