"""`auditor publish` on real register workbooks: every official account, no person."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.cli import cli
from auditor.publish import SCHEMA_FILE, schema_text, shipped_schema
from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, compliant_account, main_account
from tests.test_checks_security import GIVEN, SURNAMES, _forms

MAIN = main_account("x", "gemeentezeist", url="https://x.com/GemeenteZeist")
SPORT = compliant_account(
    "sportzeist",
    platform="instagram",
    url="https://www.instagram.com/sportzeist/",
    display_name="Sport in Zeist",
    goal="informeren, dialoog",
)
MASTODON = compliant_account(
    "zeist@social.example.nl", platform="Mastodon", display_name="Zeist op Mastodon"
)
OLD = compliant_account(
    "zeistnieuws",
    display_name="Zeist Nieuws",
    status="gesloten",
    closed=dt.date(2026, 3, 31),
)
PLANNED = compliant_account(
    "duurzaamzeist", platform="tiktok", display_name="Duurzaam Zeist", status="gepland"
)
# A register whose name column holds the owner's name: the owner must not be published.
NAMED_AFTER_OWNER = compliant_account(
    "wijkzeist", platform="facebook", display_name="Anna de Vries", department="Ruimte"
)
ACCOUNTS = [MAIN, SPORT, MASTODON, OLD, PLANNED, NAMED_AFTER_OWNER]

# Every person the register names, by name and by address.
PEOPLE = sorted(
    {
        value
        for account in ACCOUNTS
        for column in ("owner_name", "owner_email", "substitute_name", "substitute_email")
        if (value := account.get(column))
    }
    | {p["name"] for p in DEFAULT_STAFF}
    | {p["email"] for p in DEFAULT_STAFF}
    | {d["manager_name"] for d in DEFAULT_DEPARTMENTS}
)


def publish(*args: str):
    return CliRunner().invoke(cli, ["publish", *map(str, args)])


def _stderr(result) -> str:
    # Click 8.2 keeps stderr apart; 8.1, which we still support, mixes it into the output.
    try:
        return result.stderr
    except ValueError:
        return result.output


@pytest.fixture
def published(make_register, tmp_path) -> Path:
    out = tmp_path / "openbaar"
    result = publish("--inventory", make_register(ACCOUNTS), "--out", out)
    assert result.exit_code == 0, result.output
    return out


def _files(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


def test_the_folder_holds_the_page_the_open_data_and_its_schema(published: Path):
    assert sorted(p.name for p in published.iterdir()) == [
        "accounts.csv",
        "accounts.json",
        "index.html",
        SCHEMA_FILE,
    ]


def test_no_person_appears_in_any_published_file(published: Path):
    files = _files(published)
    assert PEOPLE, "the test must look for someone"
    for name, content in files.items():
        folded = content.casefold()
        for person in PEOPLE:
            assert person.casefold() not in folded, f"{person} in {name}"
        assert "@zeist.nl" not in folded, name


def test_every_active_account_is_listed_and_the_closed_one_apart(published: Path):
    data = json.loads((published / "accounts.json").read_text(encoding="utf-8"))
    by_status: dict[str, list[str]] = {}
    for account in data["accounts"]:
        by_status.setdefault(account["status"], []).append(
            f"{account['platform']}:{account['handle']}"
        )
    assert sorted(by_status["active"]) == [
        "facebook:wijkzeist",
        "instagram:sportzeist",
        "mastodon:zeist@social.example.nl",
        "x:gemeentezeist",
    ]
    assert by_status["closed"] == ["x:zeistnieuws"]
    assert "planned" not in by_status  # it does not exist yet
    sport = next(a for a in data["accounts"] if a["handle"] == "sportzeist")
    assert sport == {
        "status": "active",
        "platform": "instagram",
        "platform_name": "Instagram",
        "handle": "sportzeist",
        "url": "https://www.instagram.com/sportzeist/",
        "name": "Sport in Zeist",
        "department": "Sport",
        "main_account": False,
        "goals": ["informeren", "dialoog"],
        "closed_on": None,
    }
    closed = next(a for a in data["accounts"] if a["status"] == "closed")
    assert closed["closed_on"] == "2026-03-31"
    named = next(a for a in data["accounts"] if a["handle"] == "wijkzeist")
    assert named["name"] is None  # the owner's name is not the account's name


def test_links_are_the_registers_or_the_platforms_usual_address(published: Path):
    data = json.loads((published / "accounts.json").read_text(encoding="utf-8"))
    links = {a["handle"]: a["url"] for a in data["accounts"]}
    assert links["gemeentezeist"] == "https://x.com/GemeenteZeist"
    assert links["zeist@social.example.nl"] == "https://social.example.nl/@zeist"
    assert links["wijkzeist"] == "https://www.facebook.com/wijkzeist"


def test_the_json_follows_the_shipped_schema(published: Path):
    schema = json.loads(shipped_schema())
    assert json.loads(schema_text()) == schema, (
        "run: python -c 'from auditor.publish import schema_text; print(schema_text(), end=\"\")'"
        " > auditor/public-accounts.schema.json"
    )
    assert json.loads((published / SCHEMA_FILE).read_text(encoding="utf-8")) == schema
    data = json.loads((published / "accounts.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    data["accounts"][0]["owner_name"] = "Anna de Vries"
    with pytest.raises(jsonschema.ValidationError):  # no room for a person
        jsonschema.Draft202012Validator(schema).validate(data)


def test_the_csv_has_the_documented_columns_and_the_same_accounts(published: Path):
    text = (published / "accounts.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "status",
        "platform",
        "platform_name",
        "handle",
        "url",
        "name",
        "department",
        "main_account",
        "goals",
        "closed_on",
    ]
    data = json.loads((published / "accounts.json").read_text(encoding="utf-8"))
    assert [r["handle"] for r in rows] == [a["handle"] for a in data["accounts"]]
    sport = next(r for r in rows if r["handle"] == "sportzeist")
    assert sport["goals"] == "informeren; dialoog"
    assert sport["main_account"] == "false"


def test_the_page_lists_active_and_closed_accounts_in_separate_tables(published: Path):
    html = (published / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    active, closed = html.split('id="closed-title"')
    for handle in ("@gemeentezeist", "@sportzeist", "@zeist@social.example.nl", "wijkzeist"):
        assert handle in active
    assert "@zeistnieuws" not in active and "@zeistnieuws" in closed
    assert "Niet meer in gebruik" in closed
    assert "duurzaamzeist" not in html
    assert "<caption>" in active and 'scope="col"' in active and 'scope="row"' in active
    assert "<script" not in html


def test_english_page_with_lang_en(make_register, tmp_path):
    out = tmp_path / "public"
    result = publish("-i", make_register(ACCOUNTS), "--out", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "No longer in use" in html and "Accounts in use" in html
    assert "Public list: 4 official accounts in use, 1 no longer in use" in result.output


def test_an_existing_folder_is_kept_without_force(make_register, tmp_path):
    out = tmp_path / "openbaar"
    out.mkdir()
    (out / "old.txt").write_text("keep me", encoding="utf-8")
    register = make_register(ACCOUNTS)
    refused = publish("-i", register, "--out", out)
    assert refused.exit_code == 2
    assert "--force" in refused.output
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    forced = publish("-i", register, "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert not (out / "old.txt").exists() and (out / "index.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".openbaar")]


def test_register_problems_are_named_with_their_place_and_the_rest_is_published(
    make_register, tmp_path
):
    broken = compliant_account("kapot", platform="Postduif", url=None)
    broken["platform"] = None
    broken["handle"] = "@kapot"
    out = tmp_path / "openbaar"
    result = publish("-i", make_register([MAIN, broken]), "--out", out)
    assert result.exit_code == 0, result.output
    assert "register.xlsx" in result.output and "rij 3" in result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert [a["handle"] for a in data["accounts"]] == ["gemeentezeist"]


def test_a_csv_register_with_title_rows_is_read_as_for_run(tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(
        "Social media-accounts Gemeente Zeist\n"
        "\n"
        "Kanaal;Link naar account;Naam;Afdeling;Status;Beheerder\n"
        "Twitter;https://twitter.com/GemeenteZeist;Gemeente Zeist;Communicatie;actief;Sanne Smit\n"
        "Facebook;https://fb.com/oudzeist;Oud Zeist;Communicatie;opgeheven;Joost Mulder\n",
        encoding="utf-8",
    )
    out = tmp_path / "openbaar"
    result = publish("-i", register, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert [(a["status"], a["platform"], a["handle"]) for a in data["accounts"]] == [
        ("active", "x", "gemeentezeist"),
        ("closed", "facebook", "oudzeist"),
    ]
    assert "Sanne Smit" not in (out / "index.html").read_text(encoding="utf-8")
    # Columns only the audit's checks need are not missed here; one the list needs is.
    assert "DOC004" not in result.output and "Training" not in result.output
    assert '"Type"' in result.output


def test_a_cell_that_looks_like_a_formula_stays_text_in_the_csv(make_register, tmp_path):
    sneaky = compliant_account("sneaky", display_name='=HYPERLINK("http://evil")')
    out = tmp_path / "openbaar"
    assert publish("-i", make_register([MAIN, sneaky]), "--out", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((out / "accounts.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["handle"] == "sneaky")["name"].startswith("'=")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "&#34;http://evil&#34;" in html or "&quot;http://evil&quot;" in html


def test_every_word_the_page_asks_for_exists_in_both_languages():
    import re

    from auditor.messages import has

    template = Path(__file__).resolve().parents[1] / "reports" / "templates" / "public.html"
    used = set(re.findall(r"""\bpage\(\s*["']([a-z0-9_.]+)["']""", template.read_text("utf-8")))
    assert len(used) > 10, "the pattern no longer finds the page's words"
    for lang in ("nl", "en"):
        assert sorted(k for k in used if not has(f"publish.page.{k}", lang)) == []


def test_a_published_link_always_leads_back_to_the_account(make_register, tmp_path):
    # Found by the generative tests: a URL cell holding the municipality's site, or a handle
    # no address can hold, gave a link that was no profile of the account.
    site = compliant_account("zeistsport", url="https://www.zeist.nl/sport")
    odd = compliant_account("zeist(sport)", platform="instagram", url=None)
    out = tmp_path / "openbaar"
    result = publish("-i", make_register([MAIN, site, odd]), "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    links = {a["handle"]: a["url"] for a in data["accounts"]}
    assert links["zeistsport"] == "https://x.com/zeistsport"
    assert links["zeistsport"] != "https://www.zeist.nl/sport"
    assert links["zeist(sport)"] is None


def test_hostile_text_in_the_register_stays_text_on_the_page(make_register, tmp_path):
    hostile = compliant_account(
        "hostile",
        display_name="<script>alert(1)</script>",
        department='"><img src=x onerror=alert(1)>',
        url="javascript:alert(1)",
    )
    out = tmp_path / "openbaar"
    assert publish("-i", make_register([MAIN, hostile]), "--out", out).exit_code == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html


def test_a_display_name_that_names_anyone_the_register_names_is_left_out(make_register, tmp_path):
    # Seen on hand-kept registers: the "Naam" column held a colleague or the owner's first
    # name, and only the account's own owner and substitute were left out.
    accounts = [
        MAIN,
        compliant_account("collega", display_name="Sanne Smit"),  # staff, not this owner
        compliant_account("lijst", display_name="joost  mulder", administrators="Joost Mulder"),
        compliant_account("voornaam", display_name="Anna"),  # the owner's first name
        compliant_account("manager", display_name="Mirjam de Wit"),  # a department's manager
        compliant_account("sport", display_name="Sport Zeist"),
    ]
    out = tmp_path / "openbaar"
    assert publish("-i", make_register(accounts), "--out", out).exit_code == 0
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    names = {a["handle"]: a["name"] for a in data["accounts"]}
    assert [names[h] for h in ("collega", "lijst", "voornaam", "manager")] == [None] * 4
    assert names["sport"] == "Sport Zeist"
    for text in _files(out).values():
        for person in ("sanne smit", "joost mulder", "mirjam de wit"):
            assert person not in " ".join(text.casefold().split())


def test_a_person_written_any_way_or_contact_details_are_never_published(make_register, tmp_path):
    # A Dutch register writes people surname first, by initial, in an address; a name column
    # may hold a telephone number or an address. None of it may reach a public file.
    staff = [*DEFAULT_STAFF, {"name": "Mulder, Joost", "email": "j.mulder@zeist.nl"}]
    accounts = [
        MAIN,
        compliant_account("omgekeerd", display_name="Smit, Sanne"),
        compliant_account("initiaal", display_name="S. Smit"),
        compliant_account("tussenvoegsel", display_name="Vries, Anna de"),
        compliant_account("functie", display_name="Wethouder Piet Bakker"),
        compliant_account(
            "lijst", display_name="Karin Kok", administrators="Kok, Karin; Visser, Henk"
        ),
        compliant_account("adres", display_name="Henk", administrators="h.visser@zeist.nl"),
        compliant_account("staf", display_name="J. Mulder"),
        compliant_account("telefoon", display_name="Sport Zeist (06-12345678)"),
        compliant_account("mail", display_name="Sport Zeist, mail sport@zeist.nl"),
        compliant_account("vast", display_name="Jeugd", department="Jeugd, tel. 030 123 45 67"),
        compliant_account("afdeling", display_name="Wijk Oost", department="Bakker, Piet"),
        compliant_account("gewoon", display_name="Sport in Zeist", department="Sport"),
        compliant_account("wijkagent", display_name="Wijkagent Anna"),  # the owner's first name
        compliant_account("blog", display_name="Anna's sportblog"),
        # A "Naam" column beside "E-mail" is the contact person: known only by the address.
        compliant_account(
            "contact", display_name="Karel Appel", owner_name=None, owner_email="kappel@zeist.nl"
        ),
    ]
    out = tmp_path / "openbaar"
    result = publish("-i", make_register(accounts, staff=staff), "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    by_handle = {a["handle"]: a for a in data["accounts"]}
    hidden = ["omgekeerd", "initiaal", "tussenvoegsel", "functie", "lijst", "adres", "staf"]
    hidden += ["telefoon", "mail", "contact", "wijkagent", "blog"]
    assert {h: by_handle[h]["name"] for h in hidden} == dict.fromkeys(hidden)
    assert by_handle["vast"]["department"] is None
    assert by_handle["afdeling"]["department"] is None
    assert (by_handle["gewoon"]["name"], by_handle["gewoon"]["department"]) == (
        "Sport in Zeist",
        "Sport",
    )
    assert by_handle["vast"]["name"] == "Jeugd"
    for text in _files(out).values():
        folded = " ".join(text.casefold().split())
        traces = (
            "smit",
            "bakker",
            "karin",
            "kok",
            "visser",
            "mulder",
            "appel",
            "06-1234",
            "030 123",
        )
        for trace in traces:
            assert trace not in folded, trace
        assert "@zeist.nl" not in folded


def test_verify_never_says_a_person_written_surname_first(make_register):
    accounts = [MAIN, compliant_account("omgekeerd", display_name="Smit, Sanne")]
    register = make_register(accounts)
    for fmt in ("text", "json"):
        said = CliRunner().invoke(
            cli, ["verify", "-i", str(register), "--format", fmt, "@omgekeerd"]
        )
        assert said.exit_code == 0, said.output
        assert "smit" not in said.output.casefold()


def test_statuses_as_registers_write_them(make_register, tmp_path):
    # Seen on hand-kept registers: "Niet in gebruik", "Gesloten per 1-3-2024" or a typo were
    # no status at all, so the account was taken as in use and published as official.
    statuses = {
        "actief1": ("Actief", "active"),
        "actief2": ("actief ", "active"),
        "actief3": ("In gebruik", "active"),
        "actief4": ("Actief (sinds 2019)", "active"),
        "actief5": ("Actef", "active"),
        "dicht1": ("Opgeheven", "closed"),
        "dicht2": ("gesloten", "closed"),
        "dicht3": ("inactief", "closed"),
        "dicht4": ("Niet in gebruik", "closed"),
        "dicht5": ("Gesloten per 1-3-2024", "closed"),
        "dicht6": ("niet meer actief", "closed"),
        "dicht7": ("Gelsoten", "closed"),
        "plan1": ("Gepland", None),
        "plan2": ("nog niet actief", None),
        "leeg": (None, "active"),
    }
    accounts = [MAIN] + [
        compliant_account(handle, display_name=f"Zeist {handle}", status=status)
        for handle, (status, _) in statuses.items()
    ]
    out = tmp_path / "openbaar"
    result = publish("-i", make_register(accounts), "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    published = {a["handle"]: a["status"] for a in data["accounts"]}
    assert {h: published.get(h) for h in statuses} == {h: s for h, (_, s) in statuses.items()}
    said = _stderr(result)
    closed_on = {a["handle"]: a["closed_on"] for a in data["accounts"]}
    assert closed_on["dicht5"] == "2024-03-01"  # `Gesloten per 1-3-2024`
    assert 'status "Actef" gelezen als actief' in said
    assert 'status "Gelsoten" gelezen als gesloten' in said
    assert "Niet in gebruik" not in said  # read, not guessed


def test_a_status_that_is_no_status_is_reported_and_taken_as_active(make_register, tmp_path):
    accounts = [MAIN, compliant_account("slaap", display_name="Zeist slaapt", status="Zie mail")]
    out = tmp_path / "openbaar"
    result = publish("-i", make_register(accounts), "--out", out)
    assert result.exit_code == 0, result.output
    assert '"Zie mail" is geen status' in _stderr(result)
    assert "als actief gezien" in _stderr(result)


def test_a_url_whose_port_is_no_number_publishes_the_usual_address(make_register, tmp_path):
    # Found by typing registers by hand: `x.com:abc` stopped publish with a traceback.
    accounts = [MAIN, compliant_account("poort", url="https://x.com:abc/poort")]
    out = tmp_path / "openbaar"
    result = publish("-i", make_register(accounts), "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert {a["handle"]: a["url"] for a in data["accounts"]}["poort"] == "https://x.com/poort"


def _workbook(path: Path, sheets: dict[str, list[list]], merge: dict[str, list[str]] = {}):  # noqa: B006
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for span in merge.get(title, []):
            sheet.merge_cells(span)
    workbook.save(path)
    return path


HEADER = ["Kanaal", "Accountnaam", "Link", "Afdeling", "Status"]


def test_a_heading_row_gives_the_accounts_below_it_their_status(tmp_path):
    # Seen on hand-kept registers: the closed accounts under a heading "Opgeheven accounts",
    # without a status of their own, were published as official accounts in use.
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Blad1": [
                ["Social media-accounts gemeente Zeist"],
                HEADER,
                ["Actieve accounts"],
                ["Facebook", "gemeentezeist", None, "Communicatie", None],
                ["Twitter", "@GemeenteZeist", None, "Communicatie", None],
                [None],
                ["Opgeheven accounts"],
                ["Twitter", "@ZeistOud", None, "Communicatie", None],
                ["Instagram", "zeistjong", None, "Jeugd", "Actief"],  # its own status wins
                ["Niet meer in gebruik"],
                ["Facebook", "zeistcultuur", None, "Cultuur", None],
            ]
        },
        merge={"Blad1": ["A1:E1", "A7:E7"]},
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert sorted((a["status"], a["platform"], a["handle"]) for a in data["accounts"]) == [
        ("active", "facebook", "gemeentezeist"),
        ("active", "instagram", "zeistjong"),
        ("active", "x", "gemeentezeist"),
        ("closed", "facebook", "zeistcultuur"),
        ("closed", "x", "zeistoud"),
    ]
    assert 'rij 7 › kopregel "Opgeheven accounts"' in _stderr(result)
    assert "fout" not in _stderr(result)


def test_a_tab_per_platform_is_read_whole(tmp_path):
    # Seen on hand-kept registers: a tab per platform, no Accounts sheet; only the first tab
    # was read and the others were named as no register sheet.
    tab = ["Account", "Link", "Afdeling", "Status"]
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Toelichting": [["Dit register houdt Communicatie bij."]],
            "Facebook": [tab, ["gemeentezeist", None, "Communicatie", "actief"]],
            "Instagram": [
                tab,
                ["gemeentezeist", "https://www.instagram.com/gemeentezeist/", "Communicatie", "ja"],
                ["zeistoud", None, "Communicatie", "gesloten"],
            ],
            "X (Twitter)": [
                tab,
                ["@GemeenteZeist", None, "Communicatie", "actief"],
                ["@GemeenteZeist", None, "Communicatie", "actief"],  # typed twice
            ],
            "LinkedIn-pagina's": [tab, ["gemeente-zeist", None, "Communicatie", "actief"]],
            # Figures per account are no list of accounts.
            "Twitter statistieken": [["Account", "Volgers"], ["@ZeistCijfers", 1200]],
        },
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert sorted((a["status"], a["platform"], a["handle"]) for a in data["accounts"]) == [
        ("active", "facebook", "gemeentezeist"),
        ("active", "instagram", "gemeentezeist"),
        ("active", "linkedin", "gemeente-zeist"),
        ("active", "x", "gemeentezeist"),
        ("closed", "instagram", "zeistoud"),
    ]
    assert "X (Twitter) › rij 3" in _stderr(result)  # the duplicate, named
    assert "Twitter statistieken › geen blad van het register" in _stderr(result)


def test_force_never_replaces_the_registers_folder_a_file_or_a_tree(tmp_path, monkeypatch):
    # `--out . --force` in the folder holding the register replaced that folder, register and
    # all; `--out register.xlsx --force` made a folder of the register.
    from tests.helpers import write_register

    work = tmp_path / "werk"
    work.mkdir()
    register = write_register(work / "register.xlsx", ACCOUNTS)
    (work / "notities.txt").write_text("mijn notities", encoding="utf-8")
    (tmp_path / "boom" / "sub").mkdir(parents=True)
    monkeypatch.chdir(work)
    for out in (".", str(work), "register.xlsx", str(tmp_path), str(tmp_path / "boom")):
        refused = publish("-i", "register.xlsx", "--out", out, "--force")
        assert refused.exit_code == 2, (out, refused.output)
        assert "Traceback" not in refused.output
    assert register.is_file() and (work / "notities.txt").is_file()
    assert (tmp_path / "boom" / "sub").is_dir()
    assert publish("-i", "register.xlsx", "--out", "openbaar").exit_code == 0
    assert publish("-i", "register.xlsx", "--out", "openbaar", "--force").exit_code == 0


@given(st.data())
@settings(max_examples=200, deadline=None)
def test_a_display_name_naming_the_owner_in_any_form_is_never_published(data):
    from auditor.models import Account
    from auditor.publish import public_name

    given_name = data.draw(st.sampled_from(GIVEN))
    prefix, surname = data.draw(st.sampled_from(SURNAMES))
    forms = _forms(given_name, prefix, surname)
    shown = data.draw(st.sampled_from(sorted(set(forms.values()) - {forms["address"]})))
    decoration = data.draw(st.sampled_from(["{}", "Wethouder {}", "{} (Sport)", "Team {}"]))
    where = data.draw(st.sampled_from(["owner", "administrators"]))
    person = {"owner_name": forms["full"], "owner_email": forms["address"]}
    if where == "administrators":
        person = {"administrators": data.draw(st.sampled_from(list(forms.values())))}
    account = Account(
        source_row=2,
        account_id="x:zeist",
        platform="x",
        handle="zeist",
        display_name=decoration.format(shown),
        **person,
    )
    assert public_name(account) is None, account.display_name


def test_a_status_left_alone_on_an_emptied_row_heads_nothing(tmp_path):
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                HEADER,
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "Actief"],
                [None, None, None, None, "gesloten"],
                ["Instagram", "zeistjong", None, "Jeugd", None],
            ]
        },
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert {a["handle"]: a["status"] for a in data["accounts"]}["zeistjong"] == "active"


def test_a_register_without_accounts_publishes_nothing(tmp_path):
    # An empty page would replace the website's list of accounts with none.
    path = _workbook(tmp_path / "register.xlsx", {"Accounts": [HEADER]})
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 2, result.output
    assert "niets gepubliceerd" in result.output
    assert not out.exists()


def test_an_address_without_a_platform_names_the_platform_of_its_host(tmp_path):
    # Seen on hand-kept registers: the Platform cell left empty beside a Flickr or Mastodon
    # address; the row was rejected and the account missing from the public list.
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                HEADER,
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "actief"],
                [None, None, "https://www.flickr.com/photos/gemeentezeist", "Communicatie", None],
                [None, None, "https://social.overheid.nl/@zeist", "Communicatie", None],
                [None, None, "https://t.me/gemeentezeist", "Communicatie", None],
                [None, None, "https://www.zeist.nl/sport", "Sport", None],  # a site: no account
            ]
        },
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert sorted(f"{a['platform']}:{a['handle']}" for a in data["accounts"]) == [
        "flickr:gemeentezeist",
        "mastodon:zeist@social.overheid.nl",
        "telegram:gemeentezeist",
        "x:gemeentezeist",
    ]
    assert "rij 6 › Kanaal: geen platform ingevuld" in _stderr(result)


def test_a_row_left_with_a_platform_or_a_tick_alone_is_no_heading(tmp_path):
    # Found by the generative tests: a row holding only `x` (the platform X, or a tick) was
    # read as a heading "actief", and its handle's absence went unreported.
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                HEADER,
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "Actief"],
                ["x", None, None, None, None],
            ]
        },
    )
    result = publish("-i", path, "--out", tmp_path / "openbaar")
    assert result.exit_code == 0, result.output
    assert "rij 3 › Accountnaam: geen accountnaam" in _stderr(result)
    assert "kopregel" not in _stderr(result)


def test_a_hidden_row_is_read_like_any_other(tmp_path):
    from openpyxl import load_workbook

    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                HEADER,
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "Actief"],
                ["Instagram", "zeistverborgen", None, "Communicatie", "Actief"],
                ["Facebook", "zeistoud", None, "Communicatie", "Gesloten"],
            ]
        },
    )
    workbook = load_workbook(path)
    workbook["Accounts"].row_dimensions[3].hidden = True
    workbook["Accounts"].row_dimensions[4].hidden = True
    workbook.save(path)
    out = tmp_path / "openbaar"
    assert publish("-i", path, "--out", out).exit_code == 0
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert {a["handle"]: a["status"] for a in data["accounts"]} == {
        "gemeentezeist": "active",
        "zeistverborgen": "active",
        "zeistoud": "closed",
    }


def test_a_staff_sheet_with_the_name_in_parts_names_its_people(tmp_path):
    # A personnel export keeps Voornaam, Tussenvoegsel and Achternaam apart; the staff sheet
    # had no header and none of its people was kept from the public list.
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                [*HEADER, "Naam"],
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "Actief", "Gemeente Zeist"],
                ["Instagram", "zeistberg", None, "Communicatie", "Actief", "Berg, J. van der"],
            ],
            "Medewerkers": [
                ["Voornaam", "Tussenvoegsel", "Achternaam", "E-mail"],
                ["Joost", "van der", "Berg", None],
            ],
        },
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Medewerkers" not in _stderr(result)
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert {a["handle"]: a["name"] for a in data["accounts"]} == {
        "gemeentezeist": "Gemeente Zeist",
        "zeistberg": None,
    }


def test_a_youtube_channel_known_by_its_id_is_no_at_name(make_register, tmp_path):
    # The id as written: a channel's id is no handle, and its case is part of it.
    channel = compliant_account(
        "x", platform="youtube", url="https://www.youtube.com/channel/UCz3iSt0Ab9cDeFgHiJkLmNo"
    ) | {"handle": None}
    # Typed in the Account column, without a link: its address is the channel's, as typed.
    typed = compliant_account("UCa1b2c3d4e5f6g7h8i9j0kL", platform="youtube", url=None)
    out = tmp_path / "openbaar"
    assert publish("-i", make_register([MAIN, channel, typed]), "--out", out).exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert ">UCz3iSt0Ab9cDeFgHiJkLmNo</a>" in page
    assert ">UCa1b2c3d4e5f6g7h8i9j0kL</a>" in page
    assert "@uc" not in page.casefold()
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    links = {a["handle"]: a["url"] for a in data["accounts"]}
    # The open data keeps the handle folded, as the account's id has it.
    assert links["ucz3ist0ab9cdefghijklmno"] == (
        "https://www.youtube.com/channel/UCz3iSt0Ab9cDeFgHiJkLmNo"
    )
    assert links["uca1b2c3d4e5f6g7h8i9j0kl"] == (
        "https://www.youtube.com/channel/UCa1b2c3d4e5f6g7h8i9j0kL"
    )


def test_an_account_listed_closed_and_again_in_use_is_published_in_use(tmp_path):
    # A handle closed years ago and taken up again, both rows kept: the closed row came
    # first, the one in use was dropped as its duplicate, and the list said "closed".
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                HEADER,
                ["Twitter", "@ZeistSport", None, "Sport", "Gesloten"],
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "Actief"],
                ["Twitter", "@ZeistSport", None, "Sport", "Actief"],
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "Gesloten"],
            ]
        },
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert {a["handle"]: a["status"] for a in data["accounts"]} == {
        "zeistsport": "active",
        "gemeentezeist": "active",
    }
    assert "rij 4 en 2; rij 2 wordt niet gebruikt" in _stderr(result)
    assert "rij 3 en 5; rij 5 wordt niet gebruikt" in _stderr(result)


def test_a_closing_date_or_a_yes_without_a_status_says_closed(tmp_path):
    # Seen on hand-kept registers without a Status column: "Gesloten per 1-3-2024" or
    # "Opgeheven? ja" was all the register said, and the account was published as in use.
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                ["Kanaal", "Accountnaam", "Opgeheven per"],
                ["Twitter", "@ZeistOud", dt.date(2024, 3, 1)],
                ["Twitter", "@ZeistStopt", dt.date(2099, 12, 31)],  # not yet: in use
                ["Twitter", "@GemeenteZeist", None],
            ],
            "Instagram": [
                ["Account", "Opgeheven?", "Actief (j/n)"],
                ["zeistweg", "ja", None],
                ["zeistblijft", "nee", None],
                ["zeistnee", None, "n"],
            ],
        },
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert {a["handle"]: a["status"] for a in data["accounts"]} == {
        "zeistoud": "closed",
        "zeiststopt": "active",
        "gemeentezeist": "active",
        "zeistweg": "closed",
        "zeistblijft": "active",
        "zeistnee": "closed",
    }
    assert "behalve waar Opgeheven per een verstreken datum of ja geeft" in _stderr(result)


def test_a_handle_cell_saying_there_is_none_yet_is_no_account(tmp_path):
    # `(nog aanmaken)` became the account `x:nogaanmaken`, published as official: whoever
    # then took that name on X would be "the municipality's" to `verify`.
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                HEADER,
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "Actief"],
                ["Instagram", "(nog aanmaken)", None, "Jeugd", "Actief"],
                ["TikTok", "volgt", None, "Jeugd", "Gepland"],
                ["Facebook", "Onbekend", None, "Sport", "Actief"],
            ]
        },
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert [a["handle"] for a in data["accounts"]] == ["gemeentezeist"]
    for row in (3, 4, 5):
        assert f"rij {row} › Accountnaam: geen accountnaam of profiel-URL" in _stderr(result)


def test_a_handle_left_as_question_marks_by_an_encoding_is_no_account(tmp_path):
    # A register saved as Windows-1252 keeps `Гемеэнте Зейст` as `???????? ?????`: it was
    # published as an official account that `verify` then could not find (generated input).
    path = tmp_path / "register.csv"
    rows = [
        "Platform;Accountnaam;Profiel-URL;Afdeling;Status",
        "Twitter;@GemeenteZeist;;Communicatie;Actief",
        "Twitter;Гемеэнте Зейст;;Communicatie;Actief",
        "Twitter;Зейст Спорт;https://x.com/zeistsport;Sport;Actief",
    ]
    path.write_bytes("\r\n".join(rows).encode("cp1252", errors="replace"))
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert [a["handle"] for a in data["accounts"]] == ["gemeentezeist", "zeistsport"]
    said = _stderr(result)
    assert 'rij 3 › Accountnaam: "???????? ?????" is geen accountnaam' in said
    assert "geen letter of cijfer" in said
    assert "de rij wordt niet gebruikt" in said
    assert "rij 4 › Accountnaam: " in said and "de accountnaam uit de URL wordt gebruikt" in said
    for handle in ("gemeentezeist", "zeistsport"):
        found = CliRunner().invoke(cli, ["verify", "-i", str(path), f"https://x.com/{handle}"])
        assert found.exit_code == 0, found.output


def test_no_link_is_made_up_for_a_handle_the_register_gives_only_as_a_name(tmp_path):
    # "Gemeente Zeist" in the Account column and no URL became the link
    # facebook.com/gemeentezeist on the public page: perhaps an impostor's page.
    path = _workbook(
        tmp_path / "register.xlsx",
        {
            "Accounts": [
                HEADER,
                ["Facebook", "Gemeente Zeist", None, "Communicatie", "Actief"],
                ["Twitter", "@GemeenteZeist", None, "Communicatie", "Actief"],
            ]
        },
    )
    out = tmp_path / "openbaar"
    result = publish("-i", path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    assert {a["platform"]: a["url"] for a in data["accounts"]} == {
        "facebook": None,
        "x": "https://x.com/gemeentezeist",
    }
