"""STY001–STY004 through real register workbooks and activity exports."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.messages import to_json
from tests.helpers import canonical_rows, compliant_account, main_account

MAIN = main_account("x", "gemeentezeist")


@pytest.fixture
def audit(make_register, audit_files):
    def run(*accounts, exports=(), config=None):
        return audit_files(make_register([MAIN, *accounts]), list(exports), config=config)

    return run


def by_account(findings):
    return {f.account_id: f for f in findings}


def test_sty001_fails_for_a_name_off_the_pattern(audit):
    result = audit(
        compliant_account("sportief", display_name="Sportief!"),
        compliant_account("zeistersport", display_name="Zeistersport"),  # not the word Zeist
        compliant_account("leeg", display_name=None),
    )
    findings = by_account(result.findings_for("STY001"))
    assert sorted(findings) == ["x:leeg", "x:sportief", "x:zeistersport"]
    assert to_json(findings["x:sportief"].evidence) == {
        "display_name": "Sportief!",
        "pattern": r"(?i)\bzeist\b",
    }
    assert findings["x:leeg"].evidence["display_name"] is None
    assert findings["x:sportief"].message("nl") == (
        "weergavenaam 'Sportief!' volgt de huisstijl niet (de naam bevat ‘Zeist’)"
    )
    assert findings["x:leeg"].message("en") == "no display name recorded"


def test_sty001_passes_for_the_default_and_a_configured_pattern(audit):
    assert (
        audit(compliant_account("sport", display_name="Sport ZEIST")).findings_for("STY001") == []
    )
    config = {"house_style": {"naming_pattern": r"^Gemeente Zeist( \| .+)?$"}}
    result = audit(
        compliant_account("sport", display_name="Gemeente Zeist | Sport"),
        compliant_account("afval", display_name="Afval Zeist"),
        config=config,
    )
    assert [f.account_id for f in result.findings_for("STY001")] == ["x:afval"]


def test_sty002_fails_without_a_link_to_the_home_domain(audit):
    result = audit(
        compliant_account("lookalike", website="https://notzeist.nl", bio="Sport!"),
        compliant_account("mailonly", website=None, bio="Mail ons: info@zeist.nl"),
        compliant_account("suffix", website="zeist.nl.example.com/sport", bio=None),
    )
    findings = by_account(result.findings_for("STY002"))
    assert sorted(findings) == ["x:lookalike", "x:mailonly", "x:suffix"]
    assert to_json(findings["x:lookalike"].evidence) == {
        "website": "https://notzeist.nl",
        "hosts": ["notzeist.nl"],
        "home_domain": "zeist.nl",
    }
    assert findings["x:mailonly"].evidence["hosts"] == []
    assert findings["x:lookalike"].message("en") == (
        "website 'https://notzeist.nl' and bio do not link to zeist.nl"
    )
    assert findings["x:mailonly"].message("nl") == (
        "geen website en geen link naar zeist.nl in de bio"
    )


def test_sty002_passes_with_a_link_home_in_website_or_bio(audit):
    profiles = [
        ("www.zeist.nl/afval", None),
        ("https://zeist.nl", None),
        (None, "Afval in Zeist, zie https://www.zeist.nl/afval."),
        ("https://linktr.ee/zeist", "Meer: afval.zeist.nl"),
    ]
    result = audit(
        *(
            compliant_account(f"profile{i}", website=website, bio=bio)
            for i, (website, bio) in enumerate(profiles)
        )
    )
    assert result.findings_for("STY002") == []


def test_sty003_fails_without_or_with_an_old_review(audit):
    result = audit(
        compliant_account("nooit", house_style_review=None),
        compliant_account("oud", house_style_review=dt.date(2025, 6, 1)),
    )
    findings = by_account(result.findings_for("STY003"))
    assert sorted(findings) == ["x:nooit", "x:oud"]
    assert to_json(findings["x:oud"].evidence) == {
        "house_style_review": "2025-06-01",
        "valid_until": "2026-06-01",
        "reason": "expired",
        "valid_months": 12,
    }
    assert to_json(findings["x:nooit"].evidence)["reason"] == "missing"
    assert "(geldig 12 maanden)" in findings["x:oud"].message("nl")
    assert findings["x:nooit"].message("en") == "no house-style review"


def test_sty003_passes_for_a_recent_review(audit):
    result = audit(compliant_account("sport", house_style_review=dt.date(2025, 10, 1)))
    assert result.findings_for("STY003") == []
    longer = {"checks": {"STY003": {"valid_months": 24}}}
    old = audit(compliant_account("oud", house_style_review=dt.date(2025, 1, 1)), config=longer)
    assert old.findings_for("STY003") == []


def image_posts(handle: str, alt: list[bool | None]) -> list[dict]:
    """One post a day from 1 July; each gets an image with the given alt-text status."""
    rows = canonical_rows(handle, end="2026-09-30")[: len(alt)]
    for row, has_alt in zip(rows, alt, strict=True):
        row["has_image"] = True
        row["has_alt_text"] = "" if has_alt is None else has_alt
    return rows


def test_sty004_fails_when_too_many_images_lack_alt_text(make_export, audit):
    rows = (
        canonical_rows("gemeentezeist")
        + image_posts("sport", [False, False, True, True, True, None, None, None])
        + canonical_rows("sport", start="2026-08-01")
    )
    result = audit(compliant_account("sport"), exports=[make_export(rows)])
    findings = result.findings_for("STY004")
    assert [f.account_id for f in findings] == ["x:sport"]
    assert to_json(findings[0].evidence) == {
        "image_posts": 8,
        "image_posts_alt_known": 5,
        "image_posts_without_alt": 2,
        "share_without_alt": 0.4,
        "max_share": 0.1,
    }
    assert "40 % van de afbeeldingen zonder alt-tekst (2 van 5; norm ≤ 10 %)" in (
        findings[0].message("nl")
    )
    assert findings[0].message("en") == "40 % of images without alt text (2 of 5; limit ≤ 10 %)"


def test_sty004_passes_at_or_below_the_limit(make_export, audit):
    rows = (
        canonical_rows("gemeentezeist")
        + image_posts("sport", [False] + [True] * 9)
        + image_posts("afval", [False, True])
    )
    result = audit(
        compliant_account("sport"),
        compliant_account("afval", display_name="Afval Zeist"),
        exports=[make_export(rows)],
        config={"checks": {"STY004": {"max_share": 0.5}}},
    )
    assert result.findings_for("STY004") == []
    assert "STY004" not in {s.check_id for s in result.skipped}


def test_sty004_is_skipped_when_no_export_says_anything_about_alt_text(make_export, audit):
    result = audit(compliant_account("sport"), exports=[make_export(canonical_rows("sport"))])
    assert result.findings_for("STY004") == []
    skipped = {s.check_id: s.reason for s in result.skipped}
    assert skipped["STY004"]("en") == "no export in this audit says anything about alt text"
