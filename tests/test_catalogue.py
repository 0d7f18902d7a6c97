"""Contract over the whole check registry, and the catalogue rendered from it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor.catalogue import (
    catalogue_rows,
    check_params,
    checks_json,
    find_check,
    render_checks_table,
    render_explain,
)
from auditor.config import Config
from auditor.engine import registry
from auditor.problems import InputError
from auditor.settings import parse_config

ROOT = Path(__file__).resolve().parents[1]
POLICY_TEXT = ROOT.parent / "shared" / "seed" / "000_54f77c0dc6f6346b.txt"
SECTIONS = {
    "1. Nut en noodzaak van social media voor de gemeente",
    "2. Hoe organiseren we het gebruik?",
    "3. Algemene spelregels bij het gebruik van social media",
}
# The ids POLICY.md promises; ids are stable forever, so this list only ever grows.
POLICY_IDS = [
    *(f"OWN00{i}" for i in range(1, 7)),
    *(f"REG00{i}" for i in range(1, 4)),
    *(f"DOC00{i}" for i in range(1, 6)),
    *(f"STY00{i}" for i in range(1, 5)),
    *(f"ACT00{i}" for i in range(1, 4)),
    "RSP001",
    "RSP002",
    "CON001",
    "CON002",
]
EXTRA_IDS = {"STY004"}
CHECKS = registry()


def test_policy_ids_are_all_registered():
    assert len(POLICY_IDS) == 25
    assert sorted(set(POLICY_IDS) - set(CHECKS)) == []


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_id_and_name_are_well_formed(check_id):
    meta = CHECKS[check_id].meta
    assert re.fullmatch(r"[A-Z]{3}\d{3}", check_id)
    assert meta.id == check_id
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", meta.name), meta.name


def test_names_are_unique():
    names = [c.meta.name for c in CHECKS.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_metadata_is_complete_in_both_languages(check_id):
    meta = CHECKS[check_id].meta
    for field in ("title", "what", "why", "fix"):
        text = getattr(meta, field)
        assert text("nl").strip(), f"{check_id}.{field}.nl is empty"
        assert text("en").strip(), f"{check_id}.{field}.en is empty"
        if field != "title":
            assert text("nl") != text("en"), f"{check_id}.{field} is not translated"
    assert meta.family.strip()
    assert meta.policy.section in SECTIONS
    assert len(meta.policy.quote.split()) >= 4, "a quote a reader can find back"


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_extra_checks_say_they_go_beyond_the_policy(check_id):
    meta = CHECKS[check_id].meta
    if check_id in POLICY_IDS:
        assert meta.extra is (check_id in EXTRA_IDS)
    if meta.extra:
        assert "2013" in meta.what("nl")
        assert "2013" in meta.what("en")


def _without_emphasis(text: str) -> str:
    # The policy text marks the original's italics and bold with * and **: formatting, not words.
    return text.replace("*", "")


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_policy_quote_is_verbatim(check_id):
    if not POLICY_TEXT.exists():
        pytest.skip(f"policy text not found at {POLICY_TEXT}")
    policy = _without_emphasis(POLICY_TEXT.read_text(encoding="utf-8"))
    quote = _without_emphasis(CHECKS[check_id].meta.policy.quote)
    assert quote in policy, f"{check_id}: quote not verbatim in the policy text: {quote!r}"


def _test_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        names |= set(re.findall(r"def (test_\w+)", path.read_text(encoding="utf-8")))
    return names


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_every_check_has_a_failing_and_a_passing_test(check_id):
    names = _test_names()
    prefix = f"test_{check_id.lower()}_"
    assert any(n.startswith(prefix + "fails") for n in names), f"no {prefix}fails* test"
    assert any(n.startswith(prefix + "passes") for n in names), f"no {prefix}passes* test"


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_every_threshold_has_a_default(check_id):
    check = CHECKS[check_id]
    check.params_model()  # defaults alone make valid params
    for name, field in check.params_model.model_fields.items():
        assert not field.is_required(), f"{check_id}.{name} has no default"


@pytest.mark.parametrize(
    ("check_id", "defaults"),
    [
        (
            "ACT001",
            {
                "min_posts_per_week_main": 3,
                "min_posts_per_week_secondary": 1,
                "expected_share": 0.5,
            },
        ),
        ("ACT002", {"days": 60}),
        ("ACT003", {"max_gap_days": 21}),
        ("RSP001", {"max_median_business_hours": 8, "max_p90_business_hours": 16}),
        ("RSP002", {"unanswered_after_business_days": 2, "max_unanswered_share": 0.05}),
    ],
)
def test_policy_defaults(check_id, defaults):
    params = CHECKS[check_id].params_model()
    assert {k: getattr(params, k) for k in defaults} == defaults


def test_checks_table_lists_every_check_once():
    table = render_checks_table("nl")
    for check_id in CHECKS:
        assert len(re.findall(rf"^{check_id}\b", table, flags=re.M)) == 1
    assert "Slapend account" in table
    assert "Dormant account" in render_checks_table("en")


def test_checks_table_marks_switched_off_checks():
    config = parse_config({"checks": {"CON001": {"enabled": False}}})
    line = next(x for x in render_checks_table("nl", config).splitlines() if x.startswith("CON001"))
    assert "uitgeschakeld" in line


def test_explain_shows_what_why_policy_fix_and_thresholds():
    text = render_explain("ACT002", Config(), "nl")
    meta = CHECKS["ACT002"].meta
    assert text.startswith("ACT002 dormant — Slapend account")
    for heading in ("Wat het controleert", "Waarom", "Hoe op te lossen", "Instellingen"):
        assert f"\n{heading}\n" in text
    assert meta.policy.section in text
    assert meta.policy.quote in " ".join(text.split())
    assert "days = 60\n" in text
    assert "[checks.ACT002]" in text


def test_explain_shows_configured_values_beside_the_default():
    config = parse_config({"checks": {"ACT002": {"days": 90, "severity": "low"}}})
    text = render_explain("act002", config, "en")
    assert "days = 90  (default 60)" in text
    assert "Severity: low (default high)" in text
    assert "What it checks" in text


def test_explain_accepts_a_check_name():
    assert find_check("coverage-gap").meta.id == "ACT003"


def test_explain_of_unknown_check_is_a_usage_error_with_suggestions():
    with pytest.raises(InputError) as caught:
        render_explain("ACT02", Config(), "nl")
    assert re.search(r"unknown check 'ACT02'.*ACT00", caught.value.render("en"))
    assert re.search(r"onbekende controle 'ACT02'; bedoelt u ACT00", caught.value.render("nl"))


def test_checks_json_carries_both_languages_and_current_values():
    config = parse_config({"checks": {"RSP001": {"max_median_business_hours": 4}}})
    data = json.loads(json.dumps(checks_json(config)))
    assert [c["id"] for c in data] == sorted(CHECKS)
    rsp = next(c for c in data if c["id"] == "RSP001")
    assert rsp["title"] == {"nl": "Trage reactie", "en": "Slow replies"}
    assert rsp["policy"]["section"].startswith("3.")
    median = next(p for p in rsp["params"] if p["name"] == "max_median_business_hours")
    assert (median["value"], median["default"]) == (4, 8)


def test_catalogue_rows_are_in_one_language_with_settings_in_force():
    config = parse_config({"checks": {"CON002": {"enabled": False, "severity": "medium"}}})
    rows = {r["id"]: r for r in catalogue_rows(config, "en")}
    assert set(rows) == set(CHECKS)
    con = rows["CON002"]
    assert (con["enabled"], con["severity"], con["default_severity"]) == (False, "medium", "low")
    assert con["title"] == "Overlapping accounts"
    assert rows["ACT003"]["params_text"] == "max_gap_days = 21"


def test_check_params_read_the_configuration():
    config = parse_config({"checks": {"ACT001": {"expected_share": 0.25}}})
    params = {p["name"]: p for p in check_params(CHECKS["ACT001"], config)}
    assert params["expected_share"]["value"] == 0.25
    assert params["expected_share"]["default"] == 0.5
    assert params["min_posts_per_week_main"]["value"] == 3


def test_every_threshold_is_described_in_both_languages():
    from auditor.catalogue import param_description

    for check_id, check in registry().items():
        for name in check.params_model.model_fields:
            english = param_description(check_id, name, "en")
            dutch = param_description(check_id, name, "nl")
            assert english, f"{check_id}.{name} has no description"
            assert dutch, f"{check_id}.{name} has no Dutch description"
            assert dutch != english, f"{check_id}.{name}: Dutch description missing"


@pytest.mark.parametrize(
    "written", ["OWN-002", "own 2", "OWN_002", "Own.02", "Geen vervanger", "no SUBSTITUTE"]
)
def test_a_check_is_found_as_people_write_it(written):
    assert find_check(written).meta.id == "OWN002"


@pytest.mark.parametrize("written", ["XYZ-9", "OWN-999", "vervanger"])
def test_no_check_is_still_no_check(written):
    with pytest.raises(InputError):
        find_check(written)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_sentence_of_a_check_names_the_example_municipality(lang):
    # Another municipality's reports told its owners to follow "the Zeist Academy", to
    # name an account like 'Afval Zeist', to point to www.zeist.nl and spoke of "de
    # Zeistenaar". Only the policy quotes (the text enforced, as it was written) may.
    config = parse_config(
        {
            "organisation": {"name": "Gemeente Brakeloo", "communications_department": "Online"},
            "house_style": {"naming_pattern": r"(?i)\bbrakeloo\b", "home_domain": "brakeloo.nl"},
        }
    )
    said = {
        (row["id"], part): row[part]
        for row in catalogue_rows(config, lang)
        for part in ("title", "what", "why", "fix")
    }
    said |= {
        (row["id"], p["name"]): p["description"]
        for row in catalogue_rows(config, lang)
        for p in row["params"]
    }
    assert {where: text for where, text in said.items() if "zeist" in text.casefold()} == {}


def test_explain_in_dutch_says_severity_and_family_in_dutch():
    # `auditor explain` in Dutch said "Ernst: high · Familie: ownership".
    config = parse_config({"checks": {"ACT002": {"severity": "low"}}})
    assert "Ernst: hoog · Familie: eigenaarschap\n" in render_explain("OWN006", Config(), "nl")
    assert "Ernst: laag (standaard hoog) · Familie: activiteit" in render_explain(
        "ACT002", config, "nl"
    )
    assert "Severity: high · Family: ownership\n" in render_explain("OWN006", Config(), "en")
    table = render_checks_table("nl")
    own006 = next(line for line in table.splitlines() if line.startswith("OWN006"))
    assert own006.split()[:3] == ["OWN006", "main-account-roles", "hoog"]
    assert re.search(r"^ID +naam +ernst +titel$", table.splitlines()[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_family_has_a_name_in_both_languages(lang):
    from auditor.messages import has

    families = {check.meta.family for check in CHECKS.values()}
    assert [f for f in sorted(families) if not has(f"family.{f}", lang)] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_checks_name_the_kcc_of_the_settings(lang):
    # OWN006 said "KCC" whatever `[organisation] kcc` named (its finding alone said the name).
    config = parse_config({"organisation": {"kcc": "Publiekscontact"}})
    rows = {row["id"]: row for row in catalogue_rows(config, lang)}
    for part in ("title", "what", "why", "fix"):
        assert "Publiekscontact" in rows["OWN006"][part]
        assert "KCC" not in rows["OWN006"][part]
    assert "Publiekscontact" in rows["RSP001"]["fix"]
    assert "Publiekscontact" in render_explain("OWN006", config, lang)
    # without the setting, and for a sentence made without it, the KCC as before
    assert "KCC" in {row["id"]: row for row in catalogue_rows(Config(), lang)}["OWN006"]["title"]
