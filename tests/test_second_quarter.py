"""The second quarter as Communicatie lives it: owners' workbooks come back (one twice, some
with answers the drop-down does not offer) and the next audit reads them."""

from __future__ import annotations

from pathlib import Path

from auditor.responses import OwnerStatus, read_responses
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
