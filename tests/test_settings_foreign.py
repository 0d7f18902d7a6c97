"""auditor.toml as people save it: another editor's encoding, Dutch numbers, a TOML mistake,
a folder given for the file. Every mistake is one line naming the file, line and column, in
the language asked, never a traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import compliant_account, write_register


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return write_register(tmp_path / "register.xlsx", [compliant_account("sportzeist")])


def validate(register: Path, config: Path, *more: str):
    args = ["validate", "--inventory", str(register), "--config", str(config), *more]
    return CliRunner().invoke(cli, args)


SETTING = '[organisation]\nname = "Gemeente Súdwest-Fryslân"\nlanguage_unused = 1\n'


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + SETTING.encode("utf-8"),
        SETTING.encode("utf-16"),  # Notepad's "Unicode": a byte order mark, then UTF-16
        SETTING.encode("cp1252"),  # Notepad's "ANSI"
    ],
    ids=["utf-8 with BOM", "utf-16", "windows-1252"],
)
def test_a_settings_file_in_another_editors_encoding_is_read(register, tmp_path, encoded):
    config = tmp_path / "auditor.toml"
    config.write_bytes(encoded)
    result = validate(register, config)
    # Read: the one mistake told is the setting's own, not the file's encoding.
    assert result.exit_code == 2, result.output
    assert result.output.strip().endswith(
        "auditor.toml › organisation.language_unused: onbekende instelling"
    ), result.output


def test_a_bom_alone_does_not_stop_a_clean_file(register, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_bytes(codecs.BOM_UTF8 + b'timezone = "Europe/Amsterdam"\n')
    result = validate(register, config)
    assert result.exit_code == 0, result.output
    english = tmp_path / "en.toml"
    english.write_bytes('language = "en"\n'.encode("utf-16"))
    assert "0 errors" in validate(register, english).output


@pytest.mark.parametrize(
    ("content", "dutch", "english"),
    [
        (
            "[checks.ACT001]\nmin_posts_per_week_main = 1,5\n",
            "regel 2, kolom 28 (min_posts_per_week_main = 1,5): een getal schrijft TOML met een "
            "punt: 1.5, niet 1,5",
            "line 2, column 28 (min_posts_per_week_main = 1,5): TOML writes a number with a "
            "point: 1.5, not 1,5",
        ),
        (
            "timezone = Europe/Amsterdam\n",
            "regel 1, kolom 12 (timezone = Europe/Amsterdam): een waarde die TOML niet kent",
            "line 1, column 12 (timezone = Europe/Amsterdam): a value TOML does not know",
        ),
        (
            "[organisation\nname = 'x'\n",
            "regel 1, kolom 14 ([organisation): de naam van de tabel wordt niet afgesloten",
            "line 1, column 14 ([organisation): the table's name is not closed",
        ),
        (
            "[organisation]\npolicy_date = 2013-02-30\n",
            "regel 2, kolom 15 (policy_date = 2013-02-30): geen bestaande datum",
            "line 2, column 15 (policy_date = 2013-02-30): not a real date",
        ),
    ],
    ids=["decimal comma", "text without quotes", "unclosed table", "no such date"],
)
def test_a_toml_mistake_is_told_by_line_and_column_in_the_language_asked(
    register, tmp_path, content, dutch, english
):
    config = tmp_path / "auditor.toml"
    config.write_text(content, encoding="utf-8")
    result = validate(register, config)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("fout: auditor.toml › geen geldige TOML op " + dutch)
    assert "Expected" not in result.output and "Invalid" not in result.output
    in_english = validate(register, config, "--lang", "en")
    assert in_english.output.startswith("error: auditor.toml › not valid TOML at " + english)


def test_a_folder_given_as_the_settings_file_is_named_not_a_crash(register, tmp_path):
    folder = tmp_path / "instellingen"
    folder.mkdir()
    result = validate(register, folder)
    assert result.exit_code == 2, result.output
    assert result.output == (
        "fout: instellingen › is een map; geef het instellingenbestand zelf op (auditor.toml)\n"
    )


def test_a_binary_file_given_as_settings_is_told_as_not_text(register, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_bytes(b"\x81\x8d\x8f\x90\x9d")  # no text in any encoding read
    result = validate(register, config)
    assert result.exit_code == 2, result.output
    assert "niet als tekst (UTF-8) opgeslagen" in result.output


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (
            "[reports]\nanswer_within_days = 10000000\n",
            "reports.answer_within_days: mag hoogstens 366 zijn",
        ),
        (
            "[checks.ACT002]\ndays = 100000000000000000000\n",
            "checks.ACT002.days: mag hoogstens 3.660 zijn",
        ),
        (
            "[checks.ACT003]\nmax_gap_days = 99999999\n",
            "checks.ACT003.max_gap_days: mag hoogstens 3.660 zijn",
        ),
        (
            "[checks.RSP001]\nmax_median_business_hours = nan\n",
            "checks.RSP001.max_median_business_hours: verwacht een gewoon getal, geen inf of nan",
        ),
        (
            "[checks.ACT001]\nmin_posts_per_week_main = inf\n",
            "checks.ACT001.min_posts_per_week_main: verwacht een gewoon getal, geen inf of nan",
        ),
        (
            '[business_hours]\nholiday_country = "Nederland"\n',
            "business_hours.holiday_country: onbekend land 'Nederland' voor de feestdagen",
        ),
        (
            '[business_hours]\nholiday_country = "DE"\nholiday_subdivision = "UT"\n',
            "business_hours.holiday_subdivision: onbekende regio 'UT' van DE; kies uit BB, BE, ",
        ),
    ],
    ids=["answer days", "dormant days", "gap days", "nan", "inf", "country", "subdivision"],
)
def test_a_threshold_out_of_range_is_told_by_validate_not_a_crash_in_run(
    register, tmp_path, content, said
):
    config = tmp_path / "auditor.toml"
    config.write_text(content, encoding="utf-8")
    result = validate(register, config)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert result.output.startswith("fout: auditor.toml › ")
    run = CliRunner().invoke(
        cli,
        ["run", "-i", str(register), "--config", str(config), "--period", "2026-Q2",
         "--out", str(tmp_path / "uit")],
    )  # fmt: skip
    assert run.exit_code == 2, run.output
    assert "Traceback" not in run.output and "interne fout" not in run.output


def test_checks_and_severities_are_read_as_people_write_them(register, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text(
        '[checks.act002]\nseverity = "Kritiek"\n[checks.response-time]\nenabled = false\n'
        '[business_hours]\nholiday_country = "de"\nholiday_subdivision = "by"\n',
        encoding="utf-8",
    )
    from auditor.engine import check_settings
    from auditor.models import Severity
    from auditor.settings import load_config

    loaded = load_config(config)
    assert check_settings(loaded, "ACT002").severity is Severity.CRITICAL
    assert check_settings(loaded, "RSP001").enabled is False
    assert (loaded.business_hours.holiday_country, loaded.business_hours.holiday_subdivision) == (
        "DE",
        "BY",
    )
    assert validate(register, config).exit_code == 0


def test_a_mistyped_key_or_check_names_the_one_meant(register, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text(
        'timezon = "Europe/Amsterdam"\n[Organisation]\nname = "x"\n[checks.ACT02]\n'
        'enabled = false\n[checks.ACT001]\nseverity = "ernstig"\n',
        encoding="utf-8",
    )
    said = validate(register, config).output
    assert "timezon: onbekende instelling; bedoelt u timezone?" in said
    assert "Organisation: onbekende instelling; bedoelt u organisation?" in said
    assert "checks.ACT02: onbekende controle; bedoelt u ACT002?" in said
    assert (
        "checks.ACT001.severity: 'ernstig' is geen ernst; kies uit info, low, medium, high, "
        "critical (of info, laag, middel, hoog, kritiek)"
    ) in said


def test_one_file_one_day_and_a_language_in_capitals_are_read_as_meant(register, tmp_path):
    waivers = tmp_path / "uitzonderingen.csv"
    waivers.write_text(
        "Platform;Account;Controle;Reden;Goedgekeurd door;Geldig tot\n"
        "X;@sportzeist;STY001;naam met partners gekozen;K. Hofman;31-12-2027\n",
        encoding="utf-8",
    )
    config = tmp_path / "auditor.toml"
    config.write_text(
        'language = "EN"\nwaivers = "uitzonderingen.csv"\n'
        "[business_hours]\nclosed_days = 2026-05-15\n",
        encoding="utf-8",
    )
    result = validate(register, config)
    assert result.exit_code == 0, result.output
    assert "uitzonderingen.csv: read 1, used 1" in result.output  # English, as asked


def test_a_waiver_file_that_is_not_there_is_told_as_the_setting_it_is(register, tmp_path):
    config = tmp_path / "instellingen" / "auditor.toml"
    config.parent.mkdir()
    config.write_text('waivers = ["uitzonderingen 2026.xlsx"]\n', encoding="utf-8")
    result = validate(register, config)
    assert result.exit_code == 2, result.output
    assert result.output == (
        "fout: auditor.toml › waivers: bestand 'uitzonderingen 2026.xlsx' niet gevonden (gezocht "
        f"als {config.parent.resolve() / 'uitzonderingen 2026.xlsx'}; een naam zonder map staat "
        "naast auditor.toml)\n"
    )


def test_a_mistyped_threshold_names_the_one_meant(register, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text("[checks.ACT002]\ndayz = 90\nEnabled = true\n", encoding="utf-8")
    said = validate(register, config, "--lang", "en").output
    assert "checks.ACT002.dayz: unknown key; did you mean days?" in said
    assert "checks.ACT002.Enabled: unknown key; did you mean enabled?" in said


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (
            "waivers = [2026]\n",
            "waivers.0: verwacht een bestandsnaam tussen aanhalingstekens, bijvoorbeeld "
            '"uitzonderingen.xlsx"',
        ),
        ("[checks]\nACT001 = 5\n", "checks.ACT001: verwacht een tabel\n"),
    ],
)
def test_a_value_of_the_wrong_kind_is_told_once_in_the_catalogues_words(
    register, tmp_path, content, said
):
    config = tmp_path / "auditor.toml"
    config.write_text(content, encoding="utf-8")
    result = validate(register, config)
    assert result.exit_code == 2
    assert said in result.output and "Input" not in result.output
    assert result.output.count("verwacht") == 1


def test_a_broken_naming_pattern_says_where_not_pythons_english(register, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text("[house_style]\nnaming_pattern = '(?i)\\bzeist('\n", encoding="utf-8")
    result = validate(register, config)
    assert result.exit_code == 2
    assert (
        "house_style.naming_pattern: '(?i)\\bzeist(' is geen geldige reguliere expressie: het "
        "loopt mis bij teken 12"
    ) in result.output
    assert "missing" not in result.output and "unterminated" not in result.output


def test_a_workbook_given_as_settings_is_named_as_such(register, tmp_path):
    result = validate(register, register)
    assert result.exit_code == 2
    assert result.output == (
        "fout: register.xlsx › is een werkmap of ander documentbestand, geen instellingenbestand: "
        "geef auditor.toml op (een tekstbestand; `auditor init` schrijft er een)\n"
    )


MAPPING = (
    '[activity.mappings.eigen]\ndetect = ["Bericht-ID"]\nitem_id = "Bericht-ID"\n'
    'timestamp = "Datum"\ndirection = "Richting"\n'
)


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("", None),
        ('timestamp_format = "%d-%m-%Y %H:%M"\ntimezone = "Europe/Brussels"\n', None),
        ("inbound = []\n", "activity.mappings.eigen.inbound: geef minstens één waarde"),
        (
            'timestamp_format = "dd-mm-yyyy"\n',
            "activity.mappings.eigen.timestamp_format: 'dd-mm-yyyy' is geen tijdformaat dat "
            'strptime leest; bijvoorbeeld "%d-%m-%Y %H:%M"',
        ),
        ('timestamp_format = "%Q"\n', "'%Q' is geen tijdformaat"),
        ('timezone = "CET+1"\n', "activity.mappings.eigen.timezone: onbekende tijdzone 'CET+1'"),
    ],
)
def test_a_mapping_that_could_never_read_a_row_is_told_by_validate(register, tmp_path, extra, said):
    config = tmp_path / "auditor.toml"
    config.write_text(MAPPING + extra, encoding="utf-8")
    result = validate(register, config)
    if said is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2 and said in result.output, result.output


def test_an_empty_detect_list_is_told(register, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text(MAPPING.replace('["Bericht-ID"]', "[]", 1), encoding="utf-8")
    result = validate(register, config)
    assert "activity.mappings.eigen.detect: geef minstens één waarde" in result.output


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('[organisation]\nname = ""\n', "organisation.name"),
        (
            '[organisation]\ncommunications_department = " "\n',
            "organisation.communications_department",
        ),
        ('[house_style]\nhome_domain = ""\n', "house_style.home_domain"),
        ('[house_style]\nnaming_pattern = ""\n', "house_style.naming_pattern"),
    ],
)
def test_an_empty_name_or_domain_the_checks_compare_with_is_told(register, tmp_path, content, key):
    # Empty, home_domain flagged every account (STY002) and communications_department every
    # main account (OWN006); an empty naming pattern switched STY001 off without a word.
    config = tmp_path / "auditor.toml"
    config.write_text(content, encoding="utf-8")
    result = validate(register, config)
    assert result.exit_code == 2
    assert f"{key}: mag niet leeg zijn" in result.output


def test_opening_hours_on_no_day_are_told(register, tmp_path):
    # Every reply would take 0 business hours: RSP001 and RSP002 silenced without a word.
    config = tmp_path / "auditor.toml"
    days = "".join(f'{d} = ""\n' for d in ("monday", "tuesday", "wednesday", "thursday", "friday"))
    config.write_text("[business_hours]\n" + days, encoding="utf-8")
    result = validate(register, config)
    assert result.exit_code == 2
    assert "business_hours: op geen enkele dag van de week open" in result.output
