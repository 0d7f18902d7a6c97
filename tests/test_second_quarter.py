"""The second quarter as Communicatie lives it: owners' workbooks come back (one twice, some
with answers the drop-down does not offer) and the next audit reads them."""

from __future__ import annotations

import re
from pathlib import Path

from auditor.responses import OwnerStatus, read_responses
from tests.helpers import canonical_rows
from tests.test_responses import row, write_answers


def test_a_workbook_returned_twice_counts_the_copy_saved_after_it(tmp_path: Path) -> None:
    # An owner sends the workbook again; saved beside the first, the mail program or browser
    # names it `wonen (2).xlsx`. Read by name alone, `wonen (2).xlsx` came first, so the
    # first answer overruled the second.
    folder = tmp_path / "terug"
    write_answers(folder / "wonen.xlsx", [row("DOC002-a", "opgelost", "rol ingevuld")])
    write_answers(
        folder / "wonen (2).xlsx", [row("DOC002-a", "opgelost", "rol ingevuld: informant")]
    )
    write_answers(folder / "wonen (10).xlsx", [row("DOC002-a", "in behandeling", "toch nog niet")])
    load = read_responses([folder]).match(["DOC002-a"], "2026-Q1")

    assert load.files == ["wonen.xlsx", "wonen (2).xlsx", "wonen (10).xlsx"]
    kept = load.answers["DOC002-a"]
    assert (kept.file, kept.status, kept.comment) == (
        "wonen (10).xlsx",
        OwnerStatus.IN_PROGRESS,
        "toch nog niet",
    )
    assert [a.file for a in load.conflicts[0].answers] == load.files


def test_an_owner_who_disagrees_keeps_the_comment_in_the_reason_not_counted(
    tmp_path: Path,
) -> None:
    # `niet mee eens` and `n.v.t.` are no status of the list; the answer is not counted, but
    # the reason was only "unknown status", and the owner's comment, the one thing
    # Communicatie must read, appeared nowhere.
    path = write_answers(
        tmp_path / "sport.xlsx",
        [
            row("OWN002-a", "niet mee eens", "Lotte Bos is al jaren vervanger"),
            row("CON002-b", "n.v.t.", "eigen doelgroep"),
            row("STY001-c", "gesloten"),
            row("SEC001-d", "Niet mee eens, zie mail"),
        ],
    )
    known = ["OWN002-a", "CON002-b", "STY001-c", "SEC001-d"]
    load = read_responses([path]).match(known, "2026-Q1")

    reasons = {u.finding_id: u for u in load.unmatched}
    assert reasons["OWN002-a"].message("nl") == (
        "antwoord op OWN002-a: 'niet mee eens' staat niet in de keuzelijst (open, in "
        "behandeling, opgelost, uitzondering aangevraagd), dus dit antwoord telt niet mee; de "
        "toelichting: 'Lotte Bos is al jaren vervanger'. Bespreek het met de beheerder: klopt de "
        "bevinding niet, verbeter dan het register of leg een uitzondering vast"
    )
    assert reasons["CON002-b"].message("en") == (
        "answer to CON002-b: 'n.v.t.' is not on the drop-down list (open, in progress, "
        "resolved, waiver requested), so this answer is not counted; the comment: 'eigen "
        "doelgroep'. Discuss it with the owner: if the finding is wrong, correct the "
        "register or record a waiver"
    )
    # A word no one can read as disagreement, without a comment, keeps its short reason.
    assert reasons["STY001-c"].message("nl") == (
        "onbekende status 'gesloten' (verwacht een van: open, in behandeling, opgelost, "
        "uitzondering aangevraagd)"
    )
    assert (
        reasons["SEC001-d"]
        .message("nl")
        .startswith("antwoord op SEC001-d: 'Niet mee eens, zie mail' staat niet in de keuzelijst")
    )
    assert "geen toelichting" in reasons["SEC001-d"].message("nl")
    assert load.answers == {}


def _quarter(tmp_path: Path, quarter: str, accounts: list[dict]) -> tuple[Path, Path]:
    from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, write_export, write_register

    folder = tmp_path / quarter
    folder.mkdir()
    register = write_register(
        folder / "register.xlsx", accounts, staff=DEFAULT_STAFF, departments=DEFAULT_DEPARTMENTS
    )
    start, end = {"Q2": ("2026-04-01", "2026-06-30"), "Q3": ("2026-07-01", "2026-09-30")}[quarter]
    rows = [
        row
        for account in accounts
        for row in canonical_rows(account["handle"].split()[0].lstrip("@"), start=start, end=end)
    ]
    return register, write_export(folder / "posts.csv", rows)


def _run(tmp_path: Path, quarter: str, accounts: list[dict], *extra: str, lang: str = "nl"):
    from click.testing import CliRunner

    from auditor.cli import cli

    register, export = _quarter(tmp_path, quarter, accounts)
    out = tmp_path / f"audit-2026-{quarter}"
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "--inventory",
            str(register),
            "--activity",
            str(export),
            "--period",
            f"2026-{quarter}",
            "--out",
            str(out),
            "--history",
            str(tmp_path / "audit-history.sqlite"),
            "--lang",
            lang,
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    return result, out


def test_the_run_says_what_changed_since_last_quarter_and_how_owners_answered(
    tmp_path: Path,
) -> None:
    # The second run printed the same summary as the first: the counts of new, persisting and
    # fixed findings, and the owners' contradictions, were in the report alone.
    import json

    from openpyxl import load_workbook

    from tests.helpers import compliant_account

    no_substitute = compliant_account("sportzeist", substitute_name=None, substitute_email=None)
    no_2fa = compliant_account("cultuurzeist", display_name="Cultuur Zeist", two_factor="nee")
    removed = compliant_account("jeugdzeist", display_name="Jeugd Zeist", two_factor="nee")
    first, q2 = _run(tmp_path, "Q2", [no_substitute, no_2fa, removed])
    assert "Sinds" not in first.output  # a first audit has nothing to compare with
    # The owner's list asked for an answer by a date, and did not say where to give it.
    owner_page = (q2 / "owners" / "anna-de-vries.html").read_text("utf-8")
    assert re.search(
        r"Geef uw antwoord uiterlijk \d\d-\d\d-\d{4}: vul per punt Status en Toelichting in, "
        r"in het werkboek van uw afdeling, en stuur dat terug\.",
        re.sub(r"<[^>]+>", "", owner_page),
    )

    workbook = load_workbook(q2 / "audit.xlsx")
    sheet = workbook["Bevindingen"]
    header = [c.value for c in sheet[2]]
    disputed = False
    for cells in sheet.iter_rows(min_row=3):
        fid = cells[header.index("finding_id")].value
        if fid.startswith(("OWN002", "SEC001")):  # OWN002 stays, SEC001 of cultuur is fixed
            cells[header.index("Status")].value = "opgelost"
        elif not disputed:
            cells[header.index("Status")].value = "niet mee eens"
            cells[header.index("Toelichting")].value = "klopt niet"
            disputed = True
    assert disputed
    workbook.save(tmp_path / "terug.xlsx")

    fixed = compliant_account("cultuurzeist", display_name="Cultuur Zeist", two_factor="ja")
    second, q3 = _run(
        tmp_path, "Q3", [no_substitute, fixed], "--responses", str(tmp_path / "terug.xlsx")
    )
    counts = json.loads((q3 / "findings.json").read_text("utf-8"))["history"]["counts"]
    assert counts["resolved"] == 1 and counts["gone"] == 1
    lines = second.output.splitlines()
    assert (
        f"Sinds 2026-Q2: {counts['new']} nieuw, {counts['persisting']} blijvend, 1 opgelost."
        in lines
    )
    assert (
        "1 bevinding van vorige keer hoort bij een account dat niet meer in het register "
        "staat en telt niet als opgelost: zet een opgeheven account op gesloten in plaats "
        "van de rij te verwijderen."
    ) in lines
    assert (
        "Antwoorden op de audit van 2026-Q2: 3 beantwoord; 1 gemeld als opgelost terwijl de "
        "controle het nog vindt (zie Antwoorden van beheerders in het rapport)."
    ) in lines
    # The overview counts that answer as not counted, under a caption that says so: it was
    # "niet te koppelen" (could not be matched), which an answer to a known finding with a
    # status off the list is not.
    overview = (q3 / "index.html").read_text("utf-8")
    assert "Antwoorden die niet zijn meegeteld" in overview
    assert "3 beantwoord, " in overview and ", 1 niet meegeteld, 1 in tegenspraak" in overview


def test_what_changed_is_said_in_english_with_closed_accounts_apart() -> None:
    from auditor.compare import changes_said
    from auditor.history_model import AuditHistory, HistoryCounts, Trend

    history = AuditHistory(
        previous_period="2026-Q2",
        counts=HistoryCounts(new=2, persisting=5, resolved=4, account_closed=1, gone=2),
        trend=Trend(periods=["2026-Q2", "2026-Q3"], compliance=[0.5, 0.6]),
    )
    assert [m("en") for m in changes_said(history)] == [
        "Since 2026-Q2: 2 new, 5 persisting, 4 fixed (of which 1 because the account was closed).",
        "2 findings of last time belong to accounts no longer in the register and do not "
        "count as fixed: mark a closed account as closed instead of deleting its row.",
    ]
    assert changes_said(history.model_copy(update={"previous_period": None})) == []


def test_an_answer_follows_its_finding_when_the_account_is_renamed(tmp_path: Path) -> None:
    # The finding of a renamed account persists under its new id; the owner's answer to it,
    # given under the old id, was counted as answered but shown nowhere: not beside the
    # finding, not as a contradiction.
    from openpyxl import load_workbook

    from tests.helpers import compliant_account

    before = compliant_account("cultuurzeist", display_name="Cultuur Zeist", two_factor="nee")
    _, q2 = _run(tmp_path, "Q2", [before])
    workbook = load_workbook(q2 / "audit.xlsx")
    sheet = workbook["Bevindingen"]
    header = [c.value for c in sheet[2]]
    for cells in sheet.iter_rows(min_row=3):
        if cells[header.index("finding_id")].value.startswith("SEC001"):
            cells[header.index("Status")].value = "opgelost"
            cells[header.index("Toelichting")].value = "staat aan sinds juni"
    workbook.save(tmp_path / "terug.xlsx")

    renamed = compliant_account("kunstzeist", display_name="Kunst Zeist", two_factor="nee")
    renamed["handle"] = "@kunstzeist (voorheen @cultuurzeist)"
    second, q3 = _run(tmp_path, "Q3", [renamed], "--responses", str(tmp_path / "terug.xlsx"))
    assert "Sinds 2026-Q2: 0 nieuw" in second.output
    assert "1 gemeld als opgelost terwijl de controle het nog vindt" in second.output
    overview = (q3 / "index.html").read_text("utf-8")
    assert "staat aan sinds juni" in overview  # under the contradictions
    pack = (q3 / "departments" / "sport.html").read_text("utf-8")
    assert pack.count("staat aan sinds juni") == 2  # there, and beside the finding


def test_the_history_lists_when_each_audit_ran_on_the_users_clock(
    tmp_path: Path, monkeypatch
) -> None:
    # The table gave the time the history stores, UTC, as if it were the local time: an
    # audit run at 10:00 in Zeist read "09:00"; and the date in ISO in the Dutch table.
    import datetime as dt
    import time

    from click.testing import CliRunner

    from auditor.cli import cli
    from auditor.history import HistoryStore, config_digest
    from auditor.settings import parse_config
    from tests.test_history import make_result

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        path = tmp_path / "audit-history.sqlite"
        with HistoryStore.open(path) as store:
            store.record(
                make_result("2026-Q3", [], run_at=dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)),
                config_digest(parse_config({})),
            )
        args = ["history", "--history", str(path)]
        dutch = CliRunner().invoke(cli, args).output.splitlines()
        english = CliRunner().invoke(cli, [*args, "--lang", "en"]).output.splitlines()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert dutch[1].startswith("2026-Q3      01-11-2026 10:00")
    assert english[1].startswith("2026-Q3      2026-11-01 10:00")
