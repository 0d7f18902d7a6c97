"""A Facebook page without a username is known by its number (`profile.php?id=1000…`), which
is no @name: shown as the number, and linked at its profile.php address (it was `@1000…`)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import compliant_account, main_account

PAGE = "100064512345678"
ACCOUNTS = [
    main_account("x", "gemeentezeist", url="https://x.com/GemeenteZeist"),
    compliant_account(
        "x", platform="Facebook", url=f"https://m.facebook.com/profile.php?id={PAGE}&ref=bm"
    )
    | {"handle": None, "display_name": "Bibliotheek Zeist"},
    # A username with digits in it stays a username.
    compliant_account("zeist2030", platform="Facebook", url=None) | {"handle": "zeist2030"},
]


def _invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_reports_show_the_page_number_without_an_at(make_register, tmp_path):
    out = tmp_path / "audit"
    run = _invoke("run", "-i", make_register(ACCOUNTS), "--period", "2026-Q3", "--out", out)
    assert run.exit_code in (0, 1), run.output
    pages = "".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html")))
    assert f"(Facebook {PAGE})</span>" in pages
    assert "(Facebook @zeist2030)</span>" in pages
    assert f"@{PAGE}" not in pages
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    ids = {a["account_id"] for a in findings["accounts"] if a["platform"] == "facebook"}
    assert ids == {f"facebook:{PAGE}", "facebook:zeist2030"}


def test_the_public_list_links_the_profile_address(make_register, tmp_path):
    out = tmp_path / "openbaar"
    result = _invoke("publish", "-i", make_register(ACCOUNTS), "--out", out)
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f"@{PAGE}" not in page
    data = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    links = {a["handle"]: a["url"] for a in data["accounts"]}
    assert links[PAGE].startswith(f"https://m.facebook.com/profile.php?id={PAGE}")
    assert links["zeist2030"] == "https://www.facebook.com/zeist2030"


def test_verify_names_the_page_by_its_number(make_register, tmp_path):
    said = _invoke("verify", "-i", make_register(ACCOUNTS), f"facebook.com/profile.php?id={PAGE}")
    assert f"Facebook {PAGE} (Bibliotheek Zeist)" in said.output, said.output
    assert f"@{PAGE}" not in said.output


def test_an_export_finds_a_page_whatever_full_stops_its_username_has(make_register, tmp_path):
    # Facebook counts no full stops in a username: `facebook.com/Gemeente.Zeist` is the page an
    # export names `gemeentezeist` (matched as a name is, without its punctuation).
    from tests.helpers import canonical_rows, write_export

    accounts = [
        main_account("x", "gemeentezeist", url="https://x.com/GemeenteZeist"),
        compliant_account("x", platform="Facebook", url="https://www.facebook.com/Gemeente.Zeist")
        | {"handle": None},
    ]
    export = write_export(
        tmp_path / "facebook.csv", canonical_rows("gemeentezeist", platform="facebook")
    )
    out = tmp_path / "audit"
    run = _invoke(
        "run", "-i", make_register(accounts), "-a", export, "--period", "2026-Q3", "--out", out
    )
    assert run.exit_code in (0, 1), run.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    posts = {a["account_id"]: a["metrics"].get("posts") for a in findings["accounts"]}
    assert posts["facebook:gemeente.zeist"] == 92
    assert "facebook:gemeentezeist" not in posts
