"""The HTML reports: complete in both languages, escaped, isolated per department."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from auditor import messages
from auditor.history_model import AuditHistory
from auditor.models import AccountStatus, AccountType, FindingStatus, Platform, Severity
from auditor.reports import write_reports
from auditor.reports.charts import share_chart
from auditor.reports.html import _share_figure
from auditor.reports.i18n import has
from auditor.reports.scope import unique_slugs
from auditor.reports.view import METRICS, Share
from tests.sample_audit import CHECKS, IMG, SCRIPT, sample_result

TEMPLATES = Path(__file__).parents[1] / "reports" / "templates"


@pytest.fixture(scope="module")
def reports_nl(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nl")
    write_reports(sample_result("nl"), out, checks=CHECKS)
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    write_reports(sample_result("nl", hostile=True), out, checks=CHECKS)
    return out


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def shown(page: str) -> str:
    """A page's text without its mark-up: a date in a sentence is a span of its own."""
    return re.sub(r"<[^>]+>", "", page)


def all_html(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


class Structure(HTMLParser):
    """Collects what the accessibility rules below look at."""

    def __init__(self):
        super().__init__()
        self.tables = 0
        self.captions = 0
        self.th_without_scope: list[str] = []
        self.html_lang: str | None = None
        self.ids: list[str] = []
        self.headings: list[int] = []
        self.scripts = 0
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and "scope" not in attrs:
            self.th_without_scope.append(str(attrs))
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "script":
            self.scripts += 1
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            if attrs.get(name):
                self.sources.append(attrs[name])


def structure(path: Path) -> Structure:
    parser = Structure()
    parser.feed(read(path))
    return parser


def test_every_key_the_templates_ask_for_exists():
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""", read(template)))
    assert used, "the pattern no longer finds the templates' keys"
    assert sorted(k for k in used if not has(k)) == []


def test_every_label_made_from_a_value_exists():
    keys = (
        [f"sev_{s.value}" for s in Severity]
        + [f"short_{s.value}" for s in Severity]
        + [f"st_{s.value}" for s in FindingStatus]
        + [f"type_{t.value}" for t in AccountType]
        + [f"acst_{s.value}" for s in AccountStatus]
        + [f"m_{m}" for m in METRICS]
    )
    assert sorted(k for k in set(keys) if not has(k)) == []
    assert [p.value for p in Platform if not messages.has(f"platform.{p.value}")] == []


def test_no_placeholder_is_left_unfilled(reports_nl, tmp_path):
    write_reports(sample_result("en"), tmp_path, checks=CHECKS)
    for path in [*all_html(reports_nl), *all_html(tmp_path)]:
        text = re.sub(r'data-template="[^"]*"|<script>.*?</script>', "", read(path), flags=re.S)
        assert re.findall(r"\{[a-z_]+\}", text) == [], path


def test_writes_overview_department_packs_and_owner_lists(tmp_path):
    written = write_reports(sample_result(), tmp_path, checks=CHECKS)
    names = sorted(str(p.relative_to(tmp_path)) for p in written)
    assert names == [
        "audit.xlsx",
        "departments/communicatie.html",
        "departments/communicatie.xlsx",
        "departments/ruimte.html",
        "departments/ruimte.xlsx",
        "departments/sociaal-domein.html",
        "departments/sociaal-domein.xlsx",
        "index.html",
        "owners/anne-de-vries.html",
        "owners/bram-jansen.html",
        "owners/carla-smit.html",
        "owners/daan-bakker.html",
    ]
    assert all(p.stat().st_size > 0 for p in written)


def test_an_empty_audit_still_reports(tmp_path):
    empty = sample_result().model_copy(
        update={"accounts": [], "departments": [], "findings": [], "skipped": [], "inputs": []}
    )
    written = write_reports(empty, tmp_path, checks=CHECKS)
    assert [p.name for p in written] == ["index.html", "audit.xlsx"]
    index = read(tmp_path / "index.html")
    assert "Geen bevindingen." in index and "Geen activiteitsbestanden ingelezen." in index


def test_runs_with_the_engines_own_catalogue(tmp_path):
    write_reports(sample_result(), tmp_path)
    assert "OWN002" in read(tmp_path / "index.html")


def test_dutch_reports_write_dutch_numbers_and_dates(reports_nl):
    index = read(reports_nl / "index.html")
    assert '<html lang="nl">' in index
    assert "01-07-2026 – 30-09-2026" in re.sub(r"<[^>]+>", "", index)
    assert ">2,5<" in index  # median reply time of x:gemeentezeist
    assert "2026-09-30" not in index


def test_english_reports_are_english(tmp_path):
    write_reports(sample_result("en"), tmp_path, checks=CHECKS)
    index = read(tmp_path / "index.html")
    assert '<html lang="en">' in index
    assert "Key figures" in index and "Kerncijfers" not in index
    assert "2026-07-01 – 2026-09-30" in re.sub(r"<[^>]+>", "", index)
    assert ">2.5<" in index
    assert "No substitute named." in read(tmp_path / "owners" / "bram-jansen.html")


def test_text_from_inputs_is_escaped(hostile):
    for path in all_html(hostile):
        text = read(path)
        assert SCRIPT not in text, path
        assert IMG not in text, path
        assert "onerror=alert" not in text.replace("onerror=alert(1)&gt;", ""), path
        assert structure(path).scripts == 1, path  # ours, nothing else
    index = read(hostile / "index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert "&lt;img src=x onerror=alert(1)&gt;" in index


def test_pages_make_no_network_requests(reports_nl):
    for path in all_html(reports_nl):
        text = read(path)
        assert "Content-Security-Policy" in text and "default-src &#39;none&#39;" in text
        assert "<link" not in text and "@import" not in text and "url(" not in text
        for source in structure(path).sources:
            assert not re.match(r"(?i)[a-z][a-z0-9+.-]*:", source) or source.startswith(
                "mailto:"
            ), (path, source)


def test_every_link_leads_somewhere(reports_nl):
    for path in all_html(reports_nl):
        page = structure(path)
        for href in page.sources:
            target, _, anchor = href.partition("#")
            if target:
                assert (path.parent / target).exists(), (path, href)
            elif anchor:
                assert anchor in page.ids, (path, href)


def test_tables_are_captioned_and_headers_scoped(reports_nl):
    for path in all_html(reports_nl):
        page = structure(path)
        assert page.html_lang == "nl"
        assert page.tables > 0 and page.captions == page.tables, path
        assert page.th_without_scope == [], path
        assert len(page.ids) == len(set(page.ids)), f"duplicate ids in {path}"
        assert page.headings[0] == 1 and page.headings.count(1) == 1, path
        steps = zip(page.headings, page.headings[1:], strict=False)
        assert all(b <= a + 1 for a, b in steps), f"heading level skipped in {path}"


def test_charts_have_text_alternatives_and_a_table(reports_nl):
    index = read(reports_nl / "index.html")
    charts = re.findall(r'<svg class="chart" role="img" aria-labelledby="([^"]+)"', index)
    assert len(charts) == 2
    for ids in charts:
        for element_id in ids.split():
            assert f'id="{element_id}"' in index
    assert "Actieve accounts zonder open bevindingen, per afdeling</caption>" in index
    desc = re.search(r'<desc id="chart-departments-desc">(.*?)</desc>', index, re.S).group(1)
    assert "Ruimte: 0 %." in desc and "Sociaal Domein: 100 %." in desc


def test_headline_counts_open_findings_and_waived_apart(reports_nl):
    index = read(reports_nl / "index.html")
    tiles = re.findall(r'<span class="tile__value">([^<]+)</span>', index)
    # accounts, share without open findings, open findings, waived
    assert tiles == ["5", "40 %", "7", "1"]


def test_overview_shows_ledger_skips_out_of_hours_and_catalogue(reports_nl):
    index = read(reports_nl / "index.html")
    assert "exports/x_2026q3.csv" in index
    assert "timestamp &#39;31-02-2026&#39; is no date" in index
    assert "geen personeelslijst opgegeven" in index
    assert 'id="ooh-title"' in index and ">84<" in index and ">138<" in index  # 84+40+9+5 outside
    for check_id, meta in CHECKS.items():
        assert f'id="check-{check_id}"' in index
        assert meta.policy.quote.replace("'", "&#39;") in index
    assert "Extra: gaat verder dan de tekst van het beleid" in index  # STY004


def test_findings_table_is_complete_without_script(reports_nl):
    index = read(reports_nl / "index.html")
    body = re.search(r'<table class="data findings" id="findings-table">(.*?)</table>', index, re.S)
    rows = re.findall(r"<tr data-severity=", body.group(1))
    assert len(rows) == len(sample_result().findings)
    assert '<form id="findings-filter" class="filters" hidden' in index


def test_platform_and_unregistered_findings_stay_in_the_overview(reports_nl):
    assert "zeistevenementen" in read(reports_nl / "index.html")
    assert "REG001" in read(reports_nl / "index.html")
    for path in (reports_nl / "departments").glob("*.html"):
        text = read(path)
        assert "zeistevenementen" not in text
        assert "geen hoofdaccount" not in text  # the REG001 message


def test_an_account_closed_or_planned_with_nothing_to_do_gives_nobody_an_action_list(
    make_register, audit_files, tmp_path
):
    # A manager whose department's account closed in 2024 got an action list saying "dit
    # account voldoet" (it is not judged at all), and so did the owner of a planned one; the
    # overview listed both among the people who must act, with 0 findings.
    from tests.helpers import compliant_account, main_account

    register = make_register(
        [
            main_account("x", "gemeentezeist"),
            compliant_account("zeistsport"),
            compliant_account(
                "kermiszeist",
                owner_name="Tim de Groot",
                owner_email="t.degroot@zeist.nl",
                substitute_name=None,
                substitute_email=None,
                status="gesloten",
                closed=dt.date(2024, 12, 31),
            ),
            compliant_account(
                "burgerzakenzeist",
                owner_name="Gert Timmer",
                owner_email="g.timmer@zeist.nl",
                status="gepland",
            ),
        ]
    )
    write_reports(audit_files(register), tmp_path, checks=CHECKS)
    owners = sorted(p.name for p in (tmp_path / "owners").glob("*.html"))
    assert owners == ["anna-de-vries.html", "sanne-smit.html"]
    table = _section(read(tmp_path / "index.html"), "owners-title")
    assert "Tim de Groot" not in table and "Gert Timmer" not in table
    assert "Anna de Vries" in table


def test_an_account_no_export_covers_shows_no_figures_as_if_it_had_been_seen(
    make_register, audit_files, tmp_path
):
    # "Cijfers per account" gave an account that appears in no export 0 posts and 0,0 a
    # week, as if it had been silent: the audit does not judge it, and the page said nothing.
    from tests.helpers import canonical_rows, compliant_account, write_export

    register = make_register(
        [
            compliant_account("zeistsport"),
            compliant_account("zeistjong", display_name="Jong Zeist"),
        ]
    )
    export = write_export(tmp_path / "posts.csv", canonical_rows("zeistsport", every_days=2))
    result = audit_files(register, [export], period="2026-Q3")
    write_reports(result, tmp_path / "out", checks=CHECKS)
    for page in ("index.html", "departments/sport.html"):
        section = _section(read(tmp_path / "out" / page), "metrics-title")
        rows = {
            " ".join(re.sub(r"<[^>]+>", " ", row).split())
            for row in re.findall(r"<tr>(.*?)</tr>", section, re.S)
        }
        jong = next(row for row in rows if row.startswith("Jong Zeist"))
        assert jong == "Jong Zeist (X) niet beoordeeld: de exports dekken de periode niet"
        sport = next(row for row in rows if row.startswith("Sport Zeist"))
        assert sport.startswith("Sport Zeist (X) 46 3,5 ")


def test_an_action_list_is_headed_by_the_name_of_its_owner(reports_nl):
    # As a department's pack is headed by the department: the page's kind stands above it.
    # It said "Actielijst voor de beheerder" twice, the second time before the name, three
    # lines of heading on a phone above a section called "Actielijst".
    page = read(reports_nl / "owners" / "bram-jansen.html")
    assert re.search(r"<h1>\s*Bram Jansen\s*</h1>", page)
    assert re.search(r'class="masthead__kind">\s*Actielijst voor de beheerder\s*<', page)
    assert "<title>Actielijst voor de beheerder Bram Jansen" in page


def test_an_owner_reads_which_findings_were_there_last_time(tmp_path):
    # From the second audit on, the overview's table said "nieuw" or "blijvend" of each
    # finding; the owner's list, which the owner reads, did not.
    result = sample_result("nl")
    bram = [f for f in result.findings if f.account_id == "x:zeistbouwt"]
    bram[0].status, bram[1].status = FindingStatus.PERSISTING, FindingStatus.NEW
    write_reports(result, tmp_path, checks=CHECKS)
    page = read(tmp_path / "owners" / "bram-jansen.html")
    articles = dict(re.findall(r'id="f-([^"]+)">(.*?)</h\d>', page, re.S))
    said = {fid: " ".join(re.sub(r"<[^>]+>", " ", head).split()) for fid, head in articles.items()}
    assert said[bram[0].finding_id].endswith("blijvend")
    assert said[bram[1].finding_id].endswith("nieuw")


def test_an_action_list_names_the_accounts_its_reader_stands_in_for(reports_nl):
    # Bram Jansen is the substitute of Carla Smit's Centrum Zeist: his list said nothing of
    # it, and he is the one to post there when she is away.
    page = read(reports_nl / "owners" / "bram-jansen.html")
    section = _section(page, "substitute-title")
    said = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    assert "Centrum Zeist (Instagram @slotzeistcentrum)" in said
    assert "beheerder: Carla Smit" in said
    assert 'href="carla-smit.html"' in section
    # an owner who stands in for nobody has no such section
    assert 'id="substitute-title"' not in read(reports_nl / "owners" / "carla-smit.html")


def test_a_platform_finding_names_its_platform_once(make_register, audit_files, tmp_path):
    # The overview's list of findings per platform put the platform before the message,
    # which names it already: "REG001 TikTok: TikTok: geen hoofdaccount …".
    from tests.helpers import compliant_account

    register = make_register(
        [compliant_account(h, platform="tiktok", url=None) for h in ("zeistjong", "zeistsport")]
    )
    write_reports(audit_files(register), tmp_path, checks=CHECKS)
    section = _section(read(tmp_path / "index.html"), "platforms-title")
    platforms = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    assert "REG001 TikTok: geen hoofdaccount onder 2 actieve accounts" in platforms
    assert "TikTok: TikTok" not in platforms


def _people_and_accounts(result, department):
    """Every handle, person and e-mail address that belongs to another department."""
    tokens = set()
    for a in result.accounts:
        if a.department == department:
            continue
        tokens |= {a.handle, a.account_id, a.owner_name, a.owner_email, a.substitute_name}
    for d in result.departments:
        if d.name != department:
            tokens.add(d.manager_email)
    own = {a.owner_name for a in result.accounts if a.department == department}
    own |= {a.substitute_name for a in result.accounts if a.department == department}
    return {t for t in tokens if t and t not in own}


@pytest.mark.parametrize("slug", ["communicatie", "ruimte", "sociaal-domein"])
def test_department_page_holds_nothing_of_another_department(reports_nl, slug):
    result = sample_result()
    department = next(d.name for d in result.departments if d.slug == slug)
    text = read(reports_nl / "departments" / f"{slug}.html").casefold()
    leaked = sorted(t for t in _people_and_accounts(result, department) if t.casefold() in text)
    assert leaked == []


def test_a_finding_naming_another_departments_account_is_redacted(reports_nl):
    ruimte = read(reports_nl / "departments" / "ruimte.html")
    assert "Overweeg aan te sluiten bij [andere afdeling] of [andere afdeling]:" in ruimte
    # the overview keeps the full message, naming the account as its readers know it
    index = read(reports_nl / "index.html")
    assert "aan te sluiten bij Gemeente Zeist (X @gemeentezeist) of Anne de Vries:" in index
    assert "x:gemeentezeist" not in index


def test_department_pack_names_who_approved_its_waiver(reports_nl):
    pack = read(reports_nl / "departments" / "sociaal-domein.html")
    assert "Goedgekeurd door Femke de Groot, geldig tot 31-12-2026" in shown(pack)


def test_owner_page_says_why_and_how_to_fix(reports_nl):
    page = read(reports_nl / "owners" / "bram-jansen.html")
    meta = CHECKS["OWN002"]
    assert "Geen vervanger aangewezen." in page
    assert meta.policy.quote in page and meta.policy.section in page
    assert meta.why("nl") in page and meta.fix("nl") in page
    assert "jongzeist" not in page and "gemeentezeist" not in page
    assert "U heeft 2 punten om op te lossen" in page


def test_owner_without_findings_is_told_so(reports_nl):
    page = read(reports_nl / "owners" / "daan-bakker.html")  # only a waived finding
    assert "U hoeft niets te doen" in page
    assert "Goedgekeurd door Femke de Groot, geldig tot 31-12-2026" in shown(page)


def test_trend_section_appears_only_with_history(tmp_path):
    result = sample_result()
    write_reports(result, tmp_path / "without", checks=CHECKS)
    assert 'id="trend-title"' not in read(tmp_path / "without" / "index.html")
    result.history = AuditHistory.model_validate(
        {
            "previous_period": "2026-Q2",
            "counts": {"new": 2, "persisting": 5, "resolved": 1},
            "resolved": [],
            "trend": {
                "periods": ["2026-Q2", "2026-Q3"],
                "compliance": [0.25, 0.4],
                "compliance_by_department": {},
                "open_by_severity": {"high": [3, 2]},
                "reply_median_business_hours": [4.0, 2.5],
            },
        }
    )
    write_reports(result, tmp_path / "with", checks=CHECKS)
    index = read(tmp_path / "with" / "index.html")
    assert 'id="trend-title"' in index and "2026-Q2" in index and "25 %" in index


def test_same_slug_twice_gets_a_number():
    assert unique_slugs(["Ruimte", "ruimte!", "Café"]) == {
        "Ruimte": "ruimte",
        "ruimte!": "ruimte-2",
        "Café": "cafe",
    }


# ------------------------------------------------------------------ who must act


def _section(page: str, heading_id: str) -> str:
    """The text of the section a heading opens, up to the next section."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.find("<section", start)]


def _findings_rows(page: str) -> list[list[str]]:
    body = re.search(r'id="findings-table">(.*?)</table>', page, re.S).group(1)
    header = re.findall(r"<th[^>]*>(.*?)</th>", re.search(r"<thead>(.*?)</thead>", body, re.S)[1])
    rows = re.findall(r"<tr data-severity=.*?</tr>", body, re.S)
    return [header] + [
        [re.sub(r"<[^>]+>", " ", cell).split() for cell in re.findall(r"<td.*?</td>", row, re.S)]
        for row in rows
    ]


def test_first_section_after_the_verdict_names_who_must_act(reports_nl):
    index = read(reports_nl / "index.html")
    verdict = _section(index, "headline-title")
    assert "7 open bevindingen: 1 kritiek, 2 hoog, 1 middel, 1 laag, 2 info." in verdict
    assert index.index('id="actions-title"') < index.index('id="figures-title"')
    actions = _section(index, "actions-title")
    # OWN002 (high) on Zeist Bouwt: its owner acts, under the department's manager.
    assert 'href="owners/bram-jansen.html">Bram Jansen</a>' in actions
    assert "Leidinggevende: Gert Hoekstra" in actions
    assert "Zeist Bouwt" in actions and "Geen vervanger aangewezen." in actions
    # the critical finding is on an unregistered account: no owner to name
    assert "zeistevenementen" not in actions


def test_findings_table_names_owner_and_manager(reports_nl):
    header, *rows = _findings_rows(read(reports_nl / "index.html"))
    assert header[3:5] == ["Beheerder", "Leidinggevende"]
    own002 = next(cells for cells in rows if "vervanger" in cells[6])
    assert own002[3] == ["Bram", "Jansen"] and own002[4] == ["Gert", "Hoekstra"]


def test_an_owner_who_left_gets_no_list_the_substitute_gets_the_accounts(tmp_path):
    result = sample_result("nl")
    slot = next(a for a in result.accounts if a.handle == "slotzeistcentrum")
    slot.owner_left = True  # Carla Smit; Bram Jansen stands in
    result.answer_due = dt.date(2026, 11, 1)
    write_reports(result, tmp_path, checks=CHECKS)
    assert not (tmp_path / "owners" / "carla-smit.html").exists()
    page = read(tmp_path / "owners" / "bram-jansen.html")
    assert "Centrum Zeist" in page and "Zeist Bouwt" in page
    assert "vervanger van Carla Smit, die uit dienst is" in page
    assert "U heeft 4 punten om op te lossen" in page
    assert "Geef uw antwoord uiterlijk 01-11-2026: vul per punt Status en Toelichting" in shown(
        page
    )
    index = read(tmp_path / "index.html")
    assert "Antwoord uiterlijk 01-11-2026." in shown(_section(index, "actions-title"))
    owners = _section(index, "owners-title")
    assert "Carla Smit</th>" not in owners and "vervanger van Carla Smit" in owners


def test_a_department_pack_explains_only_the_checks_found_in_it(reports_nl):
    index = read(reports_nl / "index.html")
    assert all(f'id="check-{check_id}"' in index for check_id in CHECKS)
    ruimte = read(reports_nl / "departments" / "ruimte.html")
    described = set(re.findall(r'<article class="check" id="check-([A-Z0-9]+)"', ruimte))
    assert described == {"OWN002", "RSP001", "DOC003", "CON001"}
    assert "alle controles staan in het overzicht" in ruimte
    pack = read(reports_nl / "departments" / "sociaal-domein.html")  # one waived finding
    assert set(re.findall(r'<article class="check" id="check-([A-Z0-9]+)"', pack)) == {"DOC003"}


def test_accounts_are_named_as_readers_know_them(reports_nl):
    for path in all_html(reports_nl):
        text = re.sub(r"<script>.*?</script>", "", read(path), flags=re.S)
        assert re.findall(r"\b(?:x|facebook|instagram):[a-z]+", text) == [], path


def test_a_chart_of_blank_bars_shows_the_share_without_serious_findings():
    shares = [
        Share("Projectorganisatie Stationsgebied", 4, 0, 9, no_serious=3),
        Share("KCC", 2, 0, 2),
    ]
    figure = _share_figure(shares, "department", "nl")
    assert figure.chart is not None and not figure.chart.empty
    assert figure.title.startswith("Actieve accounts zonder bevindingen met ernst hoog")
    assert [bar.value_text for bar in figure.chart.bars] == ["75 %", "0 %"]
    assert "helemaal zonder open bevindingen" in figure.note
    nothing = _share_figure([Share("KCC", 2, 0, 2)], "department", "en")
    assert nothing.chart is None and nothing.note.startswith("No chart:")


def test_long_chart_labels_wrap_instead_of_being_cut():
    chart = share_chart([("Projectorganisatie Stationsgebied Zeist-Noord", 0.5, "50 %")])
    (bar,) = chart.bars
    assert (
        " ".join(line for _, line in bar.lines) == "Projectorganisatie Stationsgebied Zeist-Noord"
    )
    assert len(bar.lines) == 2 and chart.height >= 2 * 16


def test_without_owner_or_substitute_the_manager_acts_and_else_nobody_is_named(tmp_path):
    result = sample_result("nl")
    bouwt = next(a for a in result.accounts if a.handle == "zeistbouwt")
    bouwt.owner_name = bouwt.owner_email = None  # and it has no substitute
    write_reports(result, tmp_path / "manager", checks=CHECKS)
    actions = _section(read(tmp_path / "manager" / "index.html"), "actions-title")
    assert "owners/gert-hoekstra.html" in actions
    why = "leidinggevende, want beheerder en vervanger zijn uit dienst, onbekend of geen persoon"
    # said in brackets after the finding, without a space before the closing one
    assert f"<em>({why})</em>" in actions
    # the manager acting is the manager: not "Leidinggevende: onbekend" above their findings
    gert = actions[actions.index("owners/gert-hoekstra.html") :]
    gert = " ".join(re.sub(r"<[^>]+>", " ", gert[: gert.index("</li>\n  </ul>")]).split())
    assert "Leidinggevende van Ruimte" in gert and "Leidinggevende: onbekend" not in gert
    assert (tmp_path / "manager" / "owners" / "gert-hoekstra.html").exists()

    ruimte = next(d for d in result.departments if d.name == "Ruimte")
    ruimte.manager_name = ruimte.manager_email = None
    write_reports(result, tmp_path / "nobody", checks=CHECKS)
    actions = _section(read(tmp_path / "nobody" / "index.html"), "actions-title")
    assert "Niemand aangewezen" in actions and "Leidinggevende: onbekend" in actions


def test_reports_name_the_communications_department_of_the_settings(
    make_register, audit_files, tmp_path
):
    # The overview's lead, the footer, the owners' return address and the workbooks'
    # instruction said "team Communicatie" whatever the settings named; then "team {name}",
    # which read "team Team Online & Pers" for a department whose name says team already.
    from openpyxl import load_workbook

    from tests.helpers import compliant_account, main_account

    team = "Team Online & Pers"
    register = make_register(
        [
            main_account("x", "gemeentezeist", department=team),
            compliant_account("zeistsport", owner_training=None),
        ]
    )
    settings = {"organisation": {"communications_department": team}}
    result = audit_files(register, config=settings)
    out = tmp_path / "out"
    write_reports(result, out, checks=CHECKS)
    index = read(out / "index.html")
    assert "Overzicht voor Team Online &amp; Pers van alle" in index
    owner = read(next((out / "owners").glob("*.html")))
    assert "stuur het terug naar Team Online &amp; Pers." in owner
    pages = all_html(out)
    assert all("Neem contact op met Team Online &amp; Pers." in read(p) for p in pages)
    assert not [p.name for p in pages if "team Communicatie" in read(p)]
    assert not [p.name for p in pages if "team Team" in read(p)]
    book = load_workbook(next((out / "departments").glob("*.xlsx")))
    instruction = next(
        ws["A1"].value for ws in book if ws["A1"].value and "Status" in ws["A1"].value
    )
    assert "terug aan Team Online & Pers." in instruction


def test_a_youtube_channel_id_is_shown_as_written_without_at(
    make_register, make_export, audit_files, tmp_path
):
    # Handles are folded, and the reports put @ before them: a channel's id is neither a
    # handle nor free of case, and `@ucabc…` names no channel. Matching stays folded.
    from tests.helpers import canonical_rows, compliant_account, main_account

    channel = "UCabcdefghijklmnopqrstuv"
    register = make_register(
        [
            main_account("x", "gemeentezeist"),
            compliant_account(
                "x",
                platform="youtube",
                url=f"https://www.youtube.com/channel/{channel}",
                display_name=None,
                owner_training=None,
            )
            | {"handle": None},
        ]
    )
    export = make_export(
        canonical_rows("gemeentezeist") + canonical_rows(channel, platform="youtube", prefix="v")
    )
    result = audit_files(register, [export])
    (account,) = [a for a in result.accounts if a.platform == "youtube"]
    assert account.account_id == f"youtube:{channel.casefold()}"
    assert account.metrics["posts"] > 0  # the export's channel is the register's
    out = tmp_path / "out"
    write_reports(result, out, checks=CHECKS)
    pages = "".join(read(p) for p in all_html(out))
    assert f'<span class="handle">{channel}</span>' in read(out / "departments" / "sport.html")
    assert "@uc" not in pages.casefold()
    # As messages name it (the sentences of findings about another account, the workbooks).
    from auditor.reports.i18n import account_name, translator

    assert account_name(account, translator("nl")) == f"YouTube {channel}"
