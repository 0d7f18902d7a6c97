"""A new user's first hour, from the README: init, filling in the template, validate, run,
history and each command's help. Every step's output says what to do next, in the user's
language; found by following the README word for word on a fresh clone."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from tests.helpers import compliant_account, write_export


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="auditor")


def flat(output: str) -> str:
    """The output with click's line wrapping undone."""
    return " ".join(output.split())


def test_a_default_in_the_help_is_said_in_the_language_of_the_help():
    # `[default: audit-demo]` stood in English under Dutch help; `history` said its default
    # twice, once in each language.
    dutch = flat(invoke("demo", "--help").output)
    assert "Map voor de uitvoer. [standaard: audit-demo]" in dutch
    assert "[default:" not in dutch
    english = flat(invoke("demo", "--help", "--lang", "en").output)
    assert "Output folder. [default: audit-demo]" in english
    history = flat(invoke("history", "--help").output)
    assert "Geschiedenisbestand (standaard: audit-history.sqlite in deze map)." in history
    assert history.count("audit-history.sqlite") == 1
    publish = flat(invoke("publish", "--help").output)
    assert "[standaard: social-" in publish  # click may wrap at the hyphen
    assert "[default:" not in publish


def test_explain_names_its_argument_as_its_usage_line_does_and_where_the_ids_are():
    dutch = flat(invoke("explain", "--help").output)
    assert dutch.startswith("Gebruik: auditor explain [OPTIES] CONTROLE")
    assert "CONTROLE is een code (RSP001, RSP-001)" in dutch
    assert "CHECK_ID" not in dutch
    assert "Alle controles: auditor checks." in dutch
    english = flat(invoke("explain", "--help", "--lang", "en").output)
    assert "CHECK_ID is an id (RSP001, RSP-001)" in english
    assert "All checks: auditor checks." in english


def test_init_says_the_next_step(tmp_path: Path):
    result = invoke("init", tmp_path / "bunnik", "--organisation", "Gemeente Bunnik")
    assert result.exit_code == 0, result.output
    register = tmp_path / "bunnik" / "register.xlsx"
    assert result.output.splitlines()[-1] == (
        "Volgende stap: vervang op elk blad de voorbeeldgegevens (Voornaam Achternaam, "
        "Voornaam Collega, de uitzondering op Uitzonderingen) door die van uw organisatie, en "
        f'controleer het register met: auditor validate --inventory "{register}"'
    )
    english = invoke("init", tmp_path / "en", "--lang", "en")
    assert english.exit_code == 0, english.output
    assert english.output.splitlines()[-1] == (
        "Next: on every sheet, replace the example data (Firstname Lastname, Firstname "
        "Colleague, the waiver on Waivers) with your organisation’s, and check the "
        f'register with: auditor validate --inventory "{tmp_path / "en" / "register.xlsx"}"'
    )


def test_the_templates_example_colleague_stands_in_sight(tmp_path: Path):
    # Written after the 500 formatted rows, the example substitute stood at row 501: a user
    # who replaced the example rows they saw still had a staff member 'Voornaam Collega'.
    assert invoke("init", tmp_path).exit_code == 0
    staff = load_workbook(tmp_path / "register.xlsx")["Medewerkers"]
    filled = [row[0].row for row in staff.iter_rows() if any(c.value is not None for c in row)]
    assert filled == [1, 2, 3]
    assert staff["A3"].value == "Voornaam Collega"
    validated = invoke("validate", "--inventory", tmp_path / "register.xlsx")
    assert "2 medewerkers" in validated.output


def test_validate_with_errors_says_to_fix_them_and_check_again(tmp_path: Path):
    assert invoke("init", tmp_path).exit_code == 0
    book = load_workbook(tmp_path / "register.xlsx")
    for cell in book["Accounts"][2]:  # the example account gone, its example waiver left
        cell.value = None
    book["Accounts"]["A2"] = "x"
    book["Accounts"]["B2"] = "@bunniksport"
    book.save(tmp_path / "register.xlsx")
    result = invoke("validate", "--inventory", tmp_path / "register.xlsx")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Los de fout hierboven op en controleer opnieuw; waarschuwingen houden de audit niet tegen."
    )
    english = invoke("validate", "--inventory", tmp_path / "register.xlsx", "--lang", "en")
    assert english.output.splitlines()[-1] == (
        "Fix the error above and check again; warnings do not hold the audit back."
    )


def test_validate_without_errors_gives_the_run_to_copy(make_register, tmp_path: Path):
    register = make_register([compliant_account("sportzeist")])
    exports = tmp_path / "exports"
    exports.mkdir()
    write_export(
        exports / "x.csv",
        [
            {
                "platform": "x",
                "account": "sportzeist",
                "item_id": "1",
                "timestamp": "2026-07-01T09:00:00+02:00",
                "direction": "out",
            }
        ],
    )
    result = invoke("validate", "--inventory", register, "--activity", exports)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "Geen fouten. Volgende stap, de audit: auditor run "
        f'--inventory "{register}" --activity "{exports}"'
    )
    alone = invoke("validate", "--inventory", register, "--lang", "en")
    assert alone.output.splitlines()[-1] == (
        f'No errors. Next, the audit: auditor run --inventory "{register}" '
        "--activity <folder of exports>"
    )


def test_responses_not_there_says_a_first_audit_has_none(make_register, tmp_path: Path):
    # The README's run names `--responses audit-2026-Q2/audit.xlsx`; on a first audit there is
    # no such file, and the error said no more than that.
    register = make_register([compliant_account("sportzeist")])
    result = invoke(
        "run",
        "--inventory",
        register,
        "--period",
        "2026-Q3",
        "--out",
        tmp_path / "audit",
        "--responses",
        tmp_path / "audit-2026-Q2" / "audit.xlsx",
    )
    assert result.exit_code == 2
    assert result.output == (
        "fout: audit.xlsx › bestand of map bestaat niet; --responses is voor de werkmappen die "
        "beheerders na een eerdere audit terugstuurden (bij de eerste audit laat u het weg)\n"
    )
    assert not (tmp_path / "audit").exists()


def test_history_where_there_is_none_says_where_a_run_keeps_it(tmp_path: Path):
    result = invoke("history", "--history", tmp_path / "audit-history.sqlite")
    assert result.exit_code == 2
    assert result.output == (
        "fout: audit-history.sqlite › hier is nog geen audithistorie; `auditor run` legt die "
        "aan naast de auditmap: geef die met --history <map>/audit-history.sqlite\n"
    )
    english = invoke("history", "--history", tmp_path / "audit-history.sqlite", "--lang", "en")
    assert english.output == (
        "error: audit-history.sqlite › no audit history here yet; `auditor run` makes it beside "
        "the audit folder: give that one with --history <folder>/audit-history.sqlite\n"
    )


def test_run_says_which_checks_did_not_run_and_what_they_lacked(make_register, tmp_path: Path):
    # "6 controles niet uitgevoerd" alone: which, and why, was in the report only.
    register = make_register([compliant_account("sportzeist")])

    def run(*more: str):
        return invoke(
            "run",
            "--inventory",
            register,
            "--period",
            "2026-Q3",
            "--out",
            tmp_path / "audit",
            "--history",
            tmp_path / "h.sqlite",
            "--force",
            *more,
        )

    dutch = run()
    assert dutch.exit_code == 0, dutch.output
    assert (
        "  ACT001, ACT002, ACT003, CON001 niet uitgevoerd: geen activiteitsgegevens die de "
        "periode dekken voor de actieve accounts: lever de postexports van de platforms over de "
        "periode (of een canoniek bestand) aan met --activity"
    ) in dutch.output.splitlines()
    assert any(
        line.startswith("  RSP001, RSP002 niet uitgevoerd: geen inkomende berichten")
        for line in dutch.output.splitlines()
    )
    english = run("--lang", "en")
    assert any(
        line.startswith("  ACT001, ACT002, ACT003, CON001 not run: no activity data covering")
        for line in english.output.splitlines()
    )


def test_the_demo_says_how_to_start_on_ones_own(tmp_path: Path):
    result = invoke("demo", "--out", tmp_path / "audit-demo")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == [
        f"Voorbeeldrapport: {(tmp_path / 'audit-demo' / '2026-Q3' / 'index.html').resolve()}",
        "Open het in een browser. Voor uw eigen organisatie: auditor init --organisation "
        '"Gemeente <naam>" schrijft een register om in te vullen.',
    ]


def test_the_commands_help_says_where_to_begin():
    # Ten commands in alphabetical order, and no word of which comes first.
    dutch = flat(invoke("--help").output)
    assert (
        "De eerste keer: auditor demo laat een voorbeeld zien; auditor init --organisation "
        '"Gemeente <naam>" schrijft een register om in te vullen, auditor validate controleert '
        "het en auditor run doet de audit. In het Engels: --lang en, voor of na de opdracht."
    ) in dutch
    english = flat(invoke("--lang", "en", "--help").output)
    assert "The first time: auditor demo shows an example;" in english


def test_settings_written_in_english_make_the_next_commands_english(tmp_path: Path):
    # `init --lang en` wrote its comments in English and `language = "nl"`: validate, run and
    # the reports answered in Dutch from then on.
    assert invoke("init", tmp_path, "--lang", "en").exit_code == 0
    config = (tmp_path / "auditor.toml").read_text(encoding="utf-8")
    assert '\nlanguage = "en"\n' in config
    validated = invoke("validate", "--inventory", tmp_path / "register.xlsx")
    assert "register.xlsx: 1 account, 2 staff" in validated.output
    assert invoke("init", tmp_path / "nl").exit_code == 0
    dutch = (tmp_path / "nl" / "auditor.toml").read_text(encoding="utf-8")
    assert '\nlanguage = "nl"\n' in dutch


def test_the_run_to_copy_names_files_as_windows_wrote_them_and_keeps_the_settings(
    make_register, tmp_path: Path
):
    # A name that is no UTF-8 (`café` as byte E9, a share filled on Windows) could not be
    # printed: an internal error after every line of the check had been said.
    register = make_register([compliant_account("sportzeist")])
    named = register.rename(tmp_path / os.fsdecode(b"r\xe9gister.xlsx"))
    settings = tmp_path / "instellingen" / "auditor.toml"
    settings.parent.mkdir()
    settings.write_text('language = "nl"\n', encoding="utf-8")
    result = invoke("validate", "--inventory", named, "--config", settings)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "Geen fouten. Volgende stap, de audit: auditor run "
        f'--inventory "{tmp_path / "régister.xlsx"}" --activity <map met exports> '
        f'--config "{settings}"'
    )


def test_a_period_chosen_from_the_exports_says_how_to_choose_another(make_register, tmp_path: Path):
    """One export reaching into a later quarter than the others moves the audit there, and
    the others' activity is not judged: the line that says why the period was chosen also says
    how to choose another."""
    register = make_register([compliant_account("sportzeist")])
    export = write_export(
        tmp_path / "export.csv",
        [
            {"platform": "x", "account": "@sportzeist", "item_id": str(i), "direction": "out",
             "timestamp": f"2026-0{month}-10T10:00:00Z"}
            for i, month in enumerate((7, 8, 9))
        ],
    )  # fmt: skip
    for lang, hint in (("nl", "een ander kwartaal kiest u met --period"),
                       ("en", "choose another quarter with --period")):  # fmt: skip
        out = tmp_path / f"audit-{lang}"
        result = invoke(
            "run", "--inventory", register, "--activity", export, "--out", out,
            "--history", tmp_path / f"{lang}.sqlite", "--lang", lang,
        )  # fmt: skip
        assert result.exit_code in (0, 1), result.output
        line = next(x for x in result.output.splitlines() if "2026-Q3" in x and "--period" in x)
        assert line.endswith(hint + "."), line
