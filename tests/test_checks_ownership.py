"""OWN001–OWN006 through real register workbooks."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.messages import PersonRef, to_json
from tests.helpers import DEFAULT_STAFF, compliant_account, main_account

MAIN = main_account("x", "gemeentezeist")


def main(platform: str = "x", handle: str = "gemeentezeist", **changes) -> dict:
    """A main account with some of its policy roles changed."""
    return {**main_account(platform, handle), **changes}


@pytest.fixture
def audit(make_register, audit_files):
    """Audits a register holding the X main account plus `accounts`."""

    def run(*accounts, config=None, **register):
        return audit_files(make_register([MAIN, *accounts], **register), config=config)

    return run


def by_account(findings):
    return {f.account_id: f for f in findings}


def evidence(finding) -> dict:
    """The evidence as findings.json gives it: people by name, accounts by id."""
    return to_json(finding.evidence)


def said(finding) -> tuple[str, str]:
    """The finding's sentence in Dutch and in English."""
    return finding.message("nl"), finding.message("en")


NOT_PERSONS = [
    (None, None, "missing"),
    ("n.v.t.", None, "placeholder"),  # said as the register writes it
    (None, "a.devries@zeist.nl", "missing"),
    ("Team Afval", "a.devries@zeist.nl", "team_name"),
    ("Afdeling Ruimte", None, "team_name"),
    ("Webcare", None, "team_name"),
    ("Ruimte", None, "department_name"),  # in the department list
    ("KCC", None, "department_name"),
    ("webcare@zeist.nl", None, "shared_mailbox"),
    (None, "communicatie@zeist.nl", "shared_mailbox"),
    (None, "noreply@zeist.nl", "shared_mailbox"),
    ("1234", None, "no_letters"),
]


def test_own001_fails_when_owner_is_not_a_person(audit):
    result = audit(
        *(
            compliant_account(f"case{i}", owner_name=name, owner_email=email)
            for i, (name, email, _) in enumerate(NOT_PERSONS)
        )
    )
    found = {f.account_id: evidence(f) for f in result.findings_for("OWN001")}
    assert {a: e["rule"] for a, e in found.items()} == {
        f"x:case{i}": rule for i, (_, _, rule) in enumerate(NOT_PERSONS)
    }
    # An address typed in the name cell is the owner's address too.
    assert [found[f"x:case{i}"]["owner_email"] for i in range(len(NOT_PERSONS))] == [
        email or (name if name and "@" in name else None) for name, email, _ in NOT_PERSONS
    ]


def test_own001_fails_for_a_department_named_only_on_another_account(audit):
    result = audit(
        compliant_account("sport"),
        compliant_account("jeugd", department="Jeugd"),
        compliant_account("afval", owner_name="jeugd"),
    )
    finding = by_account(result.findings_for("OWN001"))["x:afval"]
    assert evidence(finding) == {
        "rule": "department_name",
        "matched": "jeugd",
        "owner_name": "jeugd",
        "owner_email": "a.devries@zeist.nl",
    }
    assert "x:jeugd" not in by_account(result.findings_for("OWN001"))
    assert said(finding) == (
        "beheerder 'jeugd' is een afdeling, geen persoon",
        "owner 'jeugd' is a department, not a person",
    )
    # What stands in the owner cell is the account's person, of the account's department.
    assert finding.evidence["matched"] == PersonRef(name="jeugd", department="Sport")
    assert finding.message.params["owner"] == PersonRef(name="jeugd", department="Sport")


def test_own001_says_which_rule_matched(audit):
    result = audit(
        compliant_account("nobody", owner_name=None, owner_email=None),
        compliant_account("team", owner_name="Team Afval"),
        compliant_account("mailbox", owner_name="webcare@zeist.nl", owner_email=None),
        compliant_account("digits", owner_name="1234"),
    )
    findings = by_account(result.findings_for("OWN001"))
    assert said(findings["x:nobody"]) == ("geen beheerder ingevuld", "no owner recorded")
    assert said(findings["x:team"]) == (
        "beheerder 'Team Afval' is een team of functie, geen persoon",
        "owner 'Team Afval' is a team or function, not a person",
    )
    assert said(findings["x:mailbox"]) == (
        "beheerder is de gedeelde mailbox 'webcare@zeist.nl', geen persoon",
        "owner is the shared mailbox 'webcare@zeist.nl', not a person",
    )
    assert said(findings["x:digits"]) == (
        "beheerder '1234' is geen naam",
        "owner '1234' is not a name",
    )


def test_own001_passes_for_a_named_person(audit):
    result = audit(
        compliant_account("name", owner_name="Anna de Vries"),
        compliant_account("address", owner_name="a.devries@zeist.nl"),
        compliant_account("teamsma", owner_name="Bram Teamsma"),
    )
    assert result.findings_for("OWN001") == []


def test_own002_fails_without_substitute(audit):
    result = audit(
        compliant_account("sport", substitute_name=None, substitute_email=None),
        compliant_account("afval", substitute_name="n.v.t.", substitute_email=None),
    )
    findings = by_account(result.findings_for("OWN002"))
    assert sorted(findings) == ["x:afval", "x:sport"]
    assert evidence(findings["x:sport"]) == {"substitute_name": None, "substitute_email": None}
    assert findings["x:sport"].severity == "high"
    assert said(findings["x:sport"]) == ("geen vervanger ingevuld", "no substitute recorded")


def test_own002_passes_with_a_substitute_name_or_address(audit):
    result = audit(
        compliant_account("sport"),
        compliant_account("afval", substitute_name=None, substitute_email="p.bakker@zeist.nl"),
    )
    assert result.findings_for("OWN002") == []


def test_own003_fails_when_substitute_is_the_owner(audit):
    result = audit(
        compliant_account("byname", substitute_name="anna  DE vries", substitute_email=None),
        compliant_account(
            "byemail", substitute_name="A. de Vries", substitute_email="A.deVries@zeist.nl"
        ),
    )
    findings = by_account(result.findings_for("OWN003"))
    assert sorted(findings) == ["x:byemail", "x:byname"]
    assert findings["x:byname"].evidence["matched_on"] == "name"
    assert findings["x:byemail"].evidence["matched_on"] == "email"
    assert evidence(findings["x:byname"]) == {
        "matched_on": "name",
        "owner_name": "Anna de Vries",
        "owner_email": "a.devries@zeist.nl",
        "substitute_name": "anna DE vries",  # the register reader folds the spaces
        "substitute_email": None,
    }
    assert said(findings["x:byname"]) == (
        "vervanger is dezelfde persoon als de beheerder (Anna de Vries)",
        "substitute is the same person as the owner (Anna de Vries)",
    )
    assert findings["x:byname"].evidence["substitute_name"] == PersonRef(
        name="anna DE vries", department="Sport"
    )


def test_own003_passes_with_two_people(audit):
    assert audit(compliant_account("sport")).findings_for("OWN003") == []


STAFF_WITH_LEAVERS = [
    *DEFAULT_STAFF,
    {"name": "Kees Weg", "email": "k.weg@zeist.nl", "active": "nee"},
    {"name": "Els Later", "email": "e.later@zeist.nl", "left_on": dt.date(2026, 8, 1)},
    {"name": "Tom Straks", "email": "t.straks@zeist.nl", "left_on": dt.date(2026, 12, 1)},
]


def test_own004_fails_for_leavers_and_unknown_people(audit):
    result = audit(
        compliant_account("gone", owner_name="Kees Weg", owner_email="k.weg@zeist.nl"),
        compliant_account("later", substitute_name="Els Later", substitute_email=None),
        compliant_account("stranger", owner_name="Onbekende Collega", owner_email=None),
        compliant_account("private", owner_email="anna@example.org"),
        staff=STAFF_WITH_LEAVERS,
    )
    found = {(f.account_id, f.subject): evidence(f) for f in result.findings_for("OWN004")}
    assert found == {
        ("x:gone", "owner"): {
            "role": "owner",
            "reason": "left",
            "name": "Kees Weg",
            "email": "k.weg@zeist.nl",
            "left_on": None,
        },
        ("x:later", "substitute"): {
            "role": "substitute",
            "reason": "left",
            "name": "Els Later",
            "email": None,
            "left_on": "2026-08-01",
        },
        ("x:stranger", "owner"): {
            "role": "owner",
            "reason": "not_in_staff_list",
            "name": "Onbekende Collega",
            "email": None,
            "left_on": None,
        },
        # Both have an address and they differ: the name alone does not make it the same person.
        ("x:private", "owner"): {
            "role": "owner",
            "reason": "not_in_staff_list",
            "name": "Anna de Vries",
            "email": "anna@example.org",
            "left_on": None,
        },
    }
    said_by = {(f.account_id, f.subject): said(f) for f in result.findings_for("OWN004")}
    assert said_by == {
        ("x:gone", "owner"): (
            "beheerder Kees Weg is uit dienst",
            "owner Kees Weg left the organisation",
        ),
        ("x:later", "substitute"): (
            "vervanger Els Later is uit dienst per 01-08-2026",
            "substitute Els Later left the organisation on 2026-08-01",
        ),
        ("x:stranger", "owner"): (
            "beheerder Onbekende Collega staat niet in de medewerkerslijst",
            "owner Onbekende Collega is not in the staff list",
        ),
        ("x:private", "owner"): (
            "beheerder Anna de Vries staat niet in de medewerkerslijst",
            "owner Anna de Vries is not in the staff list",
        ),
    }


def test_own004_names_the_address_when_there_is_no_name(audit):
    result = audit(
        compliant_account("sport", substitute_name=None, substitute_email="k.weg@zeist.nl"),
        staff=STAFF_WITH_LEAVERS,
    )
    (finding,) = [f for f in result.findings_for("OWN004") if f.account_id == "x:sport"]
    assert said(finding) == (
        "vervanger k.weg@zeist.nl is uit dienst",
        "substitute k.weg@zeist.nl left the organisation",
    )
    assert finding.evidence["email"] == PersonRef(name="k.weg@zeist.nl", department="Sport")


def test_own004_passes_for_current_staff_matched_by_address_or_name(audit):
    result = audit(
        compliant_account("byemail", owner_name="A. de Vries"),
        compliant_account(
            "byname", owner_email=None, substitute_name="piet BAKKER", substitute_email=None
        ),
        compliant_account("leaves_later", owner_name="Tom Straks", owner_email="t.straks@zeist.nl"),
        staff=STAFF_WITH_LEAVERS,
    )
    assert result.findings_for("OWN004") == []
    assert "OWN004" not in {s.check_id for s in result.skipped}


def test_own004_passes_over_an_owner_that_own001_reports(audit):
    result = audit(compliant_account("afval", owner_name="Team Afval", owner_email=None))
    assert [f.account_id for f in result.findings_for("OWN001")] == ["x:afval"]
    assert result.findings_for("OWN004") == []


def test_own004_is_skipped_without_staff_list(audit):
    result = audit(compliant_account("sport", owner_name="Kees Weg"), staff=None)
    assert result.findings_for("OWN004") == []
    skipped = {s.check_id: s.reason for s in result.skipped}
    assert skipped["OWN004"]("nl") == "geen medewerkerslijst in het register"
    assert skipped["OWN004"]("en") == "no staff list in the register"


def test_own005_fails_without_or_with_an_unknown_department(audit):
    result = audit(
        compliant_account("nodept", department=None),
        compliant_account("typo", department="Sprot"),
        compliant_account("untyped", type=None, department=None),
    )
    findings = by_account(result.findings_for("OWN005"))
    assert sorted(findings) == ["x:nodept", "x:typo", "x:untyped"]
    assert findings["x:nodept"].evidence == {"reason": "missing", "department": None}
    assert findings["x:typo"].evidence == {
        "reason": "not_in_department_list",
        "department": "Sprot",
    }
    assert said(findings["x:nodept"]) == (
        "geen verantwoordelijke afdeling ingevuld",
        "no responsible department",
    )
    assert said(findings["x:typo"]) == (
        "afdeling 'Sprot' staat niet in de afdelingenlijst",
        "department 'Sprot' is not in the department list",
    )


def test_own005_passes_for_a_listed_department_or_without_a_department_list(audit):
    listed = audit(compliant_account("sport", department="SPORT"))
    assert listed.findings_for("OWN005") == []
    unlisted = audit(compliant_account("jeugd", department="Jeugd"), departments=None)
    assert unlisted.findings_for("OWN005") == []


def test_own006_fails_when_main_account_is_not_run_by_communicatie_and_kcc(
    make_register, audit_files
):
    register = make_register([main(department="Sport", responder="Communicatie")])
    found = {f.subject: f for f in audit_files(register).findings_for("OWN006")}
    assert sorted(found) == ["department", "responder"]
    assert found["department"].account_id == "x:gemeentezeist"
    assert found["department"].evidence == {
        "department": "Sport",
        "expected_department": "Communicatie",
    }
    assert found["responder"].evidence == {"responder": "Communicatie", "expected_responder": "KCC"}
    assert said(found["department"]) == (
        "afdeling is 'Sport' (norm: Communicatie)",
        "department is 'Sport' (expected: Communicatie)",
    )
    assert said(found["responder"]) == (
        "beantwoording door 'Communicatie', niet door KCC",
        "questions answered by 'Communicatie', not by KCC",
    )


def test_own006_says_an_empty_cell_is_empty(make_register, audit_files):
    # It was "afdeling is '–'": a dash in quotes, as if the register held one.
    register = make_register([main(department=None, responder=None)], departments=None)
    found = {f.subject: f for f in audit_files(register).findings_for("OWN006")}
    assert said(found["department"]) == (
        "geen afdeling ingevuld (norm: Communicatie)",
        "no department recorded (expected: Communicatie)",
    )
    assert said(found["responder"]) == (
        "niet ingevuld wie beantwoordt (norm: KCC)",
        "nobody recorded to answer questions (expected: KCC)",
    )


def test_own006_fails_when_kcc_is_only_part_of_a_word(make_register, audit_files):
    register = make_register([main(responder="KCCteam-extern")])
    assert [f.subject for f in audit_files(register).findings_for("OWN006")] == ["responder"]


def test_own006_passes_for_communicatie_and_kcc(make_register, audit_files):
    register = make_register(
        [
            main(responder="kcc (webcare), Communicatie"),
            compliant_account("sport", responder="Afdeling Sport"),  # secondary: not judged
        ]
    )
    assert audit_files(register).findings_for("OWN006") == []


def test_own006_passes_for_the_configured_communications_department(make_register, audit_files):
    register = make_register(
        [main("facebook", "zeist", department="Communicatie & Online")], departments=None
    )
    config = {"organisation": {"communications_department": "Communicatie & Online"}}
    assert audit_files(register, config=config).findings_for("OWN006") == []
    assert [f.subject for f in audit_files(register).findings_for("OWN006")] == ["department"]


@settings(max_examples=200, deadline=None)
@given(
    people=st.lists(st.tuples(st.sampled_from(["", "a", "b"]), st.sampled_from(["", "x", "y"]))),
    staff=st.lists(st.tuples(st.sampled_from(["", "a", "b"]), st.sampled_from(["", "x", "y"]))),
)
def test_people_are_matched_to_staff_as_the_policy_compares(people, staff):
    """The equi-joins pair exactly whom a comparison of every person with every entry would:
    by e-mail when both have one, else by a name."""
    from auditor.checks.ownership import _same_people

    left = pd.DataFrame(people or [], columns=["name_key", "email_key"], dtype=object)
    left.insert(0, "person", range(len(left)))
    right = pd.DataFrame(staff or [], columns=["name_key", "email_key"], dtype=object)
    right["entry"] = range(len(right))
    got = sorted(map(tuple, _same_people(left, right)[["person", "entry"]].to_numpy().tolist()))
    expected = sorted(
        (i, j)
        for i, (name, email) in enumerate(people)
        for j, (staff_name, staff_email) in enumerate(staff)
        if (email == staff_email if email and staff_email else bool(name) and name == staff_name)
    )
    assert got == expected


def test_own001_knows_nobody_by_the_register_readers_words():
    # A frame made elsewhere than by the register reader keeps the words; OWN001 had a list
    # of its own, shorter than the reader's (`niemand`, `n.t.b.`, `volgt` were owners).
    from auditor.checks.ownership import _not_a_person

    for word in ["niemand", "n.t.b.", "volgt", "Vacature", "n.v.t.", "geen", "N/A"]:
        assert _not_a_person(word, None, set()) == ("placeholder", word)
    assert _not_a_person("-", None, set()) == ("no_letters", "-")
    assert _not_a_person("Anna de Vries", None, set()) is None
