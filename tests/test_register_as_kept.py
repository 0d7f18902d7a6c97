"""Registers the way people really keep them: merged cells, URLs beside display names, platforms
the auditor has no name for, missing and misspelt columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from auditor.problems import InputError, Level
from auditor.register import load_register
from tests.helpers import compliant_account, write_register

HEADER = ["Platform", "Account", "URL", "Afdeling", "Beheerder", "Status"]


def _workbook(path: Path, header: list[str], rows: list[list[object]], merges=()) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Social media-register gemeente Zeist"])
    ws.merge_cells("A1:F1")  # a title over the whole width
    ws.append(header)
    for row in rows:
        ws.append(row)
    for span in merges:
        ws.merge_cells(span)
    wb.save(path)
    return path


def test_a_merged_department_belongs_to_every_row_it_covers(tmp_path: Path):
    path = _workbook(
        tmp_path / "register.xlsx",
        HEADER,
        [
            ["X", "@sportzeist", None, "Sport", "Anna de Vries", "actief"],
            ["Instagram", "sportzeist", None, None, "Anna de Vries", "actief"],
            ["Facebook", "sportzeist", None, None, "Piet Bakker", "actief"],
            ["X", "@cultuurzeist", None, "Cultuur", "Els Jansen", "actief"],
            # rows 7-8 are blank but for the merged Afdeling and Beheerder below
            [None, None, None, None, None, None],
            [None, None, None, None, None, None],
        ],
        merges=["D3:D5", "D6:D8", "E6:E8"],
    )
    register = load_register(path)
    departments = {a.account_id: a.department for a in register.accounts}
    assert departments == {
        "x:sportzeist": "Sport",
        "instagram:sportzeist": "Sport",
        "facebook:sportzeist": "Sport",
        "x:cultuurzeist": "Cultuur",
    }
    # Rows holding nothing but a merged value are blank rows: not read, not rejected.
    (entry,) = register.ledger
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (4, 4, 0)
    assert not [p for p in register.problems if p.level is Level.ERROR]


def test_merged_departments_give_no_false_department_findings(tmp_path: Path, audit_files):
    accounts = [compliant_account(h) for h in ("sportzeist", "sportjeugd", "sportsenior")]
    for account in accounts[1:]:
        account["department"] = None
    path = write_register(tmp_path / "register.xlsx", accounts)
    wb = load_workbook(path)
    ws = wb["Accounts"]
    column = next(c.column_letter for c in ws[1] if c.value == "Afdeling")
    ws.merge_cells(f"{column}2:{column}4")
    wb.save(path)
    result = audit_files(path)
    assert result.findings_for("OWN005") == []
    assert {a.department for a in load_register(path).accounts} == {"Sport"}


def test_the_profile_url_is_the_identity_and_a_display_name_in_the_handle_is_said(
    tmp_path: Path,
):
    path = _workbook(
        tmp_path / "register.xlsx",
        HEADER,
        [
            [
                "LinkedIn",
                "Innovation, Science and Economic Development Canada",
                "https://www.linkedin.com/company/isedcanada/",
                "Innovatie",
                "Anna de Vries",
                "actief",
            ],
            ["X", "Gemeente Zeist", None, "Communicatie", "Sanne Smit", "actief"],
            [
                "Facebook",
                "@zeist",
                "https://www.facebook.com/profile.php?id=100064",
                None,
                None,
                None,
            ],
        ],
    )
    register = load_register(path)
    linkedin, _x, facebook = register.accounts
    assert linkedin.account_id == "linkedin:isedcanada"
    assert linkedin.display_name == "Innovation, Science and Economic Development Canada"
    assert facebook.account_id == "facebook:100064"
    said = {(p.row, p.column): p for p in register.problems}
    assert "the URL's is used" in said[(3, "Account")].message("en")
    assert said[(3, "Account")].level is Level.WARNING
    assert "looks like a name" in said[(4, "Account")].message("en")
    assert "the URL's is used" in said[(5, "Account")].message("en")


def test_a_url_of_another_platform_decides_the_platform_and_a_website_is_no_profile(
    tmp_path: Path,
):
    path = _workbook(
        tmp_path / "register.xlsx",
        HEADER,
        [
            ["Facebook", None, "https://www.instagram.com/zeistjong/", "Jeugd", "Lotte Bos", None],
            ["X", "@gemeentezeist", "https://www.zeist.nl/nieuws", "Communicatie", "S", None],
        ],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [
        "instagram:zeistjong",
        "x:gemeentezeist",
    ]
    messages = [p.render("en") for p in register.problems]
    assert any("row 3 › Platform" in m and "taken as Instagram" in m for m in messages)
    assert any("row 4 › URL" in m and "is not a profile on x" in m for m in messages)


def test_accounts_on_unknown_platforms_are_kept_and_judged(tmp_path: Path, audit_files):
    path = write_register(
        tmp_path / "register.xlsx",
        [
            compliant_account("gemeentezeist", platform="Flickr", role=None),
            compliant_account("zeistfoto", platform="flickr"),
            compliant_account("zeist", platform="Pinterest"),
        ],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [
        "flickr:gemeentezeist",
        "flickr:zeistfoto",
        "pinterest:zeist",
    ]
    warnings = [p for p in register.problems if "not one the auditor knows" in p.message("en")]
    assert [w.message("en").split('"')[1] for w in warnings] == ["flickr", "pinterest"]
    assert "2 accounts (rows 2, 3) are kept" in warnings[0].message("en")
    result = audit_files(path)
    assert [f.account_id for f in result.findings_for("DOC002")] == ["flickr:gemeentezeist"]
    assert {f.subject for f in result.findings_for("REG001")} == {"flickr", "pinterest"}


def test_a_missing_column_is_named_once_with_its_consequence(tmp_path: Path):
    rows = [["x", f"@account{i}", None, "Sport", "Anna"] for i in range(50)]
    path = _workbook(tmp_path / "register.xlsx", HEADER[:5], rows)
    register = load_register(path)
    status = [
        p for p in register.problems if "Status" in p.render("en") or "actief" in p.render("en")
    ]
    assert len(status) == 1
    assert status[0].message("en") == (
        'no column "Status": every account is taken as active (actief)'
    )
    (role,) = [p for p in register.problems if '"Rol"' in p.message("en")]
    assert "DOC002 (role-documented) fails for every account" in role.message("en")
    assert role.row == 2 and role.sheet == "Accounts"
    assert len(register.problems) < 20  # once per column, never once per row


def test_near_miss_headers_get_a_suggestion(tmp_path: Path):
    path = _workbook(
        tmp_path / "register.xlsx",
        [*HEADER, "Rolle", "Emial beheerder", "Opmerkingen"],
        [["x", "@sportzeist", None, "Sport", "Anna", "actief", "initiator", "a@zeist.nl", ""]],
    )
    said = {p.message("en") for p in load_register(path).problems}
    assert 'column "Rolle" is not a register column; ignored (did you mean "Rol"?)' in said
    assert any('"Emial beheerder"' in m and 'did you mean "E-mail beheerder"' in m for m in said)
    assert 'column "Opmerkingen" is not a register column; ignored' in said


def test_leavers_are_caught_under_the_headers_people_use(tmp_path: Path, audit_files):
    path = write_register(
        tmp_path / "register.xlsx",
        [compliant_account("sportzeist")],
        staff=None,
    )
    wb = load_workbook(path)
    ws = wb.create_sheet("Medewerkers")
    ws.append(["Naam medewerker", "E-mailadres", "Afdeling", "Status", "Datum uit dienst"])
    ws.append(["Anna de Vries", "a.devries@zeist.nl", "Sport", "uit dienst", "01-05-2026"])
    ws.append(["Piet Bakker", "p.bakker@zeist.nl", "Sport", "in dienst", None])
    wb.save(path)
    register = load_register(path)
    assert [(p.name, p.active, p.left_on) for p in register.staff] == [
        ("Anna de Vries", False, dt.date(2026, 5, 1)),
        ("Piet Bakker", True, None),
    ]
    assert not [p for p in register.problems if "not a register column" in p.message("en")]
    (finding,) = audit_files(path).findings_for("OWN004")
    assert finding.subject == "owner"


def test_type_under_a_main_or_secondary_header(tmp_path: Path):
    path = _workbook(
        tmp_path / "register.xlsx",
        [*HEADER, "Hoofd- of nevenaccount"],
        [["x", "@gemeentezeist", None, "Communicatie", "Sanne", "actief", "hoofdaccount"]],
    )
    (account,) = load_register(path).accounts
    assert account.type == "main"


def test_the_accounts_sheet_is_found_by_its_header_behind_a_sheet_of_instructions(
    tmp_path: Path,
):
    wb = Workbook()
    wb.active.title = "Toelichting"
    wb.active.append(["Vul per account één regel in op het tweede tabblad."])
    ws = wb.create_sheet("Blad2")
    ws.append(["Naam", "Profiel"])  # no Platform column: the URL names the platform
    ws.append(["Gemeente Zeist", "https://x.com/gemeentezeist"])
    ws.append(["Zeist Jong", "https://www.instagram.com/zeistjong"])
    wb.save(tmp_path / "register.xlsx")
    register = load_register(tmp_path / "register.xlsx")
    assert [(a.account_id, a.display_name) for a in register.accounts] == [
        ("x:gemeentezeist", "Gemeente Zeist"),
        ("instagram:zeistjong", "Zeist Jong"),
    ]


def test_values_as_people_write_them(tmp_path: Path):
    path = _workbook(
        tmp_path / "register.xlsx",
        [*HEADER, "Type", "Posts per week", "Gestart", "E-mail beheerder", "Vervanger"],
        [
            ["x", "@a", None, "Sport", "Anna de Vries (A.deVries@zeist.nl)", "Gearchiveerd",
             "Corporate", "2 à 3", "1 maart 2024", None, "Piet Bakker <p.bakker@zeist.nl>"],
            ["x", "@b", None, "Sport", "Anna de Vries", "in ontwikkeling", "thema",
             "dagelijks", "12 okt. 2023", "a@zeist.nl; b@zeist.nl", "p.bakker@zeist.nl"],
            ["x", "@c", None, "Sport", "Anna", "actief", "neven", "veel", "2024", None, None],
        ],
    )  # fmt: skip
    register = load_register(path)
    a, b, c = register.accounts
    assert (a.status, a.type, a.expected_posts_per_week) == ("closed", "main", 2.5)
    assert a.started == dt.date(2024, 3, 1)
    assert (a.owner_name, a.owner_email) == ("Anna de Vries", "a.devries@zeist.nl")
    assert (a.substitute_name, a.substitute_email) == ("Piet Bakker", "p.bakker@zeist.nl")
    assert (b.status, b.type, b.expected_posts_per_week) == ("planned", "secondary", 7.0)
    assert b.started == dt.date(2023, 10, 12) and b.owner_email == "a@zeist.nl"
    assert b.substitute_name == "p.bakker@zeist.nl" == b.substitute_email
    # A year alone where a day is asked: its first day, said as a warning.
    assert c.expected_posts_per_week is None and c.started == dt.date(2024, 1, 1)
    said = [p.render("en") for p in register.problems]
    assert any("row 4 › E-mail beheerder" in m and "the first is used" in m for m in said)
    assert any(
        'row 5 › Posts per week: "veel" is not a number of posts per week' in m for m in said
    )
    assert any('row 5 › Gestart: "2024" read as 2024-01-01' in m for m in said)


def test_a_warning_on_many_rows_is_said_once_for_its_column(tmp_path: Path):
    """A register whose Account column holds display names beside profile URLs, like a large
    public register: one line for the column, not one per row."""
    rows = [
        [p, f"Afdeling {i} van Zeist", f"https://{host}/afdeling{i}", "Sport", "Anna", "actief"]
        for i, (p, host) in enumerate([("x", "x.com"), ("facebook", "www.facebook.com")] * 20)
    ]
    rows.append(["Flickr", "Zeist in beeld", "https://www.flickr.com/photos/zeistinbeeld/"] * 1)
    rows[-1] += ["Sport", "Anna", "actief"]
    register = load_register(_workbook(tmp_path / "register.xlsx", HEADER, rows))
    names = [p for p in register.problems if "holds names" in p.message("en")]
    assert len(names) == 1 and names[0].message("en").startswith("40 rows: the account column")
    assert names[0].row is None and names[0].column == "Account"
    assert "row 3:" in names[0].message("en")  # examples name their rows
    assert register.accounts[0].account_id == "x:afdeling0"
    assert register.accounts[0].display_name == "Afdeling 0 van Zeist"
    assert register.accounts[-1].account_id == "flickr:zeistinbeeld"


def test_a_sheet_the_register_does_not_have_is_named_with_a_hint(tmp_path: Path):
    path = write_register(tmp_path / "register.xlsx", [compliant_account("sportzeist")], staff=None)
    wb = load_workbook(path)
    wb.create_sheet("Personeelslijst").append(["Naam", "E-mail"])
    wb.create_sheet("Leeg")
    wb.save(path)
    register = load_register(path)
    assert register.staff is None
    (said,) = [p for p in register.problems if p.sheet in ("Personeelslijst", "Leeg")]
    assert said.sheet == "Personeelslijst" and said.level is Level.WARNING
    assert said.message("en").endswith('not read (a staff sheet? name it "Medewerkers")')


def test_an_unreadable_url_of_an_unknown_platform_or_mastodon_is_no_crash(tmp_path: Path):
    path = _workbook(
        tmp_path / "register.xlsx",
        HEADER,
        [
            ["Flickr", "zeistfoto", "https://flickr.com[/photos/zeistfoto", "Sport", "A", None],
            ["Mastodon", "zeist", "https://mastodon[.nl/@zeist", "Sport", "A", None],
        ],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == ["flickr:zeistfoto", "mastodon:zeist"]


def test_a_link_column_beside_the_platform_names_the_accounts(tmp_path: Path):
    """`Kanaal | Link | Naam`: no Account or URL column, but the Link column holds the
    profiles: a URL on a known host, a profile on a fediverse server, or an `@handle`."""
    path = _workbook(
        tmp_path / "register.xlsx",
        ["Kanaal", "Link", "Naam", "Afdeling"],
        [
            ["YouTube", "https://www.youtube.com/@GemeenteZeist", "Gemeente Zeist", "Comm"],
            ["Mastodon", "https://indieweb.social/@zeist", "Zeist op Mastodon", "Comm"],
            ["X", "@ZeistNieuws", "Zeist Nieuws", "Comm"],
            ["Facebook", "https://www.zeist.nl", "Zeist", "Comm"],
        ],
    )
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == [
        "youtube:gemeentezeist",
        "mastodon:zeist@indieweb.social",
        "x:zeistnieuws",
    ]
    # The website is no profile: that row is rejected with its reason, not dropped.
    (entry,) = register.ledger
    assert (entry.rows_read, entry.rows_used, entry.rows_rejected) == (4, 3, 1)


def test_headers_a_register_of_another_municipality_used(tmp_path: Path):
    # Seen on a register nobody here made: no header row was found at all (`Link / @naam` named
    # no column), and once it was, `Sector / afdeling` and `Naam op account` were skipped.
    header = ["Sector / afdeling", "Medium", "Link / @naam", "Naam op account", "Eigenaar (naam)"]
    path = _workbook(
        tmp_path / "register.xlsx",
        header,
        [
            ["Communicatie", "Facebook", "https://www.facebook.com/gemeentebunnik/", "Bunnik", "S"],
            [None, "Instagram", "@gemeentebunnik", "Gemeente Bunnik", "Sanne de Wit"],
            ["Sport", "TikTok", "https://www.tiktok.com/@bunniksport", "Bunnik Sport", "K"],
        ],
        merges=["A3:A4"],
    )
    register = load_register(path)
    got = {(a.platform, a.handle): (a.department, a.display_name) for a in register.accounts}
    assert got == {
        ("facebook", "gemeentebunnik"): ("Communicatie", "Bunnik"),
        ("instagram", "gemeentebunnik"): ("Communicatie", "Gemeente Bunnik"),
        ("tiktok", "bunniksport"): ("Sport", "Bunnik Sport"),
    }
    skipped = [p for p in register.problems if "hoort niet bij" in p.as_message()("nl")]
    assert skipped == []


def test_one_owner_written_three_ways_has_one_action_list(tmp_path: Path):
    from click.testing import CliRunner

    from auditor.cli import cli

    def account(handle: str, department: str, owner: str, email: str | None, **more):
        return compliant_account(
            handle, department=department, owner_name=owner, owner_email=email, **more
        )

    path = write_register(
        tmp_path / "register.xlsx",
        [
            # no two-factor: a finding on every account, so everyone has something to do
            account("sportzeist", "Sport", "Sanne de Wit", "s.dewit@zeist.nl", two_factor="nee"),
            account("sportjeugd", "Sport", "de Wit, Sanne", None, two_factor="nee"),
            account(
                "cultuurzeist", "Cultuur", "Wit, Sanne de", "S.deWit@zeist.nl", two_factor="nee"
            ),
            # `J. Jansen` may be Jan or Joop: neither's list gets his account.
            account("wijkzeist", "Wijken", "Jan Jansen", None, two_factor="nee"),
            account("wijkoost", "Wijken", "Joop Jansen", None, two_factor="nee"),
            account("wijkwest", "Wijken", "J. Jansen", None, two_factor="nee"),
        ],
    )
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        cli, ["run", "-i", str(path), "--period", "2026-Q3", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    owners = sorted(p.name for p in (out / "owners").glob("*.html"))
    assert owners == ["j-jansen.html", "jan-jansen.html", "joop-jansen.html", "sanne-de-wit.html"]
    sanne = (out / "owners" / "sanne-de-wit.html").read_text(encoding="utf-8")
    assert all(f"@{h}" in sanne for h in ("sportzeist", "sportjeugd", "cultuurzeist"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('href="owners/sanne-de-wit.html">Sanne de Wit</a></h3>') == 1
    assert "de Wit, Sanne</a>" not in index and "S. de Wit</a>" not in index
    # A department's page names her as the overview does, and links to the same list.
    culture = (out / "departments" / "cultuur.html").read_text(encoding="utf-8")
    assert 'owners/sanne-de-wit.html">Sanne de Wit</a>' in culture


_GIVEN = ["Sanne", "Jan", "Joop", "Anna", "Piet", "Fatima"]
_SURNAMES = [("de", "Wit"), ("", "Jansen"), ("van der", "Berg"), ("", "Bakker"), ("El", "Amrani")]


def _written(given: str, prefix: str, surname: str, way: int) -> tuple[str, str | None]:
    full = f"{prefix} {surname}".strip()
    address = f"{given[0]}.{(prefix + surname).replace(' ', '')}@zeist.nl".lower()
    return [
        (f"{given} {full}", None),
        (f"{surname}, {given} {prefix}".strip(), None),
        (f"{given[0]}. {full}", None),
        (address, address),
        (f"{given} {full}", address),
    ][way]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_GIVEN),
            st.sampled_from(_SURNAMES),
            st.lists(st.integers(0, 4), min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_people_written_many_ways_are_shown_one_way_and_never_two_as_one(people):
    from auditor.register.people import one_way_each

    mentions = [
        ((first, surname), way, _written(first, prefix, surname, way))
        for first, (prefix, surname), ways in people
        for way in ways
    ]
    shown = one_way_each(written for _, _, written in mentions)
    names: dict[tuple[str, str], set[str]] = {}
    for person, _, (name, _) in mentions:
        names.setdefault(person, set()).add(shown[name])
    # Two people are never one, unless they are written alike: `J. Jansen` is Jan and Joop.
    for (first, surname), own in names.items():
        for (other, their_surname), theirs in names.items():
            if (surname, first[0]) != (their_surname, other[0]):
                assert not own & theirs, (first, other, surname, shown)
    # A person written with their first name, in any order, is shown one way; so is an
    # address alone, when a row gives it with that name.
    for person in names:
        ways = {way: shown[name] for who, way, (name, _) in mentions if who == person}
        assert len({ways[w] for w in (0, 1, 4) if w in ways}) <= 1, (person, shown)
        alike = {(f, s) for f, s in names if s == person[1] and f[0] == person[0][0]}
        if 3 in ways and 4 in ways and alike == {person}:
            assert ways[3] == ways[4], (person, shown)


def test_two_people_with_one_team_address_stay_two():
    from auditor.register.people import one_way_each

    shown = one_way_each(
        [
            ("Anna Bakker", "sport@zeist.nl"),
            ("Piet Smit", "sport@zeist.nl"),
            ("sport@zeist.nl", "sport@zeist.nl"),  # whose? either: shown as written
            ("Sanne de Wit", "s.dewit@zeist.nl"),
            ("s.dewit@zeist.nl", None),  # hers: no one else gives this address
        ]
    )
    assert shown == {
        "Anna Bakker": "Anna Bakker",
        "Piet Smit": "Piet Smit",
        "sport@zeist.nl": "sport@zeist.nl",
        "Sanne de Wit": "Sanne de Wit",
        "s.dewit@zeist.nl": "Sanne de Wit",
    }


def test_an_address_alone_that_spells_a_written_name_is_that_person():
    from auditor.register.people import one_way_each

    shown = one_way_each(
        [
            ("Anna de Vries", None),
            ("anna.devries@westerburg.nl", None),  # no row gives it beside her name
            ("Bram Jansen", None),
            ("b.jansen@westerburg.nl", None),  # an initial: Bram, or Bert
            ("Carla Smit", None),
            ("Cora Smit", None),
            ("carla.smit@westerburg.nl", None),
            ("dirk.bos@westerburg.nl", None),  # nobody of that name is written
        ]
    )
    assert shown["anna.devries@westerburg.nl"] == "Anna de Vries"
    assert shown["carla.smit@westerburg.nl"] == "Carla Smit"
    assert shown["Cora Smit"] == "Cora Smit"
    assert shown["b.jansen@westerburg.nl"] == "b.jansen@westerburg.nl"
    assert shown["dirk.bos@westerburg.nl"] == "dirk.bos@westerburg.nl"


def test_a_remark_that_the_account_was_closed_is_said_where_it_stands(tmp_path: Path):
    # `Opmerkingen` is no register column: a remark there that the account was closed left it
    # in use, silently, and the audit judged a closed account.
    path = _workbook(
        tmp_path / "register.xlsx",
        [*HEADER, "Opmerkingen"],
        [
            ["X", "@sportzeist", None, "Sport", "Anna de Vries", None, "opgeheven per 1-3-2025"],
            ["X", "@cultuurzeist", None, "Cultuur", "Els Jansen", None, "Gestopt."],
            ["X", "@wijkzeist", None, "Wijken", "Els Jansen", "actief", "inactief sinds maart"],
            ["X", "@jeugdzeist", None, "Jeugd", "Piet Bakker", "gesloten", "opgeheven"],
            ["X", "@parkzeist", None, "Wijken", "Piet Bakker", "actief", "wordt opgeheven"],
            ["X", "@ommezeist", None, "Wijken", "Piet Bakker", "actief", "niet opgeheven"],
            ["X", "@markt", None, "Wijken", "Piet Bakker", "actief", "account verwijderd"],
            ["X", "@kunst", None, "Cultuur", "Piet Bakker", "actief", "gestart in 2020"],
        ],
    )
    register = load_register(path)
    said = [
        (p.file, p.sheet, p.row, p.column, p.message("nl"))
        for p in register.problems
        if p.message.key == "register.closed_in_remark"
    ]
    how = (
        "maar deze kolom leest de auditor niet: het account telt als in gebruik. Is het "
        'gesloten, zet dan "gesloten" in de kolom Status en de datum in Gesloten per'
    )
    assert said == [
        (
            "register.xlsx",
            "Accounts",
            3,
            "Opmerkingen",
            f'"opgeheven per 1-3-2025" zegt dat het account is opgeheven, {how}',
        ),
        (
            "register.xlsx",
            "Accounts",
            4,
            "Opmerkingen",
            f'"Gestopt." zegt dat het account is opgeheven, {how}',
        ),
        (
            "register.xlsx",
            "Accounts",
            5,
            "Opmerkingen",
            f'"inactief sinds maart" zegt dat het account is opgeheven, {how}',
        ),
        (
            "register.xlsx",
            "Accounts",
            9,
            "Opmerkingen",
            f'"account verwijderd" zegt dat het account is opgeheven, {how}',
        ),
    ]
    assert all(p.level == Level.WARNING for p in register.problems if p.row in (3, 4, 5, 9))
    # Not guessed: the accounts stay as the read columns have them.
    statuses = {a.handle: a.status.value for a in register.accounts}
    assert statuses["sportzeist"] == "active" and statuses["jeugdzeist"] == "closed"


def test_a_remark_that_the_account_is_the_main_one_is_said_without_a_type_column(
    tmp_path: Path,
):
    # Without a Type column every account is secondary; `hoofdaccount` in a remark then says
    # otherwise, and the audit would report the platform as having no main account, silently.
    rows = [
        ["X", "@gemeentezeist", None, "Communicatie", "Anna de Vries", "actief", "Hoofdaccount"],
        ["X", "@sportzeist", None, "Sport", "Els Jansen", "actief", "deelt van het hoofdaccount"],
        ["X", "@wijkzeist", None, "Wijken", "Els Jansen", "actief", "geen hoofdaccount"],
        ["X", "@cultuur", None, "Cultuur", "Els Jansen", "actief", "algemene vragen"],
        ["Instagram", "@zeist", None, "Communicatie", "Anna de Vries", "actief", "main account"],
    ]
    path = _workbook(tmp_path / "register.xlsx", [*HEADER, "Opmerkingen"], rows)
    said = [
        (p.row, p.column, p.message("nl"))
        for p in load_register(path).problems
        if p.message.key == "register.main_in_remark"
    ]
    how = (
        "maar deze kolom leest de auditor niet: het account telt als nevenaccount. Is het een "
        'hoofdaccount, zet dan "hoofdaccount" in een kolom Type'
    )
    assert said == [
        (3, "Opmerkingen", f'"Hoofdaccount" zegt dat dit een hoofdaccount is, {how}'),
        (7, "Opmerkingen", f'"main account" zegt dat dit een hoofdaccount is, {how}'),
    ]
    # With a Type column the register has said: a remark is not read against it.
    typed = [[*row[:6], "neven", row[6]] for row in rows]
    path = _workbook(tmp_path / "typed.xlsx", [*HEADER, "Type", "Opmerkingen"], typed)
    keys = [p.message.key for p in load_register(path).problems]
    assert "register.main_in_remark" not in keys


def test_a_column_of_profile_addresses_under_an_unknown_header_is_the_url(tmp_path: Path):
    # A list exported from an intranet: the account's address is under `Accountadres`, a
    # header no list names. The register was refused whole ("no header found").
    wb = Workbook()
    ws = wb.active
    ws.title = "query"
    ws.append(["Titel", "Platform", "Accountadres", "Eigenaar", "Afdeling", "Bezoekadres", "Pad"])
    ws.append(
        ["Gemeente Rivierstad", "Facebook", "https://www.facebook.com/GemeenteRivierstad",
         "Ingrid Bakker", "Communicatie", "Markt 1", "sites/comm/Lists/SocialMedia"]
    )  # fmt: skip
    ws.append(
        ["Rivierstad Werkt", "LinkedIn", "linkedin.com/company/rivierstad-werkt", "Sanne Post",
         "Werk", "Markt 1", "sites/comm/Lists/SocialMedia"]
    )  # fmt: skip
    ws.append(["Rivierstad Veilig", "X", "nog aan te maken", "Anouk Vos", "Veiligheid", None])
    path = tmp_path / "SocialMedia.xlsx"
    wb.save(path)
    register = load_register(path)
    assert [(a.account_id, a.display_name) for a in register.accounts] == [
        ("facebook:gemeenterivierstad", "Gemeente Rivierstad"),
        ("linkedin:rivierstad-werkt", "Rivierstad Werkt"),
    ]
    said = [
        (p.row, p.column, p.message("nl")) for p in register.problems if p.level.value == "error"
    ]
    # The row without an address is refused with its reason, by its row and the column.
    assert [(row, column) for row, column, _ in said] == [(4, "Accountadres")]
    skipped = [p.message("nl") for p in register.problems]
    assert any('kolom "Bezoekadres" hoort niet bij het register' in s for s in skipped)
    assert not any('kolom "Accountadres"' in s for s in skipped)


def test_a_column_of_mostly_other_text_is_not_taken_for_the_url(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Platform", "Waar", "Eigenaar"])
    ws.append(["Facebook", "facebook.com/zeist", "Ingrid Bakker"])
    ws.append(["X", "op de site", "Sanne Post"])
    ws.append(["Instagram", "bij team Wijken", "Anouk Vos"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as caught:
        load_register(path)
    assert "geen kopregel gevonden" in caught.value.render("nl")


def test_a_digit_that_is_no_number_is_no_date(tmp_path: Path):
    # Found by the generated registers: `²` is a digit to Python and no number to int(); a
    # date cell holding it stopped the run with an internal error.
    from tests.helpers import write_rows

    path = write_rows(
        tmp_path / "register.xlsx",
        [["X", "@zeist", "Anna de Vries", "²", "²"]],
        ["Platform", "Account", "Eigenaar", "Handreiking gelezen", "Gestart"],
    )
    register = load_register(path)
    said = [(p.column, p.level) for p in register.problems if p.row == 2]
    assert ("Handreiking gelezen", Level.ERROR) in said and ("Gestart", Level.ERROR) in said
    assert [a.account_id for a in register.accounts] == ["x:zeist"]


def test_afd_is_the_department_and_vervallen_a_closed_account(tmp_path: Path):
    """`Afd.` is how a narrow column heads the department; `VERVALLEN` how a register says an
    account is no longer in use (a water board's and a municipality's lists)."""
    path = _workbook(
        tmp_path / "register.xlsx",
        ["Afd.", "Soort kanaal", "Accountnaam / URL", "Eigenaar (naam)", "Status"],
        [
            ["Communicatie", "X", "@VechtvlietNL", "Inge Bos", "actief"],
            [
                "Buitenruimte",
                "Facebook",
                "facebook.com/afvalvechtvliet",
                "Jan Pieters",
                "VERVALLEN",
            ],
        ],
    )
    register = load_register(path)
    assert [a.department for a in register.accounts] == ["Communicatie", "Buitenruimte"]
    assert [a.status.value for a in register.accounts] == ["active", "closed"]
    # A handle in the column of links is shown as written there, as in a column of handles.
    assert register.accounts[0].handle_as_written == "VechtvlietNL"
    assert not [p for p in register.problems if p.level == Level.ERROR]
    said = " ".join(p.message("nl") for p in register.problems)
    assert "Afd." not in said
