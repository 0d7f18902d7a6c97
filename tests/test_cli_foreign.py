"""The command line given what people give it: an output folder that is not an audit's, a
timings file that cannot be written. One line naming the place, exit 2, nothing lost."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import compliant_account, write_register


def invoke(*args) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "map met spatie ë"
    folder.mkdir()
    write_register(folder / "régister 1.xlsx", [compliant_account("sportzeist")])
    monkeypatch.chdir(folder)
    return folder


def run(work: Path, *more):
    return invoke(
        "run", "-i", work / "régister 1.xlsx", "--period", "2026-Q2",
        "--history", work.parent / "h.sqlite", *more,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("régister 1.xlsx", "is een bestand, geen map"),
        (".", "de map bevat invoer van deze audit (régister 1.xlsx)"),
        ("..", "de map bevat invoer van deze audit"),
        ("notities", "de map is geen auditmap (er staat geen findings.json in)"),
    ],
)
def test_force_replaces_an_audit_folder_only(work, out, said):
    (work / "notities").mkdir()
    (work / "notities" / "brief.docx").write_text("mijn brief", encoding="utf-8")
    before = (work / "régister 1.xlsx").read_bytes()
    result = run(work, "--out", out, "--force")
    assert result.exit_code == 2, result.output
    assert said in result.output, result.output
    assert "--force" in result.output and "Traceback" not in result.output
    assert (work / "régister 1.xlsx").read_bytes() == before
    assert (work / "notities" / "brief.docx").read_text(encoding="utf-8") == "mijn brief"
    assert not (work.parent / "h.sqlite").exists()  # refused before the history was written


def test_force_replaces_an_earlier_audit_and_an_empty_folder(work):
    (work / "leeg").mkdir()
    assert run(work, "--out", "leeg", "--force").exit_code == 0
    assert (work / "leeg" / "findings.json").is_file()
    again = run(work, "--out", "leeg", "--force", "--lang", "en")
    assert again.exit_code == 0, again.output


def test_the_audit_folder_is_readable_as_any_folder_made_here(work):
    os.umask(mask := os.umask(0o022))
    assert run(work, "--out", "uit").exit_code == 0
    mode = stat.S_IMODE((work / "uit").stat().st_mode)
    assert mode == 0o777 & ~mask, oct(mode)


@pytest.mark.parametrize(
    ("timings", "said"),
    [
        ("régister 1.xlsx/t.json", "fout: régister 1.xlsx › is een bestand, geen map"),
        (".", "is een map; geef een bestandsnaam op"),
    ],
)
def test_a_timings_file_that_cannot_be_written_is_told_before_the_audit(work, timings, said):
    result = run(work, "--out", "uit", "--timings", timings)
    assert result.exit_code == 2, result.output
    assert said in result.output and "Traceback" not in result.output
    assert not (work / "uit").exists()
    written = run(work, "--out", "uit", "--timings", "tijden ë.json")
    assert written.exit_code == 0, written.output
    assert "writing findings.json" in json.loads((work / "tijden ë.json").read_text())


def test_an_output_folder_under_a_file_is_told_before_the_history_is_written(work):
    result = run(work, "--out", "régister 1.xlsx/uit")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("fout: uit › ")
    assert "Traceback" not in result.output
    assert not (work.parent / "h.sqlite").exists()


def test_a_read_only_output_location_is_told_not_a_crash(work, monkeypatch):
    import errno
    import tempfile

    def refused(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    result = run(work, "--out", "uit")
    assert result.exit_code == 2, result.output
    assert result.output == (
        "fout: uit › geen toegang: de map of het bestand is alleen-lezen, of van iemand anders\n"
    )
    assert not (work.parent / "h.sqlite").exists()
    english = run(work, "--out", "uit", "--lang", "en")
    assert english.output == (
        "error: uit › no access: the folder or file is read-only, or someone else's\n"
    )


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EDQUOT"])
def test_a_disk_that_fills_up_while_the_reports_are_written_is_told_not_a_crash(
    work, monkeypatch, errno_name
):
    # A write that fails midway names no file (`f.write` on a full share): it was an internal
    # error with a traceback, and the half-written folder is not left behind.
    import errno

    from reports import html

    def full(self, *args, **kwargs):
        raise OSError(getattr(errno, errno_name), "No space left on device")

    monkeypatch.setattr(html.Path, "write_text", full)
    monkeypatch.setattr("reports.PARALLEL", False)
    result = run(work, "--out", "uit")
    assert result.exit_code == 2, result.output
    assert result.output == "fout: uit › de schijf is vol\n"
    assert not (work / "uit").exists()
    assert [p.name for p in work.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("command", [["init", "régister 1.xlsx"], ["init", "régister 1.xlsx/sub"]])
def test_init_into_a_file_is_told_not_a_crash(work, command):
    result = invoke(*command)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("fout: ") and "Traceback" not in result.output


def test_a_history_that_cannot_be_made_is_told_in_the_catalogues_words(work):
    result = run(work, "--out", "uit", "--history", work / "régister 1.xlsx" / "h.sqlite")
    assert result.exit_code == 2, result.output
    assert "h.sqlite › kan de auditgeschiedenis niet openen: " in result.output
    assert "unable" not in result.output and "Errno" not in result.output


@pytest.mark.parametrize(
    ("lang", "said", "foreign"),
    [
        ("nl", "# Tijdzone voor dagen, weken en kantoortijden", "Zone for days"),
        ("en", "# Zone for days, weeks and office hours", "Tijdzone voor"),
    ],
)
def test_init_comments_the_settings_in_the_language_it_speaks(tmp_path, lang, said, foreign):
    import tomllib

    from auditor.config import Config
    from auditor.settings import parse_config

    result = invoke("init", tmp_path / "nieuw", "--lang", lang)
    assert result.exit_code == 0, result.output
    written = (tmp_path / "nieuw" / "auditor.toml").read_text(encoding="utf-8")
    assert said in written and foreign not in written
    comments = "\n".join(line for line in written.splitlines() if line.startswith("#"))
    for english in ("Opening hours", "Header names", "Per check", "Unknown keys"):
        assert (english in comments) is (lang == "en"), english
    data = tomllib.loads(written)
    # Every default, but the language the settings are written in: the audits speak it.
    assert parse_config(data).model_dump() == Config().model_dump() | {
        "checks": data["checks"],
        "language": lang,
    }


@pytest.mark.parametrize(
    "written",
    [
        "derde kwartaal 2026",
        "2e kw. 2026",
        "2026 kwartaal 2",
        "2026\u2013Q2",  # an en dash from a document
        "Q2\u20112026",  # a non-breaking hyphen
        "2026-Q02",
    ],
)
def test_a_period_as_a_sentence_or_a_document_writes_it(written):
    from auditor.period import parse_period

    expected = "2026-Q3" if written.startswith("derde") else "2026-Q2"
    assert parse_period(written).label == expected


def test_dates_with_a_documents_dashes_are_read(work):
    result = run(work, "--out", "uit")
    assert result.exit_code == 0
    dated = invoke(
        "run", "-i", work / "régister 1.xlsx", "--from", "01\u201304\u20132026",
        "--to", "30\u201306\u20132026", "--out", work / "uit2",
        "--history", work.parent / "h2.sqlite",
    )  # fmt: skip
    assert dated.exit_code == 0, dated.output


@pytest.mark.parametrize("option", ["--activity", "--responses", "--out", "--config"])
def test_an_empty_path_is_told_not_read_as_the_working_folder(work, option):
    # `-a "$EXPORTS"` in a script whose variable is empty: the working folder was read as
    # the exports (and with --out "" the audit folder was the working folder).
    result = run(work, option, "")
    assert result.exit_code == 2, result.output
    assert result.output == f"fout: {option} is leeg; geef een bestand of map op\n"
    assert not (work.parent / "h.sqlite").exists()


def test_the_working_folder_is_named_by_its_name_not_left_blank(work):
    assert run(work, "--out", "uit").exit_code == 0
    result = run(work, "--out", ".")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("fout: map met spatie ë › de auditmap bestaat al")


@pytest.mark.parametrize("args", [["--help", "--lang", "en"], ["--help", "--lang=en"]])
def test_help_asked_before_the_language_is_in_that_language(args):
    result = invoke("run", *args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: ")
    assert "Voer de kwartaalaudit uit" not in result.output


def test_timings_may_go_into_the_audit_folder_the_run_makes(work):
    result = run(work, "--out", "uit", "--timings", "uit/tijden.json")
    assert result.exit_code == 0, result.output
    assert (work / "uit" / "tijden.json").is_file() and (work / "uit" / "index.html").is_file()


def test_an_output_that_is_a_file_is_told_as_such_without_force_too(work):
    result = run(work, "--out", "régister 1.xlsx")
    assert result.exit_code == 2
    assert result.output.startswith("fout: régister 1.xlsx › is een bestand, geen map")
    assert "gebruik --force" not in result.output


def test_publish_into_a_file_is_told_as_such_without_force_too(work):
    result = invoke("publish", "-i", work / "régister 1.xlsx", "--out", work / "régister 1.xlsx")
    assert result.exit_code == 2
    assert "is een bestand" in result.output and "gebruik --force" not in result.output


def test_init_beside_a_register_kept_for_years_writes_only_the_settings(tmp_path):
    from tests.helpers import compliant_account, write_register

    register = write_register(tmp_path / "register.xlsx", [compliant_account("sportzeist")])
    before = register.read_bytes()
    result = invoke("init", tmp_path)
    assert result.exit_code == 0, result.output
    assert register.read_bytes() == before
    assert (tmp_path / "auditor.toml").is_file()
    assert "register.xlsx bestond al en is niet veranderd" in result.output
    again = invoke("init", tmp_path)
    assert again.exit_code == 2 and "gebruik --force" in again.output


def test_file_names_written_in_a_windows_code_page_are_read_and_shown(work):
    # A zip unpacked or a share filled on Windows leaves names that are no UTF-8 (`café` as
    # byte E9): such a name in the exports' folder, or as the register, was an internal error
    # as the file's name went into findings.json and the history.
    exports = work / "exports"
    exports.mkdir()
    canonical = (
        "platform,account,item_id,timestamp,direction\nx,@sportzeist,1,2026-05-01T10:00:00Z,out\n"
    )
    (exports / os.fsdecode(b"caf\xe9 export.csv")).write_text(canonical, encoding="utf-8")
    (exports / os.fsdecode(b"notities\xff.txt")).write_text("-", encoding="utf-8")
    register = work / os.fsdecode(b"r\xe9gister.xlsx")
    (work / "régister 1.xlsx").rename(register)
    result = invoke(
        "run", "-i", register, "-a", exports, "--period", "2026-Q2", "--out", "uit",
        "--history", work.parent / "h.sqlite",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    findings = json.loads((work / "uit" / "findings.json").read_text(encoding="utf-8"))
    paths = [entry["path"] for entry in findings["inputs"]]
    assert "régister.xlsx › Accounts" in paths
    assert "exports/café export.csv" in paths
    assert "exports/notities\u00ff.txt" in result.output
