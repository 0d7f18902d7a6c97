"""The second quarter as Communicatie lives it: owners' workbooks come back (one twice, some
with answers the drop-down does not offer) and the next audit reads them."""

from __future__ import annotations

import html
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


def test_an_owner_who_disagrees_answers_so_and_keeps_the_comment(tmp_path: Path) -> None:
    # `niet mee eens` and `n.v.t.` were no status of the list: the answer was not counted,
    # and the owner's comment, the one thing Communicatie must read, appeared nowhere. It is
    # the drop-down's fifth choice now, typed in any of the ways owners type it.
    path = write_answers(
        tmp_path / "sport.xlsx",
        [
            row("OWN002-a", "niet mee eens", "Lotte Bos is al jaren vervanger"),
            row("CON002-b", "n.v.t.", "eigen doelgroep"),
            row("STY001-c", "gesloten"),
            row("SEC001-d", "Niet mee eens, zie mail"),
            row("DOC001-e", "Disputed"),
            row("ACT002-f", "bespreken", "bel me even"),
        ],
    )
    known = ["OWN002-a", "CON002-b", "STY001-c", "SEC001-d", "DOC001-e", "ACT002-f"]
    load = read_responses([path]).match(known, "2026-Q1")

    answers = {fid: (a.status, a.comment) for fid, a in load.answers.items()}
    assert answers == {
        "OWN002-a": (OwnerStatus.DISPUTED, "Lotte Bos is al jaren vervanger"),
        "CON002-b": (OwnerStatus.DISPUTED, "eigen doelgroep"),
        "SEC001-d": (OwnerStatus.DISPUTED, "zie mail"),
        "DOC001-e": (OwnerStatus.DISPUTED, None),
    }
    reasons = {u.finding_id: u for u in load.unmatched}
    # A word no one can read as a status keeps its short reason, and its comment if any.
    assert reasons["STY001-c"].message("nl") == (
        "onbekende status 'gesloten' (verwacht een van: open, in behandeling, opgelost, "
        "uitzondering aangevraagd, niet mee eens)"
    )
    assert reasons["ACT002-f"].message("en").endswith("; the comment: 'bel me even'")


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
    disputed = None
    for cells in sheet.iter_rows(min_row=3):
        fid = cells[header.index("finding_id")].value
        if fid.startswith(("OWN002", "SEC001")):  # OWN002 stays, SEC001 of cultuur is fixed
            cells[header.index("Status")].value = "opgelost"
        elif disputed is None and fid.startswith("SEC002"):  # sportzeist's, and it stays
            cells[header.index("Status")].value = "niet mee eens"
            cells[header.index("Toelichting")].value = "klopt niet, zie het intranet"
            disputed = fid
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
        "Antwoorden op de audit van 2026-Q2: 4 beantwoord; 1 gemeld als opgelost terwijl de "
        "controle het nog vindt; 1 betwist door de beheerder (zie Antwoorden van beheerders in "
        "het rapport)."
    ) in lines
    # The owner who disputes a finding is heard where Communicatie, the manager and the owner
    # look: it was an answer "not counted", listed by its row on the overview alone.
    overview = _text(q3 / "index.html")
    assert (
        "4 beantwoord, " in overview and ", 1 in tegenspraak met deze audit, 1 betwist" in overview
    )
    caption = "Betwist door de beheerder: klopt de bevinding niet, verbeter dan het register"
    assert caption in overview
    assert "klopt niet, zie het intranet" in overview.split(caption)[1]
    finding = next(
        f
        for f in json.loads((q3 / "findings.json").read_text("utf-8"))["findings"]
        if f["finding_id"] == disputed
    )
    assert finding["status"] == "persisting"
    answer = (
        "Antwoord van de beheerder (2026-Q2): niet mee eens – klopt niet, zie het intranet "
        "De bevinding blijft staan tot Communicatie heeft besloten: klopt ze niet, dan wordt "
        "het register verbeterd of een uitzondering vastgelegd."
    )
    pack = next((q3 / "departments").glob("*.html"))
    assert answer in _text(pack)
    # Sport's three answers: two to findings still open and one to a finding fixed since.
    assert "3 bevindingen beantwoord, 1 in tegenspraak met deze audit, 1 betwist." in _text(pack)
    assert caption in _text(pack)
    assert answer in _text(q3 / "owners" / "anna-de-vries.html")
    book = load_workbook(pack.with_suffix(".xlsx"))["Bevindingen"]
    header = [c.value for c in book[2]]
    row = next(r for r in book.iter_rows(min_row=3, values_only=True) if disputed in r)
    assert row[header.index("Eerder antwoord")].startswith("niet mee eens (2026-Q2) – De bevinding")
    assert row[header.index("Eerdere toelichting")] == "klopt niet, zie het intranet"


def _answer_in(workbook: Path, returned: Path, check_id: str, comment: str) -> Path:
    """The audit's workbook as an owner returns it: the findings of `check_id` resolved."""
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    sheet = book["Bevindingen"]
    header = [c.value for c in sheet[2]]
    for cells in sheet.iter_rows(min_row=3):
        if cells[header.index("finding_id")].value.startswith(check_id):
            cells[header.index("Status")].value = "opgelost"
            cells[header.index("Toelichting")].value = comment
    book.save(returned)
    return returned


def _text(page: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))).split())


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

    from tests.helpers import compliant_account

    before = compliant_account("cultuurzeist", display_name="Cultuur Zeist", two_factor="nee")
    _, q2 = _run(tmp_path, "Q2", [before])
    _answer_in(q2 / "audit.xlsx", tmp_path / "terug.xlsx", "SEC001", "staat aan sinds juni")

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


def test_a_finding_fixed_since_and_answered_twice_is_named_where_answers_differ(
    tmp_path: Path,
) -> None:
    # "Verschillend beantwoord" named a finding fixed since by its id alone, its account "–".

    from tests.helpers import compliant_account

    q2_account = compliant_account("cultuurzeist", display_name="Cultuur Zeist", two_factor="nee")
    _, q2 = _run(tmp_path, "Q2", [q2_account])
    returned = tmp_path / "terug"
    returned.mkdir()
    for name, comment in (("cultuur.xlsx", "aangezet"), ("cultuur (2).xlsx", "aangezet in juli")):
        _answer_in(q2 / "audit.xlsx", returned / name, "SEC001", comment)

    fixed = {**q2_account, "two_factor": "ja"}
    _, q3 = _run(tmp_path, "Q3", [fixed], "--responses", str(returned))
    overview = _text(q3 / "index.html")
    differ = overview.split("Verschillend beantwoord")[1]
    assert differ.startswith(
        ": het laatst gelezen antwoord telt Controle Account Bevinding Antwoorden SEC001 "
        "Cultuur Zeist (X) volgens het register staat tweestapsverificatie niet aan ('nee') "
        "niet meer gevonden in deze audit opgelost – aangezet"
    ), differ[:300]


def test_an_owners_list_says_their_substitute_has_left(tmp_path: Path) -> None:
    # The department's pack marked the substitute who left; the owner's own list did not.
    from click.testing import CliRunner

    from auditor.cli import cli
    from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, compliant_account
    from tests.helpers import write_register as register_of

    staff = [
        {**p, "active": "nee", "left_on": "2026-05-01"} if p["name"] == "Piet Bakker" else p
        for p in DEFAULT_STAFF
    ]
    register = register_of(
        tmp_path / "register.xlsx",
        [compliant_account("sportzeist")],
        staff=staff,
        departments=DEFAULT_DEPARTMENTS,
    )
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        cli, ["run", "--inventory", str(register), "--period", "2026-Q3", "--out", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    for page in (out / "owners" / "anna-de-vries.html", out / "departments" / "sport.html"):
        assert "Piet Bakker (uit dienst)" in _text(page), page.name
