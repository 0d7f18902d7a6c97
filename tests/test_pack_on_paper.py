"""A department's pack and an owner's action list as a manager reads and prints them: a
register written with openpyxl, exports as CSV, `auditor run` through click for two quarters,
the pages opened and printed in Chromium and the workbooks read back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from tests.helpers import (
    DEFAULT_DEPARTMENTS,
    DEFAULT_STAFF,
    canonical_rows,
    compliant_account,
    main_account,
    write_export,
)
from tests.helpers import write_register as _write_register

DEPARTMENTS = DEFAULT_DEPARTMENTS
STAFF = [
    *DEFAULT_STAFF,
    {"name": "Ruud Post", "email": "r.post@zeist.nl", "department": "Ruimte"},
]
RUIMTE = {
    "department": "Ruimte",
    "owner_name": "Fatima El Amrani",
    "owner_email": "f.elamrani@zeist.nl",
    "substitute_name": "Kees de Boer",
    "substitute_email": "k.deboer@zeist.nl",
}


WAIVERS = [
    {
        "platform": "instagram",
        "account": "@zeistwoont",
        "check_id": "STY001",
        "reason": "Campagnenaam, in overleg",
        "approved_by": "Henk Visser",
        "until": dt.date(2026, 12, 31),
    }
]


def _accounts(quarter: str) -> list[dict]:
    """Communicatie's main accounts, three Sport accounts on Facebook (the same sender and goal
    as Ruimte's quiet page) and eight Ruimte accounts with two or three faults each."""
    q2 = quarter == "2026-Q2"
    sport = {"platform": "facebook", "url": None, "sender": "Gemeente Zeist"}
    accounts = [
        main_account("x", "gemeentezeist", url="https://x.com/gemeentezeist"),
        main_account("facebook", "gemeentezeist"),
        *(
            compliant_account(f"sportzeist{n}", display_name=f"Sport Zeist {n}", **sport)
            for n in (1, 2, 3)
        ),
        # in no export: its activity is not judged
        compliant_account("sportzeist4", platform="instagram", display_name="Sport Zeist 4"),
        compliant_account(
            "RijnwoudeNL",
            display_name="Rijnwoude Zeist",
            url="https://x.com/RijnwoudeNL",
            substitute_name=None,
            substitute_email=None,
            content_strategy=None,
            **{k: v for k, v in RUIMTE.items() if "substitute" not in k},
        ),
        compliant_account(
            "zeistbouwt",
            platform="facebook",
            display_name="Zeist Bouwt",
            sender="Gemeente Zeist",
            guideline_ack="nee",
            **RUIMTE,
        ),
        compliant_account(
            "zeistwoont",
            platform="instagram",
            display_name="Wonen in Utrecht",
            owner_training=dt.date(2021, 1, 1),
            two_factor="nee",
            **RUIMTE,
        ),
        compliant_account(
            "kerckebosch",
            display_name="Kerckebosch Zeist",
            goal=None,
            # fixed by Q3: its role was missing in Q2 (DOC002 has no other finding here)
            role=None if q2 else "initiator",
            **RUIMTE,
        ),
        compliant_account(
            "zeistgroen",
            display_name="Zeist Groen",
            website="https://groen.example.org",
            house_style_review=dt.date(2022, 1, 1),
            archiving=None,
            **RUIMTE,
        ),
        compliant_account(
            "stationsgebied",
            display_name="Stationsgebied Zeist",
            communicatie_consulted="nee",
            substitute_name="Fatima El Amrani",
            substitute_email="f.elamrani@zeist.nl",
            **{k: v for k, v in RUIMTE.items() if "substitute" not in k},
        ),
        compliant_account(
            "zeistomgeving",
            platform="tiktok",
            display_name="Omgevingswet Zeist",
            content_strategy=None,
            guideline_ack="nee",
            **RUIMTE,
        ),
        compliant_account(
            "zeistruimte",
            display_name="Zeist Ruimte",
            owner_name="Ruud Post",
            owner_email="r.post@zeist.nl",
            goal=None,
            owner_training=dt.date(2020, 5, 1),
            **{k: v for k, v in RUIMTE.items() if "owner" not in k},
        ),
    ]
    return accounts


def _exports(path: Path) -> Path:
    rows = []
    for handle in ("gemeentezeist", "sportzeist1", "sportzeist2", "sportzeist3", "zeistbouwt"):
        platform = "facebook"
        every = 30 if handle == "zeistbouwt" else 1
        rows += canonical_rows(handle, platform=platform, every_days=every, prefix=f"fb{handle}")
    for handle in ("gemeentezeist", "RijnwoudeNL", "kerckebosch", "zeistgroen", "stationsgebied"):
        rows += canonical_rows(handle, every_days=1, prefix=f"x{handle}")
    rows += canonical_rows("zeistruimte", every_days=2)
    rows += canonical_rows("zeistwoont", platform="instagram", every_days=2)
    rows += canonical_rows("zeistomgeving", platform="tiktok", every_days=2)
    return write_export(path, rows)


def _answered(quarter: Path) -> Path:
    """Q2's pack of Ruimte as its manager returns it: one finding answered."""
    path = quarter / "departments" / "ruimte.xlsx"
    book = load_workbook(path)
    findings = book.worksheets[2]
    findings.cell(3, 4).value = "in behandeling"
    findings.cell(3, 5).value = "Vervanger gevraagd"
    book.save(path)
    return path


def run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module")
def audit(tmp_path_factory) -> dict[str, Path]:
    """Q2 then Q3 in one history, in Dutch and in English: {lang: Q3's report folder}."""
    root = tmp_path_factory.mktemp("paper")
    exports = _exports(root / "activity.csv")
    folders = {}
    for lang in ("nl", "en"):
        for quarter in ("2026-Q2", "2026-Q3"):
            register = _write_register(
                root / f"register-{quarter}.xlsx",
                _accounts(quarter),
                staff=STAFF,
                departments=DEPARTMENTS,
                waivers=WAIVERS,
            )
            out = root / lang / quarter
            answers = (
                ["--responses", _answered(root / lang / "2026-Q2")] if out.name == "2026-Q3" else []
            )
            run(
                "run", "--inventory", register, "--activity", exports,
                "--period", quarter, "--out", out, "--history", root / lang / "history.sqlite",
                "--lang", lang, *answers,
            )  # fmt: skip
        folders[lang] = out
    folders["register"] = register
    return folders


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _text(page: str) -> str:
    page = re.sub(r"<(script|style)>.*?</\1>", "", page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def _described(page: str) -> set[str]:
    return set(re.findall(r'<article class="check" id="check-([A-Z0-9]+)"', page))


def _pack_findings(page: str) -> list[tuple[str, str]]:
    """(check id, status class) of each finding card."""
    return re.findall(r'<span class="finding__id">([A-Z0-9]+)</span>', page)


def test_the_fixture_pack_has_about_twenty_findings(audit):
    pack = read(audit["nl"] / "departments" / "ruimte.html")
    assert 15 <= len(_pack_findings(pack)) <= 30


def _checks_sheet(path: Path) -> set[str]:
    ws = load_workbook(path, read_only=True).worksheets[-1]  # Controles / Checks, the last
    assert ws.title in ("Controles", "Checks")
    return {row[0] for row in ws.iter_rows(min_row=2, values_only=True) if row[0]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_pack_explains_only_the_checks_of_its_findings_open_waived_or_fixed(audit, lang):
    pack = read(audit[lang] / "departments" / "ruimte.html")
    found = set(_pack_findings(pack))
    assert "STY001" in found  # the waived one
    assert "DOC002" not in found  # fixed since Q2: listed under Opgelost
    wanted = found | {"DOC002"}
    assert _described(pack) == wanted
    workbook = _checks_sheet(audit[lang] / "departments" / "ruimte.xlsx")
    assert workbook == wanted
    # The overview and its workbook keep the whole catalogue.
    overview = _described(read(audit[lang] / "index.html"))
    assert len(overview) > len(wanted) + 5
    assert _checks_sheet(audit[lang] / "audit.xlsx") == overview


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def _printed(browser, path: Path) -> tuple[int, object]:
    page = browser.new_page()
    page.goto(path.as_uri())
    pdf = page.pdf(format="A4")
    # As on paper: A4 less the page's margins of 12 mm either side (186 mm at 96 dpi).
    page.set_viewport_size({"width": 703, "height": 1000})
    page.emulate_media(media="print")
    return _pdf_pages(pdf), page


def test_a_pack_of_twenty_findings_prints_on_a_few_pages(browser, audit):
    path = audit["nl"] / "departments" / "ruimte.html"
    assert len(_pack_findings(read(path))) >= 20
    pages, page = _printed(browser, path)
    # No contents list on paper, and a finding's card is a few lines, not half a page.
    assert page.locator("nav.toc").is_hidden()
    heights = page.eval_on_selector_all(
        "article.finding", "cards => cards.map(c => c.getBoundingClientRect().height)"
    )
    page.close()
    assert max(heights) < 260, heights  # px at 96 dpi: a quarter of an A4 page
    assert pages <= 9, pages  # 24 before, for 21 findings, 8 accounts and the catalogue


def _evidence_of(path: Path, check_id: str) -> list[str]:
    ws = load_workbook(path, read_only=True).worksheets[3]  # Bewijs / Evidence
    return [str(row[4]) for row in ws.iter_rows(min_row=2, values_only=True) if row[1] == check_id]


@pytest.mark.parametrize(
    ("lang", "elsewhere", "listed", "hidden"),
    [
        (
            "nl",
            "een van 3 accounts van andere afdelingen of nog één ander account",
            "4 accounts van andere afdelingen",
            "[andere afdeling]",
        ),
        (
            "en",
            "one of 3 accounts of other departments or one other account",
            "4 accounts of other departments",
            "[other department]",
        ),
    ],
)
def test_accounts_of_other_departments_a_quiet_account_may_join_are_counted_once(
    audit, lang, elsewhere, listed, hidden
):
    # Zeist Bouwt posts once a month on Facebook, beside three Sport pages and Communicatie's
    # main page with the same sender: the pack names none of them, and says so once. The
    # advice names the three best and counts the rest; the workbook's evidence lists all four.
    pack = _text(read(audit[lang] / "departments" / "ruimte.html"))
    (advice,) = re.findall(r"(?:weinig berichten|few posts): .*?(?:of doel|or goal)", pack)
    assert elsewhere in advice
    assert hidden not in advice
    evidence = _evidence_of(audit[lang] / "departments" / "ruimte.xlsx", "CON001")
    assert listed in evidence
    assert not any(hidden in value for value in evidence)
    # The overview names them all.
    overview = _text(read(audit[lang] / "index.html"))
    assert "Sport Zeist 1 (Facebook @sportzeist1)" in overview


def _after(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "links => links.map(a => getComputedStyle(a, '::after').content)"
    )


def test_on_paper_the_owners_action_lists_are_named_by_their_file(browser, audit):
    # A link prints as its word (Actielijst): on paper the reader is told which file it is,
    # as the audit folder holds it.
    for path in (audit["nl"] / "departments" / "ruimte.html", audit["nl"] / "index.html"):
        page = browser.new_page()
        page.goto(path.as_uri())
        links = "#owners-title ~ .table-scroll td a"
        assert _after(page, links)[0] == "none"  # on screen, the link alone
        page.emulate_media(media="print")
        printed = _after(page, links)
        page.close()
        assert '"owners/fatima-el-amrani.html"' in " ".join(printed), printed
    # The overview's table of departments names each pack's file under its name.
    page = browser.new_page()
    page.goto((audit["en"] / "index.html").as_uri())
    under_names = "#departments-title ~ .table-scroll th > *"
    pack = page.locator(under_names, has_text="departments/ruimte.html")
    assert pack.is_hidden()
    page.emulate_media(media="print")
    assert pack.is_visible()
    page.close()


def test_a_handle_is_shown_as_the_register_spells_it(audit):
    # The register writes @RijnwoudeNL (and x.com/RijnwoudeNL); the exports, in lower case,
    # match it all the same.
    for lang in ("nl", "en"):
        for path in (
            audit[lang] / "departments" / "ruimte.html",
            audit[lang] / "index.html",
            audit[lang] / "owners" / "fatima-el-amrani.html",
        ):
            page = read(path)
            assert "@RijnwoudeNL" in page, path
            assert "@rijnwoudenl" not in page, path
        book = load_workbook(audit[lang] / "departments" / "ruimte.xlsx", read_only=True)
        ws = book.worksheets[2]  # Bevindingen / Findings
        accounts = {row[2] for row in ws.iter_rows(min_row=3, values_only=True)}
        assert "Rijnwoude Zeist (X @RijnwoudeNL)" in accounts
    said = run("verify", "--inventory", audit["register"], "@rijnwoudenl", "x.com/RIJNWOUDENL")
    assert said.count("X @RijnwoudeNL") == 2 and "X @rijnwoudenl" not in said, said


@pytest.mark.parametrize(
    ("lang", "answered", "workbook"),
    [
        ("nl", "1 bevinding beantwoord", "ruimte.xlsx, blad Metrics"),
        ("en", "1 finding answered", "ruimte.xlsx, sheet Metrics"),
    ],
)
def test_a_pack_speaks_of_its_own_answers_and_workbook(audit, lang, answered, workbook):
    pack = _text(read(audit[lang] / "departments" / "ruimte.html"))
    assert answered in pack
    # The manager has the pack's own workbook, not the organisation's audit.xlsx.
    assert workbook in pack and "audit.xlsx" not in pack


@pytest.mark.parametrize(
    ("lang", "ask", "named"),
    [
        ("nl", "Vraag Communicatie welke accounts", "van het genoemde account"),
        ("en", "Ask Communicatie which accounts", "of the named account"),
    ],
)
def test_the_fix_of_a_quiet_account_names_no_account_the_pack_hides(audit, lang, ask, named):
    # The pack names none of the accounts Zeist Bouwt could join: its fix says who knows them.
    pack = _text(read(audit[lang] / "departments" / "ruimte.html"))
    advice = pack.index("Zeist Bouwt (Facebook")
    fix = pack[pack.index("CON001", advice) :][:1200]
    assert ask in fix and named not in fix
    overview = _text(read(audit[lang] / "index.html"))
    assert named in overview


def test_the_scorecard_of_a_pack_has_the_columns_and_legend_of_its_findings(audit):
    pack = read(audit["nl"] / "departments" / "ruimte.html")
    scorecard = pack[pack.index('id="scorecard-title"') : pack.index('id="owners-title"')]
    columns = re.findall(r'class="scorecard__check"><a href="#check-([A-Z0-9]+)"', scorecard)
    assert set(columns) == set(_pack_findings(pack))
    assert "andere controles staan niet in de tabel" in scorecard
    # No column of a check that did not run (RSP001, without inbound messages): no "–" to explain.
    assert "score--not-run" not in scorecard
    overview = read(audit["nl"] / "index.html")
    assert "score--not-run" in overview[overview.index('id="scorecard-title"') :]
    # The pack's workbook has the page's columns; the whole audit's workbook every check.
    header = next(
        load_workbook(audit["nl"] / "departments" / "ruimte.xlsx", read_only=True)[
            "Scorecard"
        ].iter_rows(max_row=1, values_only=True)
    )
    assert header[3:] == tuple(columns)
    whole = next(
        load_workbook(audit["nl"] / "audit.xlsx", read_only=True)["Scorecard"].iter_rows(
            max_row=1, values_only=True
        )
    )
    assert len(whole) > len(header) + 5


def test_an_account_whose_activity_is_not_judged_does_not_pass_the_activity_checks(audit):
    # Sport Zeist 4 is in no export: the scorecard showed ✓ ("geen bevinding") under ACT001.
    overview = read(audit["nl"] / "index.html")
    scorecard = overview[overview.index('id="scorecard-title"') :]
    columns = re.findall(r'class="scorecard__check">(?:<a[^>]*>)?<span>([A-Z0-9]+)<', scorecard)
    row = re.search(r"<tr>\s*<th scope=\"row\">Sport Zeist 4.*?</tr>", scorecard, re.S)[0]
    cells = dict(zip(columns, re.findall(r'<td class="score score--([a-z-]+)"', row), strict=True))
    assert cells["ACT001"] == cells["RSP001"] == "not-run"
    assert cells["DOC001"] == cells["OWN002"] == "passed"
    book = load_workbook(audit["nl"] / "audit.xlsx", read_only=True)
    rows = list(book["Scorecard"].iter_rows(values_only=True))
    row = next(r for r in rows if str(r[0]).startswith("Sport Zeist 4"))
    sport = dict(zip(rows[0], row, strict=True))
    assert sport["ACT001"] == "–" and sport["DOC001"] == "✓"


def test_an_owner_list_on_paper_says_why_once_per_check(browser, audit):
    path = audit["nl"] / "owners" / "fatima-el-amrani.html"
    page = read(path)
    checks = _pack_findings(page)
    assert len(checks) > len(set(checks))  # DOC003, DOC005, SEC002 ... on several accounts
    pages, printed = _printed(browser, path)
    shown = printed.locator(".finding__why:visible").count()
    printed.close()
    assert shown == len(set(checks))
    assert pages <= 6, pages  # 7 with the why at every finding


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_pack_says_what_a_check_lacked_not_how_to_supply_it(audit, lang):
    """RSP001 did not run (no inbound messages). The overview tells Communicatie what to
    supply (a mapping in auditor.toml, `direction=in`); a manager's pack says what was
    missing, in words without settings or column names."""
    pack = _text(read(audit[lang] / "departments" / "ruimte.html"))
    overview = _text(read(audit[lang] / "index.html"))
    assert "auditor.toml" in overview and "direction=in" in overview
    for technical in ("auditor.toml", "direction=in", "in_reply_to", "--activity"):
        assert technical not in pack
    lacked = "geen inkomende berichten" if lang == "nl" else "no incoming messages"
    assert lacked in pack
    assert "Communicatie" in pack[pack.index(lacked) :][:300]


def test_a_packs_summary_sheet_has_no_table_of_departments(audit):
    """The table per department held the pack's own department alone, repeating the figures
    above it; the whole audit's workbook keeps it."""

    def labels(path: Path) -> list:
        sheet = load_workbook(path, read_only=True)["Samenvatting"]
        return [row[0] for row in sheet.iter_rows(values_only=True)]

    assert "Per afdeling" not in labels(audit["nl"] / "departments" / "ruimte.xlsx")
    assert "Per afdeling" in labels(audit["nl"] / "audit.xlsx")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_date_in_a_findings_sentence_stays_on_one_line(browser, audit, lang):
    # Chromium breaks a line at a date's hyphens: "02-07-" ended a line and "2026" began the
    # next, on paper and on a phone.
    path = audit[lang] / "departments" / "ruimte.html"
    page = browser.new_page()
    page.goto(path.as_uri())
    try:
        for width, media in ((320, "screen"), (703, "print")):
            page.set_viewport_size({"width": width, "height": 1000})
            page.emulate_media(media=media)
            lines = page.eval_on_selector_all(
                ".finding__message .date",
                "dates => dates.map(d => [d.textContent, d.getClientRects().length])",
            )
            assert len(lines) >= 6, lines
            # And in the catalogue's sentences with a date: the date to answer by.
            due = page.eval_on_selector_all(
                ".actions__lead .date",
                "dates => dates.map(d => [d.textContent, d.getClientRects().length])",
            )
            assert len(due) == 1, due
            lines += due
            assert all(n == 1 for _, n in lines), (width, [d for d, n in lines if n != 1])
            assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2}", d) for d, _ in lines)
    finally:
        page.close()
