"""The README's reference tables are rendered from the code; they must not drift."""

from __future__ import annotations

from auditor.docs import README, render


def test_readme_tables_match_the_code():
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "README is out of date: run `python -m auditor.docs`"


def test_readme_lists_every_check():
    from auditor.engine import registry

    text = README.read_text(encoding="utf-8")
    for check_id in registry():
        assert f"| {check_id} |" in text
