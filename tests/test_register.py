"""The register reader on registers that look like the ones people keep."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from auditor.problems import InputError, Level
from auditor.register import load_register
from tests.helpers import compliant_account, write_register


def _messy_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "accounts "  # trailing space, lower case: still the Accounts sheet
    ws.append(["Register social media-accounts gemeente Zeist"])
    ws.append(["Bijgewerkt door Communicatie"])
    ws.append([])
    ws.append(
        [
            "PLATFORM",
            " Accountnaam ",
            "Link naar account",
            "weergave-naam",
            "Soort account",
            "Verantwoordelijke afdeling",
            "Beheerder",
            "Back-up",
            "Doel",
            "Startdatum",
            "Handreiking gelezen",
            "Overleg Communicatie",
            "Status",
            "Opmerkingen",
        ]
    )
    rows = [
        # row 5: Excel date, plain handle, mixed-case platform
        ["Twitter", "@GemeenteZeist ", None, "Gemeente Zeist", "Hoofdaccount", "Communicatie",
         "Sanne Smit", "Joost Mulder", "informeren, dialoog", dt.datetime(2010, 3, 1), "ja",
         "x", "Actief", "ok"],
        # row 6: profile URL as handle, dd-mm-yyyy date as text, n.v.t. for missing
        ["facebook", "https://www.facebook.com/GemeenteZeist/", None, "Gemeente Zeist",
         "hoofdaccount", "Communicatie", "n.v.t.", "-", "Informeren", "01-02-2014", "nee",
         "12-1-2014", "actief", None],
        # row 7: blank row (skipped, not counted)
        [None, None, None, None, None, None, None, None, None, None, None, None, None, "  "],
        # row 8: impossible date
        ["Instagram", "zeist_jong", None, "Jong Zeist", "nevenaccount", "Sociaal Domein",
         "Lotte Bos", "Emma Vos", "dialoog", "31-02-2024", "✓", "ja", "actief", None],
        # row 9: duplicate id of row 5 (URL form)
        ["X", "https://x.com/gemeentezeist", None, "Zeist", "nevenaccount", "Communicatie",
         "Sanne Smit", None, None, None, None, None, "actief", None],
        # row 10: a platform the auditor has no name for: kept
        ["Hyves", "zeist", None, None, None, None, None, None, None, None, None, None, None, None],
        # row 11: d-m-yyyy date and ISO date
        ["LinkedIn", "https://www.linkedin.com/company/werken-bij-zeist/", None,
         "Werken bij Zeist", "nevenaccount", "P&O", "Ruud Kok", "Ans Kok", "informeren",
         "2019-04-05", "x", "5-4-2019", "gesloten", None],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def messy(tmp_path: Path):
    return load_register(_messy_workbook(tmp_path / "register.xlsx"))


def test_header_is_found_below_title_rows(messy):
    assert [a.account_id for a in messy.accounts] == [
        "x:gemeentezeist",
        "facebook:gemeentezeist",
        "instagram:zeist_jong",
        "hyves:zeist",
        "linkedin:werken-bij-zeist",
    ]


def test_cells_are_typed_the_way_they_were_meant(messy):
    x, fb, ig, _hyves, li = messy.accounts
    assert x.type == "main" and x.started == dt.date(2010, 3, 1)
    assert [g.value for g in x.goal] == ["informeren", "dialoog"]
    assert x.guideline_ack is True and x.communicatie_consulted is True
    assert fb.owner_name is None and fb.substitute_name is None  # n.v.t. and -
    assert fb.started == dt.date(2014, 2, 1)
    assert fb.communicatie_consulted_on == dt.date(2014, 1, 12)
    assert fb.guideline_ack is False
    assert fb.url == "https://www.facebook.com/GemeenteZeist/"
    assert ig.started is None and ig.guideline_ack is True
    assert li.status == "closed" and li.communicatie_consulted_on == dt.date(2019, 4, 5)


def test_every_problem_names_its_place(messy):
    text = [p.render("en") for p in messy.problems]
    assert (
        'register.xlsx › accounts  › row 8 › Startdatum: "31-02-2024" is not a date '
        "(use dd-mm-yyyy or an Excel date)" in text
    )
    (hyves,) = [p for p in messy.problems if "hyves" in p.message("en")]
    assert hyves.level is Level.WARNING and "(row 10) is kept" in hyves.message("en")
    duplicate = [p for p in messy.problems if "appears twice" in p.message("en")]
    assert len(duplicate) == 1 and "rows 5 and 9" in duplicate[0].message("en")
    unknown = [p for p in messy.problems if "Opmerkingen" in p.message("en")]
    assert unknown and unknown[0].level is Level.WARNING


def test_problems_are_said_in_dutch_and_in_english(messy):
    dutch = [p.render("nl") for p in messy.problems]
    assert (
        'register.xlsx › accounts  › rij 8 › Startdatum: "31-02-2024" is geen datum '
        "(gebruik dd-mm-jjjj of een Excel-datum)" in dutch
    )
    assert (
        "register.xlsx › accounts  › rij 9 › account x:gemeentezeist staat er twee keer in: "
        "rij 5 en 9; rij 9 wordt niet gebruikt" in dutch
    )
    (duplicate,) = [p for p in messy.problems if p.message.key == "register.duplicate_account"]
    assert duplicate.message.params == {"account": "x:gemeentezeist", "first": 5, "row": 9}


@pytest.mark.parametrize("section", ["register", "config", "period"])
def test_the_dutch_and_english_catalogues_hold_the_same_entries(section):
    from string import Formatter

    from auditor.messages import catalogue

    def fields(entry) -> set[str]:
        texts = entry.values() if isinstance(entry, dict) else [entry]
        return {name for t in texts for _, name, _, _ in Formatter().parse(t) if name}

    nl, en = (
        {k: v for k, v in catalogue(lang).items() if k.startswith(f"{section}.")}
        for lang in ("nl", "en")
    )
    assert set(nl) == set(en)
    assert {k: fields(v) for k, v in nl.items()} == {k: fields(v) for k, v in en.items()}


def test_every_row_is_accounted_for(messy):
    (entry,) = messy.ledger
    assert (entry.rows_read, entry.rows_used, entry.rows_duplicate, entry.rows_rejected) == (
        6,
        5,
        1,
        0,
    )
    assert entry.balanced()


def test_optional_sheets_are_read(tmp_path: Path):
    path = write_register(
        tmp_path / "r.xlsx",
        [compliant_account("sportzeist")],
        staff=[{"name": "Anna de Vries", "email": "A.deVries@zeist.nl", "active": "nee",
                "left_on": "01-06-2026"}],
        departments=[{"name": "Sport", "manager_name": "Mirjam de Wit"}],
        waivers=[{"platform": "X", "account": "@SportZeist", "check_id": "act001",
                  "reason": "zomerstop", "until": dt.date(2026, 12, 31)}],
    )  # fmt: skip
    register = load_register(path)
    assert register.problems == []
    (person,) = register.staff
    assert person.email == "a.devries@zeist.nl" and person.active is False
    assert person.left_on == dt.date(2026, 6, 1)
    assert register.departments[0].manager_name == "Mirjam de Wit"
    (waiver,) = register.waivers
    assert (waiver.account_id, waiver.check_id) == ("x:sportzeist", "ACT001")


def test_a_waiver_for_an_unknown_check_or_account_is_a_problem(tmp_path: Path):
    path = write_register(
        tmp_path / "r.xlsx",
        [compliant_account("sportzeist")],
        waivers=[
            {"account": "x:sportzeist", "check_id": "XYZ999", "reason": "?"},
            {"account": "x:bestaatniet", "check_id": "ACT001", "reason": "?"},
        ],
    )
    register = load_register(path)
    assert register.waivers == []
    messages = [p.render("en") for p in register.problems]
    assert any("Uitzonderingen › row 2 › Controle" in m and "XYZ999" in m for m in messages)
    assert any("row 3 › Account" in m and "x:bestaatniet" in m for m in messages)
    waiver_ledger = next(e for e in register.ledger if "Uitzonderingen" in e.path)
    assert waiver_ledger.rows_rejected == 2 and waiver_ledger.balanced()


def test_csv_register_with_semicolons_and_windows_1252(tmp_path: Path):
    path = tmp_path / "register.csv"
    text = (
        "Overzicht accounts\n"
        "Platform;Account;Weergavenaam;Beheerder;Gestart\n"
        "Twitter;@gemeentezeist;Gemeente Zeist;José Peña;01-03-2010\n"
        "Instagram;https://www.instagram.com/zeist.jong/;Jong Zeist;René;\n"
    )
    path.write_bytes(text.encode("cp1252"))
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == ["x:gemeentezeist", "instagram:zeist.jong"]
    assert register.accounts[0].owner_name == "José Peña"
    assert register.accounts[0].started == dt.date(2010, 3, 1)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.xlsx", b"", "empty"),
        ("fake.xlsx", b"%PDF-1.4 not a workbook", "not a readable Excel workbook"),
        ("truncated.xlsx", None, "truncated"),
        ("binary.csv", bytes(range(256)) * 8, "binary"),
        ("noheader.csv", b"a,b,c\n1,2,3\n", "no header row"),
        ("register.pdf", b"%PDF", "expected an Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "save as .xlsx"),
    ],
)
def test_hostile_files_raise_input_error_naming_the_file(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is None:
        good = write_register(tmp_path / "good.xlsx", [compliant_account("a")])
        content = good.read_bytes()[:600]
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_register(path)
    said = caught.value.render("en")
    assert name in said
    assert expected in said


def test_staff_and_department_rows_are_accounted_for(tmp_path: Path):
    path = write_register(
        tmp_path / "r.xlsx",
        [compliant_account("sportzeist")],
        staff=[
            {"name": "Anna de Vries", "email": "a.devries@zeist.nl"},
            {"name": "A. de Vries", "email": "A.DeVries@zeist.nl"},  # same e-mail: duplicate
            {"name": None, "email": "zonder.naam@zeist.nl"},  # no name: rejected
            {"name": "Piet Bakker"},
        ],
        departments=[{"name": "Sport"}, {"name": " sport "}, {"name": "n.v.t.", "kind": "x"}],
    )
    register = load_register(path)
    assert [p.name for p in register.staff] == ["Anna de Vries", "Piet Bakker"]
    assert [d.name for d in register.departments] == ["Sport"]
    ledger = {e.path.split(" › ")[1]: e for e in register.ledger}
    staff, departments = ledger["Medewerkers"], ledger["Afdelingen"]
    assert (staff.rows_read, staff.rows_used, staff.rows_duplicate, staff.rows_rejected) == (
        4,
        2,
        1,
        1,
    )
    assert staff.rejected[0].row == 4
    assert (departments.rows_used, departments.rows_duplicate, departments.rows_rejected) == (
        1,
        1,
        1,
    )
    messages = [p.render("en") for p in register.problems]
    assert any("Medewerkers › row 3" in m and "appears twice: rows 2 and 3" in m for m in messages)
    assert any("Afdelingen › row 3" in m and "appears twice" in m for m in messages)


def test_a_platform_taken_from_the_url_is_named_as_people_write_it(tmp_path: Path):
    # "… een profiel op linkedin is; het platform wordt linkedin": the platform's code.
    path = write_register(
        tmp_path / "register.xlsx",
        [
            compliant_account(
                "zeist", platform="Snapchat", url="https://www.linkedin.com/company/zeist"
            )
        ],
    )
    problems = load_register(path).problems
    (taken,) = [p for p in problems if p.message.key == "register.platform_from_url"]
    assert taken.message("nl") == (
        '"Snapchat" past niet bij de URL, die een profiel op LinkedIn is; '
        "het platform wordt LinkedIn"
    )
    assert taken.message("en").endswith("a profile on LinkedIn; taken as LinkedIn")
