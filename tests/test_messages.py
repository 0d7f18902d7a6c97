"""The one catalogue: every language holds the same entries with the same placeholders, every
key the code asks for exists, and values are written the way each language writes them."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from auditor import messages
from auditor.engine import registry
from auditor.messages import AccountRef, Hidden, Message, PersonRef, UnknownKey

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*ROOT.glob("auditor/**/*.py"), *ROOT.glob("checks/*.py"), *ROOT.glob("reports/*.py")]


def _placeholders(entry) -> set[str]:
    forms = entry.values() if isinstance(entry, dict) else [entry]
    names = set()
    for form in forms:
        for _, field, _, _ in string.Formatter().parse(form):
            if field:
                names.add(field.split(".")[0].split("[")[0])
    return names


def test_there_are_dutch_and_english_catalogues():
    assert {"nl", "en"} <= set(messages.languages())


@pytest.mark.parametrize("lang", messages.languages())
def test_every_language_has_every_entry_with_the_same_placeholders(lang):
    reference = messages.catalogue("nl")
    entries = messages.catalogue(lang)
    assert sorted(entries.keys() ^ reference.keys()) == []
    differing = [
        key
        for key, entry in reference.items()
        # A sentence an older version kept as text holds each language's text as a value.
        if key != messages.STORED_TEXT
        and _placeholders(entry) - {"count"} != _placeholders(entries[key]) - {"count"}
    ]
    assert differing == []


@pytest.mark.parametrize("lang", messages.languages())
def test_plural_entries_have_every_form_the_language_uses(lang):
    tags = Locale.parse(lang).plural_form.tags | {"other"}
    incomplete = [
        key
        for key, entry in messages.catalogue(lang).items()
        if isinstance(entry, dict) and not tags <= set(entry)
    ]
    assert incomplete == []


def test_every_check_has_its_texts_and_parameter_descriptions():
    missing = []
    for check_id, check in registry().items():
        for lang in messages.languages():
            for part in ("title", "what", "why", "fix"):
                if not messages.has(f"{check_id}.{part}", lang):
                    missing.append(f"{lang}:{check_id}.{part}")
            for name in check.params_model.model_fields:
                if not messages.has(f"{check_id}.param.{name}", lang):
                    missing.append(f"{lang}:{check_id}.param.{name}")
    assert missing == []


_KEY = re.compile(r"""\bMessage\(\s*f?["']([A-Za-z0-9_.{}]+)["']""")


def test_every_key_the_code_names_exists():
    used = set()
    for path in SOURCES:
        used |= set(_KEY.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 50, "the pattern no longer finds the code's message keys"
    literal = {k for k in used if "{" not in k}
    known = messages.catalogue("nl").keys()
    assert sorted(literal - known) == []


def test_no_sentence_is_written_in_the_code():
    """The old bilingual pairs and per-language branches are gone: words live in the catalogue."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in SOURCES
        if re.search(r"\bText\(\s*nl=|\bnl=f?\"|json_schema_extra=\{\"nl\"", path.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "1.234,5 · 30-09-2026 · 26 % · rij 1234"),
        ("en", "1,234.5 · 2026-09-30 · 26 % · row 1234"),
    ],
)
def test_values_are_written_as_the_language_writes_them(lang, expected):
    day = dt.date(2026, 9, 30)
    parts = [
        messages.show(1234.5, lang),
        messages.show(day, lang),
        messages.number(0.256, lang, "%"),
        messages.text("problem.place.file_row", lang, file="", row=1234).strip(" ›"),
    ]
    assert " · ".join(parts) == expected


def test_references_render_as_names_and_hidden_ones_as_another_department():
    account = AccountRef(account_id="x:gemeentezeist", department="Communicatie")
    person = PersonRef(name="Anne de Vries", department="Communicatie")
    assert messages.show([account, person], "en") == "x:gemeentezeist, Anne de Vries"
    assert messages.show(Hidden(), "nl") == "[andere afdeling]"
    assert messages.show(Hidden(kind="person"), "en") == "[other department]"


def test_an_unknown_key_is_an_error_not_a_blank():
    with pytest.raises(UnknownKey):
        Message("no.such.entry")("nl")


_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**9), 10**9),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.text(max_size=20),
        st.dates(),
        st.builds(
            AccountRef,
            account_id=st.text(min_size=1, max_size=10),
            department=st.none() | st.text(max_size=8),
        ),
        st.builds(
            PersonRef,
            name=st.text(min_size=1, max_size=10),
            department=st.none() | st.text(max_size=8),
        ),
        st.just(Hidden()),
    ),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), _values, max_size=4))
def test_a_stored_message_comes_back_the_same(params):
    message = Message("common.yes", **params)
    assert Message.from_store(message.to_store()) == message


def test_dutch_says_u_never_je():
    """One form of address: the polite u, as a municipality writes to its staff."""
    informal = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
    found = [
        key
        for key, entry in messages.catalogue("nl").items()
        for form in (entry.values() if isinstance(entry, dict) else [entry])
        if informal.search(form)
    ]
    assert found == []
