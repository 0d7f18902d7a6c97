"""The public list of accounts in a real browser: accessible, no script, no sideways scroll."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.browser import AXE_TAGS
from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, compliant_account, write_register

pytestmark = pytest.mark.browser

WIDTHS = [1366, 390]  # a laptop, a phone


@pytest.fixture(scope="module", params=["nl", "en"])
def page_file(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp(f"public-{request.param}")
    accounts = [
        compliant_account(
            "gemeentezeist",
            display_name="Gemeente Zeist",
            type="hoofdaccount",
            department="Communicatie",
        ),
        # Long words and handles: they must wrap on a phone, not push the page sideways.
        compliant_account(
            "stationsgebiedzeistdriebergenbouwprojectinformatie",
            platform="instagram",
            display_name="Projectorganisatie Stationsgebied Driebergen-Zeist",
            department="Projectorganisatie Stationsgebied Driebergen-Zeist",
            goal="informeren, dialoog, samenwerken, luisteren",
        ),
        compliant_account("zeist@social.example.nl", platform="mastodon", display_name="Zeist"),
        compliant_account("zeistnieuws", status="gesloten", display_name="Zeist Nieuws"),
    ]
    register = write_register(
        folder / "register.xlsx", accounts, staff=DEFAULT_STAFF, departments=DEFAULT_DEPARTMENTS
    )
    out = folder / "public"
    result = CliRunner().invoke(
        cli, ["publish", "-i", str(register), "--out", str(out), "--lang", request.param]
    )
    assert result.exit_code == 0, result.output
    return out / "index.html"


def _open(browser, path: Path, width: int, *, javascript: bool = False):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": 800}
    )
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return context, page, requests


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_fits_the_width_without_script(browser, page_file, tmp_path, width):
    context, page, requests = _open(browser, page_file, width)
    try:
        lang = page.get_attribute("html", "lang")
        assert lang in ("nl", "en")
        assert page.locator("h1").count() == 1
        assert page.locator("table caption").count() == 2  # in use, and no longer in use
        assert page.locator("th[scope=col]").count() == 7
        assert page.locator("tbody th[scope=row]").count() == 4
        # What a reader sees: the accounts, with their handles as links.
        assert page.get_by_role("link", name="@gemeentezeist").count() == 1
        assert page.locator("text=@zeist@social.example.nl").count() == 1
        assert all(url.startswith("file://") for url in requests), requests
        page.screenshot(path=str(tmp_path / f"public-{lang}-{width}.png"), full_page=True)
    finally:
        context.close()
    # Script only to measure; the page itself has none.
    context, page, _ = _open(browser, page_file, width, javascript=True)
    try:
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, f"sideways scroll at {width} px: {scroll} > {client}"
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('main *')]"
            ".map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= width
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_accessibility_violations(browser, axe_source, page_file, width):
    context, page, _ = _open(browser, page_file, width, javascript=True)
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
    finally:
        context.close()
