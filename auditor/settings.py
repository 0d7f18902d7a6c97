"""Reading auditor.toml: the file's plain data (`auditor.config`) checked whole, the check
tables against the registry's checks, every error naming its key."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from auditor.config import Config, at_setting, in_turn, key_path, pydantic_message
from auditor.engine import registry
from auditor.messages import Message, languages
from auditor.models import Severity
from auditor.problems import InputError
from auditor.toml_file import read_toml


def parse_config(data: dict[str, Any], source: str = "auditor.toml") -> Config:
    data = _as_meant(data)
    problems: list[Message] = []
    config = None
    try:
        config = Config(**data)
    except ValidationError as exc:
        problems = [at_setting(key_path(e["loc"]), _with_hint(e)) for e in exc.errors()]
    if isinstance(data.get("checks"), dict):
        problems += _validate_checks(data["checks"], source)
    if problems:
        # A check table that is no table is told by the model and by the check's own test:
        # said once.
        unique: list[Message] = []
        for message in problems:
            if message not in unique:
                unique.append(message)
        raise InputError(source, in_turn(unique))
    assert config is not None
    return config


def load_config(path: str | Path | None) -> Config:
    """No file: the defaults. A file: every key checked, errors name the key."""
    if path is None:
        return Config()
    path = Path(path)
    config = parse_config(read_toml(path), path.name)
    # Paths in the file mean the same wherever the audit is started from.
    waivers = [w if w.is_absolute() else path.parent / w for w in config.waivers]
    # Told as the setting it is: the waiver file's own name alone does not say where it was
    # named, nor that a relative name is looked up beside auditor.toml.
    missing = [
        (given, w) for given, w in zip(config.waivers, waivers, strict=True) if not w.exists()
    ]
    if missing:
        given, found = missing[0]
        what = Message("config.waiver_file_missing", file=str(given), place=str(found.resolve()))
        raise InputError(path, at_setting("waivers", what))
    return config.model_copy(update={"waivers": waivers})


def _with_hint(error: dict) -> Message:
    """Pydantic's error in the catalogue's words; an unknown key with the one meant when it
    is close (`timezon` → timezone, `[Organisation]` → organisation)."""
    if error["type"] != "extra_forbidden":
        return pydantic_message(error)
    model: Any = Config
    for part in error["loc"][:-1]:
        field = model.model_fields.get(str(part)) if isinstance(model, type) else None
        model = field.annotation if field is not None else None
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return pydantic_message(error)
    near = _near(error["loc"][-1], list(model.model_fields))
    return Message("config.unknown_key_near", near=near) if near else pydantic_message(error)


def _as_meant(data: dict[str, Any]) -> dict[str, Any]:
    """The check tables as people write them: `[checks.act001]` or `[checks.response-time]`
    for ACT001 and RSP001, a severity as the reports name it (`hoog`, `High`)."""
    checks = data.get("checks")
    if not isinstance(checks, dict):
        return data
    names = {}
    for check_id, check in registry().items():
        names[check_id.casefold()] = check_id
        names[check.meta.name.casefold()] = check_id
    severities = {s.value: s.value for s in Severity} | {
        Message(f"cli.severity.{s.value}")(lang).casefold(): s.value
        for s in Severity
        for lang in languages()
    }
    meant: dict[str, Any] = {}
    for key, table in checks.items():
        check_id = names.get(str(key).casefold(), key)
        if check_id in meant:  # written twice in two spellings: told as the unknown one
            check_id = key
        if isinstance(table, dict) and isinstance(table.get("severity"), str):
            word = table["severity"].strip().casefold()
            table = {**table, "severity": severities.get(word, table["severity"])}
        meant[check_id] = table
    return {**data, "checks": meant}


def _validate_checks(checks: dict[str, Any], source: str) -> list[Message]:
    known = registry()
    problems: list[Message] = []
    for check_id, table in checks.items():
        key = f"checks.{check_id}"
        if check_id not in known:
            near = difflib.get_close_matches(str(check_id).upper(), list(known), n=1)
            what = (
                Message("config.unknown_check_near", near=near[0])
                if near
                else Message("config.unknown_check")
            )
            problems.append(at_setting(key, what))
            continue
        if not isinstance(table, dict):
            problems.append(at_setting(key, Message("config.expected_table")))
            continue
        raw = dict(table)
        enabled = raw.pop("enabled", True)
        if not isinstance(enabled, bool):
            problems.append(at_setting(f"{key}.enabled", Message("config.expected_boolean")))
        severity = raw.pop("severity", None)
        if severity is not None and severity not in {s.value for s in Severity}:
            choices = [s.value for s in Severity]
            words = [Message(f"cli.severity.{s}") for s in choices]
            what = Message(
                "config.not_a_severity", value=str(severity), choices=choices, words=words
            )
            problems.append(at_setting(f"{key}.severity", what))
        try:
            known[check_id].params_model(**raw)
        except ValidationError as exc:
            fields = [*known[check_id].params_model.model_fields, "enabled", "severity"]
            for err in exc.errors():
                what = pydantic_message(err)
                if err["type"] == "extra_forbidden" and (near := _near(err["loc"][-1], fields)):
                    what = Message("config.unknown_key_near", near=near)
                problems.append(at_setting(f"{key}.{key_path(err['loc'])}", what))
    return problems


def _near(given: object, names: list[str]) -> str | None:
    """The name meant by a mistyped one: the same in another case, else a close one."""
    word = str(given).casefold()
    same = [n for n in names if n.casefold() == word]
    return (same or difflib.get_close_matches(word, names, n=1, cutoff=0.75) or [None])[0]
