"""The CLI as a user meets it: exit codes, messages naming the place, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from types import SimpleNamespace

import click
import pytest
from babel import Locale
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from auditor import __version__
from auditor.cli import cli
from auditor.messages import DEFAULT_LANG, STORED_TEXT, Message, catalogue, has, languages
from auditor.register import load_register
from auditor.stages import stage_key
from tests.helpers import compliant_account, write_register


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_validate_clean_register_exits_0(make_register):
    path = make_register([compliant_account("sportzeist")])
    result = invoke("validate", "--inventory", path)
    assert result.exit_code == 0, result.output
    assert "register.xlsx: 1 account, " in result.output
    assert "0 fouten, 0 waarschuwingen" in result.output
    assert (
        "Instellingen: standaardwaarden, die van Gemeente Zeist (geen auditor.toml gevonden; "
        "auditor init schrijft er een om aan te passen, auditor init --organisation "
        '"<naam>" een voor een andere organisatie)'
    ) in result.output
    english = invoke("validate", "--inventory", path, "--lang", "en")
    assert english.exit_code == 0, english.output
    assert "1 account," in english.output
    assert "0 errors" in english.output
    assert "Settings: defaults, those of Gemeente Zeist (no auditor.toml found;" in english.output


def test_the_configuration_chooses_the_language_and_lang_overrides_it(make_register, tmp_path):
    path = make_register([compliant_account("sportzeist")])
    (tmp_path / "auditor.toml").write_text('language = "en"\n', encoding="utf-8")
    result = invoke("validate", "--inventory", path)
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output
    assert f"Settings: {tmp_path / 'auditor.toml'}" in result.output
    dutch = invoke("validate", "--inventory", path, "--lang", "nl")
    assert "0 fouten, 0 waarschuwingen" in dutch.output


def test_validate_lists_every_problem_and_exits_2(tmp_path: Path):
    path = write_register(
        tmp_path / "register.xlsx",
        [
            compliant_account("a", started="31-02-2024"),
            compliant_account("b", platform="12345", url=None),
            compliant_account("a"),
        ],
    )
    result = invoke("validate", "--inventory", path, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert 'register.xlsx › Accounts › row 2 › Gestart: "31-02-2024" is not a date' in result.output
    assert 'row 3 › Platform: "12345" is not a platform name' in result.output
    assert "rows 2 and 4" in result.output
    assert "Traceback" not in result.output


def test_validate_with_only_warnings_exits_0(tmp_path: Path):
    path = write_register(tmp_path / "r.xlsx", [compliant_account("a", status=None)])
    result = invoke("validate", "--inventory", path, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output
    assert "taken as active (actief)" in result.output
    dutch = invoke("validate", "--inventory", path)
    assert dutch.exit_code == 0, dutch.output
    assert dutch.output.startswith("waarschuwing: ")
    assert "0 fouten, 1 waarschuwing\n" in dutch.output


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leeg.xlsx", b""),
        ("kapot.xlsx", b"PK\x03\x04 truncated zip"),
        ("foto.xlsx", bytes(range(256)) * 4),
        ("register.csv", b"\x00\x01\x02\x03binary\x00"),
        ("register.csv", b"wat,is,dit\n1,2,3\n"),
        ("register.docx", b"PK\x03\x04"),
    ],
)
def test_hostile_inventory_exits_2_with_one_line_naming_the_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("validate", "--inventory", path)
    assert result.exit_code == 2
    assert name in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_inventory_exits_2(tmp_path):
    result = invoke("validate", "--inventory", tmp_path / "nope.xlsx")
    assert result.exit_code == 2
    assert "nope.xlsx" in result.output


def test_init_writes_a_template_the_reader_accepts(tmp_path: Path):
    result = invoke("init", tmp_path / "nieuw")
    assert result.exit_code == 0, result.output
    register = load_register(tmp_path / "nieuw" / "register.xlsx")
    assert register.problems == []
    assert [a.account_id for a in register.accounts] == ["x:gemeentezeist"]
    assert register.staff and register.departments and register.waivers
    workbook = load_workbook(tmp_path / "nieuw" / "register.xlsx")
    assert workbook.sheetnames == ["Accounts", "Medewerkers", "Afdelingen", "Uitzonderingen"]
    accounts = workbook["Accounts"]
    assert accounts.freeze_panes == "A2"
    assert accounts["A1"].value == "Platform"
    lists = {
        str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1
        for v in accounts.data_validations.dataValidation
    }
    headers = {c.column_letter: c.value for c in accounts[1]}
    by_header = {headers[col]: formula for col, formula in lists.items()}
    assert set(by_header) >= {"Platform", "Type", "Status", "Doel"}
    assert "hoofdaccount" in by_header["Type"]
    assert "instagram" in by_header["Platform"]
    config = (tmp_path / "nieuw" / "auditor.toml").read_text(encoding="utf-8")
    assert "[checks.ACT002]" in config
    assert "days = 60" in config


def test_init_does_not_overwrite_without_force(tmp_path: Path):
    assert invoke("init", tmp_path).exit_code == 0
    again = invoke("init", tmp_path)
    assert again.exit_code == 2
    assert (
        again.output
        == "fout: register.xlsx › bestaat al; gebruik --force om het te overschrijven\n"
    )
    english = invoke("init", tmp_path, "--lang", "en")
    assert english.exit_code == 2
    assert english.output == "error: register.xlsx › already exists; use --force to overwrite\n"
    assert invoke("init", tmp_path, "--force").exit_code == 0


def test_init_beside_a_register_of_another_name_writes_only_the_settings(tmp_path: Path):
    # Only `register.xlsx` counted as a register there: a template was written beside the
    # municipality's own, a second register for the next run to be given by mistake.
    own = write_register(
        tmp_path / "Register sociale media Gemeente X.xlsx", [compliant_account("zeistsport")]
    )
    (tmp_path / "~$Register sociale media Gemeente X.xlsx").write_bytes(b"lock")
    export = tmp_path / "export.xlsx"
    book = Workbook()
    book.active.append(["platform", "account", "item_id", "timestamp", "direction"])
    book.save(export)
    result = invoke("init", tmp_path)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "register.xlsx").exists()
    assert (tmp_path / "auditor.toml").exists()
    assert result.output.splitlines() == [
        f"{tmp_path / 'auditor.toml'} geschreven; geen sjabloon register.xlsx, want {own} in "
        "deze map is al een register.",
        f'Controleer het register met: auditor run --inventory "{own}" --activity <map met '
        "exports>; de instellingen in auditor.toml ernaast gelden dan. Toch een leeg sjabloon? "
        "auditor init --force (dat overschrijft ook een auditor.toml hier).",
    ]
    again = invoke("init", tmp_path, "--lang", "en")
    assert again.exit_code == 0, again.output
    assert again.output.startswith(
        f"Nothing written: {tmp_path / 'auditor.toml'} was there already, and {own} in this "
        "folder is a register already"
    )
    assert not (tmp_path / "register.xlsx").exists()
    assert invoke("init", tmp_path, "--force").exit_code == 0
    assert (tmp_path / "register.xlsx").exists()


def test_init_beside_an_export_workbook_writes_the_template(tmp_path: Path):
    book = Workbook()
    book.active.append(["platform", "account", "item_id", "timestamp", "direction"])
    book.active.append(["x", "@zeist", "1", "2026-07-01T09:00:00Z", "out"])
    book.save(tmp_path / "export.xlsx")
    assert invoke("init", tmp_path).exit_code == 0
    assert (tmp_path / "register.xlsx").exists()


def test_bad_config_exits_2_naming_the_key(make_register, tmp_path: Path):
    path = make_register([compliant_account("a")])
    config = tmp_path / "auditor.toml"
    config.write_text("[checks.ACT002]\ndayz = 3\n", encoding="utf-8")
    result = invoke("validate", "--inventory", path, "--config", config)
    assert result.exit_code == 2
    assert "checks.ACT002.dayz" in result.output


def test_bad_date_option_is_said_in_the_users_language(make_register):
    path = make_register([compliant_account("a")])
    result = invoke("run", "--inventory", path, "--from", "gisteren", "--to", "2026-09-30")
    assert result.exit_code == 2
    assert "begin van de periode 'gisteren' is geen datum" in result.output
    assert "Invalid value" not in result.output  # no English around the Dutch
    # --lang is read first, wherever it stands.
    english = invoke("run", "--inventory", path, "--to", "31-06-2026", "--lang", "en")
    assert english.exit_code == 2
    assert "period end '31-06-2026' is not a date" in english.output


@pytest.mark.parametrize("start", ["2026-07-01", "1-7-2026", "01/07/2026", "1.7.2026"])
def test_dates_as_the_netherlands_writes_them(make_register, tmp_path: Path, start: str):
    import json

    path = make_register([compliant_account("a")])
    out = tmp_path / "audit"
    result = invoke("run", "-i", path, "--from", start, "--to", "30-9-2026", "--out", out)
    assert result.exit_code in (0, 1), result.output
    period = json.loads((out / "findings.json").read_text(encoding="utf-8"))["period"]
    assert (period["start"], period["end"]) == ("2026-07-01", "2026-09-30")


def test_explain_unknown_check_is_usage_error():
    result = invoke("explain", "ZZZ999")
    assert result.exit_code == 2
    assert "ZZZ999" in result.output


def test_run_writes_the_seconds_of_every_stage(make_register, tmp_path: Path):
    import json

    register = make_register([compliant_account("sportzeist")])
    timings = tmp_path / "timings.json"
    result = invoke(
        "run", "--inventory", register, "--period", "2026-Q3",
        "--out", tmp_path / "audit", "--timings", timings,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    stages = json.loads(timings.read_text())
    assert list(stages)[:2] == ["reading the register", "reading the exports"]
    assert {"running the checks", "writing the reports"} <= set(stages)
    assert all(seconds >= 0 for seconds in stages.values())
    assert "…" not in result.output  # progress goes to a terminal's stderr only
    for name in stages:  # every stage is announced in words of each language
        assert all(has(stage_key(name), lang) for lang in languages()), name


def test_a_register_alone_is_audited_for_the_latest_ended_quarter(make_register, tmp_path: Path):
    from auditor.period import latest_ended_quarter

    register = make_register([compliant_account("sportzeist")])
    result = invoke("run", "--inventory", register, "--out", tmp_path / "audit")
    assert result.exit_code == 0, result.output
    latest = latest_ended_quarter()
    assert f"Periode {latest.label}: het laatst afgesloten kwartaal; er zijn geen" in result.output
    again = invoke("run", "--inventory", register, "--out", tmp_path / "audit", "--lang", "en")
    assert again.exit_code == 2
    assert "the audit folder already exists; use --force to replace it" in again.output
    english = invoke(
        "run", "--inventory", register, "--out", tmp_path / "audit", "--force", "--lang", "en"
    )
    assert english.exit_code == 0, english.output
    assert f"Period {latest.label}: the latest ended quarter; no activity data" in english.output


# ------------------------------------------------------------------ the words, per language


def test_every_cli_entry_is_in_every_language():
    def entries(lang: str) -> dict:
        return {k: v for k, v in catalogue(lang).items() if k.startswith("cli.")}

    keys = {lang: set(entries(lang)) for lang in languages()}
    for lang in languages():
        assert keys[lang] == keys[DEFAULT_LANG], lang
        for key, entry in entries(lang).items():
            if isinstance(entry, dict):  # plural forms: at least the language's own
                forms = set(Locale.parse(lang).plural_form.tags) | {"other"}
                assert forms <= set(entry), (lang, key)


def test_lang_offers_the_catalogues_found():
    run = cli.get_command(click.Context(cli), "run")
    (lang,) = [p for p in run.params if p.name == "lang"]
    assert tuple(lang.type.choices) == languages()


def _result(findings, *, skipped=1, problems=2):
    from auditor.models import Period, Severity

    period = Period(label="2026-Q3", start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30))
    made = [
        SimpleNamespace(account_id=account, severity=Severity(severity), status=status)
        for account, severity, status in findings
    ]
    open_ = [f for f in made if f.status != "waived"]
    by_severity = {}
    for severity in reversed(Severity):
        if n := sum(f.severity is severity for f in open_):
            by_severity[severity.value] = n
    return SimpleNamespace(
        period=period,
        accounts=[SimpleNamespace(registered=True)] * 2 + [SimpleNamespace(registered=False)],
        findings=made,
        skipped=[SimpleNamespace(check_id="STY004", reason=Message("explain.disabled"))] * skipped,
        problems=[object()] * problems,
        open_findings=lambda: open_,
        by_severity=lambda: by_severity,
    )


def test_the_summary_counts_in_the_language_asked(capsys, tmp_path):
    from auditor.cli import _summary

    result = _result([("x:a", "high", "open"), ("x:a", "low", "open"), ("x:b", "low", "waived")])
    reason = Message("cli.period_reason.given_period")
    _summary(result, tmp_path, "nl", reason, [Message(STORED_TEXT, nl="let op", en="mind")])
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "Audit 2026-Q3 (01-07-2026 – 30-09-2026): 2 accounts, 2 open bevindingen "
        "(1 hoog, 1 laag), 1 met uitzondering, 1 controle niet uitgevoerd.",
        "Periode 2026-Q3: opgegeven met --period.",
        "  STY004 niet uitgevoerd: uitgeschakeld in de configuratie",
        "Accounts die de meeste aandacht nodig hebben:",
        "  x:a: 2 open bevindingen (1 hoog, 1 laag)",
        "2 meldingen bij het inlezen (zie het onderdeel Invoer in het rapport).",
        f"Rapport: {(tmp_path / 'index.html').resolve()}",
    ]
    assert err == "waarschuwing: let op\n"

    _summary(result, tmp_path, "en", reason, [Message(STORED_TEXT, nl="let op", en="mind")])
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "Audit 2026-Q3 (2026-07-01 – 2026-09-30): 2 accounts, 2 open findings "
        "(1 high, 1 low), 1 waived, 1 check skipped.",
        "Period 2026-Q3: given with --period.",
        "  STY004 not run: switched off in the configuration",
        "Accounts needing most attention:",
        "  x:a: 2 open findings (1 high, 1 low)",
        "2 input problems (see the report's input section).",
        f"Report: {(tmp_path / 'index.html').resolve()}",
    ]
    assert err == "warning: mind\n"


def test_the_accounts_needing_attention_say_their_severities(capsys, tmp_path):
    # Ranked by weight, "7 open bevindingen" stood above "10 open bevindingen" with nothing
    # to say why: each line says its severities.
    from auditor.cli import _summary

    made = [("x:a", "high", "open")] * 2 + [("x:b", "low", "open")] * 5
    _summary(_result(made, skipped=0, problems=0), tmp_path, "nl")
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("Accounts die de meeste aandacht nodig hebben:")
    assert lines[start + 1 : start + 3] == [
        "  x:a: 2 open bevindingen (2 hoog)",
        "  x:b: 5 open bevindingen (5 laag)",
    ]


@pytest.mark.parametrize(
    ("lang", "one", "none"),
    [
        (
            "nl",
            "1 account, 1 open bevinding (1 kritiek), 0 met uitzondering",
            "1 open bevinding (1 kritiek)",
        ),
        ("en", "1 account, 1 open finding (1 critical), 0 waived", "1 open finding (1 critical)"),
    ],
)
def test_one_is_singular(capsys, tmp_path, lang, one, none):
    from auditor.cli import _summary

    result = _result([("x:a", "critical", "open")], skipped=0, problems=0)
    result.accounts = [SimpleNamespace(registered=True)]
    _summary(result, tmp_path, lang)
    out = capsys.readouterr().out
    assert one in out
    assert f"  x:a: {none}\n" in out


def test_stages_are_announced_in_the_language_spoken(monkeypatch):
    import io

    from auditor import stages

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(stages, "SHOW_AFTER", 0.0)
    for lang, words in [("nl", "register inlezen"), ("en", "reading the register")]:
        terminal = Terminal()
        monkeypatch.setattr(stages.sys, "stderr", terminal)
        with stages.speaking(lang), stages.timed() as times, stages.stage("reading the register"):
            pass
        shown = terminal.getvalue()
        assert words in shown.split("\n")[0]  # the live line, while the stage runs
        assert shown.endswith("\n")
        kept = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.rstrip("\n").split("\n")[-1])
        assert re.fullmatch(rf"… {words} \(\d+([,.]\d+)? s\)", kept.split("\r")[-1]), kept
        assert list(times) == ["reading the register"]  # --timings keeps the stage's name


def test_a_stage_with_known_work_counts_it_at_a_terminal(monkeypatch):
    import io

    from auditor import stages

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(stages.sys, "stderr", terminal)
    with stages.speaking("en"), stages.stage("writing the reports") as step:
        step.expect(3)
        for _ in range(3):
            step.advance()
    assert "3/3" in terminal.getvalue()
    assert "writing the pages and workbooks" in terminal.getvalue()


def test_stages_say_nothing_when_stderr_is_not_a_terminal(monkeypatch):
    import io

    from auditor import stages

    pipe = io.StringIO()
    monkeypatch.setattr(stages.sys, "stderr", pipe)
    monkeypatch.setattr(stages, "SHOW_AFTER", 0.0)
    with stages.timed() as times, stages.stage("writing the reports", total=2) as step:
        step.advance(2)
    assert pipe.getvalue() == ""
    assert list(times) == ["writing the reports"]


def test_a_configuration_with_mistakes_still_names_its_language(tmp_path):
    from auditor.cli import _language_in

    config = tmp_path / "auditor.toml"
    config.write_text('language = "en"\n[checks.ACT002]\ndayz = 3\n', encoding="utf-8")
    assert _language_in(config) == "en"
    config.write_text('language = "en"\n[[[', encoding="utf-8")
    assert _language_in(config) is None
    config.write_text('language = "kl"\n', encoding="utf-8")
    assert _language_in(config) is None
    assert _language_in(tmp_path / "nope.toml") is None


def test_the_accounts_needing_attention_are_named_as_people_know_them(make_register, tmp_path):
    register = make_register(
        [compliant_account("sport", substitute_name=None, substitute_email=None)]
    )
    result = CliRunner().invoke(
        cli, ["run", "--inventory", str(register), "--out", str(tmp_path / "audit")]
    )
    assert result.exit_code in (0, 1), result.output
    assert "  Sport Zeist (X @sport): " in result.output
    assert "x:sport:" not in result.output


def test_validate_says_many_rows_rejected_for_one_reason_once(make_register, tmp_path):
    """Junk rows in an export are named one by one when few, else once per reason with the
    count and an example; the ledger line still counts every one."""
    from tests.helpers import canonical_rows, write_export

    register = make_register([compliant_account("sportzeist")])
    rows = canonical_rows("sportzeist", end="2026-07-20")
    for row in rows[:12]:
        row["timestamp"] = "not a time"
    rows[12]["direction"] = "sideways"
    export = write_export(tmp_path / "x.csv", rows)
    result = invoke("validate", "--inventory", register, "--activity", export, "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "x.csv ›" in line]
    assert len(lines) == 2, result.output
    assert "x.csv › rows 2, 3, 4 and 9 more ›" in lines[0]
    assert "x.csv › row 14 ›" in lines[1]  # the one row with an unknown direction
    assert "rejected 13" in result.output


def test_a_team_named_as_owner_does_not_act_its_substitute_does(make_register, tmp_path):
    """OWN001 finds the owner is a team: the fix list goes to the substitute, who is told why,
    and the team gets no list of its own."""
    account = compliant_account("sportzeist", owner_name="Team Sport", owner_email=None)
    register = make_register([account])
    out = tmp_path / "audit"
    result = invoke("run", "--inventory", register, "--period", "2026-Q3", "--out", out)
    assert result.exit_code in (0, 1), result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert any(f["check_id"] == "OWN001" for f in findings)
    assert not (out / "owners" / "team-sport.html").exists()
    page = (out / "owners" / "piet-bakker.html").read_text(encoding="utf-8")
    assert "vervanger, want de genoemde beheerder, Team Sport, is geen persoon" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="owners/piet-bakker.html">Piet Bakker</a>' in index


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["run"], "fout: optie --inventory ontbreekt (zie auditor run --help)"),
        (["rn"], "fout: onbekende opdracht 'rn'; bedoelt u 'run'?"),
        (["--versoin"], "fout: onbekende optie --versoin; bedoelt u --version?"),
        (["run", "-i", "r.xlsx", "--forse"], "onbekende optie --forse; bedoelt u --force?"),
        (["run", "-i", "r.xlsx", "--bogus"], "fout: onbekende optie --bogus (zie"),
        (["run", "-i", "r.xlsx", "--period"], "optie --period heeft een waarde nodig"),
        (["run", "-i", "r.xlsx", "--lang", "de"], "--lang kan niet 'de' zijn: kies uit en, nl"),
        (
            ["run", "-i", "r.xlsx", "--fail-on", "heel"],
            "kies uit info, low, medium, high, critical (of laag, middel, hoog, kritiek)",
        ),
        (
            ["run", "-i", "r.xlsx", "exports/x.csv"],
            "niet verwacht: exports/x.csv; een export of map geeft u op met -a",
        ),
        (["explain", "OWN001", "extra"], "fout: niet verwacht: extra (zie auditor explain --help)"),
        (["verify", "-i", "r.xlsx"], "fout: geef HANDLE_OR_URL... op (zie auditor verify --help)"),
        (
            ["run", "--lang", "en", "-i", "r.xlsx", "--fail-on", "heel"],
            "error: --fail-on cannot be 'heel': choose from",
        ),
    ],
)
def test_a_mistake_on_the_command_line_is_said_in_the_users_language(args, said):
    result = CliRunner().invoke(cli, args, prog_name="auditor")
    assert result.exit_code == 2
    assert said in result.output
    assert "Error:" not in result.output and "Usage:" not in result.output


def test_fail_on_takes_the_severity_as_the_reports_name_it(make_register, tmp_path: Path):
    path = make_register([compliant_account("a", two_factor="nee")])  # SEC001: high
    for word, code in [("hoog", 1), ("kritiek", 0), ("HIGH", 1)]:
        out = tmp_path / word
        result = invoke("run", "-i", path, "--period", "2026-Q3", "--out", out, "--fail-on", word)
        assert result.exit_code == code, (word, result.output)


def test_the_command_alone_shows_its_help_not_an_error():
    result = CliRunner().invoke(cli, [], prog_name="auditor")
    assert result.exit_code in (0, 2)  # click 8.1 exits 0 here, 8.2 and later 2
    assert "Gebruik: auditor [OPTIES] OPDRACHT [ARGUMENTEN]..." in result.output
    assert "fout" not in result.output


def test_help_is_dutch_unless_english_is_asked_for_first():
    dutch = CliRunner().invoke(cli, ["run", "--help"], prog_name="auditor")
    assert dutch.exit_code == 0
    assert dutch.output.startswith("Gebruik: auditor run [OPTIES]")
    assert "Voer de kwartaalaudit uit en schrijf de rapporten." in dutch.output
    assert "Het accountregister (.xlsx of .csv). [verplicht]" in " ".join(dutch.output.split())
    assert "Opties:" in dutch.output and "Toon deze hulptekst en stop." in dutch.output
    english = CliRunner().invoke(cli, ["run", "--lang", "en", "--help"], prog_name="auditor")
    assert english.output.startswith("Usage: auditor run [OPTIONS]")
    assert "Run the quarterly audit and write the reports." in english.output
    group = CliRunner().invoke(cli, ["--help"], prog_name="auditor")
    assert "Opdrachten:" in group.output
    assert "Controleer alleen de invoer en noem elk probleem met zijn" in group.output


def test_the_placeholders_of_the_help_speak_the_language_of_the_help():
    def lines(*args):
        output = CliRunner().invoke(cli, [*args, "--help"], prog_name="auditor").output
        return [" ".join(line.split()) for line in output.splitlines()]

    dutch = lines("run")
    assert any(line.startswith("-i, --inventory PAD Het accountregister") for line in dutch)
    assert any(line.startswith("--period PERIODE Auditperiode") for line in dutch)
    assert any(line.startswith("--from DATUM Begindatum") for line in dutch)
    assert any(line.startswith("--lang [en|nl] Taal") for line in dutch)  # values stay values
    assert not any(word in " ".join(dutch) for word in ("PATH", "TEXT", "OPTIONS"))
    assert lines("explain")[0] == "Gebruik: auditor explain [OPTIES] CONTROLE"
    assert lines("verify")[0] == "Gebruik: auditor verify [OPTIES] NAAM_OF_URL..."
    init = lines("init")
    assert init[0] == "Gebruik: auditor init [OPTIES] [MAP]"
    assert "in MAP (standaard: deze map)." in " ".join(init)
    assert "[DIRECTORY]" not in init and "[MAP]" not in init[1:]  # click 8.5 listed it
    # The same options, asked in English after Dutch: click's own words again.
    english = lines("run", "--lang", "en")
    assert any(line.startswith("-i, --inventory PATH The account register") for line in english)
    assert any(line.startswith("--from DATE Start date") for line in english)
    assert lines("explain", "--lang", "en")[0] == "Usage: auditor explain [OPTIONS] CHECK_ID"
    assert lines("run")[3:] == dutch[3:]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_command_and_option_has_its_help_in_the_catalogue(lang):
    import click

    from auditor.messages import has

    ctx = click.Context(cli)
    missing = [] if has("cli.help.about", lang) else ["cli.help.about"]
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if not has(f"cli.help.{name}.about", lang):
            missing.append(f"cli.help.{name}.about")
        for param in command.get_params(click.Context(command, parent=ctx)):
            if isinstance(param, click.Option):
                # the help option by its flags: click 8.5 calls it `_click_default_help`
                own = "help" if "--help" in param.opts else param.name
                keys = [f"cli.help.{name}.{own}", f"cli.help.any.{own}"]
                if not any(has(key, lang) for key in keys):
                    missing.append(keys[0])
    assert missing == []
