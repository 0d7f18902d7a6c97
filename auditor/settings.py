"""Reading auditor.toml: the file's plain data (`auditor.config`) checked whole, the check
tables against the registry's checks, every error naming its key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from auditor.config import Config, at_setting, in_turn, key_path, pydantic_message
from auditor.engine import registry
from auditor.messages import Message
from auditor.models import Severity
from auditor.problems import InputError
from auditor.toml_file import read_toml


def parse_config(data: dict[str, Any], source: str = "auditor.toml") -> Config:
    problems: list[Message] = []
    config = None
    try:
        config = Config(**data)
    except ValidationError as exc:
        problems = [at_setting(key_path(e["loc"]), pydantic_message(e)) for e in exc.errors()]
    if isinstance(data.get("checks"), dict):
        problems += _validate_checks(data["checks"], source)
    if problems:
        raise InputError(source, in_turn(problems))
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
    return config.model_copy(update={"waivers": waivers})


def _validate_checks(checks: dict[str, Any], source: str) -> list[Message]:
    known = registry()
    problems: list[Message] = []
    for check_id, table in checks.items():
        key = f"checks.{check_id}"
        if check_id not in known:
            problems.append(at_setting(key, Message("config.unknown_check")))
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
            what = Message("config.not_one_of", value=str(severity), choices=choices)
            problems.append(at_setting(f"{key}.severity", what))
        try:
            known[check_id].params_model(**raw)
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(at_setting(f"{key}.{key_path(err['loc'])}", pydantic_message(err)))
    return problems
