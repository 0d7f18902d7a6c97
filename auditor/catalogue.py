"""The check catalogue, rendered from the registry: `auditor checks`, `auditor explain`, and the
rows the reports and README show. Check metadata is written once, beside the check."""

from __future__ import annotations

import difflib
import re
import textwrap
from typing import Any

from auditor.config import Config
from auditor.engine import Check, check_settings, registry
from auditor.messages import DEFAULT_LANG, KCC, TEAM, Message, has, languages, text
from auditor.problems import InputError

WIDTH = 88


def label(key: str, lang: str) -> str:
    """A word of `auditor checks` and `auditor explain`, from the catalogue's `explain` section."""
    return text(f"explain.{key}", lang)


def family_name(family: str, lang: str) -> str:
    """A check family as a reader names it (`ownership` → eigenaarschap); one the catalogue
    does not know, by its id."""
    key = f"family.{family}"
    return text(key, lang) if has(key, lang) else family


def severity_word(severity: str, lang: str) -> str:
    """A severity as the reports and the run's summary say it (`high` → hoog)."""
    return text(f"cli.severity.{severity}", lang)


def find_check(check_id: str, config: Config | None = None) -> Check:
    """A check by id (any case), by name or by title; an unknown one is a usage error with
    suggestions. A title is known as the defaults word it and as `config`'s reports show it,
    naming its communications department and KCC."""
    checks = registry()
    wanted = check_id.strip()
    by_name = {c.meta.name: c for c in checks.values()}
    found = checks.get(wanted.upper()) or by_name.get(wanted.lower())
    if found is None and (spelled := _ID_SPELLED.fullmatch(wanted)):
        # `OWN-002`, `own 2`, `OWN_002`: the id as people write it from a report or a memo.
        found = checks.get(f"{spelled[1].upper()}{int(spelled[2]):03d}")
    if found is None:
        # A check's title as the reports show it, in any language (`Geen vervanger`).
        org = (config or Config()).organisation
        titles = {
            _folded(meta.title(lang)): c
            for c in checks.values()
            for meta in (c.meta, c.meta.for_team(org.communications_department, org.kcc))
            for lang in languages()
        }
        found = titles.get(_folded(wanted))
    if found is not None:
        return found
    close = difflib.get_close_matches(wanted.upper(), list(checks), n=3, cutoff=0.5)
    close += difflib.get_close_matches(wanted.lower(), list(by_name), n=3, cutoff=0.6)
    if close:
        raise InputError(None, Message("explain.unknown_check_close", check=wanted, close=close))
    raise InputError(None, Message("explain.unknown_check", check=wanted))


_ID_SPELLED = re.compile(r"\s*([A-Za-z]{3})[\s_.-]+0*(\d{1,3})\s*")


def _folded(words: str) -> str:
    return " ".join(words.casefold().split())


def _format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def param_description(
    check_id: str, name: str, lang: str = DEFAULT_LANG, config: Config | None = None
) -> str:
    """A threshold's description, from the catalogue entry `<check id>.param.<name>`."""
    key = f"{check_id}.param.{name}"
    org = (config or Config()).organisation
    return (
        text(key, lang, **{TEAM: org.communications_department, KCC: org.kcc})
        if has(key, lang)
        else ""
    )


def check_params(
    check: Check, config: Config | None = None, lang: str = "en"
) -> list[dict[str, Any]]:
    """Every threshold of a check: its current value (from config), default and description."""
    current = check_settings(config or Config(), check.meta.id).params
    return [
        {
            "name": name,
            "value": getattr(current, name),
            "default": field.get_default(call_default_factory=True),
            "description": param_description(check.meta.id, name, lang, config),
        }
        for name, field in check.params_model.model_fields.items()
    ]


def catalogue_rows(config: Config | None = None, lang: str = DEFAULT_LANG) -> list[dict[str, Any]]:
    """One row per check in one language, with the settings in force: for reports and README."""
    config = config or Config()
    rows = []
    team = config.organisation.communications_department
    for check_id, check in registry().items():
        meta = check.meta.for_team(team, config.organisation.kcc)
        settings = check_settings(config, check_id)
        params = check_params(check, config, lang)
        rows.append(
            {
                "id": check_id,
                "name": meta.name,
                "family": meta.family,
                "severity": settings.severity.value,
                "default_severity": meta.severity.value,
                "enabled": settings.enabled,
                "extra": meta.extra,
                "title": meta.title(lang),
                "what": meta.what(lang),
                "why": meta.why(lang),
                "fix": meta.fix(lang),
                "policy_section": meta.policy.section,
                "policy_quote": meta.policy.quote,
                "policy_source": meta.policy.source,
                "params": params,
                "params_text": "; ".join(
                    f"{p['name']} = {_format_value(p['value'])}" for p in params
                ),
            }
        )
    return rows


def checks_json(config: Config | None = None) -> list[dict[str, Any]]:
    """The catalogue in both languages, JSON-ready (`auditor checks --json`)."""
    config = config or Config()
    out = []
    team = config.organisation.communications_department
    for check_id, check in registry().items():
        meta = check.meta.for_team(team, config.organisation.kcc)
        settings = check_settings(config, check_id)
        out.append(
            {
                "id": check_id,
                "name": meta.name,
                "family": meta.family,
                "severity": settings.severity.value,
                "default_severity": meta.severity.value,
                "enabled": settings.enabled,
                "extra": meta.extra,
                **{
                    key: {lang: getattr(meta, key)(lang) for lang in languages()}
                    for key in ("title", "what", "why", "fix")
                },
                "policy": meta.policy.model_dump(),
                "params": [
                    {**p, "value": _jsonable(p["value"]), "default": _jsonable(p["default"])}
                    for p in check_params(check, config)
                ],
            }
        )
    return out


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return str(value)


def render_checks_table(lang: str = DEFAULT_LANG, config: Config | None = None) -> str:
    """`auditor checks`: one line per check, aligned for a terminal."""
    rows = catalogue_rows(config, lang)
    table = [[label(f"header.{k}", lang) for k in ("id", "name", "severity", "title")]]
    for row in rows:
        title = row["title"]
        if row["extra"]:
            title += " (extra)"
        if not row["enabled"]:
            title += f" [{label('disabled', lang)}]"
        table.append([row["id"], row["name"], severity_word(row["severity"], lang), title])
    widths = [max(len(line[i]) for line in table) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _paragraph(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_explain(check_id: str, config: Config | None = None, lang: str = DEFAULT_LANG) -> str:
    """`auditor explain ID`: what, why (with the policy quote), how to fix, thresholds."""
    config = config or Config()
    check = find_check(check_id, config)
    row = next(r for r in catalogue_rows(config, lang) if r["id"] == check.meta.id)
    head = f"{row['id']} {row['name']} — {row['title']}"
    severity = severity_word(row["severity"], lang)
    if row["severity"] != row["default_severity"]:
        severity += f" ({label('default', lang)} {severity_word(row['default_severity'], lang)})"
    facts = [
        f"{label('severity', lang)}: {severity}",
        f"{label('family', lang)}: {family_name(row['family'], lang)}",
    ]
    if row["extra"]:
        facts.append(label("extra", lang))
    if not row["enabled"]:
        facts.append(label("disabled", lang))
    out = [head, "=" * len(head), " · ".join(facts), ""]
    out += [label("what", lang), _paragraph(row["what"]), ""]
    out += [label("why", lang), _paragraph(row["why"]), ""]
    out += [
        _paragraph(f"{label('policy', lang)} ({row['policy_section']}):"),
        _paragraph(f"“{row['policy_quote']}”", "    "),
        "",
    ]
    if row["policy_source"]:
        out += [_paragraph(f"{label('source', lang)}: {row['policy_source']}"), ""]
    out += [label("fix", lang), _paragraph(row["fix"]), ""]
    out.append(label("params", lang))
    if not row["params"]:
        out.append(f"  {label('no_params', lang)}")
    for p in row["params"]:
        value = _format_value(p["value"])
        line = f"  {p['name']} = {value}"
        if p["value"] != p["default"]:
            line += f"  ({label('default', lang)} {_format_value(p['default'])})"
        out.append(line)
        if p["description"]:
            out.append(_paragraph(p["description"], "      "))
    out += ["", f"{label('configure', lang)} [checks.{row['id']}]"]
    return "\n".join(out) + "\n"
