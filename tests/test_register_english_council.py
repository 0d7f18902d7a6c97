"""A register kept in English the way a council keeps one: `Channel`, `Service Area`, statuses
such as `Dormant` and `Proposed`."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from auditor.register import load_register

HEADER = ["Channel", "Account Name", "URL", "Service Area", "Account Owner", "Deputy", "Status"]
ROWS = [
    ["Facebook", "Brookfield Council", "https://www.facebook.com/BrookfieldCouncil",
     "Communications", "Sarah O'Neill", "Tom Price", "Live"],
    ["X (formerly Twitter)", "@BrookfieldCC", None, "Communications", "Sarah O'Neill",
     "Tom Price", "Live"],
    ["YouTube", "Brookfield Council", "https://www.youtube.com/@brookfieldcouncil",
     "Communications", "Tom Price", "Sarah O'Neill", "Dormant"],
    ["TikTok", "brookfieldyouth", None, "Youth Services", "Priya Shah", None, "Proposed"],
    ["Facebook", "Brookfield Leisure", "https://facebook.com/brookfieldleisure", "Leisure",
     "Dan Hughes", None, "Decommissioned"],
]  # fmt: skip


def test_channel_service_area_and_council_statuses(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Corporate Social Media Accounts Register"])
    ws.append([])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    path = tmp_path / "Social Media Register.xlsx"
    wb.save(path)
    register = load_register(path)
    read = {
        a.account_id: (str(a.platform), a.department, a.status.value) for a in register.accounts
    }
    assert read == {
        "facebook:brookfieldcouncil": ("facebook", "Communications", "active"),
        "x:brookfieldcc": ("x", "Communications", "active"),
        # Dormant: there, and judged (ACT002 reports its silence), not skipped as closed.
        "youtube:brookfieldcouncil": ("youtube", "Communications", "active"),
        "tiktok:brookfieldyouth": ("tiktok", "Youth Services", "planned"),
        "facebook:brookfieldleisure": ("facebook", "Leisure", "closed"),
    }
    # A page's name beside its URL is its display name, also where it folds to the handle.
    names = {a.account_id: a.display_name for a in register.accounts}
    assert names["facebook:brookfieldcouncil"] == "Brookfield Council"
    assert names["youtube:brookfieldcouncil"] == "Brookfield Council"
    assert names["facebook:brookfieldleisure"] == "Brookfield Leisure"
    assert names["x:brookfieldcc"] is None
    said = " ".join(p.message("en") for p in register.problems)
    assert '"Channel"' not in said and '"Service Area"' not in said
    assert "is not a status" not in said


def test_an_account_on_a_site_the_auditor_does_not_know_is_named_by_its_last_part(
    tmp_path: Path,
):
    # `nextdoor.co.uk/agency-detail/brookfield-council/`: the page's kind first, the account
    # last. The account was `nextdoor:agency-detail`, shared by every agency on Nextdoor.
    wb = Workbook()
    ws = wb.active
    ws.append(["Channel", "URL", "Account Owner"])
    ws.append(["Nextdoor", "https://nextdoor.co.uk/agency-detail/brookfield-council/", "Sarah"])
    ws.append(["Flickr", "https://www.flickr.com/photos/brookfieldcc", "Tom Price"])
    ws.append(["Threads", "https://www.threads.net/@brookfieldcc", "Tom Price"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    assert [a.account_id for a in load_register(path).accounts] == [
        "nextdoor:brookfield-council",
        "flickr:brookfieldcc",
        "threads:brookfieldcc",
    ]
