"""`auditor init --organisation`: a municipality other than the bundled example's starts with
its own name, naming rule and site, and its first run is not headed or judged as Zeist's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from auditor.register import load_register
from auditor.settings import load_config


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize(
    ("name", "place", "domain", "own_name"),
    [
        ("Gemeente Utrecht", "Utrecht", "utrecht.nl", "Sport Utrecht"),
        (
            "Gemeente 's-Hertogenbosch",
            "'s-Hertogenbosch",
            "s-hertogenbosch.nl",
            "'s-Hertogenbosch Cultuur",
        ),
        (
            "Gemeente Súdwest-Fryslân",
            "Súdwest-Fryslân",
            "sudwest-fryslan.nl",
            "Bibliotheek Súdwest-Fryslân",
        ),
        ("Waterschap Rivierenland", "Rivierenland", "rivierenland.nl", "Rivierenland Dijken"),
    ],
)
def test_the_settings_are_the_organisations_own(tmp_path: Path, name, place, domain, own_name):
    result = invoke("init", tmp_path, "--organisation", name)
    assert result.exit_code == 0, result.output
    config = load_config(tmp_path / "auditor.toml")  # the file is valid TOML, pattern and all
    assert config.organisation.name == name
    assert config.house_style.home_domain == domain
    assert config.house_style.naming_rule == f"de naam bevat ‘{place}’"
    pattern = re.compile(config.house_style.naming_pattern)
    assert pattern.search(own_name) and pattern.search(name)
    assert not pattern.search("Gemeente Zeist")
    assert not pattern.search(place + "sestraat")  # a word of its own, not a part of one
    assert f"profielen linken naar {domain}" in result.output
    assert "afgeleid uit de naam" in result.output  # the site was a guess: said, with the fix
    assert "zeist" not in (tmp_path / "auditor.toml").read_text(encoding="utf-8").casefold()


def test_the_register_template_and_a_first_run_are_the_organisations(tmp_path: Path):
    result = invoke(
        "init",
        tmp_path,
        "--organisation",
        "Gemeente Utrecht",
        "--domain",
        "https://www.utrecht.nl/",
    )
    assert result.exit_code == 0, result.output
    assert "afgeleid" not in result.output
    register = load_register(tmp_path / "register.xlsx")
    assert register.problems == []
    assert [a.account_id for a in register.accounts] == ["x:gemeenteutrecht"]
    assert register.accounts[0].display_name == "Gemeente Utrecht"
    cells = [
        str(cell.value)
        for sheet in load_workbook(tmp_path / "register.xlsx")
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert not [c for c in cells if "zeist" in c.casefold()]

    out = tmp_path / "audit"
    run = invoke(
        "run",
        "--inventory",
        tmp_path / "register.xlsx",
        "--config",
        tmp_path / "auditor.toml",
        "--period",
        "2026-Q3",
        "--out",
        out,
    )
    assert run.exit_code in (0, 1), run.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    checked = {f["check_id"] for f in findings["findings"]}
    assert not checked & {"STY001", "STY002"}, checked  # the example row keeps the house style
    page = (out / "index.html").read_text(encoding="utf-8")
    # Headed as Utrecht's; the policy quoted under "Uit het beleid" stays the policy the
    # checks were written from (Zeist's), which names its inhabitants.
    assert "<title>" in page and "Gemeente Utrecht" in page.split("</title>")[0]
    assert "Gemeente Zeist" not in page and "zeist.nl" not in page


def test_the_settings_in_english_say_the_rule_in_english(tmp_path: Path):
    result = invoke("--lang", "en", "init", tmp_path, "--organisation", "City of Leiden")
    assert result.exit_code == 0, result.output
    config = load_config(tmp_path / "auditor.toml")
    assert config.house_style.naming_rule == "the name contains ‘Leiden’"
    assert config.house_style.home_domain == "leiden.nl"
    assert "Written for City of Leiden" in result.output


def test_a_domain_that_is_no_site_is_said_and_nothing_written(tmp_path: Path):
    result = invoke(
        "init", tmp_path / "new", "--organisation", "Gemeente Utrecht", "--domain", "utrecht"
    )
    assert result.exit_code == 2
    assert (
        result.output
        == "fout: ‘utrecht’ is geen site; geef het domein zoals in een adres: utrecht.nl\n"
    )
    assert not (tmp_path / "new").exists()


def test_without_an_organisation_the_example_stays_zeists(tmp_path: Path):
    assert invoke("init", tmp_path).exit_code == 0
    config = load_config(tmp_path / "auditor.toml")
    assert config.organisation.name == "Gemeente Zeist"
    assert config.house_style.home_domain == "zeist.nl"
