"""WCAG 3.1.2, language of parts: the policy is Dutch and quoted as written, so its quotes and
section names are marked Dutch in an English report; the report's own words around them are
not (a screen reader would read "From the policy" with Dutch sounds)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from auditor.reports import write_reports
from tests.sample_audit import CHECKS, sample_result

VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "col", "area", "base", "source"}


class _Languages(HTMLParser):
    """Each piece of text with the language of the element it stands in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
        self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and self.stack:
            self.texts.append((data.strip(), self.stack[-1][1]))


def languages_of(page: Path) -> list[tuple[str, str]]:
    parser = _Languages()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.texts


def test_an_english_report_marks_the_dutch_policy_and_nothing_else_dutch(tmp_path):
    write_reports(sample_result("en"), tmp_path, checks=CHECKS)
    texts = languages_of(tmp_path / "index.html")
    own_words = [lang for text, lang in texts if text.startswith("From the policy")]
    assert own_words and set(own_words) == {"en"}
    quotes = [lang for text, lang in texts if text.startswith("“")]
    assert quotes and set(quotes) == {"nl"}
    sections = [lang for text, lang in texts if text == "2. Hoe organiseren we het gebruik?"]
    assert sections and set(sections) == {"nl"}


def test_the_checks_explain_themselves_without_the_settings_file_s_keys(tmp_path):
    # A manager's pack said STY001 compares the name with "`naming_pattern` en `naming_rule`
    # onder `[house_style]` in de instellingen": words of the settings file, not of the reader.
    from auditor.engine import registry
    from auditor.messages import languages

    said = {
        (check_id, lang, part): getattr(check.meta, part)(lang)
        for check_id, check in registry().items()
        for lang in languages()
        for part in ("title", "what", "why", "fix")
    }
    assert [key for key, text in said.items() if "`" in text or "[house_style]" in text] == []
