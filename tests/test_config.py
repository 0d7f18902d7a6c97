"""auditor.toml: defaults, overrides, and errors that name the key."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import check_settings
from auditor.problems import InputError
from auditor.settings import load_config, parse_config
from auditor.template import render_config_template


def test_no_file_gives_the_policy_defaults():
    config = load_config(None)
    assert config.timezone == "Europe/Amsterdam"
    assert config.business_hours.minutes()[0] == (8 * 60 + 30, 17 * 60)
    assert config.business_hours.saturday is None
    assert config.organisation.policy_date == dt.date(2013, 8, 29)
    assert config.house_style.home_domain == "zeist.nl"
    assert config.reports.answer_within_days == 30
    act001 = check_settings(config, "ACT001")
    assert act001.enabled
    assert act001.params.min_posts_per_week_main == 3
    assert act001.params.min_posts_per_week_secondary == 1
    assert check_settings(config, "ACT002").params.days == 60
    assert check_settings(config, "ACT003").params.max_gap_days == 21
    assert check_settings(config, "RSP001").params.max_median_business_hours == 8
    assert check_settings(config, "RSP001").params.max_p90_business_hours == 16
    assert check_settings(config, "RSP002").params.max_unanswered_share == 0.05


def test_a_file_overrides_thresholds_severity_and_switches(tmp_path: Path):
    path = tmp_path / "auditor.toml"
    path.write_text(
        'timezone = "Europe/Brussels"\n'
        "[business_hours]\n"
        'friday = "08:30-12:30"\n'
        "closed_days = [2026-05-15]\n"
        "[checks.ACT002]\n"
        "days = 90\n"
        'severity = "low"\n'
        "[checks.CON001]\n"
        "enabled = false\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.timezone == "Europe/Brussels"
    assert config.business_hours.minutes()[4] == (8 * 60 + 30, 12 * 60 + 30)
    assert config.business_hours.closed_days == [dt.date(2026, 5, 15)]
    settings = check_settings(config, "ACT002")
    assert settings.params.days == 90
    assert settings.severity == "low"
    assert check_settings(config, "CON001").enabled is False


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('timezon = "Europe/Amsterdam"', "timezon: unknown key"),
        ('timezone = "Mars/Olympus"', "timezone"),
        ("[business_hours]\nmonday = 9", "business_hours.monday"),
        ('[business_hours]\nmonday = "17:00-08:30"', "business_hours.monday"),
        ("[house_style]\nnaming_pattern = '(unclosed'", "house_style.naming_pattern"),
        ("[reports]\nanswer_within_days = 0", "reports.answer_within_days"),
        ('[checks.ACT002]\ndays = "zestig"', "checks.ACT002.days"),
        ("[checks.ACT002]\ndayz = 60", "checks.ACT002.dayz: unknown key"),
        ("[checks.XYZ001]\nenabled = false", "checks.XYZ001: unknown check"),
        ('[checks.OWN002]\nseverity = "urgent"', "checks.OWN002.severity"),
        ("[checks.OWN002]\nenabled = 3", "checks.OWN002.enabled"),
    ],
)
def test_errors_name_the_key(tmp_path: Path, toml: str, expected: str):
    path = tmp_path / "auditor.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(path)
    said = caught.value.render("en")
    assert said.startswith("auditor.toml › ")
    assert expected in said
    # The key is named in every language.
    assert expected.split(":")[0] in caught.value.render("nl")


def test_broken_toml_and_missing_file(tmp_path: Path):
    path = tmp_path / "auditor.toml"
    path.write_text("[checks\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert "not valid TOML" in caught.value.render("en")
    with pytest.raises(InputError) as caught:
        load_config(tmp_path / "missing.toml")
    assert "not found" in caught.value.render("en")


def test_the_template_holds_every_default_and_reads_back_as_the_defaults():
    text = render_config_template()
    data = tomllib.loads(text)
    assert parse_config(data).model_dump() == Config().model_dump() | {"checks": data["checks"]}
    assert data["checks"]["ACT002"]["days"] == 60
    assert "# Longest allowed silence" in text or "max_gap_days" in text


def test_an_auditor_toml_beside_the_register_is_used_and_named(tmp_path: Path, monkeypatch):
    from click.testing import CliRunner

    from auditor.cli import cli
    from tests.helpers import compliant_account, write_register

    folder = tmp_path / "kwartaal"
    folder.mkdir()
    register = write_register(folder / "register.xlsx", [compliant_account("sportzeist")])
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    def validate() -> str:
        result = CliRunner().invoke(cli, ["validate", "--inventory", str(register), "--lang", "en"])
        assert result.exit_code in (0, 2), result.output
        return result.output

    assert "Settings: defaults, those of Gemeente Zeist (no auditor.toml found" in validate()
    (elsewhere / "auditor.toml").write_text('timezone = "Europe/Amsterdam"\n')
    assert f"Settings: {elsewhere / 'auditor.toml'}" in validate()
    # A typo in the file beside the register proves it is read, and preferred over the other.
    (folder / "auditor.toml").write_text("[checks.ACT002]\ndayz = 30\n")
    result = CliRunner().invoke(cli, ["validate", "--inventory", str(register), "--lang", "en"])
    assert result.exit_code == 2
    assert "auditor.toml › checks.ACT002.dayz" in result.output
