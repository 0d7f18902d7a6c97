"""'Wie moet wat doen' names the people with the most urgent findings; a manager whose other
owners have only less urgent ones is told they have something to do too."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, compliant_account, write_register


def section(page: Path, heading_id: str) -> str:
    html = page.read_text(encoding="utf-8")
    start = html.index(f'id="{heading_id}"')
    body = html[start : html.index("</section>", start)]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "Ook 2 andere personen hebben open bevindingen, minder dringend; zie Beheerders."),
        ("en", "2 other people have open findings too, less urgent; see Owners."),
    ],
)
def test_owners_with_only_less_urgent_findings_are_counted_under_the_urgent_ones(
    tmp_path: Path, lang, said
):
    others = {"owner_name": "Sanne Smit", "owner_email": "s.smit@zeist.nl"}
    third = {"owner_name": "Kees de Boer", "owner_email": "k.deboer@zeist.nl"}
    register = write_register(
        tmp_path / "register.xlsx",
        [
            compliant_account("sportzeist", two_factor="nee"),  # SEC001: high
            compliant_account("zwemzeist", archiving=None, **others),  # ARC001: medium
            compliant_account("loopzeist", guideline_ack="nee", **third),  # DOC005: medium
        ],
        staff=DEFAULT_STAFF,
        departments=DEFAULT_DEPARTMENTS,
    )
    out = tmp_path / "audit"
    args = ["run", "-i", register, "--period", "2026-Q3", "--out", out, "--lang", lang]
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    for page in (out / "index.html", out / "departments" / "sport.html"):
        actions = section(page, "actions-title")
        assert "Anna de Vries" in actions
        assert "Sanne Smit" not in actions and "Kees de Boer" not in actions
        assert said in actions
