"""The HTML reports in a real browser: accessibility (axe-core), filtering, and no-script use."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.history_model import AuditHistory
from auditor.reports import write_reports
from tests.browser import AXE_TAGS
from tests.sample_audit import CHECKS, sample_result

pytestmark = pytest.mark.browser

PAGES = ["index.html", "departments/ruimte.html", "owners/bram-jansen.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = sample_result("nl")
    result.history = AuditHistory.model_validate(
        {
            "previous_period": "2026-Q2",
            "counts": {"new": 3, "persisting": 4, "resolved": 1},
            "resolved": [
                {
                    "finding_id": "OWN002-0",
                    "check_id": "OWN002",
                    "severity": "high",
                    "account_id": "x:zeistbouwt",
                    "platform": "x",
                    "department": "Ruimte",
                    "subject": None,
                    "message": {"nl": "Geen vervanger aangewezen.", "en": "No substitute named."},
                    "answer": None,
                }
            ],
            "trend": {
                "periods": ["2026-Q1", "2026-Q2", "2026-Q3"],
                "compliance": [0.2, 0.4, 0.4],
                "compliance_by_department": {"Ruimte": [0.0, 0.5, 0.0]},
                "open_by_severity": {"critical": [1, 1, 1], "high": [4, 3, 2]},
                "reply_median_business_hours": [5.0, 3.5, 2.5],
            },
        }
    )
    write_reports(result, out, checks=CHECKS)
    return out


def _open(browser, path: Path, *, javascript: bool = True):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return context, page, requests


@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(browser, axe_source, site, tmp_path, name):
    context, page, requests = _open(browser, site / name)
    try:
        page.evaluate(axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]][:5])
            for v in result["violations"]
        ]
        assert violations == []
        assert result["passes"], "axe ran no rule at all"
        assert all(url.startswith("file://") for url in requests), requests
        page.screenshot(path=str(tmp_path / (name.replace("/", "_") + ".png")), full_page=True)
    finally:
        context.close()


def test_filter_narrows_the_findings_table(browser, site):
    context, page, _ = _open(browser, site / "index.html")
    try:
        rows = page.locator("#findings-table tbody tr")
        total = rows.count()
        assert total == len(sample_result().findings)
        assert page.locator("#findings-filter").is_visible()
        page.select_option("#filter-severity", "high")
        visible = page.locator("#findings-table tbody tr:visible")
        assert visible.count() == 2
        assert (
            page.locator("#findings-count").inner_text() == f"2 van {total} bevindingen zichtbaar"
        )
        page.select_option("#filter-severity", "")
        page.fill("#filter-q", "contentstrategie")
        assert visible.count() == 2
        page.fill("#filter-q", "bram jansen")  # the owner who must act
        assert visible.count() == 2
        page.fill("#filter-q", "Gert Hoekstra")  # Ruimte's manager
        assert visible.count() == 4
        page.click("button[type=reset]")
        page.wait_for_function(
            f"document.querySelectorAll('#findings-table tbody tr:not([hidden])').length == {total}"
        )
    finally:
        context.close()


def test_sorting_by_a_column_header(browser, site):
    context, page, _ = _open(browser, site / "index.html")
    try:
        header = page.locator("#findings-table thead th", has_text="Ernst")
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "ascending"
        first = page.locator("#findings-table tbody tr").first.get_attribute("data-severity")
        assert first == "info"
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "descending"
        first = page.locator("#findings-table tbody tr").first.get_attribute("data-severity")
        assert first == "critical"
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_complete_without_javascript(browser, site, tmp_path, name):
    context, page, requests = _open(browser, site / name, javascript=False)
    try:
        assert page.locator("h1").count() == 1
        assert page.locator("#findings-filter").count() == (1 if name == "index.html" else 0)
        if name == "index.html":
            assert not page.locator("#findings-filter").is_visible()
            rows = page.locator("#findings-table tbody tr:visible")
            assert rows.count() == len(sample_result().findings)
            assert page.locator("#catalogue-title").is_visible()
            assert page.locator("#trend-title").is_visible()
        assert all(url.startswith("file://") for url in requests), requests
        page.screenshot(path=str(tmp_path / (name.replace("/", "_") + ".png")), full_page=True)
    finally:
        context.close()


def test_prints_to_pdf(browser, site, tmp_path):
    context, page, _ = _open(browser, site / "index.html")
    try:
        page.emulate_media(media="print")
        assert not page.locator(".toc").is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        context.close()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    """The real example after four quarters: trends, answers and every check in the pages."""
    from auditor.demo import run_demo

    out = tmp_path_factory.mktemp("demo") / "audit-demo"
    return run_demo(out, write=write_reports, progress=lambda message: None).parent


@pytest.mark.parametrize(
    "name", ["index.html", "departments/evenementen.html", "owners/rik-hoekstra.html"]
)
def test_no_accessibility_violations_in_the_demo(browser, axe_source, demo_site, name):
    context, page, requests = _open(browser, demo_site / name)
    try:
        page.evaluate(axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        assert [(v["id"], v["help"]) for v in result["violations"]] == []
        assert all(url.startswith("file://") for url in requests), requests
    finally:
        context.close()


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "departments/evenementen.html",
        "owners/rik-hoekstra.html",
        "owners/julia-schouten.html",
    ],
)
def test_no_sideways_scroll_on_a_phone(browser, demo_site, name):
    """At 390 px the page is as wide as the screen: wide tables scroll inside their own box,
    and nothing hidden for screen readers or long in a drop-down pushes the page wider."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto((demo_site / name).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_the_first_screen_names_who_must_act_on_a_high_finding(browser, demo_site):
    """What a reader sees without scrolling at 1366×900: the verdict with its numbers and a
    person who must act on a high finding, by name."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto((demo_site / "index.html").as_uri())
        high = page.locator("#findings-table tbody tr[data-severity=high] td:nth-child(4)")
        owners = {text.splitlines()[0].strip() for text in high.all_inner_texts()}
        assert "Pieter de Wit" not in owners  # he left: his substitute acts
        shown = [
            name.inner_text()
            for name in page.locator(".person__name").all()
            if (box := name.bounding_box()) and box["y"] + box["height"] <= 900
        ]
        assert shown and set(shown) <= owners, (shown, owners)
        verdict = page.locator(".verdict")
        assert verdict.bounding_box()["y"] < 900
        assert "open bevindingen:" in verdict.inner_text()
    finally:
        context.close()


SMALLEST_PRINT_PX = 12  # 9 pt


def test_paper_prints_nothing_under_9_pt_and_no_sort_arrows(browser, demo_site):
    context, page, _ = _open(browser, demo_site / "index.html")
    try:
        page.emulate_media(media="print")
        too_small = page.evaluate(
            """min => Array.from(document.querySelectorAll('body *')).filter(el =>
                Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())
                && el.getClientRects().length
                && parseFloat(getComputedStyle(el).fontSize) < min
            ).map(el => el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 30))""",
            SMALLEST_PRINT_PX,
        )
        assert too_small == []
        arrows = page.evaluate(
            """() => Array.from(document.querySelectorAll('button.sort')).map(b =>
                getComputedStyle(b, '::after').content)"""
        )
        assert arrows and set(arrows) == {"none"}
        # A repeated header row leaves out buttons and turned boxes: on paper there are none.
        styles = page.evaluate(
            """() => Array.from(document.querySelectorAll('thead *')).map(el => [
                el.tagName, getComputedStyle(el).display, getComputedStyle(el).transform])"""
        )
        assert {display for tag, display, _ in styles if tag == "BUTTON"} == {"contents"}
        assert {transform for _, _, transform in styles} == {"none"}
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    finally:
        context.close()


def test_long_urls_and_file_names_do_not_widen_a_phone_page(browser, tmp_path):
    """A website URL quoted in a finding and a long export file name named under Input are
    long words: they break at 390 px rather than push the page sideways."""
    from click.testing import CliRunner

    from auditor.cli import cli
    from tests.helpers import canonical_rows, compliant_account, write_export, write_register

    url = "https://www.youtube.com/@GemeenteZeistOfficieelKanaalVoorNieuwsEnEvenementenInZeist"
    account = compliant_account("sportzeist", website=url, bio="Sport in Zeist")
    register = write_register(tmp_path / "register.xlsx", [account])
    export = write_export(
        tmp_path / ("export_" + "zeist_social_media_activiteit_" * 4 + ".csv"),
        canonical_rows("sportzeist", start="2026-07-01", end="2026-08-01"),
    )
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        cli,
        ["run", "-i", str(register), "-a", str(export), "--period", "2026-Q3", "--out", str(out)],
    )
    assert result.exit_code in (0, 1), result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "GemeenteZeistOfficieelKanaal" in index  # the long word is on the page
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        for name in ["index.html", "owners/anna-de-vries.html", "departments/sport.html"]:
            page.goto((out / name).as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    finally:
        context.close()


def test_a_long_table_is_laid_out_when_it_comes_into_view(browser, tmp_path):
    """A large audit's findings table (tens of thousands of rows in a real register) is laid
    out when the reader reaches it, not before the first screen; reached, every row is there,
    the phone page is no wider than the screen, and paper gets it whole. A short table is laid
    out with the page, as before."""
    import json

    from click.testing import CliRunner

    from auditor.cli import cli
    from auditor.reports.html import LONG_ROWS
    from tests.helpers import compliant_account, write_register

    accounts = [
        compliant_account(f"wijk{n:03d}", two_factor="nee", archiving=None, substitute_name=None)
        for n in range(90)
    ]
    register = write_register(tmp_path / "register.xlsx", accounts)
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        cli, ["run", "-i", str(register), "--period", "2026-Q3", "--out", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert len(findings) > LONG_ROWS >= len(accounts)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto((out / "index.html").as_uri())
        laid_out = """id => getComputedStyle(document.getElementById(id).closest('section'))
            .contentVisibility"""
        assert page.evaluate(laid_out, "findings-title") == "auto"
        assert page.evaluate(laid_out, "scorecard-title") == "visible"
        rows = page.locator("#findings-table tbody tr")
        assert rows.count() == len(findings)
        rows.last.scroll_into_view_if_needed()
        box = rows.last.bounding_box()
        assert box is not None and box["height"] > 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.emulate_media(media="print")
        assert page.evaluate(laid_out, "findings-title") == "visible"
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_a_date_of_the_period_is_not_broken_at_its_hyphens_on_a_phone(browser, site, name):
    """At 390 px the period (`2026-Q3 (01-07-2026 – 30-09-2026)`) wraps between its dates,
    never inside one: `30-09-` on one line and `2026` on the next read as two things."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto((site / name).as_uri())
        period = page.locator("dl dd").first
        assert "30-09-2026" in period.inner_text()
        # every date is one run of text: the browser breaks a line only between the dates
        lines = page.evaluate(
            """dd => {
                const range = document.createRange(), tops = [];
                const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    for (const m of n.data.matchAll(/\\d\\d-\\d\\d-\\d{4}/g)) {
                        range.setStart(n, m.index); range.setEnd(n, m.index + 10);
                        tops.push(range.getClientRects().length);
                    }
                }
                return tops;
            }""",
            period.element_handle(),
        )
        assert lines == [1, 1]
    finally:
        context.close()


def test_an_owner_reads_their_accounts_table_on_a_phone_without_scrolling_sideways(browser, site):
    """At 390 px the owner's table of accounts (six columns) had its open findings and
    severity off the screen, behind a sideways scroll: a colleague who posts for a library
    reads it on a phone. Each account is then a block of labelled lines."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto((site / "owners/bram-jansen.html").as_uri())
        box = page.locator("section[aria-labelledby=todo-title] .table-scroll")
        assert box.evaluate("e => e.scrollWidth <= e.clientWidth")
        row = page.locator("section[aria-labelledby=todo-title] tbody tr").first
        # every line on the screen, led by its column's name
        cells = row.evaluate(
            """tr => [...tr.cells].slice(1).map(td => [
                td.dataset.label,
                getComputedStyle(td, '::before').content !== 'none',
                td.getBoundingClientRect().right <= window.innerWidth,
            ])"""
        )
        labels = ["Afdeling", "Leidinggevende", "Vervanger", "Open bevindingen", "Ernst"]
        assert cells == [[label, True, True] for label in labels]
        assert page.get_by_role("table", name="Uw accounts").count() == 1
        assert row.get_by_role("cell").count() == 5
    finally:
        context.close()
    # at desktop width it stays a table with its header row
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto((site / "owners/bram-jansen.html").as_uri())
        header = page.locator("section[aria-labelledby=todo-title] thead")
        assert header.is_visible()
        cell = page.locator("section[aria-labelledby=todo-title] tbody td").first
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == "none"
    finally:
        context.close()


def test_a_chart_on_a_phone_keeps_its_words_readable(browser, axe_source, demo_site):
    """At 390 px the charts shrank to fit: their labels and values read at about 7 px. They
    keep a readable size and scroll sideways in their own box, as wide tables do, without
    the page itself scrolling sideways or a box the keyboard cannot reach."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto((demo_site / "index.html").as_uri())
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.chart')].map(svg => {
                 const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 const text = svg.querySelector('.chart__label');
                 return scale * parseFloat(getComputedStyle(text).fontSize);
               })"""
        )
        assert sizes and min(sizes) >= 12, sizes
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.evaluate(axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        assert [(v["id"], v["help"]) for v in result["violations"]] == []
    finally:
        context.close()
